"""An independent model of the ACM Private CA lifecycle rules of docs/reference aws-behavior.md
sections 1-3 (statuses, transitions, restore window, operation x status matrix, revocation).

It knows nothing of certmock's code. Where the reference is silent (tag U) or only infers (I),
the choice made here follows certmock's observed behaviour and says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

PENDING = "PENDING_CERTIFICATE"
ACTIVE = "ACTIVE"
DISABLED = "DISABLED"
EXPIRED = "EXPIRED"
DELETED = "DELETED"

NOT_FOUND = "ResourceNotFoundException"
INVALID_STATE = "InvalidStateException"
INVALID_REQUEST = "InvalidRequestException"
ALREADY_DONE = "RequestAlreadyProcessedException"
VALIDATION = "ValidationException"

DEFAULT_RESTORE_DAYS = 30  # reference 1.3 (C)

# Reference 1.4: the statuses each operation is allowed in; any other status is
# InvalidStateException, a CA past its restore window is ResourceNotFoundException.
ALLOWED: dict[str, frozenset[str]] = {
    # ACTIVE/DISABLED are I in the reference; EXPIRED is silent there: certmock allows it.
    "GetCertificateAuthorityCsr": frozenset({PENDING, ACTIVE, DISABLED, EXPIRED}),
    "GetCertificateAuthorityCertificate": frozenset({ACTIVE, DISABLED, EXPIRED}),
    "ImportCertificateAuthorityCertificate": frozenset({PENDING, ACTIVE, EXPIRED}),
    "IssueCertificate": frozenset({ACTIVE}),
    # A root signing its own CSR (activation, C): PENDING; renewing: ACTIVE; an EXPIRED root
    # re-activating itself is implied by "EXPIRED -> import -> ACTIVE" (I): certmock allows it.
    "IssueRootCertificate": frozenset({PENDING, ACTIVE, EXPIRED}),
    # The activation flow reads the root's own certificate while PENDING, so PENDING is allowed.
    "GetCertificate": frozenset({PENDING, ACTIVE, DISABLED, EXPIRED}),
    # C for ACTIVE and DISABLED; other statuses are U: certmock refuses them.
    "RevokeCertificate": frozenset({ACTIVE, DISABLED}),
    "UpdateCertificateAuthority": frozenset({ACTIVE, DISABLED}),
    "DeleteCertificateAuthority": frozenset({PENDING, DISABLED, EXPIRED}),
    "RestoreCertificateAuthority": frozenset({DELETED}),
}


@dataclass
class IssuedCertificate:
    arn: str
    not_after: dt.datetime
    self_signed: bool
    names_crl: bool
    revoked: bool = False
    revoked_under_crl: bool = False


@dataclass
class CertificateAuthority:
    arn: str
    kind: str
    status: str
    last_change: dt.datetime
    crl: bool
    not_after: dt.datetime | None = None
    restorable_until: dt.datetime | None = None
    before_deletion: str | None = None
    gone: bool = False
    certificates: dict[str, IssuedCertificate] = field(default_factory=dict)

    def crl_expected(self) -> bool:
        """Whether a CRL object must exist: CRL on, and a certificate naming it issued
        (reference 3.1, C)."""
        return self.crl and any(c.names_crl for c in self.certificates.values())


def _passed(instant: dt.datetime | None, now: dt.datetime) -> bool:
    return instant is not None and instant <= now


class PcaModel:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now
        self.cas: dict[str, CertificateAuthority] = {}

    # -- questions ------------------------------------------------------------------------
    def error(self, arn: str, operation: str) -> str | None:
        """The error ``operation`` on CA ``arn`` must end with, from its status alone."""
        ca = self.cas[arn]
        if ca.gone:
            return NOT_FOUND
        return None if ca.status in ALLOWED[operation] else INVALID_STATE

    def visible(self) -> dict[str, str]:
        """What ListCertificateAuthorities must show: every CA not yet removed, DELETED ones
        included (reference 1.3, C)."""
        return {arn: ca.status for arn, ca in self.cas.items() if not ca.gone}

    def deadlines(self) -> list[dt.datetime]:
        """The instants ahead at which some CA changes on its own: expiry, end of a window."""
        found: list[dt.datetime] = []
        for ca in self.cas.values():
            if ca.gone:
                continue
            if ca.status == DELETED and ca.restorable_until is not None:
                found.append(ca.restorable_until)
            elif ca.status in (ACTIVE, DISABLED) and ca.not_after is not None:
                found.append(ca.not_after)
        return sorted(t for t in found if t > self.now)

    def revoke_error(self, arn: str, certificate_arn: str) -> str | None:
        """Reference 2.8: status first, then self-signed (C), then revoked twice (C)."""
        error = self.error(arn, "RevokeCertificate")
        if error is not None:
            return error
        certificate = self.cas[arn].certificates[certificate_arn]
        if certificate.self_signed:
            return INVALID_REQUEST
        return ALREADY_DONE if certificate.revoked else None

    # -- changes --------------------------------------------------------------------------
    def advance(self, delta: dt.timedelta) -> None:
        """Move the model's clock. A DELETED CA is removed when its window ends; an ACTIVE or
        DISABLED one expires when its certificate does. Both happen at the instant itself
        (reference: I; certmock's choice), and expiry is dated then."""
        self.now += delta
        for ca in self.cas.values():
            if ca.gone:
                continue
            if ca.status == DELETED:
                ca.gone = _passed(ca.restorable_until, self.now)
            elif ca.status in (ACTIVE, DISABLED) and _passed(ca.not_after, self.now):
                ca.status = EXPIRED
                ca.last_change = ca.not_after or self.now

    def create(self, arn: str, kind: str, crl: bool) -> None:
        self.cas[arn] = CertificateAuthority(arn, kind, PENDING, self.now, crl)

    def issued(
        self, arn: str, certificate_arn: str, days: int, *, self_signed: bool, names_crl: bool
    ) -> None:
        not_after = self.now + dt.timedelta(days=days)
        ca = self.cas[arn]
        ca.certificates[certificate_arn] = IssuedCertificate(
            certificate_arn, not_after, self_signed, names_crl=names_crl and ca.crl
        )

    def installed(self, arn: str, not_after: dt.datetime) -> bool:
        """A CA certificate was imported. True when the status changed (PENDING or EXPIRED to
        ACTIVE); re-installing on an ACTIVE CA keeps the status (reference 1.2, I)."""
        ca = self.cas[arn]
        ca.not_after = not_after
        if ca.status == ACTIVE:
            return False
        ca.status = ACTIVE
        ca.last_change = self.now
        return True

    def set_status(self, arn: str, status: str) -> bool:
        ca = self.cas[arn]
        if ca.status == status:
            return False
        ca.status = status
        ca.last_change = self.now
        return True

    def delete(self, arn: str, days: int | None) -> None:
        ca = self.cas[arn]
        ca.before_deletion = ca.status
        ca.status = DELETED
        ca.restorable_until = self.now + dt.timedelta(days=days or DEFAULT_RESTORE_DAYS)
        ca.last_change = self.now

    def restore(self, arn: str) -> None:
        """Back to the status before deletion (reference 1.2, C); a DISABLED CA whose
        certificate ran out meanwhile comes back EXPIRED, as it would have expired in place."""
        ca = self.cas[arn]
        status = ca.before_deletion or PENDING
        if status == DISABLED and ca.not_after is not None and ca.not_after <= self.now:
            status = EXPIRED
        ca.status = status
        ca.restorable_until = None
        ca.before_deletion = None
        ca.last_change = self.now
