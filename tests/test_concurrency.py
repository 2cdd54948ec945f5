"""Threads sharing one certmock world: many clients issuing, reading, revoking and listing on the
same CAs, requesting ACM certificates from one CA, and racing on the same resource (one
revocation, one idempotency token, tags). Nothing may be lost, doubled, or raise.

tests/test_mock.py already checks that threads creating and tagging their *own* CAs leave 80 of
them; these tests share the resources between threads instead.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import boto3
import pytest
from botocore.exceptions import ClientError
from cryptography import x509

from certmock import Mock, mock_all
from tests.services.acmpca.pki import active_root, crl_enabled, csr, issue, serial_of

T = TypeVar("T")
THREADS = 8
REGION = "eu-west-1"
NOW = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
BUCKET = "concurrency-bucket"


def in_threads(work: Callable[[int], T], threads: int = THREADS) -> list[T]:
    """Run ``work(0..threads-1)`` on as many threads, released together; re-raise any error."""
    start = threading.Barrier(threads)

    def released(index: int) -> T:
        start.wait(timeout=30)
        return work(index)

    with ThreadPoolExecutor(max_workers=threads) as pool:
        futures = [pool.submit(released, index) for index in range(threads)]
        return [future.result(timeout=120) for future in futures]


def pca_clients() -> list[Any]:
    # Made on the main thread: boto3's default session is not safe to share while creating.
    return [boto3.client("acm-pca", region_name=REGION) for _ in range(THREADS)]


def acm_clients() -> list[Any]:
    return [boto3.client("acm", region_name=REGION) for _ in range(THREADS)]


def code_of(error: ClientError) -> str:
    code: str = error.response["Error"]["Code"]
    return code


@pytest.fixture
def world() -> Any:
    with mock_all(now=NOW, seed=424242) as handle:
        yield handle


def test_threads_sharing_cas_issue_read_revoke_and_list_without_losing_anything(
    world: Mock,
) -> None:
    pca = boto3.client("acm-pca", region_name=REGION)
    shared = [active_root(pca, RevocationConfiguration=crl_enabled(BUCKET)) for _ in range(2)]
    per_thread = pca_clients()

    def work(index: int) -> tuple[list[str], list[str]]:
        client = per_thread[index]
        issued: list[str] = []
        revoked: list[str] = []
        for round_ in range(12):
            ca = shared[(index + round_) % len(shared)]
            arn = issue(client, ca, csr(f"t{index}-r{round_}.example.com"))
            # Readable at once by the thread that issued it, and by its neighbour.
            client.get_certificate(CertificateAuthorityArn=ca, CertificateArn=arn)
            per_thread[(index + 1) % THREADS].get_certificate(
                CertificateAuthorityArn=ca, CertificateArn=arn
            )
            issued.append(arn)
            if round_ % 3 == 0:
                client.revoke_certificate(
                    CertificateAuthorityArn=ca,
                    CertificateSerial=serial_of(arn),
                    RevocationReason="SUPERSEDED",
                )
                revoked.append(arn)
            listed = client.list_certificate_authorities()["CertificateAuthorities"]
            assert {ca["Arn"] for ca in listed} == set(shared)
        return issued, revoked

    results = in_threads(work)
    issued = [arn for mine, _ in results for arn in mine]
    revoked = {arn for _, theirs in results for arn in theirs}
    assert len(issued) == THREADS * 12
    assert len(set(issued)) == len(issued), "two threads were given the same certificate ARN"

    serials: set[int] = set()
    for arn in issued:
        ca = arn.split("/certificate/")[0]
        pem = pca.get_certificate(CertificateAuthorityArn=ca, CertificateArn=arn)["Certificate"]
        serial = x509.load_pem_x509_certificate(pem.encode()).serial_number
        assert serial == int(serial_of(arn), 16)
        serials.add(serial)
    assert len(serials) == len(issued), "two certificates share a serial"

    # Every revocation was kept: a second one is "already done"; the others still go through.
    for arn in issued:
        ca = arn.split("/certificate/")[0]
        request = {"CertificateAuthorityArn": ca, "CertificateSerial": serial_of(arn)}
        if arn in revoked:
            with pytest.raises(ClientError) as raised:
                pca.revoke_certificate(**request, RevocationReason="SUPERSEDED")
            assert code_of(raised.value) == "RequestAlreadyProcessedException"
        else:
            pca.revoke_certificate(**request, RevocationReason="SUPERSEDED")

    # An hour on, each CA's CRL lists all of its certificates (all revoked now), and its audit
    # report has one row per certificate, each marked revoked.
    world.clock.advance(hours=1)
    for ca in shared:
        mine = {arn for arn in issued if arn.startswith(ca + "/")}
        crl = x509.load_der_x509_crl(world.objects.get(BUCKET, f"crl/{ca.rsplit('/', 1)[1]}.crl"))
        assert {entry.serial_number for entry in crl} == {int(serial_of(a), 16) for a in mine}
        report = pca.create_certificate_authority_audit_report(
            CertificateAuthorityArn=ca, S3BucketName=BUCKET, AuditReportResponseFormat="JSON"
        )
        world.clock.advance(minutes=1)
        rows = {
            row["certificateArn"]: row
            for row in json.loads(world.objects.get(BUCKET, report["S3Key"]))
        }
        assert mine <= set(rows), "issued certificates missing from the audit report"
        assert all("revokedAt" in rows[arn] for arn in mine)


def test_threads_revoking_one_certificate_revoke_it_once(world: Mock) -> None:
    pca = boto3.client("acm-pca", region_name=REGION)
    ca = active_root(pca)
    arn = issue(pca, ca)
    per_thread = pca_clients()

    def work(index: int) -> str:
        try:
            per_thread[index].revoke_certificate(
                CertificateAuthorityArn=ca,
                CertificateSerial=serial_of(arn),
                RevocationReason="KEY_COMPROMISE",
            )
        except ClientError as error:
            return code_of(error)
        return "revoked"

    outcomes = sorted(in_threads(work))
    assert outcomes == ["RequestAlreadyProcessedException"] * (THREADS - 1) + ["revoked"]
    # Reference 3.4: one revocation event, none for the repeats.
    revocations = [
        e for e in world.events if e["detail-type"] == "ACM Private CA Certificate Revocation"
    ]
    assert [e["resources"] for e in revocations] == [[ca, arn]]


def test_threads_with_one_idempotency_token_get_one_resource(world: Mock) -> None:
    """Reference 1.5 and 2.5: the same token within five minutes gives the same CA or
    certificate, only one created, however the requests interleave."""
    pca = boto3.client("acm-pca", region_name=REGION)
    ca = active_root(pca)
    per_thread = pca_clients()
    request = csr("same.example.com")

    def issue_once(index: int) -> str:
        return issue(per_thread[index], ca, request, IdempotencyToken="one-token")

    (certificate,) = set(in_threads(issue_once))

    def create_once(index: int) -> str:
        arn: str = per_thread[index].create_certificate_authority(
            CertificateAuthorityConfiguration={
                "KeyAlgorithm": "EC_prime256v1",
                "SigningAlgorithm": "SHA256WITHECDSA",
                "Subject": {"CommonName": "one CA"},
            },
            CertificateAuthorityType="ROOT",
            IdempotencyToken="one-ca",
        )["CertificateAuthorityArn"]
        return arn

    (created,) = set(in_threads(create_once))
    listed = pca.list_certificate_authorities()["CertificateAuthorities"]
    assert sorted(found["Arn"] for found in listed) == sorted([ca, created])
    issuances = [
        e for e in world.events if e["detail-type"] == "ACM Private CA Certificate Issuance"
    ]
    assert [e["resources"][1] for e in issuances].count(certificate) == 1


def test_threads_requesting_acm_certificates_from_one_ca(world: Mock) -> None:
    pca = boto3.client("acm-pca", region_name=REGION)
    acm = boto3.client("acm", region_name=REGION)
    ca = active_root(pca)
    per_thread = acm_clients()

    def work(index: int) -> list[str]:
        client = per_thread[index]
        mine: list[str] = []
        for round_ in range(6):
            arn: str = client.request_certificate(
                DomainName=f"t{index}-r{round_}.internal.example", CertificateAuthorityArn=ca
            )["CertificateArn"]
            client.get_certificate(CertificateArn=arn)
            client.list_certificates()
            mine.append(arn)
        return mine

    requested = [arn for mine in in_threads(work) for arn in mine]
    assert len(set(requested)) == len(requested) == THREADS * 6
    serials = set()
    for arn in requested:
        found = acm.describe_certificate(CertificateArn=arn)["Certificate"]
        assert (found["Status"], found["Type"]) == ("ISSUED", "PRIVATE")
        serials.add(found["Serial"])
    assert len(serials) == len(requested), "two ACM certificates share a serial"
    listed = acm.get_paginator("list_certificates").paginate().build_full_result()
    assert {s["CertificateArn"] for s in listed["CertificateSummaryList"]} == set(requested)

    # Reference 6.4: one idempotency token within the hour is one request, whoever sends it.
    def same_token(index: int) -> str:
        arn: str = per_thread[index].request_certificate(
            DomainName="shared.internal.example",
            CertificateAuthorityArn=ca,
            IdempotencyToken="sharedtoken",
        )["CertificateArn"]
        return arn

    assert len(set(in_threads(same_token))) == 1


def test_threads_tagging_one_resource_keep_every_tag(world: Mock) -> None:
    """Eight read-modify-write cycles on one tag set: a lost update would drop a key."""
    pca = boto3.client("acm-pca", region_name=REGION)
    acm = boto3.client("acm", region_name=REGION)
    ca = active_root(pca)
    certificate = acm.request_certificate(
        DomainName="tagged.internal.example", CertificateAuthorityArn=ca
    )["CertificateArn"]
    pcas, acms = pca_clients(), acm_clients()

    def work(index: int) -> None:
        for round_ in range(5):
            tag = [{"Key": f"t{index}-{round_}", "Value": str(index)}]
            pcas[index].tag_certificate_authority(CertificateAuthorityArn=ca, Tags=tag)
            acms[index].add_tags_to_certificate(CertificateArn=certificate, Tags=tag)

    in_threads(work)
    expected = {f"t{index}-{round_}" for index in range(THREADS) for round_ in range(5)}
    tags = pca.get_paginator("list_tags").paginate(CertificateAuthorityArn=ca)
    assert {tag["Key"] for page in tags for tag in page["Tags"]} == expected
    on_certificate = acm.list_tags_for_certificate(CertificateArn=certificate)["Tags"]
    assert {tag["Key"] for tag in on_certificate} == expected
