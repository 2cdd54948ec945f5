"""Walking botocore shapes: timestamps, blobs and the JSON document form shared by the json
and rest-json protocols. Dispatch is on the shape's type name, as in botocore itself."""

from __future__ import annotations

import base64
import binascii
import calendar
import datetime as _dt
import email.utils
import math
import re
from collections.abc import Callable, Mapping
from typing import Any, NoReturn

from botocore.model import ListShape, MapShape, Shape, StructureShape
from botocore.utils import parse_timestamp as _botocore_parse_timestamp

from certmock.protocols.base import wire_name
from certmock.protocols.document_types import (
    SCALAR_CHECKS,
    WHOLE_NUMBER_RANGES,
    Mistyped,
    check_string,
    refuse,
)


def timestamp_format(shape: Shape, default: str) -> str:
    fmt: str = shape.serialization.get("timestampFormat", default)
    return fmt


def format_timestamp(value: _dt.datetime, fmt: str) -> str | float | int:
    """``value`` in one of the model's timestamp formats."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=_dt.timezone.utc)
    if fmt == "unixTimestamp":
        seconds = calendar.timegm(value.utctimetuple())
        return seconds + value.microsecond / 1_000_000 if value.microsecond else seconds
    utc = value.astimezone(_dt.timezone.utc)
    if fmt == "iso8601":
        if utc.microsecond:
            return utc.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        return utc.strftime("%Y-%m-%dT%H:%M:%SZ")
    if fmt == "rfc822":
        return email.utils.format_datetime(utc, usegmt=True)
    raise ValueError(f"unknown timestamp format {fmt!r}")


def parse_timestamp(value: Any) -> _dt.datetime:
    """Any of the wire forms botocore sends (epoch number or string, ISO 8601, RFC 822)."""
    if type(value) not in (int, float, str):
        refuse("a timestamp", value)
    try:
        parsed = _botocore_parse_timestamp(value)
        return parsed.astimezone(_dt.timezone.utc)
    except (ValueError, TypeError, OverflowError, OSError):
        # OverflowError and OSError: epoch seconds beyond what a datetime holds.
        raise Mistyped(f"Invalid timestamp: {str(value)[:64]!r}") from None


def decode_blob(value: Any) -> bytes:
    if type(value) is not str:
        refuse("a base64 string", value)
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise Mistyped("Invalid base64 in a blob member") from None


def encode_blob(value: bytes | str) -> str:
    raw = value.encode() if isinstance(value, str) else value
    return base64.b64encode(raw).decode("ascii")


_INTEGER_TEXT = re.compile(r"[+-]?[0-9]+")
_FLOAT_TEXT = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
# Smithy's spelling of the IEEE specials; float() alone would also take "inf" or "1_0".
_SPECIAL_FLOATS = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


def scalar_from_text(shape: Shape, text: str) -> Any:
    """A scalar sent as text (query parameters, URI labels, headers) as botocore's caller gave
    it. Raises ValueError when the text is not of the shape's type."""
    type_name = shape.type_name
    if type_name in ("integer", "long"):
        if _INTEGER_TEXT.fullmatch(text) is None:
            raise ValueError("not an integer")
        # Too many digits for any long is out of range without asking int() (which refuses
        # beyond 4,300 digits itself); leading zeros do not count.
        low, high = WHOLE_NUMBER_RANGES[type_name]
        number = int(text) if len(text.lstrip("+-").lstrip("0")) <= 20 else None
        if number is None or not low <= number <= high:
            raise ValueError(
                f"out of range for {'an' if type_name == 'integer' else 'a'} {type_name}"
            )
        return number
    if type_name in ("float", "double"):
        if text in _SPECIAL_FLOATS:
            return _SPECIAL_FLOATS[text]
        if _FLOAT_TEXT.fullmatch(text) is None:
            raise ValueError("not a number")
        return float(text)
    if type_name == "boolean":
        if text not in ("true", "false"):
            raise ValueError("not a boolean (true or false)")
        return text == "true"
    if type_name == "timestamp":
        try:
            return _botocore_parse_timestamp(text).astimezone(_dt.timezone.utc)
        except (ValueError, TypeError, OverflowError):
            raise ValueError("not a timestamp") from None
    if type_name == "blob":
        # binascii.Error is a ValueError, which is what callers catch.
        return base64.b64decode(text, validate=True)
    return text


