"""ModifyCertificates: the account's override of the CA for new DB instances."""

from __future__ import annotations

import datetime as dt
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from certmock import Mock
from tests.services.rds.helpers import (
    certificate_not_found,
    default_for_new_launches,
    error_of,
    overrides,
)

UTC = dt.timezone.utc
NOW = dt.datetime(2026, 1, 1, tzinfo=UTC)
pytestmark = pytest.mark.certmock(now=NOW)

ECC384_VALID_TILL = dt.datetime(2121, 5, 24, 23, 6, 59, tzinfo=UTC)
RDS_CA_2019_VALID_TILL = dt.datetime(2024, 8, 22, 17, 8, 50, tzinfo=UTC)


# -- setting an override ----------------------------------------------------------------------
def test_an_override_returns_the_certificate_overridden_until_its_valid_till(rds: Any) -> None:
    answer = rds.modify_certificates(CertificateIdentifier="rds-ca-ecc384-g1")
    assert answer["Certificate"] == {
        "CertificateIdentifier": "rds-ca-ecc384-g1",
        "CertificateType": "CA",
        "Thumbprint": "2ee3dcc06e50192559b13929e73484354f23387d",
        "ValidFrom": dt.datetime(2021, 5, 24, 22, 6, 59, tzinfo=UTC),
        "ValidTill": ECC384_VALID_TILL,
        "CertificateArn": "arn:aws:rds:us-west-2::cert:rds-ca-ecc384-g1",
        "CustomerOverride": True,
        "CustomerOverrideValidTill": ECC384_VALID_TILL,
    }


def test_after_an_override_it_is_the_default_and_the_only_certificate_flagged(rds: Any) -> None:
    rds.modify_certificates(CertificateIdentifier="rds-ca-ecc384-g1")
    assert default_for_new_launches(rds) == "rds-ca-ecc384-g1"
    assert overrides(rds) == {
        "rds-ca-ecc384-g1": True,
        "rds-ca-rsa4096-g1": False,
        "rds-ca-rsa2048-g1": False,
    }
    listed = rds.describe_certificates()["Certificates"]
    assert [c["CertificateIdentifier"] for c in listed if "CustomerOverrideValidTill" in c] == [
        "rds-ca-ecc384-g1"
    ]


def test_describing_the_overriding_certificate_by_identifier_shows_the_override(
    rds: Any,
) -> None:
    rds.modify_certificates(CertificateIdentifier="rds-ca-rsa4096-g1")
    (found,) = rds.describe_certificates(CertificateIdentifier="RDS-CA-RSA4096-G1")["Certificates"]
    assert found["CustomerOverride"] is True
    assert found["CustomerOverrideValidTill"] == found["ValidTill"]


@pytest.mark.certmock(now=dt.datetime(2024, 6, 1, tzinfo=UTC))
def test_overriding_with_the_system_default_looks_as_in_the_aws_cli_example(rds: Any) -> None:
    rds.modify_certificates(CertificateIdentifier="rds-ca-rsa2048-g1")
    answer = rds.describe_certificates()
    assert answer["DefaultCertificateForNewLaunches"] == "rds-ca-rsa2048-g1"
    overriding = answer["Certificates"][2]
    assert overriding["CertificateIdentifier"] == "rds-ca-rsa2048-g1"
    assert overriding["CustomerOverride"] is True
    assert overriding["CustomerOverrideValidTill"] == dt.datetime(2061, 5, 24, 22, 59, tzinfo=UTC)
    assert [c["CustomerOverride"] for c in answer["Certificates"]] == [False, False, True, False]


def test_the_identifier_is_not_case_sensitive_and_answered_in_aws_spelling(rds: Any) -> None:
    answer = rds.modify_certificates(CertificateIdentifier="RDS-CA-RSA4096-G1")
    assert answer["Certificate"]["CertificateIdentifier"] == "rds-ca-rsa4096-g1"
    assert default_for_new_launches(rds) == "rds-ca-rsa4096-g1"


def test_remove_customer_override_false_with_an_identifier_sets_the_override(rds: Any) -> None:
    rds.modify_certificates(CertificateIdentifier="rds-ca-ecc384-g1", RemoveCustomerOverride=False)
    assert default_for_new_launches(rds) == "rds-ca-ecc384-g1"


def test_a_later_override_replaces_the_earlier_one(rds: Any) -> None:
    rds.modify_certificates(CertificateIdentifier="rds-ca-ecc384-g1")
    rds.modify_certificates(CertificateIdentifier="rds-ca-rsa4096-g1")
    assert default_for_new_launches(rds) == "rds-ca-rsa4096-g1"
    assert overrides(rds) == {
        "rds-ca-ecc384-g1": False,
        "rds-ca-rsa4096-g1": True,
        "rds-ca-rsa2048-g1": False,
    }


@pytest.mark.parametrize("identifier", ["rds-ca-2015", "rds-ca-2019", "RDS-CA-NOPE"])
def test_overriding_with_a_ca_not_offered_is_certificate_not_found(
    rds: Any, identifier: str
) -> None:
    with pytest.raises(rds.exceptions.CertificateNotFoundFault) as raised:
        rds.modify_certificates(CertificateIdentifier=identifier)
    assert error_of(raised) == certificate_not_found(identifier)
    assert default_for_new_launches(rds) == "rds-ca-rsa2048-g1"


