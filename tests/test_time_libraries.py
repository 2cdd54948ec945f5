"""certmock under freezegun and time-machine, in any order and nesting.

cryptography keeps the datetime classes it first meets for the rest of the process, so mixed
orders run in fresh interpreters (``tests/time_libraries/scenario.py``, several steps in each);
what one process can show is tested in this one.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import freezegun
import pytest
import time_machine

from certmock import Clock
from certmock.pki import datetimes
from certmock.pki.datetimes import for_cryptography, stdlib_class
from certmock.protocols.shapes import format_timestamp
from tests.time_libraries import scenario

UTC = dt.timezone.utc
ROOT = Path(__file__).resolve().parent.parent
START = dt.datetime(2026, 1, 1, tzinfo=UTC)
HOUR = dt.timedelta(hours=1)
# How far a ticking library may run while a step works (a step takes milliseconds).
TICKING_SLACK = dt.timedelta(seconds=30)

# Each order runs in its own interpreter; what comes first is what cryptography would keep.
ORDERS: dict[str, list[str]] = {
    # The reported bug (freezegun, then now=), then time-machine between now= and freezegun.
    "freezegun-first": [
        "import",
        "freezegun",
        "now",
        "time-machine",
        "freezegun-tz-offset",
        "now-inside-freezegun",
        "restore-window-time-machine",
    ],
    "now-first": [
        "import",
        "now",
        "freezegun",
        "time-machine-shift",
        "freezegun-advance",
        "time-machine-move-to",
        "freezegun-tick",
        "restore-window-freezegun",
    ],
    "nested-first": [
        "import",
        "freezegun-inside-time-machine",
        "now-inside-time-machine",
        "time-machine-freeze",
        "time-machine-unfreeze",
        "time-machine-advance",
        "freezegun-tick-while-frozen",
        "time-machine-tick",
        "now",
    ],
    "certmock-imported-under-freezegun": ["import-under-freezegun", "now", "freezegun", "now"],
    "cryptography-used-under-freezegun-before-certmock-is-imported": [
        "cryptography-under-freezegun",
        "import",
        "now",
        "freezegun",
        "now",
    ],
}


def _time(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def run_scenario(steps: list[str]) -> list[dict[str, Any]]:
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-m", "tests.time_libraries.scenario", *steps],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": path},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    reports = [json.loads(line) for line in done.stdout.splitlines()]
    assert [report["step"] for report in reports] == steps, done.stderr
    return reports


def check_issuance(name: str, seen: dict[str, Any], x509_datetime_class: str) -> None:
    """Every time in the responses, the certificates and the CRL comes from the clock, which
    stands where the step says (or where the time libraries put ``datetime.now``); and
    cryptography reads certificates' dates as ``x509_datetime_class``."""
    step = scenario.STEPS[name]
    clock = _time(seen["clock"])
    presented = _time(seen["presented"])
    if step.expected is None:
        assert abs(presented - dt.datetime.now(UTC)) > dt.timedelta(days=365), "no library ran"
    expected = presented if step.expected is None else step.expected
    slack = TICKING_SLACK if step.ticking else dt.timedelta(0)
    assert expected <= clock <= expected + slack, f"{name}: the clock read {clock}"
    # NotBefore and a CRL's thisUpdate are backdated an hour, as ACM Private CA does.
    wanted = {
        "created_at": clock,
        "ca_not_before": clock - HOUR,
        "ca_not_after": clock + dt.timedelta(days=scenario.ROOT_DAYS),
        "root_not_before": clock - HOUR,
        "root_not_after": clock + dt.timedelta(days=scenario.ROOT_DAYS),
        "leaf_not_before": clock - HOUR,
        "leaf_not_after": clock + dt.timedelta(days=scenario.LEAF_DAYS),
        "crl_this_update": clock - HOUR,
        "crl_revoked_at": clock,
        "crl_event_time": clock,
    }
    for field, want in wanted.items():
        got = _time(seen[field])
        if step.ticking:  # X.509 and event times keep whole seconds
            assert want - dt.timedelta(seconds=1) <= got <= want + slack, f"{name}: {field}"
        else:
            assert got == want, f"{name}: {field} is {got}, expected {want}"
    assert seen["x509_datetime_class"] == x509_datetime_class, name


def check_restore_window(name: str, seen: dict[str, Any]) -> None:
    start = _time(seen["start"])
    assert _time(seen["restorable_until"]) == start + dt.timedelta(days=7), name
    assert seen["status_after_restore"] == "PENDING_CERTIFICATE", name
    assert seen["after_window"] == "ResourceNotFoundException", name
    assert seen["listed_after_window"] == 0, name


@pytest.mark.parametrize("steps", ORDERS.values(), ids=ORDERS)
def test_every_order_of_time_libraries_reads_the_right_time(steps: list[str]) -> None:
    # Only cryptography itself, used under freezegun before certmock is imported, can make it
    # keep freezegun's class; certmock then works with that class.
    used_first = steps[0] == "cryptography-under-freezegun"
    x509_datetime_class = "FakeDatetime" if used_first else "datetime"
    for name, seen in zip(steps, run_scenario(steps), strict=True):
        assert "error" not in seen, f"{name}: {seen['error']}\n{seen['traceback']}"
        if name.startswith("restore-window"):
            check_restore_window(name, seen)
        elif "clock" in seen:
            check_issuance(name, seen, x509_datetime_class)
        elif name == "cryptography-under-freezegun":
            assert seen["class"] == "FakeDatetime"  # cryptography did keep freezegun's class
        elif name == "import-under-freezegun":
            assert seen["datetime_class_after_import"] == "FakeDatetime"  # put back as it was


