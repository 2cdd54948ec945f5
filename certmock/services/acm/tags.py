"""ACM's tag rules: a value may be absent (``{"Key": "k"}``), keys starting with ``aws:`` are
reserved, at most 50 tags, and removal by key alone or by key and current value."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from certmock.services import tagging

Tags = dict[str, str | None]


def checked_pairs(
    tags: Sequence[Mapping[str, str]] | None, *, invalid_tag: str = "InvalidTagException"
) -> list[tuple[str, str | None]]:
    """(key, value or None) pairs, refusing reserved keys with ``invalid_tag``."""
    pairs = [(tag["Key"], tag.get("Value")) for tag in tags or []]
    tagging.check_user_tags((key for key, _ in pairs), invalid_tag=invalid_tag)
    return pairs


def merged(
    existing: Tags,
    new: list[tuple[str, str | None]],
    arn: str,
    *,
    too_many: str = "TooManyTagsException",
    holder: str = "a certificate",
) -> Tags:
    """``existing`` with ``new`` added, within the limit (``too_many``: the error the operation
    models for passing it)."""
    return tagging.merged_tags(existing, new, arn, too_many=too_many, holder=holder)


without = tagging.without_tags


def described(tags: Tags) -> list[dict[str, str]]:
    return [
        {"Key": key} if value is None else {"Key": key, "Value": value}
        for key, value in tags.items()
    ]
