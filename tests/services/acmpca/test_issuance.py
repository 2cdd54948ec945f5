"""IssueCertificate and GetCertificate from ACTIVE CAs: revocation pointers, validity, signing
algorithms, CSRs, CA states, path lengths, shared CAs, idempotency, serials and chains."""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509.oid import AuthorityInformationAccessOID, ExtensionOID

from certmock import Mock
from certmock.pki.keys import ml_dsa_in_x509
from tests.helpers import REGION, create_ca, describe
from tests.model_facts import input_member, maximum, needs_enum_values, needs_member
from tests.pki_factory import external_root, sign_subordinate
from tests.services.acmpca.pki import (
    BUCKET,
    NOW,
    TEMPLATE,
    active_root,
    active_subordinate,
    ca_certificate,
    ca_id,
    configuration,
    crl_enabled,
    crl_url,
    csr,
    error_code,
    extension_of,
    fetch,
    issue,
    issued_certificate,
    message,
    revoke,
    serial_of,
)

pytestmark = pytest.mark.certmock(now=NOW)
UTC = dt.timezone.utc
OTHER_ACCOUNT = "210987654321"


def distribution_point(certificate: x509.Certificate) -> str | None:
    found = extension_of(certificate, ExtensionOID.CRL_DISTRIBUTION_POINTS)
    if found is None:
        return None
    (point,) = found.value
    (name,) = point.full_name
    url: str = name.value
    return url


def ocsp_url(certificate: x509.Certificate) -> str | None:
    found = extension_of(certificate, ExtensionOID.AUTHORITY_INFORMATION_ACCESS)
    if found is None:
        return None
    (access,) = found.value
    assert access.access_method == AuthorityInformationAccessOID.OCSP
    url: str = access.access_location.value
    return url


def leaf_of(pca: Any, **revocation: Any) -> tuple[str, x509.Certificate]:
    """(root ARN, an end-entity certificate from an ACTIVE root with ``revocation`` config)."""
    root = active_root(pca, RevocationConfiguration=revocation)
    return root, issued_certificate(pca, root, issue(pca, root))


# -- CRL distribution point and OCSP -----------------------------------------------------------
def test_the_crl_distribution_point_is_the_buckets_virtual_hosted_url(pca: Any) -> None:
    root, leaf = leaf_of(pca, **crl_enabled())
    assert distribution_point(leaf) == (
        f"http://{BUCKET}.s3.eu-west-1.amazonaws.com/crl/{ca_id(root)}.crl"
    )


@pytest.mark.parametrize(
    ("settings", "url"),
    [
        ({"CustomCname": "crl.example.com"}, "http://crl.example.com/crl/{id}.crl"),
        pytest.param(
            {"CustomPath": "pki/crls"},
            f"http://{BUCKET}.s3.eu-west-1.amazonaws.com/pki/crls/{{id}}.crl",
            marks=needs_member("acm-pca", "CrlConfiguration", "CustomPath"),
        ),
        pytest.param(
            {"CustomCname": "crl.example.com", "CustomPath": "revoked"},
            "http://crl.example.com/revoked/{id}.crl",
            marks=needs_member("acm-pca", "CrlConfiguration", "CustomPath"),
        ),
    ],
    ids=["custom-cname", "custom-path", "both"],
)
def test_the_crl_distribution_point_follows_custom_cname_and_path(
    pca: Any, settings: dict[str, str], url: str
) -> None:
    root, leaf = leaf_of(pca, **crl_enabled(**settings))
    assert distribution_point(leaf) == url.format(id=ca_id(root))


@needs_member("acm-pca", "CrlConfiguration", "CrlType")
def test_a_partitioned_crl_is_named_by_a_partition_id_shared_by_the_cas_certificates(
    pca: Any,
) -> None:
    root = active_root(pca, RevocationConfiguration=crl_enabled(CrlType="PARTITIONED"))
    first, second = (issued_certificate(pca, root, issue(pca, root)) for _ in range(2))
    url = distribution_point(first)
    assert url is not None
    match = re.fullmatch(
        rf"http://{BUCKET}\.s3\.eu-west-1\.amazonaws\.com/crl/([0-9a-f-]{{36}})\.crl", url
    )
    assert match is not None
    assert match[1] != ca_id(root)
    assert distribution_point(second) == url


