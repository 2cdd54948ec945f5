"""Making the key pair and X.509 certificate of a certificate ACM issues itself: the CSR for a
new key (public or private, the CA's side being ``private``), and public issuance by the
world's stand-in Amazon CA."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from certmock.pki import certs
from certmock.pki.csr import build_csr
from certmock.pki.keys import PrivateKey
from certmock.services.acm import amazon_ca, n2
from certmock.world import World

# RFC 5280's upper bound for a common name; longer domain names go in the SAN only
# (RequestCertificate documentation).
MAX_COMMON_NAME = 64

# ACM public certificates were valid 395 days; from 2026-02-18 ACM issues 198-day ones to meet
# the CA/Browser Forum's 200-day limit (AWS announcement of that day).
SHORTER_VALIDITY_FROM = _dt.datetime(2026, 2, 18, tzinfo=_dt.timezone.utc)
LONG_VALIDITY = _dt.timedelta(days=395)
SHORT_VALIDITY = _dt.timedelta(days=198)


@dataclass(frozen=True)
class Issued:
    certificate: x509.Certificate
    key: PrivateKey
    chain_pem: str


def subject_for(domain_name: str) -> x509.Name:
    """``CN=<domain name>``, or an empty subject when the name is too long for a CN."""
    if len(domain_name.encode()) > MAX_COMMON_NAME:
        return x509.Name([])
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, domain_name)])


def certificate_request(
    key: PrivateKey, domain_name: str, names: list[str]
) -> x509.CertificateSigningRequest:
    """The CSR ACM makes for a new key: the domain name as CN, every name as a DNS SAN."""
    signing = "SHA256WITHRSA" if isinstance(key, rsa.RSAPrivateKey) else "SHA256WITHECDSA"
    san = x509.SubjectAlternativeName([x509.DNSName(name) for name in names])
    return build_csr(key, subject_for(domain_name), signing, [(san, False)])


def public_validity(
    issued_at: _dt.datetime, hierarchy: str | None = None
) -> tuple[_dt.datetime, _dt.datetime]:
    """NotBefore at midnight UTC of the day of issue (AWS CLI example); NotAfter one second
    before the validity period runs out, so the certificate lasts exactly 395 (198) days
    (inferred from real certificates ending at 23:59:59); an N2 ``hierarchy``'s own period."""
    not_before = issued_at.replace(hour=0, minute=0, second=0, microsecond=0)
    if hierarchy is not None:
        period = n2.VALIDITY[hierarchy]
    else:
        period = LONG_VALIDITY if issued_at < SHORTER_VALIDITY_FROM else SHORT_VALIDITY
    return not_before, not_before + period - _dt.timedelta(seconds=1)


def issue_public(
    world: World,
    key_algorithm: str,
    domain_name: str,
    names: list[str],
    at: _dt.datetime,
    *,
    hierarchy: str | None = None,
    certificate_usage: str | None = None,
) -> Issued:
    """A new key and a certificate for it signed by the world's stand-in Amazon CA (of an
    Amazon N2 ``hierarchy``, with its ``certificate_usage``, for an N2 certificate)."""
    key = world.keys.private_key(key_algorithm)
    issuer = amazon_ca.issuing_ca(world, key_algorithm, at, hierarchy)
    not_before, not_after = public_validity(at, hierarchy)
    certificate = certs.sign_certificate(
        csr=certificate_request(key, domain_name, names),
        issuer_key=issuer.key,
        issuer_certificate=issuer.certificate,
        signing_algorithm=issuer.signing_algorithm,
        serial=certs.new_serial(world.ids.randbits),
        not_before=not_before,
        not_after=not_after,
        extensions=amazon_ca.public_extensions(key_algorithm, names, certificate_usage),
    )
    return Issued(certificate, key, issuer.chain_pem)
