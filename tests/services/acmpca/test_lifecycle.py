"""The life of a certificate authority: create, describe, update, delete, restore, removal."""

from __future__ import annotations

import datetime as dt
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError, ParamValidationError

from certmock import Mock
from tests.helpers import REGION, ROOT_CONFIGURATION, create_ca, describe
from tests.model_facts import (
    enum_set,
    input_member,
    maximum,
    minimum,
    needs_enum_values,
    needs_member,
)

NOW = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
pytestmark = pytest.mark.certmock(now=NOW)


def error_of(raised: pytest.ExceptionInfo[ClientError]) -> tuple[str, str, int]:
    error = raised.value.response["Error"]
    status = raised.value.response["ResponseMetadata"]["HTTPStatusCode"]
    return error["Code"], error["Message"], status


def test_create_returns_an_arn_in_the_region_and_account(pca: Any) -> None:
    arn = create_ca(pca)
    assert arn.startswith(f"arn:aws:acm-pca:{REGION}:123456789012:certificate-authority/")


def test_a_new_ca_waits_for_its_certificate(pca: Any) -> None:
    found = describe(pca, create_ca(pca))
    assert found["Status"] == "PENDING_CERTIFICATE"
    assert found["CreatedAt"] == NOW
    assert found["LastStateChangeAt"] == NOW
    assert found["OwnerAccount"] == "123456789012"
    assert "RestorableUntil" not in found
    assert "NotBefore" not in found


@needs_member("acm-pca", "CrlConfiguration", "CrlType")
def test_describe_echoes_every_field_given_at_creation(pca: Any) -> None:
    configuration: dict[str, Any] = {
        "KeyAlgorithm": "EC_secp384r1",
        "SigningAlgorithm": "SHA384WITHECDSA",
        "Subject": {
            "Country": "DE",
            "Organization": "Example",
            "OrganizationalUnit": "PKI",
            "CommonName": "Example Issuing CA",
            "CustomAttributes": None,
        },
        "CsrExtensions": {
            "KeyUsage": {"KeyCertSign": True, "CRLSign": True, "DigitalSignature": True},
        },
    }
    configuration["Subject"].pop("CustomAttributes")
    revocation = {
        "CrlConfiguration": {
            "Enabled": True,
            "ExpirationInDays": 7,
            "S3BucketName": "example-crl-bucket",
            "S3ObjectAcl": "BUCKET_OWNER_FULL_CONTROL",
            "CrlType": "COMPLETE",
        },
        "OcspConfiguration": {"Enabled": True, "OcspCustomCname": "ocsp.example.com"},
    }
    arn = create_ca(
        pca,
        CertificateAuthorityConfiguration=configuration,
        CertificateAuthorityType="SUBORDINATE",
        RevocationConfiguration=revocation,
        KeyStorageSecurityStandard="FIPS_140_2_LEVEL_2_OR_HIGHER",
        UsageMode="SHORT_LIVED_CERTIFICATE",
    )
    found = describe(pca, arn)
    assert found["Type"] == "SUBORDINATE"
    assert found["CertificateAuthorityConfiguration"] == configuration
    assert found["RevocationConfiguration"] == revocation
    assert found["KeyStorageSecurityStandard"] == "FIPS_140_2_LEVEL_2_OR_HIGHER"
    assert found["UsageMode"] == "SHORT_LIVED_CERTIFICATE"


def test_defaults_when_nothing_optional_is_given(pca: Any) -> None:
    found = describe(pca, create_ca(pca))
    assert found["KeyStorageSecurityStandard"] == "FIPS_140_2_LEVEL_3_OR_HIGHER"
    assert found["UsageMode"] == "GENERAL_PURPOSE"
    assert found["RevocationConfiguration"] == {
        "CrlConfiguration": {"Enabled": False},
        "OcspConfiguration": {"Enabled": False},
    }


@pytest.mark.parametrize(
    ("region", "partition"),
    [("eu-west-1", "aws"), ("cn-north-1", "aws-cn"), ("us-gov-west-1", "aws-us-gov")],
)
def test_the_arn_partition_follows_the_region(certmock: Mock, region: str, partition: str) -> None:
    client = boto3.client("acm-pca", region_name=region)
    standard = "CCPC_LEVEL_1_OR_HIGHER" if partition == "aws-cn" else "FIPS_140_2_LEVEL_3_OR_HIGHER"
    arn = create_ca(client, KeyStorageSecurityStandard=standard)
    assert arn.startswith(f"arn:{partition}:acm-pca:{region}:")


