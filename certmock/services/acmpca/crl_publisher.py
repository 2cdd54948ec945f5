"""When a CA writes its CRL, what is in it, and where it goes.

From the CrlConfiguration docs: a CRL is written once a certificate pointing at it has been
issued (also after UpdateCertificateAuthority moved it to another bucket or path); it is written
again when a certificate is revoked (about 30 minutes later on AWS: at once here, 30 minutes
later with ``realistic=True``) and when a revoked certificate expires. A revoked certificate is
listed until it expires and in one more CRL after that. CRL numbers are the generation time in
epoch milliseconds (as in AWS's published CRLs), kept strictly increasing. A PARTITIONED CRL is
modelled as one partition per CA. An update that comes due while the CA is DELETED is written
when the CA is restored (AWS keeps retrying a CRL update that failed).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from certmock.pki.crl import RevokedEntry, build_crl, crl_number_at
from certmock.services.acmpca import states
from certmock.services.acmpca.contents import crl_object_key, crl_url, writes_crl
from certmock.services.acmpca.records import CertificateAuthority, IssuedCertificate
from certmock.world import Scope

REVOCATION_DELAY = _dt.timedelta(minutes=30)
THIS_UPDATE_BACKDATING = _dt.timedelta(hours=1)
DEFAULT_EXPIRATION_DAYS = 7  # the console's suggestion; the API default is undocumented


@dataclass
class _CaCrl:
    """What the publisher keeps for one CA."""

    listed: dict[int, IssuedCertificate] = field(default_factory=dict)
    """Revoked certificates a future CRL may still list, by serial: kept apart from everything
    the CA issued so that writing a CRL costs what it lists, not what the CA ever issued."""
    generated_at: _dt.datetime | None = None
    number: int = 0
    written_to: set[tuple[str, str]] = field(default_factory=set)
    """(bucket, key) pairs a CRL has been written to."""
    missed: bool = False
    """An update came due while the CA was DELETED; it is written if the CA is restored."""


class CrlPublisher:
    """The CRLs of one account's CAs in one region (also of certificates that other accounts
    issue or revoke through a shared CA: those calls come here, to the owner's publisher)."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self._crls: dict[CertificateAuthority, _CaCrl] = {}
        self._partitions: dict[CertificateAuthority, str] = {}

    def _crl(self, found: CertificateAuthority) -> _CaCrl:
        crl = self._crls.get(found)
        if crl is None:
            crl = self._crls[found] = _CaCrl()
        return crl

    def crl_name(self, found: CertificateAuthority) -> str:
        """The file name (without ``.crl``) of the CA's CRL: its id, or for a PARTITIONED CRL
        the id of its (one) partition."""
        crl = found.revocation_configuration.get("CrlConfiguration") or {}
        if crl.get("CrlType") != "PARTITIONED":
            return found.arn.parts["id"]
        partition = self._partitions.get(found)
        if partition is None:
            partition = self._partitions[found] = self.scope.new_uuid()
        return partition

    def _location(self, found: CertificateAuthority) -> tuple[str, str]:
        crl = found.revocation_configuration["CrlConfiguration"]
        return crl["S3BucketName"], crl_object_key(crl, self.crl_name(found))

    def certificate_issued(self, found: CertificateAuthority) -> None:
        """A certificate now points at the CA's CRL: write it if none is where it points."""
        if writes_crl(found.revocation_configuration) and (
            self._location(found) not in self._crl(found).written_to
        ):
            self.publish(found, self.scope.now())

    def certificate_revoked(self, found: CertificateAuthority, revoked: IssuedCertificate) -> None:
        # Listed, and refreshed at expiry, even while the CA writes no CRL: a CRL enabled later
        # lists it too, and drops it after it expires.
        self._crl(found).listed[revoked.serial] = revoked
        now = self.scope.now()
        # Not for a certificate that has already expired: a CRL dated back to its expiry would
        # replace the current one and leave out everything revoked since.
        expires = revoked.certificate.not_valid_after_utc
        if expires > now:
            self.scope.schedule(expires, lambda due: self.publish(found, due))
        if not writes_crl(found.revocation_configuration):
            return
        if self.scope.world.realistic:
            self.scope.schedule(now + REVOCATION_DELAY, lambda due: self.publish(found, due))
        else:
            self.publish(found, now)

    def restored(self, found: CertificateAuthority) -> None:
        """The CA is back from DELETED: write the CRL update it missed, if any."""
        crl = self._crls.get(found)
        if crl is not None and crl.missed:
            self.publish(found, self.scope.now())

    def forget(self, found: CertificateAuthority) -> None:
        """The CA is gone for good."""
        self._crls.pop(found, None)
        self._partitions.pop(found, None)

    def publish(self, found: CertificateAuthority, at: _dt.datetime) -> None:
        """Write the CA's CRL as of ``at``, if it still has one to write."""
        configuration = found.revocation_configuration.get("CrlConfiguration") or {}
        if not configuration.get("Enabled") or found.certificate is None:
            return
        if found.status not in states.PUBLISHES_CRL:
            # (Not for a CA removed for good, whose refreshes may still come due.)
            missed = self._crls.get(found)
            if missed is not None:
                missed.missed = True
            return
        crl = self._crl(found)
        previous = crl.generated_at
        entries = [
            RevokedEntry(
                issued.serial, issued.revoked_at, issued.revocation_reason or "UNSPECIFIED"
            )
            for issued in crl.listed.values()
            if issued.revoked_at is not None
            and issued.revoked_at <= at
            and (previous is None or issued.certificate.not_valid_after_utc > previous)
        ]
        number = max(crl_number_at(at), crl.number + 1)
        name = self.crl_name(found)
        body = build_crl(
            issuer_key=found.signing_key(self.scope.world.keys),
            issuer_certificate=found.certificate,
            signing_algorithm=found.configuration["SigningAlgorithm"],
            entries=entries,
            crl_number=number,
            this_update=at - THIS_UPDATE_BACKDATING,
            next_update=at
            + _dt.timedelta(days=configuration.get("ExpirationInDays", DEFAULT_EXPIRATION_DAYS)),
            issuing_distribution_point=(
                crl_url(configuration, name, found.arn.region, found.arn.partition)
                if configuration.get("CrlType") == "PARTITIONED"
                else None
            ),
        )
        bucket, key = self._location(found)
        self.scope.world.objects.put(
            bucket, key, body, written_at=at, content_type="application/pkix-crl"
        )
        crl.generated_at, crl.number, crl.missed = at, number, False
        crl.written_to.add((bucket, key))
        # A certificate that had expired by now has had its one CRL after expiry: no later CRL
        # lists it.
        for serial in [s for s, i in crl.listed.items() if i.certificate.not_valid_after_utc <= at]:
            del crl.listed[serial]
        self.scope.emit(
            "aws.acm-pca",
            "ACM Private CA CRL Generation",
            [str(found.arn)],
            {"result": "success"},
            at,
        )
