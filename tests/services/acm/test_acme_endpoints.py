"""ACME endpoints: CreateAcmeEndpoint, DescribeAcmeEndpoint, UpdateAcmeEndpoint,
DeleteAcmeEndpoint, ListAcmeEndpoints, and their waiters."""

from __future__ import annotations

import datetime as dt
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError, EndpointResolutionError

from certmock import Mock, mock_acm
from certmock.services.acm.control import AcmControl
from tests.model_facts import enum, input_member, maximum, named_shape
from tests.services.acm.acme_helpers import (
    MISSING_ENDPOINT,
    PUBLIC_CA,
    describe_binding,
    describe_endpoint,
    describe_validation,
    needs_acme,
    new_binding,
    new_endpoint,
    new_validation,
    register,
)
from tests.services.acm.helpers import NOW, REGION, error_of

pytestmark = [pytest.mark.certmock(now=NOW), needs_acme]

UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"


# -- creating ---------------------------------------------------------------------------------
def test_a_new_endpoint_is_active_with_a_directory_url(acm: Any) -> None:
    arn = new_endpoint(acm)
    assert arn.startswith("arn:aws:acm:eu-west-1:123456789012:acme-endpoint/")
    endpoint_id = arn.rsplit("/", 1)[1]
    described = describe_endpoint(acm, arn)
    assert described["AcmeEndpointArn"] == arn
    assert described["Status"] == "ACTIVE"
    assert (
        described["EndpointUrl"]
        == f"https://acm-acme-enroll.eu-west-1.api.aws/{endpoint_id}/directory"
    )
    assert described["CreatedAt"] == described["UpdatedAt"] == NOW
    assert "FailureReason" not in described


def test_endpoint_ids_are_uuids(acm: Any) -> None:
    import re

    assert re.fullmatch(UUID, new_endpoint(acm).rsplit("/", 1)[1])


def allowed_key_algorithms() -> list[str]:
    """What the model lets an endpoint's public CA allow (PublicKeyAlgorithm)."""
    return enum(
        input_member(
            "acm",
            "CreateAcmeEndpoint",
            "CertificateAuthority",
            "PublicCertificateAuthority",
            "AllowedKeyAlgorithms",
            "member",
        )
    )


def test_defaults_allow_every_public_key_algorithm_and_require_no_contact(acm: Any) -> None:
    described = describe_endpoint(acm, new_endpoint(acm))
    assert described["AuthorizationBehavior"] == "PRE_APPROVED"
    assert described["Contact"] == "NOT_REQUIRED"
    assert described["CertificateAuthority"] == {
        "PublicCertificateAuthority": {"AllowedKeyAlgorithms": allowed_key_algorithms()}
    }
    assert "CertificateTags" not in described


def test_the_request_is_echoed(acm: Any) -> None:
    arn = new_endpoint(
        acm,
        Contact="REQUIRED",
        CertificateAuthority={
            "PublicCertificateAuthority": {
                "AllowedKeyAlgorithms": ["EC_prime256v1", "RSA_2048", "EC_prime256v1"]
            }
        },
        CertificateTags=[{"Key": "team", "Value": "web"}, {"Key": "issued-by-acme"}],
    )
    described = describe_endpoint(acm, arn)
    assert described["Contact"] == "REQUIRED"
    assert described["CertificateAuthority"]["PublicCertificateAuthority"][
        "AllowedKeyAlgorithms"
    ] == ["EC_prime256v1", "RSA_2048"]
    assert described["CertificateTags"] == [
        {"Key": "team", "Value": "web"},
        {"Key": "issued-by-acme"},
    ]


def test_tags_given_at_creation_are_the_endpoints_own(acm: Any) -> None:
    arn = new_endpoint(
        acm, Tags=[{"Key": "env", "Value": "dev"}], CertificateTags=[{"Key": "c", "Value": "1"}]
    )
    assert acm.list_tags_for_resource(ResourceArn=arn)["Tags"] == [{"Key": "env", "Value": "dev"}]


def test_no_allowed_key_algorithm_is_refused(acm: Any) -> None:
    with pytest.raises(ClientError) as raised:
        new_endpoint(
            acm, CertificateAuthority={"PublicCertificateAuthority": {"AllowedKeyAlgorithms": []}}
        )
    assert error_of(raised)[0] == "ValidationException"
    assert "AllowedKeyAlgorithms" in error_of(raised)[1]