@pytest.mark.parametrize(
    "revocation",
    [
        crl_enabled(CrlDistributionPointExtensionConfiguration={"OmitExtension": True}),
        {"CrlConfiguration": {"Enabled": False}},
        {},
    ],
    ids=["omit-extension", "crl-disabled", "no-configuration"],
)
def test_no_crl_distribution_point_without_a_crl_to_point_at(
    pca: Any, revocation: dict[str, Any]
) -> None:
    _, leaf = leaf_of(pca, **revocation)
    assert distribution_point(leaf) is None


@pytest.mark.parametrize(
    ("ocsp", "url"),
    [
        ({"Enabled": True}, f"http://ocsp.acm-pca.{REGION}.amazonaws.com"),
        ({"Enabled": True, "OcspCustomCname": "ocsp.example.com"}, "http://ocsp.example.com"),
        ({"Enabled": False}, None),
    ],
    ids=["default-responder", "custom-cname", "disabled"],
)
def test_the_ocsp_responder_is_in_authority_information_access(
    pca: Any, ocsp: dict[str, Any], url: str | None
) -> None:
    _, leaf = leaf_of(pca, OcspConfiguration=ocsp)
    assert ocsp_url(leaf) == url


def test_a_ca_in_china_uses_its_partitions_hosts_and_templates(certmock: Mock) -> None:
    china = boto3.client("acm-pca", region_name="cn-north-1")
    root = active_root(
        china,
        RevocationConfiguration={**crl_enabled(), "OcspConfiguration": {"Enabled": True}},
        KeyStorageSecurityStandard="CCPC_LEVEL_1_OR_HIGHER",
    )
    assert root.startswith("arn:aws-cn:acm-pca:cn-north-1:")
    leaf = issued_certificate(china, root, issue(china, root))
    assert distribution_point(leaf) == (
        f"http://{BUCKET}.s3.cn-north-1.amazonaws.com.cn/crl/{ca_id(root)}.crl"
    )
    assert ocsp_url(leaf) == "http://ocsp.acm-pca.cn-north-1.amazonaws.com.cn"
    with pytest.raises(china.exceptions.InvalidArgsException) as raised:
        issue(china, root, TemplateArn=TEMPLATE.format("EndEntityCertificate"))
    assert "partition aws" in message(raised)


def test_a_crl_enabled_by_update_is_pointed_at_by_later_certificates(pca: Any) -> None:
    root = active_root(pca)
    before = issued_certificate(pca, root, issue(pca, root))
    pca.update_certificate_authority(
        CertificateAuthorityArn=root, RevocationConfiguration=crl_enabled()
    )
    after = issued_certificate(pca, root, issue(pca, root))
    assert distribution_point(before) is None
    assert distribution_point(after) == crl_url(root)


# -- validity --------------------------------------------------------------------------------
def not_after(pca: Any, ca: str, **overrides: Any) -> dt.datetime:
    return issued_certificate(pca, ca, issue(pca, ca, **overrides)).not_valid_after_utc


@pytest.mark.certmock(now="2026-01-31T12:00:00Z")
def test_months_are_counted_on_the_calendar_to_the_end_of_a_shorter_month(pca: Any) -> None:
    root = active_root(pca)
    assert not_after(pca, root, Validity={"Type": "MONTHS", "Value": 1}) == dt.datetime(
        2026, 2, 28, 12, tzinfo=UTC
    )


@pytest.mark.certmock(now="2028-02-29T00:00:00Z")
def test_a_year_after_a_leap_day_ends_on_the_28th(pca: Any) -> None:
    root = active_root(pca)
    assert not_after(pca, root, Validity={"Type": "YEARS", "Value": 1}) == dt.datetime(
        2029, 2, 28, tzinfo=UTC
    )


@pytest.mark.parametrize(
    ("validity", "ends"),
    [
        ({"Type": "DAYS", "Value": 90}, NOW + dt.timedelta(days=90)),
        ({"Type": "END_DATE", "Value": 300101000000}, dt.datetime(2030, 1, 1, tzinfo=UTC)),
        ({"Type": "END_DATE", "Value": 20300101000000}, dt.datetime(2030, 1, 1, tzinfo=UTC)),
        ({"Type": "END_DATE", "Value": 280229120000}, dt.datetime(2028, 2, 29, 12, tzinfo=UTC)),
        ({"Type": "ABSOLUTE", "Value": 1893456000}, dt.datetime(2030, 1, 1, tzinfo=UTC)),
    ],
    ids=["days", "end-date-utctime", "end-date-generalizedtime", "end-date-leap-day", "absolute"],
)
def test_an_end_entity_certificate_ends_when_its_validity_says(
    pca: Any, validity: dict[str, Any], ends: dt.datetime
) -> None:
    assert not_after(pca, active_root(pca), Validity=validity) == ends


