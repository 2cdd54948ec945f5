"""--verify-signatures (being written)."""

from __future__ import annotations

from collections.abc import Mapping

from certmock.protocols import WireRequest, WireResponse


class Verifier:
    def __init__(self, credentials: Mapping[str, str]) -> None:
        self.credentials = dict(credentials)

    def __call__(self, request: WireRequest) -> WireResponse | None:
        raise NotImplementedError("--verify-signatures is being written")
