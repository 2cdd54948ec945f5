"""Shared helpers for the acm-pca tests."""

from __future__ import annotations

from typing import Any

REGION = "eu-west-1"
ROOT_CONFIGURATION: dict[str, Any] = {
    "KeyAlgorithm": "RSA_2048",
    "SigningAlgorithm": "SHA256WITHRSA",
    "Subject": {"CommonName": "certmock test root", "Organization": "certmock"},
}


def create_ca(client: Any, **overrides: Any) -> str:
    request: dict[str, Any] = {
        "CertificateAuthorityConfiguration": ROOT_CONFIGURATION,
        "CertificateAuthorityType": "ROOT",
    }
    request.update(overrides)
    arn: str = client.create_certificate_authority(**request)["CertificateAuthorityArn"]
    return arn


def describe(client: Any, arn: str) -> dict[str, Any]:
    found: dict[str, Any] = client.describe_certificate_authority(CertificateAuthorityArn=arn)[
        "CertificateAuthority"
    ]
    return found
