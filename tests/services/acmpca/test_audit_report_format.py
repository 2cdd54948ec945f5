"""Audit report content in AWS's JSON and CSV forms (fact sheet §3.3, after the user guide's
samples), rendered from issued-certificate records with real certificates."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from certmock.services.acmpca.audit import (
    COLUMNS,
    CONTENT_TYPES,
    render_report,
    report_key,
)
from certmock.services.acmpca.records import IssuedCertificate
from tests.pki_factory import external_root

HEADER = (
    "awsAccountId,requestedByServicePrincipal,certificateArn,serial,subject,notBefore,notAfter,"
    "issuedAt,revokedAt,revocationReason,templateArn"
)
CA_ARN = (
    "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/"
    "11111111-2222-3333-4444-555555555555"
)
TEMPLATE = "arn:aws:acm-pca:::template/EndEntityCertificate/V1"
UTC = timezone.utc

Root = tuple[ec.EllipticCurvePrivateKey, x509.Certificate]


@pytest.fixture(scope="module")
def root() -> Root:
    key, pem = external_root()
    return key, x509.load_pem_x509_certificate(pem)


def name(*attributes: tuple[x509.ObjectIdentifier, str]) -> x509.Name:
    return x509.Name([x509.NameAttribute(oid, value) for oid, value in attributes])


EXAMPLE_SUBJECT = name(
    (NameOID.COUNTRY_NAME, "US"),
    (NameOID.STATE_OR_PROVINCE_NAME, "Washington"),
    (NameOID.LOCALITY_NAME, "Seattle"),
    (NameOID.ORGANIZATION_NAME, "Example Company"),
    (NameOID.ORGANIZATIONAL_UNIT_NAME, "Sales"),
    (NameOID.COMMON_NAME, "www.example1.com"),
)
EXAMPLE_DN = "CN=www.example1.com,OU=Sales,O=Example Company,L=Seattle,ST=Washington,C=US"


def record(
    root: Root,
    *,
    serial: int,
    not_before: datetime,
    not_after: datetime,
    issued_at: datetime,
    subject: x509.Name = EXAMPLE_SUBJECT,
    requested_by: str | None = None,
    revoked_at: datetime | None = None,
    revocation_reason: str | None = None,
) -> IssuedCertificate:
    root_key, root_certificate = root
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(root_certificate.subject)
        .public_key(ec.generate_private_key(ec.SECP256R1()).public_key())
        .serial_number(serial)
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .sign(root_key, hashes.SHA256())
    )
    return IssuedCertificate(
        arn=f"{CA_ARN}/certificate/{serial:032x}",
        serial=serial,
        certificate=certificate,
        chain_pem=None,
        issued_at=issued_at,
        template_arn=TEMPLATE,
        account_id="123456789012",
        requested_by=requested_by,
        revoked_at=revoked_at,
        revocation_reason=revocation_reason,
    )


@pytest.fixture(scope="module")
def revoked(root: Root) -> IssuedCertificate:
    """The user guide's first JSON sample row: revoked, not requested by ACM."""
    return record(
        root,
        serial=0x00112233445566778899AABBCCDDEEFF,
        not_before=datetime(2020, 2, 26, 18, 39, 57, tzinfo=UTC),
        not_after=datetime(2021, 2, 26, 19, 39, 57, tzinfo=UTC),
        issued_at=datetime(2020, 2, 26, 19, 39, 58, 750_000, tzinfo=UTC),
        revoked_at=datetime(2020, 2, 26, 20, 0, 36, tzinfo=UTC),
        revocation_reason="UNSPECIFIED",
    )


@pytest.fixture(scope="module")
def requested_by_acm(root: Root) -> IssuedCertificate:
    """The user guide's second JSON sample row: requested by ACM, not revoked."""
    return record(
        root,
        serial=0xFFEEDDCCBBAA99887766554433221100,
        not_before=datetime(2020, 1, 22, 20, 10, 49, tzinfo=UTC),
        not_after=datetime(2021, 1, 17, 21, 10, 49, tzinfo=UTC),
        # An issue time given in another zone is written in UTC.
        issued_at=datetime(2020, 1, 22, 22, 10, 49, tzinfo=timezone(timedelta(hours=1))),
        requested_by="acm.amazonaws.com",
    )


def rows_of_json(report: bytes) -> list[dict[str, Any]]:
    rows = json.loads(report.decode("utf-8"))
    assert isinstance(rows, list)
    return rows


def rows_of_csv(report: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(report.decode("utf-8"), newline="")))


# --- JSON ----------------------------------------------------------------------------------


