"""Private certificates: RequestCertificate with a CertificateAuthorityArn issues through a
certmock ACM Private CA; ExportCertificate; RenewCertificate and managed renewal."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError, WaiterError
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from certmock import Mock, mock_acm, mock_acmpca
from certmock.pki.signatures import verifies
from certmock.services.acm.control import AcmControl
from tests.model_facts import input_member, maximum
from tests.services.acm.helpers import (
    DAY,
    NOW,
    REGION,
    active_ca,
    allow_acm_renewals,
    describe,
    error_of,
    events_of,
    import_self_signed,
)

pytestmark = pytest.mark.certmock(now=NOW)


def request(acm: Any, ca_arn: str, domain: str = "svc.internal.example", **options: Any) -> str:
    arn: str = acm.request_certificate(
        DomainName=domain, CertificateAuthorityArn=ca_arn, **options
    )["CertificateArn"]
    return arn


@pytest.fixture
def ca(pca: Any) -> str:
    return active_ca(pca)


def exported(acm: Any, arn: str) -> dict[str, Any]:
    answer: dict[str, Any] = acm.export_certificate(CertificateArn=arn, Passphrase=b"s3cret!")
    return answer


# -- issuance -------------------------------------------------------------------------------
def test_a_private_certificate_is_issued_by_the_ca_at_once(acm: Any, pca: Any, ca: str) -> None:
    arn = request(acm, ca, SubjectAlternativeNames=["alt.internal.example"])
    found = describe(acm, arn)
    assert found["Type"] == "PRIVATE"
    assert found["Status"] == "ISSUED"
    assert found["CertificateAuthorityArn"] == ca
    assert found["IssuedAt"] == NOW
    assert found["Issuer"] == "Example"
    assert found["RenewalEligibility"] == "INELIGIBLE"
    assert "DomainValidationOptions" not in found
    got = acm.get_certificate(CertificateArn=arn)
    leaf = x509.load_pem_x509_certificate(got["Certificate"].encode())
    (root,) = x509.load_pem_x509_certificates(got["CertificateChain"].encode())
    ca_pem = pca.get_certificate_authority_certificate(CertificateAuthorityArn=ca)["Certificate"]
    assert root == x509.load_pem_x509_certificate(ca_pem.encode())
    assert verifies(leaf, root)
    san = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert san.get_values_for_type(x509.DNSName) == [
        "svc.internal.example",
        "alt.internal.example",
    ]
    assert found["NotAfter"] == leaf.not_valid_after_utc
    assert (leaf.not_valid_after_utc - NOW).days == 395


def test_the_issuance_is_in_the_cas_audit_report_as_requested_by_acm(
    acm: Any, pca: Any, ca: str, certmock: Mock
) -> None:
    arn = request(acm, ca)
    serial = describe(acm, arn)["Serial"]
    report = pca.create_certificate_authority_audit_report(
        CertificateAuthorityArn=ca, S3BucketName="audit", AuditReportResponseFormat="JSON"
    )
    certmock.clock.advance(minutes=1)
    rows = json.loads(certmock.objects.get("audit", report["S3Key"]))
    (row,) = [r for r in rows if r["serial"] == serial]
    assert row["requestedByServicePrincipal"] == "acm.amazonaws.com"


def test_a_private_certificate_announces_its_issuance(acm: Any, ca: str, certmock: Mock) -> None:
    arn = request(acm, ca)
    (event,) = events_of(certmock, "ACM Certificate Available")
    assert event["resources"] == [arn]
    assert event["detail"]["CertificateType"] == "PRIVATE"
    assert event["detail"]["Action"] == "ISSUANCE"
    assert "DomainValidationMethod" not in event["detail"]


@pytest.mark.parametrize("key_algorithm", ["EC_prime256v1", "EC_secp384r1", "EC_secp521r1"])
def test_an_ec_ca_issues_ec_certificates(acm: Any, pca: Any, key_algorithm: str) -> None:
    ca = active_ca(pca, "EC_prime256v1")
    found = describe(acm, request(acm, ca, KeyAlgorithm=key_algorithm))
    assert found["Status"] == "ISSUED"
    assert found["KeyAlgorithm"] == key_algorithm.replace("_", "-", 1)
    assert found["SignatureAlgorithm"] == "SHA256WITHECDSA"


def test_a_key_of_another_family_than_the_cas_fails(acm: Any, ca: str) -> None:
    found = describe(acm, request(acm, ca, KeyAlgorithm="EC_prime256v1"))
    assert (found["Status"], found["FailureReason"]) == ("FAILED", "PCA_INVALID_ARGS")


def test_a_disabled_ca_makes_the_request_fail(acm: Any, pca: Any, ca: str) -> None:
    pca.update_certificate_authority(CertificateAuthorityArn=ca, Status="DISABLED")
    arn = request(acm, ca)
    found = describe(acm, arn)
    assert (found["Status"], found["FailureReason"]) == ("FAILED", "PCA_INVALID_STATE")
    with pytest.raises(WaiterError):
        acm.get_waiter("certificate_validated").wait(CertificateArn=arn)


@pytest.mark.parametrize(
    "ca_arn",
    [
        "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/"
        "00000000-0000-4000-8000-000000000000",
        "arn:aws:acm-pca:us-east-2:123456789012:certificate-authority/"
        "00000000-0000-4000-8000-000000000000",
    ],
    ids=["unknown", "other-region"],
)
def test_a_ca_that_is_not_there_makes_the_request_fail(acm: Any, ca_arn: str) -> None:
    found = describe(acm, request(acm, ca_arn))
    assert (found["Status"], found["FailureReason"]) == ("FAILED", "PCA_RESOURCE_NOT_FOUND")


def test_a_malformed_ca_arn_fails_as_an_invalid_arn(acm: Any) -> None:
    found = describe(acm, request(acm, "arn:aws:acm-pca:eu-west-1:123456789012:not-a-ca/x"))
    assert found["FailureReason"] == "PCA_INVALID_ARN"


def test_another_accounts_ca_without_a_policy_is_access_denied(pca: Any) -> None:
    ca = active_ca(pca)
    with mock_acm(account_id="210987654321"):
        other = boto3.client("acm", region_name=REGION)
        found = describe(other, request(other, ca))
    assert (found["Status"], found["FailureReason"]) == ("FAILED", "PCA_ACCESS_DENIED")


OTHER_ACCOUNT = "210987654321"


def share(pca: Any, ca: str, actions: list[str]) -> None:
    """The CA's resource policy lets OTHER_ACCOUNT use ``actions`` (as AWS RAM would)."""
    statement = {
        "Effect": "Allow",
        "Principal": {"AWS": OTHER_ACCOUNT},
        "Action": [f"acm-pca:{action}" for action in actions],
        "Resource": ca,
    }
    pca.put_policy(
        ResourceArn=ca, Policy=json.dumps({"Version": "2012-10-17", "Statement": [statement]})
    )


