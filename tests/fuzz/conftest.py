"""Hypothesis profiles and fixtures of the fuzz suite.

``CERTMOCK_FUZZ_PROFILE=ci`` (the default) is derandomized and small enough to run with the
rest of the suite; ``long`` draws many more, random examples. ``CERTMOCK_FUZZ_LOG=path``
appends every finding to a JSON-lines file for triage.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, settings

from certmock import Mock
from tests.fuzz import episode
from tests.fuzz.pool import Pool

# An episode's world is built once per test and shared by its examples (building it for each
# would cost more than the examples), hence the function-scoped fixture.
_SUPPRESSED = [
    HealthCheck.too_slow,
    HealthCheck.function_scoped_fixture,
    HealthCheck.data_too_large,
]
settings.register_profile(
    "ci",
    derandomize=True,
    max_examples=8,
    deadline=None,
    database=None,
    print_blob=False,
    # No shrinking in CI: a failure is reported at once, with the example as generated.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=_SUPPRESSED,
)
settings.register_profile(
    "long",
    max_examples=400,
    deadline=None,
    # No example database either: a failure prints the blob that replays it.
    database=None,
    print_blob=True,
    suppress_health_check=_SUPPRESSED,
)
PROFILE = os.environ.get("CERTMOCK_FUZZ_PROFILE", "ci")
# Applied to the fuzz tests only (not loaded globally), so other tests keep their settings.
FUZZ_SETTINGS = settings(settings.get_profile(PROFILE))


class Network:
    """Every connection attempted while a fuzz test runs (there must be none)."""

    def __init__(self) -> None:
        self.attempts: list[Any] = []


@pytest.fixture(autouse=True)
def network(monkeypatch: pytest.MonkeyPatch) -> Iterator[Network]:
    guard = Network()

    def refuse(sock: socket.socket, address: Any) -> None:
        guard.attempts.append(address)
        raise ConnectionRefusedError(f"the fuzz suite allows no connection ({address!r})")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    yield guard
    assert guard.attempts == [], f"connections attempted: {guard.attempts}"


@pytest.fixture
def world(request: pytest.FixtureRequest) -> Iterator[tuple[Mock, Pool]]:
    """A started mock holding the resources an episode of the test's ``service`` needs (of
    every service for a test without one), and their pool."""
    callspec = getattr(request.node, "callspec", None)
    service: str | None = callspec.params.get("service") if callspec is not None else None
    mock = episode.start()
    try:
        yield mock, episode.build(*([service] if service else []))
    finally:
        mock.stop()
