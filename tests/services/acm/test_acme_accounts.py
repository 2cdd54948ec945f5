"""ACME accounts: registered out of band (``cm.acm.register_acme_account``), then
DescribeAcmeAccount, ListAcmeAccounts and RevokeAcmeAccount."""

from __future__ import annotations

import base64
import datetime as dt
import re
from typing import Any

import pytest
from botocore.exceptions import ClientError
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

from certmock import Mock
from certmock.services.acm.control import AcmControl
from tests.services.acm.acme_helpers import (
    MISSING_ENDPOINT,
    credentials,
    describe_account,
    describe_binding,
    needs_acme,
    new_binding,
    new_endpoint,
    register,
)
from tests.services.acm.helpers import NOW, error_of, new_key

pytestmark = [pytest.mark.certmock(now=NOW), needs_acme]

# RFC 7638, section 3.1: an RSA key and its JWK thumbprint.
RFC7638_N = (
    "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJEC"
    "PebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2Qv"
    "zqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6W"
    "eZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"
)
RFC7638_THUMBPRINT = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"


def rfc7638_key() -> rsa.RSAPublicKey:
    modulus = int.from_bytes(base64.urlsafe_b64decode(RFC7638_N + "=="), "big")
    return rsa.RSAPublicNumbers(65537, modulus).public_key()


@pytest.fixture
def endpoint(acm: Any) -> str:
    return new_endpoint(acm)


# -- registering ------------------------------------------------------------------------------
def test_a_registered_account_is_valid_under_the_endpoint(
    acm: Any, control: AcmControl, endpoint: str
) -> None:
    binding = new_binding(acm, endpoint)
    url = control.register_acme_account(
        endpoint, *credentials(acm, binding), contacts=["mailto:pki@example.com"]
    )
    directory = acm.describe_acme_endpoint(AcmeEndpointArn=endpoint)["AcmeEndpoint"]["EndpointUrl"]
    base = directory.removesuffix("/directory")
    assert re.fullmatch(re.escape(base) + r"/acct/[0-9a-f-]{36}", url)
    account = describe_account(acm, endpoint, url)
    assert account["AccountUrl"] == url
    assert account["Status"] == "VALID"
    assert account["CreatedAt"] == NOW
    assert account["AcmeExternalAccountBindingArn"] == binding
    assert account["Contacts"] == ["mailto:pki@example.com"]
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", account["PublicKeyThumbprint"])


def test_registration_marks_the_binding_used(
    acm: Any, control: AcmControl, certmock: Mock, endpoint: str
) -> None:
    binding = new_binding(acm, endpoint)
    certmock.clock.advance(hours=3)
    control.register_acme_account(endpoint, *credentials(acm, binding))
    described = describe_binding(acm, binding)
    assert described["LastUsedAt"] == described["UpdatedAt"] == NOW + dt.timedelta(hours=3)


def test_the_thumbprint_is_the_account_keys_rfc7638_thumbprint(
    acm: Any, control: AcmControl, endpoint: str
) -> None:
    url = register(control, acm, endpoint, account_key=rfc7638_key())
    assert describe_account(acm, endpoint, url)["PublicKeyThumbprint"] == RFC7638_THUMBPRINT


@pytest.mark.parametrize(
    "make_key",
    [
        lambda: new_key("EC_prime256v1"),
        lambda: new_key("EC_secp384r1"),
        lambda: ed25519.Ed25519PrivateKey.generate(),
        lambda: new_key("RSA_2048"),
    ],
    ids=["P-256", "P-384", "Ed25519", "RSA"],
)
def test_a_private_or_public_key_gives_the_same_thumbprint(
    acm: Any, control: AcmControl, endpoint: str, make_key: Any
) -> None:
    key = make_key()
    url = register(control, acm, endpoint, account_key=key)
    again = register(control, acm, endpoint, account_key=key.public_key())
    # A newAccount with a key already registered finds that account (RFC 8555, 7.3.1).
    assert again == url
    assert len(acm.list_acme_accounts(AcmeEndpointArn=endpoint)["AcmeAccounts"]) == 1


