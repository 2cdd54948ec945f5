"""The certificates an entry's setup imports into ACM, built from the entry's description of
the certificate the recording imported (subject, names, key usages, serial)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from tests.services.acm.helpers import new_key

_NAMES = {
    "C": NameOID.COUNTRY_NAME,
    "ST": NameOID.STATE_OR_PROVINCE_NAME,
    "L": NameOID.LOCALITY_NAME,
    "O": NameOID.ORGANIZATION_NAME,
    "OU": NameOID.ORGANIZATIONAL_UNIT_NAME,
    "CN": NameOID.COMMON_NAME,
}
_EXTENDED = {
    "server_auth": ExtendedKeyUsageOID.SERVER_AUTH,
    "client_auth": ExtendedKeyUsageOID.CLIENT_AUTH,
}
_USAGES = (
    "digital_signature",
    "content_commitment",
    "key_encipherment",
    "data_encipherment",
    "key_agreement",
    "key_cert_sign",
    "crl_sign",
)


def imported_certificate(spec: dict[str, Any]) -> tuple[bytes, bytes]:
    """A self-signed certificate as ``spec`` describes it, and its key, both PEM.

    ``spec``: ``key`` (a KeyAlgorithm name), ``subject`` (``[attribute, value]`` pairs in the
    certificate's order), ``sans`` (DNS names, in order), ``serial``, ``key_usage`` and
    ``extended_key_usage`` (names as ``cryptography`` spells them), ``valid_days``.
    """
    key = new_key(spec.get("key", "RSA_2048"))
    subject = x509.Name(
        [x509.NameAttribute(_NAMES[kind], value) for kind, value in spec["subject"]]
    )
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    usages = set(spec.get("key_usage", []))
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(spec.get("serial") or x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=spec.get("valid_days", 365)))
        .add_extension(
            x509.KeyUsage(
                **{usage: usage in usages for usage in _USAGES},
                encipher_only=False,
                decipher_only=False,
            ),
            critical=False,
        )
    )
    if spec.get("sans"):
        names = [x509.DNSName(name) for name in spec["sans"]]
        builder = builder.add_extension(x509.SubjectAlternativeName(names), critical=False)
    if spec.get("extended_key_usage"):
        extended = [_EXTENDED[name] for name in spec["extended_key_usage"]]
        builder = builder.add_extension(x509.ExtendedKeyUsage(extended), critical=False)
    certificate = builder.sign(key, hashes.SHA256())
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return certificate.public_bytes(serialization.Encoding.PEM), key_pem
