"""The world's key source: fast, unique within a world, reproducible with a seed."""

from __future__ import annotations

import statistics
import time
from typing import Any

import boto3
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from certmock import mock_acmpca
from certmock.pki.keys import UnsupportedAlgorithm, key_algorithm_of
from certmock.pki.keysource import KeySource, pool_size

ALGORITHMS = ["RSA_2048", "RSA_3072", "RSA_4096", "EC_prime256v1", "EC_secp384r1", "EC_secp521r1"]


def fingerprint(key: Any) -> bytes:
    der: bytes = key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return der


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_keys_are_of_the_algorithm_asked_for(algorithm: str) -> None:
    assert key_algorithm_of(KeySource().private_key(algorithm).public_key()) == algorithm


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_the_same_seed_gives_the_same_keys(algorithm: str) -> None:
    first, second = KeySource(seed=5), KeySource(seed=5)
    assert [fingerprint(first.private_key(algorithm)) for _ in range(3)] == [
        fingerprint(second.private_key(algorithm)) for _ in range(3)
    ]


@pytest.mark.parametrize("algorithm", ["RSA_2048", "EC_prime256v1"])
def test_different_seeds_give_different_keys(algorithm: str) -> None:
    assert fingerprint(KeySource(seed=1).private_key(algorithm)) != fingerprint(
        KeySource(seed=2).private_key(algorithm)
    )


def test_a_source_never_hands_out_the_same_key_twice_even_past_its_pool() -> None:
    source = KeySource(seed=9)
    drawn = [fingerprint(source.private_key("RSA_2048")) for _ in range(pool_size("RSA_2048") + 2)]
    assert len(set(drawn)) == len(drawn)


def test_an_algorithm_certmock_cannot_make_is_refused() -> None:
    with pytest.raises(UnsupportedAlgorithm, match="SM2"):
        KeySource().private_key("SM2")


def test_the_first_50_rsa_4096_keys_cost_well_under_10_ms_each() -> None:
    source = KeySource()
    timings = []
    for _ in range(50):
        start = time.perf_counter()
        source.private_key("RSA_4096")
        timings.append(time.perf_counter() - start)
    assert statistics.median(timings) < 0.010


def test_a_seeded_mock_gives_each_ca_the_same_key_in_every_run() -> None:
    def csr_keys() -> list[bytes]:
        with mock_acmpca(seed=11):
            pca = boto3.client("acm-pca", region_name="eu-west-1")
            keys = []
            for algorithm, signing in (
                ("RSA_4096", "SHA256WITHRSA"),
                ("EC_secp384r1", "SHA384WITHECDSA"),
            ):
                arn = pca.create_certificate_authority(
                    CertificateAuthorityConfiguration={
                        "KeyAlgorithm": algorithm,
                        "SigningAlgorithm": signing,
                        "Subject": {"CommonName": "seeded"},
                    },
                    CertificateAuthorityType="ROOT",
                )["CertificateAuthorityArn"]
                pem = pca.get_certificate_authority_csr(CertificateAuthorityArn=arn)["Csr"]
                keys.append(fingerprint(x509.load_pem_x509_csr(pem.encode())))
            return keys

    assert csr_keys() == csr_keys()
