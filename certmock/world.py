"""The one world every mock shares: clock, timeline, per-(account, region) state, events, calls."""

from __future__ import annotations

import datetime as _dt
import itertools
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from certmock.clock import Clock
from certmock.directory import Directory
from certmock.errors import ServiceError
from certmock.events import EventLog
from certmock.ids import IdSource
from certmock.objects import ObjectStore
from certmock.organizations import Organization
from certmock.partitions import partition_of
from certmock.pki.keysource import KeySource
from certmock.timeline import Change, Scheduled, Timeline

DEFAULT_ACCOUNT_ID = "123456789012"


@dataclass(frozen=True)
class Call:
    """One request certmock served, as ``cm.calls`` records it."""

    service: str
    operation: str
    account_id: str
    region: str
    parameters: Mapping[str, Any]
    time: _dt.datetime
    """The virtual time at which it was served."""
    result: Mapping[str, Any] | None = None
    error: ServiceError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


class Service(Protocol):
    """What the world needs of a service: its name and how to build its state."""

    @property
    def name(self) -> str: ...

    @property
    def backend_factory(self) -> Any: ...


@dataclass(frozen=True)
class Scope:
    """What a service backend sees of the world: its account and region, time, ids, events."""

    world: World
    account_id: str
    region: str

    @property
    def partition(self) -> str:
        return partition_of(self.region)

    @property
    def directory(self) -> Directory:
        """Resources reached across services, accounts and Regions (CAs by ARN)."""
        return self.world.directory

    def now(self) -> _dt.datetime:
        return self.world.clock.now()

    def schedule(self, due_at: _dt.datetime, change: Change) -> Scheduled:
        return self.world.timeline.schedule(due_at, change)

    def new_uuid(self) -> str:
        return self.world.ids.uuid4()

    def emit(
        self,
        source: str,
        detail_type: str,
        resources: list[str],
        detail: Mapping[str, Any],
        time: _dt.datetime | None = None,
    ) -> dict[str, Any]:
        """Record an EventBridge event as AWS would deliver it to the default bus."""
        when = time if time is not None else self.now()
        event = {
            "version": "0",
            "id": self.world.ids.uuid4(),
            "detail-type": detail_type,
            "source": source,
            "account": self.account_id,
            "time": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "region": self.region,
            "resources": list(resources),
            "detail": dict(detail),
        }
        self.world.events.record(event, self.now())
        return event


class World:
    def __init__(self) -> None:
        # Re-entrant: a scheduled change may read state through the same paths a call uses.
        self.lock = threading.RLock()
        self.clock = Clock()
        self.timeline = Timeline()
        self.ids = IdSource()
        self.keys = KeySource()
        self.events = EventLog(settle=self.settle)
        self.live = False
        """Whether a mock is serving this world (set by the runtime): only then are events
        delivered to handlers, which could otherwise reach real AWS."""
        self._delivering = False
        self.clock.on_moved = self._clock_moved
        self.calls: list[Call] = []
        self.objects = ObjectStore()
        self.directory = Directory()
        self.realistic = False
        """Whether AWS's asynchrony shows on the clock (a new CA is CREATING for a moment,
        a new certificate is not retrievable at once); set by the outermost mock."""
        self.options: dict[str, Any] = {}
        """Settings a test makes on the handle for one service's behaviour, world-wide (kept
        across ``reset``, like ``realistic``), by ``<service>/<what>``."""
        self.organization: Organization | None = None
        """The AWS Organizations organisation a test set up (``cm.organization``), if any."""
        self._backends: dict[tuple[str, str, str], Any] = {}
        self._sequence = itertools.count(1)

    def next_sequence(self) -> int:
        """A number that grows across every account and region (creation order of resources,
        so one listing can page through several accounts' resources with one cursor)."""
        return next(self._sequence)

    def backend(self, service: Service, account_id: str, region: str) -> Any:
        """The service's state for one account and region, created on first use."""
        key = (service.name, account_id, region)
        backend = self._backends.get(key)
        if backend is None:
            backend = service.backend_factory(Scope(self, account_id, region))
            self._backends[key] = backend
        return backend

    def backends(self, service_name: str) -> dict[tuple[str, str], Any]:
        """Every (account, region) backend created so far for one service."""
        return {(a, r): b for (s, a, r), b in self._backends.items() if s == service_name}

    def catch_up(self) -> None:
        """Bring every model up to ``clock.now()`` by applying the changes that came due."""
        with self.lock:
            self.timeline.apply_due(self.clock.now(), self.clock.showing)

    def settle(self) -> None:
        """Bring the world up to ``clock.now()``, delivering each event emitted on the way to
        the handlers subscribed to it: in the order of ``events``, each with the clock showing
        the instant the event was emitted, and outside the lock, so that a handler may call
        certmock (a rotation Lambda renews a certificate). Time stops at each event until its
        handlers return, so one big step and many small ones deliver the same events and the
        handlers' calls see the same world. A handler's own calls only catch up (the clock
        shows the event's instant); what they emit is delivered by this loop once it returns.
        A handler's exception propagates; the events after it wait for the next settle."""
        log = self.events
        if not self.live:
            return  # a finished mock's world, kept for inspection: nothing happens in it
        if self._delivering or not log.subscriptions:
            with self.lock:
                self.catch_up()
                if not self._delivering:
                    log.delivered = len(log)  # no handler is listening
            return
        self._delivering = True
        try:
            while True:
                with self.lock:
                    log.delivered = min(log.delivered, len(log))
                    if log.delivered == len(log):
                        self.timeline.apply_due(
                            self.clock.now(),
                            self.clock.showing,
                            until=lambda: len(log) > log.delivered,
                        )
                    if log.delivered == len(log):
                        return
                    index = log.delivered
                    log.delivered += 1
                log.deliver(index, self.clock.showing)
        finally:
            self._delivering = False

    def _clock_moved(self) -> None:
        if self.live and self.events.subscriptions:
            self.settle()

    def reset(self, seed: int | None = None) -> None:
        """Forget all state, events and calls; the clock starts ticking at wall time again.
        Subscribed handlers stay subscribed."""
        with self.lock:
            self.clock.reset()
            self.timeline.clear()
            self.ids = IdSource(seed)
            self.keys = KeySource(seed)
            self.events.clear()
            self.calls.clear()
            self.objects.clear()
            self.directory.clear()
            self.organization = None
            self._backends.clear()
            self._sequence = itertools.count(1)