def test_an_unknown_key_algorithm_is_refused_by_the_model(acm: Any) -> None:
    # A key algorithm ACM knows (KeyAlgorithm) that an endpoint's public CA may not allow.
    unknown = next(
        a for a in enum(named_shape("acm", "KeyAlgorithm")) if a not in allowed_key_algorithms()
    )
    with pytest.raises(ClientError) as raised:
        new_endpoint(
            acm,
            CertificateAuthority={
                "PublicCertificateAuthority": {"AllowedKeyAlgorithms": [unknown]}
            },
        )
    assert error_of(raised)[0] == "ValidationException"
    assert unknown in error_of(raised)[1]


def test_an_unknown_authorization_behavior_is_refused_by_the_model(acm: Any) -> None:
    with pytest.raises(ClientError) as raised:
        new_endpoint(acm, AuthorizationBehavior="CHALLENGE")
    assert error_of(raised)[0] == "ValidationException"


def test_an_empty_certificate_authority_union_is_refused(certmock: Mock) -> None:
    # botocore refuses it before sending; without its checks, certmock does.
    acm = boto3.client("acm", region_name=REGION, config=Config(parameter_validation=False))
    with pytest.raises(ClientError) as raised:
        new_endpoint(acm, CertificateAuthority={})
    assert error_of(raised)[0] == "ValidationException"
    assert "PublicCertificateAuthority" in error_of(raised)[1]


def test_an_update_with_an_empty_certificate_authority_union_is_refused(certmock: Mock) -> None:
    acm = boto3.client("acm", region_name=REGION, config=Config(parameter_validation=False))
    arn = new_endpoint(acm)
    with pytest.raises(ClientError) as raised:
        acm.update_acme_endpoint(AcmeEndpointArn=arn, CertificateAuthority={})
    assert error_of(raised)[0] == "ValidationException"


@pytest.mark.parametrize("member", ["Tags", "CertificateTags"])
def test_reserved_tag_keys_are_refused(acm: Any, member: str) -> None:
    with pytest.raises(ClientError) as raised:
        new_endpoint(acm, **{member: [{"Key": "aws:owner", "Value": "x"}]})
    assert error_of(raised)[0] == "ValidationException"
    assert "aws:" in error_of(raised)[1]
    assert acm.list_acme_endpoints()["AcmeEndpoints"] == []


def test_ten_endpoints_per_region_are_the_most(acm: Any) -> None:
    for _ in range(10):
        new_endpoint(acm)
    with pytest.raises(ClientError) as raised:
        new_endpoint(acm)
    assert error_of(raised)[0] == "ServiceQuotaExceededException"
    other_region = boto3.client("acm", region_name="us-east-1")
    new_endpoint(other_region)


# -- idempotency -----------------------------------------------------------------------------
def test_the_same_token_creates_one_endpoint(acm: Any) -> None:
    first = new_endpoint(acm, IdempotencyToken="token-1")
    assert new_endpoint(acm, IdempotencyToken="token-1") == first
    assert len(acm.list_acme_endpoints()["AcmeEndpoints"]) == 1


def test_the_same_token_with_other_parameters_is_a_conflict(acm: Any) -> None:
    new_endpoint(acm, IdempotencyToken="token-1")
    with pytest.raises(ClientError) as raised:
        new_endpoint(acm, IdempotencyToken="token-1", Contact="REQUIRED")
    assert error_of(raised)[0] == "ConflictException"
    assert "token-1" in error_of(raised)[1]


def test_a_token_lapses_after_an_hour(acm: Any, certmock: Mock) -> None:
    first = new_endpoint(acm, IdempotencyToken="token-1")
    certmock.clock.advance(hours=1)
    assert new_endpoint(acm, IdempotencyToken="token-1") != first


def test_without_a_token_every_call_creates_an_endpoint(acm: Any) -> None:
    # botocore fills in a new token for each call.
    assert new_endpoint(acm) != new_endpoint(acm)


def test_a_deleted_endpoints_token_creates_a_new_one(acm: Any) -> None:
    first = new_endpoint(acm, IdempotencyToken="token-1")
    acm.delete_acme_endpoint(AcmeEndpointArn=first)
    assert new_endpoint(acm, IdempotencyToken="token-1") != first


