"""EventBridge event patterns: whether an event matches a rule's pattern, as EventBridge decides.

No well-kept Python library for EventBridge patterns is a dependency (moto has a matcher, but
it is moto's internals and moto is optional), so the common part of the language is written
here: nested objects, lists of literal values, ``prefix``, ``suffix``, ``equals-ignore-case``,
``anything-but``, ``exists``, ``numeric``, ``wildcard`` and ``$or``. ``cidr`` is refused with
a ValueError rather than matched wrongly. (EventBridge user guide, "Event patterns".)
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from typing import Any

Matcher = Callable[[Mapping[str, Any]], bool]

_MISSING: Any = object()
_COMPARISONS: dict[str, Callable[[float, float], bool]] = {
    "<": lambda value, bound: value < bound,
    "<=": lambda value, bound: value <= bound,
    "=": lambda value, bound: value == bound,
    ">=": lambda value, bound: value >= bound,
    ">": lambda value, bound: value > bound,
}
_SCALARS = (str, int, float, bool, type(None))


def compile_pattern(pattern: Mapping[str, Any]) -> Matcher:
    """A function telling whether an event (the EventBridge envelope) matches ``pattern``.
    Raises ValueError, naming the fault, for a pattern EventBridge would refuse or that uses
    a filter not written here."""
    _check_object(pattern, "pattern")
    return lambda event: _object_matches(pattern, event)


def _check_object(pattern: Any, where: str) -> None:
    if not isinstance(pattern, Mapping) or not pattern:
        raise ValueError(f"{where} must be a non-empty JSON object, got {pattern!r}")
    for key, value in pattern.items():
        if key == "$or":
            if not isinstance(value, list) or len(value) < 2:
                raise ValueError(f"{where}.$or must be a list of at least two patterns")
            for index, alternative in enumerate(value):
                _check_object(alternative, f"{where}.$or[{index}]")
        elif isinstance(value, Mapping):
            _check_object(value, f"{where}.{key}")
        elif isinstance(value, list) and value:
            for value_filter in value:
                _check_filter(value_filter, f"{where}.{key}")
        else:
            raise ValueError(
                f"{where}.{key} must be a non-empty list of values or filters, or an object "
                f"(EventBridge matches only arrays), got {value!r}"
            )


def _check_filter(value_filter: Any, where: str) -> None:
    if isinstance(value_filter, _SCALARS):
        return
    if not isinstance(value_filter, Mapping) or len(value_filter) != 1:
        raise ValueError(f"{where}: a filter is a value or a one-key object, got {value_filter!r}")
    ((name, operand),) = value_filter.items()
    if name not in _FILTERS:
        raise ValueError(
            f"{where}: certmock does not match the {name!r} filter; it matches "
            + ", ".join(sorted(_FILTERS))
        )
    if name == "numeric" and not (
        isinstance(operand, list)
        and operand
        and len(operand) % 2 == 0
        and all(operand[i] in _COMPARISONS for i in range(0, len(operand), 2))
    ):
        raise ValueError(f"{where}: numeric takes [operator, number, ...], got {operand!r}")
    if name == "exists" and not isinstance(operand, bool):
        raise ValueError(f"{where}: exists takes true or false, got {operand!r}")


def _object_matches(pattern: Mapping[str, Any], event: Any) -> bool:
    fields = event if isinstance(event, Mapping) else {}
    for key, value in pattern.items():
        if key == "$or":
            if not any(_object_matches(alternative, fields) for alternative in value):
                return False
        elif isinstance(value, Mapping):
            if not _object_matches(value, fields.get(key, {})):
                return False
        elif not _field_matches(value, fields.get(key, _MISSING)):
            return False
    return True


def _field_matches(filters: list[Any], field: Any) -> bool:
    # An array field matches when any of its elements matches any filter.
    values = field if isinstance(field, list) else [field]
    return any(_filter_matches(f, value) for f in filters for value in values)


def _filter_matches(value_filter: Any, value: Any) -> bool:
    if isinstance(value_filter, Mapping):
        ((name, operand),) = value_filter.items()
        if name == "exists":
            return (value is not _MISSING) is operand
        return value is not _MISSING and _FILTERS[name](operand, value)
    return value is not _MISSING and _equal(value_filter, value)


def _equal(expected: Any, value: Any) -> bool:
    # JSON true is not the number 1, as Python's bool would have it.
    if isinstance(expected, bool) or isinstance(value, bool):
        return isinstance(expected, bool) and isinstance(value, bool) and expected is value
    if _is_number(expected) and _is_number(value):
        return math.isclose(float(expected), float(value), rel_tol=0, abs_tol=1e-12)
    return bool(type(expected) is type(value) and expected == value)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _text_filter(test: Callable[[str, str], bool]) -> Callable[[Any, Any], bool]:
    """``prefix`` and ``suffix``: a string, or ``{"equals-ignore-case": string}``."""

    def matches(operand: Any, value: Any) -> bool:
        if not isinstance(value, str):
            return False
        if isinstance(operand, Mapping):
            folded = str(operand.get("equals-ignore-case", ""))
            return test(value.casefold(), folded.casefold())
        return isinstance(operand, str) and test(value, operand)

    return matches


_prefix = _text_filter(str.startswith)
_suffix = _text_filter(str.endswith)


def _equals_ignore_case(operand: Any, value: Any) -> bool:
    candidates = operand if isinstance(operand, list) else [operand]
    return isinstance(value, str) and any(
        isinstance(c, str) and c.casefold() == value.casefold() for c in candidates
    )


def _anything_but(operand: Any, value: Any) -> bool:
    if isinstance(operand, Mapping):
        ((name, inner),) = operand.items()
        return not _FILTERS[name](inner, value)
    excluded = operand if isinstance(operand, list) else [operand]
    return not any(_equal(item, value) for item in excluded)


def _numeric(operand: list[Any], value: Any) -> bool:
    if not _is_number(value):
        return False
    return all(
        _COMPARISONS[operand[i]](float(value), float(operand[i + 1]))
        for i in range(0, len(operand), 2)
    )


def _wildcard(operand: Any, value: Any) -> bool:
    if not isinstance(value, str) or not isinstance(operand, str):
        return False
    expression = ".*".join(re.escape(part) for part in operand.split("*"))
    return re.fullmatch(expression, value, flags=re.DOTALL) is not None


_FILTERS: dict[str, Callable[[Any, Any], bool]] = {
    "prefix": _prefix,
    "suffix": _suffix,
    "equals-ignore-case": _equals_ignore_case,
    "anything-but": _anything_but,
    "numeric": _numeric,
    "wildcard": _wildcard,
    "exists": lambda operand, value: True,  # decided in _filter_matches: it sees _MISSING
}
