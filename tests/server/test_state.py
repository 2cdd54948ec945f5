"""``--state FILE``: the world, clock included, saved on a clean stop and restored at start.

The servers run in other processes (each start costs a second or two, so few start): one
builds a world and is stopped; others start from copies of its file. The error paths run
in-process, on ``certmock.server.state`` with a started ``mock_all``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
import botocore
import pytest
from cryptography import x509

from certmock import mock_all
from certmock.remote import Remote, serve
from certmock.runtime import RUNTIME
from certmock.server import state, world_pickle
from tests.helpers import ROOT_CONFIGURATION
from tests.server.clients import client
from tests.services.acmpca.pki import csr as make_csr

NOW = "2026-03-01T12:00:00Z"
SEED = "7"
REGION = "eu-west-1"
ROOT_TEMPLATE = "arn:aws:acm-pca:::template/RootCACertificate/V1"


# -- one world, built the same way in a server and in-process -------------------------------
@dataclass(frozen=True)
class Built:
    root: str
    """An ACTIVE RSA root CA."""
    doomed: str
    """Deleted with a 7-day restore window, left so."""
    rescued: str
    """Deleted with a 7-day restore window, restored after the restart."""
    public: str
    """An ACM public certificate, validated and ISSUED."""
    private: str
    """An ACM private certificate issued by ``root``."""
    client_certificate: str
    """An API Gateway client certificate's id."""


def _build(pca: Any, acm: Any, apigateway: Any, validate: Callable[[str], None]) -> Built:
    root = _active_root(pca)
    doomed, rescued = (_created(pca) for _ in range(2))
    for arn in (doomed, rescued):
        pca.delete_certificate_authority(CertificateAuthorityArn=arn, PermanentDeletionTimeInDays=7)
    public = acm.request_certificate(DomainName="www.example.com", ValidationMethod="DNS")
    validate(public["CertificateArn"])
    private = acm.request_certificate(DomainName="svc.internal", CertificateAuthorityArn=root)
    generated = apigateway.generate_client_certificate(description="kept")
    return Built(
        root,
        doomed,
        rescued,
        public["CertificateArn"],
        private["CertificateArn"],
        generated["clientCertificateId"],
    )


def _created(pca: Any) -> str:
    arn: str = pca.create_certificate_authority(
        CertificateAuthorityConfiguration=ROOT_CONFIGURATION, CertificateAuthorityType="ROOT"
    )["CertificateAuthorityArn"]
    return arn


def _active_root(pca: Any) -> str:
    arn = _created(pca)
    csr = pca.get_certificate_authority_csr(CertificateAuthorityArn=arn)["Csr"]
    issued = pca.issue_certificate(
        CertificateAuthorityArn=arn,
        Csr=csr,
        SigningAlgorithm="SHA256WITHRSA",
        TemplateArn=ROOT_TEMPLATE,
        Validity={"Value": 10, "Type": "YEARS"},
    )["CertificateArn"]
    certificate = pca.get_certificate(CertificateAuthorityArn=arn, CertificateArn=issued)
    pca.import_certificate_authority_certificate(
        CertificateAuthorityArn=arn, Certificate=certificate["Certificate"]
    )
    return arn


@dataclass(frozen=True)
class Saved:
    """What the first server showed just before it was stopped, and the file it saved."""

    path: Path
    built: Built
    now: dt.datetime
    calls: list[tuple[str, str]]
    events: list[dict[str, Any]]
    root_certificate: str
    public_not_after: dt.datetime
    next_ca: str
    """The ARN the next CreateCertificateAuthority gets in the same world never stopped."""


