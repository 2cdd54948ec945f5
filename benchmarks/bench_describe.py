"""Per-call cost of ``describe_certificate_authority``: botocore's own floor (a canned
``before-send`` response), certmock, and moto, measured side by side in one process.

    python benchmarks/bench_describe.py [--calls 2000] [--rounds 7]

Absolute times on shared machines are noisy; the ratios are the figures that matter. Rounds
are interleaved (floor, certmock, moto, floor, ...) so drift hits all three alike.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from typing import Any

import boto3
from botocore.awsrequest import AWSResponse

import certmock
from certmock.botocore_models import service_model
from certmock.protocols import WireResponse, codec_for

CONFIGURATION = {
    "KeyAlgorithm": "RSA_2048",
    "SigningAlgorithm": "SHA256WITHRSA",
    "Subject": {"CommonName": "Benchmark Root", "Organization": "certmock"},
}


BENCH_ID = "00000000-0000-4000-8000-000000000000"


class _Raw:
    def __init__(self, body: bytes) -> None:
        self.body = body

    def stream(self, **_: Any) -> Any:
        yield self.body


def _client() -> Any:
    return boto3.client(
        "acm-pca",
        region_name="us-east-1",
        aws_access_key_id="bench",
        aws_secret_access_key="bench",
    )


def _timed(call: Callable[[], Any], calls: int) -> float:
    start = time.perf_counter()
    for _ in range(calls):
        call()
    return (time.perf_counter() - start) / calls


def certmock_round(calls: int, canned: list[WireResponse]) -> float:
    with certmock.mock_acmpca() as cm:
        client = _client()
        arn = client.create_certificate_authority(
            CertificateAuthorityConfiguration=CONFIGURATION, CertificateAuthorityType="ROOT"
        )["CertificateAuthorityArn"]
        client.describe_certificate_authority(CertificateAuthorityArn=arn)
        if not canned:
            # The floor replays certmock's own response, in the protocol this botocore speaks
            # (awsJson, or CBOR from botocore 1.44), so botocore parses exactly the same bytes.
            model = service_model("acm-pca")
            operation = model.operation_model("DescribeCertificateAuthority")
            result = cm.calls[-1].result or {}
            canned.append(codec_for(model).serialize_response(operation, result, "0"))
        return _timed(
            lambda: client.describe_certificate_authority(CertificateAuthorityArn=arn), calls
        )


def floor_round(calls: int, canned: WireResponse) -> float:
    client = _client()
    arn = "arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/" + BENCH_ID
    headers: Any = canned.headers

    def answer(request: Any, **_: Any) -> AWSResponse:
        return AWSResponse(request.url, 200, headers, _Raw(canned.body))

    client.meta.events.register_first("before-send.acm-pca.*", answer)
    return _timed(lambda: client.describe_certificate_authority(CertificateAuthorityArn=arn), calls)


def moto_round(calls: int) -> float | None:
    try:
        from moto import mock_aws
    except ImportError:
        return None
    with mock_aws():
        client = _client()
        arn = client.create_certificate_authority(
            CertificateAuthorityConfiguration=CONFIGURATION, CertificateAuthorityType="ROOT"
        )["CertificateAuthorityArn"]
        return _timed(
            lambda: client.describe_certificate_authority(CertificateAuthorityArn=arn), calls
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()

    canned: list[WireResponse] = []
    certmock_round(10, canned)  # warm up and capture the canned response
    floor_round(10, canned[0])
    moto_round(10)
    results: dict[str, list[float]] = {"floor": [], "certmock": [], "moto": []}
    for _ in range(args.rounds):
        results["floor"].append(floor_round(args.calls, canned[0]))
        results["certmock"].append(certmock_round(args.calls, canned))
        moto = moto_round(args.calls)
        if moto is not None:
            results["moto"].append(moto)

    floor = statistics.median(results["floor"])
    print(f"describe_certificate_authority, {args.calls} calls x {args.rounds} rounds (median)")
    for name, times in results.items():
        if times:
            median = statistics.median(times)
            print(f"  {name:9s} {median * 1e6:8.1f} us/call   {median / floor:5.2f}x floor")
    if results["moto"]:
        ratio = statistics.median(results["moto"]) / statistics.median(results["certmock"])
        print(f"  certmock is {ratio:.1f}x faster than moto")


if __name__ == "__main__":
    main()
