"""``--tls``: a root CA and a server certificate made for one run of the server.

Both come from certmock's own PKI (``certmock.pki``): an EC P-256 root CA, self-signed as the
RootCACertificate/V1 template makes a CA certificate, and a server certificate it issues for
the host the server listens on and every loopback name (``localhost``, ``127.0.0.1``,
``::1``), with extendedKeyUsage serverAuth. Clients trust the root through the CA bundle
(``AWS_CA_BUNDLE``, boto3's ``verify=``).

Their dates come from the real clock, not the emulator's: TLS clients check a certificate
against their own wall clock, and ``--now 2020-01-01T00:00:00Z`` must not leave the server
with a certificate its clients call expired. The keys live only in the run's directory.
"""

from __future__ import annotations

import datetime as _dt
import ipaddress
import os
import secrets
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import ExtendedKeyUsageOID

from certmock.pki.certs import new_serial, pem, root_ca_extensions, sign_certificate
from certmock.pki.csr import build_csr, key_usage
from certmock.pki.keys import PrivateKey, generate_private_key
from certmock.pki.names import x509_name
from certmock.server.hosting import TLSFiles

KEY_ALGORITHM = "EC_prime256v1"
SIGNING_ALGORITHM = "SHA256WITHECDSA"
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
SERVER_VALIDITY = _dt.timedelta(days=397)
"""The longest validity browsers and Apple platforms accept for a TLS server certificate."""
CA_VALIDITY = _dt.timedelta(days=398)
BACKDATE = _dt.timedelta(hours=1)
"""Dated an hour back, so a client whose clock runs a little behind still accepts them."""
# Addresses that mean "every interface": no client connects to them by that name.
_WILDCARD_ADDRESSES = ("0.0.0.0", "::", "")


def serving_files(directory: Path, host: str) -> tuple[TLSFiles, Path]:
    """Write a fresh CA and a server certificate for ``host`` into ``directory``: the server's
    certificate and key files (the key readable by its owner only) and the CA bundle path."""
    now = _dt.datetime.now(_dt.timezone.utc)
    ca_key = generate_private_key(KEY_ALGORITHM)
    ca_certificate = _root_ca(ca_key, now)
    server_key = generate_private_key(KEY_ALGORITHM)
    server_certificate = _server_certificate(server_key, ca_key, ca_certificate, host, now)

    bundle = directory / "ca.pem"
    bundle.write_text(pem(ca_certificate))
    certificate_file = directory / "server.pem"
    # The chain a server sends: its own certificate, then the CA that issued it.
    certificate_file.write_text(pem(server_certificate) + pem(ca_certificate))
    key_file = directory / "server.key"
    _write_private(key_file, _key_pem(server_key))
    return TLSFiles(str(certificate_file), str(key_file)), bundle


def subject_alternative_names(host: str) -> list[x509.GeneralName]:
    """The names the server certificate is valid for: ``host`` (unless it is a wildcard
    address) and the loopback names, each once, IP addresses as IP addresses."""
    names: list[x509.GeneralName] = []
    for name in (host, *LOOPBACK_NAMES):
        if name in _WILDCARD_ADDRESSES:
            continue
        general = _general_name(name)
        if general not in names:
            names.append(general)
    return names


def _general_name(name: str) -> x509.GeneralName:
    try:
        return x509.IPAddress(ipaddress.ip_address(name.strip("[]")))
    except ValueError:
        return x509.DNSName(name.lower())


def _root_ca(key: PrivateKey, now: _dt.datetime) -> x509.Certificate:
    subject = {"Organization": "certmock", "CommonName": "certmock serve --tls local CA"}
    csr = build_csr(key, x509_name(subject), SIGNING_ALGORITHM)
    return sign_certificate(
        csr=csr,
        issuer_key=key,
        issuer_certificate=None,
        signing_algorithm=SIGNING_ALGORITHM,
        serial=new_serial(secrets.randbits),
        not_before=now - BACKDATE,
        not_after=now + CA_VALIDITY,
        # A CA that signs server certificates only: no intermediate below it.
        extensions=root_ca_extensions(path_length=0),
    )


def _server_certificate(
    key: PrivateKey,
    ca_key: PrivateKey,
    ca_certificate: x509.Certificate,
    host: str,
    now: _dt.datetime,
) -> x509.Certificate:
    names = subject_alternative_names(host)
    first_dns = next((n.value for n in names if isinstance(n, x509.DNSName)), "localhost")
    csr = build_csr(
        key, x509_name({"Organization": "certmock", "CommonName": first_dns}), SIGNING_ALGORITHM
    )
    extensions: list[tuple[x509.ExtensionType, bool]] = [
        (x509.BasicConstraints(ca=False, path_length=None), True),
        (key_usage({"DigitalSignature": True}), True),
        (x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), False),
        # Non-critical: the subject names a host as well (RFC 5280 4.2.1.6).
        (x509.SubjectAlternativeName(names), False),
    ]
    return sign_certificate(
        csr=csr,
        issuer_key=ca_key,
        issuer_certificate=ca_certificate,
        signing_algorithm=SIGNING_ALGORITHM,
        serial=new_serial(secrets.randbits),
        not_before=now - BACKDATE,
        not_after=now + SERVER_VALIDITY,
        extensions=extensions,
    )


def _key_pem(key: PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _write_private(path: Path, data: bytes) -> None:
    """Create ``path`` readable and writable by its owner only, before any byte is written."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(data)
