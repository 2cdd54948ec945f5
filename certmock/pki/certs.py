"""Certificates: serials, signing, PEM loading, signature checks and the import rules for CA
certificates (ImportCertificateAuthorityCertificate)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any, cast

from cryptography import exceptions, x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.types import PublicKeyTypes
from cryptography.x509.oid import ExtensionOID, ObjectIdentifier

from certmock.pki.csr import key_usage
from certmock.pki.datetimes import for_cryptography
from certmock.pki.keys import (
    PrivateKey,
    check_signing_algorithm,
    issuer_public_key,
    ml_dsa_name_of,
    same_public_key,
    signer,
)

SERIAL_BITS = 128

Extensions = list[tuple[x509.ExtensionType, bool]]


class MalformedCertificate(ValueError):
    """Data that is not a usable PEM certificate (or chain of them)."""


class CertificateRejected(ValueError):
    """A CA certificate refused by ImportCertificateAuthorityCertificate; ``code`` names the
    ACM-PCA exception to raise."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


_MISMATCH = "CertificateMismatchException"
_MALFORMED = "MalformedCertificateException"
_INVALID = "InvalidRequestException"


# --- serials -------------------------------------------------------------------------------


def new_serial(randbits: Callable[[int], int]) -> int:
    """A random positive 128-bit serial (the top bit may be set, so the DER form can carry a
    leading zero byte, as AWS serials do). ``randbits`` is e.g. ``random.Random.getrandbits``,
    so a seeded source gives reproducible serials."""
    while True:
        serial = randbits(SERIAL_BITS)
        if not 0 <= serial < 1 << SERIAL_BITS:
            raise ValueError(f"randbits({SERIAL_BITS}) returned {serial}, outside the range")
        if serial:  # RFC 5280 serials are positive; zero is the only draw to redo
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


# --- signatures ----------------------------------------------------------------------------


def verifies(child: x509.Certificate, parent: x509.Certificate) -> bool:
    """Whether ``child``'s signature verifies with ``parent``'s public key (names are not
    compared). Covers RSA PKCS#1 v1.5 and PSS and ECDSA, with the child's digest, and ML-DSA."""
    key = parent.public_key()
    if ml_dsa_name_of(key) is not None:
        try:
            cast(Any, key).verify(child.signature, child.tbs_certificate_bytes)
        except exceptions.InvalidSignature:
            return False
        return True
    try:
        digest = child.signature_hash_algorithm
        parameters = child.signature_algorithm_parameters
    except exceptions.UnsupportedAlgorithm:
        return False
    if digest is None:
        return False
    try:
        if isinstance(key, rsa.RSAPublicKey) and isinstance(
            parameters, padding.PKCS1v15 | padding.PSS
        ):
            key.verify(child.signature, child.tbs_certificate_bytes, parameters, digest)
        elif isinstance(key, ec.EllipticCurvePublicKey) and isinstance(parameters, ec.ECDSA):
            key.verify(child.signature, child.tbs_certificate_bytes, parameters)
        else:
            return False  # the key family differs from the signature's
    except exceptions.InvalidSignature:
        return False
    return True


def is_self_signed(certificate: x509.Certificate) -> bool:
    """Issuer equals subject and the signature verifies with the certificate's own key."""
    return certificate.issuer == certificate.subject and verifies(certificate, certificate)


# --- ImportCertificateAuthorityCertificate rules -------------------------------------------

