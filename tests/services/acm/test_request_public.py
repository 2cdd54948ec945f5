"""RequestCertificate for public certificates: domain validation (DNS and e-mail) on the clock,
issuance by the world's stand-in Amazon CA, and the request's refusals."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError, WaiterError
from cryptography import x509

from certmock import Mock
from certmock.pki.signatures import verifies
from certmock.services.acm.control import AcmControl
from tests.services.acm.helpers import DAY, NOW, REGION, describe, error_of, events_of

pytestmark = pytest.mark.certmock(now=NOW)


def request(acm: Any, domain: str = "www.example.net", **options: Any) -> str:
    options.setdefault("ValidationMethod", "DNS")
    arn: str = acm.request_certificate(DomainName=domain, **options)["CertificateArn"]
    return arn


def refusal(acm: Any, **options: Any) -> tuple[str, str]:
    with pytest.raises(ClientError) as raised:
        acm.request_certificate(**options)
    return error_of(raised)


# -- pending validation ---------------------------------------------------------------------
def test_a_dns_request_is_pending_with_one_cname_per_name(acm: Any) -> None:
    arn = request(acm, "example.net", SubjectAlternativeNames=["www.example.net"])
    found = describe(acm, arn)
    assert found["Status"] == "PENDING_VALIDATION"
    assert found["Type"] == "AMAZON_ISSUED"
    assert found["SubjectAlternativeNames"] == ["example.net", "www.example.net"]
    assert found["KeyAlgorithm"] == "RSA-2048"
    assert found["SignatureAlgorithm"] == "SHA256WITHRSA"
    assert found["KeyUsages"] == []
    assert found["ExtendedKeyUsages"] == []
    assert found["RenewalEligibility"] == "INELIGIBLE"
    assert found["Options"] == {
        "CertificateTransparencyLoggingPreference": "ENABLED",
        "Export": "DISABLED",
    }
    assert "NotAfter" not in found
    assert "Serial" not in found
    for validation, domain in zip(
        found["DomainValidationOptions"], ["example.net", "www.example.net"], strict=True
    ):
        assert validation["DomainName"] == domain
        assert validation["ValidationDomain"] == domain
        assert validation["ValidationStatus"] == "PENDING_VALIDATION"
        assert validation["ValidationMethod"] == "DNS"
        record = validation["ResourceRecord"]
        assert record["Type"] == "CNAME"
        assert re.fullmatch(rf"_[0-9a-f]{{32}}\.{re.escape(domain)}\.", record["Name"])
        assert re.fullmatch(r"_[0-9a-f]{32}\.[a-z]{10}\.acm-validations\.aws\.", record["Value"])


def test_a_wildcard_shares_the_record_of_its_base_domain(acm: Any) -> None:
    arn = request(acm, "example.net", SubjectAlternativeNames=["*.example.net"])
    apex, wildcard = describe(acm, arn)["DomainValidationOptions"]
    # Real output: the wildcard is its own ValidationDomain; the record is the base domain's.
    assert wildcard["ValidationDomain"] == "*.example.net"
    assert wildcard["ResourceRecord"] == apex["ResourceRecord"]


def test_a_pending_request_already_shows_its_subject_and_issuer(acm: Any) -> None:
    # As real DescribeCertificate output of a PENDING_VALIDATION request does.
    found = describe(acm, request(acm, "*.example.net"))
    assert (found["Subject"], found["Issuer"]) == ("CN=*.example.net", "Amazon")
    emailed = describe(acm, request(acm, "www.example.net", ValidationMethod="EMAIL"))
    assert (emailed["Subject"], emailed["Issuer"]) == ("CN=www.example.net", "Amazon")


def test_an_email_validated_wildcard_keeps_its_name(acm: Any) -> None:
    """A wildcard's ValidationDomain keeps its ``*.`` for e-mail too (responses recorded
    against AWS, tests/recorded/corpus/acm/describe_certificate_email_example_com_failed)."""
    arn = request(acm, "*.example.net", ValidationMethod="EMAIL")
    (validation,) = describe(acm, arn)["DomainValidationOptions"]
    assert validation["ValidationDomain"] == "*.example.net"
    assert validation["ValidationEmails"] == []


def test_email_validation_of_a_wildcard_under_example_com_fails_within_seconds(
    acm: Any, certmock: Mock
) -> None:
    """As recorded against AWS (tests/recorded/corpus/acm/
    describe_certificate_email_example_com_failed): the wildcard FAILED with
    ADDITIONAL_VERIFICATION_REQUIRED a few seconds after the request, the plain names of the
    same request, test.example.com among them, left pending."""
    names = ["test.example.com", "*.test.example.com", "another.example.net"]
    arn = request(acm, names[0], ValidationMethod="EMAIL", SubjectAlternativeNames=names)
    assert describe(acm, arn)["Status"] == "PENDING_VALIDATION"
    certmock.clock.advance(seconds=5)
    found = describe(acm, arn)
    assert found["Status"] == "FAILED"
    assert found["FailureReason"] == "ADDITIONAL_VERIFICATION_REQUIRED"
    statuses = {v["DomainName"]: v["ValidationStatus"] for v in found["DomainValidationOptions"]}
    assert statuses == {
        "test.example.com": "PENDING_VALIDATION",
        "*.test.example.com": "FAILED",
        "another.example.net": "PENDING_VALIDATION",
    }


def test_dns_validation_of_a_wildcard_under_example_com_is_not_refused(
    acm: Any, certmock: Mock
) -> None:
    """AWS's answer for DNS validation there is not recorded: certmock lets it validate."""
    arn = request(acm, "*.example.com", ValidationMethod="DNS")
    certmock.clock.advance(minutes=1)
    assert describe(acm, arn)["Status"] == "ISSUED"