def scalar_to_text(shape: Shape, value: Any, default_timestamp_format: str) -> str:
    """A scalar as text for an XML element or an HTTP header."""
    type_name = shape.type_name
    if type_name == "boolean":
        return "true" if value else "false"
    if type_name in ("float", "double"):
        number = float(value)
        if math.isnan(number):
            return "NaN"
        if math.isinf(number):
            return "Infinity" if number > 0 else "-Infinity"
        return repr(number)
    if type_name in ("integer", "long"):
        return str(int(value))
    if type_name == "timestamp":
        return str(format_timestamp(value, timestamp_format(shape, default_timestamp_format)))
    if type_name == "blob":
        return encode_blob(value)
    return str(value)


def unknown_member(shape: StructureShape, name: str) -> NoReturn:
    """A handler that returns a member its output shape lacks has a bug: say so loudly."""
    raise TypeError(f"{shape.name} has no member {name!r}; known: {sorted(shape.members)}")


_NO_MEMBERS: frozenset[str] = frozenset()


class OutputMembers:
    """Which members a result may carry: its shape's, and the ones ``newer`` (by structure
    name) says only newer models have, which are left out when the installed model lacks
    them. Any other member is a handler's bug (``unknown_member``). Consulted only for a
    member the shape lacks, so a result the model fits costs nothing more."""

    def __init__(self, newer: Mapping[str, frozenset[str]] | None = None) -> None:
        self._newer: Mapping[str, frozenset[str]] = newer or {}

    def leave_out(self, shape: StructureShape, name: str) -> None:
        """Return if ``shape`` lacks ``name`` only because the installed model is older."""
        if name not in self._newer.get(shape.name, _NO_MEMBERS):
            unknown_member(shape, name)

    def known(self, shape: StructureShape, result: Mapping[str, Any]) -> Mapping[str, Any]:
        """``result`` less the newer members ``shape`` lacks (itself when it lacks none)."""
        unknown = result.keys() - shape.members.keys()
        if not unknown:
            return result
        for name in sorted(unknown):
            self.leave_out(shape, name)
        return {name: value for name, value in result.items() if name not in unknown}


_MemberPlan = tuple[str, Shape, "Callable[[Shape, Any], Any] | None"]


