"""The last line of defence: while a mock is active, no botocore request leaves the process.

Clients carry the before-send hook only if their session was created after ``import certmock``.
Requests of older clients arrive here, at the point where botocore would open a connection,
and are answered (or refused) by certmock instead.
"""

from __future__ import annotations

from typing import Any

from botocore.endpoint import Endpoint

from certmock import hook

# botocore's private method that puts a prepared request on the wire (absent from its stubs).
_SEND = "_send"
_ORIGINAL_SEND = getattr(Endpoint, _SEND)


def _send_nothing(endpoint: Endpoint, request: Any) -> Any:
    return hook.answer_unhooked(request)


def close_network() -> None:
    setattr(Endpoint, _SEND, _send_nothing)


def reopen_network() -> None:
    setattr(Endpoint, _SEND, _ORIGINAL_SEND)