def _pca_of(remote: Remote) -> Any:
    return client(remote, "acm-pca")


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> Saved:
    path = tmp_path_factory.mktemp("first") / "world.state"
    with serve("--state", str(path), "--now", NOW, "--seed", SEED) as remote:
        pca, acm = _pca_of(remote), client(remote, "acm")
        built = _build(pca, acm, client(remote, "apigateway"), remote.acm.validate)
        remote.clock.advance(days=1)
        root_certificate = pca.get_certificate_authority_certificate(
            CertificateAuthorityArn=built.root
        )["Certificate"]
        public = acm.describe_certificate(CertificateArn=built.public)["Certificate"]
        now = remote.clock.now()
        calls = [(call.service, call.operation) for call in remote.calls]
        events = remote.events
    # The same world in-process, never stopped: what the restarted server must continue with.
    with mock_all(now=NOW, seed=int(SEED)) as twin:
        pca = boto3.client("acm-pca", region_name=REGION)
        clients = (
            boto3.client("acm", region_name=REGION),
            boto3.client("apigateway", region_name=REGION),
        )
        assert _build(pca, *clients, twin.acm.validate) == built
        twin.clock.advance(days=1)
        next_ca = _created(pca)
    return Saved(path, built, now, calls, events, root_certificate, public["NotAfter"], next_ca)


def _copy(saved: Saved, directory: Path) -> Path:
    copied = directory / "world.state"
    shutil.copyfile(saved.path, copied)
    return copied


@dataclass(frozen=True)
class Restarted:
    remote: Remote
    now: dt.datetime
    frozen: bool
    calls: list[tuple[str, str]]
    events: list[dict[str, Any]]
    first_new_ca: str


@pytest.fixture(scope="module")
def restarted(saved: Saved, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Restarted]:
    """A server started from a copy of the file, with another --now and --seed (the file's
    world wins: they shape a new world only), read as soon as it started."""
    path = _copy(saved, tmp_path_factory.mktemp("restarted"))
    with serve("--state", str(path), "--now", "2030-01-01T00:00:00Z", "--seed", "99") as remote:
        clock = remote.request("GET", "clock")
        calls = [(call.service, call.operation) for call in remote.calls]
        events = remote.events
        first_new_ca = _created(_pca_of(remote))
        yield Restarted(remote, remote.clock.now(), clock["frozen"], calls, events, first_new_ca)


# -- after a restart, everything is there ------------------------------------------------------
def test_the_clock_resumes_where_it_stopped(saved: Saved, restarted: Restarted) -> None:
    assert restarted.now == saved.now
    assert restarted.frozen


def test_the_calls_and_events_are_kept(saved: Saved, restarted: Restarted) -> None:
    assert restarted.calls == saved.calls
    assert restarted.events == saved.events


def test_identifiers_continue_as_if_the_server_had_never_stopped(
    saved: Saved, restarted: Restarted
) -> None:
    assert restarted.first_new_ca == saved.next_ca


def test_the_certificate_authorities_are_back_in_their_states(
    saved: Saved, restarted: Restarted
) -> None:
    pca = _pca_of(restarted.remote)
    root = pca.describe_certificate_authority(CertificateAuthorityArn=saved.built.root)
    doomed = pca.describe_certificate_authority(CertificateAuthorityArn=saved.built.doomed)
    assert root["CertificateAuthority"]["Status"] == "ACTIVE"
    assert doomed["CertificateAuthority"]["Status"] == "DELETED"
    deleted_at = saved.now - dt.timedelta(days=1)
    assert doomed["CertificateAuthority"]["RestorableUntil"] == deleted_at + dt.timedelta(days=7)


def test_acm_certificates_are_back(saved: Saved, restarted: Restarted) -> None:
    acm = client(restarted.remote, "acm")
    public = acm.describe_certificate(CertificateArn=saved.built.public)["Certificate"]
    private = acm.get_certificate(CertificateArn=saved.built.private)
    assert public["Status"] == "ISSUED"
    assert public["NotAfter"] == saved.public_not_after
    assert private["CertificateChain"].strip() == saved.root_certificate.strip()


def test_api_gateway_client_certificates_are_back(saved: Saved, restarted: Restarted) -> None:
    apigateway = client(restarted.remote, "apigateway")
    found = apigateway.get_client_certificate(clientCertificateId=saved.built.client_certificate)
    assert found["description"] == "kept"


