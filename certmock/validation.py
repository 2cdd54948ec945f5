"""Server-side input validation: the constraints AWS enforces on a request, worded as AWS words
them.

botocore checks only ``required``, types and ``min`` before sending; AWS's servers also reject
values that break ``max``, ``pattern`` or ``enum``. ``validate`` applies all of them to the
parsed input parameters and raises the ``ValidationException`` AWS would return::

    1 validation error detected: Value '31' at 'permanentDeletionTimeInDays' failed to satisfy
    constraint: Member must have value less than or equal to 30

Each input shape is compiled once into closures that hold only the members and constraints that
can fail, so a call does no work for the rest of the model.
"""

from __future__ import annotations

import datetime as _dt
import functools
import weakref
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

import regex
from botocore.model import ListShape, MapShape, Shape, StructureShape

from certmock.errors import ServiceError

__all__ = ["validate"]

Test = Callable[[Any], list[str]]
"""The constraints a value itself breaks, as AWS words them (empty when it satisfies them)."""

Walk = Callable[[Any, str, list[str]], None]
"""Validates what is inside a value found at a path, appending one message per violation."""

_NOT_NULL = "Member must not be null"
_NUMERIC = frozenset({"integer", "long", "float", "double", "bigInteger", "bigDecimal"})
# The Python types a parsed value of each constrained shape type has; anything else is the
# wire layer's business, so it is left alone rather than crashing len() or the regex engine.
_ACCEPTS: dict[str, tuple[type[Any], ...]] = {
    "string": (str,),
    "blob": (bytes, bytearray, str),
    "list": (list, tuple),
    "map": (dict,),
    **dict.fromkeys(_NUMERIC, (int, float)),
}


class _Node(NamedTuple):
    test: Test | None
    walk: Walk | None
    sensitive: bool
    rules: str
    """Every constraint of the shape, for the ``Map keys must satisfy constraint: [...]`` form."""


# -- patterns ------------------------------------------------------------------------------------

# Java spells some things differently from the ``regex`` package, and gives \w, \d, \s and the
# POSIX classes ASCII meanings where ``regex`` gives Unicode ones. Each replacement is a bracketed
# set, which version 1 syntax accepts inside a class as well as outside it; version 1 also gives
# Java's ``&&`` class intersection.
_POSIX_CLASSES = {
    "Lower": "a-z",
    "Upper": "A-Z",
    "ASCII": r"\x00-\x7F",
    "Alpha": "a-zA-Z",
    "Digit": "0-9",
    "Alnum": "a-zA-Z0-9",
    "Punct": r"!-/:-@\[-`{-~",
    "Graph": "!-~",
    "Print": " -~",
    "Blank": r" \t",
    "Cntrl": r"\x00-\x1F\x7F",
    "XDigit": "0-9a-fA-F",
    "Space": r" \t\n\x0B\f\r",
    "LD": r"\p{L}\p{Nd}",  # Character.isLetterOrDigit
    "all": r"\s\S",
}
_SHORTHANDS = {"w": "a-zA-Z_0-9", "d": "0-9", "s": r" \t\n\x0B\f\r"}
_JAVA_ESCAPE = regex.compile(
    r"""\\(?:
        (?P<property>[pP])\{(?P<name>\w+)\}
      | x\{(?P<hex>[0-9a-fA-F]+)\}
      | u(?P<high>[dD][89abAB][0-9a-fA-F]{2})\\u(?P<low>[dD][c-fC-F][0-9a-fA-F]{2})
      | (?P<char>.)
    )""",
    regex.VERBOSE | regex.DOTALL,
)


def _java_escape(match: regex.Match[str]) -> str:
    if match["property"] is not None:
        ranges = _POSIX_CLASSES.get(match["name"])
        if ranges is None:
            return match[0]
        return ("[" if match["property"] == "p" else "[^") + ranges + "]"
    if match["hex"] is not None:
        return f"\\U{int(match['hex'], 16):08X}"
    if match["high"] is not None:
        # Java patterns are UTF-16: a surrogate pair stands for one supplementary code point.
        code = 0x10000 + ((int(match["high"], 16) - 0xD800) << 10) + int(match["low"], 16) - 0xDC00
        return f"\\U{code:08X}"
    char: str = match["char"]
    ranges = _SHORTHANDS.get(char.lower())
    if ranges is not None:
        return ("[" if char.islower() else "[^") + ranges + "]"
    return r"\Z" if char == "z" else match[0]


