"""The ACM Private CA EventBridge events of issuing, revoking, CRLs and audit reports, as they
appear in ``cm.events`` (fact sheet §3.4)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import boto3
import pytest

from certmock import Mock
from tests.helpers import REGION
from tests.services.acmpca.pki import NOW, active_root, crl_enabled, issue, revoke

pytestmark = pytest.mark.certmock(now=NOW)
OTHER_ACCOUNT = "210987654321"


def events_of(certmock: Mock, detail_type: str) -> list[dict[str, Any]]:
    return [event for event in certmock.events if event["detail-type"] == detail_type]


def envelope(event: dict[str, Any]) -> tuple[Any, ...]:
    return (
        event["version"],
        event["source"],
        event["account"],
        event["region"],
        event["detail"],
    )


SUCCESS = ("0", "aws.acm-pca", "123456789012", REGION, {"result": "success"})


def test_issuing_emits_certificate_issuance_naming_the_ca_and_the_certificate(
    pca: Any, certmock: Mock
) -> None:
    root = active_root(pca)
    certificate_arn = issue(pca, root)
    event = events_of(certmock, "ACM Private CA Certificate Issuance")[-1]
    assert event["resources"] == [root, certificate_arn]
    assert envelope(event) == SUCCESS
    assert event["time"] == "2026-01-01T00:00:00Z"


def test_a_shared_ca_reports_issuance_to_its_owner(pca: Any, certmock: Mock) -> None:
    root = active_root(pca)
    pca.put_policy(
        ResourceArn=root,
        Policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"AWS": OTHER_ACCOUNT},
                        "Action": "acm-pca:IssueCertificate",
                        "Resource": root,
                    }
                ],
            }
        ),
    )
    other = boto3.client(
        "acm-pca", region_name=REGION, aws_access_key_id=OTHER_ACCOUNT, aws_secret_access_key="x"
    )
    certificate_arn = issue(other, root)
    event = events_of(certmock, "ACM Private CA Certificate Issuance")[-1]
    assert event["resources"] == [root, certificate_arn]
    assert event["account"] == "123456789012"


def test_revoking_emits_certificate_revocation(pca: Any, certmock: Mock) -> None:
    root = active_root(pca)
    certificate_arn = issue(pca, root)
    certmock.clock.advance(minutes=3)
    revoke(pca, root, certificate_arn)
    (event,) = events_of(certmock, "ACM Private CA Certificate Revocation")
    assert event["resources"] == [root, certificate_arn]
    assert envelope(event) == SUCCESS
    assert event["time"] == "2026-01-01T00:03:00Z"


def test_a_repeated_or_refused_revocation_emits_nothing(pca: Any, certmock: Mock) -> None:
    root = active_root(pca, RevocationConfiguration=crl_enabled())
    certificate_arn = issue(pca, root)
    revoke(pca, root, certificate_arn)
    emitted = len(certmock.events)
    with pytest.raises(pca.exceptions.RequestAlreadyProcessedException):
        revoke(pca, root, certificate_arn)
    with pytest.raises(pca.exceptions.ResourceNotFoundException):
        pca.revoke_certificate(
            CertificateAuthorityArn=root,
            CertificateSerial="ab" * 16,
            RevocationReason="UNSPECIFIED",
        )
    assert len(certmock.events) == emitted


def test_each_crl_written_emits_crl_generation(pca: Any, certmock: Mock) -> None:
    root = active_root(pca, RevocationConfiguration=crl_enabled())
    assert events_of(certmock, "ACM Private CA CRL Generation") == []
    certificate_arn = issue(pca, root)  # the first CRL
    certmock.clock.advance(hours=1)
    revoke(pca, root, certificate_arn)  # the second
    generated = events_of(certmock, "ACM Private CA CRL Generation")
    assert [event["resources"] for event in generated] == [[root], [root]]
    assert [event["time"] for event in generated] == [
        "2026-01-01T00:00:00Z",
        "2026-01-01T01:00:00Z",
    ]
    assert [envelope(event) for event in generated] == [SUCCESS, SUCCESS]


def test_no_crl_generation_without_a_crl(pca: Any, certmock: Mock) -> None:
    root = active_root(pca)
    revoke(pca, root, issue(pca, root))
    assert events_of(certmock, "ACM Private CA CRL Generation") == []


@pytest.mark.certmock(now=NOW, realistic=True)
def test_a_delayed_crl_is_announced_when_it_is_written(pca: Any, certmock: Mock) -> None:
    root = active_root(pca, RevocationConfiguration=crl_enabled())
    certificate_arn = issue(pca, root)
    revoked_at = certmock.clock.now()
    revoke(pca, root, certificate_arn)
    certmock.clock.advance(hours=1)
    last = events_of(certmock, "ACM Private CA CRL Generation")[-1]
    written_at = revoked_at + dt.timedelta(minutes=30)
    assert last["time"] == written_at.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_a_written_audit_report_emits_audit_report_generation(pca: Any, certmock: Mock) -> None:
    root = active_root(pca)
    report = pca.create_certificate_authority_audit_report(
        CertificateAuthorityArn=root, S3BucketName="reports", AuditReportResponseFormat="JSON"
    )
    assert events_of(certmock, "ACM Private CA Audit Report Generation") == []
    certmock.clock.advance(minutes=1)
    (event,) = events_of(certmock, "ACM Private CA Audit Report Generation")
    assert event["resources"] == [root, report["AuditReportId"]]
    assert envelope(event) == SUCCESS
    assert event["time"] == certmock.objects.head("reports", report["S3Key"]).written_at.strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )
