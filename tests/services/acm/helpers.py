"""Helpers for the ACM tests: certificates made in the test (to import) and small readers."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from botocore.exceptions import ClientError
from botocore.model import StructureShape
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from certmock.botocore_models import service_model
from certmock.pki.keysource import KeySource
from tests.services.acmpca.pki import active_root

REGION = "eu-west-1"
NOW = dt.datetime(2026, 1, 1, 12, 0, 0, tzinfo=dt.timezone.utc)
DAY = dt.timedelta(days=1)

Key = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey


def has_member(shape_name: str, member: str) -> bool:
    """Whether the installed botocore model's ``shape_name`` structure has ``member`` (newer
    versions add some)."""
    shape = service_model("acm").shape_for(shape_name)
    assert isinstance(shape, StructureShape)
    return member in shape.members


# Test-side keys: a few per kind from certmock's shipped pool, loaded once and handed out in
# turn (generating RSA keys would cost tens of milliseconds each).
_KEYS = KeySource(seed=20260101)
_CYCLE = 12
_LOADED: dict[str, list[Key]] = {}
_NEXT = itertools.count()


def new_key(kind: str = "EC_prime256v1") -> Key:
    """A key of ``kind``; consecutive calls give different keys."""
    keys = _LOADED.get(kind)
    if keys is None:
        keys = _LOADED[kind] = []
        for _ in range(_CYCLE):
            key = _KEYS.private_key(kind)
            assert isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey)
            keys.append(key)
    return keys[next(_NEXT) % _CYCLE]


def error_of(raised: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    error = raised.value.response["Error"]
    return error["Code"], error["Message"]


def name(common_name: str | None = None, **attributes: str) -> x509.Name:
    parts = []
    for oid, value in (
        (NameOID.COUNTRY_NAME, attributes.get("C")),
        (NameOID.ORGANIZATION_NAME, attributes.get("O")),
        (NameOID.COMMON_NAME, common_name),
    ):
        if value is not None:
            parts.append(x509.NameAttribute(oid, value))
    return x509.Name(parts)


def make_certificate(
    key: Key,
    *,
    common_name: str | None = "www.example.com",
    sans: list[str] | None = None,
    issuer_key: Key | None = None,
    issuer: x509.Certificate | None = None,
    not_before: dt.datetime = NOW - 10 * DAY,
    not_after: dt.datetime = NOW + 90 * DAY,
    ca: bool = False,
    key_usage: bool = True,
    extended_key_usage: list[x509.ObjectIdentifier] | None = None,
    serial: int | None = None,
) -> x509.Certificate:
    """A certificate for ``key``: self-signed unless an issuer is given."""
    subject = name(common_name)
    signer = issuer_key or key
    digest = hashes.SHA256()
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.subject if issuer is not None else subject)
        .public_key(key.public_key())
        .serial_number(serial or x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if sans:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.DNSName(s) for s in sans]), critical=False
        )
    if key_usage:
        builder = builder.add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=isinstance(key, rsa.RSAPrivateKey),
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=ca,
                crl_sign=ca,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    usages = [ExtendedKeyUsageOID.SERVER_AUTH] if extended_key_usage is None else extended_key_usage
    if usages and not ca:
        builder = builder.add_extension(x509.ExtendedKeyUsage(usages), critical=False)
    return builder.sign(signer, digest)


def pem(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.PEM)


def key_pem(key: Any) -> bytes:
    return key.private_bytes(  # type: ignore[no-any-return]
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


class Chain:
    """A root, an intermediate under it, and leaves under the intermediate."""

    def __init__(self, kind: str = "EC_prime256v1") -> None:
        self.root_key = new_key(kind)
        self.root = make_certificate(
            self.root_key,
            common_name="Test Root",
            ca=True,
            not_before=NOW - 400 * DAY,
            not_after=NOW + 3650 * DAY,
        )
        self.intermediate_key = new_key(kind)
        self.intermediate = make_certificate(
            self.intermediate_key,
            common_name="Test Intermediate",
            ca=True,
            issuer=self.root,
            issuer_key=self.root_key,
            not_before=NOW - 400 * DAY,
            not_after=NOW + 3000 * DAY,
        )

    def leaf(self, key: Key, **options: Any) -> x509.Certificate:
        return make_certificate(
            key, issuer=self.intermediate, issuer_key=self.intermediate_key, **options
        )

    def chain_pem(self) -> bytes:
        return pem(self.intermediate) + pem(self.root)


def import_self_signed(client: Any, **options: Any) -> str:
    """Import a new self-signed EC certificate; returns its ARN."""
    key = new_key(options.pop("kind", "EC_prime256v1"))
    tags = options.pop("Tags", None)
    certificate = make_certificate(key, **options)
    request: dict[str, Any] = {"Certificate": pem(certificate), "PrivateKey": key_pem(key)}
    if tags:
        request["Tags"] = tags
    arn: str = client.import_certificate(**request)["CertificateArn"]
    return arn


def describe(client: Any, arn: str) -> dict[str, Any]:
    found: dict[str, Any] = client.describe_certificate(CertificateArn=arn)["Certificate"]
    return found


def events_of(certmock: Any, detail_type: str) -> list[dict[str, Any]]:
    return [e for e in certmock.events if e["detail-type"] == detail_type]


_SIGNING = {"RSA_2048": "SHA256WITHRSA", "EC_prime256v1": "SHA256WITHECDSA"}


def active_ca(pca: Any, key_algorithm: str = "RSA_2048", years: int = 10) -> str:
    """A new ACTIVE root CA in the client's account and region; returns its ARN."""
    return active_root(
        pca,
        years=years,
        CertificateAuthorityConfiguration={
            "KeyAlgorithm": key_algorithm,
            "SigningAlgorithm": _SIGNING[key_algorithm],
            "Subject": {"CommonName": "certmock test private root", "Organization": "Example"},
        },
    )


def allow_acm_renewals(pca: Any, ca_arn: str) -> None:
    pca.create_permission(
        CertificateAuthorityArn=ca_arn,
        Principal="acm.amazonaws.com",
        Actions=["IssueCertificate", "GetCertificate", "ListPermissions"],
    )
