"""``moto_eventbridge=True``: certmock's events also go onto moto's EventBridge default bus, so
rules configured in moto fire and their targets (here an SQS queue) receive the events."""

from __future__ import annotations

import json
from typing import Any

import boto3
import moto

from certmock import mock_acm
from tests.services.acm.helpers import DAY, NOW, key_pem, make_certificate, new_key, pem

REGION = "eu-west-1"
OTHER_ACCOUNT = "210987654321"
APPROACHING = "ACM Certificate Approaching Expiration"


def rule_to_queue(pattern: dict[str, Any], session: Any = boto3) -> str:
    """A moto SQS queue receiving what a moto EventBridge rule with ``pattern`` matches (in
    the account of ``session``'s credentials); returns the queue's URL."""
    sqs = session.client("sqs", region_name=REGION)
    url: str = sqs.create_queue(QueueName="certificate-events")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"
    ]
    events = session.client("events", region_name=REGION)
    events.put_rule(Name="expiring", EventPattern=json.dumps(pattern))
    events.put_targets(Rule="expiring", Targets=[{"Id": "queue", "Arn": queue_arn}])
    return url


def received(url: str, session: Any = boto3) -> list[dict[str, Any]]:
    sqs = session.client("sqs", region_name=REGION)
    messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
    return [json.loads(message["Body"]) for message in messages]


def import_expiring(days: int) -> str:
    key = new_key()
    certificate = make_certificate(key, not_before=NOW - DAY, not_after=NOW + days * DAY)
    arn: str = boto3.client("acm", region_name=REGION).import_certificate(
        Certificate=pem(certificate), PrivateKey=key_pem(key)
    )["CertificateArn"]
    return arn


def test_a_moto_rule_with_a_pattern_sends_certmocks_events_to_its_sqs_target() -> None:
    with moto.mock_aws(), mock_acm(now=NOW, moto_eventbridge=True) as cm:
        url = rule_to_queue(
            {
                "source": ["aws.acm"],
                "detail-type": [APPROACHING],
                "detail": {"DaysToExpiry": [{"numeric": ["<=", 44]}]},
            }
        )
        arn = import_expiring(46)
        cm.clock.advance(days=3)
        messages = received(url)
        ours = [e for e in cm.events if e["detail-type"] == APPROACHING][1:]
        assert [m["detail"] for m in messages] == [e["detail"] for e in ours]
        assert [m["time"] for m in messages] == [e["time"] for e in ours]
        # moto's target writes the envelope without "account" (the queue's account tells).
        assert {(m["source"], m["region"]) for m in messages} == {("aws.acm", REGION)}
        assert all(m["resources"] == [arn] for m in messages)


def test_events_go_to_the_bus_of_their_own_account() -> None:
    with moto.mock_aws(), mock_acm(now=NOW, moto_eventbridge=True) as cm:
        # moto serves another account to credentials from a role assumed in it.
        credentials = boto3.client("sts", region_name=REGION).assume_role(
            RoleArn=f"arn:aws:iam::{OTHER_ACCOUNT}:role/events", RoleSessionName="test"
        )["Credentials"]
        other = boto3.Session(
            aws_access_key_id=credentials["AccessKeyId"],
            aws_secret_access_key=credentials["SecretAccessKey"],
            aws_session_token=credentials["SessionToken"],
        )
        url_here = rule_to_queue({"source": ["aws.acm"]})
        url_there = rule_to_queue({"source": ["aws.acm"]}, other)
        with mock_acm(account_id=OTHER_ACCOUNT):
            import_expiring(46)
        cm.clock.advance(days=1)
        assert [e["account"] for e in cm.events] == [OTHER_ACCOUNT, OTHER_ACCOUNT]
        assert [m["detail-type"] for m in received(url_there, other)] == [
            "ACM Certificate Available",
            APPROACHING,
        ]
        assert received(url_here) == []


def test_without_the_option_moto_sees_no_events() -> None:
    with moto.mock_aws(), mock_acm(now=NOW) as cm:
        url = rule_to_queue({"source": ["aws.acm"]})
        import_expiring(46)
        cm.clock.advance(days=2)
        assert len(cm.events) == 3
        sqs = boto3.client("sqs", region_name=REGION)
        assert "Messages" not in sqs.receive_message(QueueUrl=url)


def test_the_option_does_nothing_while_moto_is_not_active() -> None:
    with mock_acm(now=NOW, moto_eventbridge=True) as cm:
        import_expiring(46)
        cm.clock.advance(days=2)
        assert len(cm.events) == 3


def test_the_bus_subscription_ends_with_the_mock_that_asked_for_it() -> None:
    with mock_acm(now=NOW) as cm:
        with mock_acm(moto_eventbridge=True):
            assert len(cm.events.subscriptions) == 1
        assert cm.events.subscriptions == []
