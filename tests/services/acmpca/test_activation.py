"""Activating a CA: its CSR, the root self-signing flow, import, and the CA certificate."""

from __future__ import annotations

import datetime as dt
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from certmock import Mock
from tests.helpers import REGION, ROOT_CONFIGURATION, create_ca, describe
from tests.model_facts import input_member, maximum, needs_enum_values
from tests.services.acmpca.pki import active_root, active_subordinate

NOW = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
ROOT_TEMPLATE = "arn:aws:acm-pca:::template/RootCACertificate/V1"
pytestmark = pytest.mark.certmock(now=NOW)


def message(raised: pytest.ExceptionInfo[ClientError]) -> str:
    text: str = raised.value.response["Error"]["Message"]
    return text


def issue_root(pca: Any, arn: str, **overrides: Any) -> str:
    request: dict[str, Any] = {
        "CertificateAuthorityArn": arn,
        "Csr": pca.get_certificate_authority_csr(CertificateAuthorityArn=arn)["Csr"],
        "SigningAlgorithm": "SHA256WITHRSA",
        "TemplateArn": ROOT_TEMPLATE,
        "Validity": {"Type": "YEARS", "Value": 10},
    }
    request.update(overrides)
    certificate_arn: str = pca.issue_certificate(**request)["CertificateArn"]
    return certificate_arn


def activate(pca: Any, arn: str, **overrides: Any) -> str:
    """Issue the root its own certificate (``overrides`` for IssueCertificate) and import it."""
    certificate_arn = issue_root(pca, arn, **overrides)
    pem = pca.get_certificate(CertificateAuthorityArn=arn, CertificateArn=certificate_arn)
    pca.import_certificate_authority_certificate(
        CertificateAuthorityArn=arn, Certificate=pem["Certificate"]
    )
    certificate: str = pem["Certificate"]
    return certificate


def test_the_csr_carries_the_configured_subject_and_is_signed(pca: Any) -> None:
    arn = create_ca(pca)
    csr = x509.load_pem_x509_csr(
        pca.get_certificate_authority_csr(CertificateAuthorityArn=arn)["Csr"].encode()
    )
    assert csr.is_signature_valid
    assert csr.subject.rfc4514_string() == "CN=certmock test root,O=certmock"
    constraints = csr.extensions.get_extension_for_class(x509.BasicConstraints)
    assert constraints.critical
    assert constraints.value.ca


def test_the_csr_is_the_same_on_every_call(pca: Any) -> None:
    arn = create_ca(pca)
    first = pca.get_certificate_authority_csr(CertificateAuthorityArn=arn)["Csr"]
    assert pca.get_certificate_authority_csr(CertificateAuthorityArn=arn)["Csr"] == first


def test_two_cas_never_share_a_key(pca: Any) -> None:
    def public_key_of(arn: str) -> bytes:
        csr = pca.get_certificate_authority_csr(CertificateAuthorityArn=arn)["Csr"]
        return (
            x509.load_pem_x509_csr(csr.encode())
            .public_key()
            .public_bytes(
                serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
            )
        )

    keys = {public_key_of(create_ca(pca)) for _ in range(3)}
    assert len(keys) == 3


def test_the_csr_created_waiter_returns_at_once(pca: Any) -> None:
    arn = create_ca(pca)
    pca.get_waiter("certificate_authority_csr_created").wait(CertificateAuthorityArn=arn)


def test_a_root_ca_signs_its_own_csr_and_becomes_active_on_import(pca: Any) -> None:
    arn = create_ca(pca)
    pem = activate(pca, arn)
    certificate = x509.load_pem_x509_certificate(pem.encode())
    found = describe(pca, arn)
    assert found["Status"] == "ACTIVE"
    assert found["NotBefore"] == NOW - dt.timedelta(hours=1)
    assert found["NotAfter"] == NOW.replace(year=2036)
    assert found["NotBefore"] == certificate.not_valid_before_utc
    # In decimal, as a DescribeCertificateAuthority recorded against AWS shows it
    # (tests/recorded/corpus/acm-pca/describe_certificate_authority_short_lived_root_active).
    assert found["Serial"] == str(certificate.serial_number)
    assert certificate.issuer == certificate.subject
    certificate.verify_directly_issued_by(certificate)


