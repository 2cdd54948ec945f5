"""ACM's account configuration (Get/PutAccountConfiguration): when expiry events start.

Kept per account and region, like every ACM resource (the CloudFormation resource
``AWS::CertificateManager::Account`` is regional).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable

from certmock.errors import ServiceError

DEFAULT_DAYS_BEFORE_EXPIRY = 45
# The API model sets no maximum; CloudFormation documents 1-45, which certmock enforces
# (fact sheet 6.2; 0 is refused by botocore before the request leaves).
MAX_DAYS_BEFORE_EXPIRY = 45
IDEMPOTENCY_WINDOW = _dt.timedelta(hours=1)


class AccountConfiguration:
    def __init__(self, schedule_lapse: Callable[[_dt.datetime, Callable[[], None]], None]) -> None:
        self.days_before_expiry = DEFAULT_DAYS_BEFORE_EXPIRY
        self._tokens: set[str] = set()
        self._schedule_lapse = schedule_lapse

    def describe(self) -> dict[str, object]:
        return {"ExpiryEvents": {"DaysBeforeExpiry": self.days_before_expiry}}

    def put(
        self, expiry_events: dict[str, int] | None, idempotency_token: str, now: _dt.datetime
    ) -> bool:
        """Apply a PutAccountConfiguration; False when the token was used within the hour,
        which makes it the same request as before, and nothing changes ("returns the
        original result")."""
        days = (expiry_events or {}).get("DaysBeforeExpiry")
        if days is not None and days > MAX_DAYS_BEFORE_EXPIRY:
            raise ServiceError(
                "ValidationException",
                f"1 validation error detected: Value '{days}' at "
                "'expiryEvents.daysBeforeExpiry' failed to satisfy constraint: Member must "
                f"have value less than or equal to {MAX_DAYS_BEFORE_EXPIRY}",
            )
        if idempotency_token in self._tokens:
            return False
        self._tokens.add(idempotency_token)
        self._schedule_lapse(
            now + IDEMPOTENCY_WINDOW, lambda: self._tokens.discard(idempotency_token)
        )
        if days is None or days == self.days_before_expiry:
            return False
        self.days_before_expiry = days
        return True
