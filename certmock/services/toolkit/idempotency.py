"""Idempotency tokens on the world's clock.

A token seen again within its window is the same request: the operation answers with what the
first call produced and changes nothing. Each service states the window (ACM Private CA's five
minutes, ACM's hour) and, where it compares parameters, the error for a token reused with other
ones. The token lapses by a change scheduled on the timeline, so it lapses at its due time however
the clock is moved.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from certmock.errors import ServiceError
from certmock.world import Scope

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

TOKEN_MEMBER = "IdempotencyToken"


def fingerprint(params: Mapping[str, Any], token_member: str = TOKEN_MEMBER) -> str:
    """A request's parameters, token aside, in a comparable form."""
    kept = {name: value for name, value in params.items() if name != token_member}
    return json.dumps(kept, sort_keys=True, default=str)


@dataclass(frozen=True)
class _Entry(Generic[V]):
    value: V
    fingerprint: str | None


class IdempotencyTokens(Generic[K, V]):
    """One operation's tokens in one account and Region.

    ``key`` is usually the token itself; an operation whose tokens are scoped more narrowly
    (IssueCertificate's, per CA) uses a tuple. With ``mismatch``, a token reused with other
    parameters raises the error it makes; without, the parameters are not compared.
    """

    def __init__(
        self,
        scope: Scope,
        window: _dt.timedelta,
        *,
        mismatch: Callable[[K], ServiceError] | None = None,
    ) -> None:
        self._scope = scope
        self._window = window
        self._mismatch = mismatch
        self._seen: dict[K, _Entry[V]] = {}

    def replay(self, key: K | None, params: Mapping[str, Any] | None = None) -> V | None:
        """What the first call with ``key`` produced, if this call repeats it within the
        window; None for a new request."""
        if key is None:
            return None
        entry = self._seen.get(key)
        if entry is None:
            return None
        if self._mismatch is not None and entry.fingerprint != _fingerprint(params):
            raise self._mismatch(key)
        return entry.value

    def remember(
        self,
        key: K | None,
        value: V,
        *,
        params: Mapping[str, Any] | None = None,
        at: _dt.datetime | None = None,
    ) -> None:
        """Answer ``key`` with ``value`` until the window from ``at`` (default: now) ends."""
        if key is None:
            return
        entry = _Entry(value, _fingerprint(params))
        self._seen[key] = entry

        def lapse(_: _dt.datetime) -> None:
            if self._seen.get(key) is entry:
                del self._seen[key]

        start = at if at is not None else self._scope.now()
        self._scope.schedule(start + self._window, lapse)

    def forget(self, values: Iterable[V]) -> None:
        """Drop the tokens that answer with any of ``values`` (say, deleted resources): a
        retry then makes a new one."""
        dropped = list(values)
        for key in [k for k, entry in self._seen.items() if entry.value in dropped]:
            del self._seen[key]


def _fingerprint(params: Mapping[str, Any] | None) -> str | None:
    return None if params is None else fingerprint(params)
