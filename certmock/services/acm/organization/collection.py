"""The certificate inventory, computed from the world as it is: every certificate held by an
ACM certificate, issued by an ACM Private CA or installed as a CA's certificate, in the
accounts and Regions the configuration covers, each once, by content.

ACM's certificates are read from the accounts' ACM state; CAs only through the world's
directory (read-only views), never from ACM Private CA's own state. A certificate's
``Identifier`` is the SHA-256 of its DER encoding in lowercase hex: 64 characters, as the
model's ContentHashIdentifier pattern (``[a-z0-9]{1,64}``) and example show.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from dataclasses import dataclass, field

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from certmock.arns import Arn
from certmock.directory import AuthorityView
from certmock.organizations import ACM_PRINCIPAL, Organization
from certmock.services.acm.backend import SERVICE_NAME
from certmock.services.acm.certificate import AMAZON_ISSUED, IMPORTED, Certificate
from certmock.services.acm.organization.configuration import InventoryConfiguration
from certmock.world import World

ACM_CERTIFICATE = "ACM_CERTIFICATE"
PCA_CERTIFICATE = "PCA_CERTIFICATE"
PCA_CERTIFICATE_AUTHORITY = "PCA_CERTIFICATE_AUTHORITY"
ISSUED_BY = "ISSUED_BY"
CA_CERTIFICATE = "CA_CERTIFICATE"

# IssuanceType, in the order that decides when more than one applies (IMPORTED first, as the
# model's InventoryCertificateType puts it).
_ISSUANCE_ORDER = ("IMPORTED", "AMAZON_ISSUED", "PRIVATE_CA_ISSUED", "PRIVATE_CA_DIRECT")
_ACM_ISSUANCE = {
    IMPORTED: "IMPORTED",
    AMAZON_ISSUED: "AMAZON_ISSUED",
    "PRIVATE": "PRIVATE_CA_ISSUED",
}


def identifier_of(certificate: x509.Certificate) -> str:
    return hashlib.sha256(certificate.public_bytes(Encoding.DER)).hexdigest()


@dataclass
class Related:
    """One ACM or ACM Private CA resource a certificate maps to."""

    type: str
    arn: str
    account_id: str
    region: str
    acm: Certificate | None = None
    current: bool = True
    """For an ACM certificate: whether it holds this certificate now (else REPLACED)."""
    authority: AuthorityView | None = None


@dataclass
class Series:
    """An ACM certificate whose current certificate this is (what findings evaluate)."""

    acm: Certificate
    account_id: str
    region: str


@dataclass
class Observed:
    """One certificate of the inventory."""

    identifier: str
    certificate: x509.Certificate
    order: int
    related: dict[tuple[str, str], Related] = field(default_factory=dict)
    series: list[Series] = field(default_factory=list)
    authorities: set[tuple[str, str]] = field(default_factory=set)
    """(CA ARN, ISSUED_BY or CA_CERTIFICATE)."""
    issuance: set[str] = field(default_factory=set)

    @property
    def issuance_type(self) -> str:
        for kind in _ISSUANCE_ORDER:
            if kind in self.issuance:
                return kind
        return "EXTERNAL"

    @property
    def is_ca(self) -> bool:
        try:
            constraints = self.certificate.extensions.get_extension_for_class(x509.BasicConstraints)
        except x509.ExtensionNotFound:
            return False
        return constraints.value.ca

    @property
    def certificate_type(self) -> str:
        """InventoryCertificateType: IMPORTED, ACME, PUBLIC_TLS, PRIVATE_TLS, then OTHER."""
        issuance = self.issuance_type
        if issuance == "IMPORTED":
            return "IMPORTED"
        if any(entry.acm.key_pair_origin == "ACME" for entry in self.series):
            return "ACME"
        if issuance == "AMAZON_ISSUED":
            return "PUBLIC_TLS"
        if issuance == "PRIVATE_CA_ISSUED" or (issuance == "PRIVATE_CA_DIRECT" and not self.is_ca):
            return "PRIVATE_TLS"
        return "OTHER"

    @property
    def usages(self) -> list[tuple[str, Series]]:
        """(resource ARN, series) for each resource using an ACM certificate holding it now."""
        return sorted(
            {
                (used, id(entry)): (used, entry)
                for entry in self.series
                for used in entry.acm.in_use_by
            }.values(),
            key=lambda usage: usage[0],
        )

    @property
    def not_after(self) -> _dt.datetime:
        return self.certificate.not_valid_after_utc


class Inventory:
    """The inventory as of one read."""

    def __init__(self) -> None:
        self.certificates: dict[str, Observed] = {}

    def _observe(self, certificate: x509.Certificate) -> Observed:
        identifier = identifier_of(certificate)
        found = self.certificates.get(identifier)
        if found is None:
            found = Observed(identifier, certificate, len(self.certificates))
            self.certificates[identifier] = found
        return found

    def _relate(self, observed: Observed, related: Related) -> None:
        key = (related.type, related.arn)
        known = observed.related.get(key)
        if known is None or (related.current and not known.current):
            observed.related[key] = related

    def add_acm(self, acm: Certificate, account_id: str, region: str) -> None:
        current = acm.x509_certificate
        held = list(acm.held) or ([current] if current is not None else [])
        for certificate in held:
            observed = self._observe(certificate)
            is_current = certificate is current
            self._relate(
                observed,
                Related(ACM_CERTIFICATE, acm.arn, account_id, region, acm=acm, current=is_current),
            )
            observed.issuance.add(_ACM_ISSUANCE[acm.type])
            if is_current and all(entry.acm is not acm for entry in observed.series):
                observed.series.append(Series(acm, account_id, region))

    def add_authority(self, view: AuthorityView) -> None:
        arn = view.arn
        if view.certificate is not None:
            observed = self._observe(view.certificate)
            self._relate(observed, _authority(view))
            observed.authorities.add((str(arn), CA_CERTIFICATE))
        for issued in view.issued:
            observed = self._observe(issued.certificate)
            self._relate(observed, _authority(view))
            self._relate(
                observed,
                Related(PCA_CERTIFICATE, issued.certificate_arn, arn.account_id, arn.region),
            )
            observed.authorities.add((str(arn), ISSUED_BY))
            # Issued for ACM (acm.amazonaws.com asked) or straight from the CA (by its owner,
            # another account, or the service a service-affiliated CA serves).
            direct = issued.requested_by != ACM_PRINCIPAL
            observed.issuance.add("PRIVATE_CA_DIRECT" if direct else "PRIVATE_CA_ISSUED")


def _authority(view: AuthorityView) -> Related:
    arn: Arn = view.arn
    return Related(PCA_CERTIFICATE_AUTHORITY, str(arn), arn.account_id, arn.region, authority=view)


def collect(
    world: World, organization: Organization, configuration: InventoryConfiguration
) -> Inventory:
    """The inventory of the accounts and Regions ``configuration`` covers, now."""
    inventory = Inventory()

    def covered(account_id: str, region: str) -> bool:
        return configuration.in_regional_scope(region) and configuration.in_account_scope(
            organization, account_id
        )

    for (account_id, region), backend in sorted(world.backends(SERVICE_NAME).items()):
        if covered(account_id, region):
            for acm in backend.store.all():
                inventory.add_acm(acm, account_id, region)
    for authority in world.directory.certificate_authorities():
        if covered(authority.arn.account_id, authority.arn.region):
            inventory.add_authority(authority.view())
    return inventory