def test_another_accounts_shared_ca_issues_and_renews_through_its_policy(
    pca: Any, certmock: Mock
) -> None:
    # No CreatePermission: across accounts ACM renews through the resource policy
    # (CreatePermission documentation, "About Permissions").
    ca = active_ca(pca)
    share(pca, ca, ["IssueCertificate", "GetCertificate"])
    with mock_acm(account_id=OTHER_ACCOUNT):
        other = boto3.client("acm", region_name=REGION)
        arn = request(other, ca)
        first = describe(other, arn)
        exported(other, arn)
        other.renew_certificate(CertificateArn=arn)
        renewed = describe(other, arn)
        arn_managed = request(other, ca, domain="managed.internal.example")
        exported(other, arn_managed)
        not_after = describe(other, arn_managed)["NotAfter"]
        certmock.clock.advance(days=340)
        managed = describe(other, arn_managed)
    assert first["Status"] == "ISSUED"
    assert renewed["RenewalSummary"]["RenewalStatus"] == "SUCCESS"
    assert renewed["Serial"] != first["Serial"]
    assert managed["RenewalSummary"]["RenewalStatus"] == "SUCCESS"
    assert managed["NotAfter"] > not_after


def test_a_shared_ca_whose_policy_is_withdrawn_denies_the_renewal(pca: Any, certmock: Mock) -> None:
    ca = active_ca(pca)
    allow_acm_renewals(pca, ca)  # the owner's permissions do not reach another account
    share(pca, ca, ["IssueCertificate", "GetCertificate"])
    with mock_acm(account_id=OTHER_ACCOUNT):
        other = boto3.client("acm", region_name=REGION)
        arn = request(other, ca)
        exported(other, arn)
    pca.delete_policy(ResourceArn=ca)
    with mock_acm(account_id=OTHER_ACCOUNT):
        other.renew_certificate(CertificateArn=arn)
        summary = describe(other, arn)["RenewalSummary"]
    assert (summary["RenewalStatus"], summary["RenewalStatusReason"]) == (
        "PENDING_AUTO_RENEWAL",
        "PCA_ACCESS_DENIED",
    )


