"""--state (being written)."""

from __future__ import annotations

from pathlib import Path

from certmock.mock import Mock


class StateFileError(Exception):
    pass


def restore(path: Path, mock: Mock) -> None:
    raise NotImplementedError("--state is being written")


def save(path: Path, mock: Mock) -> None:
    raise NotImplementedError("--state is being written")
