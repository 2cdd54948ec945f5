"""Passthrough templates: CSR extensions (``_CSRPassthrough``), ``ApiPassthrough`` extensions and
subject (``_APIPassthrough``), both (``_APICSRPassthrough``), and the order of precedence:
template > ApiPassthrough > CSR (fact sheet §2.1)."""

from __future__ import annotations

import base64
import ipaddress
from typing import Any

import pytest
from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID, ExtensionOID, NameOID, ObjectIdentifier

from tests.services.acmpca.pki import (
    NOW,
    TEMPLATE,
    active_root,
    csr,
    error_code,
    extension_of,
    issue,
    issued_certificate,
    message,
)

pytestmark = pytest.mark.certmock(now=NOW)

CUSTOM_OID = ObjectIdentifier("1.3.6.1.4.1.55555.1")
OTHER_CUSTOM_OID = ObjectIdentifier("1.3.6.1.4.1.55555.2")
UTF8_HELLO = b"\x0c\x05hello"  # DER UTF8String "hello"
DER_NULL = b"\x05\x00"
CSR_POLICY = ObjectIdentifier("1.2.3.4")
API_POLICY = ObjectIdentifier("2.23.140.1.2.1")

# A CSR asking for extensions of every kind a template might or might not set.
CSR_WITH_EXTENSIONS = csr(
    "from-the-csr.example.com",
    dns_names=("csr.example.com",),
    extensions=[
        (
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=True,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            True,
        ),
        (x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), False),
        (x509.CertificatePolicies([x509.PolicyInformation(CSR_POLICY, None)]), False),
        (x509.UnrecognizedExtension(CUSTOM_OID, DER_NULL), True),
    ],
)


def issue_with(pca: Any, ca: str, template: str, request: bytes, **overrides: Any) -> Any:
    """The certificate issued with ``template`` (a name) for ``request``."""
    arn = issue(pca, ca, request, TemplateArn=TEMPLATE.format(template), **overrides)
    return issued_certificate(pca, ca, arn)


def key_usage(certificate: x509.Certificate) -> tuple[set[str], bool]:
    found = certificate.extensions.get_extension_for_class(x509.KeyUsage)
    flags = {
        flag
        for flag in (
            "digital_signature",
            "content_commitment",
            "key_encipherment",
            "data_encipherment",
            "key_agreement",
            "key_cert_sign",
            "crl_sign",
        )
        if getattr(found.value, flag)
    }
    return flags, found.critical


def policies(certificate: x509.Certificate) -> list[ObjectIdentifier]:
    found = extension_of(certificate, ExtensionOID.CERTIFICATE_POLICIES)
    return [] if found is None else [policy.policy_identifier for policy in found.value]


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


# -- CSR passthrough -------------------------------------------------------------------------
def test_csr_passthrough_copies_the_csr_extensions_the_template_does_not_set(pca: Any) -> None:
    certificate = issue_with(
        pca, active_root(pca), "EndEntityCertificate_CSRPassthrough", CSR_WITH_EXTENSIONS
    )
    assert policies(certificate) == [CSR_POLICY]
    custom = certificate.extensions.get_extension_for_oid(CUSTOM_OID)
    assert (custom.value.value, custom.critical) == (DER_NULL, True)


def test_csr_passthrough_keeps_the_templates_key_usages(pca: Any) -> None:
    certificate = issue_with(
        pca, active_root(pca), "EndEntityCertificate_CSRPassthrough", CSR_WITH_EXTENSIONS
    )
    assert key_usage(certificate) == ({"digital_signature", "key_encipherment"}, True)
    usage = certificate.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert list(usage) == [ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]


def test_a_blank_csr_passthrough_template_takes_key_usages_from_the_csr(pca: Any) -> None:
    certificate = issue_with(
        pca, active_root(pca), "BlankEndEntityCertificate_CSRPassthrough", CSR_WITH_EXTENSIONS
    )
    assert key_usage(certificate) == ({"content_commitment", "data_encipherment"}, True)
    usage = certificate.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert list(usage) == [ExtendedKeyUsageOID.EMAIL_PROTECTION]


