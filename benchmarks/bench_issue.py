"""ACM Private CA issuance, certmock side by side with moto in one process.

    python benchmarks/bench_issue.py [--calls 200] [--rounds 5] [--state 10000] [--cas 50]

1. ``issue_certificate`` + ``get_certificate`` per certificate (EndEntityCertificate/V1 from an
   active RSA_2048 root), rounds interleaved certmock/moto so drift hits both alike.
2. ``create_certificate_authority`` with RSA_4096 plus the CA's first CSR (which is when its
   key is needed): median over the first ``--cas`` CAs of a fresh world, certmock and moto.
3. Whether cost grows with state: the median cost of certificates 10-110 against that of the
   ``--state``-th onwards, in one world; and memory per issued certificate (tracemalloc).

Absolute times on shared machines are noisy; the ratios are the figures that matter.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import statistics
import time
import tracemalloc
from collections.abc import Callable, Iterator
from typing import Any

import boto3
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

import certmock

ROOT = {
    "KeyAlgorithm": "RSA_2048",
    "SigningAlgorithm": "SHA256WITHRSA",
    "Subject": {"CommonName": "Benchmark Root", "Organization": "certmock"},
}
ROOT_TEMPLATE = "arn:aws:acm-pca:::template/RootCACertificate/V1"
_KEY = ec.generate_private_key(ec.SECP256R1())
CSR = (
    x509.CertificateSigningRequestBuilder()
    .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "bench.example.com")]))
    .sign(_KEY, hashes.SHA256())
    .public_bytes(serialization.Encoding.PEM)
)


def _client() -> Any:
    return boto3.client(
        "acm-pca", region_name="us-east-1", aws_access_key_id="b", aws_secret_access_key="b"
    )


def _active_root(client: Any) -> str:
    arn: str = client.create_certificate_authority(
        CertificateAuthorityConfiguration=ROOT, CertificateAuthorityType="ROOT"
    )["CertificateAuthorityArn"]
    csr = client.get_certificate_authority_csr(CertificateAuthorityArn=arn)["Csr"]
    issued = client.issue_certificate(
        CertificateAuthorityArn=arn,
        Csr=csr,
        SigningAlgorithm="SHA256WITHRSA",
        TemplateArn=ROOT_TEMPLATE,
        Validity={"Type": "YEARS", "Value": 10},
    )["CertificateArn"]
    pem = client.get_certificate(CertificateAuthorityArn=arn, CertificateArn=issued)
    client.import_certificate_authority_certificate(
        CertificateAuthorityArn=arn, Certificate=pem["Certificate"]
    )
    return arn


def _issue_and_get(client: Any, arn: str) -> None:
    issued = client.issue_certificate(
        CertificateAuthorityArn=arn,
        Csr=CSR,
        SigningAlgorithm="SHA256WITHRSA",
        Validity={"Type": "DAYS", "Value": 30},
    )["CertificateArn"]
    client.get_certificate(CertificateAuthorityArn=arn, CertificateArn=issued)


@contextlib.contextmanager
def _moto() -> Iterator[bool]:
    try:
        from moto import mock_aws
    except ImportError:
        yield False
        return
    with mock_aws():
        yield True


def _per_call(call: Callable[[], Any], calls: int) -> float:
    start = time.perf_counter()
    for _ in range(calls):
        call()
    return (time.perf_counter() - start) / calls


def issue_round(calls: int) -> dict[str, float]:
    times = {}
    with certmock.mock_acmpca():
        client = _client()
        arn = _active_root(client)
        times["certmock"] = _per_call(lambda: _issue_and_get(client, arn), calls)
    with _moto() as available:
        if available:
            client = _client()
            arn = _active_root(client)
            # moto is slow per certificate: a tenth of the calls gives a stable figure.
            times["moto"] = _per_call(lambda: _issue_and_get(client, arn), max(calls // 10, 5))
    return times


def _create_rsa4096(client: Any) -> None:
    arn = client.create_certificate_authority(
        CertificateAuthorityConfiguration={
            **ROOT,
            "KeyAlgorithm": "RSA_4096",
            "SigningAlgorithm": "SHA512WITHRSA",
        },
        CertificateAuthorityType="ROOT",
    )["CertificateAuthorityArn"]
    client.get_certificate_authority_csr(CertificateAuthorityArn=arn)


def creation(cas: int) -> dict[str, float]:
    medians = {}
    with certmock.mock_acmpca():
        client = _client()
        samples = []
        for _ in range(cas):
            start = time.perf_counter()
            _create_rsa4096(client)
            samples.append(time.perf_counter() - start)
        medians["certmock"] = statistics.median(samples)
    with _moto() as available:
        if available:
            client = _client()
            samples = []
            for _ in range(min(cas, 10)):
                start = time.perf_counter()
                _create_rsa4096(client)
                samples.append(time.perf_counter() - start)
            medians["moto"] = statistics.median(samples)
    return medians


def growth(state: int) -> tuple[float, float]:
    """Median seconds of certificates 10-110 and of ``state``..``state`` + 100, in one world."""
    with certmock.mock_acmpca():
        client = _client()
        arn = _active_root(client)
        early, late = [], []
        for number in range(1, state + 101):
            start = time.perf_counter()
            _issue_and_get(client, arn)
            elapsed = time.perf_counter() - start
            if 10 <= number < 110:
                early.append(elapsed)
            elif number > state:
                late.append(elapsed)
        return statistics.median(early), statistics.median(late)


def memory(certificates: int) -> tuple[float, float]:
    """KB of memory per issued certificate (tracemalloc): everything the world holds (the
    certificate, its record, the two call records and the issuance event), and what is left
    once ``cm.calls`` and ``cm.events`` are cleared (the model's own share)."""
    with certmock.mock_acmpca() as cm:
        client = _client()
        arn = _active_root(client)
        _issue_and_get(client, arn)
        gc.collect()
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        for _ in range(certificates):
            _issue_and_get(client, arn)
        gc.collect()
        everything = tracemalloc.get_traced_memory()[0] - before
        cm.world.calls.clear()
        cm.world.events.clear()
        gc.collect()
        model = tracemalloc.get_traced_memory()[0] - before
        tracemalloc.stop()
        return everything / certificates / 1024, model / certificates / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--cas", type=int, default=50)
    parser.add_argument("--state", type=int, default=10_000)
    args = parser.parse_args()

    issue_round(5)  # warm up
    rounds: dict[str, list[float]] = {"certmock": [], "moto": []}
    for _ in range(args.rounds):
        for name, seconds in issue_round(args.calls).items():
            rounds[name].append(seconds)
    print(f"issue_certificate + get_certificate, {args.calls} x {args.rounds} rounds (median)")
    for name, times in rounds.items():
        if times:
            print(f"  {name:9s} {statistics.median(times) * 1e3:8.2f} ms/certificate")
    if rounds["moto"]:
        ratio = statistics.median(rounds["moto"]) / statistics.median(rounds["certmock"])
        print(f"  certmock is {ratio:.0f}x faster than moto")

    created = creation(args.cas)
    print(f"create_certificate_authority RSA_4096 + its CSR, first {args.cas} CAs (median)")
    for name, seconds in created.items():
        print(f"  {name:9s} {seconds * 1e3:8.2f} ms/CA")

    early, late = growth(args.state)
    print(
        f"cost with state: certificates 10-110 {early * 1e3:.2f} ms, "
        f"{args.state}-{args.state + 100} {late * 1e3:.2f} ms (x{late / early:.2f})"
    )
    everything, model = memory(1000)
    print(
        f"memory: {everything:.1f} KB per issued certificate, of which the model holds "
        f"{model:.1f} KB (the rest is the call log and the event)"
    )


if __name__ == "__main__":
    main()
