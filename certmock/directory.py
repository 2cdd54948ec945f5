"""The world's directory of resources that more than one service, account or Region reaches.

Today that is ACM Private CA's certificate authorities: ACM issues and renews private
certificates through them, other accounts read and issue from a CA its resource policy shares,
and (next) replicas of a CA live in other Regions. The directory holds each CA once, by ARN,
across every account and Region of the world. Whoever reaches a CA that is not its own goes
through here and through the ``SharedCertificateAuthority`` protocol, never into another
backend's state, and never by importing the service that owns it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

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
