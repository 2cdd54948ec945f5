"""Type-true reading of decoded documents (JSON, CBOR): every value is checked against its
shape before a handler sees it, so nothing ill-typed reaches a handler or is stored.

AWS's awsJson and restJson front ends answer a value of the wrong type with
``SerializationException`` (HTTP 400) before the operation runs; ``Mistyped`` is that error,
carrying the path of the member so the message names it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any, NoReturn

from botocore.model import Shape

from certmock.protocols.base import ProtocolError

SERIALIZATION_ERROR = "SerializationException"

# Smithy's integer is 32-bit and its long 64-bit, whatever the wire carries.
WHOLE_NUMBER_RANGES = {"integer": (-(2**31), 2**31 - 1), "long": (-(2**63), 2**63 - 1)}

_KIND = {
    str: "a string",
    bool: "a boolean",
    int: "a number",
    float: "a number",
    list: "a list",
    dict: "an object",
    bytes: "a byte string",
    type(None): "null",
}


def kind_of(value: Any) -> str:
    """What a decoded value is, in the words of an error message."""
    return _KIND.get(type(value), type(value).__name__)


class Mistyped(ProtocolError):
    """A value in a request document is not of its member's type."""

    def __init__(self, problem: str, path: tuple[str, ...] = ()) -> None:
        where = f" at '{'.'.join(path)}'" if path else ""
        super().__init__(SERIALIZATION_ERROR, f"{problem}{where}")
        self.problem = problem
        self.path = path

    def within(self, name: str) -> Mistyped:
        """The same error one level up the document, at member (or index) ``name``."""
        return Mistyped(self.problem, (name, *self.path))


def refuse(expected: str, value: Any) -> NoReturn:
    raise Mistyped(f"Expected {expected}, found {kind_of(value)}")


def check_string(_shape: Shape, value: Any) -> str:
    if type(value) is not str:
        refuse("a string", value)
    # json.loads turns a "\ud800" escape into a lone surrogate, which no encoder can write
    # back out; the isascii test keeps the common case free.
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise Mistyped("A string holds an unpaired surrogate code point") from None
    return value


def check_boolean(_shape: Shape, value: Any) -> bool:
    if type(value) is not bool:
        refuse("a boolean", value)
    return value


def check_whole_number(shape: Shape, value: Any) -> int:
    if type(value) is not int:
        refuse(f"an {shape.type_name}" if shape.type_name == "integer" else "a long", value)
    low, high = WHOLE_NUMBER_RANGES[shape.type_name]
    if not low <= value <= high:
        raise Mistyped(f"{value} is out of range for a {shape.type_name}")
    return value


def check_real_number(shape: Shape, value: Any) -> float:
    if type(value) not in (int, float):
        refuse(f"a {shape.type_name}", value)
    try:
        number = float(value)
    except OverflowError:  # an integer beyond any double
        number = math.inf
    if not math.isfinite(number):
        raise Mistyped(f"{value} is not a finite {shape.type_name}")
    return number


SCALAR_CHECKS: dict[str, Callable[[Shape, Any], Any]] = {
    "string": check_string,
    "boolean": check_boolean,
    "integer": check_whole_number,
    "long": check_whole_number,
    "float": check_real_number,
    "double": check_real_number,
}


def _refuse_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not JSON")


MAX_NESTING = 200
"""Deeper JSON is refused before it is parsed: json.loads would stop at Python's recursion
limit, and anything that runs at that depth meanwhile (a garbage-collector callback) fails."""


def _too_deep(body: bytes) -> bool:
    """Whether ``body`` nests arrays and objects deeper than ``MAX_NESTING`` (brackets inside
    strings do not count). Only a body with that many brackets at all is scanned."""
    if body.count(b"[") + body.count(b"{") <= MAX_NESTING:
        return False
    depth = 0
    in_string = escaped = False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            if depth > MAX_NESTING:
                return True
        elif byte in (0x5D, 0x7D):  # ] }
            depth -= 1
    return False


def load_json(body: bytes) -> Any:
    """The JSON document in ``body``, strictly: UTF-8 only (json.loads would also guess
    UTF-16 or UTF-32, and let encoded surrogates through), no NaN or Infinity (JSON has
    neither), and a nesting too deep for the parser is a bad body, not a crash. Raises
    ValueError for anything that is not such a document."""
    if _too_deep(body):
        raise ValueError(f"The document is nested more than {MAX_NESTING} levels deep")
    try:
        text = body.decode("utf-8")
        return json.loads(text, parse_constant=_refuse_constant)
    except RecursionError:
        raise ValueError("The document is nested too deeply") from None