# -- looking endpoints up --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("operation", "extra"),
    [
        ("describe_acme_endpoint", {}),
        ("update_acme_endpoint", {"Contact": "REQUIRED"}),
        ("list_acme_domain_validations", {}),
        ("list_acme_external_account_bindings", {}),
        ("list_acme_accounts", {}),
        ("create_acme_external_account_binding", {"RoleArn": "arn:aws:iam::123456789012:role/r"}),
        (
            "create_acme_domain_validation",
            {"DomainName": "example.com", "PrevalidationOptions": {"DnsPrevalidation": {}}},
        ),
        ("describe_acme_account", {"AccountUrl": "https://acme.example/acct/1"}),
        ("revoke_acme_account", {"AccountUrl": "https://acme.example/acct/1"}),
    ],
)
def test_an_unknown_endpoint_is_not_found(acm: Any, operation: str, extra: dict[str, Any]) -> None:
    with pytest.raises(ClientError) as raised:
        getattr(acm, operation)(AcmeEndpointArn=MISSING_ENDPOINT, **extra)
    assert error_of(raised) == (
        "ResourceNotFoundException",
        f"Could not find ACME endpoint {MISSING_ENDPOINT}.",
    )


def test_another_regions_endpoint_is_not_found(acm: Any) -> None:
    arn = new_endpoint(boto3.client("acm", region_name="us-east-1"))
    with pytest.raises(ClientError) as raised:
        acm.describe_acme_endpoint(AcmeEndpointArn=arn)
    assert error_of(raised)[0] == "ResourceNotFoundException"


def test_another_accounts_endpoint_is_not_found() -> None:
    with mock_acm(now=NOW, account_id="111111111111"):
        arn = new_endpoint(boto3.client("acm", region_name=REGION))
    with mock_acm(now=NOW):
        acm = boto3.client("acm", region_name=REGION)
        with pytest.raises(ClientError) as raised:
            acm.describe_acme_endpoint(AcmeEndpointArn=arn)
    assert error_of(raised)[0] == "ResourceNotFoundException"


def test_an_arn_of_another_kind_is_refused_by_the_model(acm: Any) -> None:
    with pytest.raises(ClientError) as raised:
        acm.describe_acme_endpoint(
            AcmeEndpointArn="arn:aws:acm:eu-west-1:123456789012:certificate/abc"
        )
    assert error_of(raised)[0] == "ValidationException"


def test_arns_follow_the_partition() -> None:
    with mock_acm(now=NOW):
        acm = boto3.client("acm", region_name="us-gov-west-1")
        try:
            arn = new_endpoint(acm)
        except EndpointResolutionError:
            # Some botocore releases (1.43.x) send ACME to the commercial partition only.
            pytest.skip("this botocore's endpoint rules refuse ACME in aws-us-gov")
        described = describe_endpoint(acm, arn)
    assert arn.startswith("arn:aws-us-gov:acm:us-gov-west-1:123456789012:acme-endpoint/")
    assert described["EndpointUrl"].startswith("https://acm-acme-enroll.us-gov-west-1.api.aws/")


def test_botocore_sends_acme_requests_to_the_aws_and_us_gov_partitions_only() -> None:
    # botocore's endpoint rules refuse before anything is sent (nor is there a FIPS endpoint);
    # their wording differs between releases.
    with mock_acm(now=NOW):
        acm = boto3.client("acm", region_name="cn-north-1")
        with pytest.raises(EndpointResolutionError, match="partition"):
            acm.list_acme_endpoints()


# -- updating --------------------------------------------------------------------------------
def test_update_changes_what_it_is_given(acm: Any, certmock: Mock) -> None:
    arn = new_endpoint(acm, CertificateTags=[{"Key": "team", "Value": "web"}])
    certmock.clock.advance(minutes=5)
    acm.update_acme_endpoint(
        AcmeEndpointArn=arn,
        Contact="REQUIRED",
        CertificateAuthority={"PublicCertificateAuthority": {"AllowedKeyAlgorithms": ["RSA_2048"]}},
    )
    described = describe_endpoint(acm, arn)
    assert described["Contact"] == "REQUIRED"
    assert described["CertificateAuthority"]["PublicCertificateAuthority"][
        "AllowedKeyAlgorithms"
    ] == ["RSA_2048"]
    assert described["CertificateTags"] == [{"Key": "team", "Value": "web"}]
    assert described["CreatedAt"] == NOW
    assert described["UpdatedAt"] == NOW + dt.timedelta(minutes=5)


