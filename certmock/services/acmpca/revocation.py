"""RevokeCertificate: by the CA's owner or an account its resource policy lets revoke. The
revocation is the owner's: its event goes to the owner's bus and its CRL lists it."""

from __future__ import annotations

from certmock.errors import ServiceError
from certmock.services.acmpca import states
from certmock.services.acmpca.access import Authorities
from certmock.world import Scope


def parse_serial(text: str) -> int | None:
    """A RevokeCertificate serial: hex, with or without colons, any case; None if not hex."""
    digits = text.replace(":", "")
    if not digits or any(c not in "0123456789abcdefABCDEF" for c in digits):
        return None
    return int(digits, 16)


class Revocation:
    def __init__(self, scope: Scope, authorities: Authorities) -> None:
        self.scope = scope
        self.authorities = authorities

    def revoke_certificate(self, arn: str, serial_text: str, reason: str) -> None:
        operation = "RevokeCertificate"
        shared = self.authorities.readable(arn, operation)
        found = shared.record
        if not states.allows(operation, found.status):
            raise ServiceError(
                "InvalidStateException",
                f"The certificate authority {arn} is {found.status}; certificates can be "
                f"revoked only while it is {states.allowed_for(operation)}.",
            )
        serial = parse_serial(serial_text)
        issued = None if serial is None else found.issued.get(serial)
        # A root's certificate, installed (perhaps made outside certmock) or issued by a root
        # template (the only certificates issued without a chain). TF-PCA matches this text.
        if (issued is not None and issued.chain_pem is None) or (
            found.type == "ROOT"
            and found.certificate is not None
            and serial == found.certificate.serial_number
        ):
            raise ServiceError(
                "InvalidRequestException", "Self-signed certificate can not be revoked."
            )
        if issued is None:
            raise ServiceError(
                "ResourceNotFoundException",
                f"Could not find a certificate with serial {serial_text} issued by {arn}.",
            )
        if issued.revoked_at is not None:
            raise ServiceError(
                "RequestAlreadyProcessedException", "Your request has already been completed."
            )
        issued.revoked_at = self.scope.now()
        issued.revocation_reason = reason
        shared.owner.emit(
            "aws.acm-pca",
            "ACM Private CA Certificate Revocation",
            [arn, issued.arn],
            {"result": "success"},
        )
        shared.crls.certificate_revoked(found, issued)