def test_json_is_an_array_of_one_object_per_record_as_in_the_sample(
    revoked: IssuedCertificate, requested_by_acm: IssuedCertificate
) -> None:
    rows = rows_of_json(render_report([revoked, requested_by_acm], "JSON"))
    assert rows == [
        {
            "awsAccountId": "123456789012",
            "certificateArn": f"{CA_ARN}/certificate/00112233445566778899aabbccddeeff",
            "serial": "00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff",
            "subject": EXAMPLE_DN,
            "notBefore": "2020-02-26T18:39:57+0000",
            "notAfter": "2021-02-26T19:39:57+0000",
            "issuedAt": "2020-02-26T19:39:58+0000",
            "revokedAt": "2020-02-26T20:00:36+0000",
            "revocationReason": "UNSPECIFIED",
            "templateArn": TEMPLATE,
        },
        {
            "awsAccountId": "123456789012",
            "requestedByServicePrincipal": "acm.amazonaws.com",
            "certificateArn": f"{CA_ARN}/certificate/ffeeddccbbaa99887766554433221100",
            "serial": "ff:ee:dd:cc:bb:aa:99:88:77:66:55:44:33:22:11:00",
            "subject": EXAMPLE_DN,
            "notBefore": "2020-01-22T20:10:49+0000",
            "notAfter": "2021-01-17T21:10:49+0000",
            "issuedAt": "2020-01-22T21:10:49+0000",
            "templateArn": TEMPLATE,
        },
    ]


def test_json_keys_follow_the_column_order_and_omit_what_is_missing(
    revoked: IssuedCertificate, requested_by_acm: IssuedCertificate
) -> None:
    first, second = rows_of_json(render_report([revoked, requested_by_acm], "JSON"))
    assert list(first) == [column for column in COLUMNS if column != "requestedByServicePrincipal"]
    assert list(second) == [
        column for column in COLUMNS if column not in ("revokedAt", "revocationReason")
    ]


def test_json_of_a_record_neither_revoked_nor_requested_by_acm_has_neither_kind_of_key(
    root: Root,
) -> None:
    plain = record(
        root,
        serial=0x1234,
        not_before=datetime(2025, 1, 1, tzinfo=UTC),
        not_after=datetime(2026, 1, 1, tzinfo=UTC),
        issued_at=datetime(2025, 1, 1, 1, tzinfo=UTC),
    )
    (row,) = rows_of_json(render_report([plain], "JSON"))
    assert list(row) == [
        "awsAccountId",
        "certificateArn",
        "serial",
        "subject",
        "notBefore",
        "notAfter",
        "issuedAt",
        "templateArn",
    ]
    # Serials are written as at least 16 colon-separated bytes.
    assert row["serial"] == "00:00:00:00:00:00:00:00:00:00:00:00:00:00:12:34"


def test_json_of_no_records_is_an_empty_array() -> None:
    assert rows_of_json(render_report([], "JSON")) == []


# --- CSV -----------------------------------------------------------------------------------


def test_csv_matches_the_samples_layout_exactly(
    revoked: IssuedCertificate, requested_by_acm: IssuedCertificate
) -> None:
    report = render_report([revoked, requested_by_acm], "CSV").decode("utf-8")
    assert report.split("\r\n") == [
        HEADER,
        f"123456789012,,{CA_ARN}/certificate/00112233445566778899aabbccddeeff,"
        f'00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff,"{EXAMPLE_DN}",'
        "2020-02-26T18:39:57+0000,2021-02-26T19:39:57+0000,2020-02-26T19:39:58+0000,"
        f"2020-02-26T20:00:36+0000,UNSPECIFIED,{TEMPLATE}",
        f"123456789012,acm.amazonaws.com,{CA_ARN}/certificate/ffeeddccbbaa99887766554433221100,"
        f'ff:ee:dd:cc:bb:aa:99:88:77:66:55:44:33:22:11:00,"{EXAMPLE_DN}",'
        f"2020-01-22T20:10:49+0000,2021-01-17T21:10:49+0000,2020-01-22T21:10:49+0000,,,{TEMPLATE}",
        "",
    ]


def test_csv_parses_back_to_every_field(
    revoked: IssuedCertificate, requested_by_acm: IssuedCertificate
) -> None:
    first, second = rows_of_csv(render_report([revoked, requested_by_acm], "CSV"))
    assert first == {
        "awsAccountId": "123456789012",
        "requestedByServicePrincipal": "",
        "certificateArn": revoked.arn,
        "serial": "00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff",
        "subject": EXAMPLE_DN,
        "notBefore": "2020-02-26T18:39:57+0000",
        "notAfter": "2021-02-26T19:39:57+0000",
        "issuedAt": "2020-02-26T19:39:58+0000",
        "revokedAt": "2020-02-26T20:00:36+0000",
        "revocationReason": "UNSPECIFIED",
        "templateArn": TEMPLATE,
    }
    assert second == {
        "awsAccountId": "123456789012",
        "requestedByServicePrincipal": "acm.amazonaws.com",
        "certificateArn": requested_by_acm.arn,
        "serial": "ff:ee:dd:cc:bb:aa:99:88:77:66:55:44:33:22:11:00",
        "subject": EXAMPLE_DN,
        "notBefore": "2020-01-22T20:10:49+0000",
        "notAfter": "2021-01-17T21:10:49+0000",
        "issuedAt": "2020-01-22T21:10:49+0000",
        "revokedAt": "",
        "revocationReason": "",
        "templateArn": TEMPLATE,
    }


def test_csv_header_is_exact_and_alone_without_records() -> None:
    assert render_report([], "CSV") == (HEADER + "\r\n").encode()


