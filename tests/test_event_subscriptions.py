"""Handlers subscribed to certmock's events: unsubscribing, filters, a handler's exceptions,
and how long a subscription lasts. docs/events.md says the same."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from certmock import Mock, mock_acm, mock_all
from tests.event_helpers import APPROACHING, AVAILABLE, Boom, Event, acm, import_expiring
from tests.services.acm.helpers import DAY, NOW


@pytest.fixture
def cm() -> Iterator[Mock]:
    with mock_all(now=NOW, seed=3) as handle:
        yield handle


# -- unsubscribing and filtering ------------------------------------------------------------
def test_unsubscribing_stops_deliveries(cm: Mock) -> None:
    received: list[Event] = []
    subscription = cm.events.subscribe(received.append, detail_type=APPROACHING)
    import_expiring(46)
    cm.clock.advance(days=2)
    subscription.unsubscribe()
    subscription.unsubscribe()  # harmless
    cm.clock.advance(days=2)
    assert len(received) == 2
    assert len([e for e in cm.events if e["detail-type"] == APPROACHING]) == 4


def test_a_subscription_is_a_context_manager(cm: Mock) -> None:
    received: list[Event] = []
    import_expiring(46)
    with cm.events.subscribe(received.append, detail_type=APPROACHING) as subscription:
        cm.clock.advance(days=1)
        assert subscription.active
    cm.clock.advance(days=1)
    assert len(received) == 1
    assert "unsubscribed" in repr(subscription)


def test_a_handler_gets_no_event_emitted_before_it_subscribed(cm: Mock) -> None:
    import_expiring(46)
    cm.clock.advance(days=3)  # nobody listening, nothing applied yet
    received: list[Event] = []
    cm.events.subscribe(received.append, detail_type=APPROACHING)
    cm.clock.advance(days=1)
    assert [e["detail"]["DaysToExpiry"] for e in received] == [42]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, [AVAILABLE, AVAILABLE, APPROACHING, APPROACHING]),
        ({"source": "aws.acm-pca"}, []),
        ({"source": ["aws.acm-pca", "aws.acm"], "detail_type": AVAILABLE}, [AVAILABLE] * 2),
        ({"detail_type": [APPROACHING]}, [APPROACHING, APPROACHING]),
        ({"resources": "FIRST"}, [AVAILABLE, APPROACHING]),
        ({"pattern": {"detail": {"DaysToExpiry": [{"numeric": ["<=", 30]}]}}}, [APPROACHING]),
        (
            {"source": "aws.acm", "pattern": {"detail": {"Action": [{"anything-but": "IMPORT"}]}}},
            [AVAILABLE],  # the reimport's
        ),
        ({"pattern": {"detail": {"Action": [{"exists": False}]}}}, [APPROACHING] * 2),
    ],
    ids=["all", "source", "sources", "detail-type", "resources", "numeric", "and", "exists"],
)
def test_filters_select_the_events_a_handler_receives(
    cm: Mock, filters: dict[str, Any], expected: list[str]
) -> None:
    received: list[Event] = []
    first = import_expiring(46)  # warns at 45 days
    if filters.get("resources") == "FIRST":
        filters = {"resources": [first]}
    cm.events.subscribe(received.append, **filters)
    import_expiring(31)  # warns at 30 days, at once
    first_again = import_expiring(46, arn=first)  # a REIMPORT
    assert first_again == first
    cm.clock.advance(days=1)
    if "resources" in filters:
        expected = [AVAILABLE, APPROACHING]
    assert sorted(e["detail-type"] for e in received) == sorted(expected)


def test_a_pattern_certmock_cannot_match_is_refused_when_subscribing(cm: Mock) -> None:
    with pytest.raises(ValueError, match="does not match the 'cidr' filter"):
        cm.events.subscribe(print, pattern={"detail": {"ip": [{"cidr": "10.0.0.0/24"}]}})
    with pytest.raises(ValueError, match="must be a non-empty list"):
        cm.events.subscribe(print, pattern={"source": "aws.acm"})
    assert cm.events.subscriptions == []


# -- failures ---------------------------------------------------------------------------------
def test_a_handlers_exception_propagates_to_what_moved_the_clock(cm: Mock) -> None:
    received: list[Event] = []
    attempts: list[int] = []

    def fails_once(event: Event) -> None:
        attempts.append(event["detail"]["DaysToExpiry"])
        if len(attempts) == 1:
            raise Boom("the rotation Lambda failed")

    cm.events.subscribe(fails_once, detail_type=APPROACHING)
    cm.events.subscribe(received.append, detail_type=APPROACHING)
    arn = import_expiring(46)
    with pytest.raises(Boom, match="the rotation Lambda failed"):
        cm.clock.advance(days=3)
    # The clock moved; the failed event reached the other handler too and is not retried;
    # the later events wait for the next movement, call or read of cm.events.
    assert cm.clock.now() == NOW + 3 * DAY
    assert attempts == [45]
    assert [e["detail"]["DaysToExpiry"] for e in received] == [45]
    assert len(cm.events) == 4  # reading it delivers the rest
    assert attempts == [45, 44, 43]
    assert [e["detail"]["DaysToExpiry"] for e in received] == [45, 44, 43]
    assert acm().describe_certificate(CertificateArn=arn)["Certificate"]["Status"] == "ISSUED"


def test_a_handlers_exception_on_a_calls_own_event_comes_out_of_that_call(cm: Mock) -> None:
    def fails(event: Event) -> None:
        raise Boom(event["detail"]["Action"])

    cm.events.subscribe(fails, detail_type=AVAILABLE)
    with pytest.raises(Boom, match="IMPORT"):
        import_expiring(90)
    # The call itself was served: the certificate exists, its event was recorded.
    (arn,) = cm.events[-1]["resources"]
    assert acm().describe_certificate(CertificateArn=arn)["Certificate"]["Status"] == "ISSUED"
    assert [call.operation for call in cm.calls if call.ok] == [
        "ImportCertificate",
        "DescribeCertificate",
    ]


# -- the handle's life ------------------------------------------------------------------------
def test_subscriptions_stay_across_reset_and_see_the_new_events_only(cm: Mock) -> None:
    received: list[Event] = []
    cm.events.subscribe(received.append, detail_type=APPROACHING)
    import_expiring(46)
    cm.clock.advance(days=1)
    cm.reset()
    assert cm.events == []
    import_expiring(46)
    cm.clock.advance(days=1)
    assert [(e["time"], e["detail"]["DaysToExpiry"]) for e in received] == [
        ("2026-01-02T12:00:00Z", 45),
        ("2026-01-02T12:00:00Z", 45),
    ]


def test_clearing_cm_events_keeps_subscriptions_working(cm: Mock) -> None:
    received: list[Event] = []
    cm.events.subscribe(received.append, detail_type=APPROACHING)
    import_expiring(46)
    cm.events.clear()
    cm.clock.advance(days=1)
    assert len(received) == 1 == len(cm.events)


def test_a_stopped_mock_delivers_nothing() -> None:
    received: list[Event] = []
    with mock_acm(now=NOW) as handle:
        handle.events.subscribe(received.append, detail_type=APPROACHING)
        import_expiring(46)
    handle.clock.advance(days=5)  # the world kept for inspection: no handler may reach AWS
    assert received == []


def test_the_pytest_fixture_is_the_same_handle(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import boto3

        def test_subscribed(certmock):
            received = []
            certmock.events.subscribe(received.append, source="aws.acm-pca")
            boto3.client("acm-pca", region_name="eu-west-1").create_certificate_authority(
                CertificateAuthorityConfiguration={
                    "KeyAlgorithm": "EC_prime256v1",
                    "SigningAlgorithm": "SHA256WITHECDSA",
                    "Subject": {"CommonName": "Example Root"},
                },
                CertificateAuthorityType="ROOT",
            )
            assert [e["detail-type"] for e in received] == ["ACM Private CA Creation"]
        """
    )
    pytester.runpytest("-p", "no:cacheprovider", "-p", "no:randomly").assert_outcomes(passed=1)
