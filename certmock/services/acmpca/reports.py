"""CreateCertificateAuthorityAuditReport and DescribeCertificateAuthorityAuditReport.

A report is CREATING when asked for and SUCCESS ``GENERATION_TIME`` later on the clock, when its
content (every certificate the CA issued by then, with revocations) is written to the bucket.
AWS allows one report per CA every 30 minutes; the model's RequestInProgressException is what
certmock answers inside that window (AWS's choice of error is undocumented).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any

from certmock.errors import ServiceError
from certmock.services.acmpca import audit, states
from certmock.services.acmpca.access import Authorities
from certmock.services.acmpca.records import CertificateAuthority
from certmock.world import Scope

GENERATION_TIME = _dt.timedelta(seconds=10)
RATE_WINDOW = _dt.timedelta(minutes=30)
CREATING, SUCCESS = "CREATING", "SUCCESS"


@dataclass
class AuditReport:
    id: str
    certificate_authority_arn: str
    bucket: str
    key: str
    response_format: str
    created_at: _dt.datetime
    status: str = CREATING

    def describe(self) -> dict[str, Any]:
        return {
            "AuditReportStatus": self.status,
            "S3BucketName": self.bucket,
            "S3Key": self.key,
            "CreatedAt": self.created_at,
        }


class AuditReports:
    """The audit reports of one account's CAs in one region."""

    def __init__(self, scope: Scope, authorities: Authorities) -> None:
        self.scope = scope
        self.authorities = authorities
        self._reports: dict[tuple[str, str], AuditReport] = {}
        self._latest: dict[str, _dt.datetime] = {}

    def create_audit_report(self, arn: str, bucket: str, response_format: str) -> AuditReport:
        operation = "CreateCertificateAuthorityAuditReport"
        found = self.authorities.owned(arn, operation)
        if not states.allows(operation, found.status):
            raise ServiceError(
                "InvalidStateException",
                f"The certificate authority {arn} is {found.status}; audit reports can be "
                f"created while it is {states.allowed_for(operation)}.",
            )
        now = self.scope.now()
        latest = self._latest.get(arn)
        if latest is not None and now < latest + RATE_WINDOW:
            raise ServiceError(
                "RequestInProgressException",
                f"An audit report for {arn} was requested at "
                f"{latest:%Y-%m-%dT%H:%M:%SZ}; a CA can have one audit report every 30 "
                f"minutes. Try again after {latest + RATE_WINDOW:%Y-%m-%dT%H:%M:%SZ}.",
            )
        report_id = self.scope.new_uuid()
        report = AuditReport(
            report_id,
            arn,
            bucket,
            audit.report_key(found.arn.parts["id"], report_id, response_format),
            response_format,
            now,
        )
        self._reports[(arn, report_id)] = report
        self._latest[arn] = now
        self.scope.schedule(now + GENERATION_TIME, lambda due: self._write(found, report, due))
        return report

    def _write(self, found: CertificateAuthority, report: AuditReport, due: _dt.datetime) -> None:
        # Issue order: the CA's record keeps certificates in the order they were issued.
        body = audit.render_report(found.issued.values(), report.response_format)
        self.scope.world.objects.put(
            report.bucket,
            report.key,
            body,
            written_at=due,
            content_type=audit.CONTENT_TYPES[report.response_format],
        )
        report.status = SUCCESS
        self.scope.emit(
            "aws.acm-pca",
            "ACM Private CA Audit Report Generation",
            [report.certificate_authority_arn, report.id],
            {"result": "success"},
            due,
        )

    def describe_audit_report(self, arn: str, report_id: str) -> AuditReport:
        self.authorities.owned(arn, "DescribeCertificateAuthorityAuditReport")
        report = self._reports.get((arn, report_id))
        if report is None:
            raise ServiceError(
                "ResourceNotFoundException",
                f"Could not find audit report {report_id} of certificate authority {arn}.",
            )
        return report