def test_the_root_certificate_has_the_root_template_extensions(pca: Any) -> None:
    certificate = x509.load_pem_x509_certificate(activate(pca, create_ca(pca)).encode())
    constraints = certificate.extensions.get_extension_for_class(x509.BasicConstraints)
    assert constraints.critical
    assert constraints.value.ca
    assert constraints.value.path_length is None
    usage = certificate.extensions.get_extension_for_class(x509.KeyUsage)
    assert usage.critical
    assert usage.value.key_cert_sign
    assert usage.value.crl_sign
    assert usage.value.digital_signature


def test_the_certificate_arn_carries_the_serial_in_hex(pca: Any) -> None:
    arn = create_ca(pca)
    certificate_arn = issue_root(pca, arn)
    pem = pca.get_certificate(CertificateAuthorityArn=arn, CertificateArn=certificate_arn)
    serial = x509.load_pem_x509_certificate(pem["Certificate"].encode()).serial_number
    assert certificate_arn == f"{arn}/certificate/{serial:032x}"


def test_the_certificate_issued_waiter_returns_at_once(pca: Any) -> None:
    arn = create_ca(pca)
    certificate_arn = issue_root(pca, arn)
    pca.get_waiter("certificate_issued").wait(
        CertificateAuthorityArn=arn, CertificateArn=certificate_arn
    )


def test_issuance_emits_an_event(pca: Any, certmock: Mock) -> None:
    arn = create_ca(pca)
    certificate_arn = issue_root(pca, arn)
    event = certmock.events[-1]
    assert event["detail-type"] == "ACM Private CA Certificate Issuance"
    assert event["resources"] == [arn, certificate_arn]


def test_an_idempotency_token_gives_the_same_certificate_for_five_minutes(
    pca: Any, certmock: Mock
) -> None:
    arn = create_ca(pca)
    first = issue_root(pca, arn, IdempotencyToken="once")
    certmock.clock.advance(minutes=4)
    assert issue_root(pca, arn, IdempotencyToken="once") == first
    certmock.clock.advance(minutes=1)
    assert issue_root(pca, arn, IdempotencyToken="once") != first


@pytest.mark.parametrize(
    ("validity", "not_after"),
    [
        ({"Type": "DAYS", "Value": 365}, NOW + dt.timedelta(days=365)),
        ({"Type": "MONTHS", "Value": 13}, dt.datetime(2027, 2, 1, tzinfo=dt.timezone.utc)),
        ({"Type": "YEARS", "Value": 2}, dt.datetime(2028, 1, 1, tzinfo=dt.timezone.utc)),
        (
            {"Type": "ABSOLUTE", "Value": 2524608000},
            dt.datetime(2050, 1, 1, tzinfo=dt.timezone.utc),
        ),
        (
            {"Type": "END_DATE", "Value": 491231235959},
            dt.datetime(2049, 12, 31, 23, 59, 59, tzinfo=dt.timezone.utc),
        ),
        (
            {"Type": "END_DATE", "Value": 20301231235959},
            dt.datetime(2030, 12, 31, 23, 59, 59, tzinfo=dt.timezone.utc),
        ),
    ],
    ids=["days", "months", "years", "absolute", "utctime", "generalizedtime"],
)
def test_every_validity_type_sets_not_after(
    pca: Any, validity: dict[str, Any], not_after: dt.datetime
) -> None:
    arn = create_ca(pca)
    certificate_arn = issue_root(pca, arn, Validity=validity)
    pem = pca.get_certificate(CertificateAuthorityArn=arn, CertificateArn=certificate_arn)
    certificate = x509.load_pem_x509_certificate(pem["Certificate"].encode())
    assert certificate.not_valid_after_utc == not_after