@pytest.mark.parametrize("standard", [None, "FIPS_140_2_LEVEL_3_OR_HIGHER"])
def test_china_takes_only_its_own_key_storage_standard(
    certmock: Mock, standard: str | None
) -> None:
    china = boto3.client("acm-pca", region_name="cn-northwest-1")
    given = {} if standard is None else {"KeyStorageSecurityStandard": standard}
    with pytest.raises(china.exceptions.InvalidArgsException) as raised:
        create_ca(china, **given)
    assert error_of(raised)[1].startswith(
        "A certificate authority cannot be created in this region with the specified security "
        "standard."
    )
    assert china.list_certificate_authorities()["CertificateAuthorities"] == []


def test_creation_emits_an_event(pca: Any, certmock: Mock) -> None:
    arn = create_ca(pca)
    event = certmock.events[-1]
    assert event["source"] == "aws.acm-pca"
    assert event["detail-type"] == "ACM Private CA Creation"
    assert event["resources"] == [arn]
    assert event["detail"] == {"result": "success"}
    assert event["time"] == "2026-01-01T00:00:00Z"


def test_the_same_idempotency_token_within_five_minutes_gives_the_same_ca(
    pca: Any, certmock: Mock
) -> None:
    first = create_ca(pca, IdempotencyToken="token-1")
    certmock.clock.advance(minutes=4, seconds=59)
    assert create_ca(pca, IdempotencyToken="token-1") == first
    assert len(pca.list_certificate_authorities()["CertificateAuthorities"]) == 1


def test_an_idempotency_token_lapses_after_five_minutes(pca: Any, certmock: Mock) -> None:
    first = create_ca(pca, IdempotencyToken="token-1")
    certmock.clock.advance(minutes=5)
    assert create_ca(pca, IdempotencyToken="token-1") != first


@pytest.mark.parametrize(
    ("key_algorithm", "signing_algorithm", "valid"),
    [
        ("RSA_2048", "SHA384WITHECDSA", "SHA256WITHRSA, SHA384WITHRSA, SHA512WITHRSA"),
        ("EC_prime256v1", "SHA256WITHRSA", "SHA256WITHECDSA, SHA384WITHECDSA, SHA512WITHECDSA"),
        pytest.param(
            "ML_DSA_65",
            "ML_DSA_44",
            "ML_DSA_65",
            marks=needs_enum_values("acm-pca", "KeyAlgorithm", "ML_DSA_65"),
        ),
    ],
)
def test_a_signing_algorithm_of_another_key_family_is_refused(
    pca: Any, key_algorithm: str, signing_algorithm: str, valid: str
) -> None:
    configuration = {
        **ROOT_CONFIGURATION,
        "KeyAlgorithm": key_algorithm,
        "SigningAlgorithm": signing_algorithm,
    }
    with pytest.raises(pca.exceptions.InvalidArgsException) as raised:
        create_ca(pca, CertificateAuthorityConfiguration=configuration)
    assert error_of(raised)[1] == (
        f"Signing algorithm {signing_algorithm} cannot be used with key type {key_algorithm}. "
        f"Valid signing algorithms are: {valid}."
    )


def test_an_unknown_enum_value_is_a_validation_error(pca: Any) -> None:
    with pytest.raises(ClientError) as raised:
        create_ca(pca, CertificateAuthorityType="INTERMEDIATE")
    code, message, status = error_of(raised)
    assert (code, status) == ("ValidationException", 400)
    types = input_member("acm-pca", "CreateCertificateAuthority", "CertificateAuthorityType")
    assert message == (
        "1 validation error detected: Value 'INTERMEDIATE' at 'certificateAuthorityType' failed "
        f"to satisfy constraint: Member must satisfy enum value set: {enum_set(types)}"
    )


def test_the_quota_of_200_cas_counts_deleted_ones(pca: Any) -> None:
    arns = [create_ca(pca) for _ in range(200)]
    pca.delete_certificate_authority(CertificateAuthorityArn=arns[0])
    with pytest.raises(pca.exceptions.LimitExceededException):
        create_ca(pca)


