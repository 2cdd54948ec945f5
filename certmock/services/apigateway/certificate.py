"""The X.509 certificate behind a client certificate: self-signed, RSA 2048, SHA-256.

API Gateway presents it to integration backends as a TLS client certificate and only ever
exposes the certificate, never the key (fact sheet 8.2). The key type, subject and extensions
AWS uses are not documented (fact sheet 10.11): certmock's choice is an RSA 2048 key, a subject
of just ``CN=<clientCertificateId>`` and the extensions of an ordinary TLS client certificate.
"""

from __future__ import annotations

import datetime as _dt

from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from certmock.pki import certs
from certmock.pki.csr import build_csr, key_usage
from certmock.pki.keys import PrivateKey

KEY_ALGORITHM = "RSA_2048"
SIGNING_ALGORITHM = "SHA256WITHRSA"

_CLIENT_EXTENSIONS: certs.Extensions = [
    (x509.BasicConstraints(ca=False, path_length=None), True),
    (key_usage({"DigitalSignature": True, "KeyEncipherment": True}), True),
    (x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), False),
]


def self_signed_certificate(
    client_certificate_id: str,
    *,
    key: PrivateKey,
    serial: int,
    not_before: _dt.datetime,
    not_after: _dt.datetime,
) -> str:
    """The PEM certificate of a new client certificate, on a key of its own that is dropped
    once the certificate is signed (nothing can ask for it)."""
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, client_certificate_id)])
    certificate = certs.sign_certificate(
        csr=build_csr(key, subject, SIGNING_ALGORITHM),
        issuer_key=key,
        issuer_certificate=None,
        signing_algorithm=SIGNING_ALGORITHM,
        serial=serial,
        not_before=not_before,
        not_after=not_after,
        extensions=_CLIENT_EXTENSIONS,
    )
    return certs.pem(certificate)
