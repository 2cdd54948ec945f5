"""How AWS's Java servers word a violated constraint: the value as Java prints it, the path, the
constraint, and the count of violations before them."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import Any

NOT_NULL = "Member must not be null"


def render(value: Any) -> str:
    """``value`` as AWS's Java servers print it."""
    if isinstance(value, str):
        return value
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (bytes, bytearray)):
        return f"java.nio.HeapByteBuffer[pos=0 lim={len(value)} cap={len(value)}]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{render(k)}={render(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(render(item) for item in value) + "]"
    if isinstance(value, _dt.datetime):
        return value.isoformat()
    return str(value)


def message(value: Any, path: str, constraint: str, sensitive: bool) -> str:
    if sensitive:
        # AWS leaves the value of a member the model marks sensitive out of the message.
        shown = "Value"
    elif value is None:
        shown = "Value null"
    else:
        shown = f"Value '{render(value)}'"
    return f"{shown} at '{path}' failed to satisfy constraint: {constraint}"


def summary(errors: list[str]) -> str:
    plural = "s" if len(errors) > 1 else ""
    return f"{len(errors)} validation error{plural} detected: {'; '.join(errors)}"
