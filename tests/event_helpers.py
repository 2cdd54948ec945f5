"""Helpers for the tests of handlers subscribed to certmock's events."""

from __future__ import annotations

from typing import Any

import boto3

from certmock.runtime import RUNTIME
from tests.services.acm.helpers import DAY, key_pem, make_certificate, new_key, pem

REGION = "eu-west-1"
APPROACHING = "ACM Certificate Approaching Expiration"
AVAILABLE = "ACM Certificate Available"
Event = dict[str, Any]


class Boom(Exception):
    """A handler's own failure."""


def acm(region: str = REGION) -> Any:
    return boto3.client("acm", region_name=region)


def import_expiring(days: int, client: Any = None, arn: str | None = None) -> str:
    """Import (or reimport over ``arn``) a certificate whose NotAfter is ``days`` days from the
    clock's now; returns its ARN."""
    client = client or acm()
    now = RUNTIME.world.clock.now()
    key = new_key()
    certificate = make_certificate(key, not_before=now - DAY, not_after=now + days * DAY)
    request: dict[str, Any] = {"Certificate": pem(certificate), "PrivateKey": key_pem(key)}
    if arn is not None:
        request["CertificateArn"] = arn
    imported: str = client.import_certificate(**request)["CertificateArn"]
    return imported


def rotate_at_30_days(event: Event) -> None:
    """What a rotation Lambda does: reimport a fresh 90-day certificate at 30 days left."""
    if event["detail-type"] != APPROACHING or event["detail"]["DaysToExpiry"] > 30:
        return
    (arn,) = event["resources"]
    import_expiring(90, acm(event["region"]), arn=arn)
