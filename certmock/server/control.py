"""The control API: the running mock's handle over HTTP, as JSON, one to one.

``GET health``; ``GET clock``; ``POST clock/advance`` (``days``, ``hours``, ``minutes``,
``seconds``); ``POST clock/freeze`` (``now``); ``POST clock/unfreeze``; ``POST reset``;
``GET calls``; ``GET events``; ``GET controls`` (what follows, self-described); and, for each
test control of the handle (``acm``, ``acmpca``, ``organization``, ``objects``), ``POST
<control>/<method>`` with the keyword arguments as a JSON object, ``GET <control>/<property>``
and ``PUT <control>/<property>`` with ``{"value": ...}``. Values JSON cannot hold travel as
``certmock.wirejson`` tags them. All under ``/_certmock/``.
"""

from __future__ import annotations

import datetime as _dt
import inspect
import json
from collections.abc import Callable, Mapping
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from certmock import wirejson
from certmock.errors import ServiceError
from certmock.mock import Mock
from certmock.objects import ObjectStore
from certmock.organization_handle import OrganizationHandle
from certmock.protocols import WireResponse
from certmock.services.registry import SERVICES
from certmock.timeparse import to_utc_datetime
from certmock.world import Call

CONTROL_PREFIX = "/_certmock/"
Handle = Mock

# The handle's test controls: what each is called on the handle, and its class (whose public
# methods and properties the API lists and serves).
_CONTROL_TYPES: dict[str, Any] = {
    service.controls_name: service.controls
    for service in SERVICES
    if service.controls_name is not None and service.controls is not None
}
_CONTROL_TYPES["organization"] = OrganizationHandle
_CONTROL_TYPES["objects"] = ObjectStore
_ADVANCE_UNITS = ("days", "hours", "minutes", "seconds")
# What a control raises for a bad request; anything else is certmock's fault (a 500).
_CALLER_ERRORS = (ValueError, KeyError, LookupError, TypeError, RuntimeError, ServiceError)