@functools.cache
def _matcher(java_pattern: str) -> Callable[[str], bool] | None:
    """Whether a whole value matches ``java_pattern``; ``None`` if it cannot be compiled."""
    try:
        compiled = regex.compile(_JAVA_ESCAPE.sub(_java_escape, java_pattern), regex.VERSION1)
    except regex.error:
        # A pattern Java accepts and ``regex`` cannot read is not checked, rather than making
        # every call to the operation fail.
        return None

    def fullmatch(value: str) -> bool:
        return compiled.fullmatch(value) is not None

    # Tests send the same ARNs and names again and again, and a match costs a microsecond or
    # more. Only short values are remembered, so the memory this takes stays small.
    remembered = functools.lru_cache(maxsize=1024)(fullmatch)

    def matches(value: str) -> bool:
        return remembered(value) if len(value) <= 256 else fullmatch(value)

    return matches


# -- messages ------------------------------------------------------------------------------------


def _render(value: Any) -> str:
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
        return "{" + ", ".join(f"{_render(k)}={_render(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_render(item) for item in value) + "]"
    if isinstance(value, _dt.datetime):
        return value.isoformat()
    return str(value)


def _message(value: Any, path: str, constraint: str, sensitive: bool) -> str:
    if sensitive:
        # AWS leaves the value of a member the model marks sensitive out of the message.
        shown = "Value"
    elif value is None:
        shown = "Value null"
    else:
        shown = f"Value '{_render(value)}'"
    return f"{shown} at '{path}' failed to satisfy constraint: {constraint}"


def _summary(errors: list[str]) -> str:
    plural = "s" if len(errors) > 1 else ""
    return f"{len(errors)} validation error{plural} detected: {'; '.join(errors)}"


# -- compiling shapes ----------------------------------------------------------------------------


def _test(shape: Shape) -> tuple[Test | None, str]:
    """The check of ``shape``'s own constraints, and all of them listed for map messages."""
    accepts = _ACCEPTS.get(shape.type_name)
    if accepts is None:
        return None, ""
    meta = shape.metadata
    sized = shape.type_name not in _NUMERIC
    word = "length" if sized else "value"
    low: int | float | None = meta.get("min")
    high: int | float | None = meta.get("max")
    java_pattern: str | None = meta.get("pattern") if shape.type_name == "string" else None
    enum: list[str] | None = meta.get("enum") if shape.type_name == "string" else None

    low_text = f"Member must have {word} greater than or equal to {low}"
    high_text = f"Member must have {word} less than or equal to {high}"
    pattern_text = f"Member must satisfy regular expression pattern: {java_pattern}"
    enum_text = f"Member must satisfy enum value set: [{', '.join(enum or ())}]"
    # AWS lists a map's key or value constraints largest bound first.
    rules = ", ".join(
        text
        for text, present in (
            (high_text, high is not None),
            (low_text, low is not None),
            (pattern_text, java_pattern is not None),
            (enum_text, enum is not None),
        )
        if present
    )

    if sized and low is not None and low <= 0:
        low = None  # no length is below zero
    matches = None if java_pattern is None else _matcher(java_pattern)
    allowed = None if enum is None else frozenset(enum)
    if low is None and high is None and matches is None and allowed is None:
        return None, rules

    def test(value: Any) -> list[str]:
        failed: list[str] = []
        if not isinstance(value, accepts):
            return failed
        size = len(value) if sized else value
        if low is not None and size < low:
            failed.append(low_text)
        if high is not None and size > high:
            failed.append(high_text)
        if matches is not None and not matches(value):
            failed.append(pattern_text)
        if allowed is not None and value not in allowed:
            failed.append(enum_text)
        return failed

    return test, rules


def _lower_camel(name: str) -> str:
    return name[:1].lower() + name[1:]


