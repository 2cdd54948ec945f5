"""RevokeCertificate, and the CRLs a CA writes to the world's object store (fact sheet §2.8,
§3.1), read back with ``cm.objects`` and checked with ``cryptography``."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import boto3
import pytest
from cryptography import x509
from cryptography.x509.oid import ExtensionOID

from certmock import Mock
from certmock.pki.keys import ml_dsa_in_x509
from tests.helpers import REGION, create_ca, describe
from tests.model_facts import needs_enum_values, needs_member
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
    crl_key,
    issue,
    issued_certificate,
    message,
    read_crl,
    revoke,
    serial_of,
)

pytestmark = pytest.mark.certmock(now=NOW)

REASON_CODES = {
    "UNSPECIFIED": None,  # RFC 5280: the reasonCode SHOULD be absent rather than unspecified
    "KEY_COMPROMISE": x509.ReasonFlags.key_compromise,
    "CERTIFICATE_AUTHORITY_COMPROMISE": x509.ReasonFlags.ca_compromise,
    "AFFILIATION_CHANGED": x509.ReasonFlags.affiliation_changed,
    "SUPERSEDED": x509.ReasonFlags.superseded,
    "CESSATION_OF_OPERATION": x509.ReasonFlags.cessation_of_operation,
    "PRIVILEGE_WITHDRAWN": x509.ReasonFlags.privilege_withdrawn,
    "A_A_COMPROMISE": x509.ReasonFlags.aa_compromise,
}


def crl_root(pca: Any, **settings: Any) -> str:
    return active_root(pca, RevocationConfiguration=crl_enabled(**settings))


def revoked_serials(crl: x509.CertificateRevocationList) -> set[int]:
    return {entry.serial_number for entry in crl}


def crl_generations(certmock: Mock) -> int:
    return sum(e["detail-type"] == "ACM Private CA CRL Generation" for e in certmock.events)


def epoch_milliseconds(moment: dt.datetime) -> int:
    return int(moment.timestamp() * 1000)


# -- RevokeCertificate ----------------------------------------------------------------------------
def serial_forms(hex_serial: str) -> dict[str, str]:
    pairs = [hex_serial[i : i + 2] for i in range(0, 32, 2)]
    return {
        "arn-hex": hex_serial,
        "upper-hex": hex_serial.upper(),
        "colons": ":".join(pairs),
        "upper-colons": ":".join(pairs).upper(),
        "unpadded": f"{int(hex_serial, 16):x}",
    }


@pytest.mark.parametrize("form", ["arn-hex", "upper-hex", "colons", "upper-colons", "unpadded"])
def test_a_serial_is_accepted_in_hex_with_or_without_colons_in_any_case(
    pca: Any, certmock: Mock, form: str
) -> None:
    root = crl_root(pca)
    certificate_arn = issue(pca, root)
    pca.revoke_certificate(
        CertificateAuthorityArn=root,
        CertificateSerial=serial_forms(serial_of(certificate_arn))[form],
        RevocationReason="SUPERSEDED",
    )
    assert revoked_serials(read_crl(certmock, root)) == {int(serial_of(certificate_arn), 16)}


def test_revoking_twice_is_already_processed(pca: Any) -> None:
    root = crl_root(pca)
    certificate_arn = issue(pca, root)
    revoke(pca, root, certificate_arn)
    with pytest.raises(pca.exceptions.RequestAlreadyProcessedException) as raised:
        pca.revoke_certificate(
            CertificateAuthorityArn=root,
            CertificateSerial=serial_forms(serial_of(certificate_arn))["colons"],
            RevocationReason="UNSPECIFIED",
        )
    assert message(raised) == "Your request has already been completed."


@pytest.mark.parametrize("serial", ["ab" * 16, "xyz", "12-34"], ids=["unknown", "not-hex", "dash"])
def test_a_serial_naming_no_certificate_of_the_ca_is_not_found(pca: Any, serial: str) -> None:
    root = active_root(pca)
    issue(pca, root)
    with pytest.raises(pca.exceptions.ResourceNotFoundException) as raised:
        pca.revoke_certificate(
            CertificateAuthorityArn=root, CertificateSerial=serial, RevocationReason="UNSPECIFIED"
        )
    assert serial in message(raised)


def test_a_certificate_of_another_ca_is_not_found(pca: Any) -> None:
    root, other = active_root(pca), active_root(pca)
    with pytest.raises(pca.exceptions.ResourceNotFoundException):
        revoke(pca, other, issue(pca, root))


def test_a_roots_self_signed_certificate_cannot_be_revoked(pca: Any) -> None:
    root = active_root(pca)
    serial = ca_certificate(pca, root).serial_number
    with pytest.raises(pca.exceptions.InvalidRequestException) as raised:
        pca.revoke_certificate(
            CertificateAuthorityArn=root,
            CertificateSerial=f"{serial:032x}",
            RevocationReason="KEY_COMPROMISE",
        )
    assert "Self-signed certificate can not be revoked" in message(raised)


def test_a_roots_earlier_self_signed_certificate_cannot_be_revoked_either(
    pca: Any, certmock: Mock
) -> None:
    root = active_root(pca)
    earlier = ca_certificate(pca, root).serial_number
    certmock.clock.advance(days=1)
    renewed = issue(
        pca,
        root,
        pca.get_certificate_authority_csr(CertificateAuthorityArn=root)["Csr"].encode(),
        TemplateArn=TEMPLATE.format("RootCACertificate"),
        Validity={"Type": "YEARS", "Value": 10},
    )
    pca.import_certificate_authority_certificate(
        CertificateAuthorityArn=root,
        Certificate=pca.get_certificate(CertificateAuthorityArn=root, CertificateArn=renewed)[
            "Certificate"
        ],
    )
    with pytest.raises(pca.exceptions.InvalidRequestException) as raised:
        pca.revoke_certificate(
            CertificateAuthorityArn=root,
            CertificateSerial=f"{earlier:032x}",
            RevocationReason="SUPERSEDED",
        )
    assert "Self-signed certificate can not be revoked" in message(raised)


def test_a_subordinate_cas_certificate_can_be_revoked_by_its_parent(
    pca: Any, certmock: Mock
) -> None:
    root = crl_root(pca)
    subordinate = active_subordinate(pca, root)
    serial = ca_certificate(pca, subordinate).serial_number
    pca.revoke_certificate(
        CertificateAuthorityArn=root,
        CertificateSerial=f"{serial:x}",
        RevocationReason="CERTIFICATE_AUTHORITY_COMPROMISE",
    )
    assert revoked_serials(read_crl(certmock, root)) == {serial}


def test_a_disabled_ca_can_still_revoke(pca: Any, certmock: Mock) -> None:
    root = crl_root(pca)
    certificate_arn = issue(pca, root)
    pca.update_certificate_authority(CertificateAuthorityArn=root, Status="DISABLED")
    revoke(pca, root, certificate_arn)
    assert revoked_serials(read_crl(certmock, root)) == {int(serial_of(certificate_arn), 16)}


def pending_ca(pca: Any) -> str:
    return create_ca(pca)


def deleted_ca(pca: Any) -> str:
    root = active_root(pca)
    pca.update_certificate_authority(CertificateAuthorityArn=root, Status="DISABLED")
    pca.delete_certificate_authority(CertificateAuthorityArn=root)
    return root


@pytest.mark.parametrize(
    ("make", "status"),
    [(pending_ca, "PENDING_CERTIFICATE"), (deleted_ca, "DELETED")],
    ids=["pending", "deleted"],
)
def test_a_pending_or_deleted_ca_cannot_revoke(pca: Any, make: Any, status: str) -> None:
    ca = make(pca)
    with pytest.raises(pca.exceptions.InvalidStateException) as raised:
        pca.revoke_certificate(
            CertificateAuthorityArn=ca, CertificateSerial="ab" * 16, RevocationReason="UNSPECIFIED"
        )
    assert status in message(raised)


def test_without_a_crl_revocation_writes_nothing(pca: Any, certmock: Mock) -> None:
    root = active_root(pca)
    revoke(pca, root, issue(pca, root))
    assert certmock.objects.buckets() == []


# -- when and where the CRL is written -----------------------------------------------------------
def test_no_crl_is_written_before_a_certificate_points_at_it(pca: Any, certmock: Mock) -> None:
    crl_root(pca)  # activated with its own (self-signed, CDP-less) certificate
    assert certmock.objects.keys(BUCKET) == []


def test_the_first_issued_certificate_writes_an_empty_crl_under_crl_slash_ca_id(
    pca: Any, certmock: Mock
) -> None:
    root = crl_root(pca)
    issue(pca, root)
    assert certmock.objects.keys(BUCKET) == [f"crl/{ca_id(root)}.crl"]
    stored = certmock.objects.head(BUCKET, crl_key(root))
    assert stored.content_type == "application/pkix-crl"
    assert stored.written_at == NOW
    assert list(read_crl(certmock, root)) == []


@needs_member("acm-pca", "CrlConfiguration", "CustomPath")
def test_a_custom_path_is_the_crls_folder(pca: Any, certmock: Mock) -> None:
    root = crl_root(pca, CustomPath="pki/crls")
    issue(pca, root)
    assert certmock.objects.keys(BUCKET) == [f"pki/crls/{ca_id(root)}.crl"]


@needs_member("acm-pca", "CrlConfiguration", "CrlType")
def test_a_partitioned_crl_is_written_where_the_distribution_point_says(
    pca: Any, certmock: Mock
) -> None:
    root = crl_root(pca, CrlType="PARTITIONED")
    leaf = issued_certificate(pca, root, issue(pca, root))
    (point,) = leaf.extensions.get_extension_for_class(x509.CRLDistributionPoints).value
    url = point.full_name[0].value
    key = url.split(".amazonaws.com/", 1)[1]
    assert certmock.objects.keys(BUCKET) == [key]
    crl = x509.load_der_x509_crl(certmock.objects.get(BUCKET, key))
    idp = crl.extensions.get_extension_for_class(x509.IssuingDistributionPoint)
    assert idp.critical
    assert idp.value.full_name == [x509.UniformResourceIdentifier(url)]


def test_a_complete_crl_has_no_issuing_distribution_point(pca: Any, certmock: Mock) -> None:
    root = crl_root(pca)
    issue(pca, root)
    crl = read_crl(certmock, root)
    assert [e.oid for e in crl.extensions] == [
        ExtensionOID.AUTHORITY_KEY_IDENTIFIER,
        ExtensionOID.CRL_NUMBER,
    ]


# -- what is in the CRL ---------------------------------------------------------------------------
CRL_KEYS = [
    ("RSA_2048", "SHA256WITHRSA"),
    ("EC_secp384r1", "SHA384WITHECDSA"),
    pytest.param(
        "ML_DSA_44",
        "ML_DSA_44",
        marks=[
            pytest.mark.skipif(not ml_dsa_in_x509(), reason="no ML-DSA X.509 signing here"),
            needs_enum_values("acm-pca", "KeyAlgorithm", "ML_DSA_44"),
        ],
    ),
]


@pytest.mark.parametrize(("key_algorithm", "signing_algorithm"), CRL_KEYS)
def test_the_crl_is_signed_by_the_ca_and_names_it(
    pca: Any, certmock: Mock, key_algorithm: str, signing_algorithm: str
) -> None:
    root = active_root(
        pca,
        CertificateAuthorityConfiguration=configuration(key_algorithm, signing_algorithm),
        RevocationConfiguration=crl_enabled(),
    )
    revoke(pca, root, issue(pca, root, SigningAlgorithm=signing_algorithm))
    crl = read_crl(certmock, root)
    ca = ca_certificate(pca, root)
    assert crl.is_signature_valid(ca.public_key())
    assert crl.signature_algorithm_oid == ca.signature_algorithm_oid
    assert crl.issuer == ca.subject
    authority = crl.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value
    ski = ca.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    assert authority.key_identifier == ski.digest


def test_a_subordinates_crl_is_signed_by_the_subordinate(pca: Any, certmock: Mock) -> None:
    root = active_root(pca)
    subordinate = active_subordinate(pca, root, RevocationConfiguration=crl_enabled())
    revoke(pca, subordinate, issue(pca, subordinate))
    crl = read_crl(certmock, subordinate)
    assert crl.is_signature_valid(ca_certificate(pca, subordinate).public_key())
    assert not crl.is_signature_valid(ca_certificate(pca, root).public_key())


def test_the_crl_dates_follow_its_generation_and_expiration_days(pca: Any, certmock: Mock) -> None:
    root = crl_root(pca, ExpirationInDays=30)
    certificate_arn = issue(pca, root)
    revoked_at = certmock.clock.advance(hours=5)
    revoke(pca, root, certificate_arn)
    crl = read_crl(certmock, root)
    assert crl.last_update_utc == revoked_at - dt.timedelta(hours=1)
    assert crl.next_update_utc == revoked_at + dt.timedelta(days=30)
    number = crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number
    assert number == epoch_milliseconds(revoked_at)


def test_crl_numbers_increase_with_every_crl(pca: Any, certmock: Mock) -> None:
    root = crl_root(pca)
    certificates = [issue(pca, root) for _ in range(3)]
    numbers = [read_crl(certmock, root).extensions.get_extension_for_class(x509.CRLNumber)]
    for certificate_arn in certificates:  # the first revocation falls in the first CRL's ms
        revoke(pca, root, certificate_arn)
        numbers.append(read_crl(certmock, root).extensions.get_extension_for_class(x509.CRLNumber))
        certmock.clock.advance(minutes=10)
    values = [found.value.crl_number for found in numbers]
    assert values == sorted(set(values))
    assert values[0] == epoch_milliseconds(NOW)


def test_every_revoked_serial_is_listed_with_its_date_and_reason(pca: Any, certmock: Mock) -> None:
    root = crl_root(pca)
    expected = {}
    for reason, code in REASON_CODES.items():
        certificate_arn = issue(pca, root)
        revoked_at = certmock.clock.advance(minutes=1)
        revoke(pca, root, certificate_arn, reason)
        expected[int(serial_of(certificate_arn), 16)] = (revoked_at, code)
    issue(pca, root)  # not revoked, not listed
    listed = {}
    for entry in read_crl(certmock, root):
        try:
            code = entry.extensions.get_extension_for_class(x509.CRLReason).value.reason
        except x509.ExtensionNotFound:
            code = None
        listed[entry.serial_number] = (entry.revocation_date_utc, code)
    assert listed == expected


def test_a_revoked_certificate_leaves_the_crl_one_crl_after_it_expires(
    pca: Any, certmock: Mock
) -> None:
    root = crl_root(pca)
    short = issue(pca, root, Validity={"Type": "DAYS", "Value": 2})
    revoke(pca, root, short)
    serial = int(serial_of(short), 16)
    certmock.clock.advance(days=2)
    at_expiry = read_crl(certmock, root)
    assert revoked_serials(at_expiry) == {serial}
    assert at_expiry.last_update_utc == NOW + dt.timedelta(days=2) - dt.timedelta(hours=1)
    certmock.clock.advance(days=1)
    other = issue(pca, root)
    revoke(pca, root, other)
    assert revoked_serials(read_crl(certmock, root)) == {int(serial_of(other), 16)}


def test_the_crl_of_a_shared_ca_lists_what_another_account_issued(pca: Any, certmock: Mock) -> None:
    root = crl_root(pca)
    pca.put_policy(
        ResourceArn=root,
        Policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"AWS": "210987654321"},
                        "Action": "acm-pca:IssueCertificate",
                        "Resource": root,
                    }
                ],
            }
        ),
    )
    other = boto3.client(
        "acm-pca", region_name=REGION, aws_access_key_id="210987654321", aws_secret_access_key="x"
    )
    theirs = issue(other, root)
    revoke(pca, root, theirs)
    assert revoked_serials(read_crl(certmock, root)) == {int(serial_of(theirs), 16)}
    assert describe(pca, root)["Status"] == "ACTIVE"


def test_revoking_an_expired_certificate_keeps_the_others_listed(pca: Any, certmock: Mock) -> None:
    root = crl_root(pca)
    expired = issue(pca, root, Validity={"Type": "DAYS", "Value": 1})
    valid = issue(pca, root)
    certmock.clock.advance(days=2)
    revoke(pca, root, valid)
    revoke(pca, root, expired)
    crl = read_crl(certmock, root)
    assert int(serial_of(valid), 16) in revoked_serials(crl)
    assert crl.last_update_utc == NOW + dt.timedelta(days=2) - dt.timedelta(hours=1)


@needs_member("acm-pca", "CrlConfiguration", "CustomPath")
def test_a_crl_moved_by_an_update_is_written_at_its_new_place_by_the_next_issuance(
    pca: Any, certmock: Mock
) -> None:
    root = crl_root(pca)
    revoked = issue(pca, root)
    revoke(pca, root, revoked)
    pca.update_certificate_authority(
        CertificateAuthorityArn=root,
        RevocationConfiguration=crl_enabled("moved-crl-bucket", CustomPath="pki"),
    )
    issue(pca, root)
    key = f"pki/{ca_id(root)}.crl"
    assert certmock.objects.keys("moved-crl-bucket") == [key]
    moved = read_crl(certmock, root, bucket="moved-crl-bucket", key=key)
    assert revoked_serials(moved) == {int(serial_of(revoked), 16)}


def test_a_crl_enabled_later_lists_what_was_revoked_before_until_it_expires(
    pca: Any, certmock: Mock
) -> None:
    root = active_root(pca)
    revoked = issue(pca, root, Validity={"Type": "DAYS", "Value": 2})
    revoke(pca, root, revoked)
    pca.update_certificate_authority(
        CertificateAuthorityArn=root, RevocationConfiguration=crl_enabled()
    )
    issue(pca, root)
    assert revoked_serials(read_crl(certmock, root)) == {int(serial_of(revoked), 16)}
    certmock.clock.advance(days=3)
    # Refreshed at its expiry (its one CRL after it), though no CRL was enabled at revocation.
    assert certmock.objects.head(BUCKET, crl_key(root)).written_at == NOW + dt.timedelta(days=2)
    revoke(pca, root, issue(pca, root))
    assert int(serial_of(revoked), 16) not in revoked_serials(read_crl(certmock, root))


def test_a_crl_update_missed_while_deleted_is_written_on_restore(pca: Any, certmock: Mock) -> None:
    root = crl_root(pca)
    revoked = issue(pca, root, Validity={"Type": "DAYS", "Value": 2})
    revoke(pca, root, revoked)
    pca.update_certificate_authority(CertificateAuthorityArn=root, Status="DISABLED")
    pca.delete_certificate_authority(CertificateAuthorityArn=root, PermanentDeletionTimeInDays=7)
    certmock.clock.advance(days=3)  # the revoked certificate expires: the refresh is missed
    assert revoked_serials(read_crl(certmock, root)) == {int(serial_of(revoked), 16)}
    pca.restore_certificate_authority(CertificateAuthorityArn=root)
    crl = read_crl(certmock, root)
    assert crl.last_update_utc == NOW + dt.timedelta(days=3) - dt.timedelta(hours=1)
    # Its one CRL after expiry: it is still listed, and dropped from the next.
    assert revoked_serials(crl) == {int(serial_of(revoked), 16)}
    pca.update_certificate_authority(CertificateAuthorityArn=root, Status="ACTIVE")
    revoke(pca, root, issue(pca, root))
    assert int(serial_of(revoked), 16) not in revoked_serials(read_crl(certmock, root))


def test_no_crl_is_written_at_a_revoked_certificates_expiry_once_crls_are_disabled(
    pca: Any, certmock: Mock
) -> None:
    root = crl_root(pca)
    revoke(pca, root, issue(pca, root, Validity={"Type": "DAYS", "Value": 2}))
    written = certmock.objects.head(BUCKET, crl_key(root)).written_at
    pca.update_certificate_authority(
        CertificateAuthorityArn=root,
        RevocationConfiguration={"CrlConfiguration": {"Enabled": False}},
    )
    certmock.clock.advance(days=3)
    assert certmock.objects.head(BUCKET, crl_key(root)).written_at == written
    assert crl_generations(certmock) == 2  # at the first issuance and at the revocation


def test_a_refresh_that_comes_due_after_the_ca_is_gone_writes_nothing(
    pca: Any, certmock: Mock
) -> None:
    root = crl_root(pca)
    revoke(pca, root, issue(pca, root, Validity={"Type": "DAYS", "Value": 30}))
    written = certmock.objects.head(BUCKET, crl_key(root)).written_at
    pca.update_certificate_authority(CertificateAuthorityArn=root, Status="DISABLED")
    pca.delete_certificate_authority(CertificateAuthorityArn=root, PermanentDeletionTimeInDays=7)
    certmock.clock.advance(days=40)  # removed on day 7; the refresh was due on day 30
    with pytest.raises(pca.exceptions.ResourceNotFoundException):
        describe(pca, root)
    assert certmock.objects.head(BUCKET, crl_key(root)).written_at == written
    assert crl_generations(certmock) == 2  # at the first issuance and at the revocation