def test_a_refused_override_keeps_the_previous_one(rds: Any) -> None:
    rds.modify_certificates(CertificateIdentifier="rds-ca-ecc384-g1")
    with pytest.raises(rds.exceptions.CertificateNotFoundFault):
        rds.modify_certificates(CertificateIdentifier="rds-ca-2015")
    assert default_for_new_launches(rds) == "rds-ca-ecc384-g1"


# -- removing it ------------------------------------------------------------------------------
def test_removing_the_override_restores_the_system_default(rds: Any) -> None:
    rds.modify_certificates(CertificateIdentifier="rds-ca-ecc384-g1")
    rds.modify_certificates(RemoveCustomerOverride=True)
    assert default_for_new_launches(rds) == "rds-ca-rsa2048-g1"
    assert not any(overrides(rds).values())
    listed = rds.describe_certificates()["Certificates"]
    assert all("CustomerOverrideValidTill" not in c for c in listed)


def test_removing_the_override_returns_the_certificate_that_no_longer_overrides(
    rds: Any,
) -> None:
    rds.modify_certificates(CertificateIdentifier="rds-ca-ecc384-g1")
    answer = rds.modify_certificates(RemoveCustomerOverride=True)
    assert answer["Certificate"]["CertificateIdentifier"] == "rds-ca-ecc384-g1"
    assert answer["Certificate"]["CustomerOverride"] is False
    assert "CustomerOverrideValidTill" not in answer["Certificate"]


def test_removing_when_there_is_no_override_succeeds_without_a_certificate(rds: Any) -> None:
    answer = rds.modify_certificates(RemoveCustomerOverride=True)
    assert "Certificate" not in answer
    assert default_for_new_launches(rds) == "rds-ca-rsa2048-g1"


# -- combinations AWS does not document -------------------------------------------------------
def test_naming_a_certificate_and_removing_the_override_at_once_is_refused(rds: Any) -> None:
    rds.modify_certificates(CertificateIdentifier="rds-ca-rsa4096-g1")
    with pytest.raises(ClientError) as raised:
        rds.modify_certificates(
            CertificateIdentifier="rds-ca-ecc384-g1", RemoveCustomerOverride=True
        )
    code, message, status = error_of(raised)
    assert (code, status) == ("InvalidParameterCombination", 400)
    assert "CertificateIdentifier" in message
    assert "RemoveCustomerOverride" in message
    assert default_for_new_launches(rds) == "rds-ca-rsa4096-g1"


@pytest.mark.parametrize("request_", [{}, {"RemoveCustomerOverride": False}])
def test_asking_for_neither_an_override_nor_its_removal_is_refused(
    rds: Any, request_: dict[str, Any]
) -> None:
    with pytest.raises(ClientError) as raised:
        rds.modify_certificates(**request_)
    code, message, status = error_of(raised)
    assert (code, status) == ("InvalidParameterCombination", 400)
    assert "CertificateIdentifier" in message


# -- the override and the shared clock --------------------------------------------------------
@pytest.mark.certmock(now=dt.datetime(2024, 3, 1, tzinfo=UTC))
def test_an_override_lapses_when_the_clock_reaches_its_valid_till(rds: Any, certmock: Mock) -> None:
    answer = rds.modify_certificates(CertificateIdentifier="rds-ca-2019")
    assert answer["Certificate"]["CustomerOverrideValidTill"] == RDS_CA_2019_VALID_TILL
    certmock.clock.advance(days=174, hours=17, minutes=8, seconds=49)
    assert default_for_new_launches(rds) == "rds-ca-2019"
    certmock.clock.advance(seconds=1)
    assert default_for_new_launches(rds) == "rds-ca-rsa2048-g1"
    assert not any(overrides(rds).values())
    assert "Certificate" not in rds.modify_certificates(RemoveCustomerOverride=True)


@pytest.mark.certmock(now=dt.datetime(2024, 1, 1, tzinfo=UTC))
def test_an_override_outlasts_the_switch_of_the_system_default(rds: Any, certmock: Mock) -> None:
    rds.modify_certificates(CertificateIdentifier="rds-ca-2019")
    certmock.clock.advance(days=30)
    assert default_for_new_launches(rds) == "rds-ca-2019"
    rds.modify_certificates(RemoveCustomerOverride=True)
    assert default_for_new_launches(rds) == "rds-ca-rsa2048-g1"


# -- whose override it is ---------------------------------------------------------------------
def test_an_override_holds_in_its_own_region_only(rds: Any, certmock: Mock) -> None:
    rds.modify_certificates(CertificateIdentifier="rds-ca-ecc384-g1")
    elsewhere = boto3.client("rds", region_name="eu-west-1")
    assert default_for_new_launches(elsewhere) == "rds-ca-rsa2048-g1"
    assert default_for_new_launches(rds) == "rds-ca-ecc384-g1"


@pytest.mark.certmock(now=NOW, account_id="111122223333")
def test_an_override_is_made_in_the_mocked_account(rds: Any, certmock: Mock) -> None:
    rds.modify_certificates(CertificateIdentifier="rds-ca-ecc384-g1")
    (call,) = [c for c in certmock.calls if c.operation == "ModifyCertificates"]
    assert call.account_id == "111122223333"
    assert call.region == "us-west-2"
    assert call.result is not None
    assert call.result["Certificate"]["CustomerOverride"] is True
