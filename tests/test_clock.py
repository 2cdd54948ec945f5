"""The virtual clock, and the rule that how time was advanced never changes the outcome."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import boto3
import freezegun
import pytest
import time_machine

from certmock import Clock, mock_acm, mock_acmpca
from certmock.timeline import ScheduledChangeFailed
from tests.helpers import create_ca

START = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)


def test_a_frozen_clock_stays_put() -> None:
    clock = Clock()
    clock.freeze(START)
    assert clock.now() == START
    assert clock.now() == START


def test_freeze_accepts_iso_strings_and_naive_datetimes_as_utc() -> None:
    clock = Clock()
    assert clock.freeze("2026-01-01T00:00:00Z") == START
    assert clock.freeze(dt.datetime(2026, 1, 1)) == START
    assert clock.freeze("2026-01-01T01:00:00+01:00") == START


def test_freeze_refuses_what_is_not_a_time() -> None:
    with pytest.raises(ValueError, match="not an ISO-8601"):
        Clock().freeze("next tuesday")


def test_advance_moves_a_frozen_clock_by_the_sum_of_its_arguments() -> None:
    clock = Clock()
    clock.freeze(START)
    after = clock.advance(dt.timedelta(days=1), hours=2, minutes=3, seconds=4)
    assert after == START + dt.timedelta(days=1, hours=2, minutes=3, seconds=4)
    assert clock.now() == after


def test_the_clock_never_moves_backwards() -> None:
    with pytest.raises(ValueError, match="only moves forward"):
        Clock().advance(seconds=-1)


def test_an_unfrozen_clock_ticks_with_real_time_plus_the_offset() -> None:
    clock = Clock()
    clock.advance(days=10)
    expected = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=10)
    assert abs(clock.now() - expected) < dt.timedelta(seconds=5)
    assert clock.now().tzinfo is not None


def test_unfreeze_continues_from_the_frozen_instant() -> None:
    clock = Clock()
    clock.freeze(START)
    clock.unfreeze()
    assert not clock.frozen
    assert dt.timedelta(0) <= clock.now() - START < dt.timedelta(seconds=5)


def test_an_unfrozen_clock_follows_freezegun() -> None:
    clock = Clock()
    with freezegun.freeze_time("2030-05-05 12:00:00"):
        assert clock.now() == dt.datetime(2030, 5, 5, 12, tzinfo=dt.timezone.utc)


def test_an_unfrozen_clock_follows_time_machine() -> None:
    clock = Clock()
    with time_machine.travel(dt.datetime(2031, 6, 6, tzinfo=dt.timezone.utc), tick=False):
        assert clock.now() == dt.datetime(2031, 6, 6, tzinfo=dt.timezone.utc)


def test_a_frozen_clock_ignores_freezegun() -> None:
    clock = Clock()
    clock.freeze(START)
    with freezegun.freeze_time("2030-05-05"):
        assert clock.now() == START


def test_models_accept_freezeguns_datetimes() -> None:
    with freezegun.freeze_time("2030-05-05 12:00:00"), mock_acmpca():
        client = boto3.client("acm-pca", region_name="eu-west-1")
        arn = create_ca(client)
        created = client.describe_certificate_authority(CertificateAuthorityArn=arn)
        assert created["CertificateAuthority"]["CreatedAt"] == dt.datetime(
            2030, 5, 5, 12, tzinfo=dt.timezone.utc
        )


def _world_after(steps: list[dt.timedelta]) -> list[dict[str, Any]]:
    """Three CAs deleted with 7, 20 and 30 day windows, one restored on day 10; then time
    moves by ``steps``; returns what ListCertificateAuthorities shows."""
    with mock_acmpca(now=START, seed=1) as cm:
        client = boto3.client("acm-pca", region_name="eu-west-1")
        arns = [create_ca(client, IdempotencyToken=f"t{i}") for i in range(4)]
        for arn, days in zip(arns, (7, 20, 30), strict=False):
            client.delete_certificate_authority(
                CertificateAuthorityArn=arn, PermanentDeletionTimeInDays=days
            )
        for step in steps:
            cm.clock.advance(step)
        listed: list[dict[str, Any]] = client.list_certificate_authorities()[
            "CertificateAuthorities"
        ]
        return listed


def test_one_31_day_step_and_31_one_day_steps_give_identical_state() -> None:
    in_one_step = _world_after([dt.timedelta(days=31)])
    in_daily_steps = _world_after([dt.timedelta(days=1)] * 31)
    assert in_one_step == in_daily_steps
    assert [ca["Status"] for ca in in_one_step] == ["PENDING_CERTIFICATE"]


def test_hourly_steps_reach_the_same_state_as_one_step() -> None:
    in_hours = _world_after([dt.timedelta(hours=1)] * (20 * 24))
    assert in_hours == _world_after([dt.timedelta(days=20)])
    assert [ca["Status"] for ca in in_hours] == ["DELETED", "PENDING_CERTIFICATE"]


def test_freeze_refuses_a_value_of_another_type() -> None:
    with pytest.raises(TypeError, match="expected a datetime or an ISO-8601 string"):
        Clock().freeze(42)  # type: ignore[arg-type]


@pytest.mark.parametrize("frozen", [True, False])
def test_a_scheduled_change_sees_its_due_time_as_now(frozen: bool) -> None:
    from certmock.world import World

    world = World()
    start = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    world.clock.freeze(start)
    seen: list[tuple[dt.datetime, dt.datetime]] = []
    for days in (3, 1, 2):
        world.timeline.schedule(
            start + dt.timedelta(days=days), lambda due: seen.append((due, world.clock.now()))
        )
    world.clock.advance(days=30)
    if not frozen:
        world.clock.unfreeze()
    world.catch_up()
    assert seen == [(start + dt.timedelta(days=d),) * 2 for d in (1, 2, 3)]
    # Afterwards the clock shows its own time again, frozen or ticking as it was.
    assert world.clock.frozen is frozen
    assert world.clock.now() >= start + dt.timedelta(days=30)


def test_cancelled_changes_do_not_pile_up_on_the_timeline() -> None:
    from certmock.timeline import Timeline

    timeline = Timeline()
    start = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    applied: list[int] = []

    def record(number: int) -> Callable[[dt.datetime], None]:
        return lambda _: applied.append(number)

    kept = [timeline.schedule(start + dt.timedelta(days=1000), record(-1))]
    for number in range(10_000):
        entry = timeline.schedule(start + dt.timedelta(days=1 + number % 500), record(number))
        if number % 100:
            entry.cancel()
            entry.cancel()  # twice is once
    assert len(timeline) == 101
    assert len(timeline._heap) < 400  # rebuilt as cancellations outnumbered live entries
    timeline.apply_due(start + dt.timedelta(days=2000))
    assert sorted(applied) == [-1, *range(0, 10_000, 100)]
    kept[0].cancel()  # cancelling an applied change is harmless
    assert len(timeline) == 0


def test_a_change_may_cancel_many_others_while_the_timeline_runs() -> None:
    from certmock.timeline import Scheduled, Timeline

    timeline = Timeline()
    start = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    applied: list[int] = []
    later: list[Scheduled] = []

    def cancel_the_rest(_: dt.datetime) -> None:
        applied.append(0)
        for entry in later:
            entry.cancel()

    timeline.schedule(start, cancel_the_rest)

    def record(number: int) -> Callable[[dt.datetime], None]:
        return lambda _: applied.append(number)

    later += [timeline.schedule(start + dt.timedelta(hours=n), record(n)) for n in range(1, 300)]
    survivor = timeline.schedule(start + dt.timedelta(days=30), record(-1))
    timeline.apply_due(start + dt.timedelta(days=60))
    assert applied == [0, -1]
    assert not survivor.cancelled


def test_a_failing_scheduled_change_never_fails_the_call_that_catches_up() -> None:
    applied: list[dt.datetime] = []

    def broken(_due: dt.datetime) -> None:
        raise KeyError("a stored value the change cannot use")

    with mock_acm() as cm:
        start = cm.clock.now()
        cm.world.timeline.schedule(start + dt.timedelta(days=1), broken)
        cm.world.timeline.schedule(start + dt.timedelta(days=2), applied.append)
        cm.clock.advance(days=3)
        acm = boto3.client("acm", region_name="eu-west-1")
        with pytest.warns(ScheduledChangeFailed, match="KeyError"):
            assert acm.list_certificates()["CertificateSummaryList"] == []
    assert applied == [start + dt.timedelta(days=2)]
