"""Hypothesis strategies for botocore shapes, in four modes (see ``tests/fuzz/__init__.py``).

Everything a strategy respects or breaks (types, enums, lengths, ranges, patterns, required
members, unions) is read from the installed botocore model; nothing here names a service.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Callable, Mapping
from typing import Any, Literal

import regex
from botocore.model import ListShape, MapShape, OperationModel, Shape, StructureShape
from hypothesis import strategies as st

from tests.fuzz.pool import Pool
from tests.fuzz.values import (
    deep_nesting,
    edge_floats,
    edge_integers,
    edge_sizes,
    edge_texts,
    edge_timestamps,
    hashable_wrong_value,
    mangled,
    wrong_value,
)

Mode = Literal["well_typed", "boundary", "rule_breaking", "ill_typed"]
MODES: tuple[Mode, ...] = ("well_typed", "boundary", "rule_breaking", "ill_typed")

# Keeps examples fast: no generated collection or free text grows past these.
MAX_ITEMS = 4
MAX_TEXT = 48
MAX_DEPTH = 7
_INT_RANGE = {"integer": (-(2**31), 2**31 - 1), "long": (-(2**63), 2**63 - 1)}
_UTC = dt.timezone.utc
# Letters and digits, a few beyond ASCII (an explicit alphabet: the oldest hypothesis this
# project declares names character categories differently from the newest).
_LETTERS = string.ascii_letters + "éßøЖж中文"
_LETTERS_AND_DIGITS = _LETTERS + string.digits + "٣"
_EPOCH_RANGE = (dt.datetime(2000, 1, 1), dt.datetime(2100, 1, 1))


def bounds(shape: Shape) -> tuple[int | None, int | None]:
    """The shape's declared ``min``/``max`` (lengths or values), if any."""
    low = shape.metadata.get("min")
    high = shape.metadata.get("max")
    return (int(low) if low is not None else None, int(high) if high is not None else None)


def enum_of(shape: Shape) -> list[str]:
    values: list[str] = list(getattr(shape, "enum", None) or [])
    return values


def pattern_of(shape: Shape) -> regex.Pattern[str] | None:
    """The shape's pattern as AWS applies it (whole value, Java-style classes), if it
    compiles."""
    pattern = shape.metadata.get("pattern")
    if pattern is None:
        return None
    try:
        return regex.compile(pattern, regex.V1)
    except regex.error:
        return None


def _length_ok(shape: Shape) -> Callable[[Any], bool]:
    low, high = bounds(shape)
    return lambda value: (low is None or len(value) >= low) and (high is None or len(value) <= high)


def _free_text(low: int, high: int) -> st.SearchStrategy[str]:
    return st.text(min_size=low, max_size=max(low, min(high, low + MAX_TEXT)))


def _patterned_text(shape: Shape, low: int, high: int) -> st.SearchStrategy[str]:
    """Strings matching the shape's pattern. ``st.from_regex`` needs a pattern ``re`` can
    compile; the others (``\\p{L}`` classes) are approximated by filtered plain text."""
    source: str = shape.metadata["pattern"]
    checker = pattern_of(shape)
    fits = _length_ok(shape)
    try:
        compiled = re.compile(source)
    except re.error:
        compiled = None
    if compiled is not None:
        return st.from_regex(compiled, fullmatch=True).filter(fits)
    plain = st.text(_LETTERS_AND_DIGITS, min_size=low, max_size=max(low, min(high, low + MAX_TEXT)))
    if checker is None:
        return plain
    return plain.filter(lambda text: checker.fullmatch(text) is not None)