@pytest.mark.parametrize(
    "template", ["EndEntityCertificate", "EndEntityCertificate_APIPassthrough"]
)
def test_other_templates_take_only_the_alternative_names_from_the_csr(
    pca: Any, template: str
) -> None:
    certificate = issue_with(pca, active_root(pca), template, CSR_WITH_EXTENSIONS)
    assert policies(certificate) == []
    assert extension_of(certificate, CUSTOM_OID) is None
    names = certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName)
    assert names.value.get_values_for_type(x509.DNSName) == ["csr.example.com"]


def test_csr_passthrough_does_not_copy_the_csrs_key_identifiers(pca: Any) -> None:
    bogus = x509.SubjectKeyIdentifier(b"\x01" * 20)
    request = csr(extensions=[(bogus, False)])
    certificate = issue_with(
        pca, active_root(pca), "BlankEndEntityCertificate_CSRPassthrough", request
    )
    identifier = certificate.extensions.get_extension_for_class(x509.SubjectKeyIdentifier)
    assert identifier.value == x509.SubjectKeyIdentifier.from_public_key(certificate.public_key())


# -- API passthrough -------------------------------------------------------------------------
EVERY_EXTENSION: dict[str, Any] = {
    "KeyUsage": {"DigitalSignature": True, "NonRepudiation": True},
    "ExtendedKeyUsage": [
        {"ExtendedKeyUsageType": "SERVER_AUTH"},
        {"ExtendedKeyUsageType": "SMART_CARD_LOGIN"},
        {"ExtendedKeyUsageObjectIdentifier": "1.3.6.1.4.1.55555.3"},
    ],
    "CertificatePolicies": [
        {
            "CertPolicyId": API_POLICY.dotted_string,
            "PolicyQualifiers": [
                {
                    "PolicyQualifierId": "CPS",
                    "Qualifier": {"CpsUri": "https://pki.example.com/cps"},
                }
            ],
        },
        {"CertPolicyId": "1.3.6.1.4.1.55555.4"},
    ],
    "SubjectAlternativeNames": [
        {"DnsName": "api.example.com"},
        {"IpAddress": "10.0.0.1"},
        {"IpAddress": "2001:db8::1"},
        {"Rfc822Name": "pki@example.com"},
        {"UniformResourceIdentifier": "spiffe://example.com/service"},
        {"DirectoryName": {"CommonName": "directory", "Country": "DE"}},
        {"RegisteredId": "1.3.6.1.4.1.55555.5"},
        {"OtherName": {"TypeId": "1.3.6.1.4.1.311.20.2.3", "Value": "user@example.com"}},
    ],
    "CustomExtensions": [
        {"ObjectIdentifier": CUSTOM_OID.dotted_string, "Value": b64(UTF8_HELLO), "Critical": True},
        {"ObjectIdentifier": OTHER_CUSTOM_OID.dotted_string, "Value": b64(DER_NULL)},
    ],
}


@pytest.fixture
def api_certificate(pca: Any) -> x509.Certificate:
    """BlankEndEntityCertificate_APIPassthrough with every ApiPassthrough extension."""
    certificate: x509.Certificate = issue_with(
        pca,
        active_root(pca),
        "BlankEndEntityCertificate_APIPassthrough",
        csr(),
        ApiPassthrough={"Extensions": EVERY_EXTENSION},
    )
    return certificate


def test_api_key_usage_is_applied_critical(api_certificate: x509.Certificate) -> None:
    assert key_usage(api_certificate) == ({"digital_signature", "content_commitment"}, True)


