"""Long episodes across every service: any served operation of any service, in any mode, one
after another on one world, with the clock moving between them. What one service stores must
not break another's calls (ACM's private certificates hang off ACM Private CA's CAs)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from certmock import Mock
from certmock.services.registry import SERVICES
from tests.fuzz import episode, health
from tests.fuzz.conftest import FUZZ_SETTINGS, Network
from tests.fuzz.deviations import undeclared
from tests.fuzz.oracle import invoke, log
from tests.fuzz.pool import Pool
from tests.fuzz.shapes import MODES, requests_for

STEPS = 10
_CALLS = st.sampled_from(
    [
        (service.name, operation)
        for service in SERVICES
        for operation in episode.served(service.name)
    ]
)
# Up to years at a time: validity periods, expiry events and CA lifetimes run out.
_CLOCK_STEPS = st.sampled_from(
    tuple(dt.timedelta(days=days) for days in (0, 0, 1, 7, 45, 200, 800))
)


@pytest.mark.parametrize("run", range(3))
@FUZZ_SETTINGS
@given(data=st.data())
def test_episodes_across_services_keep_the_promise(
    world: tuple[Mock, Pool], network: Network, run: int, data: st.DataObject
) -> None:
    mock, pool = world
    for _ in range(STEPS):
        service, operation_name = data.draw(_CALLS, label="call")
        mode = data.draw(st.sampled_from(MODES), label="mode")
        mock.clock.advance(data.draw(_CLOCK_STEPS, label="clock"))
        client, sent = episode.client(service, validating=mode == "well_typed")
        operation = client.meta.service_model.operation_model(operation_name)
        requests = requests_for(pool, service, operation, mode)
        params = data.draw(requests, label=f"{service} {operation_name} ({mode})")
        writes = not episode.is_read(operation_name)
        if writes:
            health.prepare(service, params, pool)
        verdict = invoke(client, sent, operation, params, client_validates=mode == "well_typed")
        # A call's own output constraint breaches are test_operations' findings: logged here,
        # not failed on, so that they do not hide what only a long episode reaches.
        problems = list(verdict.violations)
        breaches = undeclared(service, verdict.deviations)
        if verdict.sent and writes:
            problems += health.check(service, params, pool)
        if problems or breaches:
            log(
                {
                    "service": service,
                    "operation": f"episode {operation_name}",
                    "mode": mode,
                    "params": params,
                    "problems": problems + breaches,
                }
            )
        assert not problems, f"{service} {operation_name} ({mode}) {params!r:.1500}: {problems}"
        assert network.attempts == []
        if verdict.answer is not None:
            pool.harvest(verdict.answer)
