"""TagResource, UntagResource and ListTagsForResource on ACME endpoints, domain validations
and external account bindings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.services.acm.acme_helpers import (
    MISSING_ENDPOINT,
    needs_acme,
    new_binding,
    new_endpoint,
    new_validation,
)
from tests.services.acm.helpers import NOW, error_of, import_self_signed

pytestmark = [pytest.mark.certmock(now=NOW), needs_acme]

RESOURCES: dict[str, Callable[[Any], str]] = {
    "endpoint": new_endpoint,
    "domain validation": lambda acm: new_validation(acm, new_endpoint(acm)),
    "external account binding": lambda acm: new_binding(acm, new_endpoint(acm)),
}


@pytest.fixture(params=list(RESOURCES))
def resource(request: pytest.FixtureRequest, acm: Any) -> str:
    return RESOURCES[request.param](acm)


def tags_of(acm: Any, arn: str) -> list[dict[str, str]]:
    found: list[dict[str, str]] = acm.list_tags_for_resource(ResourceArn=arn)["Tags"]
    return found


def test_a_new_resource_has_no_tags(acm: Any, resource: str) -> None:
    assert tags_of(acm, resource) == []


def test_tags_are_added_replaced_and_removed(acm: Any, resource: str) -> None:
    acm.tag_resource(
        ResourceArn=resource,
        Tags=[{"Key": "env", "Value": "dev"}, {"Key": "team", "Value": "pki"}, {"Key": "bare"}],
    )
    acm.tag_resource(ResourceArn=resource, Tags=[{"Key": "env", "Value": "prod"}])
    assert tags_of(acm, resource) == [
        {"Key": "env", "Value": "prod"},
        {"Key": "team", "Value": "pki"},
        {"Key": "bare"},
    ]
    acm.untag_resource(ResourceArn=resource, TagKeys=["team", "not-there"])
    assert tags_of(acm, resource) == [{"Key": "env", "Value": "prod"}, {"Key": "bare"}]


def test_fifty_tags_are_the_most(acm: Any, resource: str) -> None:
    acm.tag_resource(ResourceArn=resource, Tags=[{"Key": f"k{n}", "Value": "v"} for n in range(50)])
    with pytest.raises(ClientError) as raised:
        acm.tag_resource(ResourceArn=resource, Tags=[{"Key": "one-more", "Value": "v"}])
    assert error_of(raised)[0] == "ServiceQuotaExceededException"
    assert len(tags_of(acm, resource)) == 50


def test_reserved_keys_are_refused(acm: Any, resource: str) -> None:
    with pytest.raises(ClientError) as raised:
        acm.tag_resource(ResourceArn=resource, Tags=[{"Key": "aws:cloudformation:stack-name"}])
    assert error_of(raised)[0] == "ValidationException"
    assert tags_of(acm, resource) == []


@pytest.mark.parametrize(
    "arn",
    [
        MISSING_ENDPOINT,
        f"{MISSING_ENDPOINT}/acme-domain-validation/00000000-0000-4000-8000-000000000001",
        f"{MISSING_ENDPOINT}/acme-external-account-binding/00000000-0000-4000-8000-000000000002",
    ],
    ids=["endpoint", "domain validation", "external account binding"],
)
@pytest.mark.parametrize(
    "call",
    [
        lambda acm, arn: acm.list_tags_for_resource(ResourceArn=arn),
        lambda acm, arn: acm.tag_resource(ResourceArn=arn, Tags=[{"Key": "k"}]),
        lambda acm, arn: acm.untag_resource(ResourceArn=arn, TagKeys=["k"]),
    ],
    ids=["list", "tag", "untag"],
)
def test_an_unknown_acme_resource_is_not_found(acm: Any, arn: str, call: Any) -> None:
    with pytest.raises(ClientError) as raised:
        call(acm, arn)
    assert error_of(raised)[0] == "ResourceNotFoundException"


def test_tags_go_with_a_deleted_resource(acm: Any) -> None:
    endpoint = new_endpoint(acm)
    acm.tag_resource(ResourceArn=endpoint, Tags=[{"Key": "k", "Value": "v"}])
    acm.delete_acme_endpoint(AcmeEndpointArn=endpoint)
    with pytest.raises(ClientError) as raised:
        tags_of(acm, endpoint)
    assert error_of(raised)[0] == "ResourceNotFoundException"


def test_certificates_and_acme_resources_keep_separate_tags(acm: Any) -> None:
    certificate = import_self_signed(acm)
    endpoint = new_endpoint(acm)
    acm.tag_resource(ResourceArn=certificate, Tags=[{"Key": "kind", "Value": "certificate"}])
    acm.tag_resource(ResourceArn=endpoint, Tags=[{"Key": "kind", "Value": "endpoint"}])
    assert tags_of(acm, certificate) == [{"Key": "kind", "Value": "certificate"}]
    assert tags_of(acm, endpoint) == [{"Key": "kind", "Value": "endpoint"}]
