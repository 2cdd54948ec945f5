"""Every served operation of every service, in every mode, holds the promise on a world with
real resources, the clock moving between calls; and so do the reads run around each fuzzed
write (nothing it stored breaks them)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from certmock import Mock
from certmock.services.registry import SERVICES
from tests.fuzz import episode, health
from tests.fuzz.conftest import FUZZ_SETTINGS, Network
from tests.fuzz.deviations import undeclared
from tests.fuzz.oracle import Verdict, invoke, log
from tests.fuzz.pool import Pool
from tests.fuzz.shapes import MODES, Mode, requests_for

CASES = [
    pytest.param(service.name, operation, mode, id=f"{service.name}-{operation}-{mode}")
    for service in SERVICES
    for operation in episode.served(service.name)
    for mode in MODES
]

# Between calls the clock stands still, moves a little, or jumps past validity periods.
_CLOCK_STEPS = st.sampled_from(
    tuple(
        dt.timedelta(**step)
        for step in ({}, {"seconds": 1}, {"hours": 1}, {"days": 1}, {"days": 30}, {"days": 400})
    )
)


def _problems(service: str, verdict: Verdict) -> list[str]:
    return verdict.violations + [
        f"output constraint: {breach}" for breach in undeclared(service, verdict.deviations)
    ]


def _judge(service: str, operation: str, mode: str, params: Any, verdict: Verdict) -> list[str]:
    problems = _problems(service, verdict)
    if problems:
        log(
            {
                "service": service,
                "operation": operation,
                "mode": mode,
                "params": params,
                "problems": problems,
            }
        )
    return problems


@pytest.mark.parametrize(("service", "operation_name", "mode"), CASES)
@FUZZ_SETTINGS
@given(data=st.data())
def test_every_request_keeps_the_promise(
    world: tuple[Mock, Pool],
    network: Network,
    service: str,
    operation_name: str,
    mode: Mode,
    data: st.DataObject,
) -> None:
    mock, pool = world
    # Well-typed requests go through botocore's validation (a refusal there is this suite's
    # bug); the others must reach certmock as they are.
    client, sent = episode.client(service, validating=mode == "well_typed")
    operation = client.meta.service_model.operation_model(operation_name)
    requests = requests_for(pool, service, operation, mode)
    for _ in range(data.draw(st.integers(1, 2), label="calls")):
        mock.clock.advance(data.draw(_CLOCK_STEPS, label="clock"))
        params = data.draw(requests, label="request")
        writes = not episode.is_read(operation_name)
        if writes:
            health.prepare(service, params, pool)
        verdict = invoke(client, sent, operation, params, client_validates=mode == "well_typed")
        problems = _judge(service, operation_name, mode, params, verdict)
        assert not problems, f"{service} {operation_name} ({mode}) {_shown(params)}: {problems}"
        assert network.attempts == []
        if verdict.answer is not None:
            pool.harvest(verdict.answer)
        if not verdict.sent or not writes:
            continue  # certmock never saw it, or it stored nothing
        problems = health.check(service, params, pool)
        if problems:
            log(
                {
                    "service": service,
                    "operation": f"reads after {operation_name}",
                    "mode": mode,
                    "params": params,
                    "problems": problems,
                }
            )
        assert not problems, f"reads after {operation_name} ({mode}) {_shown(params)}: {problems}"


def _shown(params: Any) -> str:
    """The request, short enough for a failure message."""
    return f"request={params!r:.1500}"
