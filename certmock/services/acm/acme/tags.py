"""Tags of ACME resources (endpoints, domain validations, external account bindings): ACM's tag
rules, with the errors the newer operations model — ``ValidationException`` for a reserved
``aws:`` key and ``ServiceQuotaExceededException`` past 50 tags (TagResource lists no
InvalidTagException or TooManyTagsException)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from certmock.services.acm import tags as acm_tags

Tags = acm_tags.Tags
described = acm_tags.described
without = acm_tags.without


def checked(tags: Sequence[Mapping[str, str]] | None) -> list[tuple[str, str | None]]:
    return acm_tags.checked_pairs(tags, invalid_tag="ValidationException")


def merged(existing: Tags, new: list[tuple[str, str | None]], arn: str) -> Tags:
    """``existing`` with ``new`` added (a new value replaces an old one); nothing changes when
    the resource would pass the limit."""
    return acm_tags.merged(
        existing, new, arn, too_many="ServiceQuotaExceededException", holder="a resource"
    )
