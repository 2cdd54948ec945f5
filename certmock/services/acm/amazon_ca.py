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


@dataclass(frozen=True)
class IssuingCa:
    certificate: x509.Certificate
    key: PrivateKey
    chain_pem: str
    """Intermediate then root, PEM: what GetCertificate returns as CertificateChain."""
    signing_algorithm: str


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "US"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Amazon"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _make(world: World, family: _Family, now: _dt.datetime) -> IssuingCa:
    # Wide validity around the first use, so no issued certificate outlives its issuer
    # however far a test moves the clock.
    start = now - _dt.timedelta(days=365)
    root_key = world.keys.private_key(family.key_algorithm)
    root = certs.sign_certificate(
        csr=build_csr(root_key, _name(family.root_name), family.signing_algorithm),
        issuer_key=root_key,
        issuer_certificate=None,
        signing_algorithm=family.signing_algorithm,
        serial=certs.new_serial(world.ids.randbits),
        not_before=start,
        not_after=now + _dt.timedelta(days=365 * 25),
        extensions=certs.root_ca_extensions(None),
    )
    key = world.keys.private_key(family.key_algorithm)
    intermediate = certs.sign_certificate(
        csr=build_csr(key, _name(family.intermediate_name), family.signing_algorithm),
        issuer_key=root_key,
        issuer_certificate=root,
        signing_algorithm=family.signing_algorithm,
        serial=certs.new_serial(world.ids.randbits),
        not_before=start,
        not_after=now + _dt.timedelta(days=365 * 20),
        extensions=certs.root_ca_extensions(0),
    )
    return IssuingCa(
        intermediate, key, certs.pem(intermediate) + certs.pem(root), family.signing_algorithm
    )


# Keyed by the world's key source, which a reset replaces: a reset world gets new CAs, so no
# key ever serves twice in one world.
_ISSUERS: weakref.WeakKeyDictionary[KeySource, dict[str, IssuingCa]] = weakref.WeakKeyDictionary()


def issuing_ca(world: World, key_algorithm: str, now: _dt.datetime) -> IssuingCa:
    """The world's stand-in Amazon CA for certificates with ``key_algorithm`` keys."""
    made = _ISSUERS.setdefault(world.keys, {})
    found = made.get(key_algorithm)
    if found is None:
        found = made[key_algorithm] = _make(world, _FAMILIES[key_algorithm], now)
    return found


def public_extensions(key_algorithm: str, names: list[str]) -> certs.Extensions:
    """Extensions of a public ACM certificate: a TLS server (and client) certificate for
    ``names``, domain validated. Key encipherment only for RSA keys (RFC 5480)."""
    flags = {"DigitalSignature": True, "KeyEncipherment": key_algorithm.startswith("RSA")}
    return [
        (x509.BasicConstraints(ca=False, path_length=None), True),
        (key_usage(flags), True),
        (
            x509.ExtendedKeyUsage(
                [ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]
            ),
            False,
        ),
        (x509.SubjectAlternativeName([x509.DNSName(name) for name in names]), False),
        (
            x509.CertificatePolicies([x509.PolicyInformation(_DOMAIN_VALIDATED, None)]),
            False,
        ),
    ]
