"""Helpers for the RDS certificate tests."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.model_facts import error_code, error_status

# us-west-2 is the region whose CA values AWS has published in full (CLI example).
REGION = "us-west-2"


def error_of(raised: pytest.ExceptionInfo[ClientError]) -> tuple[str, str, int]:
    """The code, message and HTTP status a refused call got."""
    error = raised.value.response["Error"]
    status = raised.value.response["ResponseMetadata"]["HTTPStatusCode"]
    return error["Code"], error["Message"], status


def certificate_not_found(identifier: str) -> tuple[str, str, int]:
    """The code, message and HTTP status of a refusal to find ``identifier``: the modeled
    CertificateNotFoundFault's wire code and status, with RDS's message."""
    return (
        error_code("rds", "CertificateNotFoundFault"),
        f"Certificate {identifier} not found",
        error_status("rds", "CertificateNotFoundFault"),
    )


def identifiers(client: Any, **request: Any) -> list[str]:
    listed = client.describe_certificates(**request)["Certificates"]
    return [certificate["CertificateIdentifier"] for certificate in listed]


def default_for_new_launches(client: Any) -> str:
    default: str = client.describe_certificates()["DefaultCertificateForNewLaunches"]
    return default


def overrides(client: Any) -> dict[str, bool]:
    """Each listed CA's CustomerOverride flag."""
    listed = client.describe_certificates()["Certificates"]
    return {c["CertificateIdentifier"]: c["CustomerOverride"] for c in listed}