def test_validity_not_before_sets_the_start(pca: Any) -> None:
    arn = create_ca(pca)
    certificate_arn = issue_root(
        pca, arn, ValidityNotBefore={"Type": "ABSOLUTE", "Value": 1767225600}
    )
    pem = pca.get_certificate(CertificateAuthorityArn=arn, CertificateArn=certificate_arn)
    certificate = x509.load_pem_x509_certificate(pem["Certificate"].encode())
    assert certificate.not_valid_before_utc == NOW


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"SigningAlgorithm": "SHA256WITHECDSA"}, "InvalidArgsException"),
        ({"Csr": b"not a csr"}, "MalformedCSRException"),
        ({"Validity": {"Type": "ABSOLUTE", "Value": 1000}}, "InvalidArgsException"),
        ({"Validity": {"Type": "END_DATE", "Value": 991399999999}}, "InvalidArgsException"),
        ({"ValidityNotBefore": {"Type": "DAYS", "Value": 1}}, "InvalidArgsException"),
        ({"Validity": {"Type": "MONTHS", "Value": 100_000}}, "InvalidArgsException"),
        ({"Validity": {"Type": "DAYS", "Value": 10**12}}, "InvalidArgsException"),
        ({"Validity": {"Type": "ABSOLUTE", "Value": 10**15}}, "InvalidArgsException"),
    ],
    ids=[
        "wrong-signing-family",
        "garbage-csr",
        "ends-before-start",
        "bad-end-date",
        "relative-not-before",
        "months-past-year-9999",
        "days-out-of-range",
        "absolute-out-of-range",
    ],
)
def test_bad_issuance_requests_are_refused(pca: Any, overrides: dict[str, Any], code: str) -> None:
    arn = create_ca(pca)
    with pytest.raises(ClientError) as raised:
        issue_root(pca, arn, **overrides)
    assert raised.value.response["Error"]["Code"] == code


def test_the_root_template_signs_only_the_cas_own_csr(pca: Any) -> None:
    arn = create_ca(pca)
    other_csr = pca.get_certificate_authority_csr(CertificateAuthorityArn=create_ca(pca))["Csr"]
    with pytest.raises(pca.exceptions.InvalidArgsException) as raised:
        issue_root(pca, arn, Csr=other_csr)
    assert "another public key" in message(raised)


def test_a_disabled_ca_does_not_issue(pca: Any) -> None:
    arn = create_ca(pca)
    activate(pca, arn)
    pca.update_certificate_authority(CertificateAuthorityArn=arn, Status="DISABLED")
    with pytest.raises(pca.exceptions.InvalidStateException) as raised:
        issue_root(pca, arn)
    assert "not in a valid state for issuing certificates" in message(raised)


def test_the_ca_certificate_is_returned_without_a_chain_for_a_root(pca: Any) -> None:
    arn = create_ca(pca)
    pem = activate(pca, arn)
    returned = pca.get_certificate_authority_certificate(CertificateAuthorityArn=arn)
    assert returned["Certificate"] == pem
    assert "CertificateChain" not in returned


def test_a_pending_ca_has_no_certificate_to_return(pca: Any) -> None:
    arn = create_ca(pca)
    with pytest.raises(pca.exceptions.InvalidStateException) as raised:
        pca.get_certificate_authority_certificate(CertificateAuthorityArn=arn)
    assert (
        f"The certificate authority {arn} is not in the correct state to have a "
        "certificate signing request" in message(raised)
    )


def test_a_deleted_ca_has_no_csr_to_return(pca: Any) -> None:
    arn = create_ca(pca)
    pca.delete_certificate_authority(CertificateAuthorityArn=arn)
    with pytest.raises(pca.exceptions.InvalidStateException) as raised:
        pca.get_certificate_authority_csr(CertificateAuthorityArn=arn)
    assert message(raised) == (
        f"The certificate authority {arn} is not in the correct state to have a certificate "
        "signing request. It is DELETED."
    )


@pytest.mark.parametrize("status", ["DISABLED", "DELETED"])
def test_a_disabled_or_deleted_ca_takes_no_certificate(pca: Any, status: str) -> None:
    arn = create_ca(pca)
    pem = activate(pca, arn)
    pca.update_certificate_authority(CertificateAuthorityArn=arn, Status="DISABLED")
    if status == "DELETED":
        pca.delete_certificate_authority(CertificateAuthorityArn=arn)
    with pytest.raises(pca.exceptions.InvalidStateException) as raised:
        pca.import_certificate_authority_certificate(CertificateAuthorityArn=arn, Certificate=pem)
    assert f"is {status}; a certificate can be imported only while" in message(raised)
    assert describe(pca, arn)["Status"] == status


def test_get_certificate_of_a_deleted_ca_is_refused(pca: Any) -> None:
    arn = create_ca(pca)
    certificate_arn = issue_root(pca, arn)
    pca.delete_certificate_authority(CertificateAuthorityArn=arn)
    with pytest.raises(pca.exceptions.InvalidStateException) as raised:
        pca.get_certificate(CertificateAuthorityArn=arn, CertificateArn=certificate_arn)
    assert "is not in the correct state to have issued certificates" in message(raised)


