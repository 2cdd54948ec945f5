"""The organisation's ACM plan (the inventory tier): who may start, change and end it, and
when a change takes effect (model documentation of PutInventoryConfiguration.InventoryTier).

The first plan and a higher one take effect at once (PENDING for ``ACTIVATION_TIME``, then
ACTIVE); a lower plan and the end of the plan take effect at the end of the billing period,
which certmock takes to be the end of the calendar month (UTC). Both are scheduled changes.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from certmock.errors import ServiceError

TIERS = ("ESSENTIALS", "PRO")
"""Lowest first (the model's enum order)."""
ACTIVATION_TIME = _dt.timedelta(seconds=5)
"""'usually for a few seconds after PutInventoryConfiguration' (model documentation)."""

Schedule = Callable[[_dt.datetime, Callable[[_dt.datetime], None]], object]


def end_of_billing_period(now: _dt.datetime) -> _dt.datetime:
    """The first instant of the next calendar month, UTC."""
    year, month = (now.year + 1, 1) if now.month == 12 else (now.year, now.month + 1)
    return _dt.datetime(year, month, 1, tzinfo=_dt.timezone.utc)


def _denied(message: str) -> ServiceError:
    return ServiceError("AccessDeniedException", message)


def _conflict(message: str) -> ServiceError:
    return ServiceError("ConflictException", message)


@dataclass
class Plans:
    tier: str
    pending_until: _dt.datetime
    scheduled_tier: str | None = None
    scheduled_at: _dt.datetime | None = None
    generation: int = 0

    @property
    def ending(self) -> bool:
        return self.scheduled_at is not None and self.scheduled_tier is None

    @property
    def requested(self) -> str | None:
        """The plan last requested: none while the plan is scheduled to end."""
        if self.ending:
            return None
        return self.scheduled_tier or self.tier

    def describe(self, now: _dt.datetime) -> dict[str, Any]:
        described: dict[str, Any] = {
            "Tier": self.tier,
            "Status": "PENDING" if now < self.pending_until else "ACTIVE",
        }
        if self.scheduled_at is not None:
            change: dict[str, Any] = {"EffectiveAt": self.scheduled_at}
            if self.scheduled_tier is not None:
                change["Tier"] = self.scheduled_tier
            described["ScheduledChange"] = change
        return described

    def check_request(self, tier: str, management: bool) -> None:
        """Refuse what a request naming ``tier`` (with Status ENABLED) may not do."""
        if self.ending:
            if not management:
                raise _denied(
                    "The ACM plan is scheduled to end, so there is no requested plan; only the "
                    "management account can name a plan."
                )
            if tier == self.tier:
                raise _conflict(
                    f"The {tier} plan is scheduled to end; name the other plan or omit "
                    "InventoryTier."
                )
            return
        if tier == self.requested:
            return
        if not management:
            raise _denied(
                f"Only the management account can change the organization's ACM plan "
                f"(requested {tier}, current {self.requested})."
            )
        if self.scheduled_tier is not None and tier == self.tier:
            raise _conflict(
                f"A move to the {self.scheduled_tier} plan is scheduled and cannot be taken back."
            )

    def request(self, tier: str, now: _dt.datetime, schedule: Schedule) -> None:
        """Apply a checked request: a higher plan at once, a lower one at the period's end."""
        if tier == self.requested:
            return
        self.generation += 1
        if TIERS.index(tier) > TIERS.index(self.tier):
            self.tier, self.pending_until = tier, now + ACTIVATION_TIME
            self.scheduled_tier = self.scheduled_at = None
            return
        self.scheduled_tier, self.scheduled_at = tier, end_of_billing_period(now)
        generation = self.generation

        def downgrade(due: _dt.datetime) -> None:
            if self.generation == generation and self.scheduled_tier is not None:
                self.tier, self.pending_until = self.scheduled_tier, due
                self.scheduled_tier = self.scheduled_at = None

        schedule(self.scheduled_at, downgrade)

    def end(
        self,
        management: bool,
        now: _dt.datetime,
        on_end: Callable[[_dt.datetime], None],
        schedule: Schedule,
    ) -> None:
        """Status DISABLED: the plan ends at the end of the billing period (a repeat changes
        nothing)."""
        if self.ending:
            return
        if not management:
            raise _denied("Only the management account can end the organization's ACM plan.")
        self.generation += 1
        self.scheduled_tier, self.scheduled_at = None, end_of_billing_period(now)
        generation = self.generation

        def finish(due: _dt.datetime) -> None:
            if self.generation == generation:
                on_end(due)

        schedule(self.scheduled_at, finish)
