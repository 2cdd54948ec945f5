"""GetResources: tagged and once-tagged resources of every taggable type, by tag and type."""

from __future__ import annotations

from typing import Any

import boto3
import pytest

from certmock import Mock
from tests.services.tagging.helpers import (
    ACM,
    APIGATEWAY,
    KINDS,
    PCA,
    REGION,
    Kind,
    error_of,
    listed,
    tags_of,
)


@pytest.mark.parametrize("kind", KINDS)
def test_a_tagged_resource_is_listed_with_its_tags_and_an_untagged_one_is_not(
    tagging: Any, kind: Kind
) -> None:
    tagged = kind.create({"team": "edge", "env": "prod"})
    kind.create({})
    assert listed(tagging) == {tagged: {"team": "edge", "env": "prod"}}


@pytest.mark.parametrize("kind", KINDS)
def test_a_resource_that_lost_every_tag_is_listed_with_none(tagging: Any, kind: Kind) -> None:
    arn = kind.create({"team": "edge"})
    tagging.untag_resources(ResourceARNList=[arn], TagKeys=["team"])
    assert listed(tagging) == {arn: {}}
    assert listed(tagging, TagFilters=[{"Key": "team"}]) == {}


@pytest.mark.parametrize("kind", KINDS)
def test_a_resource_type_filter_takes_the_type_or_its_service(tagging: Any, kind: Kind) -> None:
    mine = kind.create({"k": "v"})
    for other in (ACM, PCA, APIGATEWAY):
        if other is not kind:
            other.create({"k": "v"})
    service = kind.resource_type.split(":")[0]
    assert list(listed(tagging, ResourceTypeFilters=[kind.resource_type])) == [mine]
    assert mine in listed(tagging, ResourceTypeFilters=[service])
    assert listed(tagging, ResourceTypeFilters=[f"{service}:no-such-type"]) == {}


def test_tag_filters_all_hold_and_a_filters_values_are_alternatives(tagging: Any) -> None:
    blue = ACM.create({"team": "blue", "env": "prod"})
    red = PCA.create({"team": "red", "env": "prod"})
    green = APIGATEWAY.create({"team": "green"})
    assert set(listed(tagging, TagFilters=[{"Key": "team", "Values": ["blue", "red"]}])) == {
        blue,
        red,
    }
    both = [{"Key": "team", "Values": ["blue", "green"]}, {"Key": "env"}]
    assert set(listed(tagging, TagFilters=both)) == {blue}
    assert set(listed(tagging, TagFilters=[{"Key": "team"}])) == {blue, red, green}


def test_an_acm_tag_without_a_value_is_listed_with_an_empty_one(tagging: Any) -> None:
    acm = boto3.client("acm", region_name=REGION)
    arn = ACM.create({})
    acm.add_tags_to_certificate(CertificateArn=arn, Tags=[{"Key": "flag"}])
    assert listed(tagging) == {arn: {"flag": ""}}
    assert set(listed(tagging, TagFilters=[{"Key": "flag", "Values": [""]}])) == {arn}


def test_resource_arn_list_returns_the_named_tagged_resources_and_skips_the_rest(
    tagging: Any,
) -> None:
    first = ACM.create({"a": "1"})
    second = APIGATEWAY.create({"b": "2"})
    untagged = PCA.create({})
    missing = first[:-4] + "0000"
    found = tagging.get_resources(ResourceARNList=[second, untagged, missing, first])
    assert [m["ResourceARN"] for m in found["ResourceTagMappingList"]] == [second, first]
    assert tags_of(found["ResourceTagMappingList"][0]) == {"b": "2"}


@pytest.mark.parametrize(
    "other",
    [
        {"TagFilters": [{"Key": "k"}]},
        {"ResourceTypeFilters": ["acm"]},
        {"ResourcesPerPage": 1},
        {"TagsPerPage": 100},
        {"PaginationToken": "x"},
    ],
    ids=lambda other: next(iter(other)),
)
def test_resource_arn_list_cannot_be_combined_with_filters_or_pages(
    tagging: Any, other: dict[str, Any]
) -> None:
    arn = ACM.create({"a": "1"})
    with pytest.raises(tagging.exceptions.InvalidParameterException) as raised:
        tagging.get_resources(ResourceARNList=[arn], **other)
    assert next(iter(other)) in error_of(raised)[1]


def test_a_tag_filter_needs_a_key(tagging: Any) -> None:
    with pytest.raises(tagging.exceptions.InvalidParameterException):
        tagging.get_resources(TagFilters=[{"Values": ["v"]}])


def test_excluding_compliant_resources_needs_compliance_details(tagging: Any) -> None:
    with pytest.raises(tagging.exceptions.InvalidParameterException):
        tagging.get_resources(ExcludeCompliantResources=True)


def test_without_tag_policies_every_resource_is_compliant(tagging: Any) -> None:
    arn = ACM.create({"a": "1"})
    found = tagging.get_resources(IncludeComplianceDetails=True)["ResourceTagMappingList"]
    assert [m["ResourceARN"] for m in found] == [arn]
    assert found[0]["ComplianceDetails"]["ComplianceStatus"] is True
    assert found[0]["ComplianceDetails"]["NoncompliantKeys"] == []
    excluded = tagging.get_resources(IncludeComplianceDetails=True, ExcludeCompliantResources=True)
    assert excluded["ResourceTagMappingList"] == []


def test_resources_of_another_account_or_region_are_not_listed(certmock: Mock) -> None:
    ACM.create({"a": "1"})
    elsewhere = boto3.client("resourcegroupstaggingapi", region_name="us-east-1")
    assert listed(elsewhere) == {}
    other_account = boto3.client(
        "resourcegroupstaggingapi",
        region_name=REGION,
        aws_access_key_id="210987654321",
        aws_secret_access_key="x",
    )
    assert listed(other_account) == {}
