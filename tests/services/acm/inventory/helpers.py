"""Accounts, clients and a configured inventory for the inventory and member-action tests."""

from __future__ import annotations

from typing import Any, Literal

import boto3
from botocore.config import Config

from certmock import Mock
from certmock.services.acm.organization.configuration import SETUP_TIME
from tests.services.acm.helpers import REGION

MANAGEMENT = "111111111111"
MEMBER = "222222222222"
ADMINISTRATOR = "333333333333"
OUTSIDER = "444444444444"
HOME = REGION
ELSEWHERE = "us-east-1"
IDENTIFIER = "a" * 64
MEMBER_CERTIFICATE = f"arn:aws:acm:{HOME}:{MEMBER}:certificate/00000000-0000-4000-8000-000000000000"
MEMBER_CA = (
    f"arn:aws:acm-pca:{HOME}:{MEMBER}:certificate-authority/00000000-0000-4000-8000-000000000000"
)

SCOPE_ALL: dict[str, Any] = {
    "RegionalScope": {"Mode": "ALL_REGIONS"},
    "AccountScope": {"Mode": "ALL_ACCOUNTS"},
}

# One valid request per operation, for the rules every operation shares.
SAMPLE_CALLS: dict[str, dict[str, Any]] = {
    "GetInventoryConfiguration": {},
    "PutInventoryConfiguration": {**SCOPE_ALL, "Status": "ENABLED", "InventoryTier": "PRO"},
    "GetInventoryInsights": {"RequestedAggregates": []},
    "SearchInventory": {},
    "ListInventoryFindings": {"CertificateIdentifier": IDENTIFIER},
    "ListInventoryUsages": {"CertificateIdentifier": IDENTIFIER},
    "ListInventoryRelatedResources": {"CertificateIdentifier": IDENTIFIER},
    "DeleteMemberCertificate": {"CertificateArn": MEMBER_CERTIFICATE},
    "RenewMemberCertificate": {"CertificateArn": MEMBER_CERTIFICATE},
    "RevokeMemberCertificate": {
        "CertificateArn": MEMBER_CERTIFICATE,
        "RevocationReason": "KEY_COMPROMISE",
    },
    "UpdateMemberCertificateOptions": {
        "CertificateArn": MEMBER_CERTIFICATE,
        "Options": {"Export": "ENABLED"},
    },
    "DeleteMemberCertificateAuthority": {"CertificateAuthorityArn": MEMBER_CA},
    "RestoreMemberCertificateAuthority": {"CertificateAuthorityArn": MEMBER_CA},
    "UpdateMemberCertificateAuthority": {
        "CertificateAuthorityArn": MEMBER_CA,
        "Status": "DISABLED",
    },
    "RevokeMemberIssuedCertificate": {
        "CertificateAuthorityArn": MEMBER_CA,
        "CertificateSerial": "01",
        "RevocationReason": "KEY_COMPROMISE",
    },
}
MEMBER_ACTIONS = [name for name in SAMPLE_CALLS if "Member" in name]


def client(
    service: Literal["acm", "acm-pca"], account: str, region: str = HOME, *, validated: bool = True
) -> Any:
    """A client whose credentials map to ``account`` (a 12-digit access key id); without
    ``validated``, botocore sends what its own checks would refuse (to reach certmock's)."""
    return boto3.client(
        service,
        region_name=region,
        aws_access_key_id=account,
        aws_secret_access_key="secret",
        config=Config(parameter_validation=validated),
    )


def call(acm: Any, operation: str, **params: Any) -> dict[str, Any]:
    method = acm.meta.method_to_api_mapping
    name = next(python for python, api in method.items() if api == operation)
    answer: dict[str, Any] = getattr(acm, name)(**params)
    return answer


def organisation(certmock: Mock, **options: Any) -> None:
    """The management account, a member and ACM's delegated administrator; trusted access on."""
    certmock.organization.create(
        management_account=MANAGEMENT,
        member_accounts=[MEMBER, ADMINISTRATOR],
        trusted_access=options.pop("trusted_access", True),
        delegated_administrator=ADMINISTRATOR,
        **options,
    )


def configure(acm: Any, **overrides: Any) -> dict[str, Any]:
    request: dict[str, Any] = {
        **SCOPE_ALL,
        "Status": "ENABLED",
        "InventoryTier": "ESSENTIALS",
        "LifecycleManagement": {"Status": "ENABLED"},
    }
    request.update(overrides)
    request = {key: value for key, value in request.items() if value is not None}
    configuration: dict[str, Any] = acm.put_inventory_configuration(**request)["Configuration"]
    return configuration


def settle(certmock: Mock) -> None:
    """Let setup in the organisation's accounts finish."""
    certmock.clock.advance(seconds=SETUP_TIME.total_seconds())


def configuration(acm: Any) -> dict[str, Any]:
    found: dict[str, Any] = acm.get_inventory_configuration()["Configuration"]
    return found
