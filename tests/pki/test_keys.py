from __future__ import annotations

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

from certmock.pki.keys import (
    AlgorithmMismatch,
    UnsupportedAlgorithm,
    check_signing_algorithm,
    generate_private_key,
    hash_for,
    key_algorithm_of,
    ml_dsa_in_x509,
    paired_signing_algorithms,
    same_public_key,
    supported_key_algorithms,
)

ML_DSA = ("ML_DSA_44", "ML_DSA_65", "ML_DSA_87")
CLASSIC = (
    "RSA_2048",
    "RSA_3072",
    "RSA_4096",
    "EC_prime256v1",
    "EC_secp384r1",
    "EC_secp521r1",
)
needs_ml_dsa = pytest.mark.skipif(
    not ml_dsa_in_x509(), reason="the installed cryptography cannot sign X.509 with ML-DSA"
)
without_ml_dsa = pytest.mark.skipif(
    ml_dsa_in_x509(), reason="the installed cryptography signs X.509 with ML-DSA"
)


def test_supported_key_algorithms() -> None:
    assert supported_key_algorithms() == (CLASSIC + ML_DSA if ml_dsa_in_x509() else CLASSIC)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("SM2", "no SM2 support"),
        pytest.param("ML_DSA_44", "cryptography 50 can", marks=without_ml_dsa),
        pytest.param("ML_DSA_65", "cryptography 50 can", marks=without_ml_dsa),
        pytest.param("ML_DSA_87", "cryptography 50 can", marks=without_ml_dsa),
        ("RSA_1024", ""),
        ("", ""),
    ],
)
def test_generate_unsupported(name: str, reason: str) -> None:
    with pytest.raises(UnsupportedAlgorithm) as caught:
        generate_private_key(name)
    message = str(caught.value)
    assert repr(name) in message
    assert reason in message
    assert ", ".join(supported_key_algorithms()) in message


@needs_ml_dsa
@pytest.mark.parametrize("name", ML_DSA)
def test_ml_dsa_keys(name: str) -> None:
    key = generate_private_key(name)
    assert key_algorithm_of(key.public_key()) == name
    assert paired_signing_algorithms(name) == (name,)
    assert hash_for(name) is None
    assert check_signing_algorithm(key, name) is None
    with pytest.raises(AlgorithmMismatch, match=f"Valid signing algorithms are: {name}."):
        check_signing_algorithm(key, "SHA256WITHRSA")


def test_key_algorithm_of_rejects_other_keys() -> None:
    with pytest.raises(UnsupportedAlgorithm, match="1024 bits"):
        key_algorithm_of(rsa.generate_private_key(65537, 1024).public_key())
    with pytest.raises(UnsupportedAlgorithm, match="secp256k1"):
        key_algorithm_of(ec.generate_private_key(ec.SECP256K1()).public_key())
    with pytest.raises(UnsupportedAlgorithm, match="Ed25519PublicKey"):
        key_algorithm_of(ed25519.Ed25519PrivateKey.generate().public_key())


@pytest.mark.parametrize(
    ("name", "digest"),
    [
        ("SHA256WITHRSA", hashes.SHA256),
        ("SHA384WITHRSA", hashes.SHA384),
        ("SHA512WITHRSA", hashes.SHA512),
        ("SHA256WITHECDSA", hashes.SHA256),
        ("SHA384WITHECDSA", hashes.SHA384),
        ("SHA512WITHECDSA", hashes.SHA512),
    ],
)
def test_hash_for(name: str, digest: type[hashes.HashAlgorithm]) -> None:
    assert isinstance(hash_for(name), digest)


@pytest.mark.parametrize(
    "name", ["SM3WITHSM2", "MD5", *(pytest.param(n, marks=without_ml_dsa) for n in ML_DSA)]
)
def test_hash_for_unsupported(name: str) -> None:
    with pytest.raises(UnsupportedAlgorithm, match=name):
        hash_for(name)


def test_paired_signing_algorithms() -> None:
    assert paired_signing_algorithms("RSA_3072") == (
        "SHA256WITHRSA",
        "SHA384WITHRSA",
        "SHA512WITHRSA",
    )
    assert paired_signing_algorithms("EC_secp521r1") == (
        "SHA256WITHECDSA",
        "SHA384WITHECDSA",
        "SHA512WITHECDSA",
    )
    # Named also for keys certmock cannot make, so the mismatch message can list them.
    assert paired_signing_algorithms("SM2") == ("SM3WITHSM2",)
    assert paired_signing_algorithms("NOT_A_KEY") == ()


def test_check_signing_algorithm() -> None:
    key = generate_private_key("EC_secp384r1")
    assert isinstance(check_signing_algorithm(key, "SHA384WITHECDSA"), hashes.SHA384)
    with pytest.raises(AlgorithmMismatch) as caught:
        check_signing_algorithm(key, "SHA256WITHRSA")
    # Same shape as the real AWS InvalidArgsException text.
    assert str(caught.value) == (
        "Signing algorithm SHA256WITHRSA cannot be used with key type EC_secp384r1. Valid"
        " signing algorithms are: SHA256WITHECDSA, SHA384WITHECDSA, SHA512WITHECDSA."
    )


def test_same_public_key() -> None:
    key = generate_private_key("EC_prime256v1")
    reloaded = serialization.load_pem_public_key(
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    assert same_public_key(key.public_key(), reloaded)
    assert not same_public_key(key.public_key(), generate_private_key("EC_prime256v1").public_key())
    assert not same_public_key(key.public_key(), generate_private_key("RSA_2048").public_key())