class Builder:
    """Builds the strategy of one mode for shapes, mixing in real values from ``pool`` for
    members whose name the pool knows (ARNs, ids, serials, tokens, CSRs...)."""

    def __init__(self, mode: Mode, pool: Pool | None = None) -> None:
        self.mode = mode
        self.pool = pool

    # -- entry points ---------------------------------------------------------------------
    def request(self, operation: OperationModel) -> st.SearchStrategy[dict[str, Any]]:
        shape = operation.input_shape
        if shape is None:
            if self.mode == "ill_typed":
                return self._unknown_members()
            return st.just({})
        assert isinstance(shape, StructureShape)
        return self._structure(shape, 0)

    def shape(self, shape: Shape, name: str = "", depth: int = 0) -> st.SearchStrategy[Any]:
        generated = self._typed(shape, depth)
        if self.mode == "ill_typed":
            generated = st.one_of(generated, wrong_value(shape.type_name), deep_nesting())
        real = self.pool.strategy(name, generated) if self.pool is not None else None
        if real is None:
            return generated
        damaged = self.pool.damaged(name, mangled) if self.pool is not None else None
        if damaged is not None and self.mode != "well_typed":
            # Real certificates and CSRs, damaged: certmock's X.509 parsing must refuse them.
            return st.one_of(real, damaged, generated)
        # Real values are drawn at run time, so resources made by earlier calls show up too.
        return st.one_of(real, generated)

    # -- by type --------------------------------------------------------------------------
    def _typed(self, shape: Shape, depth: int) -> st.SearchStrategy[Any]:
        if isinstance(shape, StructureShape):
            return self._structure(shape, depth)
        if isinstance(shape, ListShape):
            return self._list(shape, depth)
        if isinstance(shape, MapShape):
            return self._map(shape, depth)
        builders: Mapping[str, Callable[[Shape], st.SearchStrategy[Any]]] = {
            "string": self._string,
            "integer": self._integer,
            "long": self._integer,
            "float": self._float,
            "double": self._float,
            "boolean": lambda _: st.booleans(),
            "timestamp": self._timestamp,
            "blob": self._blob,
        }
        build = builders.get(shape.type_name)
        return build(shape) if build is not None else st.none()

    def _structure(self, shape: StructureShape, depth: int) -> st.SearchStrategy[dict[str, Any]]:
        if depth >= MAX_DEPTH:
            return self._shallow(shape, depth)
        members = {
            name: self.shape(member, name, depth + 1) for name, member in shape.members.items()
        }
        if shape.metadata.get("union") and self.mode != "ill_typed":
            # One member set, as a union wants (breaking modes sometimes set none or two).
            single = st.one_of(
                *(st.fixed_dictionaries({name: value}) for name, value in members.items())
            )
            if self.mode in ("well_typed", "boundary") or not members:
                return single if members else st.just({})
            return st.one_of(single, st.fixed_dictionaries({}, optional=members))
        required = [name for name in shape.required_members if name in members]
        optional = {name: value for name, value in members.items() if name not in required}
        if self.mode in ("rule_breaking", "ill_typed") and required:
            # Any required member may go missing.
            optional.update({name: members[name] for name in required})
            complete = st.fixed_dictionaries({}, optional=optional)
        else:
            complete = st.fixed_dictionaries(
                {name: members[name] for name in required}, optional=optional
            )
        if self.mode == "ill_typed":
            return st.builds(_merge, complete, self._unknown_members())
        return complete

    def _shallow(self, shape: StructureShape, depth: int) -> st.SearchStrategy[dict[str, Any]]:
        """Recursive shapes (filter statements) end here: required members only, and a union
        takes a member that leads to a scalar soonest."""
        if not shape.metadata.get("union"):
            if depth > MAX_DEPTH + 4:
                return st.just({})
            return st.fixed_dictionaries(
                {
                    name: self.shape(shape.members[name], name, depth + 1)
                    for name in shape.required_members
                }
            )
        scalars = [
            name
            for name, member in shape.members.items()
            if member.type_name not in ("structure", "list", "map")
        ]
        structures = [
            name
            for name, member in shape.members.items()
            if member.type_name == "structure" and member.name != shape.name
        ]
        chosen = scalars or structures[:1]
        if not chosen or depth > MAX_DEPTH + 4:
            return st.just({})
        return st.one_of(
            *(
                st.fixed_dictionaries({name: self.shape(shape.members[name], name, depth + 1)})
                for name in chosen
            )
        )

    def _unknown_members(self) -> st.SearchStrategy[dict[str, Any]]:
        names = st.text(_LETTERS, min_size=1, max_size=12)
        return st.dictionaries(names, wrong_value("structure"), max_size=2)

    def _sizes(self, shape: Shape, depth: int) -> st.SearchStrategy[int]:
        low, high = bounds(shape)
        low = low or 0
        # Nested collections shrink with depth, so recursive shapes stay small.
        room = max(1, MAX_ITEMS - depth // 2)
        upper = max(low, min(high if high is not None else low + room, low + room))
        if self.mode == "boundary":
            return edge_sizes(low, high, MAX_ITEMS * 4 if depth <= 2 else upper + 1)
        if self.mode == "rule_breaking":
            broken = [size for size in (low - 1, (high or -2) + 1) if 0 <= size <= 64]
            if broken:
                return st.one_of(st.integers(low, upper), st.sampled_from(broken))
        return st.integers(low, upper)

    def _list(self, shape: ListShape, depth: int) -> st.SearchStrategy[list[Any]]:
        if depth >= MAX_DEPTH:
            # As short as the model allows (recursive filter statements end here).
            shortest = bounds(shape)[0] or 0
            if shortest == 0 or depth > MAX_DEPTH + 4:
                return st.just([])
            item = self.shape(shape.member, "", depth + 1)
            return st.lists(item, min_size=shortest, max_size=shortest)
        member = self.shape(shape.member, "", depth + 1)
        return self._sizes(shape, depth).flatmap(
            lambda size: st.lists(member, min_size=size, max_size=size)
        )

    def _map(self, shape: MapShape, depth: int) -> st.SearchStrategy[dict[Any, Any]]:
        key = self.shape(shape.key, "", depth + 1)
        if self.mode == "ill_typed":
            # Keys must hash: wrong scalars only.
            key = st.one_of(self._typed(shape.key, depth + 1), hashable_wrong_value())
        value = self.shape(shape.value, "", depth + 1)
        return self._sizes(shape, depth).flatmap(
            lambda size: st.dictionaries(key, value, min_size=0, max_size=size)
        )

    def _string(self, shape: Shape) -> st.SearchStrategy[str]:
        low, high = bounds(shape)
        low, high = low or 0, high if high is not None else low + MAX_TEXT if low else MAX_TEXT
        values = enum_of(shape)
        if values:
            proper: st.SearchStrategy[str] = st.sampled_from(values)
        elif "pattern" in shape.metadata:
            proper = _patterned_text(shape, low, high)
        else:
            proper = _free_text(low, high)
        if self.mode == "boundary":
            return st.one_of(proper, edge_texts(low, high, values))
        if self.mode == "rule_breaking":
            return st.one_of(proper, self._broken_string(shape, low, high, values))
        return proper

    def _broken_string(
        self, shape: Shape, low: int, high: int, values: list[str]
    ) -> st.SearchStrategy[str]:
        broken: list[st.SearchStrategy[str]] = []
        if values:
            broken.append(st.text(max_size=20).filter(lambda text: text not in values))
            broken.append(st.sampled_from(values).map(str.lower))
        if low > 0:
            broken.append(st.text(max_size=low - 1))
        if shape.metadata.get("max") is not None:
            broken.append(st.integers(high + 1, high + 8).map(lambda size: "x" * size))
        checker = pattern_of(shape)
        if checker is not None:
            broken.append(
                st.text(min_size=max(low, 1), max_size=max(low, 1) + 8).filter(
                    lambda text: checker.fullmatch(text) is None
                )
            )
        return st.one_of(broken) if broken else st.text(max_size=MAX_TEXT)

    def _integer(self, shape: Shape) -> st.SearchStrategy[int]:
        floor, ceiling = _INT_RANGE.get(shape.type_name, _INT_RANGE["long"])
        low, high = bounds(shape)
        low = floor if low is None else low
        high = ceiling if high is None else high
        proper = st.integers(low, high)
        if self.mode == "boundary":
            return st.one_of(proper, edge_integers(low, high))
        if self.mode == "rule_breaking":
            outside = [value for value in (low - 1, high + 1, floor - 1, ceiling + 1)]
            return st.one_of(proper, st.sampled_from(outside))
        return proper

    def _float(self, shape: Shape) -> st.SearchStrategy[float]:
        low, high = bounds(shape)
        proper = st.floats(low, high, allow_nan=False, allow_infinity=False)
        if self.mode in ("boundary", "rule_breaking"):
            return st.one_of(proper, edge_floats())
        return proper

    def _timestamp(self, shape: Shape) -> st.SearchStrategy[dt.datetime]:
        proper = st.datetimes(*_EPOCH_RANGE, timezones=st.just(_UTC))
        if self.mode in ("boundary", "rule_breaking"):
            return st.one_of(proper, edge_timestamps())
        return proper

    def _blob(self, shape: Shape) -> st.SearchStrategy[bytes]:
        low, high = bounds(shape)
        low = low or 0
        proper = st.binary(min_size=low, max_size=max(low, min(high or MAX_TEXT, low + MAX_TEXT)))
        if self.mode in ("boundary", "rule_breaking"):
            sizes = edge_sizes(low, high, 70_000)
            return st.one_of(proper, sizes.map(lambda size: b"\xff" * size))
        return proper


def _merge(known: dict[str, Any], unknown: dict[str, Any]) -> dict[str, Any]:
    return {**unknown, **known}


def requests_for(
    pool: Pool, service: str, operation: OperationModel, mode: Mode
) -> st.SearchStrategy[dict[str, Any]]:
    """The request strategy of an operation in a mode, built once per episode's pool."""
    key = (service, operation.name, mode)
    found = pool.strategies.get(key)
    if found is None:
        found = pool.strategies[key] = Builder(mode, pool).request(operation)
    return found
