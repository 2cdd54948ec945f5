"""Load test of ``python -m certmock serve``, side by side with moto's server on the same calls.

    python benchmarks/bench_server.py [--clients 8] [--calls 500] [--rounds 1]
        [--servers cheroot,waitress,wsgiref,moto] [--client-mode process] [--json PATH]

Each server runs in its own subprocess (certmock once per ``--server``; moto as
``python -m moto.server``, from ``moto[server]``). Every client (a process of its own by
default, so that the clients' botocore work does not share one GIL and the figures are the
server's) makes a boto3 client and, untimed, an ACTIVE root CA of its own (create, CSR,
self-signed RootCACertificate/V1, import), an ACM certificate to re-import, and one warm-up
pass over the mix. Then all clients start together and make ``--calls`` calls each, cycling
through the same mix of reads and issuance on every server. botocore's retries are off, so a
failed call counts as an error; any error makes the exit status 1.

An operation some chosen server does not serve (moto has no ``rds DescribeCertificates``) is
dropped from every server's mix, and the report says so: the calls stay the same for all.

Reported per server: calls, errors, throughput, p50/p99/max latency per call and per
operation, and the CPU the server process spent per call (less noisy than wall time on a
shared machine). Ratios are moto's figure over each certmock server's.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import multiprocessing
import os
import platform
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, Protocol

import boto3
from botocore.config import Config
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

CERTMOCK_SERVERS = ("cheroot", "waitress", "wsgiref")
MOTO = "moto"
REGION = "us-east-1"
STARTUP_TIMEOUT = 90.0
ROOT_TEMPLATE = "arn:aws:acm-pca:::template/RootCACertificate/V1"
ROOT = {
    "KeyAlgorithm": "RSA_2048",
    "SigningAlgorithm": "SHA256WITHRSA",
    "Subject": {"CommonName": "Load Test Root", "Organization": "certmock"},
}
# One pass of the mix: 8 reads, 2 issuances (a private certificate issued, an ACM certificate
# re-imported); each client cycles through it. GetCertificate follows the IssueCertificate
# before it.
MIX = (
    "acm-pca.DescribeCertificateAuthority",
    "acm-pca.IssueCertificate",
    "acm-pca.GetCertificate",
    "acm.ListCertificates",
    "acm-pca.ListCertificateAuthorities",
    "acm.ImportCertificate",
    "acm.DescribeCertificate",
    "rds.DescribeCertificates",
    "acm-pca.DescribeCertificateAuthority",
    "acm-pca.GetCertificateAuthorityCertificate",
)
# Operations not every server serves: probed before the run, dropped from the mix if refused.
PROBED = ("rds.DescribeCertificates",)
GET_ATTEMPTS = 100
"""GetCertificate attempts while the certificate is RequestInProgress (0.02 s apart)."""


class Waitable(Protocol):
    def wait(self, timeout: float | None = None) -> int: ...


class ResultSink(Protocol):
    def put(self, obj: Any, block: bool = True, timeout: float | None = None) -> None: ...

    def get(self, block: bool = True, timeout: float | None = None) -> Any: ...


# ---------------------------------------------------------------------------------------------
# The client side


@dataclass
class ClientResult:
    index: int
    started: float = 0.0
    """``time.perf_counter()`` when the timed calls began (CLOCK_MONOTONIC: comparable
    across processes on Linux)."""
    ended: float = 0.0
    latencies: dict[str, list[float]] = field(default_factory=dict)
    """Seconds per call, by operation."""
    errors: list[str] = field(default_factory=list)
    in_progress_retries: int = 0
    cpu_seconds: float = 0.0
    """CPU the client spent in the timed part (process mode only; threads share one)."""
    setup_error: str | None = None


def _client(url: str, service: str) -> Any:
    # Retries off: a throttled, reset or failed request is an error, not a hidden second try.
    config = Config(
        retries={"total_max_attempts": 1, "mode": "standard"},
        connect_timeout=10,
        read_timeout=60,
    )
    session: Any = boto3.session.Session()  # typed per service name by boto3-stubs
    return session.client(
        service,
        region_name=REGION,
        endpoint_url=url,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        config=config,
    )


def _csr(common_name: str) -> bytes:
    key = ec.generate_private_key(ec.SECP256R1())
    return (
        x509.CertificateSigningRequestBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)]))
        .sign(key, hashes.SHA256())
        .public_bytes(serialization.Encoding.PEM)
    )


def _self_signed(common_name: str) -> tuple[bytes, bytes]:
    """An EC P-256 certificate and its key, for ACM ImportCertificate."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = dt.datetime.now(dt.timezone.utc)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(common_name)]), critical=False)
        .sign(key, hashes.SHA256())
    )
    pem_key = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return certificate.public_bytes(serialization.Encoding.PEM), pem_key


