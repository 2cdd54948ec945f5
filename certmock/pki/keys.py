"""Private keys and the ACM-PCA names for key and signing algorithms.

ML-DSA (ML_DSA_44/65/87, signing algorithm of the same name) is supported where the installed
cryptography can put ML-DSA in X.509 (cryptography 50 and later; 47-49 can make the keys but
not sign a CSR or certificate with them, and 47.0.0's Linux wheel cannot even make them; before
47 there is no ML-DSA at all). SM2/SM3 are absent from cryptography altogether.
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, cast

from cryptography import exceptions, x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.types import (
    CertificateIssuerPrivateKeyTypes,
    CertificateIssuerPublicKeyTypes,
    CertificatePublicKeyTypes,
    PublicKeyTypes,
)
from cryptography.x509.oid import NameOID

from certmock.pki.datetimes import for_cryptography

if TYPE_CHECKING:
    # Type checking runs against a cryptography that has ML-DSA (47 and later).
    from cryptography.hazmat.primitives.asymmetric import mldsa

    MlDsaPrivateKey = mldsa.MLDSA44PrivateKey | mldsa.MLDSA65PrivateKey | mldsa.MLDSA87PrivateKey
    PrivateKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey | MlDsaPrivateKey
else:
    try:
        from cryptography.hazmat.primitives.asymmetric import mldsa
    except ImportError:  # cryptography before 47
        mldsa = None
    MlDsaPrivateKey = Any
    PrivateKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey | Any

# Key sizes AWS lets a CA have; other sizes are rejected rather than rounded.
RSA_SIZES: Mapping[str, int] = MappingProxyType(
    {"RSA_2048": 2048, "RSA_3072": 3072, "RSA_4096": 4096}
)
EC_CURVES: Mapping[str, ec.EllipticCurve] = MappingProxyType(
    {
        "EC_prime256v1": ec.SECP256R1(),
        "EC_secp384r1": ec.SECP384R1(),
        "EC_secp521r1": ec.SECP521R1(),
    }
)
_ML_DSA_NAMES = ("ML_DSA_44", "ML_DSA_65", "ML_DSA_87")
_ML_DSA: dict[str, type[MlDsaPrivateKey]] = (
    {}
    if mldsa is None
    else {
        "ML_DSA_44": mldsa.MLDSA44PrivateKey,
        "ML_DSA_65": mldsa.MLDSA65PrivateKey,
        "ML_DSA_87": mldsa.MLDSA87PrivateKey,
    }
)
_ML_DSA_PUBLIC: dict[type[Any], str] = (
    {}
    if mldsa is None
    else {
        mldsa.MLDSA44PublicKey: "ML_DSA_44",
        mldsa.MLDSA65PublicKey: "ML_DSA_65",
        mldsa.MLDSA87PublicKey: "ML_DSA_87",
    }
)


def ml_dsa_name_of(public_key: object) -> str | None:
    """``ML_DSA_44``/``65``/``87`` for an ML-DSA public key, None for any other key."""
    for public_type, name in _ML_DSA_PUBLIC.items():
        if isinstance(public_key, public_type):
            return name
    return None


def signer(key: PrivateKey) -> CertificateIssuerPrivateKeyTypes:
    """``key`` as cryptography's X.509 builders type their signing key. Before cryptography 50
    that type leaves out ML-DSA, which such a version is never asked to sign with."""
    return cast(CertificateIssuerPrivateKeyTypes, key)


def issuer_public_key(key: PrivateKey) -> CertificateIssuerPublicKeyTypes:
    """The public half of ``key``, typed for ``AuthorityKeyIdentifier.from_issuer_public_key``."""
    return cast(CertificateIssuerPublicKeyTypes, key.public_key())


@functools.cache
def ml_dsa_in_x509() -> bool:
    """Whether the installed cryptography can sign X.509 with ML-DSA (probed once: signing a
    tiny certificate takes well under a millisecond)."""
    if mldsa is None:
        return False
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "probe")])
    moment = for_cryptography(_dt.datetime(2000, 1, 1, tzinfo=_dt.timezone.utc))
    try:
        # cryptography 47.0.0's Linux wheel has the API over an OpenSSL without ML-DSA.
        key = mldsa.MLDSA44PrivateKey.generate()
        (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(cast(CertificatePublicKeyTypes, key.public_key()))
            .serial_number(1)
            .not_valid_before(moment)
            .not_valid_after(moment)
            .sign(signer(key), None)
        )
    except (TypeError, ValueError, exceptions.UnsupportedAlgorithm):
        return False
    return True


def _supported() -> tuple[str, ...]:
    return (*RSA_SIZES, *EC_CURVES, *(_ML_DSA if ml_dsa_in_x509() else ()))


_RSA_SIGNING = ("SHA256WITHRSA", "SHA384WITHRSA", "SHA512WITHRSA")
_EC_SIGNING = ("SHA256WITHECDSA", "SHA384WITHECDSA", "SHA512WITHECDSA")
# The digests cryptography's X.509 builders accept, narrowed to what ACM-PCA names use.
SigningHash = hashes.SHA256 | hashes.SHA384 | hashes.SHA512

_HASHES: dict[str, Callable[[], SigningHash]] = {
    "SHA256WITHRSA": hashes.SHA256,
    "SHA384WITHRSA": hashes.SHA384,
    "SHA512WITHRSA": hashes.SHA512,
    "SHA256WITHECDSA": hashes.SHA256,
    "SHA384WITHECDSA": hashes.SHA384,
    "SHA512WITHECDSA": hashes.SHA512,
}

# Names that exist in the ACM-PCA model but that certmock cannot emulate, with the reason.
_NOT_EMULATED = {
    "SM2": "cryptography has no SM2 support",
    "SM3WITHSM2": "cryptography has no SM2/SM3 support",
    # Only when the installed cryptography cannot sign X.509 with ML-DSA (before 50).
    **{
        name: "the installed cryptography cannot sign X.509 with ML-DSA; cryptography 50 can"
        for name in _ML_DSA_NAMES
    },
}


class UnsupportedAlgorithm(ValueError):
    """A key or signing algorithm that certmock cannot emulate (or that does not exist)."""


class AlgorithmMismatch(ValueError):
    """A signing algorithm from another family than the signing key (e.g. ECDSA with RSA)."""


def supported_key_algorithms() -> tuple[str, ...]:
    """ACM-PCA ``KeyAlgorithm`` values that :func:`generate_private_key` accepts."""
    return _supported()


def _unsupported(kind: str, name: str, supported: tuple[str, ...]) -> UnsupportedAlgorithm:
    reason = _NOT_EMULATED.get(name)
    why = f" ({reason})" if reason else ""
    return UnsupportedAlgorithm(
        f"{kind} {name!r} is not supported by certmock{why}. Supported: {', '.join(supported)}."
    )


def generate_private_key(key_algorithm: str) -> PrivateKey:
    """A fresh private key for an ACM-PCA ``KeyAlgorithm`` name such as ``EC_prime256v1``."""
    if key_algorithm in RSA_SIZES:
        return rsa.generate_private_key(public_exponent=65537, key_size=RSA_SIZES[key_algorithm])
    if key_algorithm in EC_CURVES:
        return ec.generate_private_key(EC_CURVES[key_algorithm])
    if key_algorithm in _ML_DSA and ml_dsa_in_x509():
        return _ML_DSA[key_algorithm].generate()
    raise _unsupported("Key algorithm", key_algorithm, _supported())


def ml_dsa_from_seed(key_algorithm: str, seed: bytes) -> MlDsaPrivateKey:
    """The ML-DSA key a 32-byte seed determines (FIPS 204 key generation is deterministic)."""
    if key_algorithm not in _ML_DSA or not ml_dsa_in_x509():
        raise _unsupported("Key algorithm", key_algorithm, _supported())
    return _ML_DSA[key_algorithm].from_seed_bytes(seed)


def key_algorithm_of(public_key: PublicKeyTypes) -> str:
    """The ACM-PCA ``KeyAlgorithm`` name of a public key (e.g. from an imported certificate)."""
    if isinstance(public_key, rsa.RSAPublicKey):
        for name, size in RSA_SIZES.items():
            if public_key.key_size == size:
                return name
        raise UnsupportedAlgorithm(
            f"RSA keys of {public_key.key_size} bits are not supported;"
            f" ACM-PCA uses {', '.join(str(size) for size in RSA_SIZES.values())} bits."
        )
    if isinstance(public_key, ec.EllipticCurvePublicKey):
        for name, curve in EC_CURVES.items():
            if public_key.curve.name == curve.name:
                return name
        raise UnsupportedAlgorithm(
            f"EC curve {public_key.curve.name} is not supported;"
            f" ACM-PCA uses {', '.join(curve.name for curve in EC_CURVES.values())}."
        )
    ml_dsa = ml_dsa_name_of(public_key)
    if ml_dsa is not None:
        return ml_dsa
    raise UnsupportedAlgorithm(
        f"{type(public_key).__name__} is not an ACM-PCA key type;"
        f" supported: {', '.join(_supported())}."
    )


def paired_signing_algorithms(key_algorithm: str) -> tuple[str, ...]:
    """The ``SigningAlgorithm`` names ACM-PCA pairs with a ``KeyAlgorithm`` name, whether or not
    certmock can make such a key (SM2, ML-DSA); empty for an unknown name."""
    if key_algorithm.startswith("ML_DSA_"):
        return (key_algorithm,)
    if key_algorithm == "SM2":
        return ("SM3WITHSM2",)
    if key_algorithm.startswith("RSA_"):
        return _RSA_SIGNING
    if key_algorithm.startswith("EC_"):
        return _EC_SIGNING
    return ()


def signing_mismatch(key_algorithm: str, signing_algorithm: str) -> str | None:
    """AWS's InvalidArgsException text when the two do not pair, else None."""
    allowed = paired_signing_algorithms(key_algorithm)
    if signing_algorithm in allowed:
        return None
    return (
        f"Signing algorithm {signing_algorithm} cannot be used with key type"
        f" {key_algorithm}. Valid signing algorithms are: {', '.join(allowed)}."
    )


