"""A private certificate authority and its permissions, as ACM Private CA stores them."""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass, field
from typing import Any

from cryptography import x509

from certmock.pki.keys import PrivateKey
from certmock.timeline import Scheduled

# Statuses (botocore enum CertificateAuthorityStatus).
CREATING = "CREATING"
PENDING_CERTIFICATE = "PENDING_CERTIFICATE"
ACTIVE = "ACTIVE"
DISABLED = "DISABLED"
EXPIRED = "EXPIRED"
DELETED = "DELETED"
FAILED = "FAILED"

# A CA deleted in one of these gets a restore window; one in CREATING or FAILED is gone at once
# (DeleteCertificateAuthority API reference; EXPIRED per the user guide's restore procedure).
RESTORABLE_WHEN_DELETED = frozenset({PENDING_CERTIFICATE, DISABLED, EXPIRED})
DELETABLE = RESTORABLE_WHEN_DELETED | {CREATING, FAILED}
UPDATABLE = frozenset({ACTIVE, DISABLED})


@dataclass
class Permission:
    principal: str
    actions: list[str]
    source_account: str | None
    created_at: _dt.datetime
    sequence: int

    def describe(self, certificate_authority_arn: str) -> dict[str, Any]:
        statement: dict[str, Any] = {
            "Sid": self.principal,
            "Effect": "Allow",
            "Principal": {"Service": self.principal},
            "Action": [f"acm-pca:{action}" for action in self.actions],
            "Resource": certificate_authority_arn,
        }
        if self.source_account:
            statement["Condition"] = {"StringEquals": {"aws:SourceAccount": self.source_account}}
        description: dict[str, Any] = {
            "CertificateAuthorityArn": certificate_authority_arn,
            "CreatedAt": self.created_at,
            "Principal": self.principal,
            "Actions": list(self.actions),
            "Policy": json.dumps({"Version": "2012-10-17", "Statement": [statement]}),
        }
        if self.source_account:
            description["SourceAccount"] = self.source_account
        return description


@dataclass(slots=True)
class IssuedCertificate:
    """One certificate a CA issued: what GetCertificate returns, the CRL lists once revoked and
    the audit report has a row for."""

    arn: str
    serial: int
    certificate: x509.Certificate
    chain_pem: str | None
    """What GetCertificate returns as CertificateChain (the issuing CA up to the root)."""
    issued_at: _dt.datetime
    template_arn: str
    account_id: str
    """The account that called IssueCertificate (the audit report's awsAccountId)."""
    requested_by: str | None = None
    """The service principal that asked for it (``acm.amazonaws.com``), if one did."""
    revoked_at: _dt.datetime | None = None
    revocation_reason: str | None = None
    """A botocore RevocationReason (KEY_COMPROMISE, ...), set with revoked_at."""
    retrievable_at: _dt.datetime | None = None
    """With ``realistic=True``: GetCertificate answers RequestInProgressException before."""


@dataclass
class CertificateAuthority:
    arn: str
    sequence: int
    owner_account: str
    type: str
    configuration: dict[str, Any]
    revocation_configuration: dict[str, Any]
    key_storage_security_standard: str
    usage_mode: str
    created_at: _dt.datetime
    status: str
    last_state_change_at: _dt.datetime
    tags: dict[str, str] = field(default_factory=dict)
    failure_reason: str | None = None
    not_before: _dt.datetime | None = None
    not_after: _dt.datetime | None = None
    serial: str | None = None
    restorable_until: _dt.datetime | None = None
    status_before_deletion: str | None = None
    permanent_deletion: Scheduled | None = None
    policy: str | None = None
    permissions: dict[str, Permission] = field(default_factory=dict)
    private_key: PrivateKey | None = None
    csr_pem: str | None = None
    certificate: x509.Certificate | None = None
    certificate_chain_pem: str | None = None
    expiry: Scheduled | None = None
    issued: dict[int, IssuedCertificate] = field(default_factory=dict)

    def change_status(self, status: str, at: _dt.datetime) -> None:
        if status != self.status:
            self.status = status
            self.last_state_change_at = at

    def describe(self) -> dict[str, Any]:
        """The ``CertificateAuthority`` structure of Describe/ListCertificateAuthorities."""
        description: dict[str, Any] = {
            "Arn": self.arn,
            "OwnerAccount": self.owner_account,
            "CreatedAt": self.created_at,
            "LastStateChangeAt": self.last_state_change_at,
            "Type": self.type,
            "Status": self.status,
            "CertificateAuthorityConfiguration": self.configuration,
            "RevocationConfiguration": self.revocation_configuration,
            "KeyStorageSecurityStandard": self.key_storage_security_standard,
            "UsageMode": self.usage_mode,
        }
        optional = {
            "Serial": self.serial,
            "NotBefore": self.not_before,
            "NotAfter": self.not_after,
            "FailureReason": self.failure_reason,
            "RestorableUntil": self.restorable_until,
        }
        description.update({key: value for key, value in optional.items() if value is not None})
        return description
