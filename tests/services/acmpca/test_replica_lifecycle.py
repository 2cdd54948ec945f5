"""A multi-Region CA's replicas over their lives: counted in their Region's quota, tagged on
their own, disabled and enabled in their own Region, deleted before the primary and never
restored, refused a certificate of their own, made to fail (``cm.acmpca.fail_replica``),
expired with the shared certificate, and the ``ACM Private CA Creation`` events their creation
ends with. Creating, conflicts, idempotency and listing are in ``test_replicas``."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from certmock import Mock
from tests.helpers import create_ca, describe
from tests.model_facts import (
    enum,
    has_operation,
    output_member,
)
from tests.services.acmpca.multi_region import (
    HOME,
    MARKS,
    MODES,
    by_mode,
    client,
    created,
    in_region,
    modelled,
    multi_region_primary,
    replicas,
    replicate,
    statuses,
)
from tests.services.acmpca.pki import NOW, csr, error_code

pytestmark = MARKS

CREATION = "ACM Private CA Creation"
QUOTA = 200
"""CAs an account may have in one Region (a replica counts as one)."""


def creation_reasons() -> list[str]:
    """What a replica's creation may fail with: the model's Replica FailureReason."""
    shape = output_member(
        "acm-pca", "ListCertificateAuthorityReplicas", "Replicas", "member", "FailureReason"
    )
    return enum(shape)


def set_status(region: str, arn: str, status: str) -> None:
    client(region).update_certificate_authority(CertificateAuthorityArn=arn, Status=status)


def creation_events(certmock: Mock, arn: str) -> list[dict[str, Any]]:
    return [
        event
        for event in certmock.events
        if event["detail-type"] == CREATION and event["resources"] == [arn]
    ]


def slow_replica(certmock: Mock, region: str) -> tuple[Any, str, str]:
    """A primary and its replica in ``region``, CREATING for five minutes."""
    certmock.acmpca.replica_creation_time = dt.timedelta(minutes=5)
    home, primary = multi_region_primary()
    return home, primary, created(home, primary, region)


# -- quota --------------------------------------------------------------------------------------
@by_mode("LimitExceededException", "LIMIT_EXCEEDED")
def test_a_replica_counts_against_its_regions_quota(mode: str, refusal: str) -> None:
    full = client("eu-west-2")
    for _ in range(QUOTA):
        create_ca(full)
    home, primary = multi_region_primary()
    outcome = replicate(mode, home, primary, "eu-west-2")
    assert outcome.refusal == modelled(mode, refusal)
    assert outcome.message
    assert replicas(home, primary) == []


def test_a_replica_takes_a_place_in_its_regions_quota() -> None:
    there = client("eu-west-3")
    for _ in range(QUOTA - 1):
        create_ca(there)
    home, primary = multi_region_primary()
    created(home, primary, "eu-west-3")
    with pytest.raises(ClientError) as raised:
        create_ca(there)
    assert error_code(raised) == "LimitExceededException"


# -- tags ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("mode", MODES)
def test_a_replica_has_its_own_tags_not_the_primarys(mode: str) -> None:
    home, primary = multi_region_primary(Tags=[{"Key": "made-by", "Value": "primary"}])
    mine = [{"Key": "team", "Value": "identity"}]
    replica = replicate(mode, home, primary, "us-east-2", Tags=mine).replica
    assert replica is not None
    arn = replica["Arn"]
    assert client("us-east-2").list_tags(CertificateAuthorityArn=arn)["Tags"] == mine
    assert home.list_tags(CertificateAuthorityArn=primary)["Tags"] == [
        {"Key": "made-by", "Value": "primary"}
    ]


@by_mode("InvalidTagException", "INVALID_TAG")
def test_a_reserved_tag_key_refuses_the_replica(mode: str, refusal: str) -> None:
    home, primary = multi_region_primary()
    outcome = replicate(mode, home, primary, "us-east-2", Tags=[{"Key": "aws:x", "Value": "1"}])
    assert outcome.refusal == modelled(mode, refusal)
    assert replicas(home, primary) == []


# -- disable and enable --------------------------------------------------------------------------
def test_a_replica_is_disabled_and_enabled_in_its_region_alone(certmock: Mock) -> None:
    home, primary = multi_region_primary()
    replica = created(home, primary, "us-west-2")
    certmock.clock.advance(seconds=1)
    set_status("us-west-2", replica, "DISABLED")
    assert describe(client("us-west-2"), replica)["Status"] == "DISABLED"
    assert statuses(home, primary) == {"us-west-2": "DISABLED"}
    assert describe(home, primary)["Status"] == "ACTIVE"
    set_status("us-west-2", replica, "ACTIVE")
    assert statuses(home, primary) == {"us-west-2": "ACTIVE"}
    assert describe(home, primary)["Status"] == "ACTIVE"


# -- deletion -----------------------------------------------------------------------------------
def test_replicas_are_deleted_for_good_before_the_primary(certmock: Mock) -> None:
    home, primary = multi_region_primary()
    regions = ["us-west-2", "eu-west-1"]
    for region in regions:
        created(home, primary, region)
    certmock.clock.advance(seconds=1)
    set_status(HOME, primary, "DISABLED")
    with pytest.raises(ClientError) as in_use:
        home.delete_certificate_authority(CertificateAuthorityArn=primary)
    assert error_code(in_use) == "ResourceInUseException"
    for region in regions:
        there, replica = client(region), in_region(primary, region)
        with pytest.raises(ClientError) as still_active:
            there.delete_certificate_authority(CertificateAuthorityArn=replica)
        assert error_code(still_active) == "InvalidStateException"
        set_status(region, replica, "DISABLED")
        there.delete_certificate_authority(CertificateAuthorityArn=replica)
        assert region not in statuses(home, primary)
        for gone in (there.describe_certificate_authority, there.restore_certificate_authority):
            with pytest.raises(ClientError) as raised:
                gone(CertificateAuthorityArn=replica)
            assert error_code(raised) == "ResourceNotFoundException"
    home.delete_certificate_authority(CertificateAuthorityArn=primary)
    deleted = describe(home, primary)
    assert deleted["Status"] == "DELETED"
    assert deleted["RestorableUntil"] == certmock.clock.now() + dt.timedelta(days=30)


def test_a_failed_replica_does_not_hold_up_the_primarys_deletion(certmock: Mock) -> None:
    home, primary, replica = slow_replica(certmock, "eu-central-1")
    certmock.acmpca.fail_replica(replica)
    set_status(HOME, primary, "DISABLED")
    home.delete_certificate_authority(CertificateAuthorityArn=primary)
    assert describe(home, primary)["Status"] == "DELETED"
    # When the primary is gone for good, so is the replica that failed.
    certmock.clock.advance(days=30)
    listed = client("eu-central-1").list_certificate_authorities()["CertificateAuthorities"]
    assert replica not in [ca["Arn"] for ca in listed]
    with pytest.raises(ClientError) as raised:
        describe(client("eu-central-1"), replica)
    assert error_code(raised) == "ResourceNotFoundException"


def test_a_region_takes_a_new_replica_once_its_old_one_is_deleted(certmock: Mock) -> None:
    home, primary = multi_region_primary()
    replica = created(home, primary, "us-west-2")
    certmock.clock.advance(seconds=1)
    set_status("us-west-2", replica, "DISABLED")
    client("us-west-2").delete_certificate_authority(CertificateAuthorityArn=replica)
    assert created(home, primary, "us-west-2") == replica
    certmock.clock.advance(seconds=1)
    assert statuses(home, primary) == {"us-west-2": "ACTIVE"}


# -- a replica's certificate is its primary's ---------------------------------------------------
def test_a_certificate_is_not_imported_into_a_replica(certmock: Mock) -> None:
    home, primary = multi_region_primary()
    replica = created(home, primary, "eu-west-1")
    certmock.clock.advance(seconds=1)
    certificate = home.get_certificate_authority_certificate(CertificateAuthorityArn=primary)
    with pytest.raises(ClientError) as raised:
        client("eu-west-1").import_certificate_authority_certificate(
            CertificateAuthorityArn=replica, Certificate=certificate["Certificate"]
        )
    assert error_code(raised) == "InvalidRequestException"
    assert describe(client("eu-west-1"), replica)["Status"] == "ACTIVE"


# -- a replica whose creation fails -------------------------------------------------------------
# An older model has no replicas at all (the module is skipped): no reasons to read there.
REASONS = creation_reasons() if has_operation("acm-pca", "ListCertificateAuthorityReplicas") else []


@pytest.mark.parametrize("reason", REASONS)
def test_a_replica_made_to_fail_is_listed_failed_with_its_reason(
    certmock: Mock, reason: str
) -> None:
    home, primary, replica = slow_replica(certmock, "eu-central-1")
    certmock.acmpca.fail_replica(replica, reason=reason)
    assert replicas(home, primary) == [
        {"Arn": replica, "Region": "eu-central-1", "Status": "FAILED", "FailureReason": reason}
    ]
    certmock.clock.advance(minutes=6)
    described = describe(client("eu-central-1"), replica)
    assert (described["Status"], described["FailureReason"]) == ("FAILED", reason)


def test_fail_replica_takes_only_a_creating_replica_and_a_known_reason(certmock: Mock) -> None:
    home, primary, replica = slow_replica(certmock, "eu-central-1")
    not_a_reason = "CONFLICT"
    assert not_a_reason not in REASONS
    with pytest.raises(ValueError, match="reason"):
        certmock.acmpca.fail_replica(replica, reason=not_a_reason)
    with pytest.raises(ValueError, match="not a replica"):
        certmock.acmpca.fail_replica(primary)
    with pytest.raises(KeyError):
        certmock.acmpca.fail_replica(in_region(primary, "ap-south-1"))
    certmock.clock.advance(minutes=5)
    assert statuses(home, primary) == {"eu-central-1": "ACTIVE"}
    with pytest.raises(ValueError, match="ACTIVE"):
        certmock.acmpca.fail_replica(replica)


def test_a_replica_still_creating_when_the_primary_expires_fails(certmock: Mock) -> None:
    certmock.acmpca.replica_creation_time = dt.timedelta(days=400)
    home, primary = multi_region_primary(years=1)
    replica = created(home, primary, "eu-west-1")
    certmock.clock.advance(days=401)
    (listed,) = replicas(home, primary)
    assert (listed["Arn"], listed["Status"], listed["FailureReason"]) == (
        replica,
        "FAILED",
        "OTHER",
    )


def test_the_creation_time_cannot_be_negative(certmock: Mock) -> None:
    assert certmock.acmpca.replica_creation_time == dt.timedelta(0)
    with pytest.raises(ValueError, match="negative"):
        certmock.acmpca.replica_creation_time = dt.timedelta(seconds=-1)


@pytest.mark.certmock(now=NOW, realistic=True)
def test_a_realistic_replica_is_creating_for_two_minutes(certmock: Mock) -> None:
    assert certmock.acmpca.replica_creation_time == dt.timedelta(minutes=2)
    home, primary = multi_region_primary()
    started = certmock.clock.now()
    created(home, primary, "us-west-2")
    certmock.clock.advance(started + dt.timedelta(minutes=2, seconds=-1) - certmock.clock.now())
    assert statuses(home, primary) == {"us-west-2": "CREATING"}
    certmock.clock.advance(seconds=2)
    assert statuses(home, primary) == {"us-west-2": "ACTIVE"}


# -- expiry -------------------------------------------------------------------------------------
def test_replicas_expire_with_the_shared_certificate(certmock: Mock) -> None:
    home, primary = multi_region_primary(years=1)
    active, disabled = created(home, primary, "us-west-2"), created(home, primary, "eu-west-1")
    certmock.clock.advance(seconds=1)
    set_status("eu-west-1", disabled, "DISABLED")
    not_after = describe(home, primary)["NotAfter"]
    certmock.clock.advance(not_after - certmock.clock.now() - dt.timedelta(seconds=1))
    assert statuses(home, primary) == {"us-west-2": "ACTIVE", "eu-west-1": "DISABLED"}
    certmock.clock.advance(seconds=2)
    assert statuses(home, primary) == {"us-west-2": "EXPIRED", "eu-west-1": "EXPIRED"}
    assert describe(client("us-west-2"), active)["LastStateChangeAt"] == not_after
    assert describe(home, primary)["Status"] == "EXPIRED"


# -- events -------------------------------------------------------------------------------------
def test_a_replica_becoming_active_emits_a_successful_creation(certmock: Mock) -> None:
    _, _, replica = slow_replica(certmock, "ap-southeast-2")
    certmock.clock.advance(minutes=4)
    assert creation_events(certmock, replica) == []
    certmock.clock.advance(minutes=2)
    (event,) = creation_events(certmock, replica)
    assert event["region"] == "ap-southeast-2"
    assert event["source"] == "aws.acm-pca"
    assert event["detail"] == {"result": "success"}
    assert event["time"] == "2026-01-01T00:05:00Z"


def test_a_replica_made_to_fail_emits_a_failed_creation(certmock: Mock) -> None:
    _, _, replica = slow_replica(certmock, "ap-southeast-2")
    certmock.acmpca.fail_replica(replica)
    certmock.clock.advance(minutes=10)
    (event,) = creation_events(certmock, replica)
    assert (event["region"], event["detail"]) == ("ap-southeast-2", {"result": "failure"})


# -- waiters -------------------------------------------------------------------------------------
def test_every_waiter_works_on_a_replica(certmock: Mock) -> None:
    """The three waiters, pointed at a replica in its own Region: its CSR (the primary's), a
    certificate the affiliated service issued from it, and an audit report of that issuance."""
    home, primary = multi_region_primary()
    replica = created(home, primary, "us-west-2")
    there = client("us-west-2")
    there.get_waiter("certificate_authority_csr_created").wait(CertificateAuthorityArn=replica)
    provider = "arn:aws:iam::123456789012:workload-identity-provider/waiters"
    home.create_certificate_authority_association(
        CertificateAuthorityArn=primary, AssociatedResourceArn=provider
    )
    ca_csr = home.get_certificate_authority_csr(CertificateAuthorityArn=primary)["Csr"]
    issued = certmock.acmpca.issue_as_affiliated_service(
        primary, provider, csr(), region="us-west-2"
    )
    assert ca_csr == there.get_certificate_authority_csr(CertificateAuthorityArn=replica)["Csr"]
    there.get_waiter("certificate_issued").wait(
        CertificateAuthorityArn=replica, CertificateArn=issued.certificate_arn
    )
    report = there.create_certificate_authority_audit_report(
        CertificateAuthorityArn=replica,
        S3BucketName="replica-reports",
        AuditReportResponseFormat="JSON",
    )
    there.get_waiter("audit_report_created").wait(
        CertificateAuthorityArn=replica, AuditReportId=report["AuditReportId"]
    )
    (row,) = json.loads(certmock.objects.get("replica-reports", report["S3Key"]))
    assert row["certificateArn"] == issued.certificate_arn
