"""Patch operations (``PatchOperation``: JSON Patch, RFC 6902, as API Gateway applies it).

API Gateway changes a resource with a list of ``{op, path, value}`` operations, and refuses the
whole list with BadRequestException if one of them names an operation or a path the resource
does not support; nothing is applied then. The wording of those refusals is not documented: it
follows the messages API Gateway gives for other resources, double space included (fact sheet
8.4, inferred).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from certmock.errors import ServiceError

REPLACE = "replace"


def _invalid_path(path: Any, op: Any, replaceable: Sequence[str]) -> ServiceError:
    shown = "null" if path is None else path
    if op == REPLACE:
        return ServiceError(
            "BadRequestException",
            f"Invalid patch path  '{shown}' specified for op '{op}'. "
            f"Must be one of: [{', '.join(replaceable)}]",
        )
    shown_op = "null" if op is None else op
    return ServiceError(
        "BadRequestException",
        f"Invalid patch path  '{shown}' specified for op '{shown_op}'. "
        "Please choose supported operations",
    )


def replaced(current: Mapping[str, Any], operations: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """``current`` (values by patch path, such as ``{"/description": "..."}``) after applying
    ``operations`` in order. Only ``replace`` of one of ``current``'s paths is supported; a
    ``replace`` without a value clears the field (it becomes None)."""
    paths = list(current)
    updated = dict(current)
    for operation in operations:
        op = operation.get("op")
        path = operation.get("path")
        if op != REPLACE or path not in updated:
            raise _invalid_path(path, op, paths)
        updated[path] = operation.get("value")
    return updated
