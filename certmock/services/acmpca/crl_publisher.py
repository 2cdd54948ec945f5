"""When a CA writes its CRL, what is in it, and where it goes.

From the CrlConfiguration docs: the first CRL is written once a certificate pointing at it has
been issued; it is written again when a certificate is revoked (about 30 minutes later on AWS:
at once here, 30 minutes later with ``realistic=True``) and when a revoked certificate
expires. A revoked certificate is listed until it expires and in one more CRL after that.
CRL numbers are the generation time in epoch milliseconds (as in AWS's published CRLs), kept
strictly increasing. A PARTITIONED CRL is modelled as one partition per CA.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import dataclass

from certmock.pki.crl import RevokedEntry, build_crl, crl_number_at
from certmock.pki.keys import PrivateKey
from certmock.services.acmpca import authority as ca_status
from certmock.services.acmpca.arns import parse_certificate_authority_arn
from certmock.services.acmpca.authority import CertificateAuthority, IssuedCertificate
from certmock.services.acmpca.issuance import crl_object_key, crl_url, writes_crl
from certmock.world import Scope

REVOCATION_DELAY = _dt.timedelta(minutes=30)
THIS_UPDATE_BACKDATING = _dt.timedelta(hours=1)
DEFAULT_EXPIRATION_DAYS = 7  # the console's suggestion; the API default is undocumented


@dataclass
class _Published:
    generated_at: _dt.datetime
    number: int


class CrlPublisher:
    """The CRLs of one account's CAs in one region."""

    def __init__(self, scope: Scope, key_of: Callable[[CertificateAuthority], PrivateKey]) -> None:
        self.scope = scope
        self._key_of = key_of
        self._published: dict[str, _Published] = {}
        self._partitions: dict[str, str] = {}

    def crl_name(self, found: CertificateAuthority) -> str:
        """The file name (without ``.crl``) of the CA's CRL: its id, or for a PARTITIONED CRL
        the id of its (one) partition."""
        crl = found.revocation_configuration.get("CrlConfiguration") or {}
        if crl.get("CrlType") != "PARTITIONED":
            return parse_certificate_authority_arn(found.arn).id
        partition = self._partitions.get(found.arn)
        if partition is None:
            partition = self._partitions[found.arn] = self.scope.new_uuid()
        return partition

    def first_certificate_issued(self, found: CertificateAuthority) -> None:
        if found.arn not in self._published:
            self.publish(found, self.scope.now())

    def certificate_revoked(self, found: CertificateAuthority, revoked: IssuedCertificate) -> None:
        if not writes_crl(found.revocation_configuration):
            return
        now = self.scope.now()
        if self.scope.world.realistic:
            self.scope.schedule(now + REVOCATION_DELAY, lambda due: self.publish(found, due))
        else:
            self.publish(found, now)
        # Refreshed when the revoked certificate expires, which drops it from the CRL after.
        # Not for a certificate that has already expired: a CRL dated back to its expiry
        # would replace the current one and leave out everything revoked since.
        expires = revoked.certificate.not_valid_after_utc
        if expires > now:
            self.scope.schedule(expires, lambda due: self.publish(found, due))

    def publish(self, found: CertificateAuthority, at: _dt.datetime) -> None:
        """Write the CA's CRL as of ``at``, if it still has one to write."""
        crl = found.revocation_configuration.get("CrlConfiguration") or {}
        if (
            not crl.get("Enabled")
            or found.certificate is None
            or found.status in (ca_status.DELETED, ca_status.FAILED)
        ):
            return
        previous = self._published.get(found.arn)
        entries = [
            RevokedEntry(
                issued.serial, issued.revoked_at, issued.revocation_reason or "UNSPECIFIED"
            )
            for issued in found.issued.values()
            if issued.revoked_at is not None
            and issued.revoked_at <= at
            and (previous is None or issued.certificate.not_valid_after_utc > previous.generated_at)
        ]
        number = crl_number_at(at)
        if previous is not None and number <= previous.number:
            number = previous.number + 1
        name = self.crl_name(found)
        region = parse_certificate_authority_arn(found.arn).region
        partition = parse_certificate_authority_arn(found.arn).partition
        body = build_crl(
            issuer_key=self._key_of(found),
            issuer_certificate=found.certificate,
            signing_algorithm=found.configuration["SigningAlgorithm"],
            entries=entries,
            crl_number=number,
            this_update=at - THIS_UPDATE_BACKDATING,
            next_update=at
            + _dt.timedelta(days=crl.get("ExpirationInDays", DEFAULT_EXPIRATION_DAYS)),
            issuing_distribution_point=(
                crl_url(crl, name, region, partition)
                if crl.get("CrlType") == "PARTITIONED"
                else None
            ),
        )
        self.scope.world.objects.put(
            crl["S3BucketName"],
            crl_object_key(crl, name),
            body,
            written_at=at,
            content_type="application/pkix-crl",
        )
        self._published[found.arn] = _Published(at, number)
        Scope(self.scope.world, found.owner_account, region).emit(
            "aws.acm-pca", "ACM Private CA CRL Generation", [found.arn], {"result": "success"}, at
        )
