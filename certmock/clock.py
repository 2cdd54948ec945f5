"""The one virtual clock every model reads.

Unfrozen, it is the wall clock as seen through ``datetime.now(timezone.utc)`` (so freezegun and
time-machine drive it without certmock knowing either) plus whatever ``advance`` added.
Frozen, it stays where it was put until advanced.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import threading
from collections.abc import Callable, Iterator
from typing import Protocol

from certmock.timeparse import to_utc_datetime

_ZERO = _dt.timedelta(0)


class Follower(Protocol):
    """The process's own time, moved with the clock (``certmock.process_time``)."""

    def shift(self, delta: _dt.timedelta) -> None: ...

    def move_to(self, when: _dt.datetime, *, tick: bool) -> None: ...

    def wall_time(self) -> _dt.datetime: ...


class Clock:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._frozen_at: _dt.datetime | None = None
        self._offset = _ZERO
        self._showing: _dt.datetime | None = None
        self._follower: Follower | None = None
        self.on_moved: Callable[[], None] | None = None
        """Called, outside the clock's lock, after ``advance`` or ``freeze``: the world then
        delivers the events that came due to the handlers subscribed to them."""

    def now(self) -> _dt.datetime:
        """The current virtual time, timezone-aware UTC (while a scheduled change is applied:
        the instant it was due)."""
        showing = self._showing
        if showing is not None:
            return showing
        frozen = self._frozen_at
        if frozen is not None:
            return frozen
        # Looked up on the module each time: freezegun swaps ``datetime.datetime`` itself, and
        # then returns its FakeDatetime subclass, which cryptography and the codecs accept
        # whichever datetime class cryptography met first (certmock.pki.datetimes).
        return _dt.datetime.now(_dt.timezone.utc) + self._offset

    @contextlib.contextmanager
    def showing(self, when: _dt.datetime) -> Iterator[None]:
        """Make ``now()`` return ``when`` for the duration: a scheduled change applied late (the
        clock moved 120 days in one step) then runs as of its due time, also in the code it calls
        that reads the clock, so one big step and many small ones give the same state. Does not
        move, freeze or unfreeze the clock itself."""
        previous = self._showing
        self._showing = when
        try:
            yield
        finally:
            self._showing = previous

    @property
    def frozen(self) -> bool:
        return self._frozen_at is not None

    @property
    def following(self) -> bool:
        """Whether the process's own time moves with the clock (``process_time=True``)."""
        return self._follower is not None

    def follow(self, follower: Follower) -> None:
        """Move ``follower`` (the process's time) with the clock from now on. The process's
        time is where the clock is, so the clock reads it without an offset."""
        with self._lock:
            self._follower = follower
            self._offset = _ZERO

    def unfollow(self, follower: Follower) -> None:
        """Stop moving ``follower``; the clock goes on from where it stands."""
        with self._lock:
            if self._follower is follower:
                self._offset = self.now() - follower.wall_time()
                self._follower = None

    def freeze(self, when: _dt.datetime | str | None = None) -> _dt.datetime:
        """Stop the clock, at ``when`` (datetime or ISO-8601 string) or where it is now."""
        with self._lock:
            self._frozen_at = frozen_at = self.now() if when is None else to_utc_datetime(when)
            if self._follower is not None:
                self._follower.move_to(frozen_at, tick=False)
        self._moved()
        return frozen_at

    def unfreeze(self) -> None:
        """Let the clock tick again from where it stands, at wall-clock pace."""
        with self._lock:
            if self._frozen_at is not None:
                if self._follower is not None:
                    self._follower.move_to(self._frozen_at, tick=True)
                else:
                    self._offset = self._frozen_at - _dt.datetime.now(_dt.timezone.utc)
                self._frozen_at = None

    def advance(
        self,
        delta: _dt.timedelta | None = None,
        *,
        days: float = 0,
        hours: float = 0,
        minutes: float = 0,
        seconds: float = 0,
    ) -> _dt.datetime:
        """Move the clock forward by ``delta`` and/or the keyword amounts; returns the new now."""
        step = (delta or _ZERO) + _dt.timedelta(
            days=days, hours=hours, minutes=minutes, seconds=seconds
        )
        if step < _ZERO:
            raise ValueError(f"the clock only moves forward; cannot advance by {step}")
        with self._lock:
            if self._frozen_at is not None:
                self._frozen_at += step
                moved_to: _dt.datetime | None = self._frozen_at
                if self._follower is not None:
                    self._follower.move_to(self._frozen_at, tick=False)
            else:
                if self._follower is not None:
                    self._follower.shift(step)  # the clock reads the process's time
                else:
                    self._offset += step
                moved_to = None
        self._moved()
        return moved_to if moved_to is not None else self.now()

    def _moved(self) -> None:
        on_moved = self.on_moved
        if on_moved is not None:
            on_moved()

    def reset(self) -> None:
        with self._lock:
            self._frozen_at = None
            self._offset = _ZERO
            if self._follower is not None:
                # Wall time again, the process's time with it.
                self._follower.move_to(self._follower.wall_time(), tick=True)

    def __repr__(self) -> str:
        state = "frozen" if self.frozen else "ticking"
        return f"<Clock {state} at {self.now().isoformat()}>"