def test_an_unknown_certificate_is_not_found(pca: Any) -> None:
    arn = create_ca(pca)
    with pytest.raises(pca.exceptions.ResourceNotFoundException):
        pca.get_certificate(
            CertificateAuthorityArn=arn, CertificateArn=f"{arn}/certificate/{'ab' * 16}"
        )


def test_a_certificate_arn_of_another_ca_is_invalid(pca: Any) -> None:
    arn, other = create_ca(pca), create_ca(pca)
    with pytest.raises(pca.exceptions.InvalidArnException):
        pca.get_certificate(
            CertificateAuthorityArn=arn, CertificateArn=f"{other}/certificate/{'ab' * 16}"
        )


# -- import ------------------------------------------------------------------------------
def test_a_certificate_for_another_key_is_a_mismatch(pca: Any) -> None:
    arn, other = create_ca(pca), create_ca(pca)
    certificate_arn = issue_root(pca, other)
    pem = pca.get_certificate(CertificateAuthorityArn=other, CertificateArn=certificate_arn)
    with pytest.raises(pca.exceptions.CertificateMismatchException):
        pca.import_certificate_authority_certificate(
            CertificateAuthorityArn=arn, Certificate=pem["Certificate"]
        )


@pytest.mark.parametrize("member", ["Certificate", "CertificateChain"])
def test_a_certificate_or_chain_over_its_size_limit_is_a_validation_error(
    pca: Any, member: str
) -> None:
    limit = maximum(input_member("acm-pca", "ImportCertificateAuthorityCertificate", member))
    arn = create_ca(pca)
    pem = pca.get_certificate(CertificateAuthorityArn=arn, CertificateArn=issue_root(pca, arn))[
        "Certificate"
    ].encode()
    request = {"Certificate": pem, member: pem + b"\n" * (limit - len(pem) + 1)}
    with pytest.raises(ClientError) as raised:
        pca.import_certificate_authority_certificate(CertificateAuthorityArn=arn, **request)
    assert raised.value.response["Error"]["Code"] == "ValidationException"
    assert f"Member must have length less than or equal to {limit}" in message(raised)
    assert describe(pca, arn)["Status"] == "PENDING_CERTIFICATE"


def test_an_unparsable_certificate_is_malformed(pca: Any) -> None:
    with pytest.raises(pca.exceptions.MalformedCertificateException):
        pca.import_certificate_authority_certificate(
            CertificateAuthorityArn=create_ca(pca), Certificate=b"-----BEGIN CERTIFICATE-----"
        )


def test_a_chain_for_a_root_is_an_invalid_request(pca: Any) -> None:
    arn = create_ca(pca)
    certificate_arn = issue_root(pca, arn)
    pem = pca.get_certificate(CertificateAuthorityArn=arn, CertificateArn=certificate_arn)
    with pytest.raises(pca.exceptions.InvalidRequestException):
        pca.import_certificate_authority_certificate(
            CertificateAuthorityArn=arn,
            Certificate=pem["Certificate"],
            CertificateChain=pem["Certificate"],
        )


def test_a_subordinate_is_activated_with_a_certificate_from_an_external_root(pca: Any) -> None:
    from tests.pki_factory import external_root, sign_subordinate

    arn = create_ca(pca, CertificateAuthorityType="SUBORDINATE")
    csr = pca.get_certificate_authority_csr(CertificateAuthorityArn=arn)["Csr"]
    root_key, root = external_root()
    certificate = sign_subordinate(csr.encode(), root_key, root)
    pca.import_certificate_authority_certificate(
        CertificateAuthorityArn=arn, Certificate=certificate, CertificateChain=root
    )
    assert describe(pca, arn)["Status"] == "ACTIVE"
    returned = pca.get_certificate_authority_certificate(CertificateAuthorityArn=arn)
    assert returned["CertificateChain"] == root.decode()