class Workload:
    """One client's calls: its own boto3 clients, root CA and ACM certificate."""

    def __init__(self, url: str, index: int) -> None:
        self.pca = _client(url, "acm-pca")
        self.acm = _client(url, "acm")
        self.rds = _client(url, "rds")
        self.csr = _csr(f"client-{index}.load.example.com")
        self.acm_certificate, self.acm_key = _self_signed(f"acm-{index}.load.example.com")
        self.ca_arn = ""
        self.acm_arn = ""
        self.issued_arn = ""
        self.in_progress_retries = 0
        self.calls: dict[str, Callable[[], object]] = {
            "acm-pca.DescribeCertificateAuthority": lambda: self.pca.describe_certificate_authority(
                CertificateAuthorityArn=self.ca_arn
            ),
            "acm-pca.ListCertificateAuthorities": lambda: self.pca.list_certificate_authorities(
                MaxResults=20
            ),
            "acm-pca.GetCertificateAuthorityCertificate": lambda: (
                self.pca.get_certificate_authority_certificate(CertificateAuthorityArn=self.ca_arn)
            ),
            "acm-pca.IssueCertificate": self.issue,
            "acm-pca.GetCertificate": lambda: self.get_certificate(self.issued_arn),
            "acm.ListCertificates": lambda: self.acm.list_certificates(),
            "acm.ImportCertificate": self.import_acm,
            "acm.DescribeCertificate": lambda: self.acm.describe_certificate(
                CertificateArn=self.acm_arn
            ),
            "rds.DescribeCertificates": lambda: self.rds.describe_certificates(),
        }

    def set_up(self) -> None:
        """An ACTIVE root CA, and an imported ACM certificate (untimed)."""
        self.ca_arn = self.pca.create_certificate_authority(
            CertificateAuthorityConfiguration=ROOT, CertificateAuthorityType="ROOT"
        )["CertificateAuthorityArn"]
        csr = self._ca_csr()
        issued = self.pca.issue_certificate(
            CertificateAuthorityArn=self.ca_arn,
            Csr=csr,
            SigningAlgorithm="SHA256WITHRSA",
            TemplateArn=ROOT_TEMPLATE,
            Validity={"Type": "YEARS", "Value": 10},
        )["CertificateArn"]
        certificate = self.get_certificate(issued)["Certificate"]
        self.pca.import_certificate_authority_certificate(
            CertificateAuthorityArn=self.ca_arn, Certificate=certificate
        )
        self.import_acm()

    def _ca_csr(self) -> str:
        # A CA's CSR may not be ready the instant it is created (AWS: RequestInProgress).
        for _ in range(GET_ATTEMPTS):
            try:
                csr: str = self.pca.get_certificate_authority_csr(
                    CertificateAuthorityArn=self.ca_arn
                )["Csr"]
                return csr
            except self.pca.exceptions.RequestInProgressException:
                time.sleep(0.02)
        raise RuntimeError(f"the CSR of {self.ca_arn} never became ready")

    def issue(self) -> object:
        answer = self.pca.issue_certificate(
            CertificateAuthorityArn=self.ca_arn,
            Csr=self.csr,
            SigningAlgorithm="SHA256WITHRSA",
            Validity={"Type": "DAYS", "Value": 30},
        )
        self.issued_arn = answer["CertificateArn"]
        return answer

    def get_certificate(self, arn: str) -> dict[str, Any]:
        """What botocore's ``certificate_issued`` waiter does, without its 1 s pause: the
        time until the certificate can be read, retries included (counted)."""
        for attempt in range(GET_ATTEMPTS):
            try:
                answer: dict[str, Any] = self.pca.get_certificate(
                    CertificateAuthorityArn=self.ca_arn, CertificateArn=arn
                )
                return answer
            except self.pca.exceptions.RequestInProgressException:
                if attempt + 1 == GET_ATTEMPTS:
                    raise
                self.in_progress_retries += 1
                time.sleep(0.02)
        raise AssertionError("unreachable")

    def import_acm(self) -> object:
        """The first import makes the certificate; later ones re-import it into the same ARN,
        so that the state (and ListCertificates' answer) stays the same size throughout."""
        options = {"CertificateArn": self.acm_arn} if self.acm_arn else {}
        answer = self.acm.import_certificate(
            Certificate=self.acm_certificate, PrivateKey=self.acm_key, **options
        )
        self.acm_arn = answer["CertificateArn"]
        return answer


