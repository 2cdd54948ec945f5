"""--tls (being written)."""

from __future__ import annotations

from pathlib import Path

from certmock.server.hosting import TLSFiles


def serving_files(directory: Path, host: str) -> tuple[TLSFiles, Path]:
    raise NotImplementedError("--tls is being written")
