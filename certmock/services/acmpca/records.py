"""What ACM Private CA stores: a certificate authority, its permissions, the certificates it
issued."""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass, field
from typing import Any

from cryptography import x509

from certmock.arns import Arn
from certmock.pki.keys import PrivateKey
from certmock.pki.keysource import KeySource
from certmock.services.toolkit.tags import Tags
from certmock.timeline import Scheduled

IDEMPOTENCY_WINDOW = _dt.timedelta(minutes=5)
"""How long an IdempotencyToken answers with what its first call made (CreateCertificateAuthority
and IssueCertificate documentation)."""
ACM_PRINCIPAL = "acm.amazonaws.com"
# What a CA's permission for ACM must allow for ACM to renew its certificates (CreatePermission).
_ACM_RENEWAL_ACTIONS = frozenset({"IssueCertificate", "GetCertificate", "ListPermissions"})


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


@dataclass(frozen=True)
class Association:
    """A resource of the affiliated service that a service-affiliated CA issues for."""

    resource_arn: str
    created_at: _dt.datetime
    sequence: int


@dataclass(eq=False)
class CertificateAuthority:
    arn: Arn
    """Parsed once, at creation (``CERTIFICATE_AUTHORITY_ARN``); ``parts["id"]`` is its id."""
    sequence: int
    type: str
    configuration: dict[str, Any]
    revocation_configuration: dict[str, Any]
    key_storage_security_standard: str
    usage_mode: str
    created_at: _dt.datetime
    status: str
    last_state_change_at: _dt.datetime
    tags: Tags = field(default_factory=dict)
    once_tagged: bool = False
    """Whether it had tags that were removed (the Resource Groups Tagging API still lists it)."""
    failure_reason: str | None = None
    not_before: _dt.datetime | None = None
    not_after: _dt.datetime | None = None
    serial: str | None = None
    restorable_until: _dt.datetime | None = None
    status_before_deletion: str | None = None
    service_affiliation: dict[str, Any] | None = None
    """``{"ServiceAffiliationCode": ...}`` of a SERVICE_AFFILIATED CA (see ``affiliation``)."""
    multi_region_type: str | None = None
    """``PRIMARY`` or ``REPLICA`` for a multi-Region CA (see ``replication``); None otherwise."""
    primary: CertificateAuthority | None = None
    """A replica's primary: the one key, CSR and certificate every Region shares."""
    replicas: dict[str, CertificateAuthority] = field(default_factory=dict)
    """A primary's replicas that are not deleted, by Region, in creation order."""
    associations: dict[str, Association] = field(default_factory=dict)
    """A service-affiliated CA's associations, by associated resource ARN (a replica's are
    its primary's)."""
    permanent_deletion: Scheduled | None = None
    policy: str | None = None
    permissions: dict[str, Permission] = field(default_factory=dict)
    private_key: PrivateKey | None = None
    csr_pem: str | None = None
    certificate: x509.Certificate | None = None
    certificate_chain_pem: str | None = None
    expiry: Scheduled | None = None
    issued: dict[int, IssuedCertificate] = field(default_factory=dict)

    @property
    def owner_account(self) -> str:
        return self.arn.account_id

    def signing_key(self, keys: KeySource) -> PrivateKey:
        """The CA's private key, drawn from the world's key source when first needed; a
        replica's is its primary's (one key, not a copy per Region)."""
        if self.primary is not None:
            return self.primary.signing_key(keys)
        if self.private_key is None:
            self.private_key = keys.private_key(self.configuration["KeyAlgorithm"])
        return self.private_key

    def lets_acm_renew(self, account_id: str) -> bool:
        """Whether the CA's permission for ACM lets ACM renew ``account_id``'s certificates."""
        permission = self.permissions.get(ACM_PRINCIPAL)
        return (
            permission is not None
            and set(permission.actions) >= _ACM_RENEWAL_ACTIONS
            and permission.source_account in (None, account_id)
        )

    def change_status(self, status: str, at: _dt.datetime) -> None:
        if status != self.status:
            self.status = status
            self.last_state_change_at = at

    @property
    def multi_region_primary(self) -> CertificateAuthority:
        """The CA that holds what every Region of a multi-Region CA shares (its associations):
        the primary of a replica, else the CA itself."""
        return self.primary if self.primary is not None else self

    def describe_replica(self) -> dict[str, Any]:
        """The ``Replica`` structure of the replica operations."""
        description: dict[str, Any] = {
            "Arn": str(self.arn),
            "Region": self.arn.region,
            "Status": self.status,
        }
        if self.failure_reason is not None:
            description["FailureReason"] = self.failure_reason
        return description

    def describe(self) -> dict[str, Any]:
        """The ``CertificateAuthority`` structure of Describe/ListCertificateAuthorities."""
        description: dict[str, Any] = {
            "Arn": str(self.arn),
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
            "ServiceAffiliation": self.service_affiliation,
            "MultiRegionConfiguration": (
                None
                if self.multi_region_type is None
                else {"MultiRegionType": self.multi_region_type}
            ),
        }
        description.update({key: value for key, value in optional.items() if value is not None})
        return description
