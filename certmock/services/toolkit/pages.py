"""Page tokens: opaque to the caller, tied to one listing, and cursor-based.

A token carries the sort key of the last item returned, so the next page continues after it in
the same order: items created or removed between pages neither repeat nor vanish. A token made
for another listing (another CA's tags, another sort order) or not made by certmock at all is
refused with the error the operation models for it.
"""

from __future__ import annotations

import base64
import binascii
import functools
import json
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from certmock.errors import ServiceError

T = TypeVar("T")

SortKey = tuple[Any, ...]
"""Flat and JSON-representable (strings and numbers), ending with a number unique per item
(the creation sequence), so equal values keep their creation order."""


def _encode(listing: str, key: SortKey) -> str:
    raw = json.dumps({"certmock": listing, "after": list(key)}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode("ascii")


def _decode(listing: str, token: str) -> SortKey | None:
    try:
        document = json.loads(base64.urlsafe_b64decode(token.encode("ascii")))
    except (binascii.Error, UnicodeError, ValueError):
        return None
    if not isinstance(document, dict) or document.get("certmock") != listing:
        return None
    after = document.get("after")
    return None if not isinstance(after, list) else tuple(after)


def _kind(value: Any) -> str | None:
    """What a sort key element is, for comparing keys; None for what no key holds."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return "number"
    return "text" if isinstance(value, str) else None


def _comparable(after: SortKey, sample: SortKey | None) -> bool:
    """Whether a decoded key can be compared with this listing's keys: flat, ending with a
    creation sequence, and (when there is a key to go by) of the same shape - a token that
    decodes but was not made here must be refused, not crash the comparison."""
    if not after or isinstance(after[-1], bool) or not isinstance(after[-1], int):
        return False
    kinds = [_kind(value) for value in after]
    if None in kinds:
        return False
    return sample is None or kinds == [_kind(value) for value in sample]


def _compare(a: SortKey, b: SortKey, descending: bool) -> int:
    """Order by every element but the last (reversed when descending), then by the last - the
    creation sequence - always ascending."""
    head_a, head_b = list(a[:-1]), list(b[:-1])
    if head_a != head_b:
        before = head_a < head_b
        return (1 if before else -1) if descending else (-1 if before else 1)
    last_a, last_b = int(a[-1]), int(b[-1])
    return (last_a > last_b) - (last_a < last_b)


def page(
    items: Sequence[T],
    sort_key: Callable[[T], SortKey],
    *,
    listing: str,
    token: str | None,
    limit: int,
    invalid_token: ServiceError,
    descending: bool = False,
) -> tuple[list[T], str | None]:
    """One page of ``items`` in ``sort_key`` order and the token for the next, if any.

    ``listing`` names what is listed (say, one CA's tags, or certificates by expiry date) so a
    token from another listing is refused with ``invalid_token``.
    """
    keyed: list[tuple[SortKey, T]] = [(sort_key(item), item) for item in items]

    def order(x: tuple[SortKey, T], y: tuple[SortKey, T]) -> int:
        return _compare(x[0], y[0], descending)

    keyed.sort(key=functools.cmp_to_key(order))
    if token is not None:
        after = _decode(listing, token)
        if after is None or not _comparable(after, keyed[0][0] if keyed else None):
            raise invalid_token
        keyed = [entry for entry in keyed if _compare(entry[0], after, descending) > 0]
    selected = keyed[:limit]
    more = len(keyed) > limit
    next_token = _encode(listing, selected[-1][0]) if more and selected else None
    return [item for _, item in selected], next_token


def page_in_creation_order(
    items: Sequence[T],
    sequence_of: Callable[[T], int],
    *,
    listing: str,
    token: str | None,
    limit: int,
    invalid_token: ServiceError,
) -> tuple[list[T], str | None]:
    """``page`` for listings in creation order, the common case."""
    return page(
        items,
        lambda item: (sequence_of(item),),
        listing=listing,
        token=token,
        limit=limit,
        invalid_token=invalid_token,
    )