def test_the_record_for_a_name_is_the_same_on_every_request(acm: Any) -> None:
    first = describe(acm, request(acm))["DomainValidationOptions"][0]["ResourceRecord"]
    second = describe(acm, request(acm))["DomainValidationOptions"][0]["ResourceRecord"]
    assert first == second


def test_get_certificate_before_issuance_is_in_progress(acm: Any) -> None:
    arn = request(acm)
    with pytest.raises(ClientError) as raised:
        acm.get_certificate(CertificateArn=arn)
    assert error_of(raised)[0] == "RequestInProgressException"


def test_email_validation_is_the_default_and_lists_no_addresses(acm: Any) -> None:
    """``ValidationEmails`` is empty in every response recorded against AWS in 2024 and 2025
    (tests/recorded/corpus/acm/describe_certificate_email_pending)."""
    arn = acm.request_certificate(DomainName="www.example.net")["CertificateArn"]
    (validation,) = describe(acm, arn)["DomainValidationOptions"]
    assert validation["ValidationMethod"] == "EMAIL"
    assert validation["ValidationDomain"] == "www.example.net"
    assert validation["ValidationEmails"] == []
    assert "ResourceRecord" not in validation


def test_email_can_go_to_a_superdomain(acm: Any) -> None:
    arn = request(
        acm,
        ValidationMethod="EMAIL",
        DomainValidationOptions=[
            {"DomainName": "www.example.net", "ValidationDomain": "example.net"}
        ],
    )
    (validation,) = describe(acm, arn)["DomainValidationOptions"]
    assert validation["ValidationDomain"] == "example.net"


@pytest.mark.parametrize(
    ("option", "fragment"),
    [
        ({"DomainName": "other.example.net", "ValidationDomain": "example.net"}, "not one of"),
        ({"DomainName": "www.example.net", "ValidationDomain": "example.org"}, "superdomains"),
    ],
)
def test_bad_domain_validation_options_are_refused(
    acm: Any, option: dict[str, str], fragment: str
) -> None:
    code, message = refusal(
        acm,
        DomainName="www.example.net",
        ValidationMethod="EMAIL",
        DomainValidationOptions=[option],
    )
    assert code == "InvalidDomainValidationOptionsException"
    assert fragment in message


# -- completing validation ------------------------------------------------------------------
def test_dns_validation_completes_a_minute_after_the_request(acm: Any, certmock: Mock) -> None:
    arn = request(acm)
    certmock.clock.advance(seconds=59)
    assert describe(acm, arn)["Status"] == "PENDING_VALIDATION"
    certmock.clock.advance(seconds=1)
    found = describe(acm, arn)
    assert found["Status"] == "ISSUED"
    assert found["IssuedAt"] == NOW + dt.timedelta(seconds=60)
    assert [v["ValidationStatus"] for v in found["DomainValidationOptions"]] == ["SUCCESS"]


