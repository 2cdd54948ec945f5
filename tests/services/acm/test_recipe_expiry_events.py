"""The recipe "Testing an expiry-event handler" (docs/recipes/expiry-events.md), as written
there: if this test changes, the recipe must change with it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import boto3
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from certmock import mock_acm

ROTATE_AT_DAYS = 30


def handler(
    event: dict[str, Any],
    context: Any = None,
    *,
    issue_certificate: Callable[[str], tuple[bytes, bytes]],
) -> str | None:
    """Reimport a fresh certificate once an imported one has 30 days or fewer left.
    ``issue_certificate(domain) -> (certificate_pem, key_pem)`` is the team's own CA."""
    if event["detail-type"] != "ACM Certificate Approaching Expiration":
        return None
    if event["detail"]["DaysToExpiry"] > ROTATE_AT_DAYS:
        return None
    (arn,) = event["resources"]
    acm = boto3.client("acm", region_name=event["region"])
    certificate = acm.describe_certificate(CertificateArn=arn)["Certificate"]
    if certificate["Type"] != "IMPORTED":
        return None  # ACM renews the certificates it issued itself
    body, key = issue_certificate(certificate["DomainName"])
    acm.import_certificate(CertificateArn=arn, Certificate=body, PrivateKey=key)
    return str(arn)


NOW = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
DAY = dt.timedelta(days=1)


def self_signed(
    domain: str, not_before: dt.datetime, not_after: dt.datetime
) -> tuple[bytes, bytes]:
    """Stands in for the team's CA in the test."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, domain)])
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .sign(key, hashes.SHA256())
    )
    return (
        certificate.public_bytes(serialization.Encoding.PEM),
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
    )


def test_an_imported_certificate_is_rotated_30_days_before_it_expires() -> None:
    with mock_acm(now=NOW) as cm:
        acm = boto3.client("acm", region_name="eu-west-1")
        body, key = self_signed("shop.example.com", NOW - DAY, NOW + 60 * DAY)
        arn = acm.import_certificate(Certificate=body, PrivateKey=key)["CertificateArn"]

        def issue_certificate(domain: str) -> tuple[bytes, bytes]:
            return self_signed(domain, cm.clock.now() - DAY, cm.clock.now() + 90 * DAY)

        rotated = []
        seen = len(cm.events)
        for _ in range(120):  # 120 days, one EventBridge delivery a day
            cm.clock.advance(days=1)
            for event in cm.events[seen:]:
                if handler(event, issue_certificate=issue_certificate):
                    rotated.append(event["time"])
            seen = len(cm.events)

        # Warned daily from 45 days out; rotated on the first warning at 30 days - and the
        # 90-day replacement was rotated in its turn.
        assert rotated == ["2026-01-31T00:00:00Z", "2026-04-01T00:00:00Z"]
        certificate = acm.describe_certificate(CertificateArn=arn)["Certificate"]
        assert certificate["Status"] == "ISSUED"
        assert certificate["NotAfter"] == NOW + 180 * DAY