def test_a_p224_account_key_is_refused(acm: Any, control: AcmControl, endpoint: str) -> None:
    with pytest.raises(ValueError, match="P-256"):
        register(control, acm, endpoint, account_key=ec.generate_private_key(ec.SECP224R1()))


def test_an_unknown_key_id_is_refused(acm: Any, control: AcmControl, endpoint: str) -> None:
    _, mac_key = credentials(acm, new_binding(acm, endpoint))
    with pytest.raises(ValueError, match="key id"):
        control.register_acme_account(endpoint, "no-such-key", mac_key)


def test_another_endpoints_binding_is_refused(acm: Any, control: AcmControl, endpoint: str) -> None:
    other = new_endpoint(acm)
    with pytest.raises(ValueError, match="key id"):
        control.register_acme_account(endpoint, *credentials(acm, new_binding(acm, other)))


def test_a_wrong_mac_key_is_refused(acm: Any, control: AcmControl, endpoint: str) -> None:
    key_id, _ = credentials(acm, new_binding(acm, endpoint))
    with pytest.raises(ValueError, match="MAC key"):
        control.register_acme_account(endpoint, key_id, "AAAA")


def test_a_revoked_binding_is_refused(acm: Any, control: AcmControl, endpoint: str) -> None:
    binding = new_binding(acm, endpoint)
    acm.revoke_acme_external_account_binding(AcmeExternalAccountBindingArn=binding)
    with pytest.raises(ValueError, match="revoked"):
        control.register_acme_account(endpoint, *credentials(acm, binding))


def test_an_expired_binding_is_refused(
    acm: Any, control: AcmControl, certmock: Mock, endpoint: str
) -> None:
    binding = new_binding(acm, endpoint, Expiration={"Value": 1, "Type": "HOURS"})
    found = credentials(acm, binding)
    certmock.clock.advance(minutes=59)
    control.register_acme_account(endpoint, *found)
    certmock.clock.advance(minutes=1)
    with pytest.raises(ValueError, match="expired"):
        control.register_acme_account(endpoint, *found)


def test_a_deleted_binding_is_refused(acm: Any, control: AcmControl, endpoint: str) -> None:
    binding = new_binding(acm, endpoint)
    found = credentials(acm, binding)
    acm.delete_acme_external_account_binding(AcmeExternalAccountBindingArn=binding)
    with pytest.raises(ValueError, match="key id"):
        control.register_acme_account(endpoint, *found)


def test_contacts_are_needed_when_the_endpoint_requires_them(acm: Any, control: AcmControl) -> None:
    endpoint = new_endpoint(acm, Contact="REQUIRED")
    found = credentials(acm, new_binding(acm, endpoint))
    with pytest.raises(ValueError, match="contact"):
        control.register_acme_account(endpoint, *found)
    url = control.register_acme_account(endpoint, *found, contacts=["mailto:a@example.com"])
    assert describe_account(acm, endpoint, url)["Contacts"] == ["mailto:a@example.com"]


def test_an_account_without_contacts_shows_none(
    acm: Any, control: AcmControl, endpoint: str
) -> None:
    assert "Contacts" not in describe_account(acm, endpoint, register(control, acm, endpoint))


def test_an_unknown_endpoint_is_a_key_error(control: AcmControl) -> None:
    with pytest.raises(KeyError):
        control.register_acme_account(MISSING_ENDPOINT, "k", "m")
    with pytest.raises(KeyError):
        control.register_acme_account("arn:aws:acm:eu-west-1:123456789012:certificate/x", "k", "m")


