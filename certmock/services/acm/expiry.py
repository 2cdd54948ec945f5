"""Expiry on the clock: the daily "ACM Certificate Approaching Expiration" events, the
certificate turning EXPIRED at its NotAfter, and the account configuration that says when the
events start (Get/PutAccountConfiguration's DaysBeforeExpiry, kept per account and region like
every ACM resource: the CloudFormation resource ``AWS::CertificateManager::Account`` is
regional).

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
from collections.abc import Mapping

from certmock.errors import ServiceError
from certmock.services.acm import events
from certmock.services.acm.certificate import EXPIRED, IMPORTED, ISSUED, Certificate
from certmock.services.acm.store import CertificateStore
from certmock.services.toolkit.idempotency import IdempotencyTokens
from certmock.world import Scope

DAY = _dt.timedelta(days=1)
# DaysBeforeExpiry: 45 unless configured; at most 45, a limit the model lacks and the service
# definition declares (fact sheet 6.2).
DEFAULT_DAYS_BEFORE_EXPIRY = 45
IDEMPOTENCY_WINDOW = _dt.timedelta(hours=1)


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
    def __init__(self, scope: Scope, store: CertificateStore) -> None:
        self._scope = scope
        self._store = store
        self.days_before_expiry = DEFAULT_DAYS_BEFORE_EXPIRY
        self._tokens: IdempotencyTokens[str, int] = IdempotencyTokens(scope, IDEMPOTENCY_WINDOW)

    # -- account configuration --------------------------------------------------------------
    def configuration(self) -> dict[str, object]:
        """GetAccountConfiguration."""
        return {"ExpiryEvents": {"DaysBeforeExpiry": self.days_before_expiry}}

    def configure(self, expiry_events: Mapping[str, int] | None, idempotency_token: str) -> None:
        """PutAccountConfiguration. A token used within the hour makes it the same request as
        before, and nothing changes ("returns the original result"). A new DaysBeforeExpiry
        reschedules every next warning; events already due are not taken back."""
        days = (expiry_events or {}).get("DaysBeforeExpiry")
        if days is None:
            # AWS's answer to a request with only an IdempotencyToken (an AWS-verified public
            # test, fact sheet 11.5).
            raise ServiceError("ValidationException", "Configuration for events is empty.")
        if self._tokens.replay(idempotency_token) is not None:
            return
        now = self._scope.now()
        changed = days != self.days_before_expiry
        self.days_before_expiry = days
        self._tokens.remember(idempotency_token, self.days_before_expiry, at=now)
        if changed:
            for certificate in self._store.all():
                if certificate.not_after is not None and certificate.status == ISSUED:
                    self._schedule_warning(certificate, now)

    # -- the clock --------------------------------------------------------------------------
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

    def _schedule_warning(self, certificate: Certificate, after: _dt.datetime) -> None:
        certificate.timers.cancel("warning")
        assert certificate.not_after is not None
        upcoming = next_warning(certificate.not_after, self.days_before_expiry, after)
        if upcoming is None:
            return
        due, days = upcoming
        version = certificate.version
        certificate.timers.set(
            "warning",
            self._scope.schedule(due, lambda at: self._warn(certificate, version, days, at)),
        )

    def _warn(self, certificate: Certificate, version: int, days: int, at: _dt.datetime) -> None:
        if not self._store.is_current(certificate, version) or certificate.status != ISSUED:
            return
        events.approaching_expiration(self._scope, certificate, days, at)
        self._schedule_warning(certificate, at)

    def _expire(self, certificate: Certificate, version: int, at: _dt.datetime) -> None:
        if not self._store.is_current(certificate, version) or certificate.status != ISSUED:
            return
        # A renewal still pending has failed (see ``renewal``).
        certificate.timers.cancel("renewal")
        certificate.timers.cancel("renewing")
        if certificate.renewal is not None and certificate.renewal.pending:
            certificate.renewal = certificate.renewal.failed(at)
        certificate.status = EXPIRED
        # Imported certificates get no Expired event (ACM user guide).
        if certificate.type != IMPORTED:
            events.expired(self._scope, certificate, at)
