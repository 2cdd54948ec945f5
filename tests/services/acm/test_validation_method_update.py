"""UpdateCertificateOptions with Options.ValidationMethod (botocore 1.44): moving an e-mail
validated public certificate to DNS validation, what DescribeCertificate and
ListCertificateDomainValidations show meanwhile and afterwards, managed renewal after the move,
and the refusals. Skipped where the installed botocore has no CertificateOptions.ValidationMethod
(CI installs the newest botocore)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from botocore.exceptions import ClientError

from certmock import Mock
from certmock.services.acm.control import AcmControl
from tests.services.acm.helpers import (
    DAY,
    NOW,
    active_ca,
    describe,
    error_of,
    events_of,
    has_member,
    import_self_signed,
)

pytestmark = [
    pytest.mark.certmock(now=NOW),
    pytest.mark.skipif(
        not has_member("CertificateOptions", "ValidationMethod"),
        reason="the installed botocore has no CertificateOptions.ValidationMethod (1.44+)",
    ),
]

LOAD_BALANCER = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/1"
MINUTE = dt.timedelta(seconds=60)


def email_request(acm: Any, **options: Any) -> str:
    """A pending e-mail validated request for www.example.net and shop.example.net, the
    latter's e-mail going to example.net."""
    arn: str = acm.request_certificate(
        DomainName="www.example.net",
        SubjectAlternativeNames=["shop.example.net"],
        DomainValidationOptions=[
            {"DomainName": "shop.example.net", "ValidationDomain": "example.net"}
        ],
        **options,
    )["CertificateArn"]
    return arn


def issued_by_email(acm: Any, control: AcmControl, **options: Any) -> str:
    arn = email_request(acm, **options)
    control.validate(arn)
    return arn


def to_dns(acm: Any, arn: str) -> None:
    answer = acm.update_certificate_options(CertificateArn=arn, Options={"ValidationMethod": "DNS"})
    assert set(answer) == {"ResponseMetadata"}


def dns_records(acm: Any) -> dict[str, dict[str, str]]:
    """The records a DNS-validated request for the same names gets (stable per account and
    domain)."""
    arn = acm.request_certificate(
        DomainName="www.example.net",
        SubjectAlternativeNames=["shop.example.net"],
        ValidationMethod="DNS",
    )["CertificateArn"]
    return {
        v["DomainName"]: v["ResourceRecord"] for v in describe(acm, arn)["DomainValidationOptions"]
    }


def summaries(acm: Any, arn: str) -> list[dict[str, Any]]:
    listed: list[dict[str, Any]] = acm.list_certificate_domain_validations(CertificateArn=arn)[
        "DomainValidationSummaryList"
    ]
    return listed


def refusal(acm: Any, arn: str, options: dict[str, str]) -> tuple[str, str]:
    with pytest.raises(ClientError) as raised:
        acm.update_certificate_options(CertificateArn=arn, Options=options)
    return error_of(raised)


# -- an issued certificate -------------------------------------------------------------------
def test_an_issued_email_certificate_moves_to_dns_a_minute_later(
    acm: Any, control: AcmControl, certmock: Mock
) -> None:
    arn = issued_by_email(acm, control)
    before = describe(acm, arn)
    assert "UpdateSummary" not in before
    records = dns_records(acm)

    to_dns(acm, arn)
    pending = describe(acm, arn)
    assert pending["Status"] == "ISSUED"
    assert pending["UpdateSummary"] == {
        "Status": "PENDING_DOMAIN_VALIDATION",
        "Type": "DOMAIN_VALIDATION_METHOD",
        "DomainValidationMethodUpdateSummary": {"From": "EMAIL", "To": "DNS"},
        "RequestedAt": NOW,
        "UpdatedAt": NOW,
    }
    # Until the names validate by DNS, e-mail stays the certificate's validation.
    assert pending["DomainValidationOptions"] == before["DomainValidationOptions"]

    certmock.clock.advance(seconds=59)
    assert describe(acm, arn)["UpdateSummary"]["Status"] == "PENDING_DOMAIN_VALIDATION"
    certmock.clock.advance(seconds=1)
    moved = describe(acm, arn)
    assert moved["UpdateSummary"]["Status"] == "SUCCESS"
    assert moved["UpdateSummary"]["RequestedAt"] == NOW
    assert moved["UpdateSummary"]["UpdatedAt"] == NOW + MINUTE
    assert moved["DomainValidationOptions"] == [
        {
            "DomainName": name,
            "ValidationDomain": name,
            "ValidationStatus": "SUCCESS",
            "ResourceRecord": records[name],
            "ValidationMethod": "DNS",
        }
        for name in ("www.example.net", "shop.example.net")
    ]
    # The same certificate: the ARN, the key and the validity are kept.
    for field in ("Serial", "NotBefore", "NotAfter", "IssuedAt", "Status"):
        assert moved[field] == before[field]


