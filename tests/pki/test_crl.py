"""CRLs as ACM Private CA writes them (fact sheet §3.1), checked with cryptography."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import cast

import botocore.session
import pytest
from botocore.model import StringShape
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.types import CertificateIssuerPublicKeyTypes
from cryptography.x509.oid import CRLEntryExtensionOID, ExtensionOID, NameOID
from freezegun import freeze_time

from certmock.pki.certs import root_ca_extensions, sign_certificate
from certmock.pki.crl import REASONS, RevokedEntry, build_crl, crl_number_at
from certmock.pki.csr import build_ca_csr, load_csr
from certmock.pki.keys import (
    AlgorithmMismatch,
    PrivateKey,
    generate_private_key,
    ml_dsa_in_x509,
)

GENERATED = datetime(2018, 2, 26, 20, 28, 25, 984000, tzinfo=timezone.utc)
THIS_UPDATE = datetime(2018, 2, 26, 19, 28, 25, tzinfo=timezone.utc)
NEXT_UPDATE = datetime(2019, 2, 26, 20, 28, 25, tzinfo=timezone.utc)
REVOKED_AT = datetime(2018, 2, 26, 20, 0, 36, tzinfo=timezone.utc)
PARTITION_URI = "http://crl.example.com/crl/3f1a0c5e-8d2b-4e6f-9a7c-1b2d3e4f5a6b.crl"

# RFC 5280 §5.3.1 CRLReason codes for each botocore RevocationReason (fact sheet §2.8).
RFC_CODES = {
    "UNSPECIFIED": 0,
    "KEY_COMPROMISE": 1,
    "CERTIFICATE_AUTHORITY_COMPROMISE": 2,
    "AFFILIATION_CHANGED": 3,
    "SUPERSEDED": 4,
    "CESSATION_OF_OPERATION": 5,
    "PRIVILEGE_WITHDRAWN": 9,
    "A_A_COMPROMISE": 10,
}

needs_ml_dsa = pytest.mark.skipif(
    not ml_dsa_in_x509(), reason="the installed cryptography cannot sign X.509 with ML-DSA"
)


@dataclass(frozen=True)
class CA:
    key: PrivateKey
    certificate: x509.Certificate
    signing_algorithm: str


def make_ca(key_algorithm: str, signing_algorithm: str) -> CA:
    key = generate_private_key(key_algorithm)
    csr = load_csr(build_ca_csr(key, {"CommonName": "certmock CRL root"}, signing_algorithm))
    certificate = sign_certificate(
        csr=csr,
        issuer_key=key,
        issuer_certificate=None,
        signing_algorithm=signing_algorithm,
        serial=0x1234,
        not_before=THIS_UPDATE - timedelta(days=1),
        not_after=THIS_UPDATE + timedelta(days=3650),
        extensions=root_ca_extensions(),
    )
    return CA(key, certificate, signing_algorithm)


@pytest.fixture(
    scope="module",
    params=[
        ("RSA_2048", "SHA256WITHRSA"),
        ("EC_prime256v1", "SHA256WITHECDSA"),
        ("EC_secp384r1", "SHA384WITHECDSA"),
        pytest.param(("ML_DSA_44", "ML_DSA_44"), marks=needs_ml_dsa),
    ],
    ids=lambda param: param[0],
)
def ca(request: pytest.FixtureRequest) -> CA:
    key_algorithm, signing_algorithm = request.param
    return make_ca(key_algorithm, signing_algorithm)


@pytest.fixture(scope="module")
def ec_ca() -> CA:
    return make_ca("EC_prime256v1", "SHA256WITHECDSA")


def crl_of(
    ca: CA,
    entries: list[RevokedEntry] | None = None,
    *,
    crl_number: int = 1519676905984,
    this_update: datetime = THIS_UPDATE,
    next_update: datetime = NEXT_UPDATE,
    issuing_distribution_point: str | None = None,
) -> x509.CertificateRevocationList:
    der = build_crl(
        issuer_key=ca.key,
        issuer_certificate=ca.certificate,
        signing_algorithm=ca.signing_algorithm,
        entries=entries or [],
        crl_number=crl_number,
        this_update=this_update,
        next_update=next_update,
        issuing_distribution_point=issuing_distribution_point,
    )
    return x509.load_der_x509_crl(der)


def every_reason() -> list[RevokedEntry]:
    """One entry per RevocationReason, each with its own serial and date."""
    return [
        RevokedEntry(
            serial=0xE8CBD2BEDB122329F97706BCFEC990F0 + index,
            revoked_at=REVOKED_AT - timedelta(days=index, seconds=index),
            reason=name,
        )
        for index, name in enumerate(RFC_CODES)
    ]


def signed_by(crl: x509.CertificateRevocationList, ca: CA) -> bool:
    """Whether the CRL's signature verifies with the public key in the CA's certificate."""
    public_key = cast(CertificateIssuerPublicKeyTypes, ca.certificate.public_key())
    return crl.is_signature_valid(public_key)


def tbs_version(crl: x509.CertificateRevocationList) -> int:
    # TBSCertList ::= SEQUENCE { version Version OPTIONAL, ... }: skip the SEQUENCE header and
    # read the INTEGER (a v2 CRL carries 1; a v1 CRL starts with the signature algorithm).
    tbs = crl.tbs_certlist_bytes
    offset = 2 + (tbs[1] & 0x7F if tbs[1] & 0x80 else 0)
    assert tbs[offset : offset + 2] == b"\x02\x01", "no version field: a v1 CRL"
    return tbs[offset + 2]


# --- the reason table ----------------------------------------------------------------------


def test_reasons_cover_botocores_revocation_reason_enum() -> None:
    model = botocore.session.get_session().get_service_model("acm-pca")
    shape = model.shape_for("RevocationReason")
    assert isinstance(shape, StringShape)
    assert list(REASONS) == shape.enum


@pytest.mark.parametrize(("reason", "code"), RFC_CODES.items())
def test_each_reason_maps_to_its_rfc5280_code(reason: str, code: int) -> None:
    # CRLReason ::= ENUMERATED, so the DER is 0a 01 <code>.
    assert x509.CRLReason(REASONS[reason]).public_bytes() == bytes([0x0A, 0x01, code])


# --- the CRL itself ------------------------------------------------------------------------


def test_signature_verifies_with_the_ca_public_key(ca: CA) -> None:
    crl = crl_of(ca, every_reason())
    assert signed_by(crl, ca)
    # Signed with the algorithm asked for, the same one the CA certificate was signed with.
    assert crl.signature_algorithm_oid == ca.certificate.signature_algorithm_oid


def test_signature_does_not_verify_with_another_key(ca: CA) -> None:
    other = ec.generate_private_key(ec.SECP256R1()).public_key()
    assert not crl_of(ca).is_signature_valid(other)


def test_crl_is_v2_with_the_ca_subject_as_issuer_and_the_update_times(ca: CA) -> None:
    crl = crl_of(ca)
    assert tbs_version(crl) == 1  # v2
    assert crl.issuer == ca.certificate.subject
    assert crl.last_update_utc == THIS_UPDATE
    assert crl.next_update_utc == NEXT_UPDATE


def test_crl_extensions_are_aki_then_crl_number(ca: CA) -> None:
    crl = crl_of(ca, crl_number=1519676905984)
    assert [extension.oid for extension in crl.extensions] == [
        ExtensionOID.AUTHORITY_KEY_IDENTIFIER,
        ExtensionOID.CRL_NUMBER,
    ]
    assert not any(extension.critical for extension in crl.extensions)
    assert crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number == (
        1519676905984
    )


def test_aki_matches_the_ca_certificates_ski(ca: CA) -> None:
    aki = crl_of(ca).extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value
    ski = ca.certificate.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    assert aki.key_identifier == ski.key_identifier
    assert aki.authority_cert_issuer is None
    assert aki.authority_cert_serial_number is None


def test_aki_uses_an_imported_ski_even_if_it_is_not_the_key_hash() -> None:
    key = generate_private_key("EC_prime256v1")
    ski = x509.SubjectKeyIdentifier(b"\x5a" * 8)
    certificate = sign_certificate(
        csr=load_csr(build_ca_csr(key, {"CommonName": "imported"}, "SHA256WITHECDSA")),
        issuer_key=key,
        issuer_certificate=None,
        signing_algorithm="SHA256WITHECDSA",
        serial=7,
        not_before=THIS_UPDATE,
        not_after=NEXT_UPDATE,
        extensions=[*root_ca_extensions(), (ski, False)],
    )
    crl = crl_of(CA(key, certificate, "SHA256WITHECDSA"))
    aki = crl.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value
    assert aki.key_identifier == b"\x5a" * 8


def test_aki_is_derived_from_the_key_when_the_ca_certificate_has_no_ski() -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "no SKI")])
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(9)
        .not_valid_before(THIS_UPDATE)
        .not_valid_after(NEXT_UPDATE)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    crl = crl_of(CA(key, certificate, "SHA256WITHECDSA"))
    aki = crl.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value
    expected = x509.AuthorityKeyIdentifier.from_issuer_public_key(key.public_key())
    assert aki.key_identifier == expected.key_identifier


# --- entries -------------------------------------------------------------------------------


def test_every_entry_lists_its_serial_date_and_reason_in_the_order_given(ca: CA) -> None:
    entries = every_reason()
    crl = crl_of(ca, entries)
    assert [revoked.serial_number for revoked in crl] == [entry.serial for entry in entries]
    for entry in entries:
        revoked = crl.get_revoked_certificate_by_serial_number(entry.serial)
        assert revoked is not None
        assert revoked.revocation_date_utc == entry.revoked_at
        if entry.reason == "UNSPECIFIED":
            continue  # see the next test
        reason = revoked.extensions.get_extension_for_class(x509.CRLReason)
        assert not reason.critical
        assert reason.value.reason is REASONS[entry.reason]
        assert reason.value.public_bytes()[-1] == RFC_CODES[entry.reason]
        assert [extension.oid for extension in revoked.extensions] == [
            CRLEntryExtensionOID.CRL_REASON
        ]


def test_an_unspecified_revocation_carries_no_reason_code(ec_ca: CA) -> None:
    # RFC 5280 §5.3.1: "SHOULD be absent instead of using the unspecified (0) reasonCode value".
    crl = crl_of(ec_ca, [RevokedEntry(0x42, REVOKED_AT, "UNSPECIFIED")])
    revoked = crl.get_revoked_certificate_by_serial_number(0x42)
    assert revoked is not None
    assert len(revoked.extensions) == 0


def test_revocation_dates_keep_whole_seconds(ec_ca: CA) -> None:
    crl = crl_of(ec_ca, [RevokedEntry(0x42, REVOKED_AT.replace(microsecond=999_999), "SUPERSEDED")])
    revoked = crl.get_revoked_certificate_by_serial_number(0x42)
    assert revoked is not None
    assert revoked.revocation_date_utc == REVOKED_AT


def test_an_empty_crl_is_signed_and_lists_nothing(ca: CA) -> None:
    crl = crl_of(ca, [])
    assert len(crl) == 0
    assert list(crl) == []
    assert signed_by(crl, ca)


def test_ten_thousand_entries_are_all_listed(ec_ca: CA) -> None:
    entries = [RevokedEntry(serial, REVOKED_AT, "KEY_COMPROMISE") for serial in range(1, 10_001)]
    started = time.perf_counter()
    crl = crl_of(ec_ca, entries)
    elapsed = time.perf_counter() - started
    assert len(crl) == 10_000
    assert signed_by(crl, ec_ca)
    # Generous bound (about 0.15 s here): catches a quadratic build, not a slow machine.
    assert elapsed < 5


# --- partitioned CRLs ----------------------------------------------------------------------


def test_a_partitioned_crl_has_a_critical_issuing_distribution_point(ca: CA) -> None:
    crl = crl_of(ca, every_reason(), issuing_distribution_point=PARTITION_URI)
    assert crl.extensions[-1].oid == ExtensionOID.ISSUING_DISTRIBUTION_POINT
    extension = crl.extensions.get_extension_for_class(x509.IssuingDistributionPoint)
    assert extension.critical
    assert extension.value == x509.IssuingDistributionPoint(
        full_name=[x509.UniformResourceIdentifier(PARTITION_URI)],
        relative_name=None,
        only_contains_user_certs=False,
        only_contains_ca_certs=False,
        only_some_reasons=None,
        indirect_crl=False,
        only_contains_attribute_certs=False,
    )
    assert signed_by(crl, ca)


def test_a_complete_crl_has_no_issuing_distribution_point(ec_ca: CA) -> None:
    with pytest.raises(x509.ExtensionNotFound):
        crl_of(ec_ca).extensions.get_extension_for_class(x509.IssuingDistributionPoint)


# --- times ---------------------------------------------------------------------------------


def test_naive_times_are_taken_as_utc(ec_ca: CA) -> None:
    naive = THIS_UPDATE.replace(tzinfo=None)
    crl = crl_of(
        ec_ca,
        [RevokedEntry(0x42, REVOKED_AT.replace(tzinfo=None), "SUPERSEDED")],
        this_update=naive,
        next_update=NEXT_UPDATE.replace(tzinfo=None),
    )
    assert crl.last_update_utc == THIS_UPDATE
    assert crl.next_update_utc == NEXT_UPDATE
    revoked = crl.get_revoked_certificate_by_serial_number(0x42)
    assert revoked is not None
    assert revoked.revocation_date_utc == REVOKED_AT


def test_freezeguns_datetimes_are_accepted(ec_ca: CA) -> None:
    with freeze_time(GENERATED):
        now = datetime.now(timezone.utc)
        crl = crl_of(
            ec_ca,
            [RevokedEntry(0x42, now, "KEY_COMPROMISE")],
            crl_number=crl_number_at(now),
            this_update=now - timedelta(hours=1),
            next_update=now + timedelta(days=7),
        )
    assert crl.last_update_utc == THIS_UPDATE
    assert crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number == (
        1519676905984
    )


# --- crl_number_at -------------------------------------------------------------------------


def test_crl_number_is_the_generation_time_in_epoch_milliseconds() -> None:
    # The AWS sample CRL: number 1519676905984, generated 2018-02-26T20:28:25.984Z.
    assert crl_number_at(GENERATED) == 1519676905984


def test_crl_number_rounds_down_to_the_millisecond() -> None:
    assert crl_number_at(GENERATED.replace(microsecond=984_999)) == 1519676905984


def test_crl_number_reads_naive_times_as_utc_and_converts_other_zones() -> None:
    assert crl_number_at(GENERATED.replace(tzinfo=None)) == 1519676905984
    plus_two = timezone(timedelta(hours=2))
    assert crl_number_at(GENERATED.astimezone(plus_two)) == 1519676905984


def test_crl_number_of_a_pre_1970_time_is_refused() -> None:
    with pytest.raises(ValueError, match="pre-1970"):
        crl_number_at(datetime(1969, 12, 31, 23, 59, 59, tzinfo=timezone.utc))


# --- refusals ------------------------------------------------------------------------------


def test_an_unknown_reason_is_refused_with_the_valid_ones(ec_ca: CA) -> None:
    with pytest.raises(ValueError, match=rf"'CERTIFICATE_HOLD'.*{re.escape(', '.join(REASONS))}"):
        crl_of(ec_ca, [RevokedEntry(0x42, REVOKED_AT, "CERTIFICATE_HOLD")])


def test_a_serial_listed_twice_is_refused(ec_ca: CA) -> None:
    entries = [RevokedEntry(0x42, REVOKED_AT, "SUPERSEDED")] * 2
    with pytest.raises(ValueError, match="Serial 42 is listed more than once"):
        crl_of(ec_ca, entries)


def test_the_key_must_belong_to_the_ca_certificate(ec_ca: CA) -> None:
    stranger = CA(generate_private_key("EC_prime256v1"), ec_ca.certificate, "SHA256WITHECDSA")
    with pytest.raises(ValueError, match="does not belong"):
        crl_of(stranger)


def test_the_signing_algorithm_must_fit_the_key(ec_ca: CA) -> None:
    mismatched = CA(ec_ca.key, ec_ca.certificate, "SHA256WITHRSA")
    with pytest.raises(AlgorithmMismatch, match="cannot be used with key type EC_prime256v1"):
        crl_of(mismatched)
