"""Idempotency tokens of the ACME Create operations.

botocore fills ``IdempotencyToken`` with a new UUID when the caller gives none, so every call
carries one. The same token within ``WINDOW`` is the same request: with the same parameters it
answers with what the first call created; with other parameters it is a ConflictException
(certmock's choice: ACM documents neither the window of these operations nor the mismatch; the
hour is RequestCertificate's, and ConflictException is what their models list).
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Callable, Mapping
from typing import Any

from certmock.errors import ServiceError

WINDOW = _dt.timedelta(hours=1)


def fingerprint(params: Mapping[str, Any]) -> str:
    """The request's parameters, token aside, in a comparable form."""
    kept = {name: value for name, value in params.items() if name != "IdempotencyToken"}
    return json.dumps(kept, sort_keys=True, default=str)


class Tokens:
    """One operation's tokens in one account and region."""

    def __init__(
        self, operation: str, schedule: Callable[[_dt.datetime, Callable[[], None]], None]
    ) -> None:
        self._operation = operation
        self._schedule = schedule
        self._seen: dict[str, tuple[str, str]] = {}

    def replay(self, token: str | None, params: Mapping[str, Any]) -> str | None:
        """The ARN a first call with ``token`` created, if this repeats it."""
        if token is None or token not in self._seen:
            return None
        first, arn = self._seen[token]
        if first != fingerprint(params):
            raise ServiceError(
                "ConflictException",
                f"The idempotency token {token} was used within the last hour for a "
                f"{self._operation} request with other parameters; use a new token for a new "
                "request.",
            )
        return arn

    def remember(
        self, token: str | None, params: Mapping[str, Any], arn: str, now: _dt.datetime
    ) -> None:
        if token is None:
            return
        entry = (fingerprint(params), arn)
        self._seen[token] = entry

        def lapse() -> None:
            if self._seen.get(token) == entry:
                del self._seen[token]

        self._schedule(now + WINDOW, lapse)

    def forget(self, arns: set[str]) -> None:
        """Drop the tokens of deleted resources: a retry then creates a new one."""
        for token in [t for t, (_, arn) in self._seen.items() if arn in arns]:
            del self._seen[token]