_EXTENSION_NAMES: dict[ObjectIdentifier, str] = {
    ExtensionOID.AUTHORITY_KEY_IDENTIFIER: "authority key identifier",
    ExtensionOID.BASIC_CONSTRAINTS: "basic constraints",
    ExtensionOID.CERTIFICATE_POLICIES: "certificate policies",
    ExtensionOID.EXTENDED_KEY_USAGE: "extended key usage",
    ExtensionOID.INHIBIT_ANY_POLICY: "inhibit anyPolicy",
    ExtensionOID.ISSUER_ALTERNATIVE_NAME: "issuer alternative name",
    ExtensionOID.KEY_USAGE: "key usage",
    ExtensionOID.NAME_CONSTRAINTS: "name constraints",
    ExtensionOID.POLICY_MAPPINGS: "policy mappings",
    ExtensionOID.SUBJECT_ALTERNATIVE_NAME: "subject alternative name",
    ExtensionOID.SUBJECT_DIRECTORY_ATTRIBUTES: "subject directory attributes",
    ExtensionOID.SUBJECT_KEY_IDENTIFIER: "subject key identifier",
    ExtensionOID.SUBJECT_INFORMATION_ACCESS: "subject information access",
    ExtensionOID.AUTHORITY_INFORMATION_ACCESS: "authority information access",
    ExtensionOID.CRL_DISTRIBUTION_POINTS: "CRL distribution points",
    ExtensionOID.FRESHEST_CRL: "freshest CRL",
    ExtensionOID.POLICY_CONSTRAINTS: "policy constraints",
}
# Documented as allowed to be critical; everything else must not be.
_MAY_BE_CRITICAL = frozenset(
    {
        ExtensionOID.AUTHORITY_KEY_IDENTIFIER,
        ExtensionOID.BASIC_CONSTRAINTS,
        ExtensionOID.CERTIFICATE_POLICIES,
        ExtensionOID.EXTENDED_KEY_USAGE,
        ExtensionOID.INHIBIT_ANY_POLICY,
        ExtensionOID.ISSUER_ALTERNATIVE_NAME,
        ExtensionOID.KEY_USAGE,
        ExtensionOID.NAME_CONSTRAINTS,
        ExtensionOID.POLICY_MAPPINGS,
        ExtensionOID.SUBJECT_ALTERNATIVE_NAME,
        ExtensionOID.SUBJECT_DIRECTORY_ATTRIBUTES,
        ExtensionOID.SUBJECT_KEY_IDENTIFIER,
        ExtensionOID.SUBJECT_INFORMATION_ACCESS,
    }
)


def _extension_name(oid: ObjectIdentifier) -> str:
    name = _EXTENSION_NAMES.get(oid)
    return f"{name} ({oid.dotted_string})" if name else oid.dotted_string


def _basic_constraints(certificate: x509.Certificate) -> x509.Extension[x509.BasicConstraints]:
    try:
        return certificate.extensions.get_extension_for_class(x509.BasicConstraints)
    except x509.ExtensionNotFound:
        raise CertificateRejected(
            _MALFORMED, "The certificate has no basic constraints extension; it is required."
        ) from None


def _check_extensions(certificate: x509.Certificate) -> None:
    constraints = _basic_constraints(certificate)
    if not constraints.critical:
        raise CertificateRejected(
            _MALFORMED, "The certificate's basic constraints extension must be marked critical."
        )
    if not constraints.value.ca:
        raise CertificateRejected(
            _MALFORMED, "The certificate's basic constraints extension must say CA:TRUE."
        )
    for extension in certificate.extensions:
        if extension.critical and extension.oid not in _MAY_BE_CRITICAL:
            raise CertificateRejected(
                _MALFORMED,
                f"The certificate's {_extension_name(extension.oid)} extension is marked"
                " critical; it must not be.",
            )


def _ca_path_length(certificate: x509.Certificate) -> tuple[bool, int | None]:
    """(is it allowed to act as a CA, its path length); a chain certificate without basic
    constraints (an old v1 root) is given the benefit of the doubt."""
    try:
        value = certificate.extensions.get_extension_for_class(x509.BasicConstraints).value
    except x509.ExtensionNotFound:
        return True, None
    return value.ca, value.path_length