@pytest.mark.parametrize(
    "not_before",
    [
        {"Type": "ABSOLUTE", "Value": int(dt.datetime(2025, 12, 1, tzinfo=UTC).timestamp())},
        {"Type": "END_DATE", "Value": 251201000000},
    ],
    ids=["absolute", "end-date"],
)
def test_validity_not_before_moves_the_start_but_not_a_relative_end(
    pca: Any, not_before: dict[str, Any]
) -> None:
    root = active_root(pca)
    certificate = issued_certificate(
        pca,
        root,
        issue(pca, root, Validity={"Type": "DAYS", "Value": 10}, ValidityNotBefore=not_before),
    )
    assert certificate.not_valid_before_utc == dt.datetime(2025, 12, 1, tzinfo=UTC)
    assert certificate.not_valid_after_utc == NOW + dt.timedelta(days=10)


def test_a_utctime_end_date_before_1950_ends_before_it_starts(pca: Any) -> None:
    # YY >= 50 is 19YY: 991231235959 is 1999-12-31, long before the certificate would start.
    with pytest.raises(pca.exceptions.InvalidArgsException) as raised:
        issue(pca, active_root(pca), Validity={"Type": "END_DATE", "Value": 991231235959})
    assert "1999-12-31T23:59:59Z" in message(raised)


def test_a_certificate_outliving_the_ca_is_a_validation_error(pca: Any) -> None:
    root = active_root(pca, years=1)
    with pytest.raises(pca.exceptions.ClientError) as raised:
        issue(pca, root, Validity={"Type": "DAYS", "Value": 366})
    assert error_code(raised) == "ValidationException"
    assert "2027-01-01T00:00:00Z" in message(raised)


def test_an_end_entity_certificate_may_end_with_its_ca(pca: Any) -> None:
    root = active_root(pca, years=1)
    assert (
        not_after(pca, root, Validity={"Type": "YEARS", "Value": 1})
        == ca_certificate(pca, root).not_valid_after_utc
    )


@pytest.mark.parametrize(
    "template",
    ["SubordinateCACertificate_PathLen0", "BlankSubordinateCACertificate_PathLen0_APIPassthrough"],
)
def test_a_ca_certificate_must_end_before_its_issuer(pca: Any, template: str) -> None:
    root = active_root(pca, years=1)
    with pytest.raises(pca.exceptions.ClientError) as raised:
        issue(
            pca, root, TemplateArn=TEMPLATE.format(template), Validity={"Type": "YEARS", "Value": 1}
        )
    assert error_code(raised) == "ValidationException"
    ends_earlier = issue(
        pca, root, TemplateArn=TEMPLATE.format(template), Validity={"Type": "DAYS", "Value": 364}
    )
    assert ends_earlier.startswith(root)


def short_lived_root(pca: Any) -> str:
    return active_root(pca, UsageMode="SHORT_LIVED_CERTIFICATE")


def test_a_short_lived_ca_issues_for_seven_days(pca: Any) -> None:
    root = short_lived_root(pca)
    assert not_after(pca, root, Validity={"Type": "DAYS", "Value": 7}) == NOW + dt.timedelta(days=7)


def test_a_short_lived_ca_refuses_more_than_seven_days(pca: Any) -> None:
    root = short_lived_root(pca)
    with pytest.raises(pca.exceptions.InvalidArgsException) as raised:
        issue(pca, root, Validity={"Type": "DAYS", "Value": 8})
    assert "SHORT_LIVED_CERTIFICATE" in message(raised)


