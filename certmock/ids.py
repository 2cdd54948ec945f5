"""Identifiers: random by default, reproducible with a seed.

Resource identifiers and request ids come from separate streams, so a seeded script keeps its
ARNs even when it makes a different number of calls between creations.
"""

from __future__ import annotations

import random
import uuid


class IdSource:
    def __init__(self, seed: int | None = None) -> None:
        self.seed = seed
        self._resources = self._stream("resources")
        self._requests = self._stream("requests")

    def _stream(self, name: str) -> random.Random:
        if self.seed is None:
            return random.Random()
        return random.Random(f"certmock:{self.seed}:{name}")

    def uuid4(self) -> str:
        """A lowercase version-4 UUID for a resource."""
        return str(uuid.UUID(int=self._resources.getrandbits(128), version=4))

    def randbits(self, bits: int) -> int:
        return self._resources.getrandbits(bits)

    def choice(self, alphabet: str, length: int) -> str:
        return "".join(self._resources.choice(alphabet) for _ in range(length))

    def request_id(self) -> str:
        return str(uuid.UUID(int=self._requests.getrandbits(128), version=4))