def test_update_keeps_what_it_is_not_given(acm: Any, certmock: Mock) -> None:
    arn = new_endpoint(acm, Contact="REQUIRED")
    acm.update_acme_endpoint(AcmeEndpointArn=arn, AuthorizationBehavior="PRE_APPROVED")
    described = describe_endpoint(acm, arn)
    assert described["Contact"] == "REQUIRED"
    assert (
        len(described["CertificateAuthority"]["PublicCertificateAuthority"]["AllowedKeyAlgorithms"])
        == 3
    )


def test_an_update_with_nothing_in_it_changes_nothing(acm: Any, certmock: Mock) -> None:
    arn = new_endpoint(acm)
    certmock.clock.advance(minutes=5)
    acm.update_acme_endpoint(AcmeEndpointArn=arn)
    assert describe_endpoint(acm, arn)["UpdatedAt"] == NOW


def test_update_refuses_an_empty_algorithm_list(acm: Any) -> None:
    arn = new_endpoint(acm)
    with pytest.raises(ClientError) as raised:
        acm.update_acme_endpoint(
            AcmeEndpointArn=arn,
            CertificateAuthority={"PublicCertificateAuthority": {"AllowedKeyAlgorithms": []}},
        )
    assert error_of(raised)[0] == "ValidationException"


# -- deleting --------------------------------------------------------------------------------
def test_a_deleted_endpoint_is_gone(acm: Any) -> None:
    arn = new_endpoint(acm)
    acm.delete_acme_endpoint(AcmeEndpointArn=arn)
    with pytest.raises(ClientError) as raised:
        acm.describe_acme_endpoint(AcmeEndpointArn=arn)
    assert error_of(raised)[0] == "ResourceNotFoundException"
    assert acm.list_acme_endpoints()["AcmeEndpoints"] == []
    acm.get_waiter("acme_endpoint_deleted").wait(AcmeEndpointArn=arn)


def test_deleting_what_is_not_there_succeeds(acm: Any) -> None:
    # DeleteAcmeEndpoint models no ResourceNotFoundException.
    arn = new_endpoint(acm)
    acm.delete_acme_endpoint(AcmeEndpointArn=arn)
    acm.delete_acme_endpoint(AcmeEndpointArn=arn)
    acm.delete_acme_endpoint(AcmeEndpointArn=MISSING_ENDPOINT)


def test_deleting_an_endpoint_deletes_what_it_owns(acm: Any, control: AcmControl) -> None:
    arn = new_endpoint(acm)
    validation = new_validation(acm, arn)
    binding = new_binding(acm, arn)
    register(control, acm, arn)
    acm.delete_acme_endpoint(AcmeEndpointArn=arn)
    for lookup in (
        lambda: describe_validation(acm, validation),
        lambda: describe_binding(acm, binding),
        lambda: acm.list_tags_for_resource(ResourceArn=validation),
    ):
        with pytest.raises(ClientError) as raised:
            lookup()
        assert error_of(raised)[0] == "ResourceNotFoundException"


# -- listing ---------------------------------------------------------------------------------
def test_endpoints_are_listed_oldest_first_in_pages(acm: Any) -> None:
    created = [new_endpoint(acm) for _ in range(5)]
    first = acm.list_acme_endpoints(MaxResults=2)
    second = acm.list_acme_endpoints(MaxResults=2, NextToken=first["NextToken"])
    third = acm.list_acme_endpoints(MaxResults=2, NextToken=second["NextToken"])
    assert "NextToken" not in third
    listed = first["AcmeEndpoints"] + second["AcmeEndpoints"] + third["AcmeEndpoints"]
    assert [e["AcmeEndpointArn"] for e in listed] == created
    assert listed[0] == describe_endpoint(acm, created[0])


def test_the_paginator_lists_every_endpoint(acm: Any) -> None:
    created = [new_endpoint(acm) for _ in range(3)]
    pages = acm.get_paginator("list_acme_endpoints").paginate(PaginationConfig={"PageSize": 1})
    assert [e["AcmeEndpointArn"] for page in pages for e in page["AcmeEndpoints"]] == created


def test_a_page_continues_after_its_last_endpoint_was_deleted(acm: Any) -> None:
    created = [new_endpoint(acm) for _ in range(3)]
    first = acm.list_acme_endpoints(MaxResults=1)
    acm.delete_acme_endpoint(AcmeEndpointArn=created[0])
    rest = acm.list_acme_endpoints(NextToken=first["NextToken"])
    assert [e["AcmeEndpointArn"] for e in rest["AcmeEndpoints"]] == created[1:]