# -- signing algorithms and key algorithms -------------------------------------------------------
@pytest.mark.parametrize(
    ("key_algorithm", "signing_algorithm", "asked", "valid"),
    [
        (
            "RSA_2048",
            "SHA256WITHRSA",
            "SHA384WITHECDSA",
            "SHA256WITHRSA, SHA384WITHRSA, SHA512WITHRSA",
        ),
        (
            "EC_prime256v1",
            "SHA256WITHECDSA",
            "SHA256WITHRSA",
            "SHA256WITHECDSA, SHA384WITHECDSA, SHA512WITHECDSA",
        ),
    ],
)
def test_a_signing_algorithm_of_another_family_is_refused_in_awss_words(
    pca: Any, key_algorithm: str, signing_algorithm: str, asked: str, valid: str
) -> None:
    root = active_root(
        pca, CertificateAuthorityConfiguration=configuration(key_algorithm, signing_algorithm)
    )
    with pytest.raises(pca.exceptions.InvalidArgsException) as raised:
        issue(pca, root, SigningAlgorithm=asked)
    assert message(raised) == (
        f"Signing algorithm {asked} cannot be used with key type {key_algorithm}. "
        f"Valid signing algorithms are: {valid}."
    )


def key_pair(key_algorithm: str, signing_algorithm: str, *marks: pytest.MarkDecorator) -> Any:
    """A (key, signing) algorithm parameter, skipped where the model lacks either name."""
    return pytest.param(
        key_algorithm,
        signing_algorithm,
        marks=[
            needs_enum_values("acm-pca", "KeyAlgorithm", key_algorithm),
            needs_enum_values("acm-pca", "SigningAlgorithm", signing_algorithm),
            *marks,
        ],
    )


KEY_ALGORITHMS = [
    key_pair("RSA_2048", "SHA256WITHRSA"),
    key_pair("RSA_3072", "SHA384WITHRSA"),
    key_pair("RSA_4096", "SHA512WITHRSA"),
    key_pair("EC_prime256v1", "SHA256WITHECDSA"),
    key_pair("EC_secp384r1", "SHA384WITHECDSA"),
    key_pair("EC_secp521r1", "SHA512WITHECDSA"),
    *(
        key_pair(
            name,
            name,
            pytest.mark.skipif(
                not ml_dsa_in_x509(), reason="this cryptography cannot sign X.509 with ML-DSA"
            ),
        )
        for name in ("ML_DSA_44", "ML_DSA_65", "ML_DSA_87")
    ),
]


@pytest.mark.parametrize(("key_algorithm", "signing_algorithm"), KEY_ALGORITHMS)
def test_every_key_algorithm_issues_a_certificate_that_verifies(
    pca: Any, key_algorithm: str, signing_algorithm: str
) -> None:
    root = active_root(
        pca, CertificateAuthorityConfiguration=configuration(key_algorithm, signing_algorithm)
    )
    leaf, chain = fetch(pca, root, issue(pca, root, SigningAlgorithm=signing_algorithm))
    leaf.verify_directly_issued_by(chain[0])
    if key_algorithm.startswith(("RSA", "EC")):
        expected_hash = {"256": hashes.SHA256, "384": hashes.SHA384, "512": hashes.SHA512}[
            signing_algorithm[3:6]
        ]
        assert isinstance(leaf.signature_hash_algorithm, expected_hash)
    else:
        assert leaf.signature_hash_algorithm is None


# -- CSRs ------------------------------------------------------------------------------------------
def tampered(request: bytes) -> bytes:
    """The CSR with the last byte of its signature changed (so it no longer verifies)."""
    der = bytearray(x509.load_pem_x509_csr(request).public_bytes(serialization.Encoding.DER))
    der[-1] ^= 0x01
    return x509.load_der_x509_csr(bytes(der)).public_bytes(serialization.Encoding.PEM)


@pytest.mark.parametrize(
    ("request_pem", "mentioned"),
    [
        (
            b"-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n",
            "parsed",
        ),
        (tampered(csr()), "signature"),
        (csr(None), "neither a subject name nor a subjectAltName"),
    ],
    ids=["unparsable", "bad-signature", "no-subject-no-san"],
)
def test_an_unusable_csr_is_malformed(pca: Any, request_pem: bytes, mentioned: str) -> None:
    root = active_root(pca)
    with pytest.raises(pca.exceptions.MalformedCSRException) as raised:
        issue(pca, root, request_pem)
    assert mentioned in message(raised)


def test_a_csr_over_the_models_size_limit_is_a_validation_error(pca: Any) -> None:
    root = active_root(pca)
    limit = maximum(input_member("acm-pca", "IssueCertificate", "Csr"))
    # Padding after the PEM block keeps it a CSR; only its size is wrong.
    # One CSR, padded: ECDSA signatures vary in length, so two csr() calls may differ in size.
    request = csr()
    oversized = request + b"\n" * (limit - len(request) + 1)
    with pytest.raises(ClientError) as raised:
        issue(pca, root, oversized)
    assert error_code(raised) == "ValidationException"
    assert f"Member must have length less than or equal to {limit}" in message(raised)


