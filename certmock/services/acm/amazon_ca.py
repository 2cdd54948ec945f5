"""The test stand-in for Amazon's public CAs, which sign the certificates RequestCertificate
issues without a private CA.

Each world gets its own hierarchy, made on first use from the world's key source: a root and an
intermediate per key family, named as Amazon names its own (``Amazon Root CA 1`` over
``Amazon RSA 2048 M02``; ``Amazon Root CA 3`` over ``Amazon ECDSA 256 M02`` and ``Amazon Root
CA 4`` over ``Amazon ECDSA 384 M02``). They are NOT Amazon's certificates: nothing outside the
test trusts them, and their keys are test keys. GetCertificate returns the intermediate and the
root as the chain, so code under test can verify what it is given.
"""

from __future__ import annotations

import datetime as _dt
import weakref
from dataclasses import dataclass

from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier

from certmock.pki import certs
from certmock.pki.csr import build_csr, key_usage
from certmock.pki.keys import PrivateKey
from certmock.pki.keysource import KeySource
from certmock.services.acm import n2
from certmock.world import World

# The CA/Browser Forum baseline requirements' OID for domain-validated certificates.
_DOMAIN_VALIDATED = ObjectIdentifier("2.23.140.1.2.1")


@dataclass(frozen=True)
class _Family:
    root_name: str
    intermediate_name: str
    key_algorithm: str
    signing_algorithm: str


_FAMILIES = {
    "RSA_2048": _Family("Amazon Root CA 1", "Amazon RSA 2048 M02", "RSA_2048", "SHA256WITHRSA"),
    "EC_prime256v1": _Family(
        "Amazon Root CA 3", "Amazon ECDSA 256 M02", "EC_prime256v1", "SHA256WITHECDSA"
    ),
    "EC_secp384r1": _Family(
        "Amazon Root CA 4", "Amazon ECDSA 384 M02", "EC_secp384r1", "SHA384WITHECDSA"
    ),
}
PUBLIC_KEY_ALGORITHMS = tuple(_FAMILIES)
"""The key algorithms of public certificates (ACM user guide: RSA 2048, ECDSA P-256, P-384)."""

# Amazon N2 hierarchies: AWS has not published their names; these are certmock's.
_N2_FAMILIES = {
    "RSA_2048": _Family("Amazon N2 Root 1", "Amazon N2 RSA 2048", "RSA_2048", "SHA256WITHRSA"),
    "EC_prime256v1": _Family(
        "Amazon N2 Root 3", "Amazon N2 ECDSA 256", "EC_prime256v1", "SHA256WITHECDSA"
    ),
    "EC_secp384r1": _Family(
        "Amazon N2 Root 4", "Amazon N2 ECDSA 384", "EC_secp384r1", "SHA384WITHECDSA"
    ),
}
# The real Starfield G2 root's name; an RSA 2048 key, as the real one's.
_STARFIELD_G2 = _Family(
    "Starfield Services Root Certificate Authority - G2", "", "RSA_2048", "SHA256WITHRSA"
)


@dataclass(frozen=True)
class IssuingCa:
    certificate: x509.Certificate
    key: PrivateKey
    chain_pem: str
    """Intermediate up to the root, PEM: what GetCertificate returns as CertificateChain."""
    signing_algorithm: str


@dataclass(frozen=True)
class _Authority:
    certificate: x509.Certificate
    key: PrivateKey
    signing_algorithm: str


def _name(common_name: str, organization: str = "Amazon") -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "US"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _sign(
    world: World,
    key: PrivateKey,
    name: x509.Name,
    issuer: _Authority | None,
    family: _Family,
    now: _dt.datetime,
    path_length: int | None,
) -> x509.Certificate:
    """A CA certificate for ``subject``'s key, signed by ``issuer`` (self-signed without one).
    Wide validity around the first use, so no issued certificate outlives its issuer however
    far a test moves the clock."""
    return certs.sign_certificate(
        csr=build_csr(key, name, family.signing_algorithm),
        issuer_key=key if issuer is None else issuer.key,
        issuer_certificate=None if issuer is None else issuer.certificate,
        signing_algorithm=family.signing_algorithm if issuer is None else issuer.signing_algorithm,
        serial=certs.new_serial(world.ids.randbits),
        not_before=now - _dt.timedelta(days=365),
        not_after=now + _dt.timedelta(days=365 * (25 if path_length is None else 20)),
        extensions=certs.root_ca_extensions(path_length),
    )