def test_a_foreign_next_token_is_refused(acm: Any) -> None:
    with pytest.raises(ClientError) as raised:
        acm.list_acme_endpoints(NextToken="not-a-token")
    assert error_of(raised)[0] == "ValidationException"
    assert "NextToken" in error_of(raised)[1]


def test_max_results_above_the_models_maximum_is_refused(acm: Any) -> None:
    most = maximum(input_member("acm", "ListAcmeEndpoints", "MaxResults"))
    with pytest.raises(ClientError) as raised:
        acm.list_acme_endpoints(MaxResults=most + 1)
    code, message = error_of(raised)
    assert code == "ValidationException"
    assert f"Member must have value less than or equal to {most}" in message


# -- realistic mode: provisioning and deletion take time ---------------------------------------
realistic = pytest.mark.certmock(now=NOW, realistic=True)


@realistic
def test_with_realistic_delays_an_endpoint_is_creating_for_30_seconds(
    acm: Any, certmock: Mock
) -> None:
    arn = new_endpoint(acm)
    assert describe_endpoint(acm, arn)["Status"] == "CREATING"
    certmock.clock.advance(seconds=30)
    described = describe_endpoint(acm, arn)
    assert described["Status"] == "ACTIVE"
    assert described["UpdatedAt"] == NOW + dt.timedelta(seconds=30)


@realistic
def test_the_endpoint_active_waiter_waits_for_provisioning(acm: Any, certmock: Mock) -> None:
    arn = new_endpoint(acm)
    acm.get_waiter("acme_endpoint_active").wait(AcmeEndpointArn=arn)
    assert describe_endpoint(acm, arn)["Status"] == "ACTIVE"
    assert certmock.clock.now() == NOW + dt.timedelta(seconds=30)


@realistic
@pytest.mark.parametrize(
    "change",
    [
        lambda acm, arn: acm.update_acme_endpoint(AcmeEndpointArn=arn, Contact="REQUIRED"),
        lambda acm, arn: acm.delete_acme_endpoint(AcmeEndpointArn=arn),
    ],
    ids=["update", "delete"],
)
def test_a_creating_endpoint_cannot_change(acm: Any, change: Any) -> None:
    arn = new_endpoint(acm)
    with pytest.raises(ClientError) as raised:
        change(acm, arn)
    assert error_of(raised)[0] == "ConflictException"
    assert "CREATING" in error_of(raised)[1]


@realistic
def test_with_realistic_delays_deletion_takes_30_seconds(acm: Any, certmock: Mock) -> None:
    arn = new_endpoint(acm)
    validation = new_validation(acm, arn)
    certmock.clock.advance(seconds=30)
    acm.delete_acme_endpoint(AcmeEndpointArn=arn)
    assert describe_endpoint(acm, arn)["Status"] == "DELETING"
    assert describe_validation(acm, validation)["Status"] == "DELETING"
    acm.get_waiter("acme_endpoint_deleted").wait(AcmeEndpointArn=arn)
    assert certmock.clock.now() == NOW + dt.timedelta(seconds=60)
    with pytest.raises(ClientError):
        describe_validation(acm, validation)


@realistic
@pytest.mark.parametrize(
    "change",
    [
        lambda acm, arn: acm.update_acme_endpoint(AcmeEndpointArn=arn, Contact="REQUIRED"),
        lambda acm, arn: acm.delete_acme_endpoint(AcmeEndpointArn=arn),
        lambda acm, arn: new_binding(acm, arn),
        lambda acm, arn: new_validation(acm, arn),
    ],
    ids=["update", "delete", "new binding", "new domain validation"],
)
def test_a_deleting_endpoint_cannot_change(acm: Any, certmock: Mock, change: Any) -> None:
    arn = new_endpoint(acm)
    certmock.clock.advance(seconds=30)
    acm.delete_acme_endpoint(AcmeEndpointArn=arn)
    with pytest.raises(ClientError) as raised:
        change(acm, arn)
    assert error_of(raised)[0] == "ConflictException"
    assert "DELETING" in error_of(raised)[1]


def test_the_public_ca_union_is_what_describe_returns(acm: Any) -> None:
    described = describe_endpoint(acm, new_endpoint(acm, CertificateAuthority=PUBLIC_CA))
    assert set(described["CertificateAuthority"]) == {"PublicCertificateAuthority"}
