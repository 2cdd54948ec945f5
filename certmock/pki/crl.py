"""Certificate revocation lists as ACM Private CA writes them to S3 (fact sheet §3.1).

A DER X.509 v2 base CRL: issuer = the CA's subject, CRL extensions authority key identifier and
CRL number, one entry per revoked certificate with its serial, revocation date and reason code.
Partitioned CRLs also carry a critical issuing distribution point.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from types import MappingProxyType

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from certmock.pki.certs import authority_key_identifier
from certmock.pki.datetimes import for_cryptography
from certmock.pki.keys import PrivateKey, check_signing_algorithm, same_public_key, signer

# botocore's RevocationReason -> RFC 5280 CRLReason (codes 0-5, 9, 10; fact sheet §2.8). AWS
# has no certificateHold (6) or removeFromCRL (8): revocation cannot be suspended or undone.
REASONS: Mapping[str, x509.ReasonFlags] = MappingProxyType(
    {
        "UNSPECIFIED": x509.ReasonFlags.unspecified,
        "KEY_COMPROMISE": x509.ReasonFlags.key_compromise,
        "CERTIFICATE_AUTHORITY_COMPROMISE": x509.ReasonFlags.ca_compromise,
        "AFFILIATION_CHANGED": x509.ReasonFlags.affiliation_changed,
        "SUPERSEDED": x509.ReasonFlags.superseded,
        "CESSATION_OF_OPERATION": x509.ReasonFlags.cessation_of_operation,
        "PRIVILEGE_WITHDRAWN": x509.ReasonFlags.privilege_withdrawn,
        "A_A_COMPROMISE": x509.ReasonFlags.aa_compromise,
    }
)

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


@dataclass(frozen=True)
class RevokedEntry:
    """One line of a CRL: a revoked certificate's serial, when and why (a botocore
    RevocationReason name such as ``KEY_COMPROMISE``)."""

    serial: int
    revoked_at: datetime
    reason: str


def crl_number_at(generated_at: datetime) -> int:
    """The CRL number AWS gives a CRL generated at ``generated_at``: its Unix time in
    milliseconds (inferred from the two published samples, fact sheet §3.1: CRL number
    1519676905984 is 2018-02-26T20:28:25.984Z). Naive datetimes are taken as UTC."""
    if generated_at.tzinfo is None:
        generated_at = generated_at.replace(tzinfo=timezone.utc)
    milliseconds = (generated_at - _EPOCH) // timedelta(milliseconds=1)
    if milliseconds < 0:
        raise ValueError(f"CRL numbers are non-negative; {generated_at.isoformat()} is pre-1970")
    return milliseconds


def _revoked_certificate(entry: RevokedEntry) -> x509.RevokedCertificate:
    try:
        reason = REASONS[entry.reason]
    except KeyError:
        raise ValueError(
            f"Unknown revocation reason {entry.reason!r} for serial {entry.serial:x};"
            f" expected one of {', '.join(REASONS)}."
        ) from None
    builder = (
        x509.RevokedCertificateBuilder()
        .serial_number(entry.serial)
        .revocation_date(for_cryptography(entry.revoked_at))
    )
    # RFC 5280 §5.3.1: the reasonCode extension "SHOULD be absent instead of using the
    # unspecified (0) reasonCode value". AWS's own behaviour is unknown (its sample shows only
    # keyCompromise), so the RFC decides.
    if reason is not x509.ReasonFlags.unspecified:
        builder = builder.add_extension(x509.CRLReason(reason), critical=False)
    return builder.build()


def build_crl(
    *,
    issuer_key: PrivateKey,
    issuer_certificate: x509.Certificate,
    signing_algorithm: str,
    entries: Iterable[RevokedEntry],
    crl_number: int,
    this_update: datetime,
    next_update: datetime,
    issuing_distribution_point: str | None = None,
) -> bytes:
    """A DER X.509 v2 CRL signed by ``issuer_key`` with the ACM-PCA ``signing_algorithm``.

    * Issuer: ``issuer_certificate``'s subject. CRL extensions, in the order of AWS's sample:
      authority key identifier (the CA certificate's SKI, else derived from its key), then CRL
      number; with ``issuing_distribution_point`` (a partitioned CRL's URI, which equals the
      CDP of the certificates it covers) a critical issuing distribution point naming it.
    * Entries keep the order given. Each carries a non-critical reasonCode extension, except
      ``UNSPECIFIED`` revocations, which carry none (RFC 5280 §5.3.1 says it SHOULD be absent).
    * The digest is whatever :func:`certmock.pki.keys.check_signing_algorithm` gives for the
      key and algorithm, passed on as is (a pure signature scheme such as ML-DSA would give
      None); a mismatching or unsupported algorithm raises from there.

    Naive datetimes are taken as UTC; freezegun's FakeDatetime works like datetime, whatever
    cryptography met first (see :mod:`certmock.pki.datetimes`). Raises
    ValueError for a key that does not belong to the certificate, an unknown reason or a
    serial listed twice.
    """
    digest = check_signing_algorithm(issuer_key, signing_algorithm)
    if not same_public_key(issuer_certificate.public_key(), issuer_key.public_key()):
        raise ValueError("issuer_key does not belong to issuer_certificate")

    revoked: list[x509.RevokedCertificate] = []
    seen: set[int] = set()
    for entry in entries:
        if entry.serial in seen:
            raise ValueError(f"Serial {entry.serial:x} is listed more than once.")
        seen.add(entry.serial)
        revoked.append(_revoked_certificate(entry))

    extensions: list[tuple[x509.ExtensionType, bool]] = [
        (authority_key_identifier(issuer_key, issuer_certificate), False),
        (x509.CRLNumber(crl_number), False),
    ]
    if issuing_distribution_point is not None:
        extensions.append(
            (
                x509.IssuingDistributionPoint(
                    full_name=[x509.UniformResourceIdentifier(issuing_distribution_point)],
                    relative_name=None,
                    only_contains_user_certs=False,
                    only_contains_ca_certs=False,
                    only_some_reasons=None,
                    indirect_crl=False,
                    only_contains_attribute_certs=False,
                ),
                True,
            )
        )

    # Entries go to the constructor (the fluent setters below carry them along and still
    # validate the dates): add_revoked_certificate copies the whole list on every call, which
    # is quadratic (0.1 s more at 10,000 entries, over 10 s at 100,000).
    builder = (
        x509.CertificateRevocationListBuilder(revoked_certificates=revoked)
        .issuer_name(issuer_certificate.subject)
        .last_update(for_cryptography(this_update))
        .next_update(for_cryptography(next_update))
    )
    for extension, critical in extensions:
        builder = builder.add_extension(extension, critical=critical)
    crl = builder.sign(signer(issuer_key), digest)
    return crl.public_bytes(serialization.Encoding.DER)