def run_client(
    url: str,
    index: int,
    calls: int,
    mix: Sequence[str],
    barrier: Waitable,
    sink: ResultSink,
) -> None:
    """One client: set up, warm up with one pass of the mix, wait for the others, then time
    ``calls`` calls. Its ``ClientResult`` goes to ``sink``."""
    result = ClientResult(index)
    try:
        workload = Workload(url, index)
        workload.set_up()
        for operation in mix:
            workload.calls[operation]()
        workload.in_progress_retries = 0
    except Exception as failed:
        result.setup_error = f"{type(failed).__name__}: {failed}"
        # Release the others: the run is void anyway.
        with contextlib.suppress(Exception):
            barrier.wait(timeout=STARTUP_TIMEOUT)
            barrier.wait(timeout=STARTUP_TIMEOUT)
        sink.put(result)
        return
    barrier.wait(timeout=STARTUP_TIMEOUT)  # all set up: the main process looks at the server
    barrier.wait(timeout=STARTUP_TIMEOUT)  # and starts the clock
    latencies: dict[str, list[float]] = {operation: [] for operation in mix}
    cpu_before = resource.getrusage(resource.RUSAGE_SELF)
    result.started = time.perf_counter()
    for number in range(calls):
        operation = mix[(number + index) % len(mix)]  # clients out of step with each other
        call = workload.calls[operation]
        start = time.perf_counter()
        try:
            call()
        except Exception as failed:  # any failure is an error: counted, shown, exit status 1
            result.errors.append(f"{operation}: {type(failed).__name__}: {failed}")
        latencies[operation].append(time.perf_counter() - start)
    result.ended = time.perf_counter()
    cpu_after = resource.getrusage(resource.RUSAGE_SELF)
    result.cpu_seconds = (cpu_after.ru_utime - cpu_before.ru_utime) + (
        cpu_after.ru_stime - cpu_before.ru_stime
    )
    result.latencies = latencies
    result.in_progress_retries = workload.in_progress_retries
    sink.put(result)


class _ListSink:
    def __init__(self) -> None:
        self.results: list[ClientResult] = []
        self._lock = threading.Lock()

    def put(self, obj: Any, block: bool = True, timeout: float | None = None) -> None:
        with self._lock:
            self.results.append(obj)

    def get(self, block: bool = True, timeout: float | None = None) -> Any:
        raise NotImplementedError("read .results")


