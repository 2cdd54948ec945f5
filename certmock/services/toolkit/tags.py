"""Tag rules, written once; each service states its own as a ``TagRules`` value.

What AWS's certificate services share: keys beginning with ``aws:`` are reserved, a resource
holds a bounded number of tags, a new value replaces an old one, and untagging with a value
removes the tag only when the value matches. What differs is data: the limits, the error codes
each operation models, whether a tag may lack a value (ACM's ``{"Key": "k"}``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from certmock.errors import ServiceError

RESERVED_PREFIX = "aws:"

Tags = dict[str, str | None]
"""A resource's tags; None is a tag without a value, where the service allows one."""


@dataclass(frozen=True)
class TagRules:
    holder: str = "a resource"
    """What holds the tags, for messages (``a certificate``)."""
    max_tags: int = 50
    invalid_tag: str = "InvalidTagException"
    """The error for a reserved key or a key or value out of bounds."""
    too_many: str = "TooManyTagsException"
    """The error for passing ``max_tags``."""
    value_optional: bool = False
    """Whether a tag may have no value (ACM); otherwise a missing value is empty."""
    max_key_length: int | None = None
    """Limits the model does not state but the service documents (API Gateway's)."""
    max_value_length: int | None = None

    def check_keys(self, keys: Iterable[str]) -> None:
        for key in keys:
            if key.lower().startswith(RESERVED_PREFIX):
                raise ServiceError(
                    self.invalid_tag,
                    f"The tag key '{key}' is invalid: keys beginning with '{RESERVED_PREFIX}' "
                    "are reserved for AWS use.",
                )

    def _check_lengths(self, pairs: Sequence[tuple[str, str | None]]) -> None:
        for key, value in pairs:
            if self.max_key_length is not None and not 1 <= len(key) <= self.max_key_length:
                raise ServiceError(
                    self.invalid_tag,
                    f"The tag key '{key}' is invalid: a tag key must have 1 to "
                    f"{self.max_key_length} characters.",
                )
            if (
                self.max_value_length is not None
                and value is not None
                and len(value) > self.max_value_length
            ):
                raise ServiceError(
                    self.invalid_tag,
                    f"The value of tag '{key}' is invalid: a tag value can have at most "
                    f"{self.max_value_length} characters.",
                )

    def pairs(self, tags: Sequence[Mapping[str, str]] | None) -> list[tuple[str, str | None]]:
        """(key, value) pairs of a ``[{"Key": ..., "Value": ...}]`` list, checked."""
        default = None if self.value_optional else ""
        found = [(tag["Key"], tag.get("Value", default)) for tag in tags or []]
        return self.checked(found)

    def checked(self, pairs: Iterable[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
        """``pairs`` (say, from a ``{key: value}`` map) as a list, checked."""
        found = list(pairs)
        self._check_lengths(found)
        self.check_keys(key for key, _ in found)
        return found

    def merged(
        self,
        existing: Mapping[str, str | None],
        new: Iterable[tuple[str, str | None]],
        resource: str,
    ) -> Tags:
        """``existing`` updated with ``new``, within the limit; nothing changes when the limit
        would be passed."""
        merged: Tags = dict(existing)
        for key, value in new:
            merged[key] = value
        if len(merged) > self.max_tags:
            raise ServiceError(
                self.too_many,
                f"The request would leave {resource} with {len(merged)} tags; {self.holder} "
                f"can have at most {self.max_tags}.",
            )
        return merged

    @staticmethod
    def without(
        existing: Mapping[str, str | None], remove: Iterable[tuple[str, str | None]]
    ) -> Tags:
        """``existing`` less each key given without a value, or given with its current value."""
        kept: Tags = dict(existing)
        for key, value in remove:
            if key in kept and (value is None or kept[key] == value):
                del kept[key]
        return kept

    @staticmethod
    def described(tags: Mapping[str, str | None]) -> list[dict[str, str]]:
        """The ``[{"Key": ..., "Value": ...}]`` form, a missing value left out."""
        return [
            {"Key": key} if value is None else {"Key": key, "Value": value}
            for key, value in tags.items()
        ]
