"""Server-side input validation: the constraints AWS enforces on a request, worded as AWS words
them.

botocore checks only ``required``, types and ``min`` before sending; AWS's servers also reject
values that break ``max``, ``pattern`` or ``enum``. ``validate`` applies all of them to the
parsed input parameters and raises the ``ValidationException`` AWS would return::

    1 validation error detected: Value '31' at 'permanentDeletionTimeInDays' failed to satisfy
    constraint: Member must have value less than or equal to 30

Each input shape is compiled once into closures that hold only the members and constraints that
can fail, so a call does no work for the rest of the model.

A service may know limits its model does not declare (``ExtraConstraint`` in its definition):
passed as ``constraints``, they are compiled in with the shape (once per shape and set of
constraints) and reported exactly as the model's own ranges are.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from typing import Any, NamedTuple

from botocore.model import Shape

from certmock.errors import ServiceError
from certmock.validation.bounds import Bound, ExtraBounds
from certmock.validation.compiler import Compiler, Node, Walk
from certmock.validation.wording import summary

__all__ = ["Bound", "validate"]


def _nothing(value: Any, path: str, errors: list[str]) -> None:
    """The check of an input in which nothing can fail."""


class _Compiled(NamedTuple):
    walk: Walk
    """The check of the shape as the model declares it."""
    shape: weakref.ref[Shape]
    bounded: dict[tuple[Bound, ...], Walk]
    """The check with a service's extra bounds, by the bounds."""


# Compiled input shapes by id(). Each entry holds a weak reference whose callback drops the
# entry when botocore lets go of the shape, so a long test run that builds many clients does
# not grow the cache and a recycled id() never meets a stale entry.
_compiled: dict[int, _Compiled] = {}


def _walk_of(node: Node | None) -> Walk:
    return _nothing if node is None or node.walk is None else node.walk


def _compile(shape: Shape) -> _Compiled:
    key = id(shape)
    entry = _Compiled(
        _walk_of(Compiler().node(shape)),
        weakref.ref(shape, lambda _ref: _compiled.pop(key, None)),
        {},
    )
    _compiled[key] = entry
    return entry


def _compile_bounded(entry: _Compiled, shape: Shape, bounds: tuple[Bound, ...]) -> Walk:
    walk = _walk_of(Compiler().node(shape, ExtraBounds.tree(bounds)))
    entry.bounded[bounds] = walk
    return walk


def validate(
    shape: Shape | None,
    params: Mapping[str, Any],
    error_code: str = "ValidationException",
    constraints: tuple[Bound, ...] = (),
) -> None:
    """Raise the ``ServiceError`` AWS returns when ``params`` break ``shape``'s constraints.

    ``shape`` is an operation's input structure (``None`` for an operation without input);
    ``params`` are its members as the caller gave them (blobs as bytes). ``constraints`` are
    the operation's bounds the model lacks; each tightens the model's range of its member (a
    member the installed model lacks cannot be sent, and its bound is not applied). Every
    violation is reported, members in model order, each member's in the order required,
    length or range, pattern, enum.
    """
    if shape is None:
        return
    entry = _compiled.get(id(shape))
    if entry is None:
        entry = _compile(shape)
    if constraints:
        bounded = entry.bounded.get(constraints)
        walk = bounded if bounded is not None else _compile_bounded(entry, shape, constraints)
    else:
        walk = entry.walk
    errors: list[str] = []
    # The compiled checks look for dicts, which is what the codecs produce.
    walk(params if isinstance(params, dict) else dict(params), "", errors)
    if errors:
        raise ServiceError(error_code, summary(errors))
