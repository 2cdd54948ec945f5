from __future__ import annotations

import base64
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtensionOID, NameOID, ObjectIdentifier

from certmock.pki.csr import MalformedCSR, build_ca_csr, load_csr
from certmock.pki.keys import AlgorithmMismatch

SUBJECT = {"Organization": "certmock", "CommonName": "alice"}


@pytest.fixture(scope="module")
def key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def test_minimal_ca_csr(key: ec.EllipticCurvePrivateKey) -> None:
    pem = build_ca_csr(key, SUBJECT, "SHA256WITHECDSA")
    assert pem.startswith(b"-----BEGIN CERTIFICATE REQUEST-----\n")
    csr = load_csr(pem)
    assert csr.subject.rfc4514_string() == "CN=alice,O=certmock"
    [constraints] = list(csr.extensions)
    assert constraints.critical
    assert constraints.value == x509.BasicConstraints(ca=True, path_length=None)


def test_ca_csr_with_key_usage_and_sia(key: ec.EllipticCurvePrivateKey) -> None:
    extensions: dict[str, Any] = {
        "KeyUsage": {"DigitalSignature": True, "KeyCertSign": True, "CRLSign": True},
        "SubjectInformationAccess": [
            {
                "AccessMethod": {"AccessMethodType": "CA_REPOSITORY"},
                "AccessLocation": {"UniformResourceIdentifier": "rsync://repo.example/ca/"},
            },
            {
                "AccessMethod": {"AccessMethodType": "RESOURCE_PKI_MANIFEST"},
                "AccessLocation": {"UniformResourceIdentifier": "rsync://repo.example/ca.mft"},
            },
            {
                "AccessMethod": {"AccessMethodType": "RESOURCE_PKI_NOTIFY"},
                "AccessLocation": {"UniformResourceIdentifier": "https://rrdp.example/notify.xml"},
            },
            {
                "AccessMethod": {"CustomObjectIdentifier": "1.3.6.1.4.1.99999.7"},
                "AccessLocation": {"DnsName": "info.example"},
            },
        ],
    }
    csr = load_csr(build_ca_csr(key, SUBJECT, "SHA384WITHECDSA", extensions))
    assert isinstance(csr.signature_hash_algorithm, hashes.SHA384)
    assert [e.oid for e in csr.extensions] == [
        ExtensionOID.BASIC_CONSTRAINTS,
        ExtensionOID.KEY_USAGE,
        ExtensionOID.SUBJECT_INFORMATION_ACCESS,
    ]
    usage = csr.extensions.get_extension_for_class(x509.KeyUsage)
    assert usage.critical
    assert usage.value.digital_signature
    assert usage.value.key_cert_sign
    assert usage.value.crl_sign
    assert not usage.value.key_encipherment
    assert not usage.value.content_commitment
    sia = csr.extensions.get_extension_for_class(x509.SubjectInformationAccess)
    assert not sia.critical
    assert [(d.access_method.dotted_string, d.access_location) for d in sia.value] == [
        ("1.3.6.1.5.5.7.48.5", x509.UniformResourceIdentifier("rsync://repo.example/ca/")),
        ("1.3.6.1.5.5.7.48.10", x509.UniformResourceIdentifier("rsync://repo.example/ca.mft")),
        ("1.3.6.1.5.5.7.48.13", x509.UniformResourceIdentifier("https://rrdp.example/notify.xml")),
        ("1.3.6.1.4.1.99999.7", x509.DNSName("info.example")),
    ]


def test_key_usage_with_key_agreement_bits(key: ec.EllipticCurvePrivateKey) -> None:
    flags = {"KeyAgreement": True, "EncipherOnly": True, "NonRepudiation": True}
    csr = load_csr(build_ca_csr(key, SUBJECT, "SHA256WITHECDSA", {"KeyUsage": flags}))
    usage = csr.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.key_agreement
    assert usage.encipher_only
    assert not usage.decipher_only
    assert usage.content_commitment


