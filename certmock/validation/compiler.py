"""Turning an input shape into checks: closures holding only the members and constraints that
can fail, so that a call does no work for the rest of the model."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from botocore.model import ListShape, MapShape, Shape, StructureShape

from certmock.validation.bounds import ExtraBounds, tighter
from certmock.validation.java_patterns import matcher
from certmock.validation.wording import NOT_NULL, message

Test = Callable[[Any], list[str]]
"""The constraints a value itself breaks, as AWS words them (empty when it satisfies them)."""

Walk = Callable[[Any, str, list[str]], None]
"""Validates what is inside a value found at a path, appending one message per violation."""

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


class Node(NamedTuple):
    test: Test | None
    walk: Walk | None
    sensitive: bool
    rules: str
    """Every constraint of the shape, for the ``Map keys must satisfy constraint: [...]`` form."""


def _test(shape: Shape, extra: ExtraBounds | None = None) -> tuple[Test | None, str]:
    """The check of ``shape``'s own constraints (tightened by ``extra``'s bounds), and all of
    them listed for map messages."""
    accepts = _ACCEPTS.get(shape.type_name)
    if accepts is None:
        return None, ""
    meta = shape.metadata
    sized = shape.type_name not in _NUMERIC
    word = "length" if sized else "value"
    low: int | float | None = meta.get("min")
    high: int | float | None = meta.get("max")
    if extra is not None:
        low = tighter(low, extra.low, max)
        high = tighter(high, extra.high, min)
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
    matches = None if java_pattern is None else matcher(java_pattern)
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


class Compiler:
    """Turns a shape tree into ``Node``s. Structures are remembered by name, which both shares
    the work between members of the same shape and ends recursion in recursive shapes."""

    def __init__(self) -> None:
        self._structures: dict[str, Node | None] = {}

    def node(self, shape: Shape, extra: ExtraBounds | None = None) -> Node | None:
        """``None`` when nothing about a value of ``shape`` can fail. ``extra``: the bounds a
        service adds at this place of the input and below it."""
        if getattr(shape, "is_document_type", False):
            return None
        if isinstance(shape, StructureShape):
            return self._structure(shape, extra.inner if extra is not None else None)
        test, rules = _test(shape, extra)
        walk: Walk | None = None
        if isinstance(shape, ListShape):
            # A path through a list names the members of its items.
            walk = self._list(
                shape, ExtraBounds(inner=extra.inner) if extra and extra.inner else None
            )
        elif isinstance(shape, MapShape):
            walk = self._map(shape)
        if test is None and walk is None:
            return None
        return Node(test, walk, bool(shape.metadata.get("sensitive")), rules)

    def _structure(
        self, shape: StructureShape, extras: dict[str, ExtraBounds] | None = None
    ) -> Node | None:
        # A structure on the path of an extra bound is compiled for that place alone; the
        # same shape elsewhere is the shared, remembered one.
        shared = not extras
        if shared and shape.name in self._structures:
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
                        errors.append(message(None, prefix + segment, NOT_NULL, sensitive))
                    continue
                if test is not None:
                    for text in test(member):
                        errors.append(message(member, prefix + segment, text, sensitive))
                if inner is not None:
                    inner(member, prefix + segment, errors)

        # Registered before the members are compiled, so that a recursive reference finds it.
        node = Node(None, walk, bool(shape.metadata.get("sensitive")), "")
        if shared:
            self._structures[shape.name] = node
        required_names = set(shape.required_members)
        for name, member_shape in shape.members.items():
            child = self.node(member_shape, extras.get(name) if extras else None)
            required = name in required_names
            if child is None and not required:
                continue  # it can never fail: skip it on every call
            sensitive = bool(member_shape.metadata.get("sensitive"))
            test, inner = (None, None) if child is None else (child.test, child.walk)
            members.append((name, _lower_camel(name), required, sensitive, test, inner))
        if not members:
            if shared:
                self._structures[shape.name] = None
            return None
        return node

    def _list(self, shape: ListShape, extra: ExtraBounds | None = None) -> Walk | None:
        item = self.node(shape.member, extra)
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
                        errors.append(message(element, f"{path}.{index}.member", text, sensitive))
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
                errors.append(message(value, path, key_constraint, sensitive))
            if value_test is not None and any(
                value_test(v) for v in value.values() if v is not None
            ):
                errors.append(message(value, path, value_constraint, sensitive))
            if value_walk is not None:
                for k, v in value.items():
                    if v is not None:
                        value_walk(v, f"{path}.{k}.member", errors)

        return walk