def test_a_shared_cas_key_family_is_checked_without_describe_rights(pca: Any) -> None:
    ca = active_ca(pca)  # RSA
    share(pca, ca, ["IssueCertificate", "GetCertificate"])
    with mock_acm(account_id=OTHER_ACCOUNT):
        other = boto3.client("acm", region_name=REGION)
        found = describe(other, request(other, ca, KeyAlgorithm="EC_prime256v1"))
    assert (found["Status"], found["FailureReason"]) == ("FAILED", "PCA_INVALID_ARGS")


def test_the_export_option_is_refused_for_private_certificates(acm: Any, ca: str) -> None:
    with pytest.raises(ClientError) as raised:
        request(acm, ca, Options={"Export": "ENABLED"})
    assert error_of(raised) == (
        "ValidationException",
        "One or more of the options specified in the request are not supported for PRIVATE "
        "certificate types",
    )


def test_a_private_request_with_more_than_ten_names_is_refused(acm: Any, ca: str) -> None:
    # A private request in terraform-provider-aws#35825 got this, with AWS's text.
    with pytest.raises(ClientError) as raised:
        request(acm, ca, SubjectAlternativeNames=[f"n{i}.internal.example" for i in range(10)])
    assert error_of(raised) == ("LimitExceededException", "Certificate has too many domains.")


def test_rsa_1024_is_refused_for_private_certificates(acm: Any, ca: str) -> None:
    with pytest.raises(ClientError) as raised:
        request(acm, ca, KeyAlgorithm="RSA_1024")
    assert error_of(raised)[0] == "InvalidParameterException"