def test_domain_validations_list_the_active_and_the_requested_method(
    acm: Any, control: AcmControl, certmock: Mock
) -> None:
    arn = issued_by_email(acm, control)
    records = dns_records(acm)
    to_dns(acm, arn)
    www, shop = summaries(acm, arn)
    assert (www["DomainName"], shop["DomainName"]) == ("www.example.net", "shop.example.net")
    assert shop["ActiveValidationConfiguration"] == {
        "ValidationMethod": "EMAIL",
        "ValidationChallenge": {
            "EmailValidationChallenge": {
                "ValidationEmails": [],
                "ValidationDomain": "example.net",
            }
        },
        "ValidationStatus": "SUCCESS",
    }
    for summary in (www, shop):
        assert summary["RequestedValidationConfiguration"] == {
            "ValidationMethod": "DNS",
            "ValidationChallenge": {
                "DnsValidationChallenge": {"ResourceRecord": records[summary["DomainName"]]}
            },
            "ValidationStatus": "PENDING_VALIDATION",
        }

    certmock.clock.advance(seconds=60)
    for summary in summaries(acm, arn):
        # The migration is over: only the active configuration, now DNS.
        assert "RequestedValidationConfiguration" not in summary
        active = summary["ActiveValidationConfiguration"]
        assert (active["ValidationMethod"], active["ValidationStatus"]) == ("DNS", "SUCCESS")
        assert active["ValidationChallenge"] == {
            "DnsValidationChallenge": {"ResourceRecord": records[summary["DomainName"]]}
        }


def test_validate_completes_the_move_at_once(acm: Any, control: AcmControl) -> None:
    arn = issued_by_email(acm, control)
    to_dns(acm, arn)
    control.validate(arn)
    found = describe(acm, arn)
    assert (found["UpdateSummary"]["Status"], found["UpdateSummary"]["UpdatedAt"]) == (
        "SUCCESS",
        NOW,
    )
    assert {v["ValidationMethod"] for v in found["DomainValidationOptions"]} == {"DNS"}
    with pytest.raises(ValueError, match="no pending validation"):
        control.validate(arn)


def test_search_finds_the_certificate_by_its_new_method(
    acm: Any, control: AcmControl, certmock: Mock
) -> None:
    arn = issued_by_email(acm, control)
    to_dns(acm, arn)

    def by_method(method: str) -> list[str]:
        statement = {"Filter": {"AcmCertificateMetadataFilter": {"ValidationMethod": method}}}
        results = acm.search_certificates(FilterStatement=statement)["Results"]
        return [r["CertificateArn"] for r in results]

    assert (by_method("EMAIL"), by_method("DNS")) == ([arn], [])
    certmock.clock.advance(seconds=60)
    assert (by_method("EMAIL"), by_method("DNS")) == ([], [arn])