def test_a_csr_with_only_alternative_names_is_accepted(pca: Any) -> None:
    root = active_root(pca)
    leaf = issued_certificate(
        pca, root, issue(pca, root, csr(None, dns_names=("only.example.com",)))
    )
    assert len(leaf.subject) == 0
    names = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert names.get_values_for_type(x509.DNSName) == ["only.example.com"]


def test_a_base64_encoded_pem_csr_is_accepted(pca: Any) -> None:
    root = active_root(pca)
    request = csr("wrapped.example.com")
    leaf = issued_certificate(pca, root, issue(pca, root, base64.b64encode(request)))
    assert leaf.subject.rfc4514_string() == "CN=wrapped.example.com"


# -- CA status and templates ---------------------------------------------------------------------
def pending_subordinate(pca: Any) -> str:
    return create_ca(pca, CertificateAuthorityType="SUBORDINATE")


def disabled_root(pca: Any) -> str:
    root = active_root(pca)
    pca.update_certificate_authority(CertificateAuthorityArn=root, Status="DISABLED")
    return root


def deleted_root(pca: Any) -> str:
    root = disabled_root(pca)
    pca.delete_certificate_authority(CertificateAuthorityArn=root)
    return root


def expired_root(pca: Any, certmock: Mock) -> str:
    root = active_root(pca, years=1)
    certmock.clock.advance(days=366)
    return root


@pytest.mark.parametrize(
    ("make", "status"),
    [
        (lambda pca, _: pending_subordinate(pca), "PENDING_CERTIFICATE"),
        (lambda pca, _: disabled_root(pca), "DISABLED"),
        (expired_root, "EXPIRED"),
        (lambda pca, _: deleted_root(pca), "DELETED"),
    ],
    ids=["pending", "disabled", "expired", "deleted"],
)
def test_only_an_active_ca_issues(pca: Any, certmock: Mock, make: Any, status: str) -> None:
    ca = make(pca, certmock)
    assert describe(pca, ca)["Status"] == status
    with pytest.raises(pca.exceptions.InvalidStateException) as raised:
        issue(pca, ca, Validity={"Type": "DAYS", "Value": 1})
    assert message(raised).startswith(
        "The certificate authority is not in a valid state for issuing certificates."
    )
    assert status in message(raised)


@pytest.mark.parametrize(
    "template_arn",
    [
        "arn:aws:acm-pca:::template/NoSuchCertificate/V1",
        "arn:aws:acm-pca:::template/EndEntityCertificate/V2",
        "arn:aws:acm-pca:eu-west-1:123456789012:template/EndEntityCertificate/V1",
        "arn:aws-cn:acm-pca:::template/EndEntityCertificate/V1",
    ],
    ids=["unknown-name", "unknown-version", "with-region-and-account", "other-partition"],
)
def test_a_template_arn_naming_no_template_is_invalid(pca: Any, template_arn: str) -> None:
    root = active_root(pca)
    with pytest.raises(pca.exceptions.InvalidArgsException) as raised:
        issue(pca, root, TemplateArn=template_arn)
    assert template_arn in message(raised)


def test_without_a_template_arn_end_entity_certificate_is_used(pca: Any, certmock: Mock) -> None:
    root = active_root(pca)
    issue(pca, root)
    report = pca.create_certificate_authority_audit_report(
        CertificateAuthorityArn=root, S3BucketName="audit", AuditReportResponseFormat="JSON"
    )
    certmock.clock.advance(minutes=1)
    rows = json.loads(certmock.objects.get("audit", report["S3Key"]))
    assert rows[-1]["templateArn"] == "arn:aws:acm-pca:::template/EndEntityCertificate/V1"


# -- path lengths --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("issuer_path_length", "requested"),
    [(0, 0), (1, 1), (2, 2), (1, 3), (2, 3)],
)
def test_a_subordinate_may_not_allow_a_longer_path_than_its_issuer(
    pca: Any, issuer_path_length: int, requested: int
) -> None:
    issuer = active_subordinate(
        pca, active_root(pca), template=f"SubordinateCACertificate_PathLen{issuer_path_length}"
    )
    for template in (
        f"SubordinateCACertificate_PathLen{requested}",
        f"BlankSubordinateCACertificate_PathLen{requested}_CSRPassthrough",
    ):
        with pytest.raises(pca.exceptions.InvalidArgsException) as raised:
            issue(pca, issuer, TemplateArn=TEMPLATE.format(template))
        assert f"path length constraint of {issuer_path_length}" in message(raised)


