"""Certificate signing requests: a CA's own CSR, and CSRs handed to IssueCertificate."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping, Sequence
from typing import Any

from cryptography import exceptions, x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import ObjectIdentifier, SubjectInformationAccessOID

from certmock.pki.keys import PrivateKey, check_signing_algorithm, signer
from certmock.pki.names import general_name, x509_name

# CsrExtensions.KeyUsage member -> cryptography.x509.KeyUsage argument.
_KEY_USAGE_FLAGS = {
    "DigitalSignature": "digital_signature",
    "NonRepudiation": "content_commitment",
    "KeyEncipherment": "key_encipherment",
    "DataEncipherment": "data_encipherment",
    "KeyAgreement": "key_agreement",
    "KeyCertSign": "key_cert_sign",
    "CRLSign": "crl_sign",
    "EncipherOnly": "encipher_only",
    "DecipherOnly": "decipher_only",
}

# AccessMethodType -> id-ad OIDs (RFC 5280 caRepository, RFC 6487 rpkiManifest,
# RFC 8182 rpkiNotify).
_ACCESS_METHODS = {
    "CA_REPOSITORY": SubjectInformationAccessOID.CA_REPOSITORY,
    "RESOURCE_PKI_MANIFEST": ObjectIdentifier("1.3.6.1.5.5.7.48.10"),
    "RESOURCE_PKI_NOTIFY": ObjectIdentifier("1.3.6.1.5.5.7.48.13"),
}


class MalformedCSR(ValueError):
    """A CSR that cannot be used: unparseable, badly signed, or naming nobody."""


def key_usage(flags: Mapping[str, Any]) -> x509.KeyUsage:
    """An X.509 keyUsage from an ACM-PCA ``KeyUsage`` dictionary (missing members are false)."""
    unknown = sorted(set(flags) - set(_KEY_USAGE_FLAGS))
    if unknown:
        raise ValueError(f"Unknown KeyUsage member(s): {', '.join(unknown)}")
    arguments = {arg: bool(flags.get(member)) for member, arg in _KEY_USAGE_FLAGS.items()}
    if (arguments["encipher_only"] or arguments["decipher_only"]) and not arguments[
        "key_agreement"
    ]:
        # RFC 5280 only defines these two bits together with keyAgreement.
        raise ValueError("KeyUsage EncipherOnly/DecipherOnly require KeyAgreement")
    return x509.KeyUsage(**arguments)


def _access_method(method: Any, where: str) -> ObjectIdentifier:
    if not isinstance(method, Mapping):
        raise ValueError(f"{where} must be an AccessMethod structure")
    custom = method.get("CustomObjectIdentifier")
    named = method.get("AccessMethodType")
    if (custom is None) == (named is None):
        raise ValueError(
            f"{where} must have exactly one of CustomObjectIdentifier and AccessMethodType"
        )
    if named is not None:
        if named not in _ACCESS_METHODS:
            raise ValueError(
                f"{where}.AccessMethodType {named!r} is not one of {', '.join(_ACCESS_METHODS)}"
            )
        return _ACCESS_METHODS[named]
    try:
        return ObjectIdentifier(str(custom))
    except ValueError:
        raise ValueError(
            f"{where}.CustomObjectIdentifier {custom!r} is not an object identifier"
        ) from None


def subject_information_access(
    descriptions: list[Mapping[str, Any]],
) -> x509.SubjectInformationAccess:
    """An X.509 subjectInfoAccess from an ACM-PCA ``AccessDescription`` list."""
    entries = []
    for index, description in enumerate(descriptions):
        where = f"SubjectInformationAccess[{index}]"
        if "AccessMethod" not in description or "AccessLocation" not in description:
            raise ValueError(f"{where} needs AccessMethod and AccessLocation")
        method = _access_method(description["AccessMethod"], f"{where}.AccessMethod")
        entries.append(x509.AccessDescription(method, general_name(description["AccessLocation"])))
    return x509.SubjectInformationAccess(entries)


def build_csr(
    key: PrivateKey,
    subject: x509.Name,
    signing_algorithm: str,
    extensions: Sequence[tuple[x509.ExtensionType, bool]] = (),
) -> x509.CertificateSigningRequest:
    """A CSR for ``key`` naming ``subject``, with ``extensions`` (extension, critical) in order,
    signed with the ACM-PCA ``signing_algorithm``."""
    digest = check_signing_algorithm(key, signing_algorithm)
    builder = x509.CertificateSigningRequestBuilder().subject_name(subject)
    for extension, critical in extensions:
        builder = builder.add_extension(extension, critical=critical)
    return builder.sign(signer(key), digest)


def build_ca_csr(
    key: PrivateKey,
    subject: Mapping[str, Any],
    signing_algorithm: str,
    csr_extensions: Mapping[str, Any] | None = None,
) -> bytes:
    """The PEM CSR of a CA: ``subject``, a critical basicConstraints CA:TRUE, and the keyUsage
    (critical) and subjectInfoAccess (not critical, as RFC 5280 requires) asked for in the
    ACM-PCA ``CsrExtensions`` dictionary."""
    name = x509_name(subject)
    wanted = csr_extensions or {}
    unknown = sorted(set(wanted) - {"KeyUsage", "SubjectInformationAccess"})
    if unknown:
        raise ValueError(f"Unknown CsrExtensions member(s): {', '.join(unknown)}")
    extensions: list[tuple[x509.ExtensionType, bool]] = [
        (x509.BasicConstraints(ca=True, path_length=None), True)
    ]
    if wanted.get("KeyUsage") is not None:
        extensions.append((key_usage(wanted["KeyUsage"]), True))
    if wanted.get("SubjectInformationAccess"):
        extensions.append((subject_information_access(wanted["SubjectInformationAccess"]), False))
    csr = build_csr(key, name, signing_algorithm, extensions)
    return csr.public_bytes(serialization.Encoding.PEM)


def _pem_bytes(data: bytes) -> bytes:
    stripped = data.strip()
    if stripped.startswith(b"-----BEGIN"):
        return stripped
    # Some SDKs base64-encode the PEM text once more before the blob's own encoding.
    try:
        decoded = base64.b64decode(stripped, validate=False)
    except (binascii.Error, ValueError):
        raise MalformedCSR("The CSR is neither PEM nor base64-encoded PEM.") from None
    if not decoded.strip().startswith(b"-----BEGIN"):
        raise MalformedCSR("The CSR is neither PEM nor base64-encoded PEM.")
    return decoded.strip()


def load_csr(data: bytes) -> x509.CertificateSigningRequest:
    """Parse and check a CSR sent to IssueCertificate.

    Accepts PEM or base64 of PEM. Raises :class:`MalformedCSR` if it cannot be parsed, its
    signature does not verify, or it has neither a subject nor a subjectAltName.
    """
    pem = _pem_bytes(data)
    try:
        csr = x509.load_pem_x509_csr(pem)
        # Touch the lazily parsed parts now, so a broken CSR fails here and not later.
        csr.public_key()
        extensions = csr.extensions
        signature_valid = csr.is_signature_valid
    except (ValueError, TypeError, exceptions.UnsupportedAlgorithm) as error:
        raise MalformedCSR(f"The CSR could not be parsed: {error}") from None
    if not signature_valid:
        raise MalformedCSR("The CSR signature does not verify with its public key.")
    try:
        san = extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        san = None
    if len(csr.subject) == 0 and not san:
        raise MalformedCSR("The CSR has neither a subject name nor a subjectAltName extension.")
    return csr
