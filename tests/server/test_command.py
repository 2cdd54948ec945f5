"""``python -m certmock serve`` as a process: its options, its first line, its limits, and how
it stops; and HTTP that no AWS SDK would send."""

from __future__ import annotations

import json
import re
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
import urllib3

from certmock.protocols.base import REQUEST_TOO_LARGE
from certmock.remote import Remote, serve
from certmock.server.cli import DEFAULT_PORT
from certmock.server.hosting import HOSTS
from tests.server.clients import client

SERVING = re.compile(r"certmock serving on http://127\.0\.0\.1:(\d+)\n")


def _start(*options: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "certmock", "serve", "--port", "0", *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_help_names_every_option_and_the_default_port() -> None:
    shown = subprocess.run(
        [sys.executable, "-m", "certmock", "serve", "--help"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for option in (
        "--host",
        "--port",
        "--now",
        "--seed",
        "--account-id",
        "--realistic",
        "--tls",
        "--state",
        "--verify-signatures",
        "--server",
    ):
        assert option in shown
    assert str(DEFAULT_PORT) in shown


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_the_first_line_gives_the_real_port_and_a_signal_stops_it_cleanly(stop: int) -> None:
    process = _start()
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        served = SERVING.fullmatch(first)
        assert served, first
        port = int(served.group(1))
        assert port != 0
        health = urllib3.request("GET", f"http://127.0.0.1:{port}/_certmock/health")
        assert health.status == 200
        process.send_signal(stop)
        _, errors = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0
    assert "certmock stopped" in errors


@pytest.mark.parametrize(
    ("options", "said"),
    [
        (("--now", "yesterday"), "not an ISO-8601 date-time"),
        (("--account-id", "12"), "account_id must be 12 digits"),
        (("--credentials", "AKID:secret"), "--credentials is for --verify-signatures"),
        (("--verify-signatures", "--credentials", "no-colon"), "KEY_ID:SECRET"),
    ],
)
def test_refused_options_exit_2_with_a_reason(options: tuple[str, ...], said: str) -> None:
    process = _start(*options)
    out, errors = process.communicate(timeout=60)
    assert process.returncode == 2
    assert out == ""
    assert said in errors


def test_listening_beyond_loopback_warns() -> None:
    process = _start("--host", "0.0.0.0")
    try:
        assert process.stdout is not None
        assert process.stdout.readline().startswith("certmock serving on http://0.0.0.0:")
        process.send_signal(signal.SIGTERM)
        _, errors = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert "WARNING: listening on 0.0.0.0" in errors


@pytest.mark.parametrize("server", sorted(HOSTS))
def test_every_http_server_serves_the_same_answers(server: str) -> None:
    with serve("--server", server, "--seed", "3") as remote:
        rds = client(remote, "rds")
        certificates = rds.describe_certificates()["Certificates"]
        assert certificates
        assert remote.calls[-1].operation == "DescribeCertificates"


@pytest.fixture(scope="module")
def small() -> Iterator[Remote]:
    """A server whose body limit is 2 KiB."""
    with serve("--max-body", "2048") as remote:
        yield remote


def _raw(remote: Remote, request: bytes) -> tuple[int, bytes]:
    host, port = remote.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as connection:
        connection.sendall(request)
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), body


ACM_TARGET = b"X-Amz-Target: CertificateManager.ListCertificates\r\n"


def test_a_body_over_the_limit_is_refused_unread(small: Remote) -> None:
    status, body = _raw(
        small,
        b"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.1\r\n"
        + ACM_TARGET
        + b"Content-Length: 999999999\r\nConnection: close\r\n\r\n",
    )
    assert status == 413
    assert json.loads(body)["__type"] == REQUEST_TOO_LARGE


def test_a_chunked_body_over_the_limit_is_refused(small: Remote) -> None:
    chunk = b"x" * 4096
    status, body = _raw(
        small,
        b"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.1\r\n"
        + ACM_TARGET
        + b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        + f"{len(chunk):x}\r\n".encode()
        + chunk
        + b"\r\n0\r\n\r\n",
    )
    assert status == 413
    assert json.loads(body)["__type"] == REQUEST_TOO_LARGE


@pytest.mark.parametrize(
    "garbage",
    [
        b"NOT HTTP AT ALL\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost x\r\n\r\n",
        b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\n",
    ],
)
def test_malformed_http_gets_a_4xx(small: Remote, garbage: bytes) -> None:
    status, _ = _raw(small, garbage)
    assert 400 <= status < 500


def test_an_unplaceable_request_gets_an_error_saying_how_requests_are_routed(
    small: Remote,
) -> None:
    status, body = _raw(small, b"GET /whatever HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    assert status == 400
    answer: dict[str, Any] = json.loads(body)
    assert answer["__type"] == "UnknownOperationException"
    assert "credential scope" in answer["message"]
