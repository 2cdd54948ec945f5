"""ACME external account bindings: CreateAcmeExternalAccountBinding,
DescribeAcmeExternalAccountBinding, GetAcmeExternalAccountBindingCredentials,
RevokeAcmeExternalAccountBinding, DeleteAcmeExternalAccountBinding,
ListAcmeExternalAccountBindings."""

from __future__ import annotations

import base64
import datetime as dt
import re
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from certmock import Mock
from certmock.services.acm.control import AcmControl
from tests.services.acm.acme_helpers import (
    ROLE,
    credentials,
    describe_account,
    describe_binding,
    needs_acme,
    new_binding,
    new_endpoint,
)
from tests.services.acm.helpers import NOW, REGION, error_of

pytestmark = [pytest.mark.certmock(now=NOW), needs_acme]


@pytest.fixture
def endpoint(acm: Any) -> str:
    return new_endpoint(acm)


def missing_binding(endpoint: str) -> str:
    return f"{endpoint}/acme-external-account-binding/00000000-0000-4000-8000-000000000000"


def b64url_decoded(text: str) -> bytes:
    assert re.fullmatch(r"[A-Za-z0-9_-]+", text), text
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


# -- creating ---------------------------------------------------------------------------------
def test_create_returns_the_binding(acm: Any, endpoint: str) -> None:
    created = acm.create_acme_external_account_binding(AcmeEndpointArn=endpoint, RoleArn=ROLE)[
        "ExternalAccountBinding"
    ]
    arn = created["AcmeExternalAccountBindingArn"]
    assert re.fullmatch(re.escape(endpoint) + r"/acme-external-account-binding/[0-9a-f-]{36}", arn)
    assert created == {
        "AcmeExternalAccountBindingArn": arn,
        "AcmeEndpointArn": endpoint,
        "RoleArn": ROLE,
        "CreatedAt": NOW,
        "UpdatedAt": NOW,
    }
    assert describe_binding(acm, arn) == created


@pytest.mark.parametrize(
    ("expiration", "after"),
    [
        ({"Value": 90, "Type": "MINUTES"}, dt.timedelta(minutes=90)),
        ({"Value": 12, "Type": "HOURS"}, dt.timedelta(hours=12)),
        ({"Value": 30, "Type": "DAYS"}, dt.timedelta(days=30)),
    ],
)
def test_an_expiration_sets_expires_at(
    acm: Any, endpoint: str, expiration: dict[str, Any], after: dt.timedelta
) -> None:
    arn = new_binding(acm, endpoint, Expiration=expiration)
    assert describe_binding(acm, arn)["ExpiresAt"] == NOW + after


def test_an_expiration_past_any_representable_time_is_refused(acm: Any, endpoint: str) -> None:
    with pytest.raises(ClientError) as raised:
        new_binding(acm, endpoint, Expiration={"Value": 10**15, "Type": "DAYS"})
    assert error_of(raised)[0] == "ValidationException"


def test_a_role_arn_must_name_an_iam_role(acm: Any, endpoint: str) -> None:
    with pytest.raises(ClientError) as raised:
        acm.create_acme_external_account_binding(
            AcmeEndpointArn=endpoint, RoleArn="arn:aws:iam::123456789012:user/alice"
        )
    assert error_of(raised)[0] == "ValidationException"


def test_a_hundred_bindings_per_endpoint_are_the_most(acm: Any, endpoint: str) -> None:
    first = new_binding(acm, endpoint)
    acm.revoke_acme_external_account_binding(AcmeExternalAccountBindingArn=first)
    for _ in range(99):
        new_binding(acm, endpoint)
    with pytest.raises(ClientError) as raised:
        new_binding(acm, endpoint)
    assert error_of(raised)[0] == "ServiceQuotaExceededException"
    acm.delete_acme_external_account_binding(AcmeExternalAccountBindingArn=first)
    new_binding(acm, endpoint)


def test_the_same_token_creates_one_binding(acm: Any, endpoint: str) -> None:
    first = new_binding(acm, endpoint, IdempotencyToken="eab-1")
    assert new_binding(acm, endpoint, IdempotencyToken="eab-1") == first
    with pytest.raises(ClientError) as raised:
        new_binding(
            acm, endpoint, IdempotencyToken="eab-1", Expiration={"Value": 1, "Type": "DAYS"}
        )
    assert error_of(raised)[0] == "ConflictException"


def test_reserved_tag_keys_are_refused(acm: Any, endpoint: str) -> None:
    with pytest.raises(ClientError) as raised:
        new_binding(acm, endpoint, Tags=[{"Key": "AWS:team"}])
    assert error_of(raised)[0] == "ValidationException"


def test_tags_given_at_creation_are_listed(acm: Any, endpoint: str) -> None:
    arn = new_binding(acm, endpoint, Tags=[{"Key": "team", "Value": "payments"}])
    assert acm.list_tags_for_resource(ResourceArn=arn)["Tags"] == [
        {"Key": "team", "Value": "payments"}
    ]


# -- credentials ------------------------------------------------------------------------------
def test_credentials_are_a_key_id_and_an_hs256_mac_key(acm: Any, endpoint: str) -> None:
    key_id, mac_key = credentials(acm, new_binding(acm, endpoint))
    assert len(b64url_decoded(key_id)) == 16
    assert len(b64url_decoded(mac_key)) == 32


def test_credentials_stay_the_same_and_differ_between_bindings(acm: Any, endpoint: str) -> None:
    arn = new_binding(acm, endpoint)
    assert credentials(acm, arn) == credentials(acm, arn)
    assert credentials(acm, arn) != credentials(acm, new_binding(acm, endpoint))