# -- a pending request -----------------------------------------------------------------------
def test_a_pending_email_request_moves_to_dns_and_is_issued(acm: Any, certmock: Mock) -> None:
    arn = email_request(acm)
    certmock.clock.advance(hours=1)
    requested_at = NOW + dt.timedelta(hours=1)
    to_dns(acm, arn)
    pending = describe(acm, arn)
    assert pending["Status"] == "PENDING_VALIDATION"
    assert pending["UpdateSummary"]["Status"] == "PENDING_DOMAIN_VALIDATION"
    assert {v["ValidationMethod"] for v in pending["DomainValidationOptions"]} == {"EMAIL"}
    for summary in summaries(acm, arn):
        assert summary["ActiveValidationConfiguration"]["ValidationStatus"] == "PENDING_VALIDATION"
        requested = summary["RequestedValidationConfiguration"]
        assert (requested["ValidationMethod"], requested["ValidationStatus"]) == (
            "DNS",
            "PENDING_VALIDATION",
        )
    with pytest.raises(ClientError) as raised:
        acm.get_certificate(CertificateArn=arn)
    assert error_of(raised)[0] == "RequestInProgressException"

    # The waiter polls every 60 s: the second poll sees the certificate issued by DNS.
    acm.get_waiter("certificate_validated").wait(CertificateArn=arn)
    issued = describe(acm, arn)
    assert issued["Status"] == "ISSUED"
    assert issued["IssuedAt"] == requested_at + MINUTE
    assert issued["UpdateSummary"]["Status"] == "SUCCESS"
    assert [
        (v["ValidationMethod"], v["ValidationStatus"], "ResourceRecord" in v)
        for v in issued["DomainValidationOptions"]
    ] == [("DNS", "SUCCESS", True)] * 2
    assert acm.get_certificate(CertificateArn=arn)["Certificate"].startswith("-----BEGIN")
    (available,) = events_of(certmock, "ACM Certificate Available")
    assert available["detail"]["Action"] == "ISSUANCE"
    assert available["detail"]["DomainValidationMethod"] == "DNS"


def test_the_move_gives_a_pending_request_a_new_72_hour_window(acm: Any, certmock: Mock) -> None:
    # AWS asks for the CNAME records within 72 hours of the call.
    arn = email_request(acm)
    certmock.clock.advance(hours=71, minutes=59, seconds=30)
    to_dns(acm, arn)
    certmock.clock.advance(seconds=60)
    found = describe(acm, arn)
    assert (found["Status"], found["UpdateSummary"]["Status"]) == ("ISSUED", "SUCCESS")


def test_validate_issues_a_pending_request_that_is_moving(acm: Any, control: AcmControl) -> None:
    arn = email_request(acm)
    to_dns(acm, arn)
    control.validate(arn)
    found = describe(acm, arn)
    assert (found["Status"], found["UpdateSummary"]["Status"]) == ("ISSUED", "SUCCESS")
    assert {v["ValidationMethod"] for v in found["DomainValidationOptions"]} == {"DNS"}


def test_a_moved_request_no_longer_takes_validation_email(acm: Any, certmock: Mock) -> None:
    arn = email_request(acm)
    to_dns(acm, arn)
    # While it moves, e-mail is still the active method.
    acm.resend_validation_email(
        CertificateArn=arn, Domain="www.example.net", ValidationDomain="www.example.net"
    )
    certmock.clock.advance(seconds=60)
    with pytest.raises(ClientError) as raised:
        acm.resend_validation_email(
            CertificateArn=arn, Domain="www.example.net", ValidationDomain="www.example.net"
        )
    assert error_of(raised)[0] == "InvalidStateException"


# -- managed renewal -------------------------------------------------------------------------
def test_after_the_move_managed_renewal_follows_dns_rules(
    acm: Any, control: AcmControl, certmock: Mock
) -> None:
    arn = issued_by_email(acm, control)
    control.use(arn, LOAD_BALANCER)
    to_dns(acm, arn)
    certmock.clock.advance(seconds=60)
    before = describe(acm, arn)
    # DNS: from 60 days out, without approval (e-mail would wait, from 45 days out).
    starts = before["NotAfter"] - 60 * DAY
    certmock.clock.freeze(starts - dt.timedelta(seconds=1))
    assert "RenewalSummary" not in describe(acm, arn)
    certmock.clock.advance(seconds=1)
    renewed = describe(acm, arn)
    summary = renewed["RenewalSummary"]
    assert (summary["RenewalStatus"], summary["UpdatedAt"]) == ("SUCCESS", starts)
    assert [
        (v["ValidationMethod"], v["ValidationStatus"]) for v in summary["DomainValidationOptions"]
    ] == [("DNS", "SUCCESS")] * 2
    assert renewed["NotAfter"] > before["NotAfter"]
    assert renewed["Serial"] != before["Serial"]
    assert events_of(certmock, "ACM Certificate Renewal Action Required") == []
    (renewal,) = [
        e
        for e in events_of(certmock, "ACM Certificate Available")
        if e["detail"]["Action"] == "RENEWAL"
    ]
    assert renewal["detail"]["DomainValidationMethod"] == "DNS"


