"""RDS certificate authorities: the CAs one region offers, and one account's override of the
default CA for new DB instances.

Plain Python: nothing here knows of the query protocol. Time comes only from the scope's clock:
which CAs are offered, the system default and whether an override still holds are all judged
at the moment of each call, so they change when the shared clock passes a CA's ValidTill or the
date AWS switched its default, however the clock got there.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from certmock.errors import ServiceError
from certmock.services.rds import catalog
from certmock.services.rds.catalog import CertificateAuthority
from certmock.world import Scope


@dataclass(frozen=True)
class CustomerOverride:
    """The account's choice of CA for new DB instances (ModifyCertificates)."""

    certificate_identifier: str
    valid_till: _dt.datetime


class RdsBackend:
    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self._authorities = catalog.certificate_authorities(scope.partition, scope.region)
        self._override: CustomerOverride | None = None

    # -- the CAs ------------------------------------------------------------------------------
    def certificates(self) -> list[CertificateAuthority]:
        """The CAs offered now, in AWS's order."""
        now = self.scope.now()
        return [authority for authority in self._authorities if authority.offered_at(now)]

    def certificate(self, identifier: str) -> CertificateAuthority:
        """An offered CA by identifier, which is not case-sensitive (DescribeCertificates docs)."""
        wanted = identifier.lower()
        for authority in self.certificates():
            if authority.certificate_identifier.lower() == wanted:
                return authority
        # Real message, identifier as the caller gave it (fact sheet 7.1).
        raise ServiceError("CertificateNotFoundFault", f"Certificate {identifier} not found")

    # -- the default for new DB instances ---------------------------------------------------
    @property
    def customer_override(self) -> CustomerOverride | None:
        """The override in force now: it lapses at its CustomerOverrideValidTill."""
        override = self._override
        if override is None or self.scope.now() >= override.valid_till:
            return None
        return override

    def default_for_new_launches(self) -> str:
        """The override if there is one, else the system default (DescribeCertificates docs)."""
        override = self.customer_override
        if override is not None:
            return override.certificate_identifier
        return catalog.system_default_for_new_launches(self.scope.now())

    def modify_certificates(
        self, identifier: str | None, remove_customer_override: bool
    ) -> CertificateAuthority | None:
        """Set or remove the override; the CA whose override changed, if any.

        AWS does not document a call that names a CA and removes the override at once, nor one
        that does neither (fact sheet 10.10): certmock refuses both rather than guess.
        """
        if identifier is not None and remove_customer_override:
            raise ServiceError(
                "InvalidParameterCombination",
                f"CertificateIdentifier ({identifier}) cannot be combined with "
                "RemoveCustomerOverride=true: either set an override or remove it.",
            )
        if remove_customer_override:
            return self._remove_override()
        if identifier is None:
            raise ServiceError(
                "InvalidParameterCombination",
                "ModifyCertificates needs CertificateIdentifier (to override the default "
                "certificate for new DB instances) or RemoveCustomerOverride=true (to remove "
                "the override).",
            )
        return self._override_with(identifier)

    def _override_with(self, identifier: str) -> CertificateAuthority:
        chosen = self.certificate(identifier)
        # In both published examples CustomerOverrideValidTill equals the CA's ValidTill
        # (fact sheet 7.3, inferred as the rule).
        self._override = CustomerOverride(chosen.certificate_identifier, chosen.valid_till)
        return chosen

    def _remove_override(self) -> CertificateAuthority | None:
        removed = self.customer_override
        self._override = None
        if removed is None:
            return None
        # Still offered: the override lapses no later than its CA's ValidTill.
        return self.certificate(removed.certificate_identifier)