def run_clients(
    server: Server, clients: int, calls: int, mix: Sequence[str], mode: str
) -> tuple[list[ClientResult], float]:
    """``clients`` clients at once, as processes (each its own interpreter) or threads; their
    results, and the CPU the server spent while they made their timed calls."""
    # One more party than clients: this process, which reads the server's CPU when they start.
    if mode == "thread":
        barrier: Waitable = threading.Barrier(clients + 1)
        sink: ResultSink = _ListSink()
        workers: Sequence[threading.Thread | multiprocessing.process.BaseProcess] = [
            threading.Thread(target=run_client, args=(server.url, i, calls, mix, barrier, sink))
            for i in range(clients)
        ]
    else:
        context = multiprocessing.get_context("spawn")
        barrier = context.Barrier(clients + 1)
        sink = context.Queue()
        workers = [
            context.Process(target=run_client, args=(server.url, i, calls, mix, barrier, sink))
            for i in range(clients)
        ]
    for worker in workers:
        worker.start()
    # Twice: once all are set up and warmed up (py-spy, if asked, then attaches), then to go.
    barrier.wait(timeout=STARTUP_TIMEOUT * 2)
    sampler = None
    if server.profile is not None:
        sampler = _sample(server.process.pid, server.profile / f"{server.name}.txt")
        time.sleep(1.0)  # py-spy attached before the timed calls start
    barrier.wait(timeout=STARTUP_TIMEOUT)
    before = server.cpu_seconds()
    overflows = listen_overflows()
    if isinstance(sink, _ListSink):
        for worker in workers:
            worker.join()
        results = list(sink.results)
    else:
        results = [sink.get(timeout=3600) for _ in workers]
    used = server.cpu_seconds() - before
    server.listen_overflows = listen_overflows() - overflows
    if sampler is not None:
        sampler.send_signal(signal.SIGINT)  # py-spy writes its file when interrupted
        sampler.wait(timeout=60)
    for worker in workers:
        worker.join()
    return sorted(results, key=lambda result: result.index), used


# ---------------------------------------------------------------------------------------------
# The servers


@dataclass
class Server:
    name: str
    url: str
    process: subprocess.Popen[str]
    profile: Path | None = None
    """Where py-spy writes the samples of the timed part (collapsed stacks), if anywhere."""
    listen_overflows: int = 0
    """Listen queue overflows on the machine while the clients made their timed calls."""

    def cpu_seconds(self) -> float:
        """User and system CPU of the server process (all its threads), from /proc."""
        try:
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return float("nan")
        ticks = os.sysconf("SC_CLK_TCK")
        return (int(fields[11]) + int(fields[12])) / ticks  # utime, stime


def listen_overflows() -> int:
    """Linux's count of connections dropped because a listen queue was full (all sockets:
    a dropped SYN costs its client a 1 s retransmission)."""
    try:
        lines = Path("/proc/net/netstat").read_text().splitlines()
    except OSError:
        return 0
    for names, values in zip(lines[::2], lines[1::2], strict=False):
        if names.startswith("TcpExt:"):
            counters = dict(zip(names.split()[1:], values.split()[1:], strict=False))
            return int(counters.get("ListenOverflows", 0))
    return 0


