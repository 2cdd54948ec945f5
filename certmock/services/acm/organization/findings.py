"""The findings rules, evaluated on each series (an ACM certificate across renewals and
reimports) against the clock and ACM's InUseBy.

The model names the rules and which of them give a reason, not their conditions or
severities; certmock's choices (documented in docs/services/acm/inventory.md):

======================== ======================================================= =============
rule                     fires when the series' current certificate ...           severity
======================== ======================================================= =============
EXPIRED_CERTIFICATE...   has expired and the ACM certificate is in use             CRITICAL
NO_VALID_CERTIFICATE     has expired or is revoked                                 HIGH
ACM_RENEWAL_OVERDUE      is renewable by ACM (ELIGIBLE), not renewed, and expires  HIGH
                         within RENEWAL_OVERDUE_DAYS (ACM starts 60 days before)
EXPIRING_SOON            expires within EXPIRING_SOON_DAYS and ACM will not renew  MEDIUM
                         it (imported, or INELIGIBLE)
NO_USAGE_EVIDENCE        is not in use: EXPIRED_NOT_IN_USE (expired, LOW),         LOW / INFO
                         USAGE_NOT_OBSERVABLE (exported: used where AWS cannot
                         see, INFORMATIONAL), NOT_IN_USE (LOW)
======================== ======================================================= =============

EvaluatedAt is when the condition began (expiry, revocation, the start of the window, or
when the series got the certificate), to the second: it does not depend on when it is read.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from dataclasses import dataclass
from typing import Any

from certmock.services.acm.certificate import IMPORTED, ISSUED, REVOKED
from certmock.services.acm.organization.collection import Observed, Series

SEVERITIES = ("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL")
"""Highest first (the model's enum order)."""
RENEWAL_OVERDUE_DAYS = 30
EXPIRING_SOON_DAYS = 30

_TEXTS: dict[str, tuple[str, str]] = {
    "EXPIRED_CERTIFICATE_IN_USE": (
        "A certificate in use is within its validity period.",
        "Renew or replace the certificate, then update the resources that use it.",
    ),
    "NO_VALID_CERTIFICATE": (
        "The ACM certificate holds a certificate that is neither expired nor revoked.",
        "Request or import a new certificate, or delete the ACM certificate.",
    ),
    "ACM_RENEWAL_OVERDUE": (
        f"ACM renews the certificate more than {RENEWAL_OVERDUE_DAYS} days before it expires.",
        "Check the renewal status in ACM and complete domain validation or CA permissions.",
    ),
    "EXPIRING_SOON": (
        f"The certificate is valid for more than {EXPIRING_SOON_DAYS} more days.",
        "Renew or reimport the certificate before it expires.",
    ),
    "NO_USAGE_EVIDENCE": (
        "The certificate is used by at least one AWS resource.",
        "Delete the certificate if nothing uses it.",
    ),
}


@dataclass(frozen=True)
class Finding:
    rule_id: str
    severity: str
    series: Series
    identifier: str
    evaluated_at: _dt.datetime
    actual: str
    reason: str | None = None

    @property
    def finding_id(self) -> str:
        subject = f"{self.rule_id}/{self.series.acm.arn}"
        return hashlib.sha256(subject.encode()).hexdigest()[:32]

    @property
    def severity_rank(self) -> int:
        return SEVERITIES.index(self.severity)

    def describe(self) -> dict[str, Any]:
        expected, remediation = _TEXTS[self.rule_id]
        described: dict[str, Any] = {
            "FindingId": self.finding_id,
            "CertificateIdentifier": self.identifier,
            "RuleId": self.rule_id,
            "Severity": self.severity,
            "Scope": {
                "Series": {
                    "CertificateArn": self.series.acm.arn,
                    "AccountId": self.series.account_id,
                    "Region": self.series.region,
                }
            },
            "Expected": expected,
            "Actual": self.actual,
            "Remediation": remediation,
            "EvaluatedAt": self.evaluated_at,
        }
        if self.reason is not None:
            described["Reason"] = self.reason
        return described


def _second(at: _dt.datetime) -> _dt.datetime:
    return at.replace(microsecond=0)


def evaluate(observed: Observed, now: _dt.datetime) -> list[Finding]:
    """The open findings of every series in which ``observed`` is the current certificate."""
    found: list[Finding] = []
    for series in observed.series:
        found.extend(_series_findings(observed, series, now))
    return found


def _series_findings(observed: Observed, series: Series, now: _dt.datetime) -> list[Finding]:
    acm = series.acm
    certificate = observed.certificate
    not_after = certificate.not_valid_after_utc
    held_since = max(
        certificate.not_valid_before_utc, acm.imported_at or acm.issued_at or acm.created_at
    )
    expired = now >= not_after
    revoked = acm.status == REVOKED
    left = not_after - now
    findings: list[Finding] = []

    def fire(
        rule: str, severity: str, since: _dt.datetime, actual: str, reason: str | None = None
    ) -> None:
        findings.append(
            Finding(rule, severity, series, observed.identifier, _second(since), actual, reason)
        )

    if expired and acm.in_use:
        fire(
            "EXPIRED_CERTIFICATE_IN_USE",
            "CRITICAL",
            not_after,
            f"The certificate expired at {not_after:%Y-%m-%dT%H:%M:%SZ} and is used by "
            f"{len(acm.in_use_by)} resource(s).",
        )
    if expired or revoked:
        since = acm.revoked_at if revoked and acm.revoked_at is not None else not_after
        fire(
            "NO_VALID_CERTIFICATE",
            "HIGH",
            since,
            "The certificate is revoked." if revoked else "The certificate has expired.",
        )
    window_opens = not_after - _dt.timedelta(days=RENEWAL_OVERDUE_DAYS)
    if not expired and not revoked and acm.status == ISSUED:
        managed = acm.type != IMPORTED and acm.renewal_eligibility == "ELIGIBLE"
        if managed and left <= _dt.timedelta(days=RENEWAL_OVERDUE_DAYS):
            fire(
                "ACM_RENEWAL_OVERDUE",
                "HIGH",
                max(window_opens, held_since),
                f"The certificate expires in {left.days} day(s) and has not been renewed.",
            )
        elif not managed and left <= _dt.timedelta(days=EXPIRING_SOON_DAYS):
            soon = not_after - _dt.timedelta(days=EXPIRING_SOON_DAYS)
            fire(
                "EXPIRING_SOON",
                "MEDIUM",
                max(soon, held_since),
                f"The certificate expires in {left.days} day(s) and ACM will not renew it.",
            )
    if not acm.in_use:
        if expired:
            fire(
                "NO_USAGE_EVIDENCE",
                "LOW",
                not_after,
                "The certificate has expired and nothing uses it.",
                "EXPIRED_NOT_IN_USE",
            )
        elif acm.exported:
            fire(
                "NO_USAGE_EVIDENCE",
                "INFORMATIONAL",
                held_since,
                "The certificate was exported; where it is used cannot be observed.",
                "USAGE_NOT_OBSERVABLE",
            )
        else:
            fire(
                "NO_USAGE_EVIDENCE",
                "LOW",
                held_since,
                "No AWS resource uses the certificate.",
                "NOT_IN_USE",
            )
    return findings


def highest_severity(observed: Observed, findings: list[Finding]) -> str:
    """CRITICAL..INFORMATIONAL, HEALTHY (rules apply, none open) or NOT_APPLICABLE (no series:
    no rule applies). certmock evaluates at every read, so never NOT_EVALUATED."""
    if findings:
        return SEVERITIES[min(finding.severity_rank for finding in findings)]
    return "HEALTHY" if observed.series else "NOT_APPLICABLE"


def counts(findings: list[Finding]) -> dict[str, int]:
    """FindingCounts."""
    names = ("Critical", "High", "Medium", "Low", "Informational")
    return {
        name: sum(1 for finding in findings if finding.severity == severity)
        for name, severity in zip(names, SEVERITIES, strict=True)
    }
