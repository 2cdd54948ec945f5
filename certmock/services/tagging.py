"""Tag rules AWS's certificate services share: the ``aws:`` prefix is reserved, a resource holds
at most 50 tags, and untagging with a value removes the tag only when the value matches."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from certmock.errors import ServiceError

MAX_TAGS_PER_RESOURCE = 50


def check_user_tags(keys: Iterable[str], *, invalid_tag: str = "InvalidTagException") -> None:
    for key in keys:
        if key.lower().startswith("aws:"):
            raise ServiceError(
                invalid_tag,
                f"The tag key '{key}' is invalid: keys beginning with 'aws:' are reserved "
                "for AWS use.",
            )


def merged_tags(
    existing: Mapping[str, str],
    new: Iterable[tuple[str, str]],
    resource: str,
    *,
    too_many: str = "TooManyTagsException",
) -> dict[str, str]:
    """``existing`` updated with ``new`` (a new value replaces an old one), within the limit."""
    merged = dict(existing)
    for key, value in new:
        merged[key] = value
    if len(merged) > MAX_TAGS_PER_RESOURCE:
        raise ServiceError(
            too_many,
            f"The request would leave {resource} with {len(merged)} tags; a resource can have "
            f"at most {MAX_TAGS_PER_RESOURCE}.",
        )
    return merged


def without_tags(
    existing: Mapping[str, str], remove: Iterable[tuple[str, str | None]]
) -> dict[str, str]:
    """``existing`` less each key given without a value, or given with its current value."""
    kept = dict(existing)
    for key, value in remove:
        if key in kept and (value is None or kept[key] == value):
            del kept[key]
    return kept
