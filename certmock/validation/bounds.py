"""Limits a service knows that its model does not declare, as ``validate`` takes them and as the
compiler meets them: a tree of bounds by member path."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, Protocol


class Bound(Hashable, Protocol):
    """A range AWS enforces on one input member that the model does not declare (a service
    definition's ``ExtraConstraint``): a length for strings, lists, maps and blobs, a value for
    numbers, as the model's ``min``/``max`` are. Hashable, as a frozen dataclass is, since
    shapes are compiled once per set of bounds."""

    @property
    def member(self) -> str:
        """The member's path from the operation's input, dotted (``ExpiryEvents.DaysBeforeExpiry``);
        a list on the way stands for each of its items."""

    @property
    def minimum(self) -> int | None: ...

    @property
    def maximum(self) -> int | None: ...


@dataclass
class ExtraBounds:
    """The bounds met at one place of the input, and below it, by member name."""

    low: int | None = None
    high: int | None = None
    inner: dict[str, ExtraBounds] = field(default_factory=dict)

    @classmethod
    def tree(cls, bounds: tuple[Bound, ...]) -> ExtraBounds:
        root = cls()
        for bound in bounds:
            place = root
            for name in bound.member.split("."):
                place = place.inner.setdefault(name, cls())
            if bound.minimum is not None:
                place.low = bound.minimum if place.low is None else max(place.low, bound.minimum)
            if bound.maximum is not None:
                place.high = bound.maximum if place.high is None else min(place.high, bound.maximum)
        return root


def tighter(model: int | float | None, extra: int | None, pick: Callable[..., Any]) -> Any:
    if extra is None:
        return model
    return extra if model is None else pick(model, extra)
