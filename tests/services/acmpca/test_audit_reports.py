"""CreateCertificateAuthorityAuditReport and DescribeCertificateAuthorityAuditReport through
boto3: the report's life on the clock, its content in the object store, and the refusals
(fact sheet §3.3). The renderer's formatting details are unit-tested in
test_audit_report_format.py."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import time
from typing import Any

import boto3
import pytest

from certmock import Mock
from tests.helpers import REGION, create_ca
from tests.services.acmpca.pki import (
    NOW,
    active_root,
    ca_id,
    csr,
    issue,
    message,
    revoke,
    serial_of,
)

pytestmark = pytest.mark.certmock(now=NOW)
REPORTS = "audit-reports"
CSV_HEADER = (
    "awsAccountId,requestedByServicePrincipal,certificateArn,serial,subject,notBefore,"
    "notAfter,issuedAt,revokedAt,revocationReason,templateArn"
)
END_ENTITY = "arn:aws:acm-pca:::template/EndEntityCertificate/V1"


def create_report(pca: Any, ca: str, response_format: str = "JSON") -> dict[str, Any]:
    created: dict[str, Any] = pca.create_certificate_authority_audit_report(
        CertificateAuthorityArn=ca, S3BucketName=REPORTS, AuditReportResponseFormat=response_format
    )
    return created


def describe_report(pca: Any, ca: str, report_id: str) -> dict[str, Any]:
    found: dict[str, Any] = pca.describe_certificate_authority_audit_report(
        CertificateAuthorityArn=ca, AuditReportId=report_id
    )
    return found


def colon_hex(certificate_arn: str) -> str:
    digits = serial_of(certificate_arn)
    return ":".join(digits[i : i + 2] for i in range(0, len(digits), 2))


def written_report(pca: Any, certmock: Mock, ca: str, response_format: str = "JSON") -> bytes:
    created = create_report(pca, ca, response_format)
    pca.get_waiter("audit_report_created").wait(
        CertificateAuthorityArn=ca, AuditReportId=created["AuditReportId"]
    )
    return certmock.objects.get(REPORTS, created["S3Key"])


# -- the report's life ------------------------------------------------------------------------
@pytest.mark.parametrize(("response_format", "extension"), [("JSON", "json"), ("CSV", "csv")])
def test_a_report_is_keyed_by_ca_and_report_id(
    pca: Any, response_format: str, extension: str
) -> None:
    root = active_root(pca)
    created = create_report(pca, root, response_format)
    assert re.fullmatch(
        r"[a-z0-9]{8}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{12}", created["AuditReportId"]
    )
    assert created["S3Key"] == f"audit-report/{ca_id(root)}/{created['AuditReportId']}.{extension}"


def test_a_new_report_is_creating_and_not_yet_written(pca: Any, certmock: Mock) -> None:
    root = active_root(pca)
    created = create_report(pca, root)
    found = describe_report(pca, root, created["AuditReportId"])
    assert found["AuditReportStatus"] == "CREATING"
    assert (found["S3BucketName"], found["S3Key"], found["CreatedAt"]) == (
        REPORTS,
        created["S3Key"],
        NOW,
    )
    assert certmock.objects.keys(REPORTS) == []


def test_a_report_succeeds_and_is_written_once_time_has_passed(pca: Any, certmock: Mock) -> None:
    root = active_root(pca)
    created = create_report(pca, root)
    certmock.clock.advance(minutes=1)
    assert describe_report(pca, root, created["AuditReportId"])["AuditReportStatus"] == "SUCCESS"
    stored = certmock.objects.head(REPORTS, created["S3Key"])
    assert stored.content_type == "application/json"
    assert NOW < stored.written_at <= NOW + dt.timedelta(minutes=1)


def test_the_waiter_returns_at_once_while_the_clock_moves(pca: Any, certmock: Mock) -> None:
    root = active_root(pca)
    created = create_report(pca, root)
    started = time.monotonic()
    pca.get_waiter("audit_report_created").wait(
        CertificateAuthorityArn=root, AuditReportId=created["AuditReportId"]
    )
    assert time.monotonic() - started < 1
    assert certmock.clock.now() > NOW
    assert describe_report(pca, root, created["AuditReportId"])["AuditReportStatus"] == "SUCCESS"


# -- content ------------------------------------------------------------------------------------
def test_the_json_report_has_a_row_for_every_certificate_issued_revoked_or_not(
    pca: Any, certmock: Mock
) -> None:
    root = active_root(pca)
    kept = issue(pca, root, csr("kept.example.com"))
    certmock.clock.advance(minutes=5)
    revoked = issue(pca, root, csr("revoked.example.com"), Validity={"Type": "DAYS", "Value": 7})
    certmock.clock.advance(minutes=5)
    revoke(pca, root, revoked, "KEY_COMPROMISE")
    rows = json.loads(written_report(pca, certmock, root))
    by_arn = {row["certificateArn"]: row for row in rows}
    assert len(rows) == 3  # the two, and the root's own certificate
    assert by_arn[kept] == {
        "awsAccountId": "123456789012",
        "certificateArn": kept,
        "serial": colon_hex(kept),
        "subject": "CN=kept.example.com",
        "notBefore": "2025-12-31T23:00:00+0000",
        "notAfter": "2026-01-31T00:00:00+0000",
        "issuedAt": "2026-01-01T00:00:00+0000",
        "templateArn": END_ENTITY,
    }
    assert by_arn[revoked]["revokedAt"] == "2026-01-01T00:10:00+0000"
    assert by_arn[revoked]["revocationReason"] == "KEY_COMPROMISE"
    assert by_arn[revoked]["issuedAt"] == "2026-01-01T00:05:00+0000"
    assert by_arn[revoked]["notAfter"] == "2026-01-08T00:05:00+0000"


def test_the_csv_report_has_the_documented_header_and_a_row_per_certificate(
    pca: Any, certmock: Mock
) -> None:
    root = active_root(pca)
    revoked = issue(pca, root)
    revoke(pca, root, revoked, "SUPERSEDED")
    body = written_report(pca, certmock, root, "CSV").decode()
    assert body.splitlines()[0] == CSV_HEADER
    rows = list(csv.DictReader(io.StringIO(body)))
    (row,) = [row for row in rows if row["certificateArn"] == revoked]
    assert row["serial"] == colon_hex(revoked)
    assert row["subject"] == "CN=service.example.com"
    assert row["requestedByServicePrincipal"] == ""
    assert (row["revokedAt"], row["revocationReason"]) == ("2026-01-01T00:00:00+0000", "SUPERSEDED")
    assert len(rows) == 2


def test_a_certificate_issued_from_a_shared_ca_is_reported_under_the_issuing_account(
    pca: Any, certmock: Mock
) -> None:
    root = active_root(pca)
    statement = {
        "Effect": "Allow",
        "Principal": {"AWS": "210987654321"},
        "Action": "acm-pca:IssueCertificate",
        "Resource": root,
    }
    pca.put_policy(ResourceArn=root, Policy=json.dumps({"Statement": [statement]}))
    other = boto3.client(
        "acm-pca", region_name=REGION, aws_access_key_id="210987654321", aws_secret_access_key="x"
    )
    theirs = issue(other, root)
    rows = {row["certificateArn"]: row for row in json.loads(written_report(pca, certmock, root))}
    assert rows[theirs]["awsAccountId"] == "210987654321"


def test_a_report_is_a_snapshot_of_when_it_was_written(pca: Any, certmock: Mock) -> None:
    root = active_root(pca)
    certificate_arn = issue(pca, root)
    created = create_report(pca, root)
    certmock.clock.advance(minutes=1)
    before = certmock.objects.get(REPORTS, created["S3Key"])
    revoke(pca, root, certificate_arn)
    issue(pca, root)
    assert certmock.objects.get(REPORTS, created["S3Key"]) == before


# -- refusals -----------------------------------------------------------------------------------
def test_a_second_report_within_30_minutes_is_refused(pca: Any, certmock: Mock) -> None:
    root = active_root(pca)
    create_report(pca, root)
    certmock.clock.advance(minutes=29, seconds=59)
    with pytest.raises(pca.exceptions.RequestInProgressException) as raised:
        create_report(pca, root, "CSV")
    assert "2026-01-01T00:30:00Z" in message(raised)
    certmock.clock.advance(seconds=1)
    assert create_report(pca, root, "CSV")["S3Key"].endswith(".csv")


def test_the_30_minute_limit_is_per_ca(pca: Any) -> None:
    create_report(pca, active_root(pca))
    create_report(pca, active_root(pca))


def test_an_unknown_report_is_not_found(pca: Any) -> None:
    root = active_root(pca)
    with pytest.raises(pca.exceptions.ResourceNotFoundException) as raised:
        describe_report(pca, root, "00000000-0000-0000-0000-000000000000")
    assert "00000000-0000-0000-0000-000000000000" in message(raised)


def test_a_report_of_another_ca_is_not_found(pca: Any) -> None:
    root, other = active_root(pca), active_root(pca)
    created = create_report(pca, root)
    with pytest.raises(pca.exceptions.ResourceNotFoundException):
        describe_report(pca, other, created["AuditReportId"])


def test_a_pending_ca_has_nothing_to_report(pca: Any) -> None:
    ca = create_ca(pca)
    with pytest.raises(pca.exceptions.InvalidStateException) as raised:
        create_report(pca, ca)
    assert "PENDING_CERTIFICATE" in message(raised)


def test_a_deleted_ca_has_no_report_made(pca: Any) -> None:
    root = active_root(pca)
    pca.update_certificate_authority(CertificateAuthorityArn=root, Status="DISABLED")
    pca.delete_certificate_authority(CertificateAuthorityArn=root)
    with pytest.raises(pca.exceptions.InvalidStateException) as raised:
        create_report(pca, root)
    assert "DELETED" in message(raised)


def test_a_disabled_or_expired_ca_still_reports(pca: Any, certmock: Mock) -> None:
    disabled = active_root(pca)
    pca.update_certificate_authority(CertificateAuthorityArn=disabled, Status="DISABLED")
    expired = active_root(pca, years=1)
    certmock.clock.advance(days=366)
    for ca in (disabled, expired):
        rows = json.loads(written_report(pca, certmock, ca))
        assert len(rows) == 1
