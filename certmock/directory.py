"""The world's directory of resources that more than one service, account or Region reaches.

Today that is ACM Private CA's certificate authorities: ACM issues and renews private
certificates through them, other accounts read and issue from a CA its resource policy shares,
and (next) replicas of a CA live in other Regions. The directory holds each CA once, by ARN,
across every account and Region of the world. Whoever reaches a CA that is not its own goes
through here and through the ``SharedCertificateAuthority`` protocol, never into another
backend's state, and never by importing the service that owns it.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from cryptography import x509

from certmock.arns import UUID, Arn, ArnFormat

CERTIFICATE_AUTHORITY_ARN = ArnFormat("acm-pca", f"certificate-authority/(?P<id>{UUID})")
"""``arn:<partition>:acm-pca:<region>:<account>:certificate-authority/<uuid>``"""


@dataclass(frozen=True)
class Requester:
    """Who asks a CA for something: an account, calling from a Region."""

    account_id: str
    region: str


@dataclass(frozen=True)
class PrivateIssuance:
    """A certificate a CA issued for another service (ACM)."""

    certificate: x509.Certificate
    chain_pem: str
    """The issuing CA's certificate up to the root, as ACM's GetCertificate returns it."""
    certificate_arn: str
    """The certificate's ARN under the CA (``<ca-arn>/certificate/<serial>``)."""


@dataclass(frozen=True)
class IssuedView:
    """One certificate a CA issued, as an observer (ACM's certificate inventory) reads it."""

    certificate_arn: str
    certificate: x509.Certificate
    revoked: bool
    requested_by: str | None
    """The service principal that asked for it (``acm.amazonaws.com``), if one did."""


@dataclass(frozen=True)
class AuthorityView:
    """A read-only copy of a CA: what DescribeCertificateAuthority shows, its certificate and
    what it issued, taken when asked for (later changes to the CA do not show in it)."""

    arn: Arn
    status: str
    type: str
    usage_mode: str
    key_storage_security_standard: str
    created_at: _dt.datetime
    last_state_change_at: _dt.datetime
    serial: str | None
    not_before: _dt.datetime | None
    not_after: _dt.datetime | None
    restorable_until: _dt.datetime | None
    certificate: x509.Certificate | None
    issued: tuple[IssuedView, ...]


class SharedCertificateAuthority(Protocol):
    """What another service or account may ask of a CA. Each method applies the CA's own
    rules (its Region, its resource policy, its status and validity) and raises
    ``ServiceError`` with the ACM Private CA code of a refusal."""

    @property
    def arn(self) -> Arn: ...

    @property
    def sequence(self) -> int:
        """The CA's creation order in the world (listings across accounts page by it)."""
        ...

    def key_algorithm_for(self, requester: Requester, action: str) -> str:
        """The CA's key algorithm, if ``requester`` may perform ``action`` on it."""
        ...

    def issue_for_acm(
        self,
        requester: Requester,
        csr: x509.CertificateSigningRequest,
        *,
        renewal: bool,
        validity_days: int,
    ) -> PrivateIssuance:
        """Issue as ACM does for ``requester`` (requested by acm.amazonaws.com); a renewal
        also needs the CA's permissions for ACM."""
        ...

    def view(self) -> AuthorityView:
        """The CA as it is now, read only."""
        ...

    # -- as the CA's owner: ACM's actions on an organisation member's CAs ------------------
    # Each runs ACM Private CA's own operation in the owning account and Region, with its
    # rules, errors and events, as if the owner had called it.
    def update_as_owner(
        self, *, status: str | None, revocation_configuration: Mapping[str, Any] | None
    ) -> None:
        """UpdateCertificateAuthority."""
        ...

    def delete_as_owner(self, permanent_deletion_time_in_days: int | None) -> None:
        """DeleteCertificateAuthority."""
        ...

    def restore_as_owner(self) -> None:
        """RestoreCertificateAuthority."""
        ...

    def revoke_as_owner(self, serial: str, reason: str) -> None:
        """RevokeCertificate of a certificate the CA issued."""
        ...


class Directory:
    """Certificate authorities by ARN, across accounts and Regions."""

    def __init__(self) -> None:
        self._authorities: dict[str, SharedCertificateAuthority] = {}

    def add_certificate_authority(self, authority: SharedCertificateAuthority) -> None:
        self._authorities[str(authority.arn)] = authority

    def remove_certificate_authority(self, arn: str) -> None:
        self._authorities.pop(arn, None)

    def certificate_authority(self, arn: str) -> SharedCertificateAuthority | None:
        """The CA named ``arn``, in whatever account and Region it lives; None if no CA of
        this world has that ARN (or it was deleted for good)."""
        return self._authorities.get(arn)

    def certificate_authorities(
        self, *, region: str | None = None
    ) -> Iterator[SharedCertificateAuthority]:
        """Every CA (of one Region), in creation order."""
        found = (
            authority
            for authority in self._authorities.values()
            if region is None or authority.arn.region == region
        )
        return iter(sorted(found, key=lambda authority: authority.sequence))

    def clear(self) -> None:
        self._authorities.clear()