@pytest.mark.certmock(now=NOW, seed=7)
def test_a_seed_reproduces_credentials(certmock: Mock) -> None:
    def first_credentials() -> tuple[str, str]:
        certmock.reset()  # a new world with the same seed
        acm = boto3.client("acm", region_name=REGION)
        return credentials(acm, new_binding(acm, new_endpoint(acm)))

    assert first_credentials() == first_credentials()


def test_a_revoked_bindings_credentials_can_still_be_read(acm: Any, endpoint: str) -> None:
    arn = new_binding(acm, endpoint)
    before = credentials(acm, arn)
    acm.revoke_acme_external_account_binding(AcmeExternalAccountBindingArn=arn)
    assert credentials(acm, arn) == before


# -- revoking and deleting ---------------------------------------------------------------------
def test_revoking_records_when(acm: Any, certmock: Mock, endpoint: str) -> None:
    arn = new_binding(acm, endpoint)
    certmock.clock.advance(hours=2)
    acm.revoke_acme_external_account_binding(AcmeExternalAccountBindingArn=arn)
    described = describe_binding(acm, arn)
    assert described["RevokedAt"] == described["UpdatedAt"] == NOW + dt.timedelta(hours=2)
    assert described["CreatedAt"] == NOW


def test_a_binding_is_revoked_once(acm: Any, endpoint: str) -> None:
    arn = new_binding(acm, endpoint)
    acm.revoke_acme_external_account_binding(AcmeExternalAccountBindingArn=arn)
    with pytest.raises(ClientError) as raised:
        acm.revoke_acme_external_account_binding(AcmeExternalAccountBindingArn=arn)
    assert error_of(raised)[0] == "ConflictException"
    assert "already revoked" in error_of(raised)[1]


def test_a_deleted_binding_is_gone(acm: Any, endpoint: str) -> None:
    arn = new_binding(acm, endpoint)
    acm.delete_acme_external_account_binding(AcmeExternalAccountBindingArn=arn)
    with pytest.raises(ClientError) as raised:
        describe_binding(acm, arn)
    assert error_of(raised)[0] == "ResourceNotFoundException"
    assert (
        acm.list_acme_external_account_bindings(AcmeEndpointArn=endpoint)["ExternalAccountBindings"]
        == []
    )


def test_deleting_what_is_not_there_succeeds(acm: Any, endpoint: str) -> None:
    # DeleteAcmeExternalAccountBinding models no ResourceNotFoundException.
    acm.delete_acme_external_account_binding(
        AcmeExternalAccountBindingArn=missing_binding(endpoint)
    )


@pytest.mark.parametrize(
    "change",
    [
        lambda acm, arn: acm.revoke_acme_external_account_binding(
            AcmeExternalAccountBindingArn=arn
        ),
        lambda acm, arn: acm.delete_acme_external_account_binding(
            AcmeExternalAccountBindingArn=arn
        ),
    ],
    ids=["revoke", "delete"],
)
def test_accounts_registered_with_a_binding_outlive_it(
    acm: Any, control: AcmControl, endpoint: str, change: Any
) -> None:
    arn = new_binding(acm, endpoint)
    url = control.register_acme_account(endpoint, *credentials(acm, arn))
    change(acm, arn)
    account = describe_account(acm, endpoint, url)
    assert account["Status"] == "VALID"
    assert account["AcmeExternalAccountBindingArn"] == arn


@pytest.mark.parametrize(
    "operation",
    [
        "describe_acme_external_account_binding",
        "get_acme_external_account_binding_credentials",
        "revoke_acme_external_account_binding",
    ],
)
def test_an_unknown_binding_is_not_found(acm: Any, endpoint: str, operation: str) -> None:
    arn = missing_binding(endpoint)
    with pytest.raises(ClientError) as raised:
        getattr(acm, operation)(AcmeExternalAccountBindingArn=arn)
    assert error_of(raised) == (
        "ResourceNotFoundException",
        f"Could not find ACME external account binding {arn}.",
    )


# -- listing ---------------------------------------------------------------------------------
def test_bindings_are_listed_per_endpoint_in_pages(
    acm: Any, control: AcmControl, endpoint: str
) -> None:
    created = [new_binding(acm, endpoint) for _ in range(3)]
    new_binding(acm, new_endpoint(acm))
    control.register_acme_account(endpoint, *credentials(acm, created[0]))
    first = acm.list_acme_external_account_bindings(AcmeEndpointArn=endpoint, MaxResults=2)
    rest = acm.list_acme_external_account_bindings(
        AcmeEndpointArn=endpoint, NextToken=first["NextToken"]
    )
    listed = first["ExternalAccountBindings"] + rest["ExternalAccountBindings"]
    assert [b["AcmeExternalAccountBindingArn"] for b in listed] == created
    assert listed[0] == describe_binding(acm, created[0])
    assert listed[0]["LastUsedAt"] == NOW


def test_the_paginator_lists_every_binding(acm: Any, endpoint: str) -> None:
    created = [new_binding(acm, endpoint) for _ in range(3)]
    pages = acm.get_paginator("list_acme_external_account_bindings").paginate(
        AcmeEndpointArn=endpoint, PaginationConfig={"PageSize": 2}
    )
    listed = [
        b["AcmeExternalAccountBindingArn"] for p in pages for b in p["ExternalAccountBindings"]
    ]
    assert listed == created


def test_a_bad_next_token_is_refused(acm: Any, endpoint: str) -> None:
    with pytest.raises(ClientError) as raised:
        acm.list_acme_external_account_bindings(AcmeEndpointArn=endpoint, NextToken="garbage")
    assert error_of(raised)[0] == "ValidationException"