@pytest.mark.parametrize("path_length", [1, 2, 3])
def test_a_subordinate_may_allow_one_less_than_its_issuer(pca: Any, path_length: int) -> None:
    issuer = active_subordinate(
        pca, active_root(pca), template=f"SubordinateCACertificate_PathLen{path_length}"
    )
    below = issued_certificate(
        pca,
        issuer,
        issue(
            pca,
            issuer,
            TemplateArn=TEMPLATE.format(f"SubordinateCACertificate_PathLen{path_length - 1}"),
        ),
    )
    assert below.extensions.get_extension_for_class(x509.BasicConstraints).value.path_length == (
        path_length - 1
    )


def test_a_path_length_zero_ca_still_issues_end_entity_certificates(pca: Any) -> None:
    issuer = active_subordinate(pca, active_root(pca))
    leaf, chain = fetch(pca, issuer, issue(pca, issuer))
    leaf.verify_directly_issued_by(chain[0])


# -- shared CAs ----------------------------------------------------------------------------------
def shared_root(pca: Any, actions: list[str]) -> str:
    root = active_root(pca)
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": OTHER_ACCOUNT},
                "Action": [f"acm-pca:{action}" for action in actions],
                "Resource": root,
            }
        ],
    }
    pca.put_policy(ResourceArn=root, Policy=json.dumps(policy))
    return root


def other_account_client() -> Any:
    return boto3.client(
        "acm-pca",
        region_name=REGION,
        aws_access_key_id=OTHER_ACCOUNT,
        aws_secret_access_key="x",
    )


@pytest.mark.parametrize(
    "template",
    [
        "EndEntityCertificate",
        "EndEntityClientAuthCertificate",
        "EndEntityServerAuthCertificate",
        "BlankEndEntityCertificate_APICSRPassthrough",
    ],
)
def test_a_shared_ca_issues_to_another_account_with_the_allowed_templates(
    pca: Any, template: str
) -> None:
    root = shared_root(pca, ["IssueCertificate", "GetCertificate"])
    other = other_account_client()
    certificate_arn = issue(other, root, TemplateArn=TEMPLATE.format(template))
    leaf, chain = fetch(other, root, certificate_arn)
    leaf.verify_directly_issued_by(chain[0])
    assert fetch(pca, root, certificate_arn)[0] == leaf


@pytest.mark.parametrize(
    "template",
    [
        "CodeSigningCertificate",
        "EndEntityCertificate_APIPassthrough",
        "SubordinateCACertificate_PathLen0",
        "BlankEndEntityCertificate_CSRPassthrough",
    ],
)
def test_other_templates_are_denied_to_another_account(pca: Any, template: str) -> None:
    root = shared_root(pca, ["IssueCertificate"])
    with pytest.raises(pca.exceptions.ClientError) as raised:
        issue(other_account_client(), root, TemplateArn=TEMPLATE.format(template))
    assert error_code(raised) == "AccessDeniedException"
    assert "EndEntityCertificate/V1" in message(raised)


def test_a_ca_not_shared_for_issuing_is_denied_to_another_account(pca: Any) -> None:
    root = shared_root(pca, ["GetCertificate"])
    with pytest.raises(pca.exceptions.ClientError) as raised:
        issue(other_account_client(), root)
    assert error_code(raised) == "AccessDeniedException"
    assert "acm-pca:IssueCertificate" in message(raised)


@needs_member("acm-pca", "CrlConfiguration", "CrlType")
def test_a_shared_cas_certificates_all_point_at_one_partitioned_crl(pca: Any) -> None:
    root = active_root(pca, RevocationConfiguration=crl_enabled(CrlType="PARTITIONED"))
    pca.put_policy(
        ResourceArn=root,
        Policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"AWS": OTHER_ACCOUNT},
                        "Action": ["acm-pca:IssueCertificate", "acm-pca:GetCertificate"],
                        "Resource": root,
                    }
                ],
            }
        ),
    )
    own = issued_certificate(pca, root, issue(pca, root))
    theirs = issued_certificate(pca, root, issue(other_account_client(), root))
    assert distribution_point(theirs) == distribution_point(own)


