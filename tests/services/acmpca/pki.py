"""Building blocks for the ACM Private CA PKI tests: active CAs, CSRs, issuance, and reading
back what a CA wrote (certificates, CRLs, audit reports)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from botocore.exceptions import ClientError
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from certmock import Mock
from tests.helpers import REGION, ROOT_CONFIGURATION, create_ca

NOW = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
TEMPLATE = "arn:aws:acm-pca:::template/{}/V1"
ROOT_TEMPLATE = TEMPLATE.format("RootCACertificate")
BUCKET = "certmock-crl-bucket"

# One key for every end-entity CSR of the test session: CSR keys are the caller's, not the CA's.
_CSR_KEY = ec.generate_private_key(ec.SECP256R1())


def partition_of(arn: str) -> str:
    return arn.split(":")[1]


def template_arn(name: str, partition: str = "aws") -> str:
    return f"arn:{partition}:acm-pca:::template/{name}/V1"


def csr(
    common_name: str | None = "service.example.com",
    *,
    dns_names: tuple[str, ...] = (),
    extensions: list[tuple[x509.ExtensionType, bool]] | None = None,
    key: Any = None,
) -> bytes:
    """A PEM CSR (EC P-256 unless ``key`` is given)."""
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, common_name)] if common_name else []
    builder = x509.CertificateSigningRequestBuilder().subject_name(x509.Name(attributes))
    if dns_names:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.DNSName(name) for name in dns_names]), False
        )
    for extension, critical in extensions or []:
        builder = builder.add_extension(extension, critical)
    signing_key = key or _CSR_KEY
    return builder.sign(signing_key, hashes.SHA256()).public_bytes(serialization.Encoding.PEM)


def csr_public_key(request: bytes) -> Any:
    return x509.load_pem_x509_csr(request).public_key()


def configuration(
    key_algorithm: str = "RSA_2048",
    signing_algorithm: str = "SHA256WITHRSA",
    common_name: str = "certmock test root",
) -> dict[str, Any]:
    return {
        "KeyAlgorithm": key_algorithm,
        "SigningAlgorithm": signing_algorithm,
        "Subject": {"CommonName": common_name, "Organization": "certmock"},
    }


def crl_enabled(bucket: str = BUCKET, **settings: Any) -> dict[str, Any]:
    """A RevocationConfiguration with the CRL written to ``bucket`` (7 days unless overridden)."""
    crl = {"Enabled": True, "S3BucketName": bucket, "ExpirationInDays": 7, **settings}
    return {"CrlConfiguration": crl}


def active_root(pca: Any, *, years: int = 10, **overrides: Any) -> str:
    """A ROOT CA that signed its own CSR and imported the result: ACTIVE. The waiters make it
    work with ``realistic=True`` too (they return at once otherwise)."""
    arn = create_ca(pca, **overrides)
    configuration = overrides.get("CertificateAuthorityConfiguration", ROOT_CONFIGURATION)
    pca.get_waiter("certificate_authority_csr_created").wait(CertificateAuthorityArn=arn)
    issued = pca.issue_certificate(
        CertificateAuthorityArn=arn,
        Csr=pca.get_certificate_authority_csr(CertificateAuthorityArn=arn)["Csr"],
        SigningAlgorithm=configuration["SigningAlgorithm"],
        TemplateArn=template_arn("RootCACertificate", partition_of(arn)),
        Validity={"Type": "YEARS", "Value": years},
    )["CertificateArn"]
    pca.get_waiter("certificate_issued").wait(CertificateAuthorityArn=arn, CertificateArn=issued)
    certificate = pca.get_certificate(CertificateAuthorityArn=arn, CertificateArn=issued)
    pca.import_certificate_authority_certificate(
        CertificateAuthorityArn=arn, Certificate=certificate["Certificate"]
    )
    return arn


def signing_algorithm_of(pca: Any, ca: str) -> str:
    found: str = pca.describe_certificate_authority(CertificateAuthorityArn=ca)[
        "CertificateAuthority"
    ]["CertificateAuthorityConfiguration"]["SigningAlgorithm"]
    return found


def active_subordinate(
    pca: Any,
    parent: str,
    *,
    template: str = "SubordinateCACertificate_PathLen0",
    years: int = 5,
    **overrides: Any,
) -> str:
    """A SUBORDINATE CA signed by ``parent`` (a certmock CA) and imported with its chain."""
    overrides.setdefault(
        "CertificateAuthorityConfiguration", configuration(common_name="certmock test subordinate")
    )
    arn = create_ca(pca, CertificateAuthorityType="SUBORDINATE", **overrides)
    pca.get_waiter("certificate_authority_csr_created").wait(CertificateAuthorityArn=arn)
    issued = pca.issue_certificate(
        CertificateAuthorityArn=parent,
        Csr=pca.get_certificate_authority_csr(CertificateAuthorityArn=arn)["Csr"],
        SigningAlgorithm=signing_algorithm_of(pca, parent),
        TemplateArn=template_arn(template, partition_of(parent)),
        Validity={"Type": "YEARS", "Value": years},
    )["CertificateArn"]
    pca.get_waiter("certificate_issued").wait(CertificateAuthorityArn=parent, CertificateArn=issued)
    certificate = pca.get_certificate(CertificateAuthorityArn=parent, CertificateArn=issued)
    pca.import_certificate_authority_certificate(
        CertificateAuthorityArn=arn,
        Certificate=certificate["Certificate"],
        CertificateChain=certificate["CertificateChain"],
    )
    return arn


def issue(pca: Any, ca: str, request: bytes | None = None, **overrides: Any) -> str:
    """IssueCertificate with EndEntityCertificate/V1 for 30 days unless overridden."""
    parameters: dict[str, Any] = {
        "CertificateAuthorityArn": ca,
        "Csr": request if request is not None else csr(),
        "SigningAlgorithm": "SHA256WITHRSA",
        "Validity": {"Type": "DAYS", "Value": 30},
    }
    parameters.update(overrides)
    arn: str = pca.issue_certificate(**parameters)["CertificateArn"]
    return arn


def fetch(
    pca: Any, ca: str, certificate_arn: str
) -> tuple[x509.Certificate, list[x509.Certificate]]:
    """The issued certificate and its chain, parsed."""
    answer = pca.get_certificate(CertificateAuthorityArn=ca, CertificateArn=certificate_arn)
    chain = x509.load_pem_x509_certificates(answer["CertificateChain"].encode())
    return x509.load_pem_x509_certificate(answer["Certificate"].encode()), chain


def issued_certificate(pca: Any, ca: str, certificate_arn: str) -> x509.Certificate:
    """The issued certificate alone (a root's self-issued one has no chain)."""
    answer = pca.get_certificate(CertificateAuthorityArn=ca, CertificateArn=certificate_arn)
    return x509.load_pem_x509_certificate(answer["Certificate"].encode())


def ca_certificate(pca: Any, ca: str) -> x509.Certificate:
    answer = pca.get_certificate_authority_certificate(CertificateAuthorityArn=ca)
    return x509.load_pem_x509_certificate(answer["Certificate"].encode())


def extension_of(certificate: x509.Certificate, oid: x509.ObjectIdentifier) -> Any:
    """The certificate's extension with ``oid``, or None."""
    try:
        return certificate.extensions.get_extension_for_oid(oid)
    except x509.ExtensionNotFound:
        return None


def ca_id(ca: str) -> str:
    return ca.rsplit("/", 1)[1]


def serial_of(certificate_arn: str) -> str:
    """The serial as the certificate ARN writes it (32 lowercase hex digits)."""
    return certificate_arn.rsplit("/", 1)[1]


def revoke(pca: Any, ca: str, certificate_arn: str, reason: str = "KEY_COMPROMISE") -> None:
    pca.revoke_certificate(
        CertificateAuthorityArn=ca,
        CertificateSerial=serial_of(certificate_arn),
        RevocationReason=reason,
    )


def crl_key(ca: str) -> str:
    return f"crl/{ca_id(ca)}.crl"


def read_crl(certmock: Mock, ca: str, *, bucket: str = BUCKET, key: str | None = None) -> Any:
    """The CA's CRL as written to the object store, parsed from DER."""
    body = certmock.objects.get(bucket, key or crl_key(ca))
    return x509.load_der_x509_crl(body)


def crl_url(ca: str, bucket: str = BUCKET) -> str:
    """The CRL distribution point of a CA with a complete CRL and no CustomCname."""
    return f"http://{bucket}.s3.{REGION}.amazonaws.com/crl/{ca_id(ca)}.crl"


def error_code(raised: pytest.ExceptionInfo[ClientError]) -> str:
    code: str = raised.value.response["Error"]["Code"]
    return code


def message(raised: pytest.ExceptionInfo[ClientError]) -> str:
    text: str = raised.value.response["Error"]["Message"]
    return text