def test_a_renewal_waiting_for_email_approval_completes_by_dns(
    acm: Any, control: AcmControl, certmock: Mock
) -> None:
    arn = issued_by_email(acm, control)
    control.use(arn, LOAD_BALANCER)
    before = describe(acm, arn)
    certmock.clock.freeze(before["NotAfter"] - 40 * DAY)
    waiting = describe(acm, arn)["RenewalSummary"]
    assert waiting["RenewalStatus"] == "PENDING_VALIDATION"
    assert {v["ValidationMethod"] for v in waiting["DomainValidationOptions"]} == {"EMAIL"}

    to_dns(acm, arn)
    certmock.clock.advance(seconds=60)
    renewed = describe(acm, arn)
    summary = renewed["RenewalSummary"]
    assert summary["RenewalStatus"] == "SUCCESS"
    assert summary["UpdatedAt"] == before["NotAfter"] - 40 * DAY + MINUTE
    assert [
        (v["DomainName"], v["ValidationMethod"], v["ValidationStatus"])
        for v in summary["DomainValidationOptions"]
    ] == [("www.example.net", "DNS", "SUCCESS"), ("shop.example.net", "DNS", "SUCCESS")]
    assert renewed["NotAfter"] > before["NotAfter"]
    assert renewed["UpdateSummary"]["Status"] == "SUCCESS"


# -- the move fails --------------------------------------------------------------------------
def test_a_certificate_revoked_while_moving_fails_the_move(
    acm: Any, control: AcmControl, certmock: Mock
) -> None:
    arn = issued_by_email(acm, control, Options={"Export": "ENABLED"})
    acm.export_certificate(CertificateArn=arn, Passphrase=b"passphrase")
    to_dns(acm, arn)
    certmock.clock.advance(seconds=30)
    acm.revoke_certificate(CertificateArn=arn, RevocationReason="SUPERSEDED")
    certmock.clock.advance(seconds=60)
    found = describe(acm, arn)
    assert (found["UpdateSummary"]["Status"], found["UpdateSummary"]["UpdatedAt"]) == (
        "FAILED",
        NOW + dt.timedelta(seconds=30),
    )
    assert {v["ValidationMethod"] for v in found["DomainValidationOptions"]} == {"EMAIL"}
    assert all("RequestedValidationConfiguration" not in s for s in summaries(acm, arn))


def test_a_certificate_expiring_while_moving_fails_the_move(
    acm: Any, control: AcmControl, certmock: Mock
) -> None:
    arn = issued_by_email(acm, control)
    not_after = describe(acm, arn)["NotAfter"]
    certmock.clock.freeze(not_after - dt.timedelta(seconds=30))
    to_dns(acm, arn)
    certmock.clock.advance(seconds=60)
    found = describe(acm, arn)
    assert found["Status"] == "EXPIRED"
    assert found["UpdateSummary"]["Status"] == "FAILED"
    assert {v["ValidationMethod"] for v in found["DomainValidationOptions"]} == {"EMAIL"}


# -- refusals --------------------------------------------------------------------------------
@pytest.mark.parametrize("method", ["EMAIL", "HTTP"])
def test_email_validated_certificates_move_to_dns_only(
    acm: Any, control: AcmControl, method: str
) -> None:
    arn = issued_by_email(acm, control)
    code, message = refusal(acm, arn, {"ValidationMethod": method})
    assert code == "ValidationException"
    assert f"ValidationMethod {method} cannot be requested" in message
    assert "UpdateSummary" not in describe(acm, arn)


