"""Multi-Region CAs (botocore 1.44.18): CreateCertificateAuthorityReplica,
BatchCreateCertificateAuthorityReplica and ListCertificateAuthorityReplicas. An
IAM_WORKLOAD_IDENTITY CA is a PRIMARY from creation; its replica in another Region has the
primary's ARN but for the Region, shares its certificate and CSR, is CREATING for
``cm.acmpca.replica_creation_time`` and then ACTIVE. Quota, tags, deletion, expiry, failure and
events are in ``test_replica_lifecycle``."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from botocore.exceptions import ClientError

from certmock import Mock
from tests.helpers import create_ca, describe
from tests.services.acmpca.multi_region import (
    HOME,
    MARKS,
    MODES,
    MULTI_REGION,
    by_mode,
    client,
    created,
    in_region,
    modelled,
    multi_region_primary,
    replicas,
    replicate,
    request,
    statuses,
)
from tests.services.acmpca.pki import NOW, active_root, error_code, message

pytestmark = MARKS


# -- what a replica is ---------------------------------------------------------------------------
def test_the_primary_is_described_as_primary_a_general_purpose_ca_as_neither(pca: Any) -> None:
    home, primary = multi_region_primary()
    assert describe(home, primary)["MultiRegionConfiguration"] == {"MultiRegionType": "PRIMARY"}
    assert "MultiRegionConfiguration" not in describe(pca, active_root(pca))
    other = {"ServiceAffiliationCode": "SOME_FUTURE_SERVICE"}
    affiliated = create_ca(pca, UsageMode="SERVICE_AFFILIATED", ServiceAffiliation=other)
    assert "MultiRegionConfiguration" not in describe(pca, affiliated)


def test_a_replica_is_described_in_its_region_with_the_primarys_certificate(
    certmock: Mock,
) -> None:
    home, primary = multi_region_primary()
    certmock.clock.advance(minutes=1)
    arn = created(home, primary, "eu-west-1")
    certmock.clock.advance(minutes=1)
    found, original = describe(client("eu-west-1"), arn), describe(home, primary)
    assert found["MultiRegionConfiguration"] == {"MultiRegionType": "REPLICA"}
    assert found["Status"] == "ACTIVE"
    assert found["CreatedAt"] == NOW + dt.timedelta(minutes=1) != original["CreatedAt"]
    for shared in ("Serial", "NotBefore", "NotAfter", "UsageMode", "ServiceAffiliation", "Type"):
        assert found[shared] == original[shared], shared


def test_a_replica_has_the_primarys_arn_certificate_and_csr_in_its_region() -> None:
    home, primary = multi_region_primary()
    replica = created(home, primary, "ap-southeast-2")
    assert replica == in_region(primary, "ap-southeast-2") != primary
    there = client("ap-southeast-2")
    mine = there.get_certificate_authority_certificate(CertificateAuthorityArn=replica)
    theirs = home.get_certificate_authority_certificate(CertificateAuthorityArn=primary)
    assert mine["Certificate"] == theirs["Certificate"]
    assert mine.get("CertificateChain") == theirs.get("CertificateChain")
    csr_there = there.get_certificate_authority_csr(CertificateAuthorityArn=replica)["Csr"]
    assert csr_there == home.get_certificate_authority_csr(CertificateAuthorityArn=primary)["Csr"]


# -- creating -----------------------------------------------------------------------------------
@pytest.mark.parametrize("steps", [[299], [60, 60, 60, 60, 59]], ids=["one-step", "several"])
def test_a_replica_is_creating_until_its_creation_time_passes(
    certmock: Mock, steps: list[int]
) -> None:
    certmock.acmpca.replica_creation_time = dt.timedelta(minutes=5)
    home, primary = multi_region_primary()
    answer = replicate("single", home, primary, "us-west-2").replica
    arn = in_region(primary, "us-west-2")
    assert answer == {"Arn": arn, "Region": "us-west-2", "Status": "CREATING"}
    for step in steps:
        certmock.clock.advance(seconds=step)
        assert replicas(home, primary) == [answer]
    certmock.clock.advance(seconds=2)
    assert replicas(home, primary) == [{**answer, "Status": "ACTIVE"}]
    found = describe(client("us-west-2"), arn)
    assert found["LastStateChangeAt"] == NOW + dt.timedelta(minutes=5)


@pytest.mark.parametrize("mode", MODES)
def test_a_new_replica_is_creating_and_active_on_the_next_call_by_default(
    certmock: Mock, mode: str
) -> None:
    home, primary = multi_region_primary()
    replica = replicate(mode, home, primary, "eu-central-1").replica
    assert replica is not None
    assert set(replica) == {"Arn", "Region", "Status"}
    assert replica["Status"] == "CREATING"
    certmock.clock.advance(seconds=1)
    assert statuses(home, primary) == {"eu-central-1": "ACTIVE"}


def test_a_replica_is_listed_among_the_cas_of_its_region() -> None:
    home, primary = multi_region_primary()
    created(home, primary, "eu-north-1")
    listed = client("eu-north-1").list_certificate_authorities()["CertificateAuthorities"]
    assert [ca["Arn"] for ca in listed] == [in_region(primary, "eu-north-1")]
    assert [ca["Arn"] for ca in home.list_certificate_authorities()["CertificateAuthorities"]] == [
        primary
    ]


@by_mode("ConflictException", "CONFLICT")
def test_a_second_replica_in_a_region_conflicts_with_the_first(mode: str, refusal: str) -> None:
    home, primary = multi_region_primary()
    existing = replicate(mode, home, primary, "ca-central-1").replica
    assert existing is not None
    again = replicate(mode, home, primary, "ca-central-1")
    assert again.refusal == modelled(mode, refusal)
    assert existing["Arn"] in again.message
    if again.response is not None:
        assert again.response["resourceId"] == existing["Arn"]
    assert [r["Arn"] for r in replicas(home, primary)] == [existing["Arn"]]


def test_each_region_of_a_batch_succeeds_or_fails_on_its_own() -> None:
    home, primary = multi_region_primary()
    created(home, primary, "eu-west-1")
    answer = home.batch_create_certificate_authority_replica(
        CertificateAuthorityArn=primary,
        Replicas=[
            {"ReplicaRegion": "eu-west-1", "IdempotencyToken": "conflicting"},
            {"ReplicaRegion": "us-west-2", "IdempotencyToken": "fine"},
            {
                "ReplicaRegion": "eu-central-1",
                "IdempotencyToken": "badly-tagged",
                "Tags": [{"Key": "aws:reserved", "Value": "x"}],
            },
        ],
    )
    assert [(r["Region"], r["Status"]) for r in answer["Successful"]] == [("us-west-2", "CREATING")]
    failed = {f["Region"]: f["FailureReason"] for f in answer["Failed"]}
    assert failed == {
        "eu-west-1": modelled("batch", "CONFLICT"),
        "eu-central-1": modelled("batch", "INVALID_TAG"),
    }
    assert all(f["Message"] for f in answer["Failed"])
    assert sorted(statuses(home, primary)) == ["eu-west-1", "us-west-2"]


# -- a request refused as a whole ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("mode", "regions", "code"),
    [
        ("single", ["sa-east-1"], "InvalidStateException"),
        ("batch", ["us-west-2", "sa-east-1"], "InvalidStateException"),
        ("batch", ["us-west-2", "sa-east-1", "us-west-2"], "InvalidArgsException"),
        ("single", [HOME], "InvalidArgsException"),
        ("batch", ["us-west-2", HOME], "InvalidArgsException"),
        ("single", ["xx-nowhere-9"], "InvalidArgsException"),
        ("batch", ["us-west-2", "xx-nowhere-9"], "InvalidArgsException"),
        ("single", ["cn-north-1"], "InvalidArgsException"),
        ("batch", ["us-west-2", "cn-north-1"], "InvalidArgsException"),
    ],
    ids=[
        "disabled-single",
        "disabled-batch",
        "region-twice",
        "own-region-single",
        "own-region-batch",
        "unknown-single",
        "unknown-batch",
        "other-partition-single",
        "other-partition-batch",
    ],
)
def test_a_request_invalid_as_a_whole_creates_nothing(
    certmock: Mock, mode: str, regions: list[str], code: str
) -> None:
    home, primary = multi_region_primary()
    created(home, primary, "eu-west-1")
    certmock.clock.advance(seconds=1)
    before = replicas(home, primary)
    if code == "InvalidStateException":
        home.update_certificate_authority(CertificateAuthorityArn=primary, Status="DISABLED")
    with pytest.raises(ClientError) as raised:
        request(mode, home, primary, regions)
    assert error_code(raised) == code
    assert replicas(home, primary) == before


@pytest.mark.parametrize("mode", MODES)
def test_a_general_purpose_ca_has_no_replicas(pca: Any, mode: str) -> None:
    ca = active_root(pca)
    with pytest.raises(ClientError) as creating:
        request(mode, pca, ca, ["us-west-2"])
    assert error_code(creating) == "InvalidArgsException"
    with pytest.raises(ClientError) as listing:
        pca.list_certificate_authority_replicas(CertificateAuthorityArn=ca)
    assert error_code(listing) == "InvalidArgsException"


def test_a_pending_multi_region_ca_cannot_be_replicated_yet() -> None:
    home = client(HOME)
    pending = create_ca(home, **MULTI_REGION)
    assert describe(home, pending)["Status"] == "PENDING_CERTIFICATE"
    assert replicate("single", home, pending, "us-west-2").refusal == "InvalidStateException"
    assert replicas(home, pending) == []


def test_replicas_are_listed_from_the_primarys_region_with_the_primarys_arn() -> None:
    home, primary = multi_region_primary()
    replica = in_region(primary, "eu-west-1")
    created(home, primary, "eu-west-1")
    there = client("eu-west-1")
    with pytest.raises(ClientError) as with_replica_arn:
        there.list_certificate_authority_replicas(CertificateAuthorityArn=replica)
    assert error_code(with_replica_arn) == "InvalidArgsException"
    assert HOME in message(with_replica_arn)
    replica_of_replica = replicate("single", there, replica, "us-west-2")
    assert replica_of_replica.refusal == "InvalidArgsException"
    assert HOME in replica_of_replica.message
    with pytest.raises(ClientError) as elsewhere:
        there.list_certificate_authority_replicas(CertificateAuthorityArn=primary)
    assert error_code(elsewhere) == "ResourceNotFoundException"
    assert replicate("single", there, primary, "us-west-2").refusal == "ResourceNotFoundException"


# -- idempotency --------------------------------------------------------------------------------
@by_mode("ConflictException", "CONFLICT")
def test_a_token_repeated_within_five_minutes_returns_the_original_replica(
    certmock: Mock, mode: str, refusal: str
) -> None:
    home, primary = multi_region_primary()
    first = replicate(mode, home, primary, "us-west-1", IdempotencyToken="same").replica
    assert first is not None
    certmock.clock.advance(minutes=4, seconds=59)
    again = replicate(mode, home, primary, "us-west-1", IdempotencyToken="same")
    assert again.refusal is None
    assert again.replica is not None
    assert again.replica["Arn"] == first["Arn"]
    assert len(replicas(home, primary)) == 1
    certmock.clock.advance(seconds=2)
    late = replicate(mode, home, primary, "us-west-1", IdempotencyToken="same")
    assert late.refusal == modelled(mode, refusal)


# -- pages --------------------------------------------------------------------------------------
def test_the_paginator_returns_every_replica_once_in_creation_order() -> None:
    home, primary = multi_region_primary()
    regions = ["us-west-2", "us-east-2", "eu-west-1", "eu-central-1", "ap-southeast-2"]
    for region in regions:
        created(home, primary, region)
    pages = list(
        home.get_paginator("list_certificate_authority_replicas").paginate(
            CertificateAuthorityArn=primary, PaginationConfig={"PageSize": 2}
        )
    )
    assert [len(page["Replicas"]) for page in pages] == [2, 2, 1]
    listed = [replica for page in pages for replica in page["Replicas"]]
    assert [r["Region"] for r in listed] == regions
    assert [r["Arn"] for r in listed] == [in_region(primary, region) for region in regions]


@pytest.mark.parametrize("whose", ["bogus", "another-primarys"])
def test_a_next_token_not_made_for_this_listing_is_refused(whose: str) -> None:
    home, primary = multi_region_primary()
    created(home, primary, "us-west-2")
    token = "bogus"
    if whose == "another-primarys":
        _, other = multi_region_primary()
        for region in ("us-west-2", "eu-west-1"):
            created(home, other, region)
        token = home.list_certificate_authority_replicas(
            CertificateAuthorityArn=other, MaxResults=1
        )["NextToken"]
    with pytest.raises(ClientError) as raised:
        home.list_certificate_authority_replicas(CertificateAuthorityArn=primary, NextToken=token)
    assert error_code(raised) == "InvalidNextTokenException"
