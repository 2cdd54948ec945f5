"""The rules ImportCertificateAuthorityCertificate applies to a CA certificate and its chain:
extensions, key match, self-signed or chained to a root, path lengths and validity nesting."""

from __future__ import annotations

import itertools

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric.types import PublicKeyTypes
from cryptography.x509.oid import ExtensionOID, ObjectIdentifier

from certmock.pki.keys import same_public_key
from certmock.pki.signatures import is_self_signed, verifies


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
