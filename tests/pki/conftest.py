"""Shared builders for the certmock.pki tests."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec

from certmock.pki.certs import Extensions, root_ca_extensions, sign_certificate
from certmock.pki.csr import build_ca_csr, load_csr
from certmock.pki.keys import PrivateKey

START = datetime(2024, 1, 1, tzinfo=timezone.utc)
END = START + timedelta(days=3650)


def ca_csr(key: PrivateKey, common_name: str) -> x509.CertificateSigningRequest:
    algorithm = (
        "SHA256WITHECDSA" if isinstance(key, ec.EllipticCurvePrivateKey) else "SHA256WITHRSA"
    )
    return load_csr(build_ca_csr(key, {"CommonName": common_name}, algorithm))


def issue(
    key: PrivateKey,
    common_name: str,
    *,
    issuer_key: PrivateKey | None = None,
    issuer: x509.Certificate | None = None,
    extensions: Extensions | None = None,
    not_before: datetime = START,
    not_after: datetime = END,
    serial: int = 0x1234,
) -> x509.Certificate:
    """A CA certificate for ``key``: self-signed unless ``issuer_key``/``issuer`` are given."""
    signer = issuer_key if issuer_key is not None else key
    algorithm = (
        "SHA256WITHECDSA" if isinstance(signer, ec.EllipticCurvePrivateKey) else "SHA256WITHRSA"
    )
    return sign_certificate(
        csr=ca_csr(key, common_name),
        issuer_key=signer,
        issuer_certificate=issuer,
        signing_algorithm=algorithm,
        serial=serial,
        not_before=not_before,
        not_after=not_after,
        extensions=root_ca_extensions() if extensions is None else extensions,
    )


@pytest.fixture(scope="module")
def root_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


@pytest.fixture(scope="module")
def sub_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


@pytest.fixture(scope="module")
def other_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


@pytest.fixture(scope="module")
def root(root_key: ec.EllipticCurvePrivateKey) -> x509.Certificate:
    return issue(root_key, "certmock root")


@pytest.fixture(scope="module")
def sub(
    sub_key: ec.EllipticCurvePrivateKey,
    root_key: ec.EllipticCurvePrivateKey,
    root: x509.Certificate,
) -> x509.Certificate:
    return issue(
        sub_key,
        "certmock sub",
        issuer_key=root_key,
        issuer=root,
        extensions=root_ca_extensions(path_length=0),
        not_after=END - timedelta(days=1),
    )
