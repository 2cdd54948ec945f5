"""A CA's own key, CSR and certificate: GetCertificateAuthorityCsr,
ImportCertificateAuthorityCertificate (which makes the CA ACTIVE, and EXPIRED at the
certificate's NotAfter) and GetCertificateAuthorityCertificate."""

from __future__ import annotations

from cryptography import x509

from certmock.errors import ServiceError
from certmock.pki import certs
from certmock.pki.ca_import import CertificateRejected, check_ca_certificate
from certmock.pki.csr import build_ca_csr
from certmock.services.acmpca import affiliation, states
from certmock.services.acmpca.access import Authorities
from certmock.services.acmpca.expiry import schedule_expiry
from certmock.services.acmpca.records import CertificateAuthority
from certmock.world import Scope


def _wrong_state_for_csr(found: CertificateAuthority) -> ServiceError:
    # Sic: AWS mentions a CSR also when the CA *certificate* is asked for (TF#26968).
    return ServiceError(
        "InvalidStateException",
        f"The certificate authority {found.arn} is not in the correct state to have a "
        f"certificate signing request. It is {found.status}.",
    )


class Activation:
    def __init__(self, scope: Scope, authorities: Authorities) -> None:
        self.scope = scope
        self.authorities = authorities

    def get_certificate_authority_csr(self, arn: str) -> str:
        operation = "GetCertificateAuthorityCsr"
        found = self.authorities.owned(arn, operation)
        if found.status == states.CREATING:
            # The CertificateAuthorityCSRCreated waiter retries on this error.
            raise ServiceError(
                "RequestInProgressException",
                f"The certificate authority {arn} is still being created; its CSR is not "
                "ready yet.",
            )
        if not states.allows(operation, found.status):
            raise _wrong_state_for_csr(found)
        if found.csr_pem is None:
            found.csr_pem = build_ca_csr(
                found.signing_key(self.scope.world.keys),
                found.configuration["Subject"],
                found.configuration["SigningAlgorithm"],
                found.configuration.get("CsrExtensions"),
            ).decode()
        return found.csr_pem

    def get_certificate_authority_certificate(self, arn: str) -> tuple[str, str | None]:
        operation = "GetCertificateAuthorityCertificate"
        found = self.authorities.readable(arn, operation).record
        if found.certificate is None or not states.allows(operation, found.status):
            raise _wrong_state_for_csr(found)
        return certs.pem(found.certificate), found.certificate_chain_pem

    def import_certificate_authority_certificate(
        self, arn: str, certificate: bytes, certificate_chain: bytes | None = None
    ) -> None:
        operation = "ImportCertificateAuthorityCertificate"
        found = self.authorities.owned(arn, operation)
        if not states.allows(operation, found.status):
            raise ServiceError(
                "InvalidStateException",
                f"The certificate authority {arn} is {found.status}; a certificate can be "
                f"imported only while it is {states.allowed_for(operation)}.",
            )
        affiliation.check_import(found)
        try:
            parsed = certs.load_certificate(certificate)
            chain = certs.load_certificate_chain(certificate_chain) if certificate_chain else []
        except certs.MalformedCertificate as malformed:
            raise ServiceError("MalformedCertificateException", str(malformed)) from None
        try:
            check_ca_certificate(
                parsed,
                chain,
                ca_type=found.type,
                ca_public_key=found.signing_key(self.scope.world.keys).public_key(),
            )
        except CertificateRejected as rejected:
            raise ServiceError(rejected.code, str(rejected)) from None
        self._install(found, parsed, "".join(certs.pem(c) for c in chain) or None)

    def _install(
        self, found: CertificateAuthority, certificate: x509.Certificate, chain_pem: str | None
    ) -> None:
        """The CA's certificate is (re)placed: ACTIVE, dates and serial from it, and EXPIRED
        scheduled for its NotAfter."""
        found.certificate = certificate
        found.certificate_chain_pem = chain_pem
        found.not_before = certificate.not_valid_before_utc
        found.not_after = certificate.not_valid_after_utc
        # In decimal, as a DescribeCertificateAuthority recorded against AWS shows it.
        found.serial = str(certificate.serial_number)
        if found.status != states.ACTIVE:
            found.change_status(states.ACTIVE, self.scope.now())
        schedule_expiry(self.scope, found)