class JsonDocument:
    """Shapes <-> the JSON document form (awsJson bodies, rest-json payloads).

    ``parse`` turns decoded JSON into the parameters botocore's caller gave; ``serialize``
    turns a handler's result into what AWS would put in the JSON document, leaving out the
    members ``newer`` lists when the installed model lacks them (see ``OutputMembers``).
    """

    def __init__(
        self,
        default_timestamp_format: str = "unixTimestamp",
        newer: Mapping[str, frozenset[str]] | None = None,
    ) -> None:
        self._timestamp_format = default_timestamp_format
        self.output = OutputMembers(newer)
        self._parsers: dict[str, Callable[[Shape, Any], Any]] = {
            "structure": self._parse_structure,  # type: ignore[dict-item]
            "list": self._parse_list,  # type: ignore[dict-item]
            "map": self._parse_map,  # type: ignore[dict-item]
            "timestamp": lambda _shape, value: parse_timestamp(value),
            "blob": lambda _shape, value: decode_blob(value),
            **SCALAR_CHECKS,
        }
        self._serializers: dict[str, Callable[[Shape, Any], Any]] = {
            "structure": self._serialize_structure,  # type: ignore[dict-item]
            "list": self._serialize_list,  # type: ignore[dict-item]
            "map": self._serialize_map,  # type: ignore[dict-item]
            "timestamp": self._serialize_timestamp,
            "blob": lambda _shape, value: encode_blob(value),
        }
        self._plans: dict[StructureShape, dict[str, _MemberPlan]] = {}
        self._wire_name_sets: dict[StructureShape, frozenset[str]] = {}
        self._flat: set[StructureShape] = set()

    # -- wire -> parameters ---------------------------------------------------------------
    def parse(self, shape: Shape, value: Any) -> Any:
        """``value`` as the parameter botocore's caller gave, checked against ``shape``;
        raises ``Mistyped`` (a ``SerializationException``) naming the member that is not."""
        parser = self._parsers.get(shape.type_name)
        return value if parser is None else parser(shape, value)

    def parse_members(
        self, shape: StructureShape, document: Mapping[Any, Any], names: list[str] | None = None
    ) -> dict[str, Any]:
        """The members of ``shape`` found in ``document`` (only ``names`` when given; then the
        caller answers for the document's other keys). A null member is an absent one, as
        with AWS; a key the shape does not have is refused, not ignored."""
        params: dict[str, Any] = {}
        wire_names = self._wire_names(shape)
        if names is None and not wire_names.issuperset(document):
            unknown = sorted(map(str, document.keys() - wire_names))
            raise Mistyped(f"Unknown member {unknown[0][:64]!r} in {shape.name}")
        members = shape.members
        for name in members if names is None else names:
            member = members[name]
            key = wire_name(name, member)
            item = document.get(key)
            if item is not None:
                try:
                    params[name] = self.parse(member, item)
                except Mistyped as mistyped:
                    raise mistyped.within(key) from None
        return params

    def _wire_names(self, shape: StructureShape) -> frozenset[str]:
        names = self._wire_name_sets.get(shape)
        if names is None:
            names = frozenset(wire_name(name, member) for name, member in shape.members.items())
            self._wire_name_sets[shape] = names
        return names

    def _parse_structure(self, shape: StructureShape, value: Any) -> dict[str, Any]:
        if not isinstance(value, dict):
            refuse(f"an object for {shape.name}", value)
        return self.parse_members(shape, value)

    def _parse_list(self, shape: ListShape, value: Any) -> list[Any]:
        if not isinstance(value, list):
            refuse(f"a list for {shape.name}", value)
        parsed: list[Any] = []
        for index, item in enumerate(value):
            try:
                if item is None:
                    refuse("a list item", item)
                parsed.append(self.parse(shape.member, item))
            except Mistyped as mistyped:
                raise mistyped.within(str(index)) from None
        return parsed

    def _parse_map(self, shape: MapShape, value: Any) -> dict[Any, Any]:
        if not isinstance(value, dict):
            refuse(f"an object for {shape.name}", value)
        parsed: dict[Any, Any] = {}
        for key, item in value.items():
            try:
                if item is None:
                    refuse("a map value", item)
                parsed[check_string(shape.key, key)] = self.parse(shape.value, item)
            except Mistyped as mistyped:
                raise mistyped.within(str(key)[:64]) from None  # a key is echoed, cut short
        return parsed

    # -- result -> wire -------------------------------------------------------------------
    def serialize(self, shape: Shape, value: Any) -> Any:
        serializer = self._serializer_for(shape)
        return value if serializer is None else serializer(shape, value)

    def _serializer_for(self, shape: Shape) -> Callable[[Shape, Any], Any] | None:
        return self._serializers.get(shape.type_name)

    def _plan(self, shape: StructureShape) -> dict[str, _MemberPlan]:
        """Per structure, computed once: each member's wire name, shape and serializer.
        Scalars that JSON carries as they are get no serializer at all (the hot path)."""
        plan = self._plans.get(shape)
        if plan is None:
            plan = {
                name: (wire_name(name, member), member, self._serializer_for(member))
                for name, member in shape.members.items()
            }
            self._plans[shape] = plan
            if all(key == name and serialize is None for name, (key, _, serialize) in plan.items()):
                self._flat.add(shape)
        return plan

    def serialize_members(
        self, shape: StructureShape, value: Mapping[str, Any], names: list[str] | None = None
    ) -> dict[str, Any]:
        plan = self._plan(shape)
        if names is None and shape in self._flat:
            # Only scalars under their own names (a Subject, a CrlConfiguration): copy them.
            if not value.keys() <= plan.keys():
                value = self.output.known(shape, value)
            return {name: item for name, item in value.items() if item is not None}
        document: dict[str, Any] = {}
        for name in value if names is None else names:
            item = value.get(name)
            if item is None:
                continue
            entry = plan.get(name)
            if entry is None:
                self.output.leave_out(shape, name)
                continue
            key, member, serializer = entry
            document[key] = item if serializer is None else serializer(member, item)
        return document

    def _serialize_structure(self, shape: StructureShape, value: Mapping[str, Any]) -> Any:
        return self.serialize_members(shape, value)

    def _serialize_list(self, shape: ListShape, value: list[Any]) -> list[Any]:
        return [self.serialize(shape.member, item) for item in value]

    def _serialize_map(self, shape: MapShape, value: Mapping[Any, Any]) -> dict[Any, Any]:
        return {key: self.serialize(shape.value, item) for key, item in value.items()}

    def _serialize_timestamp(self, shape: Shape, value: _dt.datetime) -> Any:
        return format_timestamp(value, timestamp_format(shape, self._timestamp_format))