def test_csv_quotes_a_subject_even_without_a_comma(root: Root) -> None:
    single = record(
        root,
        serial=0x1234,
        not_before=datetime(2025, 1, 1, tzinfo=UTC),
        not_after=datetime(2026, 1, 1, tzinfo=UTC),
        issued_at=datetime(2025, 1, 1, 1, tzinfo=UTC),
        subject=name((NameOID.COMMON_NAME, "plain")),
    )
    line = render_report([single], "CSV").decode().split("\r\n")[1]
    assert ',"CN=plain",' in line
    assert line.count('"') == 2  # nothing else is quoted


# --- subjects that need escaping -----------------------------------------------------------

TRICKY = [
    pytest.param(
        name((NameOID.COMMON_NAME, 'Doe, John "JD" + <x>;\\')),
        'CN=Doe\\, John \\"JD\\" \\+ \\<x\\>\\;\\\\',
        id="rfc2253-specials",
    ),
    pytest.param(
        name((NameOID.COMMON_NAME, " lead and trail ")),
        "CN=\\ lead and trail\\ ",
        id="leading-and-trailing",
    ),
    pytest.param(
        name((NameOID.COMMON_NAME, "#hash")),
        "CN=\\#hash",
        id="leading-hash",
    ),
    pytest.param(
        name((NameOID.COUNTRY_NAME, "DE"), (NameOID.COMMON_NAME, "Zoë Ωmega")),
        "CN=Zoë Ωmega,C=DE",
        id="non-ascii",
    ),
    pytest.param(
        name((NameOID.SERIAL_NUMBER, "0123"), (NameOID.COMMON_NAME, "line\nbreak")),
        "CN=line\nbreak,2.5.4.5=#130430313233",
        id="oid-and-newline",
    ),
]


@pytest.mark.parametrize(("subject", "expected"), TRICKY)
@pytest.mark.parametrize("response_format", ["JSON", "CSV"])
def test_a_subject_with_special_characters_round_trips(
    root: Root, subject: x509.Name, expected: str, response_format: str
) -> None:
    tricky = record(
        root,
        serial=0x1234,
        not_before=datetime(2025, 1, 1, tzinfo=UTC),
        not_after=datetime(2026, 1, 1, tzinfo=UTC),
        issued_at=datetime(2025, 1, 1, 1, tzinfo=UTC),
        subject=subject,
    )
    report = render_report([tricky, tricky], response_format)
    parse = rows_of_json if response_format == "JSON" else rows_of_csv
    rows = parse(report)
    assert [row["subject"] for row in rows] == [expected, expected]
    assert all(row["templateArn"] == TEMPLATE for row in rows)  # the cells after it survive


# --- formats, keys, refusals ---------------------------------------------------------------


def test_naive_times_are_taken_as_utc(root: Root) -> None:
    naive = record(
        root,
        serial=0x1234,
        not_before=datetime(2025, 1, 1, tzinfo=UTC),
        not_after=datetime(2026, 1, 1, tzinfo=UTC),
        issued_at=datetime(2025, 1, 1, 1, 2, 3),
        revoked_at=datetime(2025, 2, 1, 4, 5, 6),
        revocation_reason="KEY_COMPROMISE",
    )
    (row,) = rows_of_json(render_report([naive], "JSON"))
    assert row["issuedAt"] == "2025-01-01T01:02:03+0000"
    assert row["revokedAt"] == "2025-02-01T04:05:06+0000"
    assert row["revocationReason"] == "KEY_COMPROMISE"


@pytest.mark.parametrize(("response_format", "extension"), [("JSON", "json"), ("CSV", "csv")])
def test_report_key(response_format: str, extension: str) -> None:
    assert (
        report_key(
            "11111111-2222-3333-4444-555555555555",
            "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
            response_format,
        )
        == "audit-report/11111111-2222-3333-4444-555555555555/"
        f"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee.{extension}"
    )


def test_content_types() -> None:
    assert dict(CONTENT_TYPES) == {"JSON": "application/json", "CSV": "text/csv"}


@pytest.mark.parametrize("response_format", ["json", "XML", ""])
def test_an_unknown_format_is_refused(response_format: str) -> None:
    with pytest.raises(ValueError, match="expected one of JSON, CSV"):
        render_report([], response_format)
    with pytest.raises(ValueError, match="expected one of JSON, CSV"):
        report_key("ca", "report", response_format)


@pytest.mark.parametrize(
    ("revoked_at", "reason"),
    [(datetime(2025, 2, 1, tzinfo=UTC), None), (None, "KEY_COMPROMISE")],
)
def test_a_half_revoked_record_is_refused(
    root: Root, revoked_at: datetime | None, reason: str | None
) -> None:
    half = record(
        root,
        serial=0x1234,
        not_before=datetime(2025, 1, 1, tzinfo=UTC),
        not_after=datetime(2026, 1, 1, tzinfo=UTC),
        issued_at=datetime(2025, 1, 1, 1, tzinfo=UTC),
        revoked_at=revoked_at,
        revocation_reason=reason,
    )
    with pytest.raises(ValueError, match="set both or neither"):
        render_report([half], "CSV")
