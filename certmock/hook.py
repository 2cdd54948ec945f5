"""The botocore ``before-send`` handler: inert unless a mock is active.

It is registered in botocore's built-in handlers when certmock is imported, so every client
created afterwards carries it, even one created before a mock starts. It goes first, ahead of
moto's, so that when both are active certmock answers what it serves and leaves the rest.
"""

from __future__ import annotations

import contextlib
import functools
import re
import sys
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

import botocore.handlers
from botocore.awsrequest import AWSResponse

from certmock.botocore_models import event_service_id, service_model
from certmock.dispatch import serve
from certmock.errors import Declined, NotEmulatedError
from certmock.partitions import DEFAULT_REGION
from certmock.protocols import ProtocolError, WireRequest, codec_for
from certmock.runtime import RUNTIME
from certmock.services import registry
from certmock.services.definition import ServiceDefinition

# SigV4: Credential=<access key id>/<date>/<region>/<signing name>/aws4_request
_CREDENTIAL_SCOPE = re.compile(r"Credential=([^/,\s]+)/\d{8}/([^/,\s]+)/([^/,\s]+)/")
_HOST_REGION = re.compile(r"\.([a-z]{2}(?:-[a-z]+)+-\d+)\.amazonaws\.com")
_ACCOUNT_ID = re.compile(r"\d{12}")


class _Body:
    """The raw body botocore's AWSResponse reads (it calls ``stream()``)."""

    def __init__(self, body: bytes) -> None:
        self._body = body

    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self._body

    def read(self, *_: Any) -> bytes:
        body, self._body = self._body, b""
        return body


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
    _, service_id, operation = event_name.split(".", 2)
    service_name = _service_names().get(service_id)
    definition = (
        registry.definition(service_name)
        if service_name is not None and service_name in RUNTIME.served
        else None
    )
    if definition is None or operation not in definition.handlers:
        if _moto_is_active():
            return None  # moto's own before-send handler answers it
        raise NotEmulatedError(_refusal(service_name or service_id, operation))
    moto_is_active = _moto_is_active()
    try:
        response = _answer(
            definition, operation, request, _wire_request(request), may_decline=moto_is_active
        )
    except Declined:
        return None  # about something certmock does not model: moto's handler answers it
    if moto_is_active:
        _keep_moto_out(request)
    return response


def _answer(
    definition: ServiceDefinition,
    operation: str,
    request: Any,
    wire: WireRequest,
    *,
    may_decline: bool = False,
) -> AWSResponse:
    account_id, region = _caller(wire)
    response = serve(definition, operation, wire, account_id, region, may_decline=may_decline)
    # AWSResponse wraps any mapping in its own case-insensitive headers.
    headers: Any = response.headers
    return AWSResponse(request.url, response.status, headers, _Body(response.body))


def answer_unhooked(request: Any) -> AWSResponse:
    """Answer a request from a client that never got the hook (its session predates
    ``import certmock``), routing it as a server would: the service from the signature's
    scope, the operation from the wire. Refuse what certmock does not serve."""
    wire = _wire_request(request)
    scope = _CREDENTIAL_SCOPE.search(wire.header("authorization") or "")
    signing_name = scope.group(3) if scope else "unknown"
    service_name = _signing_names().get(signing_name)
    operation = "(unknown operation)"
    definition = None
    if service_name is not None:
        model = service_model(service_name)
        with contextlib.suppress(ProtocolError):
            operation = codec_for(model).operation_for(model, wire).name
        if service_name in RUNTIME.served:
            definition = registry.definition(service_name)
    if definition is None or operation not in definition.handlers:
        raise NotEmulatedError(
            _refusal(service_name or signing_name, operation)
            + " (This client's session was created before certmock was imported, so it "
            "could not be hooked; moto cannot answer for it either.)"
        )
    return _answer(definition, operation, request, wire)


@functools.cache
def _signing_names() -> dict[str, str]:
    return {service_model(name).signing_name: name for name in registry.KNOWN_SERVICES}


@functools.cache
def _service_names() -> dict[str, str]:
    return {event_service_id(name): name for name in registry.KNOWN_SERVICES}


def _moto_is_active() -> bool:
    moto_models = sys.modules.get("moto.core.models")
    stubber = getattr(moto_models, "botocore_stubber", None)
    return bool(getattr(stubber, "enabled", False))


def _keep_moto_out(request: Any) -> None:
    """botocore calls every before-send handler, not only until one answers, so moto's would
    still act on (and may fail on) a request certmock has answered. Mark the request and teach
    moto's handler to pass over marked requests."""
    request.certmock_served = True
    stubber_class = type(sys.modules["moto.core.models"].botocore_stubber)
    if getattr(stubber_class, "certmock_aware", False):
        return
    answer = stubber_class.__call__

    def answer_unless_served(self: Any, event_name: str, request: Any, **kwargs: Any) -> Any:
        if getattr(request, "certmock_served", False):
            return None
        return answer(self, event_name, request, **kwargs)

    stubber_class.__call__ = answer_unless_served
    stubber_class.certmock_aware = True


def _refusal(service: str, operation: str) -> str:
    """A short refusal that says what to do: the one useful line, not a catalogue."""
    refused = f"certmock does not emulate {service} {operation}; nothing was sent to AWS."
    if service not in registry.KNOWN_SERVICES:
        return (
            f"{refused} certmock covers {', '.join(registry.KNOWN_SERVICES)}; for other "
            "services run moto's mock_aws alongside certmock, which leaves them to moto."
        )
    if service not in RUNTIME.served:
        active = ", ".join(sorted({a.name for a in RUNTIME.activations}))
        factory = "mock_" + service.replace("-", "")  # mock_acmpca, mock_acm, ...
        return (
            f"{refused} The active mocks ({active}) do not include {service}: start "
            f"{factory} or mock_all, or use the certmock pytest fixture."
        )
    definition = registry.definition(service)
    served = len(definition.handlers) if definition else 0
    total = len(service_model(service).operation_names)
    return (
        f"{refused} certmock serves {served} of {service}'s {total} operations, listed with "
        f"the reason for each one it does not in docs/services/{service}.md; moto's mock_aws "
        "may answer the others when run alongside certmock."
    )


def _wire_request(request: Any) -> WireRequest:
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


def _caller(request: WireRequest) -> tuple[str, str]:
    """The (account, region) a call is made as: a 12-digit access key id names the account,
    any other key means the mock's account; the region comes from the signature's scope."""
    account_id = RUNTIME.default_account
    region = None
    scope = _CREDENTIAL_SCOPE.search(request.header("authorization") or "")
    if scope is not None:
        access_key, region, _ = scope.groups()
        if _ACCOUNT_ID.fullmatch(access_key):
            account_id = access_key
    if region is None:
        host = _HOST_REGION.search("." + (request.header("host") or ""))
        region = host.group(1) if host else DEFAULT_REGION
    return account_id, region


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