@pytest.mark.parametrize(
    ("extensions", "message"),
    [
        ({"KeyUsage": {"EncipherOnly": True}}, "require KeyAgreement"),
        ({"KeyUsage": {"Sign": True}}, "Unknown KeyUsage member"),
        ({"Policies": []}, "Unknown CsrExtensions member"),
        (
            {
                "SubjectInformationAccess": [
                    {
                        "AccessMethod": {
                            "AccessMethodType": "CA_REPOSITORY",
                            "CustomObjectIdentifier": "1.2.3",
                        },
                        "AccessLocation": {"DnsName": "x"},
                    }
                ]
            },
            "exactly one of CustomObjectIdentifier and AccessMethodType",
        ),
        (
            {
                "SubjectInformationAccess": [
                    {
                        "AccessMethod": {"AccessMethodType": "OCSP"},
                        "AccessLocation": {"DnsName": "x"},
                    }
                ]
            },
            "'OCSP' is not one of",
        ),
        (
            {"SubjectInformationAccess": [{"AccessMethod": {"AccessMethodType": "CA_REPOSITORY"}}]},
            "needs AccessMethod and AccessLocation",
        ),
    ],
)
def test_invalid_csr_extensions(
    key: ec.EllipticCurvePrivateKey, extensions: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        build_ca_csr(key, SUBJECT, "SHA256WITHECDSA", extensions)


def test_signing_algorithm_must_fit_key(key: ec.EllipticCurvePrivateKey) -> None:
    with pytest.raises(AlgorithmMismatch, match="cannot be used with key type EC_prime256v1"):
        build_ca_csr(key, SUBJECT, "SHA256WITHRSA")


def test_load_csr_accepts_base64_of_pem(key: ec.EllipticCurvePrivateKey) -> None:
    pem = build_ca_csr(key, SUBJECT, "SHA256WITHECDSA")
    assert load_csr(base64.b64encode(pem)) == load_csr(pem)
    assert load_csr(b"\n  " + pem + b"\n\n") == load_csr(pem)


def _pem(der: bytes) -> bytes:
    body = base64.encodebytes(der)
    return b"-----BEGIN CERTIFICATE REQUEST-----\n" + body + b"-----END CERTIFICATE REQUEST-----\n"


def _csr(
    key: ec.EllipticCurvePrivateKey, name: x509.Name, san: list[x509.GeneralName] | None = None
) -> bytes:
    builder = x509.CertificateSigningRequestBuilder().subject_name(name)
    if san:
        builder = builder.add_extension(x509.SubjectAlternativeName(san), critical=False)
    return builder.sign(key, hashes.SHA256()).public_bytes(serialization.Encoding.PEM)


def test_tampered_csr_is_rejected(key: ec.EllipticCurvePrivateKey) -> None:
    der = x509.load_pem_x509_csr(build_ca_csr(key, SUBJECT, "SHA256WITHECDSA")).public_bytes(
        serialization.Encoding.DER
    )
    assert der.count(b"alice") == 1
    tampered = _pem(der.replace(b"alice", b"mabel"))
    with pytest.raises(MalformedCSR, match="signature does not verify"):
        load_csr(tampered)


def test_csr_without_subject_or_san_is_rejected(key: ec.EllipticCurvePrivateKey) -> None:
    with pytest.raises(MalformedCSR, match="neither a subject name nor a subjectAltName"):
        load_csr(_csr(key, x509.Name([])))


def test_csr_with_only_a_san_is_accepted(key: ec.EllipticCurvePrivateKey) -> None:
    csr = load_csr(_csr(key, x509.Name([]), [x509.DNSName("only-san.example")]))
    assert len(csr.subject) == 0


def test_csr_with_only_a_subject_is_accepted(key: ec.EllipticCurvePrivateKey) -> None:
    name = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "no cn")])
    assert load_csr(_csr(key, name)).subject == name


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"garbage",
        b"\x00\x01\x02",
        b"-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n",
        b"-----BEGIN CERTIFICATE REQUEST-----\nnot base64!!\n-----END CERTIFICATE REQUEST-----\n",
        base64.b64encode(b"still not a pem"),
    ],
)
def test_garbage_is_malformed(data: bytes) -> None:
    with pytest.raises(MalformedCSR):
        load_csr(data)


def test_der_is_not_accepted(key: ec.EllipticCurvePrivateKey) -> None:
    der = x509.load_pem_x509_csr(build_ca_csr(key, SUBJECT, "SHA256WITHECDSA")).public_bytes(
        serialization.Encoding.DER
    )
    with pytest.raises(MalformedCSR, match="neither PEM nor base64"):
        load_csr(der)


def test_certificate_pem_is_not_a_csr(key: ec.EllipticCurvePrivateKey) -> None:
    from tests.pki.conftest import issue

    certificate = issue(key, "not a csr").public_bytes(serialization.Encoding.PEM)
    with pytest.raises(MalformedCSR, match="could not be parsed"):
        load_csr(certificate)


def test_custom_oid_subject_csr(key: ec.EllipticCurvePrivateKey) -> None:
    subject = {"CustomAttributes": [{"ObjectIdentifier": "1.2.3.4", "Value": "v"}]}
    csr = load_csr(build_ca_csr(key, subject, "SHA512WITHECDSA"))
    assert csr.subject.get_attributes_for_oid(ObjectIdentifier("1.2.3.4"))[0].value == "v"
