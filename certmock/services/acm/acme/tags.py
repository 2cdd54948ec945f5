"""Tags of ACME resources (endpoints, domain validations, external account bindings): ACM's tag
rules, with the errors the newer operations model — ``ValidationException`` for a reserved
``aws:`` key and ``ServiceQuotaExceededException`` past 50 tags (TagResource lists no
InvalidTagException or TooManyTagsException)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from certmock.errors import ServiceError
from certmock.services import tagging
from certmock.services.acm import tags as acm_tags

Tags = acm_tags.Tags
described = acm_tags.described
without = acm_tags.without


def checked(tags: Sequence[Mapping[str, str]] | None) -> list[tuple[str, str | None]]:
    pairs = [(tag["Key"], tag.get("Value")) for tag in tags or []]
    tagging.check_user_tags((key for key, _ in pairs), invalid_tag="ValidationException")
    return pairs


def merged(existing: Tags, new: list[tuple[str, str | None]], arn: str) -> Tags:
    """``existing`` with ``new`` added (a new value replaces an old one); nothing changes when
    the resource would pass the limit."""
    result = dict(existing)
    result.update(new)
    if len(result) > tagging.MAX_TAGS_PER_RESOURCE:
        raise ServiceError(
            "ServiceQuotaExceededException",
            f"The request would leave {arn} with {len(result)} tags; a resource can have at "
            f"most {tagging.MAX_TAGS_PER_RESOURCE}.",
        )
    return result