def test_a_certificate_issued_after_the_restart_verifies_against_the_ca_certificate_from_before(
    saved: Saved, restarted: Restarted
) -> None:
    pca = _pca_of(restarted.remote)
    issued = pca.issue_certificate(
        CertificateAuthorityArn=saved.built.root,
        Csr=make_csr(),
        SigningAlgorithm="SHA256WITHRSA",
        Validity={"Value": 30, "Type": "DAYS"},
    )["CertificateArn"]
    pem = pca.get_certificate(CertificateAuthorityArn=saved.built.root, CertificateArn=issued)
    certificate = x509.load_pem_x509_certificate(pem["Certificate"].encode())
    issuer = x509.load_pem_x509_certificate(saved.root_certificate.encode())
    certificate.verify_directly_issued_by(issuer)


# -- after a restart, time goes on -------------------------------------------------------------
def test_scheduled_changes_come_due_after_a_restart_and_the_next_stop_saves_them(
    saved: Saved, tmp_path: Path
) -> None:
    path = _copy(saved, tmp_path)
    built = saved.built
    with serve("--state", str(path)) as remote:
        pca = _pca_of(remote)
        pca.restore_certificate_authority(CertificateAuthorityArn=built.rescued)
        remote.clock.advance(days=7)
        with pytest.raises(pca.exceptions.ResourceNotFoundException):
            pca.describe_certificate_authority(CertificateAuthorityArn=built.doomed)
        rescued = pca.describe_certificate_authority(CertificateAuthorityArn=built.rescued)
        assert rescued["CertificateAuthority"]["Status"] == "PENDING_CERTIFICATE"
        remote.clock.freeze(saved.public_not_after - dt.timedelta(days=45))
        warned = [
            event
            for event in remote.events
            if event["detail-type"] == "ACM Certificate Approaching Expiration"
            and event["resources"] == [built.public]
        ]
        assert [event["detail"]["DaysToExpiry"] for event in warned] == [45]
        stopped_at = remote.clock.now()
    with mock_all() as cm:
        state.restore(path, cm)
        assert cm.clock.now() == stopped_at
        pca = boto3.client("acm-pca", region_name=REGION)
        with pytest.raises(pca.exceptions.ResourceNotFoundException):
            pca.describe_certificate_authority(CertificateAuthorityArn=built.doomed)


def test_a_server_does_not_start_from_a_file_that_is_not_a_state_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("shopping list\n")
    command = [sys.executable, "-m", "certmock", "serve", "--port", "0", "--state", str(path)]
    finished = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert finished.returncode == 2
    assert f"{path} is not a certmock state file" in finished.stderr
    assert path.read_text() == "shopping list\n"


# -- in-process: saving and restoring, and what is refused ----------------------------------
UNKNOWN_CA = (
    "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/"
    "00000000-0000-4000-8000-000000000000"
)


@dataclass(frozen=True)
class SavedInProcess:
    path: Path
    content: bytes
    cas: list[str]


def _cas() -> list[str]:
    pca = boto3.client("acm-pca", region_name=REGION)
    return [found["Arn"] for found in pca.list_certificate_authorities()["CertificateAuthorities"]]


@pytest.fixture
def saved_file(tmp_path: Path) -> SavedInProcess:
    """A state file holding one CA, and a call that failed, saved by a mock since stopped."""
    path = tmp_path / "world.state"
    with mock_all(now=NOW) as cm:
        pca = boto3.client("acm-pca", region_name=REGION)
        _created(pca)
        with pytest.raises(pca.exceptions.ResourceNotFoundException):
            pca.describe_certificate_authority(CertificateAuthorityArn=UNKNOWN_CA)
        cas = _cas()
        state.save(path, cm)
    return SavedInProcess(path, path.read_bytes(), cas)


def _parts(content: bytes) -> tuple[bytes, bytes]:
    """The header line and the payload."""
    header, _, rest = content.partition(b"\n")
    return header, rest.partition(b"\n")[2]


