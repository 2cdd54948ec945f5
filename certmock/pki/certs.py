"""Certificates: serials, building and signing, PEM. Signature checks are in ``signatures``, the
import rules for CA certificates in ``ca_import``."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from cryptography import exceptions, x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import ExtensionOID

# Re-exported: services import these from here.
from certmock.pki.csr import key_usage
from certmock.pki.datetimes import for_cryptography
from certmock.pki.keys import (
    PrivateKey,
    check_signing_algorithm,
    issuer_public_key,
    same_public_key,
    signer,
)

SERIAL_BITS = 128

Extensions = list[tuple[x509.ExtensionType, bool]]


class MalformedCertificate(ValueError):
    """Data that is not a usable PEM certificate (or chain of them)."""


# --- serials -------------------------------------------------------------------------------


def new_serial(randbits: Callable[[int], int]) -> int:
    """A random positive 128-bit serial of 16 significant bytes (the top bit may be set, so
    the DER form can carry a leading zero byte, as AWS serials do). ``randbits`` is e.g.
    ``random.Random.getrandbits``, so a seeded source gives reproducible serials."""
    while True:
        serial = randbits(SERIAL_BITS)
        if not 0 <= serial < 1 << SERIAL_BITS:
            raise ValueError(f"randbits({SERIAL_BITS}) returned {serial}, outside the range")
        # Redraw a serial whose top byte is zero: it would be a byte shorter than the 16 bytes
        # AWS's serials always show (and zero is no RFC 5280 serial at all).
        if serial >> (SERIAL_BITS - 8):
            return serial


def serial_hex(serial: int) -> str:
    """The serial as in certificate ARNs: lowercase hex, zero-padded to 32 digits, no colons.
    (Padding a leading zero nibble is a guess; AWS was never seen with one.)"""
    if serial <= 0:
        raise ValueError(f"certificate serials are positive, got {serial}")
    return f"{serial:032x}"


def serial_colon_hex(serial: int) -> str:
    """The serial as audit reports and ACM show it: lowercase byte pairs joined by colons, at
    least 16 bytes (``e8:cb:...``)."""
    digits = serial_hex(serial)
    if len(digits) % 2:
        digits = "0" + digits
    return ":".join(digits[i : i + 2] for i in range(0, len(digits), 2))


# --- building ------------------------------------------------------------------------------


def root_ca_extensions(path_length: int | None = None) -> Extensions:
    """Extensions of a CA certificate as the RootCACertificate/V1 template makes them (path
    length 0-3 for its PathLenN API-passthrough cousins): critical CA:TRUE basicConstraints
    and critical keyUsage digitalSignature, keyCertSign, cRLSign."""
    return [
        (x509.BasicConstraints(ca=True, path_length=path_length), True),
        (key_usage({"DigitalSignature": True, "KeyCertSign": True, "CRLSign": True}), True),
    ]


def authority_key_identifier(
    issuer_key: PrivateKey, issuer_certificate: x509.Certificate | None
) -> x509.AuthorityKeyIdentifier:
    """The AKI of what ``issuer_key`` signs (a certificate or a CRL): the issuer certificate's
    SKI, else derived from the key (a self-signed certificate has no issuer certificate yet)."""
    # RFC 5280 §4.2.1.1: the AKI must match the issuer certificate's SKI, which need not be
    # the key hash cryptography would compute (imported CA certificates carry their own).
    if issuer_certificate is not None:
        try:
            ski = issuer_certificate.extensions.get_extension_for_class(x509.SubjectKeyIdentifier)
        except x509.ExtensionNotFound:
            pass
        else:
            return x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski.value)
    return x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_public_key(issuer_key))


def sign_certificate(
    *,
    csr: x509.CertificateSigningRequest,
    issuer_key: PrivateKey,
    issuer_certificate: x509.Certificate | None,
    signing_algorithm: str,
    serial: int,
    not_before: datetime,
    not_after: datetime,
    extensions: Extensions,
    subject: x509.Name | None = None,
) -> x509.Certificate:
    """Issue a certificate for ``csr`` (public key and, unless ``subject`` is given, subject
    come from it).

    ``issuer_certificate=None`` makes it self-signed (issuer = subject). AKI is the issuer
    certificate's SKI (or derived from the issuer's key), SKI is derived from the CSR key;
    either is replaced by one passed in ``extensions``. Extension order follows the AWS sample
    certificate: basicConstraints, AKI, SKI, then the remaining ``extensions`` in order.
    Naive datetimes are taken as UTC; freezegun's FakeDatetime works like datetime, whatever
    cryptography met first (see :mod:`certmock.pki.datetimes`).
    """
    digest = check_signing_algorithm(issuer_key, signing_algorithm)
    subject_name = csr.subject if subject is None else subject
    if issuer_certificate is None:
        issuer_name = subject_name
    else:
        if not same_public_key(issuer_certificate.public_key(), issuer_key.public_key()):
            raise ValueError("issuer_key does not belong to issuer_certificate")
        issuer_name = issuer_certificate.subject
    aki = authority_key_identifier(issuer_key, issuer_certificate)
    subject_key = csr.public_key()
    ski = x509.SubjectKeyIdentifier.from_public_key(subject_key)

    given = {extension.oid for extension, _ in extensions}
    ordered: Extensions = [(e, c) for e, c in extensions if isinstance(e, x509.BasicConstraints)]
    if ExtensionOID.AUTHORITY_KEY_IDENTIFIER not in given:
        ordered.append((aki, False))
    if ExtensionOID.SUBJECT_KEY_IDENTIFIER not in given:
        ordered.append((ski, False))
    ordered += [(e, c) for e, c in extensions if not isinstance(e, x509.BasicConstraints)]

    builder = (
        x509.CertificateBuilder()
        .subject_name(subject_name)
        .issuer_name(issuer_name)
        .public_key(subject_key)
        .serial_number(serial)
        .not_valid_before(for_cryptography(not_before))
        .not_valid_after(for_cryptography(not_after))
    )
    for extension, critical in ordered:
        builder = builder.add_extension(extension, critical=critical)
    return builder.sign(signer(issuer_key), digest)


# --- PEM -----------------------------------------------------------------------------------


def pem(certificate: x509.Certificate) -> str:
    return certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")


_PEM_BLOCK = re.compile(
    rb"-----BEGIN ([A-Z0-9 ]+)-----\r?\n.*?-----END ([A-Z0-9 ]+)-----", re.DOTALL
)


def _parse_one(block: bytes, where: str) -> x509.Certificate:
    try:
        certificate = x509.load_pem_x509_certificate(block)
        # cryptography parses lazily; force the parts we rely on so errors surface here.
        certificate.extensions  # noqa: B018
        certificate.public_key()
    except (ValueError, TypeError, exceptions.UnsupportedAlgorithm) as error:
        raise MalformedCertificate(f"{where} could not be parsed: {error}") from None
    return certificate


def load_certificate_chain(data: bytes) -> list[x509.Certificate]:
    """All certificates in concatenated PEM ``data`` (text between blocks is ignored; any
    non-CERTIFICATE block is an error). Empty or blank data gives an empty list."""
    if not data.strip():
        return []
    if b"-----BEGIN" not in data:
        raise MalformedCertificate("No PEM certificate found.")
    certificates = []
    for index, match in enumerate(_PEM_BLOCK.finditer(data)):
        label, end_label = match.group(1), match.group(2)
        if label != b"CERTIFICATE" or end_label != b"CERTIFICATE":
            raise MalformedCertificate(
                f"PEM block {index} is {label.decode()!r}, expected 'CERTIFICATE'."
            )
        certificates.append(_parse_one(match.group(0), f"Certificate {index} of the chain"))
    if data.count(b"-----BEGIN") != len(certificates):
        raise MalformedCertificate("A PEM block is incomplete (missing its END line).")
    return certificates


def load_certificate(data: bytes) -> x509.Certificate:
    """The one PEM certificate in ``data``; more than one is refused."""
    certificates = load_certificate_chain(data)
    if len(certificates) != 1:
        raise MalformedCertificate(f"Expected one PEM certificate, found {len(certificates)}.")
    return certificates[0]


__all__ = [
    "SERIAL_BITS",
    "Extensions",
    "MalformedCertificate",
    "authority_key_identifier",
    "load_certificate",
    "load_certificate_chain",
    "new_serial",
    "pem",
    "root_ca_extensions",
    "serial_colon_hex",
    "serial_hex",
    "sign_certificate",
]