# -- update -------------------------------------------------------------------------------
def test_a_pending_ca_cannot_be_updated(pca: Any) -> None:
    arn = create_ca(pca)
    with pytest.raises(pca.exceptions.InvalidStateException) as raised:
        pca.update_certificate_authority(CertificateAuthorityArn=arn, Status="DISABLED")
    assert (
        "The certificate authority must be in the ACTIVE or DISABLED state to be updated"
        in (error_of(raised)[1])
    )


def test_revocation_configuration_rules_are_enforced_at_creation(pca: Any) -> None:
    with pytest.raises(pca.exceptions.InvalidArgsException) as raised:
        create_ca(
            pca,
            RevocationConfiguration={
                "CrlConfiguration": {
                    "Enabled": True,
                    "S3BucketName": "bucket",
                    "CustomCname": "https://crl.example.com",
                }
            },
        )
    assert "https://crl.example.com" in error_of(raised)[1]


@pytest.mark.parametrize(
    "crl",
    [
        {"Enabled": False, "S3BucketName": "bucket-name"},
        {"Enabled": True},
        {"Enabled": True, "S3BucketName": "Not_A_Bucket"},
        {"Enabled": True, "S3BucketName": "192.168.1.1"},
        {
            "Enabled": True,
            "S3BucketName": "bucket-name",
            "CustomCname": "crl.example.com",
            "CrlDistributionPointExtensionConfiguration": {"OmitExtension": True},
        },
    ],
    ids=[
        "disabled-with-fields",
        "enabled-without-bucket",
        "bad-bucket",
        "ip-bucket",
        "omit-extension-with-cname",
    ],
)
def test_invalid_crl_configurations_are_refused(pca: Any, crl: dict[str, Any]) -> None:
    with pytest.raises(pca.exceptions.InvalidArgsException):
        create_ca(pca, RevocationConfiguration={"CrlConfiguration": crl})


@pytest.mark.parametrize(
    "ocsp",
    [
        {"Enabled": False, "OcspCustomCname": "ocsp.example.com"},
        {"Enabled": True, "OcspCustomCname": "http://ocsp.example.com"},
    ],
    ids=["disabled-with-cname", "cname-with-protocol"],
)
def test_invalid_ocsp_configurations_are_refused(pca: Any, ocsp: dict[str, Any]) -> None:
    with pytest.raises(pca.exceptions.InvalidArgsException):
        create_ca(pca, RevocationConfiguration={"OcspConfiguration": ocsp})


def test_a_crl_expiration_over_the_models_maximum_is_a_validation_error(pca: Any) -> None:
    most = maximum(
        input_member(
            "acm-pca",
            "CreateCertificateAuthority",
            "RevocationConfiguration",
            "CrlConfiguration",
            "ExpirationInDays",
        )
    )
    with pytest.raises(ClientError) as raised:
        create_ca(
            pca,
            RevocationConfiguration={
                "CrlConfiguration": {
                    "Enabled": True,
                    "S3BucketName": "bucket-name",
                    "ExpirationInDays": most + 1,
                }
            },
        )
    assert error_of(raised)[1].endswith(
        "at 'revocationConfiguration.crlConfiguration.expirationInDays' failed to satisfy "
        f"constraint: Member must have value less than or equal to {most}"
    )


# -- delete and restore --------------------------------------------------------------------
def test_delete_keeps_the_ca_visible_as_deleted_with_a_restore_date(pca: Any) -> None:
    arn = create_ca(pca)
    pca.delete_certificate_authority(CertificateAuthorityArn=arn, PermanentDeletionTimeInDays=7)
    found = describe(pca, arn)
    assert found["Status"] == "DELETED"
    assert found["RestorableUntil"] == NOW + dt.timedelta(days=7)
    listed = pca.list_certificate_authorities()["CertificateAuthorities"]
    assert [ca["Status"] for ca in listed] == ["DELETED"]


def test_the_restore_window_defaults_to_30_days(pca: Any) -> None:
    arn = create_ca(pca)
    pca.delete_certificate_authority(CertificateAuthorityArn=arn)
    assert describe(pca, arn)["RestorableUntil"] == NOW + dt.timedelta(days=30)


def _deletion_window() -> tuple[int, int]:
    """The fewest and most days PermanentDeletionTimeInDays may name."""
    days = input_member("acm-pca", "DeleteCertificateAuthority", "PermanentDeletionTimeInDays")
    return minimum(days), maximum(days)


