"""The reads run around each fuzzed write: they must keep the promise afterwards, and a write
must not leave behind a value that makes them break a constraint they kept before.

"Before" is the last time the episode ran the same read: a read is run ahead of a write only
the first time (the reads are most of an episode's cost, so they are not run twice a call).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from botocore.model import OperationModel

from tests.fuzz import episode
from tests.fuzz.deviations import undeclared
from tests.fuzz.oracle import Verdict, invoke
from tests.fuzz.pool import Pool

# Reads that list what a service holds: run around every fuzzed write.
_LISTING = re.compile(r"^(List|Describe|Search)")
_INDEX = re.compile(r"\[\d+\]")

Read = tuple[OperationModel, dict[str, Any]]


def _reads(service: str, fuzzed: Mapping[str, Any], pool: Pool) -> list[Read]:
    """The input-free listings of the service, and every read whose required members the
    fuzzed call named with real values (so a resource it touched is read back)."""
    real = {
        name: value
        for name, value in fuzzed.items()
        if isinstance(value, str | bytes) and value in pool.values(name)
    }
    chosen: list[Read] = []
    for operation in episode.reads(service):
        required = episode.required(operation)
        if required:
            if not all(name in real for name in required):
                continue
        elif not _LISTING.match(operation.name):
            continue
        chosen.append((operation, {name: real[name] for name in required}))
    return chosen


def _key(service: str, read: Read) -> str:
    operation, params = read
    return f"{service} {operation.name} {sorted(params.items())!r}"


def _breaches(service: str, verdict: Verdict) -> set[str]:
    """Undeclared output constraint breaches (list positions left out)."""
    return {_INDEX.sub("[]", breach) for breach in undeclared(service, verdict.deviations)}


def _run(service: str, read: Read) -> Verdict:
    operation, params = read
    return invoke(*episode.client(service), operation, params)


def prepare(service: str, fuzzed: Mapping[str, Any], pool: Pool) -> None:
    """Before a write: run the reads the episode has not run yet, to know their breaches."""
    for read in _reads(service, fuzzed, pool):
        key = _key(service, read)
        if key not in pool.seen:
            pool.seen[key] = _breaches(service, _run(service, read))


def check(service: str, fuzzed: Mapping[str, Any], pool: Pool) -> list[str]:
    """After a write: any violation of the promise by the reads, and constraint breaches they
    did not show before it (those they did are their own tests' findings)."""
    found: list[str] = []
    for read in _reads(service, fuzzed, pool):
        key = _key(service, read)
        verdict = _run(service, read)
        name = read[0].name
        found.extend(f"{name}: {violation}" for violation in verdict.violations)
        after = _breaches(service, verdict)
        found.extend(
            f"{name}: output constraint: {breach}" for breach in after - pool.seen.get(key, set())
        )
        pool.seen[key] = after
    return found
