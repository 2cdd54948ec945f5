"""``cm.events``: the EventBridge events emitted so far, and the handlers subscribed to them.

The log is the plain list it always was (oldest first); ``subscribe`` adds a handler that the
world calls with each matching event as the clock moves past it (``World.settle``).
"""

from __future__ import annotations

import contextlib
import copy
import datetime as _dt
from collections.abc import Callable, Iterable, Mapping
from types import TracebackType
from typing import Any

from certmock.event_patterns import Matcher, compile_pattern

Event = dict[str, Any]
Handler = Callable[[Event], object]
"""Called with a copy of the EventBridge envelope; what it returns is ignored."""
Showing = Callable[[_dt.datetime], contextlib.AbstractContextManager[None]]


class Subscription:
    """One handler subscribed to ``cm.events``; ``unsubscribe()`` (or leaving a ``with``
    block) stops its deliveries."""

    def __init__(self, log: EventLog, handler: Handler, matchers: list[Matcher], since: int):
        self.handler = handler
        self._log = log
        self._matchers = matchers
        self.since = since
        """The first event (index in the log) it may receive: none emitted before it."""

    @property
    def active(self) -> bool:
        return self in self._log.subscriptions

    def wants(self, index: int, event: Mapping[str, Any]) -> bool:
        return index >= self.since and all(matches(event) for matches in self._matchers)

    def unsubscribe(self) -> None:
        """Stop delivering to the handler (also from inside it); calling it twice is harmless."""
        with contextlib.suppress(ValueError):
            self._log.subscriptions.remove(self)

    def __enter__(self) -> Subscription:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.unsubscribe()

    def __repr__(self) -> str:
        state = "active" if self.active else "unsubscribed"
        name = getattr(self.handler, "__qualname__", repr(self.handler))
        return f"<Subscription {name} {state}>"


class EventLog(list[Event]):
    """The events the services emitted, oldest first, as EventBridge would deliver them to the
    default bus; plus the handlers subscribed to them.

    Read it as a list. ``clear()`` forgets the events (and any not yet delivered); other
    changes to the list are not supported."""

    def __init__(self, settle: Callable[[], None] = lambda: None) -> None:
        super().__init__()
        self._settle = settle
        self.subscriptions: list[Subscription] = []
        self.instants: list[_dt.datetime] = []
        """When each event was emitted (the clock's reading, to the microsecond)."""
        self.delivered = 0
        """How many events, from the first, have been handed to the subscribed handlers."""

    def record(self, event: Event, instant: _dt.datetime) -> None:
        self.append(event)
        self.instants.append(instant)

    def subscribe(
        self,
        handler: Handler,
        *,
        source: str | Iterable[str] | None = None,
        detail_type: str | Iterable[str] | None = None,
        resources: str | Iterable[str] | None = None,
        pattern: Mapping[str, Any] | None = None,
    ) -> Subscription:
        """Call ``handler(event)`` with each event emitted from now on that matches every
        filter given: ``source``, ``detail_type`` (one value or several), ``resources`` (the
        event names one of these ARNs) and an EventBridge event ``pattern``. Events already
        due are first delivered to the handlers subscribed before this one."""
        matchers: list[Matcher] = []
        for key, wanted in (
            ("source", source),
            ("detail-type", detail_type),
            ("resources", resources),
        ):
            if wanted is not None:
                values = [wanted] if isinstance(wanted, str) else list(wanted)
                matchers.append(compile_pattern({key: values}))
        if pattern is not None:
            matchers.append(compile_pattern(pattern))
        self._settle()
        subscription = Subscription(self, handler, matchers, since=len(self))
        self.subscriptions.append(subscription)
        return subscription

    def deliver(self, index: int, showing: Showing) -> None:
        """Hand event ``index`` to every subscribed handler that wants it, with the clock
        showing the instant it was emitted. Every such handler is called; then the first
        exception one raised, if any, propagates."""
        event = self[index]
        targets = [s for s in list(self.subscriptions) if s.wants(index, event)]
        if not targets:
            return
        instant = self.instants[index] if index < len(self.instants) else None
        failure: Exception | None = None
        with showing(instant) if instant is not None else contextlib.nullcontext():
            for subscription in targets:
                if not subscription.active:
                    continue  # unsubscribed by an earlier handler for this very event
                try:
                    # A copy: a handler that edits its event must not edit cm.events.
                    subscription.handler(copy.deepcopy(event))
                except Exception as raised:
                    failure = failure or raised
        if failure is not None:
            raise failure

    def clear(self) -> None:
        """Forget every event, delivered or not; subscriptions stay."""
        super().clear()
        self.instants.clear()
        self.delivered = 0
        for subscription in self.subscriptions:
            subscription.since = 0
