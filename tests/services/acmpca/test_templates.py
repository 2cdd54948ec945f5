"""Every service-owned template: what it puts in a certificate, checked with ``cryptography``.

The expectations are written from the template guide's table (fact sheet §2.1), keyed on the
template's *name*, so a wrong row in ``templates.TEMPLATES`` fails here.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

import boto3
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import AuthorityInformationAccessOID, ExtendedKeyUsageOID, ExtensionOID

from certmock import Mock, mock_acmpca
from certmock.services.acmpca.templates import TEMPLATES
from tests.helpers import REGION, create_ca
from tests.services.acmpca.pki import (
    NOW,
    TEMPLATE,
    active_root,
    ca_certificate,
    crl_enabled,
    crl_url,
    csr,
    csr_public_key,
    extension_of,
    issue,
    issued_certificate,
    message,
)

pytestmark = pytest.mark.certmock(now=NOW)

ROOT_NAMES = sorted(name for name in TEMPLATES if "RootCACertificate" in name)
ISSUED_NAMES = sorted(name for name in TEMPLATES if name not in ROOT_NAMES)

_FAMILIES_BY_VARIANT = {
    "": [
        "CodeSigningCertificate",
        "EndEntityCertificate",
        "EndEntityClientAuthCertificate",
        "EndEntityServerAuthCertificate",
        "OCSPSigningCertificate",
        "RootCACertificate",
        *(f"SubordinateCACertificate_PathLen{n}" for n in range(4)),
    ],
    "_CSRPassthrough": [
        "BlankEndEntityCertificate",
        "CodeSigningCertificate",
        "EndEntityCertificate",
        "EndEntityClientAuthCertificate",
        "EndEntityServerAuthCertificate",
        "OCSPSigningCertificate",
        *(f"SubordinateCACertificate_PathLen{n}" for n in range(4)),
        *(f"BlankSubordinateCACertificate_PathLen{n}" for n in range(4)),
    ],
    "_APIPassthrough": [
        "BlankEndEntityCertificate",
        "CodeSigningCertificate",
        "EndEntityCertificate",
        "EndEntityClientAuthCertificate",
        "EndEntityServerAuthCertificate",
        "OCSPSigningCertificate",
        "RootCACertificate",
        "BlankRootCACertificate",
        *(f"BlankRootCACertificate_PathLen{n}" for n in range(4)),
        *(f"SubordinateCACertificate_PathLen{n}" for n in range(4)),
        *(f"BlankSubordinateCACertificate_PathLen{n}" for n in range(4)),
    ],
    "_APICSRPassthrough": [
        "BlankEndEntityCertificate",
        "CodeSigningCertificate",
        "EndEntityCertificate",
        "EndEntityClientAuthCertificate",
        "EndEntityServerAuthCertificate",
        "OCSPSigningCertificate",
        *(f"SubordinateCACertificate_PathLen{n}" for n in range(4)),
        *(f"BlankSubordinateCACertificate_PathLen{n}" for n in range(4)),
    ],
}

_END_ENTITY_USAGE = {"digital_signature", "key_encipherment"}
_SIGNING_USAGE = {"digital_signature"}
_CA_USAGE = {"digital_signature", "key_cert_sign", "crl_sign"}
_KEY_USAGE_FLAGS = (
    "digital_signature",
    "content_commitment",
    "key_encipherment",
    "data_encipherment",
    "key_agreement",
    "key_cert_sign",
    "crl_sign",
)


def family(name: str) -> str:
    return re.sub(r"_(CSR|API|APICSR)Passthrough$", "", name)


def expected_key_usage(name: str) -> set[str] | None:
    base = family(name)
    if base.startswith("Blank"):
        return None
    if base.startswith("EndEntity"):
        return _END_ENTITY_USAGE
    if base in ("CodeSigningCertificate", "OCSPSigningCertificate"):
        return _SIGNING_USAGE
    return _CA_USAGE


def expected_extended_key_usage(name: str) -> tuple[list[x509.ObjectIdentifier], bool] | None:
    """(usages, critical) per the table; None where the template sets none."""
    return {
        "EndEntityCertificate": (
            [ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH],
            False,
        ),
        "EndEntityClientAuthCertificate": ([ExtendedKeyUsageOID.CLIENT_AUTH], False),
        "EndEntityServerAuthCertificate": ([ExtendedKeyUsageOID.SERVER_AUTH], False),
        "CodeSigningCertificate": ([ExtendedKeyUsageOID.CODE_SIGNING], True),
        "OCSPSigningCertificate": ([ExtendedKeyUsageOID.OCSP_SIGNING], True),
    }.get(family(name))


def expected_path_length(name: str) -> int | None:
    found = re.search(r"PathLen(\d)", name)
    return int(found[1]) if found else None


def key_usage_flags(certificate: x509.Certificate) -> set[str]:
    usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    return {flag for flag in _KEY_USAGE_FLAGS if getattr(usage, flag)}


def test_the_templates_are_exactly_those_of_the_template_guide() -> None:
    documented = {
        family_name + variant
        for variant, families in _FAMILIES_BY_VARIANT.items()
        for family_name in families
    }
    assert set(TEMPLATES) == documented


# -- issuing every template once --------------------------------------------------------------
REQUEST = csr("leaf.example.com", dns_names=("leaf.example.com", "www.example.com"))
REVOCATION = {
    **crl_enabled(),
    "OcspConfiguration": {"Enabled": True},
}


@dataclass
class Issued:
    certificates: dict[str, x509.Certificate]
    """Template name -> the certificate issued with it."""
    issuer: x509.Certificate
    """The ACTIVE root that issued every non-root template."""
    issuer_arn: str
    own_csr: x509.CertificateSigningRequest
    """The CSR of the PENDING root that signed itself with every root template."""
    audit_rows: list[dict[str, Any]]
    """The issuer's and the self-signed root's audit reports, together."""
    template_arns: dict[str, str]
    """Certificate ARN -> template ARN it was issued with."""


def audit_rows(pca: Any, cm: Mock, ca: str) -> list[dict[str, Any]]:
    created = pca.create_certificate_authority_audit_report(
        CertificateAuthorityArn=ca, S3BucketName="audit-bucket", AuditReportResponseFormat="JSON"
    )
    cm.clock.advance(minutes=1)
    rows: list[dict[str, Any]] = json.loads(cm.objects.get("audit-bucket", created["S3Key"]))
    return rows


@pytest.fixture(scope="module")
def issued() -> Issued:
    """Every template issued once, in one world that is stopped before the tests look."""
    with mock_acmpca(now=NOW) as cm:
        pca = boto3.client("acm-pca", region_name=REGION)
        root = active_root(pca, RevocationConfiguration=REVOCATION)
        certificates: dict[str, x509.Certificate] = {}
        template_arns: dict[str, str] = {}
        for name in ISSUED_NAMES:
            certificate_arn = issue(pca, root, REQUEST, TemplateArn=TEMPLATE.format(name))
            certificates[name] = issued_certificate(pca, root, certificate_arn)
            template_arns[certificate_arn] = TEMPLATE.format(name)
        pending = create_ca(pca, RevocationConfiguration=REVOCATION)
        own_csr = pca.get_certificate_authority_csr(CertificateAuthorityArn=pending)["Csr"]
        for name in ROOT_NAMES:
            certificate_arn = issue(
                pca,
                pending,
                own_csr.encode(),
                TemplateArn=TEMPLATE.format(name),
                Validity={"Type": "YEARS", "Value": 10},
            )
            certificates[name] = issued_certificate(pca, pending, certificate_arn)
            template_arns[certificate_arn] = TEMPLATE.format(name)
        pca.import_certificate_authority_certificate(
            CertificateAuthorityArn=pending,
            Certificate=pem(certificates["RootCACertificate"]),
        )
        return Issued(
            certificates,
            ca_certificate(pca, root),
            root,
            x509.load_pem_x509_csr(own_csr.encode()),
            audit_rows(pca, cm, root) + audit_rows(pca, cm, pending),
            template_arns,
        )


def pem(certificate: x509.Certificate) -> str:
    return certificate.public_bytes(serialization.Encoding.PEM).decode()


by_issued_template = pytest.mark.parametrize("name", ISSUED_NAMES)
by_root_template = pytest.mark.parametrize("name", ROOT_NAMES)
by_template = pytest.mark.parametrize("name", sorted(TEMPLATES))


@by_issued_template
def test_the_certificate_is_signed_by_the_issuing_ca(issued: Issued, name: str) -> None:
    certificate = issued.certificates[name]
    certificate.verify_directly_issued_by(issued.issuer)
    assert certificate.version is x509.Version.v3


@by_root_template
def test_a_root_template_signs_the_cas_own_csr_with_its_own_key(issued: Issued, name: str) -> None:
    certificate = issued.certificates[name]
    certificate.verify_directly_issued_by(certificate)
    assert certificate.public_key() == issued.own_csr.public_key()
    assert certificate.issuer == certificate.subject == issued.own_csr.subject


@by_issued_template
def test_subject_and_alternative_names_come_from_the_csr(issued: Issued, name: str) -> None:
    certificate = issued.certificates[name]
    assert certificate.subject.rfc4514_string() == "CN=leaf.example.com"
    names = certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert names.get_values_for_type(x509.DNSName) == ["leaf.example.com", "www.example.com"]


@by_template
def test_the_validity_starts_an_hour_before_issuance(issued: Issued, name: str) -> None:
    certificate = issued.certificates[name]
    assert certificate.not_valid_before_utc == NOW - dt.timedelta(minutes=60)
    ends = NOW.replace(year=2036) if name in ROOT_NAMES else NOW + dt.timedelta(days=30)
    assert certificate.not_valid_after_utc == ends


@by_template
def test_the_subject_key_identifier_is_derived_from_the_csr_key(issued: Issued, name: str) -> None:
    certificate = issued.certificates[name]
    request_key = issued.own_csr.public_key() if name in ROOT_NAMES else csr_public_key(REQUEST)
    identifier = certificate.extensions.get_extension_for_class(x509.SubjectKeyIdentifier)
    assert identifier.value == x509.SubjectKeyIdentifier.from_public_key(request_key)
    assert not identifier.critical


@by_template
def test_the_authority_key_identifier_is_the_issuers_subject_key_identifier(
    issued: Issued, name: str
) -> None:
    certificate = issued.certificates[name]
    # Roots: AKI = their own SKI (the fact sheet's recommendation where sources disagree).
    issuer = certificate if name in ROOT_NAMES else issued.issuer
    issuer_identifier = issuer.extensions.get_extension_for_class(x509.SubjectKeyIdentifier)
    authority = certificate.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier)
    assert authority.value.key_identifier == issuer_identifier.value.digest
    assert not authority.critical


@by_template
def test_basic_constraints_follow_the_template(issued: Issued, name: str) -> None:
    constraints = issued.certificates[name].extensions.get_extension_for_class(
        x509.BasicConstraints
    )
    is_ca = "CACertificate" in name
    assert constraints.value.ca is is_ca
    assert constraints.value.path_length == expected_path_length(name)
    assert constraints.critical is is_ca


@by_template
def test_key_usage_is_the_templates_and_critical(issued: Issued, name: str) -> None:
    certificate = issued.certificates[name]
    expected = expected_key_usage(name)
    usage = extension_of(certificate, ExtensionOID.KEY_USAGE)
    if expected is None:
        assert usage is None  # a blank template sets keyUsage only through passthrough
    else:
        assert usage.critical
        assert key_usage_flags(certificate) == expected


@by_template
def test_extended_key_usage_is_the_templates(issued: Issued, name: str) -> None:
    usage = extension_of(issued.certificates[name], ExtensionOID.EXTENDED_KEY_USAGE)
    expected = expected_extended_key_usage(name)
    if expected is None:
        assert usage is None
    else:
        assert (list(usage.value), usage.critical) == expected


@by_issued_template
def test_an_issued_certificate_points_at_the_crl_and_the_ocsp_responder(
    issued: Issued, name: str
) -> None:
    certificate = issued.certificates[name]
    points = certificate.extensions.get_extension_for_class(x509.CRLDistributionPoints)
    assert not points.critical
    assert [point.full_name for point in points.value] == [
        [x509.UniformResourceIdentifier(crl_url(issued.issuer_arn))]
    ]
    access = certificate.extensions.get_extension_for_class(x509.AuthorityInformationAccess)
    assert [(a.access_method, a.access_location.value) for a in access.value] == [
        (AuthorityInformationAccessOID.OCSP, f"http://ocsp.acm-pca.{REGION}.amazonaws.com")
    ]


@by_root_template
def test_a_self_signed_root_points_at_no_crl_or_responder(issued: Issued, name: str) -> None:
    certificate = issued.certificates[name]
    assert extension_of(certificate, ExtensionOID.CRL_DISTRIBUTION_POINTS) is None
    assert extension_of(certificate, ExtensionOID.AUTHORITY_INFORMATION_ACCESS) is None


def test_the_audit_reports_name_the_template_of_every_certificate(issued: Issued) -> None:
    # The issuer's own certificate is in its report too: it signed it to activate.
    own = f"{issued.issuer_arn}/certificate/{issued.issuer.serial_number:032x}"
    assert {row["certificateArn"]: row["templateArn"] for row in issued.audit_rows} == {
        **issued.template_arns,
        own: TEMPLATE.format("RootCACertificate"),
    }


@pytest.mark.parametrize(
    "name",
    [
        "EndEntityCertificate",
        "SubordinateCACertificate_PathLen0",
        "BlankEndEntityCertificate_APIPassthrough",
    ],
)
def test_a_pending_root_signs_its_own_csr_only_with_a_root_template(pca: Any, name: str) -> None:
    ca = create_ca(pca)
    own_csr = pca.get_certificate_authority_csr(CertificateAuthorityArn=ca)["Csr"]
    with pytest.raises(pca.exceptions.InvalidStateException) as raised:
        issue(pca, ca, own_csr.encode(), TemplateArn=TEMPLATE.format(name))
    assert "not in a valid state for issuing certificates" in message(raised)


@pytest.mark.parametrize("name", ROOT_NAMES)
def test_a_root_template_is_refused_to_a_subordinate_ca(pca: Any, name: str) -> None:
    ca = create_ca(pca, CertificateAuthorityType="SUBORDINATE")
    own_csr = pca.get_certificate_authority_csr(CertificateAuthorityArn=ca)["Csr"]
    with pytest.raises(pca.exceptions.InvalidArgsException) as raised:
        issue(pca, ca, own_csr.encode(), TemplateArn=TEMPLATE.format(name))
    assert "SUBORDINATE" in message(raised)
