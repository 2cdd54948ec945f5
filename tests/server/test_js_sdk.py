"""The AWS SDK for JavaScript v3 against a certmock server: ``js/hierarchy.mjs`` builds a private
CA hierarchy, issues and imports a certificate, lists, and prints what it saw; these tests read
that summary. The SDK's versions are pinned in ``js/package-lock.json``; ``npm ci`` installs
them once into ``js/node_modules`` (git-ignored) and is skipped while they match the lock."""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError
from cryptography import x509
from cryptography.x509 import verification

from certmock.remote import Remote
from tests.model_facts import error_code
from tests.server.clients import client
from tests.server.outside_clients import (
    REQUIRED,
    certificates,
    csr,
    environment,
    explain,
    private_pem,
    rsa_key,
    run,
    unavailable,
)

PROJECT = Path(__file__).parent / "js"
ACCOUNT = "222233334444"  # this module's own account on the shared server
REGION = "eu-west-1"
DNS_NAME = "app.js.example.com"
# Well formed enough for every client's own checks, yet no ACM certificate ARN.
BAD_ACM_ARN = f"arn:aws:acm:{REGION}:{ACCOUNT}:nothing-here"


def _node_modules() -> None:
    """``npm ci`` unless node_modules already holds what the lock file pins. Under a file
    lock: pytest-xdist's workers may get here at once."""
    if not REQUIRED:
        # Node is on most machines: without this the SDK would be installed and run in
        # every leg of the matrix, where it tests nothing the clients leg does not.
        pytest.skip(
            "the JavaScript SDK tests run in nox -s tests-clients (or with "
            "CERTMOCK_REQUIRE_CLIENTS=1)"
        )
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        unavailable("Node.js and npm are needed for the JavaScript SDK tests")
    lock = (PROJECT / "package-lock.json").read_bytes()
    stamp = PROJECT / "node_modules" / ".certmock-lock-sha256"
    wanted = hashlib.sha256(lock).hexdigest()
    with open(Path(tempfile.gettempdir()) / "certmock-npm-ci.lock", "w") as guard:
        fcntl.flock(guard, fcntl.LOCK_EX)
        if stamp.exists() and stamp.read_text() == wanted:
            return
        done = run(
            [npm, "ci", "--no-audit", "--no-fund", "--prefer-offline"], {}, cwd=PROJECT, timeout=600
        )
        if done.returncode != 0:
            unavailable(f"npm ci failed (offline?): {done.stderr.strip()[-500:]}")
        stamp.write_text(wanted)


@pytest.fixture(scope="module")
def summary(certmock_server: Remote, tmp_path_factory: pytest.TempPathFactory) -> Any:
    _node_modules()
    key = rsa_key()
    given = tmp_path_factory.mktemp("js") / "input.json"
    given.write_text(
        json.dumps(
            {
                "csr": csr(key, DNS_NAME).decode(),
                "key": private_pem(key).decode(),
                "dns_name": "js.example.com",
                "bad_acm_arn": BAD_ACM_ARN,
            }
        )
    )
    env = environment(certmock_server, ACCOUNT, REGION)
    env["CERTMOCK_ENDPOINT"] = certmock_server.url
    node = shutil.which("node")
    assert node is not None
    done = run([node, "hierarchy.mjs", str(given)], env, cwd=PROJECT)
    assert done.returncode == 0, explain(done)
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def boto3_view(certmock_server: Remote) -> dict[str, Any]:
    """The same server, as boto3 sees it from this process."""

    def make(service: str) -> Any:
        return client(certmock_server, service, region=REGION, access_key=ACCOUNT)

    return {service: make(service) for service in ("acm-pca", "acm", "rds", "apigateway")}


def test_the_root_and_the_subordinate_become_active(summary: Any) -> None:
    assert (summary["root"]["status"], summary["subordinate"]["status"]) == ("ACTIVE", "ACTIVE")


def test_the_end_entity_certificate_chains_to_the_root(summary: Any) -> None:
    [root] = certificates(summary["root"]["certificate"])
    [leaf] = certificates(summary["leaf"]["certificate"])
    intermediates = certificates(summary["leaf"]["chain"])
    store = verification.Store([root])
    verifier = (
        verification.PolicyBuilder()
        .store(store)
        .time(leaf.not_valid_before_utc + dt.timedelta(minutes=1))
        .build_server_verifier(x509.DNSName(DNS_NAME))
    )
    path = verifier.verify(leaf, [c for c in intermediates if c != root])
    assert [c.subject for c in path] == [
        leaf.subject,
        certificates(summary["subordinate"]["certificate"])[0].subject,
        root.subject,
    ]