# -- idempotency, serials, ARNs -------------------------------------------------------------
def test_an_idempotency_token_belongs_to_one_ca(pca: Any) -> None:
    first, second = active_root(pca), active_root(pca)
    one = issue(pca, first, IdempotencyToken="token")
    other = issue(pca, second, IdempotencyToken="token")
    assert serial_of(one) != serial_of(other)
    assert issue(pca, first, IdempotencyToken="token") == one


def test_a_repeated_token_issues_nothing_new_even_for_another_csr(pca: Any, certmock: Mock) -> None:
    # Same token, different request: AWS's answer is undocumented; the first certificate.
    root = active_root(pca)
    first = issue(pca, root, IdempotencyToken="token")
    issuance_events = len(certmock.events)
    certmock.clock.advance(minutes=4, seconds=59)
    assert issue(pca, root, csr("another.example.com"), IdempotencyToken="token") == first
    assert len(certmock.events) == issuance_events


def test_serials_are_unique_and_the_arn_carries_them_in_32_lowercase_hex_digits(pca: Any) -> None:
    root = active_root(pca)
    serials = set()
    for _ in range(40):
        certificate_arn = issue(pca, root)
        serial = issued_certificate(pca, root, certificate_arn).serial_number
        assert 0 < serial < 2**128
        assert re.fullmatch(r"[0-9a-f]{32}", serial_of(certificate_arn))
        assert certificate_arn == f"{root}/certificate/{serial:032x}"
        serials.add(serial)
    assert len(serials) == 40


# -- GetCertificate ------------------------------------------------------------------------------
def test_the_chain_of_a_roots_certificate_is_the_root(pca: Any) -> None:
    root = active_root(pca)
    _, chain = fetch(pca, root, issue(pca, root))
    assert chain == [ca_certificate(pca, root)]


def test_the_chain_of_a_subordinates_certificate_runs_up_to_the_root(pca: Any) -> None:
    root = active_root(pca)
    subordinate = active_subordinate(pca, root)
    leaf, chain = fetch(pca, subordinate, issue(pca, subordinate))
    assert chain == [ca_certificate(pca, subordinate), ca_certificate(pca, root)]
    leaf.verify_directly_issued_by(chain[0])
    chain[0].verify_directly_issued_by(chain[1])


@pytest.mark.parametrize(
    "suffix", ["not-hex", "0x1234", "12_34"], ids=["not-hex", "0x", "underscore"]
)
def test_a_malformed_certificate_arn_is_invalid(pca: Any, suffix: str) -> None:
    root = active_root(pca)
    with pytest.raises(pca.exceptions.InvalidArnException):
        pca.get_certificate(
            CertificateAuthorityArn=root, CertificateArn=f"{root}/certificate/{suffix}"
        )


def test_a_revoked_certificate_is_still_returned(pca: Any) -> None:
    root = active_root(pca)
    certificate_arn = issue(pca, root)
    before = fetch(pca, root, certificate_arn)
    revoke(pca, root, certificate_arn)
    assert fetch(pca, root, certificate_arn) == before


def test_an_expired_certificate_is_still_returned(pca: Any, certmock: Mock) -> None:
    root = active_root(pca)
    certificate_arn = issue(pca, root, Validity={"Type": "DAYS", "Value": 1})
    before = fetch(pca, root, certificate_arn)
    certmock.clock.advance(days=2)
    assert fetch(pca, root, certificate_arn) == before


def test_certificates_of_an_expired_ca_are_still_returned(pca: Any, certmock: Mock) -> None:
    root = active_root(pca, years=1)
    certificate_arn = issue(pca, root)
    certmock.clock.advance(days=400)
    assert describe(pca, root)["Status"] == "EXPIRED"
    assert fetch(pca, root, certificate_arn)[0].not_valid_after_utc < certmock.clock.now()


# -- subordinate flows ---------------------------------------------------------------------------
@pytest.mark.parametrize("path_length", [0, 1, 2, 3])
def test_a_certmock_subordinate_issues_certificates_that_chain_to_the_root(
    pca: Any, path_length: int
) -> None:
    root = active_root(pca)
    subordinate = active_subordinate(
        pca, root, template=f"SubordinateCACertificate_PathLen{path_length}"
    )
    sub_certificate = ca_certificate(pca, subordinate)
    constraints = sub_certificate.extensions.get_extension_for_class(x509.BasicConstraints)
    assert constraints.value.path_length == path_length
    leaf, chain = fetch(pca, subordinate, issue(pca, subordinate))
    assert chain == [sub_certificate, ca_certificate(pca, root)]
    leaf.verify_directly_issued_by(sub_certificate)
    sub_certificate.verify_directly_issued_by(chain[1])
    assert leaf.issuer == sub_certificate.subject