def _check_chain(certificate: x509.Certificate, chain: list[x509.Certificate]) -> None:
    for index, member in enumerate(chain):
        if member == certificate:
            raise CertificateRejected(
                _INVALID,
                f"The certificate chain must not contain the CA certificate itself"
                f" (found at position {index}).",
            )
    # Top-down order is easier to reason about for path lengths; chain[0] is the issuer.
    path = [certificate, *chain]
    for index, (child, parent) in enumerate(itertools.pairwise(path)):
        what = "The CA certificate" if index == 0 else f"Chain certificate {index - 1}"
        if not verifies(child, parent):
            raise CertificateRejected(
                _MISMATCH,
                f"{what} is not signed by chain certificate {index}; the chain must list the"
                " issuer of the CA certificate first and each certificate's issuer after it.",
            )
        is_ca, path_length = _ca_path_length(parent)
        if not is_ca:
            raise CertificateRejected(
                _MISMATCH, f"Chain certificate {index} is not a CA (basic constraints CA:FALSE)."
            )
        # Every certificate below the parent, the imported one included, is a CA that sits
        # between the parent and future end-entity certificates.
        below = index + 1
        if path_length is not None and below > path_length:
            raise CertificateRejected(
                _MISMATCH,
                f"Chain certificate {index} allows a path length of {path_length}, but"
                f" {below} CA certificate(s) would follow it.",
            )
    if not is_self_signed(chain[-1]):
        # "Your root CA must be the last certificate in your chain" (import API reference).
        raise CertificateRejected(
            _INVALID,
            f"Chain certificate {len(chain) - 1}, the last, is not a self-signed root CA"
            " certificate; the chain must run up to the root, which comes last.",
        )
    issuer = chain[0]
    if (
        certificate.not_valid_before_utc < issuer.not_valid_before_utc
        or certificate.not_valid_after_utc > issuer.not_valid_after_utc
    ):
        raise CertificateRejected(
            _MISMATCH,
            "The CA certificate's validity"
            f" ({certificate.not_valid_before_utc.isoformat()} to"
            f" {certificate.not_valid_after_utc.isoformat()}) is not within its issuer's"
            f" ({issuer.not_valid_before_utc.isoformat()} to"
            f" {issuer.not_valid_after_utc.isoformat()}).",
        )


def check_ca_certificate(
    certificate: x509.Certificate,
    chain: list[x509.Certificate],
    *,
    ca_type: str,
    ca_public_key: PublicKeyTypes,
) -> None:
    """Raise :class:`CertificateRejected` if ImportCertificateAuthorityCertificate would refuse
    ``certificate`` (with ``chain``: its issuer first, the root last) for a CA of ``ca_type``
    (``ROOT`` or ``SUBORDINATE``) whose key pair has ``ca_public_key``.

    Checks, in order: extensions (malformed), key match (mismatch), self-signed/chain structure
    (invalid request), then for subordinates the signatures, CA flags and path lengths along
    the chain (mismatch), a self-signed root at its end (invalid request) and the validity
    nesting in the issuer (mismatch). Name constraints are not checked.
    """
    if ca_type not in ("ROOT", "SUBORDINATE"):
        raise ValueError(f"ca_type must be ROOT or SUBORDINATE, got {ca_type!r}")
    _check_extensions(certificate)
    if not same_public_key(certificate.public_key(), ca_public_key):
        raise CertificateRejected(
            _MISMATCH,
            "The certificate's public key does not match the CA's key pair; it must be issued"
            " for this CA's certificate signing request.",
        )
    self_signed = is_self_signed(certificate)
    if ca_type == "ROOT":
        if not self_signed:
            raise CertificateRejected(
                _INVALID, "A ROOT CA can only import a self-signed certificate."
            )
        if chain:
            raise CertificateRejected(
                _INVALID, "A certificate chain must not be given for a ROOT CA."
            )
        return
    if self_signed:
        raise CertificateRejected(
            _INVALID, "A SUBORDINATE CA cannot import a self-signed certificate."
        )
    if not chain:
        raise CertificateRejected(_INVALID, "A certificate chain is required for a SUBORDINATE CA.")
    _check_chain(certificate, chain)
