"""One account's CAs in one Region, and how a call reaches a CA: its own, in any status, or
another account's through the world's directory, where the CA's resource policy lets it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Protocol

from certmock.arns import Arn
from certmock.directory import CERTIFICATE_AUTHORITY_ARN, Requester
from certmock.errors import ServiceError
from certmock.services.acmpca import states
from certmock.services.acmpca.crl_publisher import CrlPublisher
from certmock.services.acmpca.records import CertificateAuthority
from certmock.services.acmpca.shared import SharedAuthority, access_denied, not_found
from certmock.world import Scope


def parse_arn(text: str) -> Arn:
    """An ARN that passes the model's loose pattern but does not name a CA is refused the way
    AWS refuses it (InvalidArnException, text as seen from the real service)."""
    parsed = CERTIFICATE_AUTHORITY_ARN.parse(text)
    if parsed is None:
        raise ServiceError("InvalidArnException", f"Not a valid arn: {text}")
    return parsed


class Regional(Protocol):
    """ACM Private CA's state of one account in one Region (an ``AcmPcaBackend``), as a
    multi-Region CA reaches its replicas in other Regions."""

    @property
    def scope(self) -> Scope: ...

    @property
    def authorities(self) -> Authorities: ...

    @property
    def crls(self) -> CrlPublisher: ...


RegionalState = Callable[[str], Regional]
"""This account's ACM Private CA state in a Region, created on first use."""


class Authorities:
    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.requester = Requester(scope.account_id, scope.region)
        """This account, calling from this Region: how it asks another account's CA."""
        self._held: dict[str, SharedAuthority] = {}

    def __len__(self) -> int:
        return len(self._held)

    def add(self, shared: SharedAuthority) -> None:
        self._held[str(shared.arn)] = shared
        self.scope.directory.add_certificate_authority(shared)

    def remove(self, found: CertificateAuthority) -> None:
        """``found`` is gone for good: from this account and from the world's directory."""
        self._held.pop(str(found.arn), None)
        self.scope.directory.remove_certificate_authority(str(found.arn))

    def held(self, arn: str) -> SharedAuthority:
        """One of this account's CAs, by an ARN this account made (an idempotency replay)."""
        return self._held[arn]

    def _owned(self, arn: Arn, action: str) -> SharedAuthority:
        if arn.account_id != self.scope.account_id and arn.region == self.scope.region:
            # Another account's CA is reachable only through its resource policy, and only for
            # reading: the caller gets AccessDenied, as from AWS, not a hint that it exists.
            raise access_denied(self.requester, action, str(arn))
        found = self._held.get(str(arn))
        if found is None:
            raise not_found(str(arn), self.requester)
        return found

    def owned(self, arn: str, action: str) -> CertificateAuthority:
        """One of this account's CAs, in any status, for ``action`` (an operation name)."""
        return self._owned(parse_arn(arn), action).record

    def readable(self, arn: str, action: str) -> SharedAuthority:
        """A CA this account owns, or another account's CA whose policy grants ``action``."""
        parsed = parse_arn(arn)
        if parsed.account_id == self.scope.account_id or parsed.region != self.scope.region:
            return self._owned(parsed, action)
        shared = self.scope.directory.certificate_authority(arn)
        if not isinstance(shared, SharedAuthority):
            raise access_denied(self.requester, action, arn)
        shared.admit(self.requester, action)
        return shared

    def usable(self, arn: str, operation: str, *, shared: bool = False) -> CertificateAuthority:
        """A CA in a status ``operation`` allows (any but DELETED); ``shared`` admits another
        account's CA its policy opens."""
        found = self.readable(arn, operation).record if shared else self.owned(arn, operation)
        if not states.allows(operation, found.status):
            # TF-PCA matches "The certificate authority is in the DELETED state".
            raise ServiceError(
                "InvalidStateException",
                f"The certificate authority is in the {found.status} state: {arn} cannot be "
                f"used for {operation} until it is restored.",
            )
        return found

    def listed(self, resource_owner: str = "SELF") -> list[CertificateAuthority]:
        """ListCertificateAuthorities: this account's CAs, or (OTHER_ACCOUNTS) the CAs of other
        accounts in this Region whose policy lets this account describe them."""
        if resource_owner == "SELF":
            return [shared.record for shared in self._held.values()]
        return [shared.record for shared in self._shared_with_me()]

    def _shared_with_me(self) -> Iterator[SharedAuthority]:
        # In creation order across owners: pages continue after the last CA's sequence.
        for shared in self.scope.directory.certificate_authorities(region=self.scope.region):
            if (
                isinstance(shared, SharedAuthority)
                and shared.arn.account_id != self.scope.account_id
                and shared.shares_with(self.scope.account_id, "DescribeCertificateAuthority")
            ):
                yield shared