def _rewrite(path: Path, header: bytes, payload: bytes) -> None:
    """A state file with a valid checksum: SHA-256 over the header line, newline, payload."""
    digest = hashlib.sha256(header + b"\n" + payload).hexdigest().encode()
    path.write_bytes(header + b"\n" + b"sha256=" + digest + b"\n" + payload)


def _restored(path: Path) -> None:
    with mock_all() as cm:
        state.restore(path, cm)


def test_a_missing_file_leaves_the_world_empty(tmp_path: Path) -> None:
    path = tmp_path / "world.state"
    with mock_all() as cm:
        state.restore(path, cm)
        assert _cas() == []
    assert not path.exists()


def test_a_file_in_a_missing_directory_is_refused_at_start(tmp_path: Path) -> None:
    with pytest.raises(state.StateFileError, match="is not a writable directory"):
        _restored(tmp_path / "nowhere" / "world.state")


def test_a_restored_world_has_the_resources_and_the_calls_with_their_errors(
    saved_file: SavedInProcess,
) -> None:
    with mock_all() as cm:
        state.restore(saved_file.path, cm)
        calls = list(cm.calls)
        assert _cas() == saved_file.cas
    error = next(call.error for call in calls if call.operation == "DescribeCertificateAuthority")
    assert error is not None
    assert error.code == "ResourceNotFoundException"


def test_the_running_mock_keeps_its_world_and_clock_and_sees_the_restored_state(
    saved_file: SavedInProcess,
) -> None:
    with mock_all() as cm:
        world, clock = cm.world, cm.clock
        state.restore(saved_file.path, cm)
        assert cm.world is world
        assert RUNTIME.world is world
        assert cm.clock is clock
        assert clock.now() == dt.datetime(2026, 3, 1, 12, tzinfo=dt.timezone.utc)
        assert _cas() == saved_file.cas


def test_a_scheduled_change_written_as_a_closure_comes_due_after_a_restore(
    tmp_path: Path,
) -> None:
    path = tmp_path / "world.state"
    with mock_all(now=NOW) as cm:
        options = cm.world.options
        due = cm.clock.now() + dt.timedelta(days=1)
        cm.world.timeline.schedule(due, lambda at: options.update(done=at))
        state.save(path, cm)
    with mock_all() as cm:
        state.restore(path, cm)
        cm.clock.advance(days=1)
        cm.world.catch_up()
        assert cm.world.options["done"] == due


def test_a_scheduled_change_whose_code_is_gone_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "world.state"
    with mock_all(now=NOW) as cm:
        cm.world.timeline.schedule(cm.clock.now(), lambda at: None)
        state.save(path, cm)
    monkeypatch.setattr(world_pickle, "_code_index", lambda module: {})
    with pytest.raises(state.StateFileError, match="is not in the code installed here"):
        _restored(path)


def test_a_ticking_clock_keeps_its_distance_from_wall_time(tmp_path: Path) -> None:
    path = tmp_path / "world.state"
    with mock_all() as cm:
        cm.clock.advance(days=10)
        state.save(path, cm)
    with mock_all() as cm:
        state.restore(path, cm)
        ahead = cm.clock.now() - dt.datetime.now(dt.timezone.utc)
        assert not cm.clock.frozen
    assert dt.timedelta(days=10) - dt.timedelta(minutes=1) < ahead <= dt.timedelta(days=10)


def test_event_subscriptions_are_not_saved(tmp_path: Path) -> None:
    path = tmp_path / "world.state"
    with mock_all(now=NOW) as cm:
        cm.events.subscribe(print)
        state.save(path, cm)
    with mock_all() as cm:
        state.restore(path, cm)
        assert cm.events.subscriptions == []


def test_the_file_is_readable_by_its_owner_only(saved_file: SavedInProcess) -> None:
    assert saved_file.path.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    "content",
    [b"", b"shopping list\n", b'{"certmock": 1}\n', b"\x80\x05}\x94.", b"certmock-stateX 1\n"],
    ids=["empty", "text", "json", "another-pickle", "magic-prefix"],
)
def test_a_file_that_is_not_a_state_file_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "world.state"
    path.write_bytes(content)
    refused = f"^{re.escape(str(path))} is not a certmock state file$"
    with pytest.raises(state.StateFileError, match=refused):
        _restored(path)


