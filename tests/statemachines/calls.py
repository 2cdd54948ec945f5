"""Running a boto3 call and comparing its outcome (success or an error code) with the model's."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from botocore.exceptions import ClientError

T = TypeVar("T")
SUCCESS = "success"


def outcome(call: Callable[[], T]) -> tuple[T | None, str]:
    """The call's result and ``SUCCESS``, or None and the AWS error code it raised."""
    try:
        return call(), SUCCESS
    except ClientError as error:
        code: str = error.response["Error"]["Code"]
        return None, code


def expect(expected: str | None, call: Callable[[], T], what: str) -> T | None:
    """Run ``call``; fail unless it ends as ``expected`` (an error code, or None for success)."""
    result, got = outcome(call)
    wanted = expected or SUCCESS
    assert got == wanted, f"{what}: the model expects {wanted}, certmock answered {got}"
    return result


def paginate(client: Any, operation: str, key: str, **request: Any) -> list[dict[str, Any]]:
    """Every item of a paginated list operation."""
    items: list[dict[str, Any]] = []
    for page in client.get_paginator(operation).paginate(**request):
        items.extend(page[key])
    return items