def test_a_subordinates_chain_must_run_up_to_the_root(pca: Any) -> None:
    root = active_root(pca)
    middle = active_subordinate(pca, root, template="SubordinateCACertificate_PathLen1")
    lower = create_ca(pca, CertificateAuthorityType="SUBORDINATE")
    certificate_arn = pca.issue_certificate(
        CertificateAuthorityArn=middle,
        Csr=pca.get_certificate_authority_csr(CertificateAuthorityArn=lower)["Csr"],
        SigningAlgorithm="SHA256WITHRSA",
        TemplateArn="arn:aws:acm-pca:::template/SubordinateCACertificate_PathLen0/V1",
        Validity={"Type": "YEARS", "Value": 1},
    )["CertificateArn"]
    issued = pca.get_certificate(CertificateAuthorityArn=middle, CertificateArn=certificate_arn)
    middle_only = pca.get_certificate_authority_certificate(CertificateAuthorityArn=middle)
    with pytest.raises(pca.exceptions.InvalidRequestException) as raised:
        pca.import_certificate_authority_certificate(
            CertificateAuthorityArn=lower,
            Certificate=issued["Certificate"],
            CertificateChain=middle_only["Certificate"],
        )
    assert "the chain must run up to the root" in message(raised)
    assert describe(pca, lower)["Status"] == "PENDING_CERTIFICATE"
    pca.import_certificate_authority_certificate(
        CertificateAuthorityArn=lower,
        Certificate=issued["Certificate"],
        CertificateChain=issued["CertificateChain"],
    )
    assert describe(pca, lower)["Status"] == "ACTIVE"


def test_reimport_renews_the_ca_certificate(pca: Any, certmock: Mock) -> None:
    arn = create_ca(pca)
    activate(pca, arn)
    first_serial = describe(pca, arn)["Serial"]
    certmock.clock.advance(days=30)
    activate(pca, arn)
    found = describe(pca, arn)
    assert found["Status"] == "ACTIVE"
    assert found["Serial"] != first_serial
    assert found["NotAfter"] == (NOW + dt.timedelta(days=30)).replace(year=2036)


# -- state changes now that a CA can be ACTIVE -------------------------------------------
def test_an_active_ca_can_be_disabled_and_enabled(pca: Any, certmock: Mock) -> None:
    arn = create_ca(pca)
    activate(pca, arn)
    certmock.clock.advance(hours=1)
    pca.update_certificate_authority(CertificateAuthorityArn=arn, Status="DISABLED")
    found = describe(pca, arn)
    assert found["Status"] == "DISABLED"
    assert found["LastStateChangeAt"] == NOW + dt.timedelta(hours=1)
    pca.update_certificate_authority(CertificateAuthorityArn=arn, Status="ACTIVE")
    assert describe(pca, arn)["Status"] == "ACTIVE"


def test_update_can_only_set_active_or_disabled(pca: Any) -> None:
    arn = create_ca(pca)
    activate(pca, arn)
    with pytest.raises(pca.exceptions.InvalidArgsException):
        pca.update_certificate_authority(CertificateAuthorityArn=arn, Status="DELETED")


def test_update_replaces_the_revocation_configuration(pca: Any) -> None:
    arn = create_ca(pca)
    activate(pca, arn)
    crl = {"Enabled": True, "S3BucketName": "my-crl-bucket", "ExpirationInDays": 7}
    pca.update_certificate_authority(
        CertificateAuthorityArn=arn, RevocationConfiguration={"CrlConfiguration": crl}
    )
    found = describe(pca, arn)["RevocationConfiguration"]
    assert found == {"CrlConfiguration": crl, "OcspConfiguration": {"Enabled": False}}


def test_an_active_ca_cannot_be_deleted(pca: Any) -> None:
    arn = create_ca(pca)
    activate(pca, arn)
    with pytest.raises(pca.exceptions.InvalidStateException) as raised:
        pca.delete_certificate_authority(CertificateAuthorityArn=arn)
    assert message(raised).startswith(
        "The certificate authority is not in a valid state for deletion."
    )


def test_restore_brings_a_disabled_ca_back_disabled(pca: Any) -> None:
    arn = create_ca(pca)
    activate(pca, arn)
    pca.update_certificate_authority(CertificateAuthorityArn=arn, Status="DISABLED")
    pca.delete_certificate_authority(CertificateAuthorityArn=arn)
    pca.restore_certificate_authority(CertificateAuthorityArn=arn)
    assert describe(pca, arn)["Status"] == "DISABLED"


def test_a_ca_expires_when_its_certificate_does(pca: Any, certmock: Mock) -> None:
    arn = create_ca(pca)
    activate(pca, arn, Validity={"Type": "DAYS", "Value": 30})
    certmock.clock.advance(days=29, hours=23)
    assert describe(pca, arn)["Status"] == "ACTIVE"
    certmock.clock.advance(hours=1)
    found = describe(pca, arn)
    assert found["Status"] == "EXPIRED"
    assert found["LastStateChangeAt"] == NOW + dt.timedelta(days=30)
    pca.delete_certificate_authority(CertificateAuthorityArn=arn)
    assert "RestorableUntil" in describe(pca, arn)


