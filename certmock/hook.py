"""The botocore ``before-send`` handler: inert unless a mock is active.

It is registered in botocore's built-in handlers when certmock is imported, so every client
created afterwards carries it, even one created before a mock starts. It goes first, ahead of
moto's, so that when both are active certmock answers what it serves and leaves the rest.
"""

from __future__ import annotations

import sys
from collections.abc import Generator, Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

import botocore.handlers
from botocore.awsrequest import AWSResponse

from certmock import moto_coexistence, sleep
from certmock.dispatch import serve
from certmock.errors import Declined, NotEmulatedError
from certmock.protocols import WireRequest
from certmock.refusals import refusal
from certmock.routing import Target, event_target, route, wire_target
from certmock.runtime import RUNTIME


class _Body:
    """The raw body botocore's AWSResponse reads (it calls ``stream()``)."""

    def __init__(self, body: bytes) -> None:
        self._body = body

    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self._body

    def read(self, *_: Any) -> bytes:
        body, self._body = self._body, b""
        return body


class _Content(bytes):
    """A response body that botocore reads as bytes and aiobotocore awaits (its endpoint does
    ``await http_response.content``): one answer serves both, so nothing needs to tell them
    apart before the request is served."""

    def __await__(self) -> Generator[Any, None, bytes]:
        return bytes(self)
        yield  # a generator: awaiting it finishes at once with the bytes


class _Answer(AWSResponse):
    """botocore's response, whose ``content`` and ``text`` aiobotocore may also await."""

    @property
    def content(self) -> _Content:
        body: bytes | None = self._content  # type: ignore[has-type]
        if not isinstance(body, _Content):  # made once: botocore reads it more than once
            body = self._content = _Content(b"".join(self.raw.stream()) if body is None else body)
        return body

    @property
    def text(self) -> _Text:
        return _Text(self.content.decode("utf-8"))


class _Text(str):
    def __await__(self) -> Generator[Any, None, str]:
        return str(self)
        yield  # a generator: awaiting it finishes at once with the text


class _HeaderView(Mapping[str, str]):
    """botocore's case-insensitive headers, read only when asked for (most never are), with
    ``host`` from the URL as the HTTP layer would add it."""

    def __init__(self, headers: Any, host: str) -> None:
        self._headers = headers
        self._host = host

    def __getitem__(self, name: str) -> str:
        value = self._headers.get(name)
        if value is None:
            if name.lower() == "host":
                return self._host
            raise KeyError(name)
        return value.decode() if isinstance(value, bytes) else str(value)

    def __iter__(self) -> Iterator[str]:
        names = [key.lower() for key in self._headers]
        return iter(names if "host" in names else [*names, "host"])

    def __len__(self) -> int:
        return sum(1 for _ in self)


def before_send(request: Any, event_name: str = "", **kwargs: Any) -> AWSResponse | None:
    if not RUNTIME.activations:
        return None
    sleep.patch_async_sleeps()
    target = event_target(event_name)
    moto_is_active = moto_coexistence.moto_is_active()
    if not _answerable(target):
        if moto_is_active:
            return None  # moto's own before-send handler answers it
        raise NotEmulatedError(_refusal(target))
    try:
        response = _answer(target, request, wire_request(request), may_decline=moto_is_active)
    except Declined:
        return None  # about something certmock does not model: moto's handler answers it
    if moto_is_active:
        moto_coexistence.keep_moto_out(request)
    return response


def answer_unhooked(request: Any) -> AWSResponse:
    """Answer a request from a client that never got the hook (its session predates
    ``import certmock``), routing it as a server would. Refuse what certmock does not serve."""
    wire = wire_request(request)
    target = wire_target(wire)
    if not _answerable(target):
        raise NotEmulatedError(
            _refusal(target) + " (This client's session was created before certmock was "
            "imported, so it could not be hooked; moto cannot answer for it either.)"
        )
    return _answer(target, request, wire)


def _answerable(target: Target) -> bool:
    """Served by certmock, and by one of the active mocks."""
    return target.served and target.service in RUNTIME.served


def _answer(
    target: Target, request: Any, wire: WireRequest, *, may_decline: bool = False
) -> AWSResponse:
    called = route(target, wire, RUNTIME.default_account)
    assert target.definition is not None
    response = serve(
        target.definition,
        target.operation,
        wire,
        called.account_id,
        called.region,
        may_decline=may_decline,
    )
    # AWSResponse wraps any mapping in its own case-insensitive headers.
    headers: Any = response.headers
    return _Answer(request.url, response.status, headers, _Body(response.body))


def _refusal(target: Target) -> str:
    return refusal(
        target.service,
        target.operation,
        (activation.name for activation in RUNTIME.activations),
        RUNTIME.served,
    )


def wire_request(request: Any) -> WireRequest:
    url = urlsplit(request.url)
    headers = _HeaderView(request.headers, url.netloc)
    body = request.body
    if body is None:
        body = b""
    elif isinstance(body, str):
        body = body.encode()
    elif hasattr(body, "read"):
        position = body.tell() if hasattr(body, "tell") else None
        data = body.read()
        if position is not None:
            body.seek(position)
        body = data.encode() if isinstance(data, str) else data
    return WireRequest(request.method, url.path or "/", url.query, headers, bytes(body))


def install() -> None:
    """Register for every botocore session created from now on (idempotent)."""
    entry = ("before-send", before_send, botocore.handlers.REGISTER_FIRST)
    if entry not in botocore.handlers.BUILTIN_HANDLERS:
        botocore.handlers.BUILTIN_HANDLERS.append(entry)


def install_on(session: Any) -> None:
    """Register on a botocore session that existed before certmock was imported."""
    emitter = session.get_component("event_emitter")
    emitter.unregister("before-send", before_send)
    emitter.register_first("before-send", before_send)


def install_default_session() -> None:
    """boto3's default session may predate ``import certmock``; make sure it is hooked too."""
    boto3 = sys.modules.get("boto3")
    default = getattr(boto3, "DEFAULT_SESSION", None)
    if default is not None:
        install_on(default._session)
