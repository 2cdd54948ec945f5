"""Ansible's ACM modules (``community.aws.acm_certificate`` and ``acm_certificate_info``, from
the ``ansible`` package) against a certmock server: ``ansible/acm_roundtrip.yml`` imports a
certificate, reads it back, deletes it, and writes what each task returned. ``ansible`` is
large (about 440 MB of collections), so only the ``clients-ansible`` nox session installs it;
elsewhere these tests skip."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from certmock.remote import Remote
from tests.server.clients import client
from tests.server.outside_clients import (
    environment,
    explain,
    private_pem,
    rsa_key,
    run,
    unavailable,
)

PLAYBOOK = Path(__file__).parent / "ansible" / "acm_roundtrip.yml"
ACCOUNT = "444400000001"  # this module's own account on the shared server
REGION = "eu-west-1"
DNS_NAME = "ansible.example.com"
NAME_TAG = "certmock-ansible"


def _certificate(
    subject: str, key: rsa.RSAPrivateKey, issuer: x509.Certificate | None, signer: Any
) -> x509.Certificate:
    now = dt.datetime.now(dt.timezone.utc)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)])
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(issuer.subject if issuer is not None else name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=90))
        .add_extension(x509.BasicConstraints(ca=issuer is None, path_length=None), critical=True)
    )
    if issuer is not None:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.DNSName(subject)]), critical=False
        )
    return builder.sign(signer, hashes.SHA256())


def _pem(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.PEM)


@pytest.fixture(scope="module")
def results(certmock_server: Remote, tmp_path_factory: pytest.TempPathFactory) -> Any:
    if importlib.util.find_spec("ansible") is None or (
        importlib.util.find_spec("ansible_collections.community.aws") is None
    ):
        unavailable("ansible (with community.aws) is not installed: nox -s clients-ansible")
    playbook = Path(sys.executable).parent / "ansible-playbook"
    if not playbook.exists():
        unavailable(f"no ansible-playbook beside {sys.executable}")
    workdir = tmp_path_factory.mktemp("ansible")
    ca_key, leaf_key = rsa_key(), rsa_key()
    ca = _certificate("certmock ansible test CA", ca_key, None, ca_key)
    leaf = _certificate(DNS_NAME, leaf_key, ca, ca_key)
    files = {
        "certificate_file": _pem(leaf),
        "key_file": private_pem(leaf_key),
        "chain_file": _pem(ca),
    }
    extra: dict[str, str] = {
        "endpoint": certmock_server.url,
        "region": REGION,
        "name_tag": NAME_TAG,
        "results_file": str(workdir / "results.json"),
        "ansible_python_interpreter": sys.executable,
    }
    for variable, content in files.items():
        (workdir / variable).write_bytes(content)
        extra[variable] = str(workdir / variable)
    env = environment(certmock_server, ACCOUNT, REGION)
    env.update(
        ANSIBLE_HOME=str(workdir / "home"),
        ANSIBLE_LOCAL_TEMP=str(workdir / "tmp"),
        ANSIBLE_NOCOLOR="1",
        ANSIBLE_LOCALHOST_WARNING="false",
        ANSIBLE_INVENTORY_UNPARSED_WARNING="false",
    )
    done = run(
        [str(playbook), "-i", "localhost,", "-e", json.dumps(extra), str(PLAYBOOK)],
        env,
        cwd=workdir,
        timeout=300,
    )
    assert done.returncode == 0, explain(done)
    return {
        "steps": json.loads((workdir / "results.json").read_text()),
        "leaf": leaf,
        "ca": ca,
    }


def test_the_import_creates_a_certificate_and_repeating_it_changes_nothing(results: Any) -> None:
    steps = results["steps"]
    assert steps["imported"]["changed"] is True
    assert steps["imported_again"]["changed"] is False
    assert steps["imported_again"]["certificate"]["arn"] == steps["imported"]["certificate"]["arn"]
    assert f":{ACCOUNT}:" in steps["imported"]["certificate"]["arn"]


@pytest.mark.parametrize("lookup", ["by_arn", "by_tag"])
def test_acm_certificate_info_reads_back_what_was_imported(results: Any, lookup: str) -> None:
    steps = results["steps"]
    [found] = steps[lookup]["certificates"]
    assert found["certificate_arn"] == steps["imported"]["certificate"]["arn"]
    assert found["domain_name"] == DNS_NAME
    assert found["type"] == "IMPORTED"
    assert found["tags"] == {"Name": NAME_TAG}
    assert int(found["serial"].replace(":", ""), 16) == results["leaf"].serial_number
    assert x509.load_pem_x509_certificate(found["certificate"].encode()) == results["leaf"]
    assert x509.load_pem_x509_certificates(found["certificate_chain"].encode()) == [results["ca"]]


def test_the_deleted_certificate_is_gone(certmock_server: Remote, results: Any) -> None:
    steps = results["steps"]
    assert steps["deleted"]["changed"] is True
    assert steps["after_delete"]["certificates"] == []
    acm = client(certmock_server, "acm", region=REGION, access_key=ACCOUNT)
    with pytest.raises(acm.exceptions.ResourceNotFoundException):
        acm.describe_certificate(CertificateArn=steps["imported"]["certificate"]["arn"])
