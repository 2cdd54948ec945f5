"""An independent model of ACM certificate rules from aws-behavior.md section 6 (request, import,
reimport, export, renewal, expiry, private certificates).

It knows nothing of certmock's code. Where the reference is silent the choice follows certmock's
observed behaviour and says so; the public validity period (date-dependent, not in the
reference) is not modelled but read from the service when a public certificate is issued.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

PUBLIC = "AMAZON_ISSUED"
PRIVATE = "PRIVATE"
IMPORTED = "IMPORTED"

PENDING = "PENDING_VALIDATION"
ISSUED = "ISSUED"
EXPIRED = "EXPIRED"
FAILED = "FAILED"

NOT_FOUND = "ResourceNotFoundException"
IN_PROGRESS = "RequestInProgressException"
IN_USE = "ResourceInUseException"
VALIDATION = "ValidationException"

DAY = dt.timedelta(days=1)
# Reference 6.4 (C): ACM-managed private certificates last 13 months, 395 days.
PRIVATE_VALIDITY = 395 * DAY
# certmock completes DNS validation a minute after the request (the reference gives no delay
# for public certificates; "a few seconds" is for private ones).
DNS_DELAY = dt.timedelta(minutes=1)
# Reference 6.7 (C): managed renewal starts 60 days before expiry. A certificate that becomes
# eligible later is picked up at the next attempt; the reference lists retries at 45, 30, 15,
# 3 and 1 days (6.3, "Renewal Action Required"), which is what certmock does.
RENEWAL_ATTEMPTS = tuple(days * DAY for days in (60, 45, 30, 15, 3, 1))


@dataclass
class Certificate:
    arn: str
    kind: str
    status: str
    key_algorithm: str
    not_after: dt.datetime | None = None
    validation_due: dt.datetime | None = None
    failure: str | None = None
    # Reference 6.5 (C): exporting makes a private certificate eligible until it is renewed.
    exported: bool = False
    in_use: set[str] = field(default_factory=set)
    renewal: str | None = None
    renewal_reason: str | None = None
    renewed_at: dt.datetime | None = None
    deleted: bool = False

    @property
    def eligible(self) -> bool:
        """RenewalEligibility (reference 6.5): a private certificate once exported or in use, a
        public one in use; imported ones never. Only while ISSUED (silent: certmock's)."""
        if self.status != ISSUED or self.kind == IMPORTED:
            return False
        return bool(self.in_use) or (self.kind == PRIVATE and self.exported)


class AcmModel:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now
        self.certificates: dict[str, Certificate] = {}
        # Whether the private CA that issues (and renews) the private certificates is ACTIVE.
        self.ca_active = True

    def live(self) -> dict[str, Certificate]:
        return {arn: c for arn, c in self.certificates.items() if not c.deleted}

    # -- expected errors ------------------------------------------------------------------
    def error_get(self, arn: str) -> str | None:
        certificate = self.certificates[arn]
        if certificate.deleted:
            return NOT_FOUND
        if certificate.status == PENDING:
            return IN_PROGRESS  # reference 6.4 (C)
        # A FAILED request has no certificate: silent in the reference, certmock's choice.
        return NOT_FOUND if certificate.status == FAILED else None

    def error_export(self, arn: str) -> str | None:
        certificate = self.certificates[arn]
        if certificate.deleted:
            return NOT_FOUND
        # Reference 6.6: PRIVATE only (public ones need Export=ENABLED, never asked for here).
        if certificate.kind != PRIVATE or certificate.status == FAILED:
            return VALIDATION
        return None

    def error_renew(self, arn: str) -> str | None:
        certificate = self.certificates[arn]
        if certificate.deleted:
            return NOT_FOUND
        # Reference 6.7 (C): private, issued, and exported or in use.
        return None if certificate.kind == PRIVATE and certificate.eligible else VALIDATION

    def error_reimport(self, arn: str) -> str | None:
        certificate = self.certificates[arn]
        if certificate.deleted:
            return NOT_FOUND
        return None if certificate.kind == IMPORTED else VALIDATION

    def error_delete(self, arn: str) -> str | None:
        certificate = self.certificates[arn]
        if certificate.deleted:
            return NOT_FOUND
        return IN_USE if certificate.in_use else None  # reference 6.8 (C)

    # -- changes --------------------------------------------------------------------------
    def add(self, certificate: Certificate) -> None:
        self.certificates[certificate.arn] = certificate

    def renewed(self, certificate: Certificate, at: dt.datetime) -> None:
        """A completed renewal: a new private certificate for 395 days from now; a public
        one's new end is read from the service."""
        certificate.renewal = "SUCCESS"
        certificate.renewal_reason = None
        certificate.renewed_at = at
        # The renewed certificate has not been exported: ListCertificates' Exported goes back to
        # false (the reference is silent; certmock's behaviour).
        certificate.exported = False
        certificate.not_after = at + PRIVATE_VALIDITY if certificate.kind == PRIVATE else None

    def attempt_renewal(self, certificate: Certificate, at: dt.datetime) -> None:
        """A private certificate is renewed through its CA; with the CA not ACTIVE the renewal
        waits with PCA_INVALID_STATE (reference 6.3 lists the reason; 6.7) and is tried again
        at the next attempt. Public ones renew by their DNS records."""
        if certificate.kind == PUBLIC or self.ca_active:
            self.renewed(certificate, at)
        else:
            certificate.renewal = "PENDING_AUTO_RENEWAL"
            certificate.renewal_reason = "PCA_INVALID_STATE"
            certificate.renewed_at = at

    def due(self, certificate: Certificate) -> list[dt.datetime]:
        """The instants ahead at which ``certificate`` changes by itself."""
        if certificate.deleted:
            return []
        if certificate.status == PENDING and certificate.validation_due is not None:
            return [certificate.validation_due]
        if certificate.status != ISSUED or certificate.not_after is None:
            return []
        instants = [certificate.not_after]
        if certificate.eligible:
            instants.extend(certificate.not_after - before for before in RENEWAL_ATTEMPTS)
        return [t for t in instants if t > self.now]

    def next_change(self, until: dt.datetime) -> dt.datetime | None:
        instants = [t for c in self.certificates.values() for t in self.due(c) if t <= until]
        return min(instants, default=None)

    def reach(self, instant: dt.datetime) -> list[Certificate]:
        """Move to ``instant`` (no later than the next change) and apply what is due then;
        returns the certificates whose new NotAfter must be read from the service."""
        self.now = instant
        unknown: list[Certificate] = []
        for certificate in self.certificates.values():
            if certificate.deleted:
                continue
            if certificate.status == PENDING and certificate.validation_due == instant:
                certificate.status = ISSUED
                certificate.validation_due = None
                unknown.append(certificate)
            elif certificate.status == ISSUED and certificate.not_after is not None:
                if certificate.not_after <= instant:
                    certificate.status = EXPIRED
                    if certificate.renewal == "PENDING_AUTO_RENEWAL":
                        # A renewal still waiting at expiry has failed (certmock dates it then).
                        certificate.renewal, certificate.renewed_at = "FAILED", instant
                elif certificate.eligible and any(
                    certificate.not_after - before == instant for before in RENEWAL_ATTEMPTS
                ):
                    self.attempt_renewal(certificate, instant)
                    if certificate.not_after is None:
                        unknown.append(certificate)
        return unknown
