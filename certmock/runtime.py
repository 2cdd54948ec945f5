"""Which mocks are active, and the world they share. The hook reads this on every request."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from certmock.world import World


@dataclass(frozen=True)
class Activation:
    """One started mock, as the hook needs to know it."""

    name: str
    services: frozenset[str]
    account_id: str


class Runtime:
    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.world = World()
        self.activations: list[Activation] = []
        self.served: frozenset[str] = frozenset()

    @property
    def active(self) -> bool:
        return bool(self.activations)

    @property
    def default_account(self) -> str:
        """The innermost active mock's account: a nested ``account_id=`` switches accounts."""
        return self.activations[-1].account_id

    def push(self, activation: Activation) -> None:
        with self.lock:
            self.activations.append(activation)
            self._recompute()

    def remove(self, activation: Activation) -> None:
        with self.lock:
            self.activations.remove(activation)
            self._recompute()

    def _recompute(self) -> None:
        self.served = frozenset().union(*(a.services for a in self.activations))
        self.world.live = bool(self.activations)


RUNTIME = Runtime()
