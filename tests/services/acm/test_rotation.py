"""A rotation function's whole world over 120 virtual days, in well under a second.

The "function" reacts to ACM's EventBridge events as a Lambda subscribed to them would: it
reimports a fresh certificate when an imported one warns of its expiry, and re-exports a
private certificate when ACM announces its renewal.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import Any

import boto3
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from certmock import mock_all
from tests.services.acm.helpers import (
    DAY,
    NOW,
    REGION,
    active_ca,
    allow_acm_renewals,
    describe,
    key_pem,
    make_certificate,
    new_key,
    pem,
)

ROTATE_AT_DAYS = 30
PASSPHRASE = b"rotation-secret"


class RotationFunction:
    """What a team would deploy: one handler per event type."""

    def __init__(self, acm: Any, now: Callable[[], dt.datetime]) -> None:
        self.acm = acm
        self.now = now
        self.reimported: list[str] = []
        self.exported: list[tuple[str, x509.Certificate]] = []

    def handle(self, event: dict[str, Any]) -> None:
        (arn,) = event["resources"]
        detail = event["detail"]
        if event["detail-type"] == "ACM Certificate Approaching Expiration":
            found = describe(self.acm, arn)
            if found["Type"] == "IMPORTED" and detail["DaysToExpiry"] <= ROTATE_AT_DAYS:
                self.reimport(arn, found["DomainName"])
        elif event["detail-type"] == "ACM Certificate Available" and detail["Action"] == "RENEWAL":
            self.export(arn)

    def reimport(self, arn: str, domain: str) -> None:
        key = new_key()
        now = self.now()  # the team's own CA would sign it; self-signed does for the test
        certificate = make_certificate(
            key, common_name=domain, not_before=now - DAY, not_after=now + 200 * DAY
        )
        self.acm.import_certificate(
            CertificateArn=arn, Certificate=pem(certificate), PrivateKey=key_pem(key)
        )
        self.reimported.append(arn)

    def export(self, arn: str) -> None:
        answer = self.acm.export_certificate(CertificateArn=arn, Passphrase=PASSPHRASE)
        key = serialization.load_pem_private_key(answer["PrivateKey"].encode(), PASSPHRASE)
        certificate = x509.load_pem_x509_certificate(answer["Certificate"].encode())
        assert key.public_key() == certificate.public_key()
        self.exported.append((arn, certificate))


def test_a_realistic_rotation_over_120_days_runs_in_under_a_second() -> None:
    started = time.perf_counter()
    with mock_all(now=NOW, realistic=True, seed=5) as cm:
        acm = boto3.client("acm", region_name=REGION)
        pca = boto3.client("acm-pca", region_name=REGION)
        ca = active_ca(pca)
        allow_acm_renewals(pca, ca)

        # A private certificate, issued and exported 300 days before the story begins.
        private = acm.request_certificate(
            DomainName="orders.internal.example", CertificateAuthorityArn=ca
        )["CertificateArn"]
        cm.clock.advance(seconds=5)
        acm.export_certificate(CertificateArn=private, Passphrase=PASSPHRASE)
        first_private_not_after = describe(acm, private)["NotAfter"]
        cm.clock.advance(days=300)

        # A certificate from a third-party CA, imported when it has 60 days left.
        key = new_key()
        start = cm.clock.now()
        third_party = make_certificate(
            key, common_name="shop.example.com", not_before=start - DAY, not_after=start + 60 * DAY
        )
        imported = acm.import_certificate(Certificate=pem(third_party), PrivateKey=key_pem(key))[
            "CertificateArn"
        ]

        function = RotationFunction(acm, cm.clock.now)
        seen = len(cm.events)
        for _ in range(120):
            cm.clock.advance(days=1)
            events = cm.events
            for event in events[seen:]:
                if event["source"] == "aws.acm":
                    function.handle(event)
            seen = len(events)

        # The imported certificate was replaced once, at 30 days, and never expired.
        assert function.reimported == [imported]
        assert describe(acm, imported)["Status"] == "ISSUED"
        warned = [
            e["detail"]["DaysToExpiry"]
            for e in cm.events
            if e["detail-type"] == "ACM Certificate Approaching Expiration"
            and e["resources"] == [imported]
        ]
        assert warned == list(range(45, 29, -1))

        # The private certificate renewed through the CA 60 days before expiry; the function
        # exported the new one, which verifies against the CA.
        ((arn, renewed),) = function.exported
        assert arn == private
        assert renewed.not_valid_after_utc > first_private_not_after
        found = describe(acm, private)
        assert found["RenewalSummary"]["RenewalStatus"] == "SUCCESS"
        assert found["RenewalSummary"]["UpdatedAt"] == first_private_not_after - 60 * DAY
    assert time.perf_counter() - started < 1.0
