"""What a certificate hands out: its certificate and chain (GetCertificate), with its private
key encrypted (ExportCertificate, the key's form is ``encrypted_key``); and RevokeCertificate,
which applies to exported public certificates only."""

from __future__ import annotations

from certmock.errors import ServiceError
from certmock.pki import certs
from certmock.services.acm import encrypted_key, events
from certmock.services.acm.certificate import (
    AMAZON_ISSUED,
    PENDING_VALIDATION,
    REVOKED,
    Certificate,
)
from certmock.services.acm.domain_validation import UPDATE_FAILED
from certmock.services.acm.store import CertificateStore
from certmock.world import Scope


def _in_progress(arn: str) -> ServiceError:
    # certmock's wording (fact sheet 10.1).
    return ServiceError(
        "RequestInProgressException",
        f"Certificate {arn} is not yet issued (PENDING_VALIDATION); try again once it is ISSUED.",
    )


class Exports:
    def __init__(self, scope: Scope, store: CertificateStore) -> None:
        self._scope = scope
        self._store = store

    def get(self, arn: str) -> tuple[str, str | None]:
        """GetCertificate: the certificate and its chain, PEM."""
        found = self._store.certificate(arn)
        material = found.x509_certificate
        if material is None:
            if found.status == PENDING_VALIDATION:
                raise _in_progress(arn)
            # certmock's wording: what AWS answers for a failed request is not documented.
            raise ServiceError(
                "ResourceNotFoundException",
                f"Certificate {arn} has no certificate to return: its status is {found.status}.",
            )
        return certs.pem(material), found.chain_pem

    def export(self, arn: str, passphrase: bytes) -> tuple[str, str | None, str]:
        """ExportCertificate: the certificate, its chain and its encrypted private key, PEM."""
        found = self._store.certificate(arn)
        encrypted_key.check_passphrase(passphrase)
        if found.export_option != "ENABLED":
            # certmock's wording (fact sheet 10.9).
            raise ServiceError(
                "ValidationException",
                f"Certificate {arn} cannot be exported: only private certificates and public "
                "certificates requested with Export ENABLED can be exported.",
            )
        if found.x509_certificate is None or found.private_key is None:
            if found.status == PENDING_VALIDATION:
                raise _in_progress(arn)
            raise ServiceError(
                "ValidationException",
                f"Certificate {arn} cannot be exported: its status is {found.status}.",
            )
        if found.status == REVOKED:
            raise ServiceError(
                "ValidationException", f"Certificate {arn} cannot be exported: it is revoked."
            )
        key = encrypted_key.encrypted_private_key(
            found.private_key,
            passphrase,
            lambda size: self._scope.world.ids.randbits(size * 8).to_bytes(size, "big"),
        )
        found.exported = True
        return certs.pem(found.x509_certificate), found.chain_pem, key

    def revoke(self, arn: str, reason: str) -> Certificate:
        """RevokeCertificate."""
        found = self._store.certificate(arn)
        if found.type != AMAZON_ISSUED or not found.exported:
            # Only exported public certificates can be revoked (RevokeCertificate docs).
            raise ServiceError(
                "ValidationException",
                f"Certificate {arn} cannot be revoked: only public certificates that have "
                "been exported can be revoked.",
            )
        if found.status == REVOKED:
            raise ServiceError("ValidationException", f"Certificate {arn} is already revoked.")
        if found.in_use:
            raise ServiceError(
                "ResourceInUseException",
                f"Certificate {arn} is in use by {', '.join(found.in_use_by)}.",
            )
        now = self._scope.now()
        found.status = REVOKED
        found.revoked_at = now
        found.revocation_reason = reason
        found.timers.cancel()
        if found.update is not None and found.update.pending:
            # Revoked, it will not be validated again: the move to DNS has failed.
            found.update.end(UPDATE_FAILED, now)
        events.revoked(self._scope, found, now)
        return found
