"""Python values over the server's control API, as JSON: what a test control takes and
returns (datetimes, durations, bytes, errors) survives the trip both ways.

JSON has strings and numbers only, so a value JSON cannot hold is sent as a one-key object
naming its type: ``{"$datetime": "2026-01-01T00:00:00+00:00"}``, ``{"$timedelta": 90.0}``
(seconds), ``{"$bytes": "<base64>"}``. Shared by the server and ``certmock.remote``.
"""

from __future__ import annotations

import base64
import binascii
import datetime as _dt
from collections.abc import Callable, Mapping
from typing import Any

from certmock.timeparse import to_utc_datetime


def encode(value: Any) -> Any:
    """``value`` as JSON-ready data; raises ``TypeError`` for what has no JSON form."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, _dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, _dt.timedelta):
        return {"$timedelta": value.total_seconds()}
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"$bytes": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, Mapping):
        return {str(key): encode(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [encode(item) for item in value]
    raise TypeError(f"{type(value).__name__} has no JSON form on the control API")


def _bytes(text: Any) -> bytes:
    if not isinstance(text, str):
        raise ValueError("$bytes takes a base64 string")
    try:
        return base64.b64decode(text, validate=True)
    except binascii.Error:
        raise ValueError(f"$bytes is not valid base64: {text[:40]!r}") from None


def _timedelta(seconds: Any) -> _dt.timedelta:
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
        raise ValueError("$timedelta takes a number of seconds")
    return _dt.timedelta(seconds=seconds)


def _datetime(text: Any) -> _dt.datetime:
    if not isinstance(text, str):
        raise ValueError("$datetime takes an ISO-8601 string")
    return to_utc_datetime(text)


_TAGGED: Mapping[str, Callable[[Any], Any]] = {
    "$datetime": _datetime,
    "$timedelta": _timedelta,
    "$bytes": _bytes,
}


def decode(value: Any) -> Any:
    """The Python value ``encode`` made; raises ``ValueError`` for a malformed tagged value."""
    if isinstance(value, dict):
        if len(value) == 1:
            ((key, item),) = value.items()
            convert = _TAGGED.get(key)
            if convert is not None:
                return convert(item)
        return {key: decode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [decode(item) for item in value]
    return value