def test_api_extended_key_usage_takes_named_types_and_custom_oids(
    api_certificate: x509.Certificate,
) -> None:
    usage = api_certificate.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
    assert list(usage.value) == [
        ExtendedKeyUsageOID.SERVER_AUTH,
        ExtendedKeyUsageOID.SMARTCARD_LOGON,
        ObjectIdentifier("1.3.6.1.4.1.55555.3"),
    ]


def test_api_certificate_policies_carry_their_cps_qualifier(
    api_certificate: x509.Certificate,
) -> None:
    found = api_certificate.extensions.get_extension_for_class(x509.CertificatePolicies).value
    assert [(p.policy_identifier, p.policy_qualifiers) for p in found] == [
        (API_POLICY, ["https://pki.example.com/cps"]),
        (ObjectIdentifier("1.3.6.1.4.1.55555.4"), None),
    ]


def test_api_alternative_names_of_every_kind(api_certificate: x509.Certificate) -> None:
    names = api_certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert names.get_values_for_type(x509.DNSName) == ["api.example.com"]
    assert names.get_values_for_type(x509.IPAddress) == [
        ipaddress.ip_address("10.0.0.1"),
        ipaddress.ip_address("2001:db8::1"),
    ]
    assert names.get_values_for_type(x509.RFC822Name) == ["pki@example.com"]
    assert names.get_values_for_type(x509.UniformResourceIdentifier) == [
        "spiffe://example.com/service"
    ]
    assert [name.rfc4514_string() for name in names.get_values_for_type(x509.DirectoryName)] == [
        "CN=directory,C=DE"
    ]
    assert names.get_values_for_type(x509.RegisteredID) == [ObjectIdentifier("1.3.6.1.4.1.55555.5")]
    (other,) = names.get_values_for_type(x509.OtherName)
    assert other.type_id == ObjectIdentifier("1.3.6.1.4.1.311.20.2.3")
    assert other.value == b"\x0c\x10user@example.com"


def test_api_alternative_names_replace_the_csrs(api_certificate: x509.Certificate) -> None:
    names = api_certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert "service.example.com" not in names.get_values_for_type(x509.DNSName)


def test_custom_extensions_keep_their_value_and_criticality(
    api_certificate: x509.Certificate,
) -> None:
    critical = api_certificate.extensions.get_extension_for_oid(CUSTOM_OID)
    plain = api_certificate.extensions.get_extension_for_oid(OTHER_CUSTOM_OID)
    assert isinstance(critical.value, x509.UnrecognizedExtension)
    assert isinstance(plain.value, x509.UnrecognizedExtension)
    assert (critical.value.value, critical.critical) == (UTF8_HELLO, True)
    assert (plain.value.value, plain.critical) == (DER_NULL, False)


def test_the_api_subject_replaces_the_csrs(pca: Any) -> None:
    certificate = issue_with(
        pca,
        active_root(pca),
        "EndEntityCertificate_APIPassthrough",
        csr(),
        ApiPassthrough={
            "Subject": {"Country": "US", "Organization": "Example", "CommonName": "api-subject"}
        },
    )
    assert certificate.subject.rfc4514_string() == "CN=api-subject,O=Example,C=US"


def test_an_api_subject_of_custom_attributes_keeps_their_order(pca: Any) -> None:
    attributes = [
        {"ObjectIdentifier": "2.5.4.3", "Value": "first"},
        {"ObjectIdentifier": "0.9.2342.19200300.100.1.25", "Value": "example"},
    ]
    certificate = issue_with(
        pca,
        active_root(pca),
        "EndEntityCertificate_APIPassthrough",
        csr(),
        ApiPassthrough={"Subject": {"CustomAttributes": attributes}},
    )
    assert [(a.oid.dotted_string, a.value) for a in certificate.subject] == [
        ("2.5.4.3", "first"),
        (NameOID.DOMAIN_COMPONENT.dotted_string, "example"),
    ]


