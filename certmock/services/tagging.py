"""Tag rules AWS's certificate services share: the ``aws:`` prefix is reserved, a resource holds
at most 50 tags, and untagging with a value removes the tag only when the value matches."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TypeVar

from certmock.errors import ServiceError

MAX_TAGS_PER_RESOURCE = 50

# A tag's value: ``str``, or ``str | None`` where a service lets a tag have no value (ACM).
V = TypeVar("V", str, str | None)


def check_user_tags(keys: Iterable[str], *, invalid_tag: str = "InvalidTagException") -> None:
    for key in keys:
        if key.lower().startswith("aws:"):
            raise ServiceError(
                invalid_tag,
                f"The tag key '{key}' is invalid: keys beginning with 'aws:' are reserved "
                "for AWS use.",
            )


def merged_tags(
    existing: Mapping[str, V],
    new: Iterable[tuple[str, V]],
    resource: str,
    *,
    too_many: str = "TooManyTagsException",
    holder: str = "a resource",
) -> dict[str, V]:
    """``existing`` updated with ``new`` (a new value replaces an old one), within the limit;
    nothing changes when the limit would be passed (``too_many``: the error the operation
    models for it)."""
    merged = dict(existing)
    for key, value in new:
        merged[key] = value
    if len(merged) > MAX_TAGS_PER_RESOURCE:
        raise ServiceError(
            too_many,
            f"The request would leave {resource} with {len(merged)} tags; {holder} can have "
            f"at most {MAX_TAGS_PER_RESOURCE}.",
        )
    return merged


def without_tags(
    existing: Mapping[str, V], remove: Iterable[tuple[str, str | None]]
) -> dict[str, V]:
    """``existing`` less each key given without a value, or given with its current value."""
    kept = dict(existing)
    for key, value in remove:
        if key in kept and (value is None or kept[key] == value):
            del kept[key]
    return kept