# --- in this process ------------------------------------------------------------------------

FREEZEGUN_AT = scenario.FREEZEGUN_AT
TIME_MACHINE_AT = scenario.TIME_MACHINE_AT

LIBRARIES: dict[str, Callable[[], AbstractContextManager[Any]]] = {
    "freezegun": lambda: freezegun.freeze_time(FREEZEGUN_AT),
    "freezegun-tick": lambda: freezegun.freeze_time(FREEZEGUN_AT, tick=True),
    "freezegun-tz-offset": lambda: freezegun.freeze_time(FREEZEGUN_AT, tz_offset=-3),
    "time-machine": lambda: time_machine.travel(TIME_MACHINE_AT, tick=False),
    "time-machine-tick": lambda: time_machine.travel(TIME_MACHINE_AT),
}


@pytest.mark.parametrize("library", LIBRARIES.values(), ids=LIBRARIES)
def test_an_unfrozen_clock_reads_the_time_a_library_presents_plus_its_offset(
    library: Callable[[], AbstractContextManager[Any]],
) -> None:
    wall = dt.datetime.now(UTC)
    clock = Clock()
    clock.advance(days=3)
    with library():
        before = dt.datetime.now(UTC)
        now = clock.now()
        after = dt.datetime.now(UTC)
    assert abs(before - wall) > dt.timedelta(days=365)  # the library was in charge
    assert before + dt.timedelta(days=3) <= now <= after + dt.timedelta(days=3)
    assert now.utcoffset() == dt.timedelta(0)


@pytest.mark.parametrize("library", LIBRARIES.values(), ids=LIBRARIES)
def test_a_frozen_clock_ignores_every_library(
    library: Callable[[], AbstractContextManager[Any]],
) -> None:
    clock = Clock()
    clock.freeze(START)
    with library():
        assert clock.now() == START
        assert clock.advance(hours=1) == START + HOUR


def test_the_clock_follows_time_machine_shift_and_move_to() -> None:
    clock = Clock()
    with time_machine.travel(TIME_MACHINE_AT, tick=False) as traveller:
        traveller.shift(dt.timedelta(days=2))
        assert clock.now() == TIME_MACHINE_AT + dt.timedelta(days=2)
        traveller.move_to(START)
        assert clock.now() == START


def test_the_clock_follows_freezeguns_tick_and_move_to() -> None:
    clock = Clock()
    with freezegun.freeze_time(FREEZEGUN_AT) as frozen:
        frozen.tick(dt.timedelta(hours=5))
        assert clock.now() == FREEZEGUN_AT + dt.timedelta(hours=5)
        frozen.move_to(START)
        assert clock.now() == START


def test_unfreeze_under_a_library_goes_on_from_the_frozen_instant_at_the_librarys_pace() -> None:
    clock = Clock()
    with time_machine.travel(TIME_MACHINE_AT, tick=False) as traveller:
        clock.freeze(START)
        traveller.shift(dt.timedelta(days=10))
        clock.unfreeze()
        assert clock.now() == START
        traveller.shift(dt.timedelta(hours=5))
        assert clock.now() == START + dt.timedelta(hours=5)


def test_the_standard_datetime_class_is_found_behind_freezeguns() -> None:
    real = dt.datetime  # a local: freezegun swaps module attributes, not locals
    with freezegun.freeze_time(FREEZEGUN_AT):
        assert dt.datetime is not real
        assert stdlib_class("datetime") is real
    assert stdlib_class("datetime") is real


def test_datetimes_go_to_cryptography_as_they_are_in_a_settled_process() -> None:
    real = dt.datetime.now(UTC)
    with freezegun.freeze_time(FREEZEGUN_AT):
        fake = dt.datetime.now(UTC)
    assert type(fake) is not type(real)
    assert for_cryptography(real) is real
    assert for_cryptography(fake) is fake  # FakeDatetime subclasses datetime


def test_the_standard_classes_are_put_back_for_cryptography_only_for_a_moment() -> None:
    real = dt.datetime
    with freezegun.freeze_time(FREEZEGUN_AT):
        fake = dt.datetime
        with datetimes._stdlib_classes():
            assert dt.datetime is real
            assert dt.date is stdlib_class("date")
        assert dt.datetime is fake


def test_a_datetime_is_rebuilt_in_the_class_cryptography_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with freezegun.freeze_time(FREEZEGUN_AT):
        kept = type(dt.datetime.now(UTC))
    monkeypatch.setattr(datetimes, "_MADE_BY_CRYPTOGRAPHY", (kept,))
    real = dt.datetime(2026, 1, 1, 12, 30, 15, 250, tzinfo=UTC)
    rebuilt = for_cryptography(real)
    assert type(rebuilt) is kept
    assert (rebuilt, rebuilt.tzinfo) == (real, UTC)


@pytest.mark.parametrize("fmt", ["iso8601", "unixTimestamp", "rfc822"])
def test_timestamps_in_responses_are_the_same_for_freezeguns_datetimes(fmt: str) -> None:
    with freezegun.freeze_time(FREEZEGUN_AT):
        fake = dt.datetime.now(UTC)
        assert format_timestamp(fake, fmt) == format_timestamp(FREEZEGUN_AT, fmt)
    assert format_timestamp(fake, fmt) == format_timestamp(FREEZEGUN_AT, fmt)