def test_a_window_over_the_models_maximum_is_refused_by_the_service(pca: Any) -> None:
    arn = create_ca(pca)
    too_many = _deletion_window()[1] + 1
    with pytest.raises(ClientError) as raised:
        pca.delete_certificate_authority(
            CertificateAuthorityArn=arn, PermanentDeletionTimeInDays=too_many
        )
    assert error_of(raised) == (
        "ValidationException",
        f"1 validation error detected: Value '{too_many}' at 'permanentDeletionTimeInDays' "
        "failed to satisfy constraint: Member must have value less than or equal to "
        f"{too_many - 1}",
        400,
    )


def test_a_window_under_the_models_minimum_is_refused_by_botocore_itself(pca: Any) -> None:
    arn = create_ca(pca)
    with pytest.raises(ParamValidationError):
        pca.delete_certificate_authority(
            CertificateAuthorityArn=arn, PermanentDeletionTimeInDays=_deletion_window()[0] - 1
        )


def test_restore_returns_the_status_before_deletion(pca: Any, certmock: Mock) -> None:
    arn = create_ca(pca)
    pca.delete_certificate_authority(CertificateAuthorityArn=arn, PermanentDeletionTimeInDays=7)
    certmock.clock.advance(days=6)
    pca.restore_certificate_authority(CertificateAuthorityArn=arn)
    found = describe(pca, arn)
    assert found["Status"] == "PENDING_CERTIFICATE"
    assert "RestorableUntil" not in found
    assert found["LastStateChangeAt"] == NOW + dt.timedelta(days=6)


def test_a_restored_ca_is_not_removed_when_its_old_window_ends(pca: Any, certmock: Mock) -> None:
    arn = create_ca(pca)
    pca.delete_certificate_authority(CertificateAuthorityArn=arn, PermanentDeletionTimeInDays=7)
    pca.restore_certificate_authority(CertificateAuthorityArn=arn)
    certmock.clock.advance(days=60)
    assert describe(pca, arn)["Status"] == "PENDING_CERTIFICATE"


def test_a_deleted_ca_is_gone_when_the_window_closes(pca: Any, certmock: Mock) -> None:
    arn = create_ca(pca)
    pca.delete_certificate_authority(CertificateAuthorityArn=arn, PermanentDeletionTimeInDays=7)
    certmock.clock.advance(days=7)
    with pytest.raises(pca.exceptions.ResourceNotFoundException) as raised:
        describe(pca, arn)
    assert arn in error_of(raised)[1]
    assert pca.list_certificate_authorities()["CertificateAuthorities"] == []


def test_restore_after_the_window_is_resource_not_found(pca: Any, certmock: Mock) -> None:
    arn = create_ca(pca)
    pca.delete_certificate_authority(CertificateAuthorityArn=arn, PermanentDeletionTimeInDays=7)
    certmock.clock.advance(days=7, seconds=1)
    with pytest.raises(pca.exceptions.ResourceNotFoundException):
        pca.restore_certificate_authority(CertificateAuthorityArn=arn)


def test_removal_frees_the_quota(pca: Any, certmock: Mock) -> None:
    arns = [create_ca(pca) for _ in range(200)]
    pca.delete_certificate_authority(CertificateAuthorityArn=arns[0], PermanentDeletionTimeInDays=7)
    certmock.clock.advance(days=7)
    create_ca(pca)


def test_restoring_a_ca_that_is_not_deleted_is_refused(pca: Any) -> None:
    arn = create_ca(pca)
    with pytest.raises(pca.exceptions.InvalidStateException) as raised:
        pca.restore_certificate_authority(CertificateAuthorityArn=arn)
    assert error_of(raised)[1].startswith(
        "The certificate authority is not in a valid state for restoration."
    )


def test_deleting_a_deleted_ca_is_refused(pca: Any) -> None:
    arn = create_ca(pca)
    pca.delete_certificate_authority(CertificateAuthorityArn=arn)
    with pytest.raises(pca.exceptions.InvalidStateException) as raised:
        pca.delete_certificate_authority(CertificateAuthorityArn=arn)
    assert error_of(raised)[1].startswith(
        "The certificate authority is not in a valid state for deletion."
    )