def hash_for(signing_algorithm: str) -> hashes.HashAlgorithm | None:
    """The digest behind an ACM-PCA ``SigningAlgorithm`` name; None for ML-DSA, a pure
    signature scheme that hashes internally."""
    if signing_algorithm in _ML_DSA and ml_dsa_in_x509():
        return None
    factory = _HASHES.get(signing_algorithm)
    if factory is None:
        names = (*_HASHES, *(_ML_DSA if ml_dsa_in_x509() else ()))
        raise _unsupported("Signing algorithm", signing_algorithm, names)
    return factory()


def check_signing_algorithm(key: PrivateKey, signing_algorithm: str) -> SigningHash | None:
    """The digest to sign with, after checking that the algorithm fits the key's family.

    Without this check cryptography would happily sign ECDSA for ``SHA256WITHRSA`` and the
    certificate would not say what the caller asked for.
    """
    hash_for(signing_algorithm)  # unknown or unsupported names fail here, with their reason
    mismatch = signing_mismatch(key_algorithm_of(key.public_key()), signing_algorithm)
    if mismatch is not None:
        raise AlgorithmMismatch(mismatch)
    factory = _HASHES.get(signing_algorithm)
    return None if factory is None else factory()


def _spki(public_key: PublicKeyTypes) -> bytes:
    return public_key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def same_public_key(a: PublicKeyTypes, b: PublicKeyTypes) -> bool:
    """Whether two public keys are the same key, compared as SubjectPublicKeyInfo DER (key
    objects of different backends or types do not compare equal with ``==``)."""
    return _spki(a) == _spki(b)