@pytest.mark.parametrize("method", ["EMAIL", "HTTP"])
def test_a_dns_validated_certificate_cannot_move_back(
    acm: Any, control: AcmControl, method: str
) -> None:
    arn = acm.request_certificate(DomainName="www.example.net", ValidationMethod="DNS")[
        "CertificateArn"
    ]
    control.validate(arn)
    assert refusal(acm, arn, {"ValidationMethod": method})[0] == "ValidationException"


def test_a_dns_validated_certificate_already_uses_dns(acm: Any) -> None:
    arn = acm.request_certificate(DomainName="www.example.net", ValidationMethod="DNS")[
        "CertificateArn"
    ]
    assert refusal(acm, arn, {"ValidationMethod": "DNS"}) == (
        "ValidationException",
        f"Certificate {arn} already uses DNS validation.",
    )


def test_a_moved_certificate_already_uses_dns(
    acm: Any, control: AcmControl, certmock: Mock
) -> None:
    arn = issued_by_email(acm, control)
    to_dns(acm, arn)
    certmock.clock.advance(seconds=60)
    assert refusal(acm, arn, {"ValidationMethod": "DNS"})[0] == "ValidationException"
    # The summary still tells of the move that succeeded.
    assert describe(acm, arn)["UpdateSummary"]["UpdatedAt"] == NOW + MINUTE


def test_a_second_move_while_one_is_pending_is_a_conflict(acm: Any, control: AcmControl) -> None:
    arn = issued_by_email(acm, control)
    to_dns(acm, arn)
    assert refusal(acm, arn, {"ValidationMethod": "DNS"})[0] == "ConflictException"
    # Other options can still change meanwhile.
    acm.update_certificate_options(
        CertificateArn=arn, Options={"CertificateTransparencyLoggingPreference": "DISABLED"}
    )
    assert describe(acm, arn)["UpdateSummary"]["Status"] == "PENDING_DOMAIN_VALIDATION"


def test_an_imported_certificate_has_no_validation_method_to_change(acm: Any) -> None:
    arn = import_self_signed(acm)
    assert refusal(acm, arn, {"ValidationMethod": "DNS"})[0] == "ValidationException"
    assert "UpdateSummary" not in describe(acm, arn)


def test_a_private_certificate_has_no_validation_method_to_change(acm: Any, pca: Any) -> None:
    arn = acm.request_certificate(
        DomainName="svc.internal.example", CertificateAuthorityArn=active_ca(pca)
    )["CertificateArn"]
    assert describe(acm, arn)["Status"] == "ISSUED"
    assert refusal(acm, arn, {"ValidationMethod": "DNS"})[0] == "ValidationException"
    assert "UpdateSummary" not in describe(acm, arn)


def test_a_timed_out_request_cannot_move(acm: Any, certmock: Mock) -> None:
    arn = email_request(acm)
    certmock.clock.advance(hours=72)
    code, message = refusal(acm, arn, {"ValidationMethod": "DNS"})
    assert code == "InvalidStateException"
    assert "VALIDATION_TIMED_OUT" in message


def test_a_failed_request_cannot_move(acm: Any) -> None:
    arn = acm.request_certificate(DomainName="www.example.test")["CertificateArn"]
    assert describe(acm, arn)["Status"] == "FAILED"
    assert refusal(acm, arn, {"ValidationMethod": "DNS"})[0] == "InvalidStateException"


def test_an_expired_certificate_cannot_move(acm: Any, control: AcmControl, certmock: Mock) -> None:
    arn = issued_by_email(acm, control)
    certmock.clock.freeze(describe(acm, arn)["NotAfter"])
    assert refusal(acm, arn, {"ValidationMethod": "DNS"})[0] == "InvalidStateException"


def test_a_refused_request_changes_nothing(acm: Any, control: AcmControl) -> None:
    arn = issued_by_email(acm, control)
    code, _ = refusal(
        acm,
        arn,
        {"CertificateTransparencyLoggingPreference": "DISABLED", "ValidationMethod": "HTTP"},
    )
    assert code == "ValidationException"
    assert describe(acm, arn)["Options"]["CertificateTransparencyLoggingPreference"] == "ENABLED"
