"""Running clients nobody here wrote (the AWS CLI, Node's SDK, Ansible) against a certmock
server, in subprocesses, as their users run them.

Each test that needs one skips when it is not installed, so the ordinary test legs pass without
them. The ``tests-clients`` and ``clients-ansible`` nox sessions install them and set
``CERTMOCK_REQUIRE_CLIENTS=1``: there a missing client fails the run instead of skipping it,
so a session that silently tested nothing cannot pass.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NoReturn

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from certmock.remote import Remote

REQUIRED = os.environ.get("CERTMOCK_REQUIRE_CLIENTS") == "1"
SECRET = "testing"


def unavailable(reason: str) -> NoReturn:
    """Skip the test, or fail it where the clients were meant to be installed."""
    if REQUIRED:
        pytest.fail(f"{reason} (CERTMOCK_REQUIRE_CLIENTS=1: this session installs it)")
    pytest.skip(reason)


def environment(remote: Remote, account: str, region: str = "eu-west-1") -> dict[str, str]:
    """A clean environment for a client process: the server's endpoint, credentials whose
    12-digit access key id names ``account`` (so each test has an account of its own on the
    session's shared server), and no configuration file of the user's."""
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT")
    env = {name: os.environ[name] for name in keep if name in os.environ}
    env.update(remote.client_environment(region))
    env.update(
        AWS_ACCESS_KEY_ID=account,
        AWS_SECRET_ACCESS_KEY=SECRET,
        AWS_CONFIG_FILE=os.devnull,
        AWS_SHARED_CREDENTIALS_FILE=os.devnull,
        AWS_EC2_METADATA_DISABLED="true",
        AWS_PAGER="",
    )
    return env


def run(
    command: Sequence[str],
    env: Mapping[str, str],
    *,
    cwd: Path | None = None,
    timeout: float = 180,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(command),
        env=dict(env),
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def explain(done: subprocess.CompletedProcess[str]) -> str:
    """What a failed command said, for an assertion message."""
    return (
        f"{' '.join(done.args)} exited {done.returncode}\n"
        f"stdout: {done.stdout[-3000:]}\nstderr: {done.stderr[-3000:]}"
    )


def rsa_key() -> rsa.RSAPrivateKey:
    # RSA: ACM refuses to import a certificate whose key algorithm differs from its
    # issuer's, and the CAs these tests create are RSA.
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def csr(key: rsa.RSAPrivateKey, dns_name: str) -> bytes:
    """A PEM CSR for ``dns_name`` (subject common name and DNS subject alternative name)."""
    request = (
        x509.CertificateSigningRequestBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, dns_name)]))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(dns_name)]), critical=False)
        .sign(key, hashes.SHA256())
    )
    return request.public_bytes(serialization.Encoding.PEM)


def private_pem(key: rsa.RSAPrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def certificates(pem: str) -> list[x509.Certificate]:
    return x509.load_pem_x509_certificates(pem.encode())
