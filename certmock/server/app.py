"""The WSGI application: AWS API requests for the served services, and the control API under
``/_certmock/``. Any WSGI server can host it; ``python -m certmock serve`` runs it on cheroot.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable, Iterable, Mapping
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

from certmock.protocols import WireRequest, WireResponse
from certmock.protocols.base import MAX_REQUEST_BODY
from certmock.server import aws, control
from certmock.server.control import CONTROL_PREFIX

StartResponse = Callable[..., Any]
Verifier = Callable[[WireRequest], "WireResponse | None"]
"""Checks a request's signature: None to serve it, else the refusal to send."""

# The raw request target, before the server decoded it into PATH_INFO: REST routes match the
# percent-encoded path, as AWS does (an ARN label keeps its %2F).
_RAW_URI_KEYS = ("REQUEST_URI", "RAW_URI")


class Application:
    """One world (the running mock's) for every connection; ``dispatch.serve`` takes the
    world's lock, so concurrent requests are served one state change at a time."""

    def __init__(
        self,
        handle: control.Handle,
        *,
        verify: Verifier | None = None,
        max_body: int = MAX_REQUEST_BODY,
    ) -> None:
        self.handle = handle
        self.verify = verify
        self.max_body = max_body

    def __call__(
        self, environ: Mapping[str, Any], start_response: StartResponse
    ) -> Iterable[bytes]:
        try:
            response = self._respond(environ)
        except Exception:  # a bug: say so in the log and answer as AWS does for its own faults
            traceback.print_exc(file=sys.stderr)
            response = WireResponse(
                500,
                {"Content-Type": "application/json", "x-amzn-ErrorType": "InternalFailure"},
                b'{"__type": "InternalFailure", "message": "certmock failed; see its log"}',
            )
        headers = [(name, value) for name, value in response.headers.items()]
        if not any(name.lower() == "content-length" for name, _ in headers):
            headers.append(("Content-Length", str(len(response.body))))
        start_response(f"{response.status} {_phrase(response.status)}", headers)
        return [response.body]

    def _respond(self, environ: Mapping[str, Any]) -> WireResponse:
        method = str(environ.get("REQUEST_METHOD", "GET")).upper()
        path, query = _target(environ)
        headers = _headers(environ)
        size = _content_length(environ)
        if size is not None and size > self.max_body:
            bodiless = WireRequest(method, path, query, headers)
            return _closing(aws.too_large(bodiless, size))
        body = _read(environ, size, self.max_body)
        if body is None:
            return _closing(aws.too_large(WireRequest(method, path, query, headers), None))
        if path == CONTROL_PREFIX.rstrip("/") or path.startswith(CONTROL_PREFIX):
            return control.respond(self.handle, method, path[len(CONTROL_PREFIX) :], body)
        request = WireRequest(method, path, query, headers, body)
        if self.verify is not None:
            refused = self.verify(request)
            if refused is not None:
                return refused
        return aws.answer(request)


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def _target(environ: Mapping[str, Any]) -> tuple[str, str]:
    for key in _RAW_URI_KEYS:
        raw = environ.get(key)
        if raw:
            path, _, query = str(raw).partition("?")
            if path.startswith("/"):
                return path, query
    # PEP 3333: PATH_INFO is the decoded path as latin-1; encode it back as a client would.
    decoded = str(environ.get("SCRIPT_NAME", "")) + str(environ.get("PATH_INFO", ""))
    path = quote(decoded.encode("latin-1"), safe="/~!$&'()*+,;=:@") or "/"
    return path, str(environ.get("QUERY_STRING", ""))


def _headers(environ: Mapping[str, Any]) -> dict[str, str]:
    """Header names in lower case, as ``WireRequest`` keeps them."""
    headers: dict[str, str] = {}
    for key, value in environ.items():
        if key.startswith("HTTP_"):
            headers[key[5:].replace("_", "-").lower()] = str(value)
        elif key in ("CONTENT_TYPE", "CONTENT_LENGTH") and value:
            headers[key.replace("_", "-").lower()] = str(value)
    return headers


def _content_length(environ: Mapping[str, Any]) -> int | None:
    value = environ.get("CONTENT_LENGTH")
    if not value:
        return None
    try:
        return max(int(value), 0)
    except ValueError:
        return None


def _read(environ: Mapping[str, Any], size: int | None, limit: int) -> bytes | None:
    """The body, or None when a body of unstated length (chunked) runs past ``limit``."""
    stream = environ["wsgi.input"]
    if size is not None:
        body: bytes = stream.read(size) if size else b""
        return body
    if "chunked" not in str(environ.get("HTTP_TRANSFER_ENCODING", "")).lower():
        return b""  # no length and not chunked: no body (reading would wait for one)
    body = stream.read(limit + 1)
    return None if len(body) > limit else body


def _closing(response: WireResponse) -> WireResponse:
    """The body was not read: the connection cannot carry another request."""
    return WireResponse(response.status, {**response.headers, "Connection": "close"}, response.body)