def test_the_certificate_validated_waiter_returns_at_once_in_wall_time(
    acm: Any, certmock: Mock
) -> None:
    arn = request(acm)
    acm.get_waiter("certificate_validated").wait(CertificateArn=arn)
    assert describe(acm, arn)["Status"] == "ISSUED"
    assert certmock.clock.now() == NOW + dt.timedelta(seconds=60)


def test_the_waiter_gives_up_on_email_validation_nobody_approves(acm: Any) -> None:
    arn = acm.request_certificate(DomainName="www.example.net")["CertificateArn"]
    with pytest.raises(WaiterError):
        acm.get_waiter("certificate_validated").wait(CertificateArn=arn)


def test_email_validation_waits_for_the_test_to_approve(
    acm: Any, control: AcmControl, certmock: Mock
) -> None:
    arn = acm.request_certificate(DomainName="www.example.net")["CertificateArn"]
    certmock.clock.advance(days=2)
    assert describe(acm, arn)["Status"] == "PENDING_VALIDATION"
    control.validate(arn)
    found = describe(acm, arn)
    assert found["Status"] == "ISSUED"
    assert found["IssuedAt"] == NOW + 2 * DAY


def test_validate_completes_dns_validation_at_once(acm: Any, control: AcmControl) -> None:
    arn = request(acm)
    control.validate(arn)
    assert describe(acm, arn)["Status"] == "ISSUED"


def test_validate_refuses_a_certificate_with_nothing_pending(acm: Any, control: AcmControl) -> None:
    arn = request(acm)
    control.validate(arn)
    with pytest.raises(ValueError, match="no pending validation"):
        control.validate(arn)


def test_validate_refuses_an_unknown_certificate(control: AcmControl) -> None:
    with pytest.raises(KeyError):
        control.validate(
            "arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-4000-8000-000000000000"
        )


def test_email_validation_times_out_after_72_hours(acm: Any, certmock: Mock) -> None:
    arn = acm.request_certificate(DomainName="www.example.net")["CertificateArn"]
    certmock.clock.advance(hours=72)
    found = describe(acm, arn)
    assert found["Status"] == "VALIDATION_TIMED_OUT"
    assert found["DomainValidationOptions"][0]["ValidationStatus"] == "FAILED"


def test_resending_the_email_opens_a_new_72_hour_window(acm: Any, certmock: Mock) -> None:
    arn = acm.request_certificate(DomainName="www.example.net")["CertificateArn"]
    certmock.clock.advance(hours=48)
    acm.resend_validation_email(
        CertificateArn=arn, Domain="www.example.net", ValidationDomain="www.example.net"
    )
    certmock.clock.advance(hours=71)
    assert describe(acm, arn)["Status"] == "PENDING_VALIDATION"
    certmock.clock.advance(hours=1)
    assert describe(acm, arn)["Status"] == "VALIDATION_TIMED_OUT"


@pytest.mark.parametrize(
    ("method", "domain", "validation_domain", "code"),
    [
        ("DNS", "www.example.net", "www.example.net", "InvalidStateException"),
        ("EMAIL", "api.example.net", "api.example.net", "InvalidDomainValidationOptionsException"),
        ("EMAIL", "www.example.net", "example.net", "InvalidDomainValidationOptionsException"),
    ],
    ids=["dns-validated", "unknown-domain", "other-validation-domain"],
)
def test_resend_validation_email_refusals(
    acm: Any, method: str, domain: str, validation_domain: str, code: str
) -> None:
    arn = request(acm, ValidationMethod=method)
    with pytest.raises(ClientError) as raised:
        acm.resend_validation_email(
            CertificateArn=arn, Domain=domain, ValidationDomain=validation_domain
        )
    assert error_of(raised)[0] == code


def test_resend_validation_email_for_an_issued_certificate_is_in_the_wrong_state(
    acm: Any, control: AcmControl
) -> None:
    arn = request(acm, ValidationMethod="EMAIL")
    control.validate(arn)
    with pytest.raises(ClientError) as raised:
        acm.resend_validation_email(
            CertificateArn=arn, Domain="www.example.net", ValidationDomain="www.example.net"
        )
    assert error_of(raised)[0] == "InvalidStateException"


