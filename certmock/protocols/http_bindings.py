"""restJson1 members bound to HTTP rather than to the body: scalars as text in URI labels, the
query string and headers, lists as comma-separated headers, ``jsonvalue`` strings as base64
JSON, and prefixed header maps."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from typing import Any

from botocore.model import ListShape, Shape, StructureShape

from certmock.protocols.base import ProtocolError, wire_name
from certmock.protocols.shapes import scalar_from_text, scalar_to_text, timestamp_format


def location(member: Shape) -> str | None:
    """Where a member travels (``uri``, ``querystring``, ``header``, ``headers``,
    ``statusCode``); None for the body."""
    found: str | None = member.serialization.get("location")
    return found


def dumps(document: Any) -> bytes:
    return json.dumps(document, separators=(",", ":")).encode()


def _is_json_value(member: Shape) -> bool:
    return member.type_name == "string" and bool(member.serialization.get("jsonvalue"))


def from_text(shape: Shape, text: str, where: str) -> Any:
    """A scalar sent as text, as botocore's caller gave it; ``where`` names it in the error."""
    try:
        return scalar_from_text(shape, text)
    except ValueError as invalid:
        shown = text if len(text) <= 256 else f"{text[:256]}..."
        message = f"Invalid value {shown!r} for {where}: {invalid}"
        raise ProtocolError("SerializationException", message) from None


def _split_header_list(text: str) -> list[str]:
    """A comma-separated header list, where an item may be a quoted string (RFC 7230)."""
    items: list[str] = []
    current: list[str] = []
    quoted = escaped = False
    for char in text:
        if escaped:
            current.append(char)
            escaped = False
        elif quoted and char == "\\":
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            items.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    items.append("".join(current).strip())
    return items


def _quote_header_item(text: str) -> str:
    if '"' in text or "," in text:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


def from_header(member: Shape, text: str, name: str) -> Any:
    """The value of ``member`` sent in header ``name``."""
    if isinstance(member, ListShape):
        items = _split_header_list(text)
        item_shape = member.member
        if item_shape.type_name == "timestamp" and timestamp_format(item_shape, "rfc822") == (
            "rfc822"
        ):
            # An HTTP date has a comma of its own ("Mon, 24 May 2021 ..."): pair the halves.
            items = [",".join(items[index : index + 2]) for index in range(0, len(items), 2)]
        return [from_text(item_shape, item, f"header {name}") for item in items]
    if _is_json_value(member):
        try:
            return json.loads(base64.b64decode(text, validate=True))
        except (binascii.Error, ValueError):
            raise ProtocolError(
                "SerializationException", f"Header {name} is not base64-encoded JSON"
            ) from None
    return from_text(member, text, f"header {name}")


def _to_header(member: Shape, value: Any) -> str:
    if isinstance(member, ListShape):
        item_shape = member.member
        texts = [scalar_to_text(item_shape, item, "rfc822") for item in value if item is not None]
        if item_shape.type_name == "string":
            texts = [_quote_header_item(text) for text in texts]
        return ",".join(texts)
    if _is_json_value(member):
        return base64.b64encode(dumps(value)).decode("ascii")
    return scalar_to_text(member, value, "rfc822")


def _set_header(headers: dict[str, str], name: str, value: str) -> None:
    """Header names are case-insensitive: a member's header replaces a default one."""
    for existing in [key for key in headers if key.lower() == name.lower()]:
        del headers[existing]
    headers[name] = value


def write_headers(
    headers: dict[str, str], shape: StructureShape, values: Mapping[str, Any]
) -> list[str]:
    """Put the members of ``values`` bound to headers into ``headers``; return the names of the
    others (status code, payload and body members) for the caller to place."""
    rest: list[str] = []
    for name, value in values.items():
        if value is None:
            continue
        member = shape.members[name]
        where = location(member)
        if where == "header":
            _set_header(headers, wire_name(name, member), _to_header(member, value))
        elif where == "headers":
            prefix = wire_name(name, member)
            for key, item in value.items():
                _set_header(headers, prefix + key, str(item))
        else:
            rest.append(name)
    return rest
