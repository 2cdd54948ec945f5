"""Helpers for the ACME tests. botocore added ACM's ACME operations in 1.44; on an older
botocore the model has none of them and every ACME test is skipped."""

from __future__ import annotations

from typing import Any

import botocore
import pytest

from certmock.botocore_models import service_model
from certmock.services.acm.control import AcmControl

needs_acme = pytest.mark.skipif(
    "CreateAcmeEndpoint" not in service_model("acm").operation_names,
    reason=f"botocore {botocore.__version__} has no ACM ACME operations (they came in 1.44)",
)

ROLE = "arn:aws:iam::123456789012:role/acme-issuer"
PUBLIC_CA: dict[str, Any] = {"PublicCertificateAuthority": {}}
MISSING_ENDPOINT = (
    "arn:aws:acm:eu-west-1:123456789012:acme-endpoint/00000000-0000-4000-8000-000000000000"
)


def new_endpoint(acm: Any, **options: Any) -> str:
    request: dict[str, Any] = {
        "AuthorizationBehavior": "PRE_APPROVED",
        "CertificateAuthority": PUBLIC_CA,
        **options,
    }
    arn: str = acm.create_acme_endpoint(**request)["AcmeEndpointArn"]
    return arn


def describe_endpoint(acm: Any, arn: str) -> dict[str, Any]:
    found: dict[str, Any] = acm.describe_acme_endpoint(AcmeEndpointArn=arn)["AcmeEndpoint"]
    return found


def new_validation(acm: Any, endpoint: str, domain: str = "example.com", **dns: Any) -> str:
    arn: str = acm.create_acme_domain_validation(
        AcmeEndpointArn=endpoint,
        DomainName=domain,
        PrevalidationOptions={"DnsPrevalidation": dns},
    )["AcmeDomainValidationArn"]
    return arn


def describe_validation(acm: Any, arn: str) -> dict[str, Any]:
    found: dict[str, Any] = acm.describe_acme_domain_validation(AcmeDomainValidationArn=arn)[
        "AcmeDomainValidation"
    ]
    return found


def new_binding(acm: Any, endpoint: str, **options: Any) -> str:
    arn: str = acm.create_acme_external_account_binding(
        AcmeEndpointArn=endpoint, RoleArn=ROLE, **options
    )["ExternalAccountBinding"]["AcmeExternalAccountBindingArn"]
    return arn


def describe_binding(acm: Any, arn: str) -> dict[str, Any]:
    found: dict[str, Any] = acm.describe_acme_external_account_binding(
        AcmeExternalAccountBindingArn=arn
    )["ExternalAccountBinding"]
    return found


def credentials(acm: Any, binding: str) -> tuple[str, str]:
    found = acm.get_acme_external_account_binding_credentials(AcmeExternalAccountBindingArn=binding)
    return found["KeyId"], found["MacKey"]


def register(control: AcmControl, acm: Any, endpoint: str, **options: Any) -> str:
    """A new binding of ``endpoint`` and an account registered with it; the account URL."""
    key_id, mac_key = credentials(acm, new_binding(acm, endpoint))
    return control.register_acme_account(endpoint, key_id, mac_key, **options)


def describe_account(acm: Any, endpoint: str, url: str) -> dict[str, Any]:
    found: dict[str, Any] = acm.describe_acme_account(AcmeEndpointArn=endpoint, AccountUrl=url)[
        "AcmeAccount"
    ]
    return found