# -- the issued certificate -------------------------------------------------------------------
def test_the_issued_certificate_is_real_and_verifies_up_its_chain(
    acm: Any, control: AcmControl
) -> None:
    arn = request(acm, "example.net", SubjectAlternativeNames=["*.example.net"])
    control.validate(arn)
    got = acm.get_certificate(CertificateArn=arn)
    leaf = x509.load_pem_x509_certificate(got["Certificate"].encode())
    intermediate, root = x509.load_pem_x509_certificates(got["CertificateChain"].encode())
    assert verifies(leaf, intermediate)
    assert verifies(intermediate, root)
    assert verifies(root, root)
    assert intermediate.subject.rfc4514_string() == "CN=Amazon RSA 2048 M02,O=Amazon,C=US"
    assert root.subject.rfc4514_string() == "CN=Amazon Root CA 1,O=Amazon,C=US"
    assert leaf.subject.rfc4514_string() == "CN=example.net"
    san = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert san.get_values_for_type(x509.DNSName) == ["example.net", "*.example.net"]
    found = describe(acm, arn)
    assert found["Issuer"] == "Amazon"
    assert found["Subject"] == "CN=example.net"
    assert found["KeyUsages"] == [{"Name": "DIGITAL_SIGNATURE"}, {"Name": "KEY_ENCIPHERMENT"}]
    assert [u["Name"] for u in found["ExtendedKeyUsages"]] == [
        "TLS_WEB_SERVER_AUTHENTICATION",
        "TLS_WEB_CLIENT_AUTHENTICATION",
    ]
    assert found["Serial"].count(":") == 15


@pytest.mark.parametrize(
    ("key_algorithm", "intermediate", "shown"),
    [
        ("EC_prime256v1", "Amazon ECDSA 256 M02", "EC-prime256v1"),
        ("EC_secp384r1", "Amazon ECDSA 384 M02", "EC-secp384r1"),
    ],
)
def test_ecdsa_certificates_come_from_an_ecdsa_intermediate(
    acm: Any, control: AcmControl, key_algorithm: str, intermediate: str, shown: str
) -> None:
    arn = request(acm, KeyAlgorithm=key_algorithm)
    control.validate(arn)
    chain = x509.load_pem_x509_certificates(
        acm.get_certificate(CertificateArn=arn)["CertificateChain"].encode()
    )
    assert chain[0].subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)[0].value == (
        intermediate
    )
    found = describe(acm, arn)
    assert found["KeyAlgorithm"] == shown
    assert found["KeyUsages"] == [{"Name": "DIGITAL_SIGNATURE"}]


@pytest.mark.parametrize(
    ("requested_at", "not_after"),
    [
        (NOW, dt.datetime(2027, 1, 30, 23, 59, 59, tzinfo=dt.timezone.utc)),
        (
            dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.timezone.utc),
            dt.datetime(2026, 9, 14, 23, 59, 59, tzinfo=dt.timezone.utc),
        ),
    ],
    ids=["395-days-before-2026-02-18", "198-days-after"],
)
def test_public_validity_follows_the_date_of_issue(
    acm: Any, control: AcmControl, certmock: Mock, requested_at: dt.datetime, not_after: Any
) -> None:
    certmock.clock.freeze(requested_at)
    arn = request(acm)
    control.validate(arn)
    found = describe(acm, arn)
    assert found["NotBefore"] == requested_at.replace(hour=0, minute=0)
    assert found["NotAfter"] == not_after


def test_a_domain_name_too_long_for_a_common_name_goes_in_the_san_only(
    acm: Any, control: AcmControl
) -> None:
    long_name = "a" * 60 + ".example.net"
    arn = request(acm, long_name)
    control.validate(arn)
    leaf = x509.load_pem_x509_certificate(
        acm.get_certificate(CertificateArn=arn)["Certificate"].encode()
    )
    assert len(leaf.subject) == 0
    san = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert san.get_values_for_type(x509.DNSName) == [long_name]


def test_issuance_announces_the_certificate_available(
    acm: Any, control: AcmControl, certmock: Mock
) -> None:
    arn = request(acm)
    control.validate(arn)
    (event,) = events_of(certmock, "ACM Certificate Available")
    assert event["resources"] == [arn]
    assert event["detail"]["Action"] == "ISSUANCE"
    assert event["detail"]["CertificateType"] == "AMAZON_ISSUED"
    assert event["detail"]["DomainValidationMethod"] == "DNS"
    assert event["detail"]["CertificateCreatedDate"] == "2026-01-01T12:00:00Z"
    assert event["detail"]["CertificateExpirationDate"] == "2027-01-30T23:59:59Z"
    assert event["detail"]["DaysToExpiry"] == 395


