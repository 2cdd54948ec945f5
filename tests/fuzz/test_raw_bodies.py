"""Beneath botocore: a well-typed request of every served operation, its serialized bytes (or
path and query) mutated on the way out, still gets an answer that keeps the promise."""

from __future__ import annotations

import functools
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from certmock import Mock
from certmock.protocols import protocol_of
from certmock.services.registry import SERVICES
from tests.fuzz import episode, health, raw
from tests.fuzz.conftest import FUZZ_SETTINGS, Network
from tests.fuzz.deviations import undeclared
from tests.fuzz.oracle import invoke, log
from tests.fuzz.pool import Pool
from tests.fuzz.shapes import requests_for

CASES = [
    pytest.param(service.name, operation, id=f"{service.name}-{operation}")
    for service in SERVICES
    for operation in episode.served(service.name)
]


class _Mutator:
    """A ``before-sign`` handler: draws a mutation of the request it is shown and applies it
    (before signing, so the signature covers the mutated bytes as a real client's would)."""

    def __init__(self, data: st.DataObject, protocol: str, members: list[str]) -> None:
        self.data = data
        self.protocol = protocol
        self.members = members
        self.applied: raw.Mutation | None = None

    def __call__(self, request: Any, **_: Any) -> None:
        original = raw.body_bytes(request.data)
        mutation = self.data.draw(
            raw.mutations(self.protocol, original, request.url, self.members), label="mutation"
        )
        raw.apply(mutation, request)
        self.applied = mutation


@functools.cache
def _wire_protocol(service: str) -> str:
    """The protocol botocore actually speaks (a model may list several)."""
    return protocol_of(episode.client(service)[0].meta.service_model)


@pytest.mark.parametrize(("service", "operation_name"), CASES)
@FUZZ_SETTINGS
@given(data=st.data())
def test_mutated_bytes_keep_the_promise(
    world: tuple[Mock, Pool],
    network: Network,
    service: str,
    operation_name: str,
    data: st.DataObject,
) -> None:
    pool = world[1]
    client, sent = episode.client(service)
    operation = client.meta.service_model.operation_model(operation_name)
    requests = requests_for(pool, service, operation, "well_typed")
    params = data.draw(requests, label="request")
    members = list(operation.input_shape.members) if operation.input_shape is not None else []
    health.prepare(service, params, pool)
    mutator = _Mutator(data, _wire_protocol(service), members)
    event = f"before-sign.{client.meta.service_model.service_id.hyphenize()}.{operation_name}"
    client.meta.events.register(event, mutator, unique_id="certmock-fuzz-mutator")
    try:
        verdict = invoke(client, sent, operation, params)
    finally:
        client.meta.events.unregister(event, unique_id="certmock-fuzz-mutator")
    assert verdict.sent, "a well-typed request must reach certmock"
    problems = verdict.violations + [
        f"output constraint: {breach}" for breach in undeclared(service, verdict.deviations)
    ]
    kind = mutator.applied.kind if mutator.applied else "none"
    if problems:
        log(
            {
                "service": service,
                "operation": operation_name,
                "mode": f"raw {kind}",
                "params": params,
                "mutation": repr(mutator.applied)[:500],
                "problems": problems,
            }
        )
    assert not problems, f"{service} {operation_name} ({kind}) {mutator.applied!r:.600}: {problems}"
    assert network.attempts == []
    problems = health.check(service, params, pool)
    assert not problems, f"reads after mutated {operation_name} ({kind}): {problems}"


def _representatives() -> list[Any]:
    """Per service, its first served read and first served write (with a body)."""
    chosen = []
    for service in SERVICES:
        served = episode.served(service.name)
        reads = [name for name in served if episode.is_read(name)]
        writes = [name for name in served if not episode.is_read(name)]
        chosen += [
            pytest.param(service.name, name, id=f"{service.name}-{name}")
            for name in (reads[:1] + writes[:1])
        ]
    return chosen


class _Fixed:
    """A ``before-sign`` handler applying one given mutation."""

    def __init__(self, mutation_of: Any) -> None:
        self.mutation_of = mutation_of

    def __call__(self, request: Any, **_: Any) -> None:
        raw.apply(self.mutation_of(raw.body_bytes(request.data), request.url), request)


@pytest.mark.parametrize(("service", "operation_name"), _representatives())
def test_every_kind_of_mutation_keeps_the_promise(
    world: tuple[Mock, Pool], network: Network, service: str, operation_name: str
) -> None:
    pool = world[1]
    # Real values for the members the pool knows; botocore must not refuse the rest unsent.
    client, sent = episode.client(service, validating=False)
    operation = client.meta.service_model.operation_model(operation_name)
    members = list(operation.input_shape.members) if operation.input_shape is not None else []
    params = {
        name: pool.values(name)[0] for name in episode.required(operation) if pool.values(name)
    }
    event = f"before-sign.{client.meta.service_model.service_id.hyphenize()}.{operation_name}"
    failures = []
    count = len(raw.catalogue(_wire_protocol(service), b"", "https://x/", members))
    for index in range(count):

        def mutation_of(body: bytes, url: str, index: int = index) -> raw.Mutation:
            return raw.catalogue(_wire_protocol(service), body, url, members)[index]

        client.meta.events.register(event, _Fixed(mutation_of), unique_id="certmock-fuzz-fixed")
        try:
            verdict = invoke(client, sent, operation, params)
        finally:
            client.meta.events.unregister(event, unique_id="certmock-fuzz-fixed")
        problems = verdict.violations + undeclared(service, verdict.deviations)
        if problems or not verdict.sent:
            kind = raw.catalogue(_wire_protocol(service), b"", "https://x/", members)[index].kind
            failures.append(f"#{index} {kind}: {problems or 'never sent'}")
    assert failures == [], "\n".join(failures)
    assert network.attempts == []
