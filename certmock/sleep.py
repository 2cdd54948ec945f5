"""While a mock is active, botocore's waiter and retry sleeps move the virtual clock instead of
blocking: ``waiter.wait()`` returns at once, yet the models see the time pass. aiobotocore's
``await asyncio.sleep(...)`` in its waiters and retries does the same, once aiobotocore is
imported (it is never imported here: an application that does not use it does not pay for
it)."""

from __future__ import annotations

import asyncio as _real_asyncio
import sys
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
# The aiobotocore modules that ``await asyncio.sleep`` on a caller's behalf.
_ASYNC_SLEEPING_MODULES = ("aiobotocore.waiter", "aiobotocore.endpoint")


class _Virtual:
    """Stands in for a module (``time``, ``asyncio``) inside a sleeping module: its sleep moves
    the clock; everything else is the real module's."""

    real: types.ModuleType

    def __init__(self, clock: Clock) -> None:
        self._clock = clock

    def _advance(self, seconds: float) -> None:
        if seconds > 0:
            self._clock.advance(seconds=seconds)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


class _VirtualTime(_Virtual):
    real = _real_time

    def sleep(self, seconds: float) -> None:
        self._advance(seconds)


class _VirtualAsyncio(_Virtual):
    real = _real_asyncio

    async def sleep(self, seconds: float, result: Any = None) -> Any:
        self._advance(seconds)
        await _real_asyncio.sleep(0)  # still a point where other tasks may run
        return result


_clock: Clock | None = None


def patch_sleeps(clock: Clock) -> None:
    global _clock
    _clock = clock
    virtual = _VirtualTime(clock)
    for module in _SLEEPING_MODULES:
        module.time = virtual  # type: ignore[attr-defined]
    patch_async_sleeps()


def patch_async_sleeps() -> None:
    """Put aiobotocore's sleeps on the clock, if it has been imported since (cheap when it has
    not, or when they already are: the hook calls this for every request)."""
    if _clock is None:
        return
    for name in _ASYNC_SLEEPING_MODULES:
        found = sys.modules.get(name)
        if found is not None and not isinstance(getattr(found, "asyncio", None), _VirtualAsyncio):
            found.asyncio = _VirtualAsyncio(_clock)  # type: ignore[attr-defined]


def restore_sleeps() -> None:
    global _clock
    _clock = None
    for module in _SLEEPING_MODULES:
        module.time = _real_time  # type: ignore[attr-defined]
    for name in _ASYNC_SLEEPING_MODULES:
        found = sys.modules.get(name)
        if found is not None and isinstance(getattr(found, "asyncio", None), _VirtualAsyncio):
            found.asyncio = _real_asyncio  # type: ignore[attr-defined]