@pytest.mark.certmock(now=NOW, realistic=True)
def test_an_endpoint_that_is_still_creating_refuses_registration(
    acm: Any, control: AcmControl
) -> None:
    endpoint = new_endpoint(acm)
    found = credentials(acm, new_binding(acm, endpoint))
    with pytest.raises(ValueError, match="CREATING"):
        control.register_acme_account(endpoint, *found)


# -- describing and listing --------------------------------------------------------------------
def test_an_unknown_account_url_is_not_found(acm: Any, control: AcmControl, endpoint: str) -> None:
    url = register(control, acm, endpoint)
    other = new_endpoint(acm)
    for arn, account_url in ((endpoint, url + "0"), (other, url)):
        for operation in ("describe_acme_account", "revoke_acme_account"):
            with pytest.raises(ClientError) as raised:
                getattr(acm, operation)(AcmeEndpointArn=arn, AccountUrl=account_url)
            assert error_of(raised)[0] == "ResourceNotFoundException"
            assert account_url in error_of(raised)[1]


def test_accounts_are_listed_per_endpoint_in_pages(
    acm: Any, control: AcmControl, endpoint: str
) -> None:
    urls = [register(control, acm, endpoint) for _ in range(3)]
    register(control, acm, new_endpoint(acm))
    first = acm.list_acme_accounts(AcmeEndpointArn=endpoint, MaxResults=2)
    rest = acm.list_acme_accounts(AcmeEndpointArn=endpoint, NextToken=first["NextToken"])
    listed = first["AcmeAccounts"] + rest["AcmeAccounts"]
    assert [a["AccountUrl"] for a in listed] == urls
    assert listed[0] == describe_account(acm, endpoint, urls[0])


def test_the_paginator_lists_every_account(acm: Any, control: AcmControl, endpoint: str) -> None:
    urls = [register(control, acm, endpoint) for _ in range(3)]
    pages = acm.get_paginator("list_acme_accounts").paginate(
        AcmeEndpointArn=endpoint, PaginationConfig={"PageSize": 1}
    )
    assert [a["AccountUrl"] for page in pages for a in page["AcmeAccounts"]] == urls


def test_a_bad_next_token_is_refused(acm: Any, endpoint: str) -> None:
    with pytest.raises(ClientError) as raised:
        acm.list_acme_accounts(AcmeEndpointArn=endpoint, NextToken="garbage")
    assert error_of(raised)[0] == "ValidationException"


# -- revoking and deactivating -----------------------------------------------------------------
def test_a_revoked_account_is_revoked_for_good(
    acm: Any, control: AcmControl, endpoint: str
) -> None:
    url = register(control, acm, endpoint)
    acm.revoke_acme_account(AcmeEndpointArn=endpoint, AccountUrl=url)
    assert describe_account(acm, endpoint, url)["Status"] == "REVOKED"
    with pytest.raises(ClientError) as raised:
        acm.revoke_acme_account(AcmeEndpointArn=endpoint, AccountUrl=url)
    assert error_of(raised)[0] == "ConflictException"
    assert "REVOKED" in error_of(raised)[1]
    with pytest.raises(ValueError, match="REVOKED"):
        control.deactivate_acme_account(endpoint, url)


def test_a_client_can_deactivate_its_account(acm: Any, control: AcmControl, endpoint: str) -> None:
    url = register(control, acm, endpoint)
    control.deactivate_acme_account(endpoint, url)
    assert describe_account(acm, endpoint, url)["Status"] == "DEACTIVATED"
    with pytest.raises(ClientError) as raised:
        acm.revoke_acme_account(AcmeEndpointArn=endpoint, AccountUrl=url)
    assert error_of(raised)[0] == "ConflictException"
    with pytest.raises(ValueError, match="DEACTIVATED"):
        control.deactivate_acme_account(endpoint, url)


def test_deactivating_an_unknown_account_is_a_key_error(
    acm: Any, control: AcmControl, endpoint: str
) -> None:
    with pytest.raises(KeyError):
        control.deactivate_acme_account(endpoint, "https://acme.example/acct/1")