def test_a_two_level_subordinate_chain_lists_every_ca(pca: Any) -> None:
    root = active_root(pca)
    middle = active_subordinate(pca, root, template="SubordinateCACertificate_PathLen1", years=5)
    lowest = active_subordinate(pca, middle, years=4)
    leaf, chain = fetch(pca, lowest, issue(pca, lowest))
    assert chain == [
        ca_certificate(pca, lowest),
        ca_certificate(pca, middle),
        ca_certificate(pca, root),
    ]
    for child, parent in zip([leaf, *chain], chain, strict=False):
        child.verify_directly_issued_by(parent)


def test_a_subordinate_signed_by_an_external_ca_issues_certificates_chaining_to_it(
    pca: Any,
) -> None:
    subordinate = create_ca(pca, CertificateAuthorityType="SUBORDINATE")
    own_csr = pca.get_certificate_authority_csr(CertificateAuthorityArn=subordinate)["Csr"]
    external_key, external_pem = external_root()
    pca.import_certificate_authority_certificate(
        CertificateAuthorityArn=subordinate,
        Certificate=sign_subordinate(own_csr.encode(), external_key, external_pem),
        CertificateChain=external_pem,
    )
    leaf, chain = fetch(pca, subordinate, issue(pca, subordinate))
    external = x509.load_pem_x509_certificate(external_pem)
    assert chain == [ca_certificate(pca, subordinate), external]
    leaf.verify_directly_issued_by(chain[0])
    chain[0].verify_directly_issued_by(external)


def test_a_renewed_subordinate_stays_active_and_signs_with_its_new_certificate(
    pca: Any, certmock: Mock
) -> None:
    root = active_root(pca)
    subordinate = active_subordinate(pca, root, years=1)
    old = describe(pca, subordinate)
    earlier = issue(pca, subordinate, Validity={"Type": "DAYS", "Value": 300})
    certmock.clock.advance(days=200)
    renewed_arn = issue(
        pca,
        root,
        pca.get_certificate_authority_csr(CertificateAuthorityArn=subordinate)["Csr"].encode(),
        TemplateArn=TEMPLATE.format("SubordinateCACertificate_PathLen0"),
        Validity={"Type": "YEARS", "Value": 2},
    )
    renewed = pca.get_certificate(CertificateAuthorityArn=root, CertificateArn=renewed_arn)
    pca.import_certificate_authority_certificate(
        CertificateAuthorityArn=subordinate,
        Certificate=renewed["Certificate"],
        CertificateChain=renewed["CertificateChain"],
    )
    found = describe(pca, subordinate)
    assert found["Status"] == "ACTIVE"
    assert found["Serial"] != old["Serial"]
    assert found["NotAfter"] == (NOW + dt.timedelta(days=200)).replace(year=2028)
    # A certificate valid past the old CA certificate's end is now possible.
    leaf, chain = fetch(
        pca, subordinate, issue(pca, subordinate, Validity={"Type": "YEARS", "Value": 1})
    )
    assert chain[0] == x509.load_pem_x509_certificate(renewed["Certificate"].encode())
    leaf.verify_directly_issued_by(chain[0])
    # What it issued before is still there.
    assert fetch(pca, subordinate, earlier)[0].not_valid_after_utc == NOW + dt.timedelta(days=300)
    # The renewal is not undone by the old certificate's end.
    certmock.clock.advance(days=200)
    assert describe(pca, subordinate)["Status"] == "ACTIVE"


def test_a_subordinate_expires_with_its_certificate(pca: Any, certmock: Mock) -> None:
    subordinate = active_subordinate(pca, active_root(pca), years=1)
    certmock.clock.advance(days=365, seconds=-1)
    assert describe(pca, subordinate)["Status"] == "ACTIVE"
    certmock.clock.advance(seconds=1)
    found = describe(pca, subordinate)
    assert found["Status"] == "EXPIRED"
    assert found["LastStateChangeAt"] == NOW + dt.timedelta(days=365)
