"""ACME domain validations: CreateAcmeDomainValidation, DescribeAcmeDomainValidation,
UpdateAcmeDomainValidation, DeleteAcmeDomainValidation, ListAcmeDomainValidations, their
waiters, and completing or failing validation from a test."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError, WaiterError

from certmock import Mock
from certmock.services.acm.control import AcmControl
from tests.services.acm.acme_helpers import (
    describe_validation,
    needs_acme,
    new_endpoint,
    new_validation,
)
from tests.services.acm.helpers import NOW, REGION, error_of

pytestmark = [pytest.mark.certmock(now=NOW), needs_acme]

MINUTE = dt.timedelta(minutes=1)


@pytest.fixture
def endpoint(acm: Any) -> str:
    return new_endpoint(acm)


def missing_validation(endpoint: str) -> str:
    return f"{endpoint}/acme-domain-validation/00000000-0000-4000-8000-000000000000"


# -- creating ---------------------------------------------------------------------------------
def test_a_new_validation_is_validating_with_its_cname_record(acm: Any, endpoint: str) -> None:
    arn = new_validation(acm, endpoint, "example.com", HostedZoneId="Z0123456789ABC")
    assert re.fullmatch(re.escape(endpoint) + r"/acme-domain-validation/[0-9a-f-]{36}", arn)
    described = describe_validation(acm, arn)
    assert described["AcmeDomainValidationArn"] == arn
    assert described["AcmeEndpointArn"] == endpoint
    assert described["DomainName"] == "example.com"
    assert described["Status"] == "VALIDATING"
    assert described["PrevalidationType"] == "DNS_PREVALIDATION"
    dns = described["PrevalidationDetails"]["DnsPrevalidation"]
    assert dns["HostedZoneId"] == "Z0123456789ABC"
    record = dns["ResourceRecord"]
    assert record["Type"] == "CNAME"
    assert re.fullmatch(r"_[0-9a-f]{32}\.example\.com\.", record["Name"])
    assert re.fullmatch(r"_[0-9a-f]{32}\.[a-z]{10}\.acm-validations\.aws\.", record["Value"])
    assert described["CreatedAt"] == described["UpdatedAt"] == NOW
    assert "FailureDetails" not in described


def test_the_default_scope_is_the_exact_domain(acm: Any, endpoint: str) -> None:
    described = describe_validation(acm, new_validation(acm, endpoint))
    assert described["PrevalidationDetails"]["DnsPrevalidation"]["DomainScope"] == {
        "ExactDomain": "ENABLED",
        "Subdomains": "DISABLED",
        "Wildcards": "DISABLED",
    }
    assert "HostedZoneId" not in described["PrevalidationDetails"]["DnsPrevalidation"]


def test_scope_members_left_out_keep_their_default(acm: Any, endpoint: str) -> None:
    arn = new_validation(acm, endpoint, DomainScope={"Wildcards": "ENABLED"})
    assert describe_validation(acm, arn)["PrevalidationDetails"]["DnsPrevalidation"][
        "DomainScope"
    ] == {"ExactDomain": "ENABLED", "Subdomains": "DISABLED", "Wildcards": "ENABLED"}


def test_a_scope_that_covers_nothing_is_refused(acm: Any, endpoint: str) -> None:
    with pytest.raises(ClientError) as raised:
        new_validation(
            acm,
            endpoint,
            DomainScope={"ExactDomain": "DISABLED", "Subdomains": "DISABLED"},
        )
    assert error_of(raised)[0] == "ValidationException"
    assert "DomainScope" in error_of(raised)[1]


def test_the_record_is_stable_per_endpoint_and_domain(acm: Any, endpoint: str) -> None:
    def record(arn: str) -> dict[str, str]:
        found: dict[str, str] = describe_validation(acm, arn)["PrevalidationDetails"][
            "DnsPrevalidation"
        ]["ResourceRecord"]
        return found

    first = new_validation(acm, endpoint, "example.com")
    first_record = record(first)
    acm.delete_acme_domain_validation(AcmeDomainValidationArn=first)
    again = new_validation(acm, endpoint, "example.com")
    other_domain = new_validation(acm, endpoint, "example.org")
    other_endpoint = new_validation(acm, new_endpoint(acm), "example.com")
    assert record(again) == first_record
    assert record(again) != record(other_domain)
    # ACME domain validations are specific to endpoints: another needs its own CNAME.
    assert record(again) != record(other_endpoint)


def test_a_domain_is_validated_once_per_endpoint(acm: Any, endpoint: str) -> None:
    first = new_validation(acm, endpoint, "example.com")
    with pytest.raises(ClientError) as raised:
        new_validation(acm, endpoint, "example.com")
    assert error_of(raised)[0] == "ConflictException"
    assert first in error_of(raised)[1]
    new_validation(acm, new_endpoint(acm), "example.com")


def test_domain_names_must_match_the_models_pattern(acm: Any, endpoint: str) -> None:
    # Lower case, no wildcard: the scope says which names below it are covered.
    with pytest.raises(ClientError) as raised:
        new_validation(acm, endpoint, "*.example.com")
    assert error_of(raised)[0] == "ValidationException"


def test_an_empty_prevalidation_union_is_refused(certmock: Mock, endpoint: str) -> None:
    acm = boto3.client("acm", region_name=REGION, config=Config(parameter_validation=False))
    with pytest.raises(ClientError) as raised:
        acm.create_acme_domain_validation(
            AcmeEndpointArn=endpoint, DomainName="example.com", PrevalidationOptions={}
        )
    assert error_of(raised)[0] == "ValidationException"
    assert "DnsPrevalidation" in error_of(raised)[1]


def test_an_update_with_an_empty_prevalidation_union_is_refused(
    certmock: Mock, control: AcmControl, endpoint: str
) -> None:
    acm = boto3.client("acm", region_name=REGION, config=Config(parameter_validation=False))
    arn = new_validation(acm, endpoint)
    control.validate(arn)
    with pytest.raises(ClientError) as raised:
        acm.update_acme_domain_validation(AcmeDomainValidationArn=arn, PrevalidationOptions={})
    assert error_of(raised)[0] == "ValidationException"


def test_a_hundred_validations_per_endpoint_are_the_most(acm: Any, endpoint: str) -> None:
    for number in range(100):
        new_validation(acm, endpoint, f"d{number}.example.com")
    with pytest.raises(ClientError) as raised:
        new_validation(acm, endpoint, "one-more.example.com")
    assert error_of(raised)[0] == "ServiceQuotaExceededException"


def test_reserved_tag_keys_are_refused(acm: Any, endpoint: str) -> None:
    with pytest.raises(ClientError) as raised:
        acm.create_acme_domain_validation(
            AcmeEndpointArn=endpoint,
            DomainName="example.com",
            PrevalidationOptions={"DnsPrevalidation": {}},
            Tags=[{"Key": "aws:x", "Value": "1"}],
        )
    assert error_of(raised)[0] == "ValidationException"


def test_tags_given_at_creation_are_listed(acm: Any, endpoint: str) -> None:
    arn = acm.create_acme_domain_validation(
        AcmeEndpointArn=endpoint,
        DomainName="example.com",
        PrevalidationOptions={"DnsPrevalidation": {}},
        Tags=[{"Key": "env", "Value": "dev"}],
    )["AcmeDomainValidationArn"]
    assert acm.list_tags_for_resource(ResourceArn=arn)["Tags"] == [{"Key": "env", "Value": "dev"}]


def test_the_same_token_creates_one_validation(acm: Any, endpoint: str) -> None:
    def create(domain: str) -> str:
        arn: str = acm.create_acme_domain_validation(
            AcmeEndpointArn=endpoint,
            DomainName=domain,
            PrevalidationOptions={"DnsPrevalidation": {}},
            IdempotencyToken="dv-1",
        )["AcmeDomainValidationArn"]
        return arn

    assert create("example.com") == create("example.com")
    with pytest.raises(ClientError) as raised:
        create("example.org")
    assert error_of(raised)[0] == "ConflictException"


# -- validation on the clock ------------------------------------------------------------------
def test_validation_succeeds_a_minute_later(acm: Any, certmock: Mock, endpoint: str) -> None:
    arn = new_validation(acm, endpoint)
    certmock.clock.advance(seconds=59)
    assert describe_validation(acm, arn)["Status"] == "VALIDATING"
    certmock.clock.advance(hours=5)
    described = describe_validation(acm, arn)
    assert described["Status"] == "VALID"
    assert described["UpdatedAt"] == NOW + MINUTE


def test_the_validated_waiter_returns_when_valid(acm: Any, certmock: Mock, endpoint: str) -> None:
    arn = new_validation(acm, endpoint)
    acm.get_waiter("acme_domain_validation_validated").wait(AcmeDomainValidationArn=arn)
    assert certmock.clock.now() == NOW + MINUTE


@pytest.mark.parametrize("domain", ["shop.test", "printer.local", "example.internal"])
def test_a_special_use_domain_is_invalid(acm: Any, endpoint: str, domain: str) -> None:
    arn = new_validation(acm, endpoint, domain)
    with pytest.raises(WaiterError):
        acm.get_waiter("acme_domain_validation_validated").wait(AcmeDomainValidationArn=arn)
    described = describe_validation(acm, arn)
    assert described["Status"] == "INVALID"
    assert described["FailureDetails"]["Reason"] == "INVALID_PUBLIC_DOMAIN"
    assert domain in described["FailureDetails"]["Message"]


def test_a_test_can_complete_validation_at_once(
    acm: Any, control: AcmControl, certmock: Mock, endpoint: str
) -> None:
    arn = new_validation(acm, endpoint)
    certmock.clock.advance(seconds=10)
    control.validate(arn)
    described = describe_validation(acm, arn)
    assert described["Status"] == "VALID"
    assert described["UpdatedAt"] == NOW + dt.timedelta(seconds=10)
    certmock.clock.advance(minutes=5)
    assert describe_validation(acm, arn)["UpdatedAt"] == NOW + dt.timedelta(seconds=10)


def test_completing_what_is_not_validating_is_an_error(
    acm: Any, control: AcmControl, endpoint: str
) -> None:
    arn = new_validation(acm, endpoint)
    control.validate(arn)
    with pytest.raises(ValueError, match="VALID"):
        control.validate(arn)
    with pytest.raises(KeyError):
        control.validate(missing_validation(endpoint))
    with pytest.raises(KeyError):
        control.validate(endpoint)


@pytest.mark.parametrize("reason", ["TIMED_OUT", "HOSTED_ZONE_NOT_FOUND", "DOMAIN_NOT_ALLOWED"])
def test_a_test_can_make_validation_fail(
    acm: Any, control: AcmControl, certmock: Mock, endpoint: str, reason: str
) -> None:
    arn = new_validation(acm, endpoint)
    control.fail_acme_domain_validation(arn, reason)
    described = describe_validation(acm, arn)
    assert described["Status"] == "INVALID"
    assert described["FailureDetails"]["Reason"] == reason
    assert described["FailureDetails"]["Message"]
    certmock.clock.advance(minutes=5)
    assert describe_validation(acm, arn)["Status"] == "INVALID"


def test_a_valid_validation_can_fail_later_with_a_message(
    acm: Any, control: AcmControl, endpoint: str
) -> None:
    arn = new_validation(acm, endpoint)
    control.validate(arn)
    control.fail_acme_domain_validation(arn, "ACCESS_DENIED", "The CNAME record was removed.")
    assert describe_validation(acm, arn)["FailureDetails"] == {
        "Reason": "ACCESS_DENIED",
        "Message": "The CNAME record was removed.",
    }


def test_failing_needs_a_modeled_reason_and_a_known_validation(
    acm: Any, control: AcmControl, endpoint: str
) -> None:
    arn = new_validation(acm, endpoint)
    with pytest.raises(ValueError, match="TIMED_OUT"):
        control.fail_acme_domain_validation(arn, "NO_SUCH_REASON")
    with pytest.raises(KeyError):
        control.fail_acme_domain_validation(missing_validation(endpoint))
    with pytest.raises(KeyError):
        control.fail_acme_domain_validation("arn:aws:acm:eu-west-1:123456789012:certificate/x")


# -- updating --------------------------------------------------------------------------------
def test_an_update_validates_again(acm: Any, control: AcmControl, certmock: Mock) -> None:
    endpoint = new_endpoint(acm)
    arn = new_validation(acm, endpoint, HostedZoneId="ZONEA")
    control.fail_acme_domain_validation(arn, "TIMED_OUT")
    certmock.clock.advance(minutes=10)
    acm.update_acme_domain_validation(
        AcmeDomainValidationArn=arn,
        PrevalidationOptions={
            "DnsPrevalidation": {"DomainScope": {"Subdomains": "ENABLED"}, "HostedZoneId": "ZONEB"}
        },
    )
    described = describe_validation(acm, arn)
    assert described["Status"] == "VALIDATING"
    assert "FailureDetails" not in described
    assert described["UpdatedAt"] == NOW + 10 * MINUTE
    dns = described["PrevalidationDetails"]["DnsPrevalidation"]
    assert dns["DomainScope"] == {
        "ExactDomain": "ENABLED",
        "Subdomains": "ENABLED",
        "Wildcards": "DISABLED",
    }
    assert dns["HostedZoneId"] == "ZONEB"
    acm.get_waiter("acme_domain_validation_validated").wait(AcmeDomainValidationArn=arn)
    assert describe_validation(acm, arn)["UpdatedAt"] == NOW + 11 * MINUTE


def test_an_update_keeps_the_hosted_zone_it_is_not_given(
    acm: Any, control: AcmControl, endpoint: str
) -> None:
    arn = new_validation(acm, endpoint, HostedZoneId="ZONEA")
    control.validate(arn)
    acm.update_acme_domain_validation(
        AcmeDomainValidationArn=arn,
        PrevalidationOptions={"DnsPrevalidation": {"DomainScope": {"Wildcards": "ENABLED"}}},
    )
    dns = describe_validation(acm, arn)["PrevalidationDetails"]["DnsPrevalidation"]
    assert dns["HostedZoneId"] == "ZONEA"
    assert dns["DomainScope"]["Wildcards"] == "ENABLED"


def test_an_update_without_options_changes_nothing(
    acm: Any, control: AcmControl, certmock: Mock, endpoint: str
) -> None:
    arn = new_validation(acm, endpoint)
    control.validate(arn)
    certmock.clock.advance(minutes=5)
    acm.update_acme_domain_validation(AcmeDomainValidationArn=arn)
    described = describe_validation(acm, arn)
    assert (described["Status"], described["UpdatedAt"]) == ("VALID", NOW)


def test_a_validation_cannot_be_updated_while_validating(acm: Any, endpoint: str) -> None:
    arn = new_validation(acm, endpoint)
    with pytest.raises(ClientError) as raised:
        acm.update_acme_domain_validation(
            AcmeDomainValidationArn=arn, PrevalidationOptions={"DnsPrevalidation": {}}
        )
    assert error_of(raised)[0] == "ConflictException"
    assert "VALIDATING" in error_of(raised)[1]


def test_an_update_to_a_scope_that_covers_nothing_is_refused(
    acm: Any, control: AcmControl, endpoint: str
) -> None:
    arn = new_validation(acm, endpoint)
    control.validate(arn)
    with pytest.raises(ClientError) as raised:
        acm.update_acme_domain_validation(
            AcmeDomainValidationArn=arn,
            PrevalidationOptions={"DnsPrevalidation": {"DomainScope": {"ExactDomain": "DISABLED"}}},
        )
    assert error_of(raised)[0] == "ValidationException"
    assert describe_validation(acm, arn)["Status"] == "VALID"


@pytest.mark.parametrize(
    ("operation", "extra"),
    [
        ("describe_acme_domain_validation", {}),
        ("update_acme_domain_validation", {}),
    ],
)
def test_an_unknown_validation_is_not_found(
    acm: Any, endpoint: str, operation: str, extra: dict[str, Any]
) -> None:
    arn = missing_validation(endpoint)
    with pytest.raises(ClientError) as raised:
        getattr(acm, operation)(AcmeDomainValidationArn=arn, **extra)
    assert error_of(raised) == (
        "ResourceNotFoundException",
        f"Could not find ACME domain validation {arn}.",
    )


# -- deleting --------------------------------------------------------------------------------
def test_a_deleted_validation_is_gone(acm: Any, endpoint: str) -> None:
    arn = new_validation(acm, endpoint)
    acm.delete_acme_domain_validation(AcmeDomainValidationArn=arn)
    with pytest.raises(ClientError) as raised:
        describe_validation(acm, arn)
    assert error_of(raised)[0] == "ResourceNotFoundException"
    acm.get_waiter("acme_domain_validation_deleted").wait(AcmeDomainValidationArn=arn)


def test_deleting_what_is_not_there_succeeds(acm: Any, endpoint: str) -> None:
    # DeleteAcmeDomainValidation models no ResourceNotFoundException.
    acm.delete_acme_domain_validation(AcmeDomainValidationArn=missing_validation(endpoint))


def test_a_deleted_domain_can_be_validated_again(acm: Any, endpoint: str) -> None:
    arn = new_validation(acm, endpoint)
    acm.delete_acme_domain_validation(AcmeDomainValidationArn=arn)
    assert new_validation(acm, endpoint) != arn


realistic = pytest.mark.certmock(now=NOW, realistic=True)


@realistic
def test_with_realistic_delays_deletion_takes_30_seconds(acm: Any, certmock: Mock) -> None:
    endpoint = new_endpoint(acm)
    certmock.clock.advance(seconds=30)
    arn = new_validation(acm, endpoint)
    acm.delete_acme_domain_validation(AcmeDomainValidationArn=arn)
    described = describe_validation(acm, arn)
    assert described["Status"] == "DELETING"
    changes: list[Callable[[], object]] = [
        lambda: acm.delete_acme_domain_validation(AcmeDomainValidationArn=arn),
        lambda: acm.update_acme_domain_validation(AcmeDomainValidationArn=arn),
    ]
    for change in changes:
        with pytest.raises(ClientError) as raised:
            change()
        assert error_of(raised)[0] == "ConflictException"
    acm.get_waiter("acme_domain_validation_deleted").wait(AcmeDomainValidationArn=arn)
    assert certmock.clock.now() == NOW + dt.timedelta(seconds=60)


@realistic
def test_a_validation_made_while_the_endpoint_is_created_validates_once_it_is_active(
    acm: Any, certmock: Mock
) -> None:
    endpoint = new_endpoint(acm)
    arn = new_validation(acm, endpoint)
    acm.get_waiter("acme_domain_validation_validated").wait(AcmeDomainValidationArn=arn)
    assert describe_validation(acm, arn)["Status"] == "VALID"


@realistic
def test_completing_validation_before_the_endpoint_is_active_fails_it(
    acm: Any, control: AcmControl
) -> None:
    endpoint = new_endpoint(acm)
    arn = new_validation(acm, endpoint)
    control.validate(arn)
    failure = describe_validation(acm, arn)["FailureDetails"]
    assert failure["Reason"] == "ENDPOINT_NOT_ACTIVE"
    assert "CREATING" in failure["Message"]


# -- listing ---------------------------------------------------------------------------------
def test_validations_are_listed_per_endpoint_in_pages(acm: Any, endpoint: str) -> None:
    created = [new_validation(acm, endpoint, f"d{n}.example.com") for n in range(3)]
    new_validation(acm, new_endpoint(acm), "elsewhere.example.com")
    first = acm.list_acme_domain_validations(AcmeEndpointArn=endpoint, MaxResults=2)
    rest = acm.list_acme_domain_validations(
        AcmeEndpointArn=endpoint, MaxResults=2, NextToken=first["NextToken"]
    )
    listed = first["AcmeDomainValidations"] + rest["AcmeDomainValidations"]
    assert [v["AcmeDomainValidationArn"] for v in listed] == created
    assert listed[0] == describe_validation(acm, created[0])
    assert "NextToken" not in rest


def test_the_paginator_lists_every_validation(acm: Any, endpoint: str) -> None:
    created = [new_validation(acm, endpoint, f"d{n}.example.com") for n in range(3)]
    pages = acm.get_paginator("list_acme_domain_validations").paginate(
        AcmeEndpointArn=endpoint, PaginationConfig={"PageSize": 2}
    )
    found = [v["AcmeDomainValidationArn"] for page in pages for v in page["AcmeDomainValidations"]]
    assert found == created


def test_a_token_from_another_endpoints_listing_is_refused(acm: Any, endpoint: str) -> None:
    other = new_endpoint(acm)
    for n in range(2):
        new_validation(acm, other, f"d{n}.example.com")
    token = acm.list_acme_domain_validations(AcmeEndpointArn=other, MaxResults=1)["NextToken"]
    with pytest.raises(ClientError) as raised:
        acm.list_acme_domain_validations(AcmeEndpointArn=endpoint, NextToken=token)
    assert error_of(raised)[0] == "ValidationException"