def test_a_certificate_imported_after_its_end_leaves_the_ca_expired_from_then(
    pca: Any, certmock: Mock
) -> None:
    arn = create_ca(pca)
    certificate_arn = issue_root(pca, arn, Validity={"Type": "DAYS", "Value": 1})
    pem = pca.get_certificate(CertificateAuthorityArn=arn, CertificateArn=certificate_arn)
    certmock.clock.advance(days=5)
    pca.import_certificate_authority_certificate(
        CertificateAuthorityArn=arn, Certificate=pem["Certificate"]
    )
    found = describe(pca, arn)
    assert found["Status"] == "EXPIRED"
    assert found["NotAfter"] == NOW + dt.timedelta(days=1)
    assert found["LastStateChangeAt"] == NOW + dt.timedelta(days=5)


def test_a_ca_that_expires_while_deleted_is_restored_expired(pca: Any, certmock: Mock) -> None:
    arn = create_ca(pca)
    activate(pca, arn, Validity={"Type": "DAYS", "Value": 10})
    pca.update_certificate_authority(CertificateAuthorityArn=arn, Status="DISABLED")
    pca.delete_certificate_authority(CertificateAuthorityArn=arn)
    certmock.clock.advance(days=20)
    pca.restore_certificate_authority(CertificateAuthorityArn=arn)
    assert describe(pca, arn)["Status"] == "EXPIRED"


@pytest.mark.parametrize("key_algorithm", ["SM2"])
def test_a_key_algorithm_certmock_cannot_make_is_refused_at_creation(
    pca: Any, key_algorithm: str
) -> None:
    configuration = {
        **ROOT_CONFIGURATION,
        "KeyAlgorithm": key_algorithm,
        "SigningAlgorithm": "SM3WITHSM2",
    }
    with pytest.raises(pca.exceptions.InvalidArgsException) as raised:
        create_ca(pca, CertificateAuthorityConfiguration=configuration)
    assert key_algorithm in message(raised)


@pytest.mark.parametrize(
    ("key_algorithm", "signing_algorithm"),
    [
        ("RSA_2048", "SHA256WITHRSA"),
        ("EC_prime256v1", "SHA256WITHECDSA"),
        ("EC_secp384r1", "SHA384WITHECDSA"),
        pytest.param(
            "EC_secp521r1",
            "SHA512WITHECDSA",
            marks=needs_enum_values("acm-pca", "KeyAlgorithm", "EC_secp521r1"),
        ),
    ],
)
def test_roots_activate_for_each_key_family(
    certmock: Mock, key_algorithm: str, signing_algorithm: str
) -> None:
    pca = boto3.client("acm-pca", region_name=REGION)
    configuration = {
        **ROOT_CONFIGURATION,
        "KeyAlgorithm": key_algorithm,
        "SigningAlgorithm": signing_algorithm,
    }
    arn = create_ca(pca, CertificateAuthorityConfiguration=configuration)
    certificate_arn = issue_root(pca, arn, SigningAlgorithm=signing_algorithm)
    pem = pca.get_certificate(CertificateAuthorityArn=arn, CertificateArn=certificate_arn)
    pca.import_certificate_authority_certificate(
        CertificateAuthorityArn=arn, Certificate=pem["Certificate"]
    )
    certificate = x509.load_pem_x509_certificate(pem["Certificate"].encode())
    certificate.verify_directly_issued_by(certificate)
    if key_algorithm.startswith("EC"):
        assert isinstance(certificate.public_key(), ec.EllipticCurvePublicKey)
        assert isinstance(certificate.signature_hash_algorithm, hashes.HashAlgorithm)
    assert describe(pca, arn)["Status"] == "ACTIVE"


def test_an_expired_root_renews_itself_and_is_active_again(pca: Any, certmock: Mock) -> None:
    arn = create_ca(pca)
    activate(pca, arn, Validity={"Type": "DAYS", "Value": 10})
    certmock.clock.advance(days=11)
    assert describe(pca, arn)["Status"] == "EXPIRED"
    activate(pca, arn)
    found = describe(pca, arn)
    assert found["Status"] == "ACTIVE"
    assert found["NotAfter"] == (NOW + dt.timedelta(days=11)).replace(year=2036)