def test_private_certificates_do_not_count_against_the_quota(
    acm: Any, ca: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from certmock.services.acm import store

    monkeypatch.setattr(store, "MAX_CERTIFICATES", 1)
    request(acm, ca)
    request(acm, ca)
    import_self_signed(acm)


def test_nested_mocks_share_the_ca() -> None:
    with mock_acmpca(now=NOW), mock_acm():
        ca = active_ca(boto3.client("acm-pca", region_name=REGION))
        acm = boto3.client("acm", region_name=REGION)
        assert describe(acm, request(acm, ca))["Status"] == "ISSUED"


# -- realistic mode --------------------------------------------------------------------------
@pytest.mark.certmock(now=NOW, realistic=True)
def test_with_realistic_delays_issuance_takes_a_few_seconds(certmock: Mock) -> None:
    ca = active_ca(boto3.client("acm-pca", region_name=REGION))
    acm = boto3.client("acm", region_name=REGION)
    requested_at = certmock.clock.now()
    arn = request(acm, ca)
    assert describe(acm, arn)["Status"] == "PENDING_VALIDATION"
    with pytest.raises(ClientError) as raised:
        acm.get_certificate(CertificateArn=arn)
    assert error_of(raised)[0] == "RequestInProgressException"
    certmock.clock.advance(seconds=5)
    found = describe(acm, arn)
    assert found["Status"] == "ISSUED"
    assert found["IssuedAt"] == requested_at + dt.timedelta(seconds=5)
    assert "Certificate" in acm.get_certificate(CertificateArn=arn)


# -- export ---------------------------------------------------------------------------------
def test_export_returns_the_key_encrypted_with_the_passphrase(acm: Any, ca: str) -> None:
    arn = request(acm, ca)
    answer = exported(acm, arn)
    assert answer["PrivateKey"].startswith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n")
    key = serialization.load_pem_private_key(answer["PrivateKey"].encode(), b"s3cret!")
    leaf = x509.load_pem_x509_certificate(answer["Certificate"].encode())
    assert key.public_key() == leaf.public_key()
    assert answer["CertificateChain"] == acm.get_certificate(CertificateArn=arn)["CertificateChain"]
    with pytest.raises(ValueError, match=r"Bad decrypt|Incorrect password"):
        serialization.load_pem_private_key(answer["PrivateKey"].encode(), b"wrong")


def test_the_encryption_is_pbes2_pbkdf2_sha1_aes_256_cbc(acm: Any, ca: str) -> None:
    import base64

    body = exported(acm, request(acm, ca))["PrivateKey"].splitlines()[1:-1]
    der = base64.b64decode("".join(body))
    pbes2 = bytes.fromhex("06092a864886f70d01050d")
    pbkdf2 = bytes.fromhex("06092a864886f70d01050c")
    aes_256_cbc = bytes.fromhex("060960864801650304012a")
    assert pbes2 in der
    assert pbkdf2 in der
    assert aes_256_cbc in der
    # A 20-byte salt, 2048 iterations and no PRF (the default, HMAC-SHA1).
    assert bytes.fromhex("0414") in der[:60]
    assert bytes.fromhex("02020800") in der[:80]
    assert bytes.fromhex("06082a864886f70d0209") not in der  # hmacWithSHA256


def test_export_makes_the_certificate_eligible_for_renewal(acm: Any, ca: str) -> None:
    arn = request(acm, ca)
    exported(acm, arn)
    assert describe(acm, arn)["RenewalEligibility"] == "ELIGIBLE"
    (summary,) = acm.list_certificates()["CertificateSummaryList"]
    assert summary["Exported"] is True


@pytest.mark.parametrize("passphrase", [b"no#hash", b"no$dollar", b"50%off"])
def test_a_passphrase_with_a_forbidden_character_is_refused(
    acm: Any, ca: str, passphrase: bytes
) -> None:
    arn = request(acm, ca)
    with pytest.raises(ClientError) as raised:
        acm.export_certificate(CertificateArn=arn, Passphrase=passphrase)
    assert error_of(raised)[0] == "ValidationException"


def test_a_passphrase_longer_than_the_model_allows_is_refused(acm: Any, ca: str) -> None:
    most = maximum(input_member("acm", "ExportCertificate", "Passphrase"))
    arn = request(acm, ca)
    with pytest.raises(ClientError) as raised:
        acm.export_certificate(CertificateArn=arn, Passphrase=b"x" * (most + 1))
    assert error_of(raised)[0] == "ValidationException"


def test_an_imported_certificate_cannot_be_exported(acm: Any) -> None:
    with pytest.raises(ClientError) as raised:
        exported(acm, import_self_signed(acm))
    code, message = error_of(raised)
    assert code == "ValidationException"
    assert "cannot be exported" in message


def test_a_failed_private_certificate_has_nothing_to_export(acm: Any, pca: Any, ca: str) -> None:
    pca.update_certificate_authority(CertificateAuthorityArn=ca, Status="DISABLED")
    with pytest.raises(ClientError) as raised:
        exported(acm, request(acm, ca))
    assert error_of(raised)[0] == "ValidationException"


# -- RenewCertificate -----------------------------------------------------------------------
def test_renewing_a_certificate_never_exported_is_refused(acm: Any, ca: str) -> None:
    arn = request(acm, ca)
    with pytest.raises(ClientError) as raised:
        acm.renew_certificate(CertificateArn=arn)
    assert error_of(raised) == (
        "ValidationException",
        f"Certificate ARN {arn} has not been exported so it is not eligible for the Renew "
        "Certificate API.",
    )


def test_an_exported_certificate_that_has_expired_cannot_be_renewed(
    acm: Any, ca: str, certmock: Mock
) -> None:
    arn = request(acm, ca)
    exported(acm, arn)  # eligible, but the CA never let ACM renew it
    certmock.clock.advance(days=400)
    with pytest.raises(ClientError) as raised:
        acm.renew_certificate(CertificateArn=arn)
    assert error_of(raised) == (
        "ValidationException",
        f"Certificate ARN {arn} is EXPIRED, so it is not eligible for the Renew Certificate API.",
    )


def test_only_private_certificates_can_be_renewed_on_request(acm: Any) -> None:
    arn = import_self_signed(acm)
    with pytest.raises(ClientError) as raised:
        acm.renew_certificate(CertificateArn=arn)
    assert error_of(raised)[0] == "ValidationException"


def test_renewal_reissues_through_the_ca_when_acm_may(
    acm: Any, pca: Any, ca: str, certmock: Mock
) -> None:
    allow_acm_renewals(pca, ca)
    arn = request(acm, ca)
    before = describe(acm, arn)
    exported(acm, arn)
    certmock.clock.advance(days=10)
    acm.renew_certificate(CertificateArn=arn)
    after = describe(acm, arn)
    assert after["Serial"] != before["Serial"]
    assert after["NotAfter"] > before["NotAfter"]
    assert after["RenewalSummary"] == {
        "RenewalStatus": "SUCCESS",
        "DomainValidationOptions": [],
        "UpdatedAt": NOW + 10 * DAY,
    }
    assert after["RenewalEligibility"] == "INELIGIBLE"
    (renewal,) = [
        e
        for e in events_of(certmock, "ACM Certificate Available")
        if e["detail"]["Action"] == "RENEWAL"
    ]
    assert renewal["resources"] == [arn]


def test_renewal_without_the_cas_permission_waits_with_access_denied(
    acm: Any, ca: str, certmock: Mock
) -> None:
    arn = request(acm, ca)
    serial = describe(acm, arn)["Serial"]
    exported(acm, arn)
    acm.renew_certificate(CertificateArn=arn)
    found = describe(acm, arn)
    assert found["Serial"] == serial
    assert found["RenewalSummary"]["RenewalStatus"] == "PENDING_AUTO_RENEWAL"
    assert found["RenewalSummary"]["RenewalStatusReason"] == "PCA_ACCESS_DENIED"


def test_a_renewal_the_ca_never_allowed_has_failed_at_expiry(
    acm: Any, ca: str, certmock: Mock
) -> None:
    arn = request(acm, ca)
    exported(acm, arn)
    not_after = describe(acm, arn)["NotAfter"]
    certmock.clock.advance(days=400)
    found = describe(acm, arn)
    assert found["Status"] == "EXPIRED"
    summary = found["RenewalSummary"]
    assert (summary["RenewalStatus"], summary["RenewalStatusReason"], summary["UpdatedAt"]) == (
        "FAILED",
        "PCA_ACCESS_DENIED",
        not_after,
    )


@pytest.mark.certmock(now=NOW, realistic=True)
def test_with_realistic_delays_a_renewal_takes_a_minute(certmock: Mock) -> None:
    pca = boto3.client("acm-pca", region_name=REGION)
    ca = active_ca(pca)
    allow_acm_renewals(pca, ca)
    acm = boto3.client("acm", region_name=REGION)
    arn = request(acm, ca)
    certmock.clock.advance(seconds=5)
    exported(acm, arn)
    acm.renew_certificate(CertificateArn=arn)
    assert describe(acm, arn)["RenewalSummary"]["RenewalStatus"] == "PENDING_AUTO_RENEWAL"
    with pytest.raises(ClientError) as raised:
        acm.renew_certificate(CertificateArn=arn)
    assert error_of(raised)[0] == "RequestInProgressException"
    certmock.clock.advance(seconds=60)
    assert describe(acm, arn)["RenewalSummary"]["RenewalStatus"] == "SUCCESS"


# -- managed renewal ------------------------------------------------------------------------
def test_managed_renewal_starts_60_days_before_expiry(
    acm: Any, pca: Any, ca: str, certmock: Mock
) -> None:
    allow_acm_renewals(pca, ca)
    arn = request(acm, ca)
    not_after = describe(acm, arn)["NotAfter"]
    exported(acm, arn)
    certmock.clock.freeze(not_after - 60 * DAY - DAY)
    assert "RenewalSummary" not in describe(acm, arn)
    certmock.clock.advance(days=1)
    found = describe(acm, arn)
    assert found["RenewalSummary"]["RenewalStatus"] == "SUCCESS"
    assert found["RenewalSummary"]["UpdatedAt"] == not_after - 60 * DAY
    assert found["NotAfter"] > not_after


def test_an_ineligible_certificate_is_not_renewed(acm: Any, ca: str, certmock: Mock) -> None:
    arn = request(acm, ca)  # never exported, not in use
    certmock.clock.advance(days=394)
    assert "RenewalSummary" not in describe(acm, arn)


def test_a_certificate_in_use_is_renewed_without_being_exported(
    acm: Any, pca: Any, ca: str, certmock: Mock, control: AcmControl
) -> None:
    allow_acm_renewals(pca, ca)
    arn = request(acm, ca)
    control.use(arn, "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/x/1")
    certmock.clock.advance(days=336)
    assert describe(acm, arn)["RenewalSummary"]["RenewalStatus"] == "SUCCESS"


def test_failed_managed_renewal_asks_for_action_at_45_30_15_3_and_1_days(
    acm: Any, ca: str, certmock: Mock
) -> None:
    arn = request(acm, ca)
    not_after = describe(acm, arn)["NotAfter"]
    exported(acm, arn)
    certmock.clock.advance(days=400)
    asked = events_of(certmock, "ACM Certificate Renewal Action Required")
    assert [e["detail"]["DaysToExpiry"] for e in asked] == [45, 30, 15, 3, 1]
    assert [e["time"] for e in asked] == [
        (not_after - days * DAY).strftime("%Y-%m-%dT%H:%M:%SZ") for days in (45, 30, 15, 3, 1)
    ]
    assert {e["detail"]["RenewalStatusReason"] for e in asked} == {"PCA_ACCESS_DENIED"}
    assert describe(acm, arn)["Status"] == "EXPIRED"
    (expired,) = events_of(certmock, "ACM Certificate Expired")
    assert expired["detail"]["CertificateType"] == "PRIVATE"


def test_granting_the_permission_lets_the_next_attempt_succeed(
    acm: Any, pca: Any, ca: str, certmock: Mock
) -> None:
    arn = request(acm, ca)
    not_after = describe(acm, arn)["NotAfter"]
    exported(acm, arn)
    certmock.clock.freeze(not_after - 40 * DAY)
    assert len(events_of(certmock, "ACM Certificate Renewal Action Required")) == 1
    allow_acm_renewals(pca, ca)
    certmock.clock.advance(days=10)
    found = describe(acm, arn)
    assert found["RenewalSummary"]["RenewalStatus"] == "SUCCESS"
    assert found["RenewalSummary"]["UpdatedAt"] == not_after - 30 * DAY
    assert len(events_of(certmock, "ACM Certificate Renewal Action Required")) == 1


def test_a_ca_disabled_before_managed_renewal_asks_for_action_until_enabled(
    acm: Any, pca: Any, ca: str, certmock: Mock
) -> None:
    allow_acm_renewals(pca, ca)
    arn = request(acm, ca)
    not_after = describe(acm, arn)["NotAfter"]
    exported(acm, arn)
    pca.update_certificate_authority(CertificateAuthorityArn=ca, Status="DISABLED")
    certmock.clock.freeze(not_after - 40 * DAY)
    summary = describe(acm, arn)["RenewalSummary"]
    assert (summary["RenewalStatus"], summary["RenewalStatusReason"]) == (
        "PENDING_AUTO_RENEWAL",
        "PCA_INVALID_STATE",
    )
    (asked,) = events_of(certmock, "ACM Certificate Renewal Action Required")
    assert asked["detail"]["RenewalStatusReason"] == "PCA_INVALID_STATE"
    pca.update_certificate_authority(CertificateAuthorityArn=ca, Status="ACTIVE")
    certmock.clock.advance(days=10)
    assert describe(acm, arn)["RenewalSummary"]["RenewalStatus"] == "SUCCESS"


def test_a_ca_deleted_before_managed_renewal_leaves_the_certificate_to_expire(
    acm: Any, pca: Any, ca: str, certmock: Mock
) -> None:
    allow_acm_renewals(pca, ca)
    arn = request(acm, ca)
    exported(acm, arn)
    pca.update_certificate_authority(CertificateAuthorityArn=ca, Status="DISABLED")
    pca.delete_certificate_authority(CertificateAuthorityArn=ca, PermanentDeletionTimeInDays=7)
    certmock.clock.advance(days=400)
    asked = events_of(certmock, "ACM Certificate Renewal Action Required")
    assert {e["detail"]["RenewalStatusReason"] for e in asked} == {"PCA_RESOURCE_NOT_FOUND"}
    found = describe(acm, arn)
    assert found["Status"] == "EXPIRED"
    assert found["RenewalSummary"]["RenewalStatus"] == "FAILED"


@pytest.mark.certmock(now=NOW, seed=11)
def test_renewals_are_the_same_whether_the_clock_moves_in_one_step_or_daily(
    certmock: Mock,
) -> None:
    runs = []
    for steps in (1, 400):
        certmock.reset()  # a new world with the same seed
        pca = boto3.client("acm-pca", region_name=REGION)
        acm = boto3.client("acm", region_name=REGION)
        ca = active_ca(pca)
        allow_acm_renewals(pca, ca)
        arn = request(acm, ca)
        exported(acm, arn)
        for _ in range(steps):
            certmock.clock.advance(days=400 / steps)
        found = describe(acm, arn)
        runs.append(
            (
                found["Serial"],
                found["NotBefore"],
                found["NotAfter"],
                list(certmock.events),  # ids and all: the world's seeded id source too
            )
        )
    assert runs[0] == runs[1]
    assert runs[0][1] == NOW + 335 * DAY - dt.timedelta(hours=1)  # renewed at NotAfter - 60 days


def test_a_passphrase_that_is_not_ascii_is_refused(acm: Any, ca: str) -> None:
    arn = request(acm, ca)
    with pytest.raises(ClientError) as raised:
        acm.export_certificate(CertificateArn=arn, Passphrase="pässwört".encode())
    assert error_of(raised) == (
        "ValidationException",
        "The passphrase must consist of ASCII characters only.",
    )


def test_validate_refuses_a_private_certificate(acm: Any, ca: str, control: AcmControl) -> None:
    with pytest.raises(ValueError, match="only public ones validate"):
        control.validate(request(acm, ca))


def test_a_certificate_that_would_outlive_the_ca_fails_with_invalid_duration(
    acm: Any, pca: Any
) -> None:
    short_lived_ca = active_ca(pca, years=1)  # ACM asks for 395 days
    found = describe(acm, request(acm, short_lived_ca))
    assert (found["Status"], found["FailureReason"]) == ("FAILED", "PCA_INVALID_DURATION")


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("ResourceNotFoundException", "PCA_RESOURCE_NOT_FOUND"),
        ("InvalidStateException", "PCA_INVALID_STATE"),
        ("AccessDeniedException", "PCA_ACCESS_DENIED"),
        ("ValidationException", "PCA_INVALID_DURATION"),
        ("InvalidArgsException", "PCA_INVALID_ARGS"),
        ("LimitExceededException", "PCA_LIMIT_EXCEEDED"),
        ("InvalidArnException", "PCA_INVALID_ARN"),
        ("MalformedCSRException", "PCA_REQUEST_FAILED"),
    ],
)
def test_each_private_ca_error_has_its_failure_reason(code: str, reason: str) -> None:
    from certmock.errors import ServiceError
    from certmock.services.acm.private import failure_reason

    assert failure_reason(ServiceError(code, "refused")) == reason
