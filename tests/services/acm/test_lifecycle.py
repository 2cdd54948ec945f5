"""Looking certificates up (ARNs, accounts, regions), tags, DeleteCertificate,
RevokeCertificate, UpdateCertificateOptions, and what "in use" changes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from certmock import Mock, mock_acm
from certmock.services.acm.control import AcmControl
from tests.model_facts import needs_operation
from tests.services.acm.helpers import (
    DAY,
    NOW,
    REGION,
    describe,
    error_of,
    events_of,
    import_self_signed,
)

pytestmark = pytest.mark.certmock(now=NOW)

MISSING = "arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-4000-8000-000000000000"
LOAD_BALANCER = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/1"

# Every operation that names one certificate, with the rest of a valid request.
SINGLE_CERTIFICATE_OPERATIONS = [
    ("describe_certificate", {}),
    ("get_certificate", {}),
    ("delete_certificate", {}),
    ("list_tags_for_certificate", {}),
    ("add_tags_to_certificate", {"Tags": [{"Key": "k", "Value": "v"}]}),
    ("remove_tags_from_certificate", {"Tags": [{"Key": "k"}]}),
    ("export_certificate", {"Passphrase": b"passphrase"}),
    ("renew_certificate", {}),
    pytest.param(
        "revoke_certificate",
        {"RevocationReason": "KEY_COMPROMISE"},
        marks=needs_operation("acm", "RevokeCertificate"),
    ),
    (
        "update_certificate_options",
        {"Options": {"CertificateTransparencyLoggingPreference": "ENABLED"}},
    ),
    ("resend_validation_email", {"Domain": "example.net", "ValidationDomain": "example.net"}),
]


def exportable_public(acm: Any, control: AcmControl) -> str:
    arn: str = acm.request_certificate(
        DomainName="www.example.net", ValidationMethod="DNS", Options={"Export": "ENABLED"}
    )["CertificateArn"]
    control.validate(arn)
    return arn


# -- lookups ----------------------------------------------------------------------------------
@pytest.mark.parametrize(("operation", "extra"), SINGLE_CERTIFICATE_OPERATIONS)
def test_an_unknown_certificate_is_not_found(
    acm: Any, operation: str, extra: dict[str, Any]
) -> None:
    with pytest.raises(ClientError) as raised:
        getattr(acm, operation)(CertificateArn=MISSING, **extra)
    assert error_of(raised) == (
        "ResourceNotFoundException",
        f"Could not find certificate {MISSING}.",
    )


@pytest.mark.parametrize(("operation", "extra"), SINGLE_CERTIFICATE_OPERATIONS)
def test_an_arn_that_names_no_certificate_is_invalid(
    acm: Any, operation: str, extra: dict[str, Any]
) -> None:
    arn = "arn:aws:acm:eu-west-1:123456789012:acme-endpoint/abc"
    with pytest.raises(ClientError) as raised:
        getattr(acm, operation)(CertificateArn=arn, **extra)
    assert error_of(raised)[0] == "InvalidArnException"


def test_an_arn_that_fails_the_model_pattern_is_a_validation_error(acm: Any) -> None:
    with pytest.raises(ClientError) as raised:
        acm.describe_certificate(CertificateArn="not-an-arn-at-all-but-long")
    code, message = error_of(raised)
    assert code == "ValidationException"
    assert "certificateArn" in message


def test_another_regions_certificate_is_not_found(acm: Any) -> None:
    arn = import_self_signed(acm)
    other = boto3.client("acm", region_name="us-east-1")
    with pytest.raises(ClientError) as raised:
        other.describe_certificate(CertificateArn=arn)
    assert error_of(raised)[0] == "ResourceNotFoundException"
    assert (
        other.list_certificates(Includes={"keyTypes": ["EC_prime256v1"]})["CertificateSummaryList"]
        == []
    )


def test_another_accounts_certificate_is_not_found(acm: Any) -> None:
    arn = import_self_signed(acm)
    with mock_acm(account_id="210987654321"):
        other = boto3.client("acm", region_name=REGION)
        mine = import_self_signed(other)
        with pytest.raises(ClientError) as raised:
            other.describe_certificate(CertificateArn=arn)
    assert error_of(raised)[0] == "ResourceNotFoundException"
    assert mine.startswith("arn:aws:acm:eu-west-1:210987654321:certificate/")


@pytest.mark.parametrize(
    ("region", "partition"), [("cn-north-1", "aws-cn"), ("us-gov-west-1", "aws-us-gov")]
)
def test_arns_carry_the_regions_partition(certmock: Mock, region: str, partition: str) -> None:
    client = boto3.client("acm", region_name=region)
    arn = import_self_signed(client)
    assert arn.startswith(f"arn:{partition}:acm:{region}:123456789012:certificate/")
    assert describe(client, arn)["CertificateArn"] == arn


# -- tags ---------------------------------------------------------------------------------------
def test_tags_are_added_replaced_and_listed(acm: Any) -> None:
    arn = import_self_signed(acm)
    acm.add_tags_to_certificate(CertificateArn=arn, Tags=[{"Key": "a", "Value": "1"}])
    acm.add_tags_to_certificate(CertificateArn=arn, Tags=[{"Key": "a", "Value": "2"}, {"Key": "b"}])
    assert acm.list_tags_for_certificate(CertificateArn=arn)["Tags"] == [
        {"Key": "a", "Value": "2"},
        {"Key": "b"},
    ]


def test_a_tag_is_removed_by_key_or_by_key_and_matching_value(acm: Any) -> None:
    arn = import_self_signed(acm)
    acm.add_tags_to_certificate(
        CertificateArn=arn, Tags=[{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}]
    )
    acm.remove_tags_from_certificate(
        CertificateArn=arn, Tags=[{"Key": "a"}, {"Key": "b", "Value": "other"}]
    )
    assert acm.list_tags_for_certificate(CertificateArn=arn)["Tags"] == [{"Key": "b", "Value": "2"}]
    acm.remove_tags_from_certificate(CertificateArn=arn, Tags=[{"Key": "b", "Value": "2"}])
    assert acm.list_tags_for_certificate(CertificateArn=arn)["Tags"] == []


@pytest.mark.parametrize("operation", ["add_tags_to_certificate", "remove_tags_from_certificate"])
def test_aws_prefixed_tag_keys_are_reserved(acm: Any, operation: str) -> None:
    arn = import_self_signed(acm)
    with pytest.raises(ClientError) as raised:
        getattr(acm, operation)(CertificateArn=arn, Tags=[{"Key": "aws:owner", "Value": "x"}])
    assert error_of(raised)[0] == "InvalidTagException"


def test_a_certificate_holds_at_most_50_tags(acm: Any) -> None:
    arn = import_self_signed(acm)
    acm.add_tags_to_certificate(
        CertificateArn=arn, Tags=[{"Key": f"k{i}", "Value": "v"} for i in range(50)]
    )
    with pytest.raises(ClientError) as raised:
        acm.add_tags_to_certificate(CertificateArn=arn, Tags=[{"Key": "one-more"}])
    assert error_of(raised)[0] == "TooManyTagsException"
    assert len(acm.list_tags_for_certificate(CertificateArn=arn)["Tags"]) == 50


def test_tags_are_checked_at_request_time(acm: Any) -> None:
    with pytest.raises(ClientError) as raised:
        acm.request_certificate(DomainName="www.example.net", Tags=[{"Key": "aws:x"}])
    assert error_of(raised)[0] == "InvalidTagException"
    assert (
        acm.list_certificates(CertificateStatuses=["PENDING_VALIDATION"])["CertificateSummaryList"]
        == []
    )


def test_a_tag_value_outside_the_pattern_is_a_validation_error(acm: Any) -> None:
    arn = import_self_signed(acm)
    with pytest.raises(ClientError) as raised:
        acm.add_tags_to_certificate(CertificateArn=arn, Tags=[{"Key": "k", "Value": "a*b"}])
    code, message = error_of(raised)
    assert code == "ValidationException"
    assert "tags.1.member.value" in message


# -- deletion and use ------------------------------------------------------------------------
def test_a_deleted_certificate_is_gone(acm: Any) -> None:
    arn = import_self_signed(acm)
    acm.delete_certificate(CertificateArn=arn)
    with pytest.raises(ClientError) as raised:
        acm.describe_certificate(CertificateArn=arn)
    assert error_of(raised)[0] == "ResourceNotFoundException"


def test_a_certificate_in_use_cannot_be_deleted(acm: Any, control: AcmControl) -> None:
    arn = import_self_signed(acm)
    control.use(arn, LOAD_BALANCER)
    found = describe(acm, arn)
    assert found["InUseBy"] == [LOAD_BALANCER]
    with pytest.raises(ClientError) as raised:
        acm.delete_certificate(CertificateArn=arn)
    code, message = error_of(raised)
    assert code == "ResourceInUseException"
    assert LOAD_BALANCER in message
    control.release(arn, LOAD_BALANCER)
    acm.delete_certificate(CertificateArn=arn)


def test_in_use_makes_an_issued_certificate_eligible_for_renewal(
    acm: Any, control: AcmControl
) -> None:
    arn = acm.request_certificate(DomainName="www.example.net", ValidationMethod="DNS")[
        "CertificateArn"
    ]
    control.validate(arn)
    control.use(arn, LOAD_BALANCER)
    assert describe(acm, arn)["RenewalEligibility"] == "ELIGIBLE"
    (summary,) = acm.list_certificates()["CertificateSummaryList"]
    assert summary["InUse"] is True


def test_control_refuses_unknown_certificates(control: AcmControl) -> None:
    with pytest.raises(KeyError):
        control.use(MISSING, LOAD_BALANCER)


@pytest.mark.parametrize("arn", ["not-an-arn", "arn:aws:acm-pca:eu-west-1:123456789012:x/y"])
@pytest.mark.parametrize("action", ["use", "release", "validate"])
def test_control_refuses_what_is_not_a_certificate_arn(
    control: AcmControl, arn: str, action: str
) -> None:
    arguments = (arn, LOAD_BALANCER) if action != "validate" else (arn,)
    with pytest.raises(KeyError, match="not the ARN of an ACM certificate"):
        getattr(control, action)(*arguments)


# -- public certificates: export, revocation, renewal ------------------------------------
def test_an_exportable_public_certificate_can_be_exported(acm: Any, control: AcmControl) -> None:
    arn = exportable_public(acm, control)
    answer = acm.export_certificate(CertificateArn=arn, Passphrase=b"passphrase")
    assert answer["PrivateKey"].startswith("-----BEGIN ENCRYPTED PRIVATE KEY-----")
    assert describe(acm, arn)["Options"]["Export"] == "ENABLED"


def test_a_public_certificate_without_export_cannot_be_exported(
    acm: Any, control: AcmControl
) -> None:
    arn = acm.request_certificate(DomainName="www.example.net", ValidationMethod="DNS")[
        "CertificateArn"
    ]
    control.validate(arn)
    with pytest.raises(ClientError) as raised:
        acm.export_certificate(CertificateArn=arn, Passphrase=b"passphrase")
    assert error_of(raised)[0] == "ValidationException"


def test_exporting_a_pending_certificate_is_in_progress(acm: Any) -> None:
    arn = acm.request_certificate(
        DomainName="www.example.net", ValidationMethod="DNS", Options={"Export": "ENABLED"}
    )["CertificateArn"]
    with pytest.raises(ClientError) as raised:
        acm.export_certificate(CertificateArn=arn, Passphrase=b"passphrase")
    assert error_of(raised)[0] == "RequestInProgressException"


def test_an_exported_public_certificate_can_be_revoked(
    acm: Any, control: AcmControl, certmock: Mock
) -> None:
    arn = exportable_public(acm, control)
    acm.export_certificate(CertificateArn=arn, Passphrase=b"passphrase")
    certmock.clock.advance(hours=1)
    assert (
        acm.revoke_certificate(CertificateArn=arn, RevocationReason="KEY_COMPROMISE")[
            "CertificateArn"
        ]
        == arn
    )
    found = describe(acm, arn)
    assert found["Status"] == "REVOKED"
    assert found["RevocationReason"] == "KEY_COMPROMISE"
    assert found["RevokedAt"] == certmock.clock.now()
    (event,) = events_of(certmock, "ACM Certificate Revoked")
    assert event["detail"]["Exportable"] is True
    assert event["detail"]["CertificateType"] == "AMAZON_ISSUED"
    with pytest.raises(ClientError) as raised:
        acm.export_certificate(CertificateArn=arn, Passphrase=b"passphrase")
    assert error_of(raised)[0] == "ValidationException"


def test_a_certificate_not_exported_cannot_be_revoked(acm: Any, control: AcmControl) -> None:
    arn = exportable_public(acm, control)
    with pytest.raises(ClientError) as raised:
        acm.revoke_certificate(CertificateArn=arn, RevocationReason="SUPERSEDED")
    assert error_of(raised)[0] == "ValidationException"


def test_a_revoked_certificate_cannot_be_revoked_again(acm: Any, control: AcmControl) -> None:
    arn = exportable_public(acm, control)
    acm.export_certificate(CertificateArn=arn, Passphrase=b"passphrase")
    acm.revoke_certificate(CertificateArn=arn, RevocationReason="SUPERSEDED")
    with pytest.raises(ClientError) as raised:
        acm.revoke_certificate(CertificateArn=arn, RevocationReason="SUPERSEDED")
    assert error_of(raised) == ("ValidationException", f"Certificate {arn} is already revoked.")


def test_a_certificate_in_use_cannot_be_revoked(acm: Any, control: AcmControl) -> None:
    arn = exportable_public(acm, control)
    acm.export_certificate(CertificateArn=arn, Passphrase=b"passphrase")
    control.use(arn, LOAD_BALANCER)
    with pytest.raises(ClientError) as raised:
        acm.revoke_certificate(CertificateArn=arn, RevocationReason="SUPERSEDED")
    assert error_of(raised)[0] == "ResourceInUseException"


def test_a_dns_validated_certificate_in_use_renews_60_days_before_expiry(
    acm: Any, control: AcmControl, certmock: Mock
) -> None:
    arn = acm.request_certificate(DomainName="www.example.net", ValidationMethod="DNS")[
        "CertificateArn"
    ]
    control.validate(arn)
    control.use(arn, LOAD_BALANCER)
    before = describe(acm, arn)
    renewal_starts = before["NotAfter"] - 60 * DAY
    certmock.clock.freeze(renewal_starts - dt.timedelta(seconds=1))
    assert "RenewalSummary" not in describe(acm, arn)
    certmock.clock.advance(seconds=1)
    after = describe(acm, arn)
    assert after["RenewalSummary"]["RenewalStatus"] == "SUCCESS"
    assert after["NotAfter"] > before["NotAfter"]
    assert after["Serial"] != before["Serial"]
    assert after["RenewalSummary"]["UpdatedAt"] == renewal_starts
    (renewal,) = [
        e
        for e in events_of(certmock, "ACM Certificate Available")
        if e["detail"]["Action"] == "RENEWAL"
    ]
    assert renewal["time"] == renewal_starts.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_an_email_validated_renewal_waits_for_approval(
    acm: Any, control: AcmControl, certmock: Mock
) -> None:
    arn = acm.request_certificate(DomainName="www.example.net")["CertificateArn"]
    control.validate(arn)
    control.use(arn, LOAD_BALANCER)
    not_after = describe(acm, arn)["NotAfter"]
    certmock.clock.freeze(not_after.replace(month=1, day=14))  # 16 days before expiry
    found = describe(acm, arn)
    assert found["RenewalSummary"]["RenewalStatus"] == "PENDING_VALIDATION"
    (validation,) = found["RenewalSummary"]["DomainValidationOptions"]
    assert validation["ValidationMethod"] == "EMAIL"
    asked = events_of(certmock, "ACM Certificate Renewal Action Required")
    assert [e["detail"]["DaysToExpiry"] for e in asked] == [30]
    assert asked[0]["detail"]["RenewalStatusReason"] == "PENDING_DOMAIN_VALIDATION"
    control.validate(arn)
    renewed = describe(acm, arn)
    assert renewed["RenewalSummary"]["RenewalStatus"] == "SUCCESS"
    assert renewed["NotAfter"] > not_after


def test_a_renewed_public_certificate_lists_its_validated_names(
    acm: Any, control: AcmControl, certmock: Mock
) -> None:
    arn = acm.request_certificate(
        DomainName="example.net", SubjectAlternativeNames=["*.example.net"], ValidationMethod="DNS"
    )["CertificateArn"]
    control.validate(arn)
    control.use(arn, LOAD_BALANCER)
    certmock.clock.advance(days=340)
    summary = describe(acm, arn)["RenewalSummary"]
    assert summary["RenewalStatus"] == "SUCCESS"
    # The model requires at least one entry for public certificates.
    validations = summary["DomainValidationOptions"]
    assert [(v["DomainName"], v["ValidationStatus"]) for v in validations] == [
        ("example.net", "SUCCESS"),
        ("*.example.net", "SUCCESS"),
    ]


def test_email_validated_renewal_starts_45_days_before_expiry(
    acm: Any, control: AcmControl, certmock: Mock
) -> None:
    # "60 days for DNS, 45 for EMAIL" (ACM user guide, troubleshooting managed renewal).
    arn = acm.request_certificate(DomainName="www.example.net")["CertificateArn"]
    control.validate(arn)
    control.use(arn, LOAD_BALANCER)
    starts = describe(acm, arn)["NotAfter"] - 45 * DAY
    certmock.clock.freeze(starts - dt.timedelta(seconds=1))
    assert "RenewalSummary" not in describe(acm, arn)
    certmock.clock.advance(seconds=1)
    summary = describe(acm, arn)["RenewalSummary"]
    assert (summary["RenewalStatus"], summary["UpdatedAt"]) == ("PENDING_VALIDATION", starts)


def test_a_renewal_still_pending_at_expiry_has_failed(
    acm: Any, control: AcmControl, certmock: Mock
) -> None:
    arn = acm.request_certificate(DomainName="www.example.net")["CertificateArn"]
    control.validate(arn)
    control.use(arn, LOAD_BALANCER)
    not_after = describe(acm, arn)["NotAfter"]
    certmock.clock.freeze(not_after)
    found = describe(acm, arn)
    assert found["Status"] == "EXPIRED"
    summary = found["RenewalSummary"]
    assert (summary["RenewalStatus"], summary["UpdatedAt"]) == ("FAILED", not_after)
    (validation,) = summary["DomainValidationOptions"]
    assert validation["ValidationStatus"] == "FAILED"
    # Approving the old e-mail now does not bring the certificate back.
    with pytest.raises(ValueError, match="no pending validation"):
        control.validate(arn)
    assert describe(acm, arn)["Status"] == "EXPIRED"


# -- UpdateCertificateOptions -------------------------------------------------------------
def test_the_transparency_logging_preference_can_be_changed(acm: Any) -> None:
    arn = acm.request_certificate(DomainName="www.example.net")["CertificateArn"]
    acm.update_certificate_options(
        CertificateArn=arn, Options={"CertificateTransparencyLoggingPreference": "DISABLED"}
    )
    assert describe(acm, arn)["Options"]["CertificateTransparencyLoggingPreference"] == "DISABLED"


def test_the_export_option_cannot_change_after_the_request(acm: Any) -> None:
    arn = acm.request_certificate(DomainName="www.example.net")["CertificateArn"]
    with pytest.raises(ClientError) as raised:
        acm.update_certificate_options(CertificateArn=arn, Options={"Export": "ENABLED"})
    assert error_of(raised) == (
        "ValidationException",
        "You cannot update the value of Export after the certificate is created.",
    )


def test_options_of_an_imported_certificate_cannot_be_updated(acm: Any) -> None:
    arn = import_self_signed(acm)
    with pytest.raises(ClientError) as raised:
        acm.update_certificate_options(
            CertificateArn=arn, Options={"CertificateTransparencyLoggingPreference": "DISABLED"}
        )
    assert error_of(raised)[0] == "ValidationException"


def test_options_of_a_timed_out_request_cannot_be_updated(acm: Any, certmock: Mock) -> None:
    arn = acm.request_certificate(DomainName="www.example.net")["CertificateArn"]
    certmock.clock.advance(hours=72)
    with pytest.raises(ClientError) as raised:
        acm.update_certificate_options(
            CertificateArn=arn, Options={"CertificateTransparencyLoggingPreference": "DISABLED"}
        )
    assert error_of(raised)[0] == "InvalidStateException"