def test_a_restored_ca_still_answers_its_idempotency_token(pca: Any, certmock: Mock) -> None:
    first = create_ca(pca, IdempotencyToken="again")
    pca.delete_certificate_authority(CertificateAuthorityArn=first, PermanentDeletionTimeInDays=7)
    certmock.clock.advance(minutes=1)
    pca.restore_certificate_authority(CertificateAuthorityArn=first)
    assert create_ca(pca, IdempotencyToken="again") == first


# -- ARNs ----------------------------------------------------------------------------------
def test_an_unknown_ca_is_resource_not_found(pca: Any) -> None:
    arn = f"arn:aws:acm-pca:{REGION}:123456789012:certificate-authority/" + (
        "11111111-2222-4333-8444-555555555555"
    )
    with pytest.raises(pca.exceptions.ResourceNotFoundException):
        describe(pca, arn)


def test_an_arn_that_names_no_ca_is_invalid(pca: Any) -> None:
    with pytest.raises(pca.exceptions.InvalidArnException) as raised:
        describe(pca, f"arn:aws:acm-pca:{REGION}:123456789012:template/EndEntityCertificate/V1")
    assert error_of(raised)[1].startswith("Not a valid arn")


def test_a_string_that_is_no_arn_fails_the_model_pattern(pca: Any) -> None:
    with pytest.raises(ClientError) as raised:
        describe(pca, "not-an-arn")
    code, message, _ = error_of(raised)
    assert code == "ValidationException"
    assert (
        "at 'certificateAuthorityArn' failed to satisfy constraint: Member must satisfy "
        "regular expression pattern" in message
    )


def test_another_accounts_ca_is_access_denied(pca: Any) -> None:
    other = boto3.client(
        "acm-pca", region_name=REGION, aws_access_key_id="210987654321", aws_secret_access_key="x"
    )
    arn = create_ca(other)
    with pytest.raises(ClientError) as raised:
        describe(pca, arn)
    code, message, status = error_of(raised)
    assert (code, status) == ("AccessDeniedException", 403)
    assert message == (
        "User: arn:aws:iam::123456789012:root is not authorized to perform: "
        f"acm-pca:DescribeCertificateAuthority on resource: {arn} because no resource-based "
        "policy allows the acm-pca:DescribeCertificateAuthority action"
    )


def test_a_ca_of_another_region_is_not_found_here(certmock: Mock) -> None:
    arn = create_ca(boto3.client("acm-pca", region_name="us-east-1"))
    with pytest.raises(ClientError) as raised:
        describe(boto3.client("acm-pca", region_name="eu-central-1"), arn)
    assert raised.value.response["Error"]["Code"] == "ResourceNotFoundException"


@pytest.mark.parametrize(
    ("extensions", "problem"),
    [
        ({"KeyUsage": {"EncipherOnly": True}}, "EncipherOnly"),
        (
            {
                "SubjectInformationAccess": [
                    {
                        "AccessMethod": {"AccessMethodType": "CA_REPOSITORY"},
                        "AccessLocation": {"IpAddress": "10.0.0.300"},
                    }
                ]
            },
            "10.0.0.300",
        ),
        (
            {
                "SubjectInformationAccess": [
                    {
                        "AccessMethod": {
                            "AccessMethodType": "CA_REPOSITORY",
                            "CustomObjectIdentifier": "1.2.3",
                        },
                        "AccessLocation": {"DnsName": "repository.example.com"},
                    }
                ]
            },
            "exactly one of CustomObjectIdentifier and AccessMethodType",
        ),
    ],
    ids=["encipher-only", "access-location-not-an-ip", "access-method-with-both-fields"],
)
def test_csr_extensions_x509_forbids_are_refused_at_creation(
    pca: Any, extensions: dict[str, Any], problem: str
) -> None:
    configuration = {**ROOT_CONFIGURATION, "CsrExtensions": extensions}
    with pytest.raises(pca.exceptions.InvalidArgsException) as raised:
        create_ca(pca, CertificateAuthorityConfiguration=configuration)
    assert problem in error_of(raised)[1]


def test_a_subject_mixing_custom_and_standard_attributes_is_refused(pca: Any) -> None:
    subject = {
        "CommonName": "x",
        "CustomAttributes": [{"ObjectIdentifier": "2.5.4.3", "Value": "y"}],
    }
    configuration = {**ROOT_CONFIGURATION, "Subject": subject}
    with pytest.raises(pca.exceptions.InvalidArgsException):
        create_ca(pca, CertificateAuthorityConfiguration=configuration)