def test_without_an_api_subject_the_csrs_is_kept(pca: Any) -> None:
    certificate = issue_with(
        pca,
        active_root(pca),
        "EndEntityCertificate_APIPassthrough",
        csr("csr-subject"),
        ApiPassthrough={"Extensions": {"CertificatePolicies": [{"CertPolicyId": "1.2.3"}]}},
    )
    assert certificate.subject.rfc4514_string() == "CN=csr-subject"
    assert policies(certificate) == [ObjectIdentifier("1.2.3")]


@pytest.mark.parametrize(
    "template", ["EndEntityCertificate", "EndEntityCertificate_CSRPassthrough"]
)
def test_api_passthrough_is_ignored_without_an_api_template(pca: Any, template: str) -> None:
    certificate = issue_with(
        pca,
        active_root(pca),
        template,
        csr("csr-subject"),
        ApiPassthrough={
            "Subject": {"CommonName": "api-subject"},
            "Extensions": {
                "CertificatePolicies": [{"CertPolicyId": API_POLICY.dotted_string}],
                "CustomExtensions": [
                    {"ObjectIdentifier": CUSTOM_OID.dotted_string, "Value": b64(DER_NULL)}
                ],
            },
        },
    )
    assert certificate.subject.rfc4514_string() == "CN=csr-subject"
    assert policies(certificate) == []
    assert extension_of(certificate, CUSTOM_OID) is None


# -- precedence: template > ApiPassthrough > CSR -----------------------------------------------
@pytest.fixture
def combined(pca: Any) -> x509.Certificate:
    """EndEntityCertificate_APICSRPassthrough where the template, the API and the CSR all ask
    for a keyUsage, and the API and the CSR both for policies and alternative names."""
    certificate: x509.Certificate = issue_with(
        pca,
        active_root(pca),
        "EndEntityCertificate_APICSRPassthrough",
        CSR_WITH_EXTENSIONS,
        ApiPassthrough={
            "Extensions": {
                "KeyUsage": {"KeyAgreement": True},
                "CertificatePolicies": [{"CertPolicyId": API_POLICY.dotted_string}],
                "SubjectAlternativeNames": [{"DnsName": "api.example.com"}],
            }
        },
    )
    return certificate


def test_the_template_wins_over_the_api_and_the_csr(combined: x509.Certificate) -> None:
    assert key_usage(combined) == ({"digital_signature", "key_encipherment"}, True)


def test_the_api_wins_over_the_csr(combined: x509.Certificate) -> None:
    assert policies(combined) == [API_POLICY]
    names = combined.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert names.get_values_for_type(x509.DNSName) == ["api.example.com"]


def test_what_only_the_csr_asks_for_is_still_copied(combined: x509.Certificate) -> None:
    custom = combined.extensions.get_extension_for_oid(CUSTOM_OID).value
    assert isinstance(custom, x509.UnrecognizedExtension)
    assert custom.value == DER_NULL


def test_a_custom_extension_cannot_override_the_templates_basic_constraints(pca: Any) -> None:
    ca_true = x509.BasicConstraints(ca=True, path_length=None).public_bytes()
    certificate = issue_with(
        pca,
        active_root(pca),
        "BlankEndEntityCertificate_APIPassthrough",
        csr(),
        ApiPassthrough={
            "Extensions": {
                "CustomExtensions": [
                    {"ObjectIdentifier": "2.5.29.19", "Value": b64(ca_true), "Critical": True}
                ]
            }
        },
    )
    constraints = certificate.extensions.get_extension_for_class(x509.BasicConstraints)
    assert not constraints.value.ca


def test_a_custom_extension_of_a_known_type_is_issued_readable(pca: Any) -> None:
    # The user guide's example: name constraints on a subordinate CA, as a custom extension.
    constraints = x509.NameConstraints(
        permitted_subtrees=[x509.DNSName("example.com")], excluded_subtrees=None
    )
    certificate = issue_with(
        pca,
        active_root(pca),
        "BlankSubordinateCACertificate_PathLen0_APIPassthrough",
        csr(),
        ApiPassthrough={
            "Extensions": {
                "CustomExtensions": [
                    {
                        "ObjectIdentifier": "2.5.29.30",
                        "Value": b64(constraints.public_bytes()),
                        "Critical": True,
                    }
                ]
            }
        },
    )
    found = certificate.extensions.get_extension_for_class(x509.NameConstraints)
    assert found.critical
    assert found.value == constraints


