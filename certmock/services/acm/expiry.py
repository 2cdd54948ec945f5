"""Expiry on the clock: the daily "ACM Certificate Approaching Expiration" events, and the
certificate turning EXPIRED at its NotAfter.

**When each daily event is due.** With D = DaysBeforeExpiry, a certificate whose NotAfter is T
gets one event at each instant ``T - k days`` for k = D, D-1, ..., 1, carrying
``DaysToExpiry = k``: the events fall at the time of day of T (23:59:59 UTC for the public
certificates ACM issues), one per day, the last one day before expiry. Instants that had
already passed when the certificate arrived (imported 10 days before expiry, say) bring no
event: the first is the next instant to come. AWS documents one event per day per certificate
but not the time of day (fact sheet 6.3); this choice makes DaysToExpiry an exact count.

Only the next event of each certificate is on the timeline; firing it schedules the one after,
so a certificate costs one entry whatever D is, and moving the clock 120 days in one step or
in 120 steps gives the same events. Changing D reschedules the next event of every
certificate; events already due are not taken back.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable

from certmock.services.acm import events
from certmock.services.acm.certificate import EXPIRED as EXPIRED_STATUS
from certmock.services.acm.certificate import IMPORTED, ISSUED, Certificate
from certmock.world import Scope

DAY = _dt.timedelta(days=1)


def next_warning(
    not_after: _dt.datetime, days_before_expiry: int, after: _dt.datetime
) -> tuple[_dt.datetime, int] | None:
    """The first daily warning due strictly after ``after``: (due instant, DaysToExpiry)."""
    remaining = not_after - after
    # Largest k with not_after - k days > after: ceil(remaining / day) - 1, in exact integers.
    whole_days = -(-remaining // DAY)
    days = min(days_before_expiry, whole_days - 1)
    if days < 1:
        return None
    return not_after - days * DAY, days


class ExpiryEvents:
    def __init__(
        self,
        scope: Scope,
        days_before_expiry: Callable[[], int],
        is_current: Callable[[Certificate, int], bool],
        end_renewal: Callable[[Certificate, _dt.datetime], None],
    ) -> None:
        self._scope = scope
        self._days_before_expiry = days_before_expiry
        self._is_current = is_current
        """Whether a certificate still exists with this version of its material."""
        self._end_renewal = end_renewal
        """What happens to a certificate's managed renewal when it expires."""

    def track(self, certificate: Certificate, now: _dt.datetime) -> None:
        """(Re)schedule a certificate's warnings and expiry from its current material."""
        certificate.timers.cancel("warning")
        certificate.timers.cancel("expiry")
        not_after = certificate.not_after
        if not_after is None:
            return
        self._schedule_warning(certificate, now)
        if not_after > now:
            version = certificate.version
            certificate.timers.set(
                "expiry",
                self._scope.schedule(
                    not_after, lambda due: self._expire(certificate, version, due)
                ),
            )

    def reschedule_warnings(self, certificates: list[Certificate], now: _dt.datetime) -> None:
        """DaysBeforeExpiry changed: every next warning follows the new value."""
        for certificate in certificates:
            if certificate.not_after is not None and certificate.status == ISSUED:
                self._schedule_warning(certificate, now)

    def _schedule_warning(self, certificate: Certificate, after: _dt.datetime) -> None:
        certificate.timers.cancel("warning")
        assert certificate.not_after is not None
        upcoming = next_warning(certificate.not_after, self._days_before_expiry(), after)
        if upcoming is None:
            return
        due, days = upcoming
        version = certificate.version
        certificate.timers.set(
            "warning",
            self._scope.schedule(due, lambda at: self._warn(certificate, version, days, at)),
        )

    def _warn(self, certificate: Certificate, version: int, days: int, at: _dt.datetime) -> None:
        if not self._is_current(certificate, version) or certificate.status != ISSUED:
            return
        events.approaching_expiration(self._scope, certificate, days, at)
        self._schedule_warning(certificate, at)

    def _expire(self, certificate: Certificate, version: int, at: _dt.datetime) -> None:
        if not self._is_current(certificate, version) or certificate.status != ISSUED:
            return
        self._end_renewal(certificate, at)
        certificate.status = EXPIRED_STATUS
        # Imported certificates get no Expired event (ACM user guide).
        if certificate.type != IMPORTED:
            events.expired(self._scope, certificate, at)
