"""``--state FILE``: the whole world, clock included, saved on a clean stop and restored at start.

The file is three parts: a header line (``certmock-state format=1 certmock=... botocore=...
python=...``), a line ``sha256=<hex>`` over the header line and the payload, and the payload, a
pickle of the world (``certmock.server.world_pickle``). A file that is not a certmock state
file, is truncated or corrupt, has another format, or was saved by another certmock version is
refused with ``StateFileError``; another botocore version only warns (``StateFileWarning``):
the world holds none of botocore's objects. Being a pickle, loading a file runs the code it
names: load only files you wrote.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
import sys
import tempfile
import warnings
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import botocore

from certmock.mock import Mock
from certmock.server import world_pickle
from certmock.world import World

MAGIC = b"certmock-state"
FORMAT = 1
"""Raised whenever the payload's layout changes in a way an older reader would misread."""
_HEADER_LIMIT = 1024
# The running process's, never the file's: the lock, the clock (restored through its own
# methods, so that whoever holds it keeps holding it) and whether a mock serves the world.
_NOT_SAVED = frozenset({"lock", "clock", "live", "_delivering"})


class StateFileError(Exception):
    """The state file cannot be restored or saved; the message names the file and why."""


class StateFileWarning(UserWarning):
    """The state file was saved with another botocore; it is restored all the same."""


def save(path: Path, mock: Mock) -> None:
    """Write the started ``mock``'s world to ``path`` atomically (a temporary file beside it,
    synced, then renamed over it): ``path`` holds the previous state or the new one, never a
    part of either; when saving fails, the previous file stays as it was."""
    world = mock.world
    with world.lock:
        clock = world.clock
        now = clock.now()
        document = {
            "world": {name: value for name, value in vars(world).items() if name not in _NOT_SAVED},
            "clock": {"frozen": clock.frozen, "now": now, "offset": now - _wall_time()},
        }
        try:
            payload = world_pickle.dumps(document, world)
        except Exception as failed:
            raise StateFileError(
                f"cannot save the state to {path}: {type(failed).__name__}: {failed} "
                "(a certmock bug; the previous file, if any, is kept)"
            ) from failed
    header = _header()
    checksum = b"sha256=" + _digest(header, payload) + b"\n"
    try:
        _write_atomically(path, header + b"\n" + checksum + payload)
    except OSError as failed:
        raise StateFileError(
            f"cannot save the state to {path}: {failed} (the previous file, if any, is kept)"
        ) from failed


def restore(path: Path, mock: Mock) -> None:
    """Put the world saved in ``path`` in place of the started ``mock``'s world, in place: the
    mock, the runtime and whoever holds the world or its clock see the restored one. A missing
    file is a first start: the world stays as it is (the directory must be writable, or the
    state could not be saved on the way out)."""
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        directory = path.parent
        if not directory.is_dir() or not os.access(directory, os.W_OK | os.X_OK):
            raise StateFileError(
                f"cannot keep the state in {path}: {directory} is not a writable directory"
            ) from None
        return
    except OSError as failed:
        raise StateFileError(f"cannot read the state file {path}: {failed}") from failed
    payload = _checked_payload(path, content)
    world = mock.world
    try:
        document = world_pickle.loads(payload, world)
        saved, clock = document["world"], document["clock"]
    except Exception as failed:
        raise StateFileError(
            f"{path} cannot be restored: {type(failed).__name__}: {failed}"
        ) from failed
    with world.lock:
        vars(world).update(saved)
        _set_clock(world, clock)


def _certmock_version() -> str:
    try:
        return version("certmock")
    except PackageNotFoundError:  # a source tree that was never installed
        return "unknown"


def _header() -> bytes:
    fields = {
        "format": str(FORMAT),
        "certmock": _certmock_version(),
        "botocore": botocore.__version__,
        "python": ".".join(map(str, sys.version_info[:3])),
    }
    return MAGIC + b" " + " ".join(f"{k}={v}" for k, v in fields.items()).encode("ascii")


def _digest(header: bytes, payload: bytes) -> bytes:
    return hashlib.sha256(header + b"\n" + payload).hexdigest().encode("ascii")


def _checked_payload(path: Path, content: bytes) -> bytes:
    header, _, rest = content.partition(b"\n")
    if not header.startswith(MAGIC + b" ") or len(header) > _HEADER_LIMIT:
        raise StateFileError(f"{path} is not a certmock state file")
    fields = dict(
        field.split("=", 1)
        for field in header[len(MAGIC) + 1 :].decode("ascii", "replace").split()
        if "=" in field
    )
    if fields.get("format") != str(FORMAT):
        raise StateFileError(
            f"{path} is a certmock state file of format {fields.get('format')}; this certmock "
            f"reads format {FORMAT} only"
        )
    checksum, newline, payload = rest.partition(b"\n")
    if not newline or checksum != b"sha256=" + _digest(header, payload):
        raise StateFileError(f"{path} is truncated or corrupt: its checksum does not match")
    ours = _certmock_version()
    if fields.get("certmock") != ours:
        raise StateFileError(
            f"{path} was saved by certmock {fields.get('certmock')}; this is certmock {ours}, "
            "whose models may differ: restore it with the version that saved it, or start "
            "afresh without it"
        )
    if fields.get("botocore") != botocore.__version__:
        warnings.warn(
            StateFileWarning(
                f"{path} was saved with botocore {fields.get('botocore')}; restoring it "
                f"with botocore {botocore.__version__}"
            ),
            stacklevel=3,
        )
    return payload


def _write_atomically(path: Path, content: bytes) -> None:
    directory = path.parent
    # Owner-only (mkstemp's mode): the file holds every CA's private key.
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(handle, "wb") as written:
            written.write(content)
            written.flush()
            os.fsync(written.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _sync_directory(directory)


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX; Windows cannot open a directory)."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass  # some file systems refuse it; the data itself is synced
    finally:
        os.close(descriptor)


def _set_clock(world: World, saved: dict[str, Any]) -> None:
    clock = world.clock
    if saved["frozen"]:
        clock.freeze(saved["now"])
    else:
        # A ticking clock went on ticking while the server was down, as it would have had the
        # process never stopped: it keeps its distance from wall time.
        clock.freeze(_wall_time() + saved["offset"])
        clock.unfreeze()


def _wall_time() -> _dt.datetime:
    return _dt.datetime.now(_dt.timezone.utc)
