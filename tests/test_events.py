"""Handlers subscribed to certmock's EventBridge events (``cm.events.subscribe``): what they
receive, when, in which order, and what they may do. docs/events.md says the same."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.waiter import WaiterModel, create_waiter_with_client

from certmock import Mock, mock_acm, mock_all
from certmock.events import EventLog
from tests.event_helpers import (
    APPROACHING,
    AVAILABLE,
    REGION,
    Event,
    acm,
    import_expiring,
    rotate_at_30_days,
)
from tests.services.acm.helpers import DAY, NOW

OTHER_ACCOUNT = "210987654321"


@pytest.fixture
def cm() -> Iterator[Mock]:
    with mock_all(now=NOW, seed=3) as handle:
        yield handle


def summary(events: list[Event]) -> list[tuple[str, str, Any]]:
    return [(e["time"], e["detail-type"], e["detail"].get("DaysToExpiry")) for e in events]


# -- what a handler receives ---------------------------------------------------------------
def test_cm_events_is_still_the_list_of_events(cm: Mock) -> None:
    import_expiring(90)
    assert isinstance(cm.events, list)
    assert isinstance(cm.events, EventLog)
    assert [e["detail-type"] for e in cm.events[-1:]] == [AVAILABLE]
    assert cm.events == list(cm.events)


def test_a_handler_receives_the_envelope_cm_events_records(cm: Mock) -> None:
    received: list[Event] = []
    cm.events.subscribe(received.append, source="aws.acm", detail_type=APPROACHING)
    arn = import_expiring(50)
    cm.clock.advance(days=10)
    approaching = [e for e in cm.events if e["detail-type"] == APPROACHING]
    assert received == approaching
    assert [e["detail"]["DaysToExpiry"] for e in received] == [45, 44, 43, 42, 41, 40]
    assert set(received[0]) == {
        "version", "id", "detail-type", "source", "account", "time", "region", "resources",
        "detail",
    }  # fmt: skip
    assert received[0]["resources"] == [arn]


def test_the_clock_moving_delivers_without_any_call_or_read_of_the_events(cm: Mock) -> None:
    received: list[Event] = []
    cm.events.subscribe(received.append, detail_type=APPROACHING)
    import_expiring(46)
    calls = len(cm.calls)
    cm.clock.advance(days=3)
    assert summary(received) == [
        ("2026-01-02T12:00:00Z", APPROACHING, 45),
        ("2026-01-03T12:00:00Z", APPROACHING, 44),
        ("2026-01-04T12:00:00Z", APPROACHING, 43),
    ]
    assert len(cm.calls) == calls


def test_freezing_the_clock_forward_delivers(cm: Mock) -> None:
    received: list[Event] = []
    cm.events.subscribe(received.append, detail_type=APPROACHING)
    import_expiring(46)
    cm.clock.freeze(NOW + 2 * DAY + dt.timedelta(hours=1))
    assert [e["detail"]["DaysToExpiry"] for e in received] == [45, 44]


def test_a_call_delivers_the_events_it_emits_and_those_that_came_due_before_it(cm: Mock) -> None:
    received: list[Event] = []
    cm.events.subscribe(received.append, source="aws.acm")
    arn = import_expiring(46)
    assert summary(received) == [("2026-01-01T12:00:00Z", AVAILABLE, 46)]
    cm.clock.advance(days=2)  # two warnings
    import_expiring(90, arn=arn)
    assert [e["detail-type"] for e in received] == [AVAILABLE, APPROACHING, APPROACHING, AVAILABLE]
    assert received[-1]["detail"]["Action"] == "REIMPORT"


def test_a_waiters_sleeps_deliver_each_event_as_the_clock_passes_it(cm: Mock) -> None:
    received: list[Event] = []
    cm.events.subscribe(received.append, detail_type=APPROACHING)
    client = acm()
    arn = import_expiring(46, client)
    waiters = WaiterModel(
        {
            "version": 2,
            "waiters": {
                "CertificateExpired": {
                    "operation": "DescribeCertificate",
                    "delay": 86400,
                    "maxAttempts": 60,
                    "acceptors": [
                        {
                            "state": "success",
                            "matcher": "path",
                            "argument": "Certificate.Status",
                            "expected": "EXPIRED",
                        }
                    ],
                }
            },
        }
    )
    create_waiter_with_client("CertificateExpired", waiters, client).wait(CertificateArn=arn)
    assert [e["detail"]["DaysToExpiry"] for e in received] == list(range(45, 0, -1))


# -- order ----------------------------------------------------------------------------------
def test_deliveries_follow_due_time_across_services_accounts_and_regions(cm: Mock) -> None:
    received: list[Event] = []
    cm.events.subscribe(received.append)
    import_expiring(47)
    import_expiring(46, acm("us-east-1"))
    with mock_acm(account_id=OTHER_ACCOUNT):
        import_expiring(48)
    cm.clock.advance(days=1, hours=1)
    boto3.client("acm-pca", region_name=REGION).create_certificate_authority(
        CertificateAuthorityConfiguration={
            "KeyAlgorithm": "EC_prime256v1",
            "SigningAlgorithm": "SHA256WITHECDSA",
            "Subject": {"CommonName": "Example Root"},
        },
        CertificateAuthorityType="ROOT",
    )
    cm.clock.advance(days=3)
    assert received == list(cm.events)
    times = [e["time"] for e in received]
    assert times == sorted(times)
    assert {(e["source"], e["account"], e["region"]) for e in received} == {
        ("aws.acm", "123456789012", REGION),
        ("aws.acm", "123456789012", "us-east-1"),
        ("aws.acm", OTHER_ACCOUNT, REGION),
        ("aws.acm-pca", "123456789012", REGION),
    }


def rotation_run(steps: list[int]) -> tuple[list[Event], dt.datetime]:
    with mock_acm(now=NOW, seed=11) as handle:
        received: list[Event] = []
        handle.events.subscribe(received.append)
        handle.events.subscribe(rotate_at_30_days, source="aws.acm")
        arn = import_expiring(60)
        for days in steps:
            handle.clock.advance(days=days)
        not_after: dt.datetime = acm().describe_certificate(CertificateArn=arn)["Certificate"][
            "NotAfter"
        ]
        return received, not_after


def test_one_step_and_many_steps_deliver_the_same_events_and_reach_the_same_state() -> None:
    one_step = rotation_run([120])
    assert rotation_run([1] * 120) == one_step
    assert rotation_run([7, 50, 1, 62]) == one_step
    received, not_after = one_step
    reimports = [e["time"] for e in received if e["detail"].get("Action") == "REIMPORT"]
    assert reimports == ["2026-01-31T12:00:00Z", "2026-04-01T12:00:00Z"]
    assert not_after == NOW + 180 * DAY


# -- what a handler may do --------------------------------------------------------------------
def test_a_handlers_calls_see_the_world_as_at_its_event(cm: Mock) -> None:
    seen: list[tuple[dt.datetime, str]] = []

    def describe(event: Event) -> None:
        (arn,) = event["resources"]
        status = acm().describe_certificate(CertificateArn=arn)["Certificate"]["Status"]
        seen.append((cm.clock.now(), status))

    cm.events.subscribe(describe, detail_type=APPROACHING)
    arn = import_expiring(46)
    cm.clock.advance(days=60)  # one step, far past NotAfter
    assert seen[0] == (NOW + DAY, "ISSUED")
    assert seen[-1] == (NOW + 45 * DAY, "ISSUED")
    assert acm().describe_certificate(CertificateArn=arn)["Certificate"]["Status"] == "EXPIRED"
    assert cm.clock.now() == NOW + 60 * DAY


def test_events_a_handlers_calls_emit_are_delivered_after_it_returns(cm: Mock) -> None:
    log: list[str] = []

    def handler(event: Event) -> None:
        log.append(f"start {event['detail-type']} {event['detail'].get('Action', '')}".strip())
        rotate_at_30_days(event)
        log.append("end")

    cm.events.subscribe(handler, source="aws.acm")
    import_expiring(31)
    log.clear()  # the import's own Available event
    cm.clock.advance(days=2)
    assert log == [
        f"start {APPROACHING}",  # 30 days left: the handler reimports
        "end",
        f"start {AVAILABLE} REIMPORT",  # what its reimport emitted, after it returned
        "end",
    ]
    assert [e["detail-type"] for e in cm.events[-2:]] == [APPROACHING, AVAILABLE]


def test_a_handler_may_unsubscribe_itself(cm: Mock) -> None:
    received: list[Event] = []

    def once(event: Event) -> None:
        received.append(event)
        subscription.unsubscribe()

    subscription = cm.events.subscribe(once, detail_type=APPROACHING)
    import_expiring(46)
    cm.clock.advance(days=5)
    assert len(received) == 1
    assert not subscription.active


def test_a_handler_editing_its_event_leaves_cm_events_as_it_was(cm: Mock) -> None:
    def vandal(event: Event) -> None:
        event["detail"].clear()
        event["resources"].append("arn:aws:acm:eu-west-1:123456789012:certificate/x")

    cm.events.subscribe(vandal)
    arn = import_expiring(46)
    assert cm.events[-1]["resources"] == [arn]
    assert cm.events[-1]["detail"]["Action"] == "IMPORT"
