"""GetResources' filters and pages, and the tag keys and values GetTagKeys and GetTagValues list.

Pages are the toolkit's cursor pages. A token is tied to the query it continues (its filters, by
digest), to the account and Region that issued it, and lapses 15 minutes after it was issued
(PaginationTokenExpiredException's documentation), on the virtual clock.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

from certmock.errors import ServiceError
from certmock.services.definition import TaggedResource
from certmock.services.toolkit.pages import SortKey, page

T = TypeVar("T")

TOKEN_LIFETIME = _dt.timedelta(minutes=15)
"""PaginationTokenExpiredException: "A PaginationToken is valid for a maximum of 15 minutes"."""


def invalid(message: str) -> ServiceError:
    return ServiceError("InvalidParameterException", message)


def type_matches(resource_type: str, filters: Sequence[str] | None) -> bool:
    """``service[:resourceType]``: a service alone matches each of its types."""
    if not filters:
        return True
    service = resource_type.split(":", 1)[0]
    return any(wanted in (resource_type, service) for wanted in filters)


def tags_match(tags: Mapping[str, str | None], filters: Sequence[Mapping[str, Any]]) -> bool:
    """Every filter holds (AND); a filter's values are alternatives (OR); a filter without
    values asks for the key with any value or none."""
    for wanted in filters:
        key = wanted["Key"]
        if key not in tags:
            return False
        values = wanted.get("Values") or []
        if values and (tags[key] or "") not in values:
            return False
    return True


def described_tags(tags: Mapping[str, str | None]) -> list[dict[str, str]]:
    # The Tag shape requires a value: an ACM tag without one is shown with an empty value.
    return [{"Key": key, "Value": value or ""} for key, value in tags.items()]


def sort_key(rank: int, resource: TaggedResource) -> SortKey:
    """certmock's resources in creation order, then moto's by ARN."""
    return (rank, resource.arn if rank else "", resource.sequence)


def digest(query: Mapping[str, Any]) -> str:
    text = json.dumps(query, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


class Tokens:
    """The page tokens one account and Region issued, and when."""

    def __init__(self) -> None:
        self._issued: dict[str, _dt.datetime] = {}

    def check(self, token: str | None, now: _dt.datetime) -> str | None:
        """``token`` if it continues a query (None for a first page; an empty token asks
        for the first page, as the model's documentation says to leave it empty)."""
        if not token:
            return None
        issued = self._issued.get(token)
        if issued is None:
            raise invalid(
                "The PaginationToken was not issued by a previous call of this operation in "
                "this account and Region: pass the PaginationToken a previous response returned."
            )
        if now - issued >= TOKEN_LIFETIME:
            raise ServiceError(
                "PaginationTokenExpiredException",
                f"The PaginationToken was issued at {issued:%Y-%m-%dT%H:%M:%SZ} and expired "
                f"{int(TOKEN_LIFETIME.total_seconds() // 60)} minutes later: start again "
                "without one.",
            )
        return token

    def issue(self, token: str | None, now: _dt.datetime) -> str | None:
        if token is not None:
            self._issued[token] = now
        return token

    def page(
        self,
        items: Sequence[T],
        key: Callable[[T], SortKey],
        *,
        listing: str,
        token: str | None,
        limit: int,
        now: _dt.datetime,
    ) -> tuple[list[T], str | None]:
        selected, following = page(
            items,
            key,
            listing=listing,
            token=self.check(token, now),
            limit=limit,
            invalid_token=invalid(
                "The PaginationToken belongs to another query: pass the same filters as the "
                "call that returned it."
            ),
        )
        return selected, following


def fitting(resources: Iterable[TaggedResource], tags_per_page: int | None) -> int:
    """How many of ``resources`` fit in ``tags_per_page`` tags, a resource never split across
    pages and an untagged one counting as one tag (TagsPerPage's documentation)."""
    count = total = 0
    for resource in resources:
        total += max(1, len(resource.tags))
        if tags_per_page is not None and total > tags_per_page:
            break
        count += 1
    return max(count, 1)
