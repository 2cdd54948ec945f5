"""``process_time=True``: the time the code under test reads (``datetime.now()``,
``time.time()``) follows certmock's clock.

Built on time-machine, which patches the process's clocks at the C level. While a mock with the
option runs, the process travels to the clock's time, ticking if the clock ticks, stopped if it
is frozen; ``advance`` and ``freeze`` move both together. time-machine is imported only when the
option is used (``pip install 'certmock[time]'``).
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from certmock.clock import Clock

_UTC = _dt.timezone.utc


class ProcessTime:
    """The process's time, kept where ``clock`` says: the clock calls ``shift`` and
    ``move_to`` as it moves (``Clock.follow``)."""

    def __init__(self, clock: Clock) -> None:
        try:
            import time_machine
        except ImportError:  # pragma: no cover - the test extra installs it
            raise ImportError(
                "process_time=True moves the process's time with time-machine, which is not "
                "installed: pip install 'certmock[time]'"
            ) from None
        self._escape = time_machine.escape_hatch
        self._clock = clock
        self._travel: Any = time_machine.travel(clock.now(), tick=not clock.frozen)
        self._traveller: Any = self._travel.start()
        clock.follow(self)

    def shift(self, delta: _dt.timedelta) -> None:
        self._traveller.shift(delta)

    def move_to(self, when: _dt.datetime, *, tick: bool) -> None:
        self._traveller.move_to(when, tick=tick)

    def wall_time(self) -> _dt.datetime:
        """The real time, which the patched ``datetime.now()`` no longer shows."""
        real: _dt.datetime = self._escape.datetime.datetime.now(_UTC)
        return real

    def stop(self) -> None:
        """The process's time is its own again; the clock goes on from where it stood."""
        self._clock.unfollow(self)
        self._travel.stop()