# -- refusals ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("extensions", "code", "mentioned"),
    [
        (
            {"SubjectAlternativeNames": [{"DnsName": "a.example.com", "IpAddress": "10.0.0.1"}]},
            "InvalidArgsException",
            "exactly one member",
        ),
        (
            {"SubjectAlternativeNames": [{"IpAddress": "10.0.0.300"}]},
            "InvalidArgsException",
            "10.0.0.300",
        ),
        (
            {
                "CustomExtensions": [
                    {"ObjectIdentifier": CUSTOM_OID.dotted_string, "Value": b64(DER_NULL)},
                    {"ObjectIdentifier": CUSTOM_OID.dotted_string, "Value": b64(UTF8_HELLO)},
                ]
            },
            "InvalidArgsException",
            "given twice",
        ),
        (
            {"ExtendedKeyUsage": [{"ExtendedKeyUsageObjectIdentifier": "1.2." + "9" * 40}]},
            "InvalidArgsException",
            "not a valid object identifier",
        ),
        (
            {
                "ExtendedKeyUsage": [
                    {
                        "ExtendedKeyUsageType": "SERVER_AUTH",
                        "ExtendedKeyUsageObjectIdentifier": "1.2.3",
                    }
                ]
            },
            "InvalidArgsException",
            "exactly one of",
        ),
        (
            {"KeyUsage": {"EncipherOnly": True}},
            "InvalidArgsException",
            "KeyAgreement",
        ),
        (
            {"CustomExtensions": [{"ObjectIdentifier": "2.5.29.17", "Value": b64(DER_NULL)}]},
            "InvalidArgsException",
            "not the DER its ObjectIdentifier's extension requires",
        ),
        # Values outside the model's patterns fail its validation before any X.509 rule.
        (
            {"CustomExtensions": [{"ObjectIdentifier": "1.2.3", "Value": "not base64!"}]},
            "ValidationException",
            "regular expression pattern",
        ),
        (
            {"CertificatePolicies": [{"CertPolicyId": "7.1.2"}]},
            "ValidationException",
            "regular expression pattern",
        ),
    ],
    ids=[
        "general-name-with-two-members",
        "bad-ip-address",
        "custom-oid-twice",
        "oid-too-large-to-encode",
        "eku-type-and-oid",
        "encipher-only-without-key-agreement",
        "custom-value-unreadable-for-its-oid",
        "custom-value-not-base64",
        "oid-outside-the-pattern",
    ],
)
def test_invalid_api_passthrough_extensions_are_refused(
    pca: Any, extensions: dict[str, Any], code: str, mentioned: str
) -> None:
    root = active_root(pca)
    with pytest.raises(pca.exceptions.ClientError) as raised:
        issue(
            pca,
            root,
            TemplateArn=TEMPLATE.format("BlankEndEntityCertificate_APIPassthrough"),
            ApiPassthrough={"Extensions": extensions},
        )
    assert error_code(raised) == code
    assert mentioned in message(raised)


def test_an_api_subject_mixing_custom_and_standard_attributes_is_refused(pca: Any) -> None:
    root = active_root(pca)
    with pytest.raises(pca.exceptions.InvalidArgsException) as raised:
        issue(
            pca,
            root,
            TemplateArn=TEMPLATE.format("EndEntityCertificate_APIPassthrough"),
            ApiPassthrough={
                "Subject": {
                    "CommonName": "x",
                    "CustomAttributes": [{"ObjectIdentifier": "2.5.4.3", "Value": "y"}],
                }
            },
        )
    assert "CustomAttributes" in message(raised)
