"""Expiry on the clock: the daily Approaching Expiration events, EXPIRED status and the Expired
event, and the account configuration that sets when the events start."""

from __future__ import annotations

import datetime as dt
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from certmock import Mock, mock_acm
from certmock.services.acm.control import AcmControl
from tests.model_facts import input_member, maximum
from tests.services.acm.helpers import (
    DAY,
    NOW,
    REGION,
    describe,
    error_of,
    events_of,
    import_self_signed,
    key_pem,
    make_certificate,
    new_key,
    pem,
)

pytestmark = pytest.mark.certmock(now=NOW)

APPROACHING = "ACM Certificate Approaching Expiration"


def warnings(certmock: Mock) -> list[tuple[str, int]]:
    return [(e["time"], e["detail"]["DaysToExpiry"]) for e in events_of(certmock, APPROACHING)]


def stamp(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def put_days(acm: Any, days: int, token: str = "t1") -> None:
    acm.put_account_configuration(ExpiryEvents={"DaysBeforeExpiry": days}, IdempotencyToken=token)


# -- Approaching Expiration ---------------------------------------------------------------
def test_one_event_a_day_from_45_days_out_at_the_time_of_day_of_not_after(
    acm: Any, certmock: Mock
) -> None:
    not_after = NOW + 100 * DAY + dt.timedelta(hours=3, minutes=7)
    arn = import_self_signed(acm, not_after=not_after)
    certmock.clock.advance(days=120)
    assert warnings(certmock) == [(stamp(not_after - k * DAY), k) for k in range(45, 0, -1)]
    first = events_of(certmock, APPROACHING)[0]
    assert first["source"] == "aws.acm"
    assert first["account"] == "123456789012"
    assert first["region"] == REGION
    assert first["resources"] == [arn]
    assert first["version"] == "0"
    assert first["detail"]["CommonName"] == "www.example.com"
    assert first["detail"]["FirstSubjectAlternativeName"] == "www.example.com"
    assert first["detail"]["CertificateKeyPairOrigin"] == "CUSTOMER_PROVIDED"
    assert first["detail"]["ValidityInDays"] == 111


@pytest.mark.certmock(now=NOW, seed=3)
def test_moving_the_clock_in_one_step_or_daily_gives_the_same_events(certmock: Mock) -> None:
    runs = []
    for steps in (1, 120):
        certmock.reset()  # a new world with the same seed
        acm = boto3.client("acm", region_name=REGION)
        import_self_signed(acm, not_after=NOW + 60 * DAY, serial=1)
        import_self_signed(acm, not_after=NOW + 100 * DAY, common_name="b.example.com", serial=2)
        for _ in range(steps):
            certmock.clock.advance(days=120 / steps)
        runs.append(list(certmock.events))  # ids, resources and all
    assert runs[0] == runs[1]
    assert len(runs[0]) == 2 + 45 + 45


def test_a_certificate_imported_close_to_expiry_starts_with_the_next_daily_instant(
    acm: Any, certmock: Mock
) -> None:
    not_after = NOW + dt.timedelta(days=10, hours=12)
    import_self_signed(acm, not_after=not_after)
    certmock.clock.advance(days=11)
    assert warnings(certmock) == [(stamp(not_after - k * DAY), k) for k in range(10, 0, -1)]


def test_events_stop_when_the_certificate_is_deleted(acm: Any, certmock: Mock) -> None:
    arn = import_self_signed(acm, not_after=NOW + 50 * DAY)
    certmock.clock.advance(days=10)
    acm.delete_certificate(CertificateArn=arn)
    certmock.clock.advance(days=60)
    assert [days for _, days in warnings(certmock)] == [45, 44, 43, 42, 41, 40]
    assert events_of(certmock, "ACM Certificate Expired") == []


def test_reimport_moves_the_schedule_to_the_new_not_after(acm: Any, certmock: Mock) -> None:
    arn = import_self_signed(acm, not_after=NOW + 46 * DAY)
    certmock.clock.advance(days=3)  # warnings for 45, 44, 43 days
    key = new_key()
    renewed = make_certificate(key, not_after=NOW + 200 * DAY)
    acm.import_certificate(CertificateArn=arn, Certificate=pem(renewed), PrivateKey=key_pem(key))
    certmock.clock.advance(days=200)
    days = [d for _, d in warnings(certmock)]
    assert days == [45, 44, 43, *range(45, 0, -1)]
    assert warnings(certmock)[3][0] == stamp(NOW + 155 * DAY)
    assert describe(acm, arn)["Status"] == "EXPIRED"


def test_imported_certificates_expire_without_an_expired_event(acm: Any, certmock: Mock) -> None:
    arn = import_self_signed(acm, not_after=NOW + 5 * DAY)
    certmock.clock.advance(days=5)
    assert describe(acm, arn)["Status"] == "EXPIRED"
    assert events_of(certmock, "ACM Certificate Expired") == []


def test_an_issued_certificate_expires_with_an_event_at_its_not_after(
    acm: Any, control: AcmControl, certmock: Mock
) -> None:
    arn = acm.request_certificate(DomainName="www.example.com", ValidationMethod="DNS")[
        "CertificateArn"
    ]
    control.validate(arn)
    not_after = describe(acm, arn)["NotAfter"]
    certmock.clock.freeze(not_after - dt.timedelta(seconds=1))
    assert describe(acm, arn)["Status"] == "ISSUED"
    certmock.clock.advance(seconds=1)
    assert describe(acm, arn)["Status"] == "EXPIRED"
    (event,) = events_of(certmock, "ACM Certificate Expired")
    assert event["time"] == stamp(not_after)
    assert event["detail"] == {
        "CertificateType": "AMAZON_ISSUED",
        "CommonName": "www.example.com",
        "FirstSubjectAlternativeName": "www.example.com",
        "ValidityInDays": 395,
        "CertificateKeyPairOrigin": "AWS_MANAGED",
        "DomainValidationMethod": "DNS",
        "CertificateCreatedDate": "2026-01-01T12:00:00Z",
        "CertificateExpirationDate": "2027-01-30T23:59:59Z",
        "InUse": False,
        "Exported": False,
    }
    # A public certificate's daily warnings fall at 23:59:59 UTC.
    assert warnings(certmock)[0] == ("2026-12-16T23:59:59Z", 45)


def test_a_pending_request_gets_no_warnings(acm: Any, certmock: Mock) -> None:
    acm.request_certificate(DomainName="www.example.com")
    certmock.clock.advance(days=400)
    assert warnings(certmock) == []


# -- account configuration -----------------------------------------------------------------
def test_days_before_expiry_is_45_until_set(acm: Any) -> None:
    answer = acm.get_account_configuration()
    assert answer["ExpiryEvents"] == {"DaysBeforeExpiry": 45}


def test_put_sets_days_before_expiry(acm: Any) -> None:
    put_days(acm, 30)
    assert acm.get_account_configuration()["ExpiryEvents"] == {"DaysBeforeExpiry": 30}


def test_fewer_days_before_expiry_means_later_first_warnings(acm: Any, certmock: Mock) -> None:
    put_days(acm, 7)
    import_self_signed(acm, not_after=NOW + 30 * DAY)
    certmock.clock.advance(days=30)
    assert [d for _, d in warnings(certmock)] == [7, 6, 5, 4, 3, 2, 1]


def test_a_change_affects_only_warnings_not_yet_due(acm: Any, certmock: Mock) -> None:
    import_self_signed(acm, not_after=NOW + 60 * DAY)
    certmock.clock.advance(days=20)  # warnings for 45 .. 40 days so far
    put_days(acm, 10)
    certmock.clock.advance(days=40)
    assert [d for _, d in warnings(certmock)] == [45, 44, 43, 42, 41, 40, *range(10, 0, -1)]


def test_raising_days_before_expiry_starts_warnings_at_once(acm: Any, certmock: Mock) -> None:
    put_days(acm, 5)
    import_self_signed(acm, not_after=NOW + 20 * DAY + dt.timedelta(hours=1))
    put_days(acm, 45, token="t2")
    certmock.clock.advance(days=2)
    assert [d for _, d in warnings(certmock)] == [20, 19]


def test_the_same_token_within_an_hour_returns_the_original_result(
    acm: Any, certmock: Mock
) -> None:
    put_days(acm, 30, token="same")
    put_days(acm, 10, token="same")
    assert acm.get_account_configuration()["ExpiryEvents"] == {"DaysBeforeExpiry": 30}
    certmock.clock.advance(hours=1)
    put_days(acm, 10, token="same")
    assert acm.get_account_configuration()["ExpiryEvents"] == {"DaysBeforeExpiry": 10}


@pytest.mark.parametrize("expiry_events", [None, {}])
def test_a_put_without_expiry_events_is_refused(
    acm: Any, expiry_events: dict[str, int] | None
) -> None:
    """AWS's answer, from an AWS-verified public test (fact sheet 11.5)."""
    put_days(acm, 20)
    given = {} if expiry_events is None else {"ExpiryEvents": expiry_events}
    with pytest.raises(ClientError) as raised:
        acm.put_account_configuration(IdempotencyToken="t2", **given)
    assert error_of(raised) == ("ValidationException", "Configuration for events is empty.")
    assert acm.get_account_configuration()["ExpiryEvents"] == {"DaysBeforeExpiry": 20}


def test_more_than_45_days_is_refused(acm: Any) -> None:
    with pytest.raises(ClientError) as raised:
        put_days(acm, 46)
    assert error_of(raised) == (
        "ValidationException",
        "1 validation error detected: Value '46' at 'expiryEvents.daysBeforeExpiry' failed to "
        "satisfy constraint: Member must have value less than or equal to 45",
    )


@pytest.mark.parametrize(
    "token",
    [
        "has space",
        "x" * (maximum(input_member("acm", "PutAccountConfiguration", "IdempotencyToken")) + 1),
    ],
    ids=["outside-the-pattern", "too-long"],
)
def test_an_invalid_idempotency_token_is_refused(acm: Any, token: str) -> None:
    with pytest.raises(ClientError) as raised:
        put_days(acm, 10, token=token)
    assert error_of(raised)[0] == "ValidationException"


def test_the_configuration_is_per_account_and_region(acm: Any) -> None:
    put_days(acm, 12)
    other_region = boto3.client("acm", region_name="us-east-1")
    assert other_region.get_account_configuration()["ExpiryEvents"]["DaysBeforeExpiry"] == 45
    with mock_acm(account_id="210987654321"):
        other_account = boto3.client("acm", region_name=REGION)
        days = other_account.get_account_configuration()["ExpiryEvents"]["DaysBeforeExpiry"]
    assert days == 45
