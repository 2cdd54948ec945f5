"""While a mock is active, botocore's waiter and retry sleeps move the virtual clock instead of
blocking: ``waiter.wait()`` returns at once, yet the models see the time pass."""

from __future__ import annotations

import time as _real_time
import types
from typing import Any

import botocore.endpoint
import botocore.retries.bucket
import botocore.waiter

from certmock.clock import Clock

# The botocore modules that call ``time.sleep`` on a caller's behalf.
_SLEEPING_MODULES: tuple[types.ModuleType, ...] = (
    botocore.waiter,
    botocore.endpoint,
    botocore.retries.bucket,
)


class _VirtualTime:
    """Stands in for the ``time`` module inside those modules; only ``sleep`` differs."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            self._clock.advance(seconds=seconds)

    def __getattr__(self, name: str) -> Any:
        return getattr(_real_time, name)


def patch_sleeps(clock: Clock) -> None:
    virtual = _VirtualTime(clock)
    for module in _SLEEPING_MODULES:
        module.time = virtual  # type: ignore[attr-defined]


def restore_sleeps() -> None:
    for module in _SLEEPING_MODULES:
        module.time = _real_time  # type: ignore[attr-defined]
