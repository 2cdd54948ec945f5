"""Does a parsed answer conform to its botocore output shape? Type problems (wrong Python type,
missing required member, a union with other than one member) are kept apart from constraint
problems (enum, length, range, pattern): a few of the latter may be AWS-true deviations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from botocore.model import ListShape, MapShape, Shape, StructureShape
from botocore.response import StreamingBody

from tests.fuzz.shapes import bounds, enum_of, pattern_of

_INT_LIMITS = {"integer": 2**31, "long": 2**63}


@dataclass
class Report:
    types: list[str] = field(default_factory=list)
    constraints: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.types and not self.constraints


def check_output(shape: Shape | None, answer: Mapping[str, Any]) -> Report:
    """Check a client's answer (``ResponseMetadata`` aside) against the output shape."""
    report = Report()
    body = {name: value for name, value in answer.items() if name != "ResponseMetadata"}
    if shape is None:
        if body:
            report.types.append(f"$: members {sorted(body)} in an operation without output")
        return report
    _check(shape, body, "$", report)
    return report


def _check(shape: Shape, value: Any, path: str, report: Report) -> None:
    kind = shape.type_name
    if isinstance(shape, StructureShape):
        _structure(shape, value, path, report)
    elif isinstance(shape, ListShape):
        if not isinstance(value, list):
            report.types.append(f"{path}: {type(value).__name__} where a list goes")
            return
        _length(shape, value, path, report)
        for index, item in enumerate(value):
            _check(shape.member, item, f"{path}[{index}]", report)
    elif isinstance(shape, MapShape):
        if not isinstance(value, dict):
            report.types.append(f"{path}: {type(value).__name__} where a map goes")
            return
        _length(shape, value, path, report)
        for key, item in value.items():
            _check(shape.key, key, f"{path}{{key {key!r}}}", report)
            _check(shape.value, item, f"{path}[{key!r}]", report)
    elif kind == "string":
        _string(shape, value, path, report)
    elif kind in ("integer", "long"):
        if not isinstance(value, int) or isinstance(value, bool):
            report.types.append(f"{path}: {value!r} is not an {kind}")
        elif not -_INT_LIMITS[kind] <= value < _INT_LIMITS[kind]:
            report.types.append(f"{path}: {value} overflows {kind}")
        else:
            _range(shape, value, path, report)
    elif kind in ("float", "double"):
        if not isinstance(value, int | float) or isinstance(value, bool):
            report.types.append(f"{path}: {value!r} is not a {kind}")
        else:
            _range(shape, value, path, report)
    elif kind == "boolean":
        if not isinstance(value, bool):
            report.types.append(f"{path}: {value!r} is not a boolean")
    elif kind == "timestamp":
        if not isinstance(value, dt.datetime):
            report.types.append(f"{path}: {value!r} is not a timestamp")
    elif kind == "blob":
        if not isinstance(value, bytes | bytearray | StreamingBody):
            report.types.append(f"{path}: {type(value).__name__} where a blob goes")
        elif isinstance(value, bytes | bytearray):
            _length(shape, value, path, report)


def _structure(shape: StructureShape, value: Any, path: str, report: Report) -> None:
    if not isinstance(value, dict):
        report.types.append(f"{path}: {type(value).__name__} where a structure goes")
        return
    for name in value:
        if name not in shape.members:
            report.types.append(f"{path}.{name}: not a member of {shape.name}")
    for name in shape.required_members:
        if name not in value:
            report.types.append(f"{path}.{name}: required member of {shape.name} missing")
    if shape.metadata.get("union"):
        present = [name for name in value if name in shape.members]
        if len(present) != 1:
            report.types.append(f"{path}: union {shape.name} with members {present}")
    for name, item in value.items():
        if name in shape.members:
            _check(shape.members[name], item, f"{path}.{name}", report)


def _string(shape: Shape, value: Any, path: str, report: Report) -> None:
    if not isinstance(value, str):
        report.types.append(f"{path}: {type(value).__name__} {value!r:.60} where a string goes")
        return
    values = enum_of(shape)
    if values and value not in values:
        report.constraints.append(f"{path}: {value!r} is not one of {shape.name}'s enum")
    _length(shape, value, path, report)
    checker = pattern_of(shape)
    if checker is not None and checker.fullmatch(value) is None:
        report.constraints.append(
            f"{path}: {value!r:.80} does not match {shape.name}'s pattern "
            f"{shape.metadata['pattern']!r:.80}"
        )


def _length(shape: Shape, value: Any, path: str, report: Report) -> None:
    low, high = bounds(shape)
    size = len(value)
    if (low is not None and size < low) or (high is not None and size > high):
        report.constraints.append(f"{path}: length {size} outside {shape.name}'s [{low}, {high}]")


def _range(shape: Shape, value: float, path: str, report: Report) -> None:
    low, high = bounds(shape)
    if (low is not None and value < low) or (high is not None and value > high):
        report.constraints.append(f"{path}: {value} outside {shape.name}'s [{low}, {high}]")
