"""The PEM certificate of a client certificate, checked with ``cryptography``."""

from __future__ import annotations

from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from certmock import Mock
from tests.services.apigateway.helpers import NOW

pytestmark = pytest.mark.certmock(now=NOW)


def certificate_of(generated: dict[str, Any]) -> x509.Certificate:
    return x509.load_pem_x509_certificate(generated["pemEncodedCertificate"].encode())


def public_key_bytes(certificate: x509.Certificate) -> bytes:
    return certificate.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def test_the_pem_holds_exactly_one_certificate_and_no_key(apigateway: Any) -> None:
    pem = apigateway.generate_client_certificate()["pemEncodedCertificate"]
    assert pem.count("-----BEGIN CERTIFICATE-----") == 1
    assert "PRIVATE KEY" not in pem
    assert len(x509.load_pem_x509_certificates(pem.encode())) == 1


def test_the_certificate_is_self_signed_and_its_signature_verifies(apigateway: Any) -> None:
    certificate = certificate_of(apigateway.generate_client_certificate())
    assert certificate.issuer == certificate.subject
    key = certificate.public_key()
    assert isinstance(key, rsa.RSAPublicKey)
    assert certificate.signature_hash_algorithm is not None
    key.verify(
        certificate.signature,
        certificate.tbs_certificate_bytes,
        padding.PKCS1v15(),
        certificate.signature_hash_algorithm,
    )
    certificate.verify_directly_issued_by(certificate)


def test_the_key_is_rsa_2048_and_the_signature_sha256(apigateway: Any) -> None:
    certificate = certificate_of(apigateway.generate_client_certificate())
    key = certificate.public_key()
    assert isinstance(key, rsa.RSAPublicKey)
    assert key.key_size == 2048
    assert isinstance(certificate.signature_hash_algorithm, hashes.SHA256)


def test_the_validity_is_created_date_to_expiration_date(apigateway: Any) -> None:
    generated = apigateway.generate_client_certificate()
    certificate = certificate_of(generated)
    assert certificate.not_valid_before_utc == generated["createdDate"] == NOW
    assert certificate.not_valid_after_utc == generated["expirationDate"]
    assert certificate.not_valid_after_utc == NOW.replace(year=NOW.year + 1)


def test_the_validity_follows_the_virtual_clock(apigateway: Any, certmock: Mock) -> None:
    certmock.clock.advance(days=45)
    certificate = certificate_of(apigateway.generate_client_certificate())
    assert certificate.not_valid_before_utc == certmock.clock.now()


def test_the_subject_names_the_client_certificate(apigateway: Any) -> None:
    generated = apigateway.generate_client_certificate()
    certificate = certificate_of(generated)
    common_names = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    assert [name.value for name in common_names] == [generated["clientCertificateId"]]


def test_it_is_an_end_entity_certificate_for_tls_client_authentication(apigateway: Any) -> None:
    extensions = certificate_of(apigateway.generate_client_certificate()).extensions
    assert extensions.get_extension_for_class(x509.BasicConstraints).value.ca is False
    key_usage = extensions.get_extension_for_class(x509.KeyUsage).value
    assert key_usage.digital_signature
    assert not key_usage.key_cert_sign
    usages = extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert list(usages) == [ExtendedKeyUsageOID.CLIENT_AUTH]


def test_every_certificate_has_its_own_key_and_serial(apigateway: Any) -> None:
    certificates = [certificate_of(apigateway.generate_client_certificate()) for _ in range(3)]
    assert len({public_key_bytes(c) for c in certificates}) == 3
    assert len({c.serial_number for c in certificates}) == 3
    assert all(c.serial_number > 0 for c in certificates)


def test_the_certificate_does_not_change_when_the_description_does(apigateway: Any) -> None:
    generated = apigateway.generate_client_certificate()
    updated = apigateway.update_client_certificate(
        clientCertificateId=generated["clientCertificateId"],
        patchOperations=[{"op": "replace", "path": "/description", "value": "x"}],
    )
    assert updated["pemEncodedCertificate"] == generated["pemEncodedCertificate"]