# -- requests refused or failed ------------------------------------------------------------
def test_the_same_idempotency_token_within_an_hour_is_the_same_request(
    acm: Any, certmock: Mock
) -> None:
    first = request(acm, IdempotencyToken="once")
    certmock.clock.advance(minutes=59)
    assert request(acm, IdempotencyToken="once") == first
    certmock.clock.advance(minutes=1)
    assert request(acm, IdempotencyToken="once") != first


def test_more_than_ten_names_exceed_the_quota(acm: Any) -> None:
    names = [f"n{i}.example.net" for i in range(10)]
    # AWS's text (terraform-provider-aws#35825).
    assert refusal(acm, DomainName="www.example.net", SubjectAlternativeNames=names) == (
        "LimitExceededException",
        "Certificate has too many domains.",
    )


def test_ten_names_with_a_repeat_are_within_the_quota(acm: Any) -> None:
    names = ["www.example.net", *[f"n{i}.example.net" for i in range(9)]]
    arn = request(acm, SubjectAlternativeNames=names)
    assert len(describe(acm, arn)["SubjectAlternativeNames"]) == 10


@pytest.mark.parametrize("key_algorithm", ["RSA_1024", "RSA_3072", "RSA_4096", "EC_secp521r1"])
def test_public_certificates_take_three_key_algorithms_only(acm: Any, key_algorithm: str) -> None:
    code, message = refusal(acm, DomainName="www.example.net", KeyAlgorithm=key_algorithm)
    assert code == "InvalidParameterException"
    assert key_algorithm in message


def test_http_validation_is_refused(acm: Any) -> None:
    code, message = refusal(acm, DomainName="www.example.net", ValidationMethod="HTTP")
    assert code == "InvalidParameterException"
    assert "CloudFront" in message


@pytest.mark.parametrize("domain", ["site.test", "printer.local", "app.internal", "x.invalid"])
def test_a_name_no_public_ca_may_certify_fails_the_request(acm: Any, domain: str) -> None:
    arn = request(acm, "www.example.net", SubjectAlternativeNames=[domain])
    found = describe(acm, arn)
    assert found["Status"] == "FAILED"
    assert found["FailureReason"] == "INVALID_PUBLIC_DOMAIN"
    statuses = {v["DomainName"]: v["ValidationStatus"] for v in found["DomainValidationOptions"]}
    assert statuses == {"www.example.net": "PENDING_VALIDATION", domain: "FAILED"}


def test_the_waiter_fails_on_a_failed_request(acm: Any) -> None:
    arn = request(acm, "site.test")
    with pytest.raises(WaiterError):
        acm.get_waiter("certificate_validated").wait(CertificateArn=arn)


def test_a_failed_request_has_no_certificate(acm: Any) -> None:
    arn = request(acm, "site.test")
    with pytest.raises(ClientError) as raised:
        acm.get_certificate(CertificateArn=arn)
    assert error_of(raised)[0] == "ResourceNotFoundException"


# -- realistic mode --------------------------------------------------------------------------
@pytest.mark.certmock(now=NOW, realistic=True)
def test_with_realistic_delays_the_records_appear_a_few_seconds_late(certmock: Mock) -> None:
    acm = boto3.client("acm", region_name=REGION)
    arn = request(acm)
    (early,) = describe(acm, arn)["DomainValidationOptions"]
    assert early == {"DomainName": "www.example.net", "ValidationMethod": "DNS"}
    certmock.clock.advance(seconds=5)
    (ready,) = describe(acm, arn)["DomainValidationOptions"]
    assert "ResourceRecord" in ready


@pytest.mark.certmock(now=NOW, seed=7)
def test_the_same_seed_issues_the_same_certificate(certmock: Mock) -> None:
    runs = []
    for _ in range(2):
        certmock.reset()  # a new world with the same seed
        acm = boto3.client("acm", region_name=REGION)
        arn = request(acm)
        certmock.acm.validate(arn)
        runs.append((arn, acm.get_certificate(CertificateArn=arn)))
    assert runs[0][0] == runs[1][0]
    assert runs[0][1]["Certificate"] == runs[1][1]["Certificate"]
