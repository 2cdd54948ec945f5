"""Opaque, cursor-based page tokens: a page continues after the last item the previous page
returned, so items created or removed between pages neither repeat nor vanish."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Sequence
from typing import TypeVar

from certmock.errors import ServiceError

T = TypeVar("T")

_PREFIX = "certmock/v1/"


def encode_token(listing: str, cursor: int) -> str:
    raw = f"{_PREFIX}{listing}/{cursor}".encode()
    return base64.urlsafe_b64encode(raw).decode("ascii")


def decode_token(listing: str, token: str) -> int | None:
    """The cursor in ``token`` if it was issued for ``listing``; None if it is not ours."""
    try:
        text = base64.urlsafe_b64decode(token.encode("ascii")).decode()
    except (binascii.Error, UnicodeError, ValueError):
        return None
    prefix = f"{_PREFIX}{listing}/"
    if not text.startswith(prefix) or not text[len(prefix) :].isdigit():
        return None
    return int(text[len(prefix) :])


def paginate(
    items: Sequence[T],
    cursor_of: Callable[[T], int],
    *,
    listing: str,
    token: str | None,
    limit: int,
    invalid_token: ServiceError,
) -> tuple[list[T], str | None]:
    """One page of ``items`` (ordered by increasing ``cursor_of``) and the next token, if any.

    ``listing`` names what is listed (say, one CA's tags) so a token from another listing is
    refused with ``invalid_token``.
    """
    start = 0
    if token is not None:
        after = decode_token(listing, token)
        if after is None:
            raise invalid_token
        while start < len(items) and cursor_of(items[start]) <= after:
            start += 1
    page = list(items[start : start + limit])
    more = start + limit < len(items)
    return page, encode_token(listing, cursor_of(page[-1])) if more and page else None
