"""TagResources and UntagResources: each resource through its own service's rules, a refusal
failing that resource alone."""

from __future__ import annotations

from typing import Any

import boto3
import pytest

from tests.services.tagging.helpers import (
    ACM,
    KINDS,
    MAX_ARNS_PER_TAG_CALL,
    MAX_TAGS,
    PCA,
    REGION,
    Kind,
    missing_arn,
)


@pytest.mark.parametrize("kind", KINDS)
def test_tags_set_here_are_the_resources_own(tagging: Any, kind: Kind) -> None:
    arn = kind.create({"team": "old"})
    answer = tagging.tag_resources(ResourceARNList=[arn], Tags={"team": "new", "env": "prod"})
    assert answer["FailedResourcesMap"] == {}
    assert kind.own_tags(arn) == {"team": "new", "env": "prod"}


@pytest.mark.parametrize("kind", KINDS)
def test_untag_removes_keys_whatever_their_value_and_ignores_absent_ones(
    tagging: Any, kind: Kind
) -> None:
    arn = kind.create({"team": "edge", "env": "prod"})
    answer = tagging.untag_resources(ResourceARNList=[arn], TagKeys=["team", "absent"])
    assert answer["FailedResourcesMap"] == {}
    assert kind.own_tags(arn) == {"env": "prod"}


@pytest.mark.parametrize("kind", KINDS)
def test_a_reserved_key_fails_that_resource_with_its_services_code(
    tagging: Any, kind: Kind
) -> None:
    arn = kind.create({})
    other = ACM.create({}) if kind is not ACM else PCA.create({})
    answer = tagging.tag_resources(ResourceARNList=[arn], Tags={"aws:team": "x"})
    failure = answer["FailedResourcesMap"][arn]
    assert failure["ErrorCode"] == kind.invalid_tag_code
    assert failure["StatusCode"] == kind.status(kind.invalid_tag_code)
    assert "aws:" in failure["ErrorMessage"]
    assert kind.own_tags(arn) == {}
    # The other resource of the same request is tagged all the same.
    fine = tagging.tag_resources(ResourceARNList=[arn, other], Tags={"team": "x"})
    assert fine["FailedResourcesMap"] == {}


@pytest.mark.parametrize("kind", KINDS)
def test_passing_the_services_tag_limit_fails_and_changes_nothing(tagging: Any, kind: Kind) -> None:
    full = {f"key-{i}": "v" for i in range(MAX_TAGS)}
    arn = kind.create(full)
    answer = tagging.tag_resources(ResourceARNList=[arn], Tags={"one-more": "v"})
    assert answer["FailedResourcesMap"][arn]["ErrorCode"] == kind.too_many_tags_code
    assert kind.own_tags(arn) == full


@pytest.mark.parametrize("kind", KINDS)
def test_a_missing_resource_fails_with_its_services_not_found_code(
    tagging: Any, kind: Kind
) -> None:
    missing = missing_arn(kind)
    for answer in (
        tagging.tag_resources(ResourceARNList=[missing], Tags={"k": "v"}),
        tagging.untag_resources(ResourceARNList=[missing], TagKeys=["k"]),
    ):
        failure = answer["FailedResourcesMap"][missing]
        assert failure["ErrorCode"] == kind.not_found_code
        assert failure["StatusCode"] == kind.status(kind.not_found_code)


@pytest.mark.parametrize("kind", KINDS)
def test_a_resource_of_another_region_is_not_tagged_from_here(kind: Kind, certmock: Any) -> None:
    arn = kind.create({})
    elsewhere = boto3.client("resourcegroupstaggingapi", region_name="us-east-1")
    answer = elsewhere.tag_resources(ResourceARNList=[arn], Tags={"k": "v"})
    assert answer["FailedResourcesMap"][arn]["ErrorCode"] == "InvalidParameterException"
    assert kind.own_tags(arn) == {}


def test_a_deleted_ca_refuses_tags_as_acm_pca_does(tagging: Any) -> None:
    pca = boto3.client("acm-pca", region_name=REGION)
    arn = PCA.create({})
    pca.delete_certificate_authority(CertificateAuthorityArn=arn)
    answer = tagging.tag_resources(ResourceARNList=[arn], Tags={"k": "v"})
    assert answer["FailedResourcesMap"][arn]["ErrorCode"] == "InvalidStateException"


def test_a_resource_certmock_does_not_model_fails_as_not_supported(tagging: Any) -> None:
    arn = "arn:aws:sqs:eu-west-1:123456789012:queue"
    answer = tagging.tag_resources(ResourceARNList=[arn], Tags={"k": "v"})
    assert answer["FailedResourcesMap"][arn]["ErrorCode"] == "InternalServiceException"


@pytest.mark.parametrize(
    "arn", ["not-an-arn", "arn:aws-cn:acm:cn-north-1:123456789012:certificate/x"]
)
def test_a_malformed_arn_or_another_partition_refuses_the_request(tagging: Any, arn: str) -> None:
    good = ACM.create({})
    with pytest.raises(tagging.exceptions.InvalidParameterException):
        tagging.tag_resources(ResourceARNList=[good, arn], Tags={"k": "v"})
    assert ACM.own_tags(good) == {}


def test_the_model_limits_the_arns_of_one_call(tagging: Any) -> None:
    arns = [ACM.create({}) for _ in range(MAX_ARNS_PER_TAG_CALL + 1)]
    with pytest.raises(tagging.exceptions.InvalidParameterException):
        tagging.tag_resources(ResourceARNList=arns, Tags={"k": "v"})
    answer = tagging.tag_resources(ResourceARNList=arns[:-1], Tags={"k": "v"})
    assert answer["FailedResourcesMap"] == {}