def test_the_subordinate_is_signed_by_the_root_with_path_length_zero(summary: Any) -> None:
    [root] = certificates(summary["root"]["certificate"])
    [subordinate] = certificates(summary["subordinate"]["certificate"])
    subordinate.verify_directly_issued_by(root)
    constraints = subordinate.extensions.get_extension_for_class(x509.BasicConstraints).value
    assert (constraints.ca, constraints.path_length) == (True, 0)
    assert certificates(summary["subordinate"]["chain"]) == [root]


def test_the_root_is_self_signed(summary: Any) -> None:
    [root] = certificates(summary["root"]["certificate"])
    root.verify_directly_issued_by(root)


def test_acm_describes_the_imported_certificate_as_the_pca_issued_it(summary: Any) -> None:
    [leaf] = certificates(summary["leaf"]["certificate"])
    described = summary["acm"]["described"]
    assert described["type"] == "IMPORTED"
    assert described["domain"] == DNS_NAME
    assert int(described["serial"].replace(":", ""), 16) == leaf.serial_number
    assert dt.datetime.fromisoformat(described["notAfter"]) == leaf.not_valid_after_utc
    assert certificates(summary["acm"]["certificate"]) == [leaf]
    assert certificates(summary["acm"]["chain"]) == certificates(summary["leaf"]["chain"])


def test_the_acm_paginator_lists_every_certificate_one_per_page(summary: Any) -> None:
    acm = summary["acm"]
    listed = acm["listed"]["arns"]
    assert sorted(listed) == sorted([acm["imported"], *acm["requested"]])
    assert acm["listed"]["pages"] == len(listed)


def test_rds_certificates_match_what_boto3_sees(summary: Any, boto3_view: Any) -> None:
    answer = boto3_view["rds"].describe_certificates()
    assert [c["identifier"] for c in summary["rds"]["certificates"]] == [
        c["CertificateIdentifier"] for c in answer["Certificates"]
    ]
    assert summary["rds"]["defaultForNewLaunches"] == answer["DefaultCertificateForNewLaunches"]
    assert [dt.datetime.fromisoformat(c["validTill"]) for c in summary["rds"]["certificates"]] == [
        c["ValidTill"] for c in answer["Certificates"]
    ]


def test_api_gateway_client_certificates_are_generated_and_listed(
    summary: Any, boto3_view: Any
) -> None:
    gateway = summary["apigateway"]
    assert gateway["fetched"]["description"] == "js one"
    assert certificates(gateway["fetched"]["pem"])  # a parseable certificate
    assert gateway["listed"]["ids"] == gateway["generated"]
    assert gateway["listed"]["pages"] == len(gateway["generated"])
    seen = boto3_view["apigateway"].get_client_certificates()["items"]
    assert sorted(item["clientCertificateId"] for item in seen) == sorted(gateway["generated"])


def _refusal(call: Any) -> tuple[str, int]:
    try:
        call()
    except ClientError as refused:
        return refused.response["Error"]["Code"], refused.response["ResponseMetadata"][
            "HTTPStatusCode"
        ]
    raise AssertionError("boto3's call was not refused")


@pytest.mark.parametrize(
    ("case", "service", "shape", "call"),
    [
        (
            "missingCa",
            "acm-pca",
            "ResourceNotFoundException",
            lambda clients, summary: clients["acm-pca"].describe_certificate_authority(
                CertificateAuthorityArn=summary["errors"]["missingCaArn"]
            ),
        ),
        (
            "missingClientCertificate",
            "apigateway",
            "NotFoundException",
            lambda clients, summary: clients["apigateway"].get_client_certificate(
                clientCertificateId="nosuchcert"
            ),
        ),
        (
            "badArn",
            "acm",
            "InvalidArnException",
            lambda clients, summary: clients["acm"].describe_certificate(
                CertificateArn=BAD_ACM_ARN
            ),
        ),
    ],
)
def test_an_error_reaches_the_sdk_as_the_modeled_exception_boto3_sees(
    summary: Any, boto3_view: Any, case: str, service: str, shape: str, call: Any
) -> None:
    failure = summary["errors"][case]
    code, status = _refusal(lambda: call(boto3_view, summary))
    assert (failure["name"], failure["status"]) == (code, status)
    assert code == error_code(service, shape)