class ControlError(Exception):
    def __init__(self, status: int, kind: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.kind = kind
        self.message = message


def respond(handle: Mock, method: str, path: str, body: bytes) -> WireResponse:
    """The WSGI app's answer to one control request (``path`` without the prefix)."""
    try:
        status, document = _route(handle, method, path.strip("/"), _arguments(body))
    except ControlError as refused:
        status, document = refused.status, {"error": refused.kind, "message": refused.message}
    except _CALLER_ERRORS as raised:
        status = 400
        document = {"error": type(raised).__name__, "message": _message(raised)}
    return WireResponse(
        status, {"Content-Type": "application/json"}, json.dumps(document).encode("utf-8")
    )


def _message(raised: BaseException) -> str:
    if isinstance(raised, KeyError) and raised.args:
        return str(raised.args[0])
    return str(raised)


def _arguments(body: bytes) -> dict[str, Any]:
    if not body.strip():
        return {}
    try:
        document = json.loads(body)
    except ValueError:
        raise ControlError(400, "BadRequest", "the body is not JSON") from None
    if not isinstance(document, dict):
        raise ControlError(400, "BadRequest", "the body must be a JSON object")
    try:
        decoded: dict[str, Any] = wirejson.decode(document)
    except ValueError as malformed:
        raise ControlError(400, "BadRequest", str(malformed)) from None
    return decoded


def _route(handle: Mock, method: str, path: str, arguments: dict[str, Any]) -> tuple[int, Any]:
    fixed = _FIXED.get(path)
    if fixed is not None:
        wanted, run = fixed
        if method != wanted:
            raise ControlError(405, "MethodNotAllowed", f"{path} takes {wanted}, not {method}")
        return 200, run(handle, arguments)
    name, _, member = path.partition("/")
    if name not in _CONTROL_TYPES or not member or "/" in member or member.startswith("_"):
        raise ControlError(
            404,
            "NotFound",
            f"no control at {CONTROL_PREFIX}{path}; GET {CONTROL_PREFIX}controls lists them",
        )
    return 200, _control(handle, name, member, method, arguments)


def _control(handle: Mock, name: str, member: str, method: str, arguments: dict[str, Any]) -> Any:
    target = getattr(handle, name)
    attribute = inspect.getattr_static(type(target), member, None)
    if isinstance(attribute, property):
        if method == "PUT":
            if attribute.fset is None or set(arguments) != {"value"}:
                raise ControlError(400, "BadRequest", f"PUT {name}/{member} takes {{'value'}}")
            setattr(target, member, arguments["value"])
        elif method != "GET":
            raise ControlError(405, "MethodNotAllowed", f"{name}/{member} takes GET or PUT")
        return {"value": _encode(getattr(target, member))}
    if attribute is None or not callable(attribute):
        raise ControlError(404, "NotFound", f"{name} has no control {member!r}")
    if method != "POST":
        raise ControlError(405, "MethodNotAllowed", f"{name}/{member} takes POST")
    bound = getattr(target, member)
    try:
        inspect.signature(bound).bind(**arguments)
    except TypeError as mismatch:
        raise ControlError(400, "BadRequest", f"{name}.{member}: {mismatch}") from None
    return {"result": _encode(bound(**arguments))}


def _encode(value: Any) -> Any:
    try:
        return wirejson.encode(value)
    except TypeError:
        return {"$repr": repr(value)}  # an object of certmock's own, shown, not shipped


def _now(handle: Mock) -> dict[str, Any]:
    return {"now": handle.clock.now().isoformat()}


def _health(handle: Mock, _: Mapping[str, Any]) -> dict[str, Any]:
    try:
        release = version("certmock")
    except PackageNotFoundError:  # run from a source tree
        release = "unknown"
    return {"status": "ok", "version": release, "services": sorted(handle.services)}


def _clock(handle: Mock, _: Mapping[str, Any]) -> dict[str, Any]:
    return {**_now(handle), "frozen": handle.clock.frozen}


def _advance(handle: Mock, arguments: Mapping[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(arguments) - set(_ADVANCE_UNITS))
    if unknown:
        raise ControlError(
            400, "BadRequest", f"clock/advance takes {', '.join(_ADVANCE_UNITS)}, not {unknown}"
        )
    for unit, amount in arguments.items():
        if isinstance(amount, bool) or not isinstance(amount, (int, float)):
            raise ControlError(400, "BadRequest", f"{unit} must be a number, not {amount!r}")
    handle.clock.advance(**arguments)
    return _now(handle)


def _freeze(handle: Mock, arguments: Mapping[str, Any]) -> dict[str, Any]:
    if set(arguments) - {"now"}:
        raise ControlError(400, "BadRequest", "clock/freeze takes only 'now'")
    when = arguments.get("now")
    if when is not None and not isinstance(when, (str, _dt.datetime)):
        raise ControlError(400, "BadRequest", "now must be an ISO-8601 date-time")
    handle.clock.freeze(None if when is None else to_utc_datetime(when))
    return _now(handle)


def _unfreeze(handle: Mock, _: Mapping[str, Any]) -> dict[str, Any]:
    handle.clock.unfreeze()
    return _now(handle)


def _reset(handle: Mock, _: Mapping[str, Any]) -> dict[str, Any]:
    handle.reset()
    return _now(handle)


def _call(call: Call) -> dict[str, Any]:
    error = call.error
    return {
        "service": call.service,
        "operation": call.operation,
        "account_id": call.account_id,
        "region": call.region,
        "parameters": _encode(call.parameters),
        "time": call.time.isoformat(),
        "result": None if call.result is None else _encode(call.result),
        "error": None if error is None else {"code": error.code, "message": error.message},
    }


def _calls(handle: Mock, _: Mapping[str, Any]) -> list[dict[str, Any]]:
    with handle.world.lock:
        calls = list(handle.calls)
    return [_call(call) for call in calls]


def _events(handle: Mock, _: Mapping[str, Any]) -> Any:
    return _encode(list(handle.events))


def _controls(_handle: Mock, _: Mapping[str, Any]) -> dict[str, Any]:
    return {name: _describe(kind) for name, kind in _CONTROL_TYPES.items()}


def _describe(kind: type) -> dict[str, Any]:
    methods: dict[str, list[str]] = {}
    properties: list[str] = []
    for member, attribute in sorted(vars(kind).items()):
        if member.startswith("_"):
            continue
        if isinstance(attribute, property):
            properties.append(member)
        elif callable(attribute):
            parameters = list(inspect.signature(attribute).parameters)[1:]
            methods[member] = parameters
    return {"methods": methods, "properties": properties}


_FIXED: dict[str, tuple[str, Callable[[Mock, Mapping[str, Any]], Any]]] = {
    "health": ("GET", _health),
    "clock": ("GET", _clock),
    "clock/advance": ("POST", _advance),
    "clock/freeze": ("POST", _freeze),
    "clock/unfreeze": ("POST", _unfreeze),
    "reset": ("POST", _reset),
    "calls": ("GET", _calls),
    "events": ("GET", _events),
    "controls": ("GET", _controls),
}
