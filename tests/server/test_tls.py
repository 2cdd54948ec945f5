"""``serve --tls``: HTTPS with a certificate from certmock's own CA, trusted through the bundle."""

from __future__ import annotations

import socket
import ssl
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from botocore.exceptions import SSLError
from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID

from certmock.remote import Remote, serve
from certmock.server import tls
from tests.server.clients import client


@pytest.fixture(scope="module")
def remote() -> Iterator[Remote]:
    with serve("--tls") as running:
        yield running


def _address(remote: Remote) -> tuple[str, int]:
    parts = urlsplit(remote.url)
    assert parts.hostname is not None
    assert parts.port is not None
    return parts.hostname, parts.port


def _served_certificate(remote: Remote, server_hostname: str) -> x509.Certificate:
    """The certificate the server presents, after ``ssl`` verified it for that name."""
    assert remote.ca_bundle is not None
    context = ssl.create_default_context(cafile=remote.ca_bundle)
    with (
        socket.create_connection(_address(remote), timeout=10) as raw,
        context.wrap_socket(raw, server_hostname=server_hostname) as secured,
    ):
        der = secured.getpeercert(binary_form=True)
    assert der is not None
    return x509.load_der_x509_certificate(der)


def test_the_server_speaks_https_and_prints_its_ca_bundle(remote: Remote) -> None:
    assert remote.url.startswith("https://")
    assert remote.ca_bundle is not None
    assert Path(remote.ca_bundle).read_text().startswith("-----BEGIN CERTIFICATE-----")


@pytest.mark.parametrize(
    ("service", "call"),
    [
        ("acm-pca", lambda c: c.list_certificate_authorities()["CertificateAuthorities"]),
        ("acm", lambda c: c.list_certificates()["CertificateSummaryList"]),
    ],
)
def test_boto3_trusting_the_bundle_is_served(remote: Remote, service: str, call: Any) -> None:
    assert isinstance(call(client(remote, service)), list)


def test_a_client_without_the_bundle_fails_certificate_verification(
    remote: Remote, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("AWS_CA_BUNDLE", raising=False)
    untrusting = Remote(remote.url)  # no ca_bundle: boto3 falls back to its default roots
    with pytest.raises(SSLError, match="CERTIFICATE_VERIFY_FAILED"):
        client(untrusting, "acm").list_certificates()


@pytest.mark.parametrize("name", ["localhost", "127.0.0.1"])
def test_the_served_certificate_verifies_for_the_loopback_names(remote: Remote, name: str) -> None:
    _served_certificate(remote, name)  # ssl checks the chain and the name


def test_the_served_certificate_is_a_server_certificate_issued_by_the_bundle(
    remote: Remote,
) -> None:
    assert remote.ca_bundle is not None
    ca = x509.load_pem_x509_certificate(Path(remote.ca_bundle).read_bytes())
    served = _served_certificate(remote, "localhost")
    served.verify_directly_issued_by(ca)
    names = served.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert "localhost" in names.get_values_for_type(x509.DNSName)
    assert {str(ip) for ip in names.get_values_for_type(x509.IPAddress)} >= {"127.0.0.1", "::1"}
    usages = served.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert list(usages) == [ExtendedKeyUsageOID.SERVER_AUTH]
    assert not served.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    assert ca.extensions.get_extension_for_class(x509.BasicConstraints).value.ca


def test_the_remote_handle_talks_https_to_the_control_api(remote: Remote) -> None:
    assert remote.health()["status"] == "ok"
    remote.clock.now()


def test_the_key_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    files, bundle = tls.serving_files(tmp_path, "127.0.0.1")
    assert stat.S_IMODE(Path(files.key).stat().st_mode) == 0o600
    assert {Path(files.certificate).parent, Path(files.key).parent, bundle.parent} == {tmp_path}


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("127.0.0.1", ["IP:127.0.0.1", "DNS:localhost", "IP:::1"]),
        ("certmock.internal", ["DNS:certmock.internal", "DNS:localhost", "IP:127.0.0.1", "IP:::1"]),
        ("192.0.2.7", ["IP:192.0.2.7", "DNS:localhost", "IP:127.0.0.1", "IP:::1"]),
        ("0.0.0.0", ["DNS:localhost", "IP:127.0.0.1", "IP:::1"]),
    ],
)
def test_the_certificate_names_the_listening_host_and_the_loopback_names(
    host: str, expected: list[str]
) -> None:
    names = tls.subject_alternative_names(host)
    shown = [f"DNS:{n.value}" if isinstance(n, x509.DNSName) else f"IP:{n.value}" for n in names]
    assert shown == expected


def test_wsgiref_serves_tls_even_while_a_connection_sits_idle() -> None:
    with (
        serve("--tls", "--server", "wsgiref") as remote,
        # A client that connects and never starts the handshake must not stall the others.
        socket.create_connection(_address(remote), timeout=10),
    ):
        assert client(remote, "acm").list_certificates()["CertificateSummaryList"] == []


def test_waitress_refuses_tls_with_a_clear_message() -> None:
    command = [sys.executable, "-m", "certmock", "serve", "--port", "0", "--tls"]
    finished = subprocess.run(
        [*command, "--server", "waitress"], capture_output=True, text=True, timeout=120
    )
    assert finished.returncode == 2
    assert "waitress cannot serve TLS; use --server cheroot or wsgiref" in finished.stderr
