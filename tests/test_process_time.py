"""``process_time=True``: the code under test reads the same time as certmock's clock
(``datetime.now()``, ``time.time()``), through time-machine, however the clock moves."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import boto3
import pytest

from certmock import Mock, mock_acm, mock_all
from tests.services.acm.helpers import import_self_signed

UTC = dt.timezone.utc
START = dt.datetime(2030, 1, 1, tzinfo=UTC)
# How far real time may run while a test works (it takes milliseconds).
SLACK = dt.timedelta(seconds=30)


def process_now() -> dt.datetime:
    return dt.datetime.now(UTC)


def test_a_frozen_clock_stops_the_process_time_and_moves_it_along() -> None:
    with mock_acm(now=START, process_time=True) as mock:
        assert process_now() == mock.clock.now() == START
        assert time.time() == START.timestamp()
        mock.clock.advance(days=30)
        assert process_now() == mock.clock.now() == START + dt.timedelta(days=30)
        later = START + dt.timedelta(days=400)
        mock.clock.freeze(later)
        assert process_now() == later
        assert dt.date.today() == later.date()


def test_a_ticking_clock_ticks_the_process_time_with_it() -> None:
    with mock_acm(process_time=True) as mock:
        mock.clock.advance(days=2)
        assert abs(process_now() - mock.clock.now()) < SLACK
        assert process_now() - _wall_time() > dt.timedelta(days=2) - SLACK
        mock.clock.freeze()
        frozen = process_now()
        mock.clock.unfreeze()
        mock.clock.advance(hours=1)
        assert process_now() - frozen >= dt.timedelta(hours=1)


def test_the_process_time_is_its_own_again_when_the_mock_stops() -> None:
    with mock_acm(now=START, process_time=True):
        assert process_now() == START
    assert abs(process_now() - _wall_time()) < SLACK


def test_a_nested_mock_with_the_option_leaves_the_outer_clock_where_it_stood() -> None:
    with mock_all(now=START) as outer:
        with mock_acm(process_time=True):
            outer.clock.advance(days=10)
            assert process_now() == START + dt.timedelta(days=10)
        # The inner mock moved the process's time, not the clock's continuity.
        assert outer.clock.now() == START + dt.timedelta(days=10)
        assert abs(process_now() - _wall_time()) < SLACK


def test_reset_brings_both_back_to_wall_time() -> None:
    with mock_acm(process_time=True) as mock:
        mock.clock.advance(days=5)
        mock.reset()
        assert abs(process_now() - _wall_time()) < SLACK
        assert abs(mock.clock.now() - _wall_time()) < SLACK


@pytest.mark.certmock(now="2030-01-01T00:00:00Z", process_time=True)
def test_the_marker_takes_the_option(certmock: Mock) -> None:
    assert process_now() == certmock.clock.now() == START


def certificates_to_rotate(acm: Any, within: dt.timedelta) -> list[str]:
    """Code under test: the certificates that expire within ``within`` of *now*, as its own
    process tells the time."""
    now = dt.datetime.now(UTC)
    due = []
    for summary in acm.list_certificates()["CertificateSummaryList"]:
        if summary["NotAfter"] - now <= within:
            due.append(summary["CertificateArn"])
    return due


def test_code_that_reads_datetime_now_rotates_the_right_certificate() -> None:
    with mock_acm(now=START, process_time=True) as mock:
        acm = boto3.client("acm", region_name="eu-west-1")
        soon = import_self_signed(acm, kind="RSA_2048", not_after=START + dt.timedelta(days=60))
        later = import_self_signed(acm, kind="RSA_2048", not_after=START + dt.timedelta(days=300))
        assert len(acm.list_certificates()["CertificateSummaryList"]) == 2
        assert certificates_to_rotate(acm, dt.timedelta(days=30)) == []
        mock.clock.advance(days=31)
        assert certificates_to_rotate(acm, dt.timedelta(days=30)) == [soon]
        mock.clock.advance(days=240)
        assert certificates_to_rotate(acm, dt.timedelta(days=30)) == [soon, later]


def _wall_time() -> dt.datetime:
    """The real time, also while the process's time travels."""
    import time_machine

    if not time_machine.escape_hatch.is_travelling():
        return dt.datetime.now(UTC)
    real: dt.datetime = time_machine.escape_hatch.datetime.datetime.now(UTC)
    return real
