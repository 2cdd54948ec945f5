"""Real values of an episode (ARNs, ids, serials, tokens, CSRs...), by input member name, for
the strategies to mix with generated ones: most request paths past validation need a real
resource."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from hypothesis import strategies as st

# Members worth drawing from the pool even before it holds anything for them (the episode may
# create such a resource later) and members harvested from every successful answer.
RESOURCE_NAME = re.compile(r"(arn|id|identifier|token|serial|position|marker)$", re.IGNORECASE)
_PER_NAME = 32


class Pool:
    def __init__(self) -> None:
        self._values: dict[str, list[Any]] = {}
        self.strategies: dict[tuple[str, str, str], st.SearchStrategy[Any]] = {}
        """Request strategies by (service, operation, mode): built once, drawn often."""
        self.seen: dict[str, set[str]] = {}
        """Output constraint breaches of each health read, when the episode last ran it."""

    def add(self, name: str, *values: Any) -> None:
        known = self._values.setdefault(name.lower(), [])
        for value in values:
            if value not in known and len(known) < _PER_NAME:
                known.append(value)

    def values(self, name: str) -> list[Any]:
        return list(self._values.get(name.lower(), ()))

    def names(self) -> Iterable[str]:
        return self._values.keys()

    def strategy(
        self, name: str, otherwise: st.SearchStrategy[Any]
    ) -> st.SearchStrategy[Any] | None:
        """Real values for member ``name``, looked up when drawn (``otherwise`` while the pool
        has none); None for members the pool has nothing to do with."""
        key = name.lower()
        if not key or (key not in self._values and not RESOURCE_NAME.search(key)):
            return None
        return st.integers(0, 2**16).flatmap(functools.partial(self._pick, key, otherwise))

    def damaged(
        self, name: str, damage: Callable[[bytes], st.SearchStrategy[bytes]]
    ) -> st.SearchStrategy[bytes] | None:
        """Real byte values of member ``name`` (PEMs), damaged by ``damage``; None if the pool
        holds none."""
        known = [value for value in self._values.get(name.lower(), ()) if isinstance(value, bytes)]
        if not known:
            return None
        return st.sampled_from(known).flatmap(damage)

    def _pick(
        self, key: str, otherwise: st.SearchStrategy[Any], index: int
    ) -> st.SearchStrategy[Any]:
        known = self._values.get(key)
        return st.just(known[index % len(known)]) if known else otherwise

    def harvest(self, answer: Any) -> None:
        """Remember the identifiers in a successful answer (resources made by fuzzed calls)."""
        if isinstance(answer, Mapping):
            for name, value in answer.items():
                if name == "ResponseMetadata":
                    continue
                if isinstance(value, str | bytes) and RESOURCE_NAME.search(str(name)):
                    self.add(str(name), value)
                else:
                    self.harvest(value)
        elif isinstance(answer, list):
            for item in answer[:_PER_NAME]:
                self.harvest(item)