@pytest.mark.parametrize("keep", [0.2, 0.5, 0.99], ids=["header", "half", "all-but-a-bit"])
def test_a_truncated_file_is_refused(saved_file: SavedInProcess, keep: float) -> None:
    saved_file.path.write_bytes(saved_file.content[: int(len(saved_file.content) * keep)])
    with pytest.raises(state.StateFileError, match="is truncated or corrupt"):
        _restored(saved_file.path)


def test_a_changed_byte_is_refused(saved_file: SavedInProcess) -> None:
    changed = bytearray(saved_file.content)
    changed[-10] ^= 0x01
    saved_file.path.write_bytes(bytes(changed))
    with pytest.raises(state.StateFileError, match="checksum does not match"):
        _restored(saved_file.path)


def test_an_unknown_format_is_refused(saved_file: SavedInProcess) -> None:
    header, payload = _parts(saved_file.content)
    _rewrite(saved_file.path, header.replace(b"format=1", b"format=2"), payload)
    with pytest.raises(state.StateFileError, match="of format 2; this certmock reads format 1"):
        _restored(saved_file.path)


def test_a_file_from_another_certmock_version_is_refused(saved_file: SavedInProcess) -> None:
    header, payload = _parts(saved_file.content)
    fields = [b"certmock=0.0.1" if f.startswith(b"certmock=") else f for f in header.split()]
    _rewrite(saved_file.path, b" ".join(fields), payload)
    with pytest.raises(state.StateFileError, match=r"was saved by certmock 0\.0\.1; this is"):
        _restored(saved_file.path)


def test_a_file_saved_with_another_botocore_is_restored_with_a_warning(
    saved_file: SavedInProcess,
) -> None:
    header, payload = _parts(saved_file.content)
    ours = f"botocore={botocore.__version__}".encode()
    _rewrite(saved_file.path, header.replace(ours, b"botocore=1.0.0"), payload)
    with mock_all() as cm:
        with pytest.warns(state.StateFileWarning, match="saved with botocore 1.0.0"):
            state.restore(saved_file.path, cm)
        assert _cas() == saved_file.cas


def _fail(*args: Any, **kwargs: Any) -> Any:
    raise PermissionError(13, "Permission denied")


@pytest.mark.parametrize(
    ("module", "name"),
    [(tempfile, "mkstemp"), (os, "fsync"), (os, "replace")],
    ids=["unwritable-directory", "sync", "rename"],
)
def test_a_failed_save_keeps_the_previous_file(
    saved_file: SavedInProcess, monkeypatch: pytest.MonkeyPatch, module: Any, name: str
) -> None:
    with mock_all() as cm:
        monkeypatch.setattr(module, name, _fail)
        refused = f"cannot save the state to {re.escape(str(saved_file.path))}"
        with pytest.raises(state.StateFileError, match=refused):
            state.save(saved_file.path, cm)
    assert saved_file.path.read_bytes() == saved_file.content
    assert list(saved_file.path.parent.iterdir()) == [saved_file.path]


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="root (and Windows) ignore a directory's mode",
)
def test_a_read_only_directory_keeps_the_previous_file(saved_file: SavedInProcess) -> None:
    directory = saved_file.path.parent
    directory.chmod(0o500)
    try:
        with mock_all() as cm, pytest.raises(state.StateFileError, match="Permission denied"):
            state.save(saved_file.path, cm)
    finally:
        directory.chmod(0o700)
    assert saved_file.path.read_bytes() == saved_file.content


def test_a_world_that_cannot_be_saved_keeps_the_previous_file(
    saved_file: SavedInProcess,
) -> None:
    with mock_all() as cm:
        cm.world.options["not/saveable"] = (n for n in range(3))
        with pytest.raises(state.StateFileError, match=r"cannot save the state to .*'generator'"):
            state.save(saved_file.path, cm)
    assert saved_file.path.read_bytes() == saved_file.content
