"""Helpers of the multi-Region CA tests: a primary, replicas asked for one Region at a time
or in a batch, and what ListCertificateAuthorityReplicas says."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from tests.model_facts import enum, needs_enum_values, needs_operation, output_member
from tests.services.acmpca.pki import NOW, active_root

MARKS = [
    needs_operation("acm-pca", "CreateCertificateAuthorityReplica"),
    needs_operation("acm-pca", "BatchCreateCertificateAuthorityReplica"),
    needs_operation("acm-pca", "ListCertificateAuthorityReplicas"),
    needs_enum_values("acm-pca", "CertificateAuthorityUsageMode", "SERVICE_AFFILIATED"),
    pytest.mark.certmock(now=NOW),
]
"""Every multi-Region test's: skipped on a botocore without replicas, on a frozen clock."""

HOME = "us-east-1"
"""The primary's Region."""
MULTI_REGION: dict[str, Any] = {
    "UsageMode": "SERVICE_AFFILIATED",
    "ServiceAffiliation": {"ServiceAffiliationCode": "IAM_WORKLOAD_IDENTITY"},
}
MODES = ["single", "batch"]


def client(region: str) -> Any:
    return boto3.client("acm-pca", region_name=region)


def in_region(arn: str, region: str) -> str:
    """The ARN of the same multi-Region CA in ``region``."""
    parts = arn.split(":")
    parts[3] = region
    return ":".join(parts)


def multi_region_primary(**extra: Any) -> tuple[Any, str]:
    """An ACTIVE IAM_WORKLOAD_IDENTITY CA in ``HOME`` and a client there."""
    home = client(HOME)
    return home, active_root(home, **MULTI_REGION, **extra)


def modelled(mode: str, refusal: str) -> str:
    """``refusal``; for a batch (a FailedReplica's FailureReason) after checking that the
    installed model defines it."""
    if mode == "batch":
        shape = output_member(
            "acm-pca", "BatchCreateCertificateAuthorityReplica", "Failed", "member", "FailureReason"
        )
        assert refusal in enum(shape)
    return refusal


def by_mode(single: str, batch: str) -> pytest.MarkDecorator:
    """Run for CreateCertificateAuthorityReplica, refused with error code ``single``, and for
    a batch of one, whose entry fails with FailureReason ``batch``."""
    return pytest.mark.parametrize(("mode", "refusal"), [("single", single), ("batch", batch)])


@dataclass
class Outcome:
    """One Region's answer: the Replica, or a refusal (single: the error code; batch: the
    FailedReplica's FailureReason) with its message and, single only, the error response."""

    replica: dict[str, Any] | None = None
    refusal: str | None = None
    message: str = ""
    response: Any = None


def request(mode: str, home: Any, primary: str, regions: list[str], **entry: Any) -> Any:
    """CreateCertificateAuthorityReplica for the one Region, or a batch naming ``regions``; each
    batch entry gets a fresh IdempotencyToken unless given one, as botocore fills in a single
    create's."""
    if mode == "single":
        (region,) = regions
        return home.create_certificate_authority_replica(
            CertificateAuthorityArn=primary, ReplicaRegion=region, **entry
        )
    entries = [
        {"ReplicaRegion": region, "IdempotencyToken": str(uuid.uuid4()), **entry}
        for region in regions
    ]
    return home.batch_create_certificate_authority_replica(
        CertificateAuthorityArn=primary, Replicas=entries
    )


def replicate(mode: str, home: Any, primary: str, region: str, **entry: Any) -> Outcome:
    """Ask for one replica in ``region`` (single, or a batch of one)."""
    try:
        answer = request(mode, home, primary, [region], **entry)
    except ClientError as refused:
        if mode != "single":
            raise  # a batch refused as a whole is no one Region's answer
        error = refused.response["Error"]
        return Outcome(refusal=error["Code"], message=error["Message"], response=refused.response)
    if mode == "single":
        return Outcome(replica=answer["Replica"])
    assert len(answer["Successful"]) + len(answer["Failed"]) == 1
    if answer["Successful"]:
        return Outcome(replica=answer["Successful"][0])
    (failed,) = answer["Failed"]
    assert failed["Region"] == region
    return Outcome(refusal=failed["FailureReason"], message=failed["Message"])


def created(home: Any, primary: str, region: str, **entry: Any) -> str:
    """A new replica's ARN (CreateCertificateAuthorityReplica)."""
    replica = replicate("single", home, primary, region, **entry).replica
    assert replica is not None
    arn: str = replica["Arn"]
    return arn


def replicas(home: Any, primary: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = home.list_certificate_authority_replicas(
        CertificateAuthorityArn=primary
    )["Replicas"]
    return found


def statuses(home: Any, primary: str) -> dict[str, str]:
    return {replica["Region"]: replica["Status"] for replica in replicas(home, primary)}