class _Compiler:
    """Turns a shape tree into ``_Node``s. Structures are remembered by name, which both shares
    the work between members of the same shape and ends recursion in recursive shapes."""

    def __init__(self) -> None:
        self._structures: dict[str, _Node | None] = {}

    def node(self, shape: Shape) -> _Node | None:
        """``None`` when nothing about a value of ``shape`` can fail."""
        if getattr(shape, "is_document_type", False):
            return None
        if isinstance(shape, StructureShape):
            return self._structure(shape)
        test, rules = _test(shape)
        walk: Walk | None = None
        if isinstance(shape, ListShape):
            walk = self._list(shape)
        elif isinstance(shape, MapShape):
            walk = self._map(shape)
        if test is None and walk is None:
            return None
        return _Node(test, walk, bool(shape.metadata.get("sensitive")), rules)

    def _structure(self, shape: StructureShape) -> _Node | None:
        if shape.name in self._structures:
            return self._structures[shape.name]
        members: list[tuple[str, str, bool, bool, Test | None, Walk | None]] = []

        def walk(value: Any, path: str, errors: list[str]) -> None:
            if not isinstance(value, dict):
                return
            prefix = f"{path}." if path else ""
            for name, segment, required, sensitive, test, inner in members:
                member = value.get(name)
                if member is None:
                    if required:
                        errors.append(_message(None, prefix + segment, _NOT_NULL, sensitive))
                    continue
                if test is not None:
                    for text in test(member):
                        errors.append(_message(member, prefix + segment, text, sensitive))
                if inner is not None:
                    inner(member, prefix + segment, errors)

        # Registered before the members are compiled, so that a recursive reference finds it.
        node = _Node(None, walk, bool(shape.metadata.get("sensitive")), "")
        self._structures[shape.name] = node
        required_names = set(shape.required_members)
        for name, member_shape in shape.members.items():
            child = self.node(member_shape)
            required = name in required_names
            if child is None and not required:
                continue  # it can never fail: skip it on every call
            sensitive = bool(member_shape.metadata.get("sensitive"))
            test, inner = (None, None) if child is None else (child.test, child.walk)
            members.append((name, _lower_camel(name), required, sensitive, test, inner))
        if not members:
            self._structures[shape.name] = None
            return None
        return node

    def _list(self, shape: ListShape) -> Walk | None:
        item = self.node(shape.member)
        if item is None:
            return None
        test, inner, sensitive = item.test, item.walk, item.sensitive

        def walk(value: Any, path: str, errors: list[str]) -> None:
            if not isinstance(value, (list, tuple)):
                return
            for index, element in enumerate(value, 1):
                if element is None:
                    continue
                if test is not None:
                    for text in test(element):
                        errors.append(_message(element, f"{path}.{index}.member", text, sensitive))
                if inner is not None:
                    inner(element, f"{path}.{index}.member", errors)

        return walk

    def _map(self, shape: MapShape) -> Walk | None:
        # AWS reports a map's bad keys (and, separately, its bad values) once, against the map,
        # listing every constraint of the key (value) shape.
        key = self.node(shape.key)
        value_node = self.node(shape.value)
        key_test = None if key is None else key.test
        value_test = None if value_node is None else value_node.test
        value_walk = None if value_node is None else value_node.walk
        if key_test is None and value_test is None and value_walk is None:
            return None
        key_constraint = f"Map keys must satisfy constraint: [{'' if key is None else key.rules}]"
        value_constraint = (
            f"Map value must satisfy constraint: [{'' if value_node is None else value_node.rules}]"
        )
        sensitive = bool(shape.metadata.get("sensitive"))

        def walk(value: Any, path: str, errors: list[str]) -> None:
            if not isinstance(value, dict):
                return
            if key_test is not None and any(key_test(k) for k in value):
                errors.append(_message(value, path, key_constraint, sensitive))
            if value_test is not None and any(
                value_test(v) for v in value.values() if v is not None
            ):
                errors.append(_message(value, path, value_constraint, sensitive))
            if value_walk is not None:
                for k, v in value.items():
                    if v is not None:
                        value_walk(v, f"{path}.{k}.member", errors)

        return walk


def _nothing(value: Any, path: str, errors: list[str]) -> None:
    """The check of an input in which nothing can fail."""


# Compiled input shapes by id(). Each entry holds a weak reference whose callback drops the
# entry when botocore lets go of the shape, so a long test run that builds many clients does
# not grow the cache and a recycled id() never meets a stale entry.
_compiled: dict[int, tuple[Walk, weakref.ref[Shape]]] = {}


def _compile(shape: Shape) -> Walk:
    node = _Compiler().node(shape)
    walk = _nothing if node is None or node.walk is None else node.walk
    key = id(shape)
    _compiled[key] = (walk, weakref.ref(shape, lambda _ref: _compiled.pop(key, None)))
    return walk


def validate(
    shape: Shape | None, params: Mapping[str, Any], error_code: str = "ValidationException"
) -> None:
    """Raise the ``ServiceError`` AWS returns when ``params`` break ``shape``'s constraints.

    ``shape`` is an operation's input structure (``None`` for an operation without input);
    ``params`` are its members as the caller gave them (blobs as bytes). Every violation is
    reported, members in model order, each member's in the order required, length or range,
    pattern, enum.
    """
    if shape is None:
        return
    entry = _compiled.get(id(shape))
    walk = entry[0] if entry is not None else _compile(shape)
    errors: list[str] = []
    # The compiled checks look for dicts, which is what the codecs produce.
    walk(params if isinstance(params, dict) else dict(params), "", errors)
    if errors:
        raise ServiceError(error_code, _summary(errors))
