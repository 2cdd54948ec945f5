"""A CA's statuses (botocore enum CertificateAuthorityStatus) and, in one table, the statuses in
which each operation may act on a CA. Every status check reads it; a refusal names the statuses
it allows from here too, so a message cannot drift from the rule."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

CREATING = "CREATING"
PENDING_CERTIFICATE = "PENDING_CERTIFICATE"
ACTIVE = "ACTIVE"
DISABLED = "DISABLED"
EXPIRED = "EXPIRED"
FAILED = "FAILED"
DELETED = "DELETED"

LIFECYCLE = (CREATING, PENDING_CERTIFICATE, ACTIVE, DISABLED, EXPIRED, FAILED, DELETED)
"""Every status, in the order a CA passes through them (the order messages list them in)."""

_ANY_BUT_DELETED = frozenset(LIFECYCLE) - {DELETED}
_ACTIVE_OR_DISABLED = frozenset({ACTIVE, DISABLED})
_CERTIFIED = frozenset({ACTIVE, DISABLED, EXPIRED})
"""A CA that has (or had) its certificate installed."""

ALLOWED: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "UpdateCertificateAuthority": _ACTIVE_OR_DISABLED,
        # A CA deleted in CREATING or FAILED is gone at once; see RESTORABLE_WHEN_DELETED.
        "DeleteCertificateAuthority": frozenset(
            {CREATING, PENDING_CERTIFICATE, DISABLED, EXPIRED, FAILED}
        ),
        "RestoreCertificateAuthority": frozenset({DELETED}),
        "GetCertificateAuthorityCsr": _CERTIFIED | {PENDING_CERTIFICATE},
        "GetCertificateAuthorityCertificate": _CERTIFIED,
        # Also to renew a CA certificate, or to install a new one once it expired.
        "ImportCertificateAuthorityCertificate": frozenset({PENDING_CERTIFICATE, ACTIVE, EXPIRED}),
        "IssueCertificate": frozenset({ACTIVE}),
        # A root CA signs its own CSR to activate or renew its certificate (the documented root
        # installation flow): IssueCertificate with RootCACertificate/V1.
        "IssueCertificate/RootCACertificate": frozenset({PENDING_CERTIFICATE, ACTIVE, EXPIRED}),
        "GetCertificate": _ANY_BUT_DELETED,
        "RevokeCertificate": _ACTIVE_OR_DISABLED,
        "CreateCertificateAuthorityAuditReport": _CERTIFIED,
        "TagCertificateAuthority": _ANY_BUT_DELETED,
        "UntagCertificateAuthority": _ANY_BUT_DELETED,
        "ListTags": _ANY_BUT_DELETED,
        "PutPolicy": _ANY_BUT_DELETED,
        "GetPolicy": _ANY_BUT_DELETED,
        "DeletePolicy": _ANY_BUT_DELETED,
        "CreatePermission": _ANY_BUT_DELETED,
        "DeletePermission": _ANY_BUT_DELETED,
        "ListPermissions": _ANY_BUT_DELETED,
        "CreateCertificateAuthorityAssociation": frozenset({ACTIVE}),
        # Tear-down removes associations before the CA goes: in any status but DELETED.
        "DeleteCertificateAuthorityAssociation": _ANY_BUT_DELETED,
    }
)
"""Operation -> the statuses in which it may act on a CA (InvalidStateException otherwise)."""

SETTABLE = _ACTIVE_OR_DISABLED
"""What UpdateCertificateAuthority may set Status to."""
RESTORABLE_WHEN_DELETED = frozenset({PENDING_CERTIFICATE, DISABLED, EXPIRED})
"""A CA deleted in one of these gets a restore window (DeleteCertificateAuthority API
reference; EXPIRED per the user guide's restore procedure)."""
EXPIRES = _ACTIVE_OR_DISABLED
"""What a CA is in when its certificate's NotAfter makes it EXPIRED."""
SHAREABLE = _ACTIVE_OR_DISABLED
"""What a multi-Region primary is in when a replica being created can take its certificate
(an EXPIRED or DELETED primary has none to share any more)."""
PUBLISHES_CRL = frozenset(LIFECYCLE) - {DELETED, FAILED}
"""A CRL update that comes due in another status waits for the CA to be restored."""


def allows(operation: str, status: str) -> bool:
    return status in ALLOWED[operation]


def named(statuses: Iterable[str]) -> str:
    """``ACTIVE, DISABLED or EXPIRED``: the statuses in lifecycle order."""
    given = set(statuses)
    ordered = [status for status in LIFECYCLE if status in given]
    return ", ".join(ordered[:-1]) + " or " + ordered[-1] if len(ordered) > 1 else ordered[0]


def allowed_for(operation: str) -> str:
    """The statuses ``operation`` allows, as a message names them."""
    return named(ALLOWED[operation])
