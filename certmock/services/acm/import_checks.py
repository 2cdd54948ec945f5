"""ImportCertificate's checks of a certificate, its private key and its chain.

Each refusal is a ValidationException. The messages AWS's troubleshooting guide quotes are used
word for word (more than one certificate, chain order, chain not validating, unsupported keys,
PEM format); the others are certmock's, marked where they are made.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from cryptography import exceptions, x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from certmock.errors import ServiceError
from certmock.pki.keys import PrivateKey, same_public_key
from certmock.pki.signatures import is_self_signed, verifies
from certmock.services.acm import x509_fields

_PEM_BLOCK = re.compile(
    rb"-----BEGIN ([A-Z0-9 ]+)-----\r?\n.*?-----END ([A-Z0-9 ]+)-----", re.DOTALL
)


@dataclass(frozen=True)
class ImportedMaterial:
    certificate: x509.Certificate
    private_key: PrivateKey
    chain: list[x509.Certificate]
    chain_pem: str | None
    """The chain as given (GetCertificate returns it as imported)."""
    key_algorithm: str


def _invalid(message: str) -> ServiceError:
    return ServiceError("ValidationException", message)


def _blocks(data: bytes) -> list[tuple[bytes, bytes]]:
    """The (label, whole block) of each PEM block in ``data``."""
    return [(match.group(1), match.group(0)) for match in _PEM_BLOCK.finditer(data)]


def _parse_certificate(block: bytes) -> x509.Certificate | None:
    try:
        certificate = x509.load_pem_x509_certificate(block)
        # Parsed lazily by cryptography: touch what ACM reads, so a broken one fails here.
        certificate.extensions  # noqa: B018
        certificate.public_key()
    except (ValueError, TypeError, exceptions.UnsupportedAlgorithm):
        return None
    return certificate


def load_certificate(data: bytes) -> x509.Certificate:
    blocks = _blocks(data)
    certificates = [block for label, block in blocks if label == b"CERTIFICATE"]
    if len(certificates) > 1:
        raise _invalid(
            "The certificate field contains more than one certificate. You can specify only "
            "one certificate in this field."
        )
    parsed = _parse_certificate(certificates[0]) if len(blocks) == 1 and certificates else None
    if parsed is None:
        raise _invalid("The certificate body provided is not in a valid PEM format.")
    return parsed


def load_chain(data: bytes | None) -> list[x509.Certificate]:
    if data is None:
        return []
    blocks = _blocks(data)
    if not blocks or any(label != b"CERTIFICATE" for label, _ in blocks):
        raise _invalid("The certificate chain provided is not in a valid PEM format.")
    chain = []
    for _, block in blocks:
        parsed = _parse_certificate(block)
        if parsed is None:
            raise _invalid("The certificate chain provided is not in a valid PEM format.")
        chain.append(parsed)
    return chain


def load_private_key(data: bytes) -> PrivateKey:
    """An unencrypted PEM private key (PKCS#8, or the traditional RSA/EC forms)."""
    if b"ENCRYPTED" in data:
        # The key must be unencrypted (ImportCertificate documentation).
        raise _invalid("The private key is not supported.")
    try:
        # The full RSA consistency check costs ~35 ms a key; the key is compared with the
        # certificate's public key below, which is what matters to a caller.
        key = serialization.load_pem_private_key(
            data, password=None, unsafe_skip_rsa_key_validation=True
        )
    except TypeError:
        raise _invalid("The private key is not supported.") from None
    except (ValueError, exceptions.UnsupportedAlgorithm):
        # certmock's wording: AWS's troubleshooting guide lists no message for this case.
        raise _invalid(
            "The private key is not in a valid PEM format; it must be an unencrypted PEM "
            "private key."
        ) from None
    if isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        return key
    raise _invalid("The private key is not supported.")


def _key_algorithm(key: PrivateKey) -> str:
    try:
        return x509_fields.key_algorithm(key.public_key())
    except x509_fields.UnsupportedKey as unsupported:
        if unsupported.rsa_bits is not None:
            raise _invalid(
                f"The private key length {unsupported.rsa_bits} is not supported for key algorithm."
            ) from None
        raise _invalid("The private key is not supported.") from None


def _check_chain(certificate: x509.Certificate, chain: list[x509.Certificate]) -> None:
    """The chain starts with the certificate's issuer and each member is signed by the next
    (AWS's troubleshooting guide). A chain may stop below its root."""
    for index, member in enumerate(chain):
        if member == certificate:
            raise _chain_order(index)
    if not verifies(certificate, chain[0]):
        raise _invalid("Could not validate the certificate with the certificate chain.")
    for index in range(len(chain) - 1):
        if not verifies(chain[index], chain[index + 1]):
            raise _chain_order(index + 1)


def _chain_order(index: int) -> ServiceError:
    return _invalid(
        "Unable to validate certificate chain. The certificate chain must start with the "
        "immediate signing certificate, followed by any intermediaries in order. The index "
        f"within the chain of the invalid certificate is: {index}"
    )


def _check_dates(certificate: x509.Certificate, now: _dt.datetime) -> None:
    # The current time must be between NotBefore and NotAfter (ImportCertificate docs);
    # the wording is certmock's.
    if now < certificate.not_valid_before_utc:
        raise _invalid(
            "The certificate is not valid yet: its NotBefore is "
            f"{certificate.not_valid_before_utc.isoformat()}."
        )
    if now > certificate.not_valid_after_utc:
        raise _invalid(
            "The certificate has expired: its NotAfter is "
            f"{certificate.not_valid_after_utc.isoformat()}."
        )


def _check_issuer_key_family(certificate: x509.Certificate, chain: list[x509.Certificate]) -> None:
    """The certificate's key must be of the same family as its issuer's (ImportCertificate
    docs: an RSA certificate signed by an EC CA is refused). Wording is certmock's."""
    if not chain:
        return
    own = certificate.public_key()
    issuer = chain[0].public_key()
    if isinstance(own, rsa.RSAPublicKey) != isinstance(issuer, rsa.RSAPublicKey):
        raise _invalid(
            "The certificate's key algorithm must match the algorithm of the CA that signed "
            "it (an RSA certificate needs an RSA issuer, an ECDSA one an ECDSA issuer)."
        )


def check_material(
    certificate_pem: bytes,
    private_key_pem: bytes,
    chain_pem: bytes | None,
    now: _dt.datetime,
) -> ImportedMaterial:
    """Everything ImportCertificate checks about what it is given, in AWS's order of concern:
    the certificate, the key, the pair, the dates, then the chain."""
    certificate = load_certificate(certificate_pem)
    if certificate.version != x509.Version.v3:
        # ACM user guide, "Prerequisites for importing": X.509 version 3 only. The text is
        # certmock's.
        raise _invalid(
            f"The certificate is X.509 version {certificate.version.value + 1}; ACM imports "
            "X.509 version 3 certificates only."
        )
    key = load_private_key(private_key_pem)
    key_algorithm = _key_algorithm(key)
    if not same_public_key(certificate.public_key(), key.public_key()):
        # certmock's wording: AWS's text for a mismatched key is not documented.
        raise _invalid("The private key does not match the public key in the certificate.")
    if len(certificate.issuer) == 0:
        raise _invalid("The certificate's Issuer field must not be empty.")
    _check_dates(certificate, now)
    chain = load_chain(chain_pem)
    if chain:
        _check_chain(certificate, chain)
        _check_issuer_key_family(certificate, chain)
    elif not is_self_signed(certificate):
        raise _invalid(
            "Provided certificate is not a valid self signed. Please provide either a valid "
            "self-signed certificate or certificate chain."
        )
    if x509_fields.domain_name(certificate) is None:
        raise _invalid(
            "The certificate names no domain: it has neither a common name nor a DNS name or "
            "IP address among its subject alternative names."
        )
    text = None if chain_pem is None else chain_pem.decode("ascii", "replace")
    return ImportedMaterial(certificate, key, chain, text, key_algorithm)


def check_reimport(
    previous: x509.Certificate, key_algorithm_before: str, new: ImportedMaterial
) -> None:
    """Reimport rules (ACM user guide, "Reimport a certificate"): same key type and size; key
    usages and extended key usages present before cannot be dropped (except keyEncipherment on
    ECDSA and clientAuth); usage extensions cannot be added where there were none."""
    if new.key_algorithm != key_algorithm_before:
        raise _invalid(
            f"The key type and size cannot change on reimport: the certificate uses "
            f"{key_algorithm_before}, the new one {new.key_algorithm}."
        )
    before_usages = set(x509_fields.key_usages(previous))
    after_usages = set(x509_fields.key_usages(new.certificate))
    if new.key_algorithm.startswith("EC_"):
        before_usages.discard("KEY_ENCIPHERMENT")
    before_eku = set(x509_fields.extended_key_usage_names(previous)) - {
        "TLS_WEB_CLIENT_AUTHENTICATION"
    }
    after_eku = set(x509_fields.extended_key_usage_names(new.certificate))
    dropped = sorted((before_usages - after_usages) | (before_eku - after_eku))
    if dropped:
        raise _invalid(
            "A reimported certificate must keep the key usages of the one it replaces; "
            f"missing: {', '.join(dropped)}."
        )
    for kind in (x509.KeyUsage, x509.ExtendedKeyUsage):
        if _has(new.certificate, kind) and not _has(previous, kind):
            raise _invalid(
                f"A reimported certificate cannot add a {kind.__name__} extension the "
                "certificate it replaces did not have."
            )


def _has(certificate: x509.Certificate, kind: type[x509.ExtensionType]) -> bool:
    try:
        certificate.extensions.get_extension_for_class(kind)
    except x509.ExtensionNotFound:
        return False
    return True
