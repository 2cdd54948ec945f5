"""Sample values for every member of a shape, from botocore's own ArgumentGenerator."""

from __future__ import annotations

import datetime as dt
from typing import Any

from botocore.model import Shape
from botocore.utils import ArgumentGenerator

UTC = dt.timezone.utc


def sample(shape: Shape | None) -> Any:
    """A value for every member of ``shape``, with timestamps and blobs that survive a trip."""
    if shape is None:
        return {}
    return _concrete(shape, ArgumentGenerator(use_member_names=True).generate_skeleton(shape))


def _concrete(shape: Shape, value: Any) -> Any:
    kind = shape.type_name
    if kind == "structure":
        members = {k: _concrete(shape.members[k], v) for k, v in value.items()}
        # A union (GeneralName) may carry one member only.
        return dict(list(members.items())[:1]) if shape.is_tagged_union else members
    if kind == "list":
        return [_concrete(shape.member, item) for item in value]
    if kind == "map":
        return {k: _concrete(shape.value, v) for k, v in value.items()}
    if kind == "timestamp":
        return dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    if kind == "blob":
        return b"\x00binary\xff"
    return value
