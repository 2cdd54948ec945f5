"""Building blocks for the ACM Private CA PKI tests: active CAs, CSRs, issuance."""

from __future__ import annotations

from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.helpers import ROOT_CONFIGURATION, create_ca

TEMPLATE = "arn:aws:acm-pca:::template/{}/V1"
ROOT_TEMPLATE = TEMPLATE.format("RootCACertificate")

# One key for every end-entity CSR of the test session: CSR keys are the caller's, not the CA's.
_CSR_KEY = ec.generate_private_key(ec.SECP256R1())


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


def active_root(pca: Any, *, years: int = 10, **overrides: Any) -> str:
    """A ROOT CA that signed its own CSR and imported the result: ACTIVE."""
    arn = create_ca(pca, **overrides)
    configuration = overrides.get("CertificateAuthorityConfiguration", ROOT_CONFIGURATION)
    issued = pca.issue_certificate(
        CertificateAuthorityArn=arn,
        Csr=pca.get_certificate_authority_csr(CertificateAuthorityArn=arn)["Csr"],
        SigningAlgorithm=configuration["SigningAlgorithm"],
        TemplateArn=ROOT_TEMPLATE,
        Validity={"Type": "YEARS", "Value": years},
    )["CertificateArn"]
    certificate = pca.get_certificate(CertificateAuthorityArn=arn, CertificateArn=issued)
    pca.import_certificate_authority_certificate(
        CertificateAuthorityArn=arn, Certificate=certificate["Certificate"]
    )
    return arn


def active_subordinate(
    pca: Any,
    parent: str,
    *,
    template: str = "SubordinateCACertificate_PathLen0",
    years: int = 5,
    **overrides: Any,
) -> str:
    """A SUBORDINATE CA signed by ``parent`` (a certmock CA) and imported with its chain."""
    configuration = {
        **ROOT_CONFIGURATION,
        "Subject": {"CommonName": "certmock test subordinate", "Organization": "certmock"},
    }
    overrides.setdefault("CertificateAuthorityConfiguration", configuration)
    arn = create_ca(pca, CertificateAuthorityType="SUBORDINATE", **overrides)
    parent_algorithm = pca.describe_certificate_authority(CertificateAuthorityArn=parent)[
        "CertificateAuthority"
    ]["CertificateAuthorityConfiguration"]["SigningAlgorithm"]
    issued = pca.issue_certificate(
        CertificateAuthorityArn=parent,
        Csr=pca.get_certificate_authority_csr(CertificateAuthorityArn=arn)["Csr"],
        SigningAlgorithm=parent_algorithm,
        TemplateArn=TEMPLATE.format(template),
        Validity={"Type": "YEARS", "Value": years},
    )["CertificateArn"]
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