def _drain(stream: Any) -> None:
    threading.Thread(target=lambda: [None for _ in stream], daemon=True).start()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_for_port(port: int, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with status {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
            return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listened on port {port} within {STARTUP_TIMEOUT:.0f} s")


@contextlib.contextmanager
def serving(name: str, profile: Path | None = None) -> Iterator[Server]:
    """The server called ``name`` in a subprocess of its own, stopped afterwards; with
    ``profile``, py-spy samples its timed part into ``profile/NAME.txt``."""
    environment = dict(os.environ)
    # The servers' standard error goes to a file, shown if the server fails to start (moto's
    # server also logs every request there, as it does for its users).
    with tempfile.TemporaryFile("w+") as log:
        if name == MOTO:
            port = _free_port()
            command = [sys.executable, "-m", "moto.server", "-p", str(port)]
            environment["MOTO_PORT"] = str(port)
            process = subprocess.Popen(
                command, stdout=subprocess.DEVNULL, stderr=log, text=True, env=environment
            )
        else:
            command = [sys.executable, "-m", "certmock", "serve", "--port", "0", "--server", name]
            process = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=log, text=True, env=environment
            )
        try:
            if name == MOTO:
                _wait_for_port(port, process)
                url = f"http://127.0.0.1:{port}"
            else:
                assert process.stdout is not None
                line = process.stdout.readline()
                prefix = "certmock serving on "
                if not line.startswith(prefix):
                    log.seek(0)
                    said = log.read()[-2000:]
                    raise RuntimeError(f"certmock serve --server {name} did not start: {said}")
                url = line[len(prefix) :].strip()
                _drain(process.stdout)
            yield Server(name, url, process, profile)
        finally:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


def _sample(pid: int, output: Path) -> subprocess.Popen[bytes]:
    """py-spy sampling the threads of ``pid`` that hold the GIL: where its CPU goes."""
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    output.parent.mkdir(parents=True, exist_ok=True)
    command = [spy, "record", "--pid", str(pid), "--format", "raw", "--rate", "250", "--gil"]
    sampler = subprocess.Popen(
        [*command, "--output", str(output), "--nonblocking"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return sampler


def refused_operations(server: Server) -> dict[str, str]:
    """The probed operations ``server`` does not serve, each with what it answered."""
    refused: dict[str, str] = {}
    for operation in PROBED:
        service, name = operation.split(".")
        client = _client(server.url, service)
        method = getattr(client, _reverse_mapping(client)[name])
        try:
            method()
        except Exception as failed:  # moto answers an HTML 500 botocore cannot parse
            refused[operation] = f"{type(failed).__name__}: {failed}"
    return refused


def _reverse_mapping(client: Any) -> dict[str, str]:
    return {api: method for method, api in client.meta.method_to_api_mapping.items()}


# ---------------------------------------------------------------------------------------------
# Figures


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile of ``values`` (not empty)."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(fraction * len(ordered) + 0.5)))
    return ordered[rank - 1]


@dataclass
class Figures:
    calls: int
    errors: int
    seconds: float
    throughput: float
    p50_ms: float
    p99_ms: float
    max_ms: float
    server_cpu_ms_per_call: float
    client_cpu_ms_per_call: float
    in_progress_retries: int
    listen_overflows: int
    operations: dict[str, dict[str, float]]
    error_samples: list[str]


def figures(
    results: Sequence[ClientResult], server_cpu: float, overflows: int, mode: str
) -> Figures:
    every: list[float] = []
    by_operation: dict[str, list[float]] = {}
    for result in results:
        for operation, values in result.latencies.items():
            every.extend(values)
            by_operation.setdefault(operation, []).extend(values)
    calls = len(every)
    errors = [error for result in results for error in result.errors]
    seconds = max(r.ended for r in results) - min(r.started for r in results)
    client_cpu = sum(r.cpu_seconds for r in results) if mode == "process" else float("nan")
    operations = {
        operation: {
            "calls": len(values),
            "p50_ms": percentile(values, 0.50) * 1000,
            "p99_ms": percentile(values, 0.99) * 1000,
            "max_ms": max(values) * 1000,
        }
        for operation, values in sorted(by_operation.items())
        if values
    }
    return Figures(
        calls=calls,
        errors=len(errors),
        seconds=seconds,
        throughput=calls / seconds if seconds > 0 else float("nan"),
        p50_ms=percentile(every, 0.50) * 1000,
        p99_ms=percentile(every, 0.99) * 1000,
        max_ms=max(every) * 1000,
        server_cpu_ms_per_call=server_cpu / calls * 1000,
        client_cpu_ms_per_call=client_cpu / calls * 1000,
        in_progress_retries=sum(r.in_progress_retries for r in results),
        listen_overflows=overflows,
        operations=operations,
        error_samples=sorted(set(errors))[:10],
    )


def measure(name: str, options: argparse.Namespace, mix: Sequence[str]) -> Figures:
    with serving(name, options.profile) as server:
        results, server_cpu = run_clients(server, options.clients, options.calls, mix, options.mode)
    failed = [r.setup_error for r in results if r.setup_error]
    if failed:
        raise RuntimeError(f"{name}: a client's setup failed: {failed[0]}")
    return figures(results, server_cpu, server.listen_overflows, options.mode)


def _ratio(numerator: float, denominator: float) -> str:
    if denominator == 0 or denominator != denominator or numerator != numerator:
        return "-"
    return f"{numerator / denominator:.2f}x"


def _number(value: float, digits: int = 1) -> str:
    return "-" if value != value else f"{value:,.{digits}f}"


ROWS: tuple[tuple[str, str, int], ...] = (
    ("calls", "calls", 0),
    ("errors", "errors", 0),
    ("throughput (calls/s)", "throughput", 0),
    ("p50 latency (ms)", "p50_ms", 1),
    ("p99 latency (ms)", "p99_ms", 1),
    ("max latency (ms)", "max_ms", 1),
    ("server CPU per call (ms)", "server_cpu_ms_per_call", 2),
    ("client CPU per call (ms)", "client_cpu_ms_per_call", 2),
    ("GetCertificate retries (in progress)", "in_progress_retries", 0),
    ("listen queue overflows (machine)", "listen_overflows", 0),
)


UNRATIOED = frozenset({"calls", "errors", "in_progress_retries", "listen_overflows"})


def table(results: dict[str, Figures]) -> str:
    """Servers side by side, then moto's figure over each certmock server's."""
    names = list(results)
    certmocks = [name for name in names if name != MOTO]
    ratio_columns = [f"{MOTO}/{name}" for name in certmocks] if MOTO in results else []
    lines = [
        "| | " + " | ".join(names + ratio_columns) + " |",
        "|---|" + "---:|" * (len(names) + len(ratio_columns)),
    ]
    for label, key, digits in ROWS:
        cells = [_number(float(getattr(results[name], key)), digits) for name in names]
        if ratio_columns and key not in (
            "calls",
            "errors",
            "in_progress_retries",
            "listen_overflows",
        ):
            moto = float(getattr(results[MOTO], key))
            cells += [_ratio(moto, float(getattr(results[name], key))) for name in certmocks]
        else:
            cells += [""] * len(ratio_columns)
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines += ["", "p50 / p99 latency per operation (ms):", ""]
    lines.append("| operation | " + " | ".join(names + ratio_columns) + " |")
    lines.append("|---|" + "---:|" * (len(names) + len(ratio_columns)))
    operations = sorted({op for figures in results.values() for op in figures.operations})
    for operation in operations:
        cells = []
        for name in names:
            figures_ = results[name].operations.get(operation)
            cells.append(
                "-" if figures_ is None else f"{figures_['p50_ms']:.1f} / {figures_['p99_ms']:.1f}"
            )
        for name in certmocks if ratio_columns else []:
            moto_op = results[MOTO].operations.get(operation)
            ours = results[name].operations.get(operation)
            cells.append(
                "-"
                if moto_op is None or ours is None
                else _ratio(moto_op["p50_ms"], ours["p50_ms"])
            )
        lines.append(f"| {operation} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _median_figures(rounds: Sequence[Figures]) -> Figures:
    """Each figure's median over the rounds (errors and calls summed)."""
    if len(rounds) == 1:
        return rounds[0]

    def median(key: str) -> float:
        return statistics.median(float(getattr(r, key)) for r in rounds)

    operations: dict[str, dict[str, float]] = {}
    for operation in rounds[0].operations:
        operations[operation] = {
            key: statistics.median(r.operations[operation][key] for r in rounds)
            for key in rounds[0].operations[operation]
        }
    return Figures(
        calls=sum(r.calls for r in rounds),
        errors=sum(r.errors for r in rounds),
        seconds=median("seconds"),
        throughput=median("throughput"),
        p50_ms=median("p50_ms"),
        p99_ms=median("p99_ms"),
        max_ms=max(r.max_ms for r in rounds),
        server_cpu_ms_per_call=median("server_cpu_ms_per_call"),
        client_cpu_ms_per_call=median("client_cpu_ms_per_call"),
        in_progress_retries=sum(r.in_progress_retries for r in rounds),
        listen_overflows=sum(r.listen_overflows for r in rounds),
        operations=operations,
        error_samples=sorted({e for r in rounds for e in r.error_samples})[:10],
    )


def environment() -> dict[str, Any]:
    def version(package: str) -> str:
        try:
            return metadata.version(package)
        except metadata.PackageNotFoundError:
            return "not installed"

    return {
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg(),
        "versions": {
            package: version(package)
            for package in (
                "certmock",
                "moto",
                "boto3",
                "botocore",
                "cryptography",
                "cheroot",
                "waitress",
                "werkzeug",
                "flask",
            )
        },
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (8)")
    parser.add_argument("--calls", type=int, default=500, help="timed calls per client (500)")
    parser.add_argument(
        "--servers",
        default=",".join((*CERTMOCK_SERVERS, MOTO)),
        help="comma-separated, of cheroot, waitress, wsgiref (certmock's) and moto",
    )
    parser.add_argument("--rounds", type=int, default=1, help="runs of every server (1)")
    parser.add_argument(
        "--client-mode",
        dest="mode",
        choices=("process", "thread"),
        default="process",
        help="clients as processes (default: their botocore work shares no GIL) or threads",
    )
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument(
        "--profile",
        type=Path,
        metavar="DIR",
        help="sample each server with py-spy into DIR/SERVER.txt (collapsed stacks)",
    )
    options = parser.parse_args(argv)
    names = [name.strip() for name in options.servers.split(",") if name.strip()]
    unknown = set(names) - {*CERTMOCK_SERVERS, MOTO}
    if unknown or not names:
        parser.error(f"unknown servers {sorted(unknown)}; choose from cheroot, waitress, ...")

    mix = list(MIX)
    dropped: dict[str, dict[str, str]] = {}
    # certmock's servers host one application: probing one of them is enough.
    probed = [MOTO] if MOTO in names else []
    probed += [name for name in names if name != MOTO][:1]
    for name in probed:
        with serving(name) as server:
            for operation, answer in refused_operations(server).items():
                dropped.setdefault(operation, {})[name] = answer
    mix = [operation for operation in MIX if operation not in dropped]
    print(
        f"{options.clients} clients ({options.mode} mode) x {options.calls} calls, "
        f"{options.rounds} round(s); mix of {len(mix)}: {', '.join(mix)}",
        flush=True,
    )
    for operation, refusals in dropped.items():
        for name, answer in refusals.items():
            print(f"dropped {operation}: {name} does not serve it ({answer[:120]})", flush=True)

    rounds: list[dict[str, Figures]] = []
    for number in range(options.rounds):
        # Each round starts with the next server, so drift on the machine hits all alike.
        order = names[number % len(names) :] + names[: number % len(names)]
        measured: dict[str, Figures] = {}
        for name in order:
            measured[name] = measure(name, options, mix)
            print(
                f"round {number + 1} {name}: {measured[name].throughput:,.0f} calls/s, "
                f"p50 {measured[name].p50_ms:.1f} ms, p99 {measured[name].p99_ms:.1f} ms, "
                f"{measured[name].errors} errors",
                flush=True,
            )
        rounds.append({name: measured[name] for name in names})

    summary = {name: _median_figures([r[name] for r in rounds]) for name in names}
    about = environment()
    print()
    print(
        f"{options.clients} clients x {options.calls} calls, {options.mode} clients, "
        f"{about['date']}, Python {about['python']}, {about['cpus']} CPUs"
        + (f", median of {options.rounds} rounds" if options.rounds > 1 else "")
    )
    print()
    print(table(summary))
    errors = sum(figures_.errors for figures_ in summary.values())
    for name, figures_ in summary.items():
        for sample in figures_.error_samples:
            print(f"{name} error: {sample}", file=sys.stderr)
    if options.json is not None:
        document = {
            "benchmark": "bench_server",
            "environment": about,
            "clients": options.clients,
            "calls_per_client": options.calls,
            "client_mode": options.mode,
            "mix": mix,
            "dropped": dropped,
            "rounds": [{name: asdict(f) for name, f in r.items()} for r in rounds],
            "summary": {name: asdict(f) for name, f in summary.items()},
            "errors": errors,
        }
        options.json.write_text(json.dumps(document, indent=2) + "\n")
    if errors:
        print(f"{errors} errors", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
