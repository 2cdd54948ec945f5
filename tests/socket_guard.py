"""pytest plugin: a test may not open a network connection while a certmock mock is active.

certmock answers every request of a served service in-process; a socket opened while a mock is
running means something slipped past it (a client built on another HTTP stack, a service left
to the real AWS). ``socket.socket.connect``/``connect_ex`` and ``socket.create_connection`` are
wrapped for every test: while a mock is active the attempt raises ``NetworkBlocked`` and the
test fails at teardown even if the code under test swallowed the error (botocore retries
connection errors). With no mock active, connections go through (a test may run a local
server). Unix-domain sockets are never blocked: they do not leave the machine.
"""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from certmock.runtime import RUNTIME

Address = Any  # whatever the socket family takes: (host, port), (host, port, flow, scope), ...


class NetworkBlocked(RuntimeError):
    """Raised instead of connecting. Not an OSError, so HTTP stacks do not retry it."""


def _mock_active() -> bool:
    # The list of started mocks (certmock.mock.Mock.start pushes, stop removes): the same
    # check certmock's own hook makes on every request.
    return RUNTIME.active


def _describe(address: Address) -> str:
    if isinstance(address, tuple) and len(address) >= 2:
        return f"{address[0]}:{address[1]}"
    return repr(address)


class Guard:
    """The wrapped socket functions for one test, and the attempts they refused."""

    def __init__(self) -> None:
        self.attempts: list[str] = []

    def refuse(self, how: str, address: Address) -> NetworkBlocked:
        attempt = f"{how} to {_describe(address)}"
        self.attempts.append(attempt)
        return NetworkBlocked(
            f"network connection attempted while a certmock mock is active: {attempt}. "
            "certmock answers its services in-process; nothing should reach the network."
        )

    def wrap_method(self, original: Callable[..., Any], how: str) -> Callable[..., Any]:
        def guarded(sock: socket.socket, address: Address) -> Any:
            if _mock_active() and sock.family != getattr(socket, "AF_UNIX", None):
                raise self.refuse(how, address)
            return original(sock, address)

        return guarded

    def wrap_create_connection(self, original: Callable[..., socket.socket]) -> Any:
        def guarded(address: Address, *args: Any, **kwargs: Any) -> socket.socket:
            if _mock_active():
                raise self.refuse("socket.create_connection", address)
            return original(address, *args, **kwargs)

        return guarded


@contextlib.contextmanager
def guarding() -> Iterator[Guard]:
    """Install the guard for the duration; yields it so callers can read ``attempts``."""
    guard = Guard()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", guard.wrap_method(socket.socket.connect, "connect"))
        patch.setattr(
            socket.socket, "connect_ex", guard.wrap_method(socket.socket.connect_ex, "connect_ex")
        )
        patch.setattr(
            socket, "create_connection", guard.wrap_create_connection(socket.create_connection)
        )
        yield guard


@pytest.fixture(autouse=True)
def _no_network_while_mocked() -> Iterator[Guard]:
    with guarding() as guard:
        yield guard
    if guard.attempts:
        pytest.fail(
            "the test tried to open network connections while a certmock mock was active: "
            + "; ".join(guard.attempts),
            pytrace=False,
        )
