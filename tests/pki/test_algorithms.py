"""Every supported key algorithm end to end: key, CSR, self-signed root."""

from __future__ import annotations

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from certmock.pki.ca_import import check_ca_certificate
from certmock.pki.certs import root_ca_extensions, sign_certificate
from certmock.pki.csr import build_ca_csr, load_csr
from certmock.pki.keys import (
    PrivateKey,
    generate_private_key,
    hash_for,
    key_algorithm_of,
    same_public_key,
    supported_key_algorithms,
)
from certmock.pki.signatures import is_self_signed, verifies
from tests.pki.conftest import END, START

# A different digest per key, so every SigningAlgorithm gets exercised somewhere.
SIGNING = {
    "RSA_2048": "SHA256WITHRSA",
    "RSA_3072": "SHA384WITHRSA",
    "RSA_4096": "SHA512WITHRSA",
    "EC_prime256v1": "SHA256WITHECDSA",
    "EC_secp384r1": "SHA384WITHECDSA",
    "EC_secp521r1": "SHA512WITHECDSA",
    # Where the installed cryptography signs X.509 with ML-DSA (50 and later).
    "ML_DSA_44": "ML_DSA_44",
    "ML_DSA_65": "ML_DSA_65",
    "ML_DSA_87": "ML_DSA_87",
}
SUBJECT = {"Country": "DE", "Organization": "certmock", "CommonName": "algorithm root"}


def test_signing_table_covers_every_supported_algorithm() -> None:
    assert set(supported_key_algorithms()) <= set(SIGNING)


# Module scope: the slow RSA_3072/RSA_4096 keys are generated once for all tests below.
@pytest.fixture(scope="module", params=supported_key_algorithms())
def generated(request: pytest.FixtureRequest) -> tuple[str, PrivateKey]:
    algorithm: str = request.param
    return algorithm, generate_private_key(algorithm)


def test_generate_and_name_round_trip(generated: tuple[str, PrivateKey]) -> None:
    algorithm, key = generated
    if algorithm.startswith("RSA_"):
        assert isinstance(key, rsa.RSAPrivateKey)
        assert key.key_size == int(algorithm.removeprefix("RSA_"))
        assert key.public_key().public_numbers().e == 65537
    elif algorithm.startswith("EC_"):
        assert isinstance(key, ec.EllipticCurvePrivateKey)
    else:
        assert type(key).__name__ == f"MLDSA{algorithm.removeprefix('ML_DSA_')}PrivateKey"
    assert key_algorithm_of(key.public_key()) == algorithm


def test_csr_builds_and_verifies(generated: tuple[str, PrivateKey]) -> None:
    algorithm, key = generated
    csr = load_csr(build_ca_csr(key, SUBJECT, SIGNING[algorithm]))
    assert csr.is_signature_valid
    assert same_public_key(csr.public_key(), key.public_key())
    assert csr.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)[0].value == "algorithm root"
    digest = hash_for(SIGNING[algorithm])
    if digest is None:  # ML-DSA signs the message itself
        assert csr.signature_hash_algorithm is None
    else:
        assert isinstance(csr.signature_hash_algorithm, type(digest))


def test_self_signed_root(generated: tuple[str, PrivateKey]) -> None:
    algorithm, key = generated
    csr = load_csr(build_ca_csr(key, SUBJECT, SIGNING[algorithm]))
    root = sign_certificate(
        csr=csr,
        issuer_key=key,
        issuer_certificate=None,
        signing_algorithm=SIGNING[algorithm],
        serial=1,
        not_before=START,
        not_after=END,
        extensions=root_ca_extensions(),
    )
    assert is_self_signed(root)
    assert verifies(root, root)
    assert root.issuer == root.subject == csr.subject
    assert key_algorithm_of(root.public_key()) == algorithm
    check_ca_certificate(root, [], ca_type="ROOT", ca_public_key=key.public_key())