def _root(world: World, family: _Family, now: _dt.datetime, organization: str) -> _Authority:
    key = world.keys.private_key(family.key_algorithm)
    name = _name(family.root_name, organization)
    certificate = _sign(world, key, name, None, family, now, None)
    return _Authority(certificate, key, family.signing_algorithm)


def _make(world: World, family: _Family, now: _dt.datetime) -> tuple[_Authority, IssuingCa]:
    """A root and the intermediate it signs: the root, and the intermediate as the issuer of
    leaf certificates with the chain intermediate then root."""
    root = _root(world, family, now, "Amazon")
    key = world.keys.private_key(family.key_algorithm)
    intermediate = _sign(world, key, _name(family.intermediate_name), root, family, now, 0)
    chain = certs.pem(intermediate) + certs.pem(root.certificate)
    return root, IssuingCa(intermediate, key, chain, family.signing_algorithm)


def _cross_signed(
    world: World, root: _Authority, issuing: IssuingCa, now: _dt.datetime
) -> IssuingCa:
    """The N2 hierarchy as N2_SFG2_AMAZON_MANAGED issues from it: the same intermediate, its
    chain going on through the N2 root cross-signed by Starfield G2 to Starfield G2's root."""
    starfield = _root(world, _STARFIELD_G2, now, "Starfield Technologies, Inc.")
    cross = certs.sign_certificate(
        csr=build_csr(root.key, root.certificate.subject, root.signing_algorithm),
        issuer_key=starfield.key,
        issuer_certificate=starfield.certificate,
        signing_algorithm=_STARFIELD_G2.signing_algorithm,
        serial=certs.new_serial(world.ids.randbits),
        not_before=now - _dt.timedelta(days=365),
        not_after=now + _dt.timedelta(days=365 * 24),
        extensions=certs.root_ca_extensions(None),
    )
    chain = certs.pem(issuing.certificate) + certs.pem(cross) + certs.pem(starfield.certificate)
    return IssuingCa(issuing.certificate, issuing.key, chain, issuing.signing_algorithm)


# Keyed by the world's key source, which a reset replaces: a reset world gets new CAs, so no
# key ever serves twice in one world.
_ISSUERS: weakref.WeakKeyDictionary[
    KeySource, dict[tuple[str | None, str], tuple[_Authority, IssuingCa]]
] = weakref.WeakKeyDictionary()


def issuing_ca(
    world: World, key_algorithm: str, now: _dt.datetime, hierarchy: str | None = None
) -> IssuingCa:
    """The world's stand-in Amazon CA for certificates with ``key_algorithm`` keys, of the
    standard public hierarchy or of an Amazon N2 ``hierarchy`` (a RootHierarchyType)."""
    made = _ISSUERS.setdefault(world.keys, {})
    wanted = (hierarchy, key_algorithm)
    if wanted not in made:
        if hierarchy is None:
            made[wanted] = _make(world, _FAMILIES[key_algorithm], now)
        elif hierarchy == n2.N2_AMAZON_MANAGED:
            made[wanted] = _make(world, _N2_FAMILIES[key_algorithm], now)
        else:
            own = issuing_ca(world, key_algorithm, now, n2.N2_AMAZON_MANAGED)
            root = made[(n2.N2_AMAZON_MANAGED, key_algorithm)][0]
            made[wanted] = (root, _cross_signed(world, root, own, now))
    return made[wanted][1]


def public_extensions(
    key_algorithm: str, names: list[str], certificate_usage: str | None = None
) -> certs.Extensions:
    """Extensions of a public ACM certificate: a TLS server and client certificate for
    ``names`` (an N2 one's extended key usages follow its ``certificate_usage``), domain
    validated. Key encipherment only for RSA keys (RFC 5480)."""
    flags = {"DigitalSignature": True, "KeyEncipherment": key_algorithm.startswith("RSA")}
    usages = (
        (ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH)
        if certificate_usage is None
        else n2.extended_key_usages(certificate_usage)
    )
    return [
        (x509.BasicConstraints(ca=False, path_length=None), True),
        (key_usage(flags), True),
        (x509.ExtendedKeyUsage(list(usages)), False),
        (x509.SubjectAlternativeName([x509.DNSName(name) for name in names]), False),
        (
            x509.CertificatePolicies([x509.PolicyInformation(_DOMAIN_VALIDATED, None)]),
            False,
        ),
    ]
