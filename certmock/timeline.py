"""Scheduled changes, applied lazily and in time order when the world is next looked at."""

from __future__ import annotations

import contextlib
import datetime as _dt
import heapq
import itertools
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field


class ScheduledChangeFailed(RuntimeWarning):
    """A scheduled state change raised when it came due (a certmock bug, reported)."""


Change = Callable[[_dt.datetime], None]
"""A state change; it receives the instant it was due, which is the time it happened."""


@dataclass(order=True)
class Scheduled:
    due_at: _dt.datetime
    sequence: int
    change: Change = field(compare=False)
    cancelled: bool = field(default=False, compare=False)
    timeline: Timeline | None = field(default=None, compare=False, repr=False)

    def cancel(self) -> None:
        """Drop the change (e.g. a restored CA's permanent deletion)."""
        if not self.cancelled:
            self.cancelled = True
            if self.timeline is not None:
                self.timeline._cancelled_one()


class Timeline:
    def __init__(self) -> None:
        self._heap: list[Scheduled] = []
        self._sequence = itertools.count()
        self._cancelled = 0

    def schedule(self, due_at: _dt.datetime, change: Change) -> Scheduled:
        entry = Scheduled(due_at, next(self._sequence), change, timeline=self)
        heapq.heappush(self._heap, entry)
        return entry

    def _cancelled_one(self) -> None:
        # Cancelled entries wait in the heap for their due time; once they are most of it
        # (certificates deleted or reimported by the thousand), rebuild it without them, so
        # memory follows what is still scheduled. Amortised O(1) per cancellation.
        self._cancelled += 1
        if self._cancelled > 64 and self._cancelled * 2 > len(self._heap):
            # In place: apply_due may be iterating this very list.
            self._heap[:] = [entry for entry in self._heap if not entry.cancelled]
            heapq.heapify(self._heap)
            self._cancelled = 0

    def apply_due(
        self,
        now: _dt.datetime,
        as_of: Callable[[_dt.datetime], contextlib.AbstractContextManager[None]] | None = None,
        until: Callable[[], bool] | None = None,
    ) -> None:
        """Apply every change due by ``now``, earliest first; ties in the order scheduled.

        A change may schedule further changes; those that are already due run in this pass, so
        one 31-day step and 31 one-day steps reach the same state. Each change runs inside
        ``as_of(its due time)`` (the world passes ``Clock.showing``). With ``until``, stop
        after the first change after which ``until()`` is true (the world stops at each
        emitted event, to deliver it before time goes on).
        """
        heap = self._heap
        while heap and heap[0].due_at <= now:
            entry = heapq.heappop(heap)
            entry.timeline = None  # a late cancel() of an applied change changes nothing
            if entry.cancelled:
                self._cancelled -= 1
            else:
                with as_of(entry.due_at) if as_of else contextlib.nullcontext():
                    self._apply(entry)
                if until is not None and until():
                    return

    @staticmethod
    def _apply(entry: Scheduled) -> None:
        """Run one change. A change that fails is certmock's bug (its input should have been
        refused when it arrived); it must not fail whichever unrelated call happened to bring
        the world up to date, so it is reported as a warning, and the timeline goes on."""
        try:
            entry.change(entry.due_at)
        except Exception as failure:
            warnings.warn(
                ScheduledChangeFailed(
                    f"A change scheduled for {entry.due_at.isoformat()} failed and was "
                    f"skipped: {type(failure).__name__}: {failure}. This is a certmock bug; "
                    "please report it with the calls that scheduled it."
                ),
                stacklevel=2,
            )

    def __len__(self) -> int:
        return sum(1 for entry in self._heap if not entry.cancelled)

    def clear(self) -> None:
        for entry in self._heap:
            entry.timeline = None
        self._heap.clear()
        self._cancelled = 0
