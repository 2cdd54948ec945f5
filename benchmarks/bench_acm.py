"""An ACM-heavy scenario, certmock side by side with moto in one process.

    python benchmarks/bench_acm.py [--iterations 200] [--rounds 5]

One iteration is what a rotation job does to one certificate, using only operations moto also
has: ImportCertificate, DescribeCertificate, AddTagsToCertificate, ListTagsForCertificate,
GetCertificate, ListCertificates, RequestCertificate (DNS) + DescribeCertificate, and two
DeleteCertificate calls, so the account does not grow between iterations. Rounds alternate
certmock and moto, so drift on a shared machine hits both alike; the ratio is the figure.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import statistics
import time
from collections.abc import Iterator
from typing import Any

import boto3
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

import certmock


def _certificate() -> tuple[bytes, bytes]:
    """A self-signed EC certificate and its key, made once for every import."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "bench.example.com")])
    start = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=365 * 5))
        .add_extension(
            x509.SubjectAlternativeName([x509.DNSName("bench.example.com")]), critical=False
        )
        .sign(key, hashes.SHA256())
    )
    return (
        certificate.public_bytes(serialization.Encoding.PEM),
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
    )


CERTIFICATE, PRIVATE_KEY = _certificate()


def _client() -> Any:
    return boto3.client(
        "acm", region_name="us-east-1", aws_access_key_id="b", aws_secret_access_key="b"
    )


def _iteration(acm: Any) -> None:
    arn = acm.import_certificate(Certificate=CERTIFICATE, PrivateKey=PRIVATE_KEY)["CertificateArn"]
    acm.describe_certificate(CertificateArn=arn)
    acm.add_tags_to_certificate(CertificateArn=arn, Tags=[{"Key": "team", "Value": "platform"}])
    acm.list_tags_for_certificate(CertificateArn=arn)
    acm.get_certificate(CertificateArn=arn)
    acm.list_certificates()
    requested = acm.request_certificate(DomainName="app.example.com", ValidationMethod="DNS")
    acm.describe_certificate(CertificateArn=requested["CertificateArn"])
    acm.delete_certificate(CertificateArn=requested["CertificateArn"])
    acm.delete_certificate(CertificateArn=arn)


@contextlib.contextmanager
def _moto() -> Iterator[bool]:
    try:
        from moto import mock_aws
    except ImportError:
        yield False
        return
    with mock_aws():
        yield True


def _timed(iterations: int) -> float:
    acm = _client()
    start = time.perf_counter()
    for _ in range(iterations):
        _iteration(acm)
    return (time.perf_counter() - start) / iterations


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    results: dict[str, list[float]] = {"certmock": [], "moto": []}
    for round_number in range(args.rounds + 1):
        iterations = 5 if round_number == 0 else args.iterations  # round 0 warms up
        with certmock.mock_acm():
            certmock_time = _timed(iterations)
        with _moto() as available:
            moto_time = _timed(iterations) if available else None
        if round_number:
            results["certmock"].append(certmock_time)
            if moto_time is not None:
                results["moto"].append(moto_time)

    print(
        f"ACM rotation scenario (10 calls), {args.iterations} iterations x {args.rounds} rounds"
        " (median)"
    )
    for name, times in results.items():
        if times:
            median = statistics.median(times)
            print(f"  {name:9s} {median * 1e3:7.2f} ms/iteration  {median / 10 * 1e6:7.1f} us/call")
    if results["moto"]:
        ratio = statistics.median(results["moto"]) / statistics.median(results["certmock"])
        print(f"  certmock is {ratio:.1f}x faster than moto")


if __name__ == "__main__":
    main()
