"""Get/PutInventoryConfiguration: home Region, setup on the clock, retention, certificate
actions, expiry notifications and the ACM plan."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from botocore.exceptions import ClientError

from certmock import Mock
from certmock.services.acm.organization.configuration import SETUP_TIME, VERIFICATION_TIME
from tests.model_facts import enum, input_member, maximum, minimum, named_shape, needs_operation
from tests.services.acm.helpers import NOW, error_of
from tests.services.acm.inventory.helpers import (
    ADMINISTRATOR,
    ELSEWHERE,
    HOME,
    MANAGEMENT,
    client,
    configuration,
    configure,
    settle,
)

pytestmark = [needs_operation("acm", "PutInventoryConfiguration"), pytest.mark.certmock(now=NOW)]
TOPIC = f"arn:aws:sns:{HOME}:{MANAGEMENT}:cert-expiry"


def refused(acm: Any, **overrides: Any) -> tuple[str, str]:
    with pytest.raises(ClientError) as raised:
        configure(acm, **overrides)
    return error_of(raised)


def test_the_first_put_makes_its_region_the_home_region(management: Any) -> None:
    stored = configure(management)
    assert stored["HomeRegion"] == HOME
    assert configuration(management)["HomeRegion"] == HOME


def test_the_first_put_cannot_disable(management: Any) -> None:
    assert refused(management, Status="DISABLED")[0] == "ConflictException"


def test_a_put_outside_the_home_region_conflicts(organised: Mock, management: Any) -> None:
    configure(management)
    settle(organised)
    code, message = refused(client("acm", MANAGEMENT, ELSEWHERE))
    assert code == "ConflictException"
    assert HOME in message


def test_setup_is_enabling_then_enabled_on_the_clock(organised: Mock, management: Any) -> None:
    stored = configure(management)
    assert stored["ProvisioningStatus"] == "ENABLING"
    assert stored["LifecycleManagement"] == {"Status": "ENABLED", "ProvisioningStatus": "ENABLING"}
    organised.clock.advance(seconds=SETUP_TIME.total_seconds() - 1)
    assert configuration(management)["ProvisioningStatus"] == "ENABLING"
    organised.clock.advance(seconds=1)
    found = configuration(management)
    assert found["ProvisioningStatus"] == "ENABLED"
    assert found["LifecycleManagement"]["ProvisioningStatus"] == "ENABLED"


@pytest.mark.parametrize("steps", [1, 7])
def test_setup_ends_the_same_however_the_clock_moves(
    organised: Mock, management: Any, steps: int
) -> None:
    configure(management)
    for _ in range(steps):
        organised.clock.advance(seconds=2 * SETUP_TIME.total_seconds() / steps)
    assert configuration(management)["ProvisioningStatus"] == "ENABLED"


def test_setup_fails_without_trusted_access(organised: Mock, management: Any) -> None:
    organised.organization.disable_trusted_access()
    configure(management)
    settle(organised)
    found = configuration(management)
    codes = enum(named_shape("acm", "ProvisioningStatusReasonCode"))
    assert found["ProvisioningStatus"] == "FAILED"
    assert found["ProvisioningStatusReason"]["Code"] == "TRUSTED_ACCESS_DISABLED"
    assert "TRUSTED_ACCESS_DISABLED" in codes
    assert found["LifecycleManagement"]["ProvisioningStatusReason"]["Code"] == (
        "TRUSTED_ACCESS_DISABLED"
    )


def test_a_failed_setup_is_retried_by_repeating_the_call(organised: Mock, management: Any) -> None:
    organised.organization.disable_trusted_access()
    configure(management)
    settle(organised)
    organised.organization.enable_trusted_access()
    assert configure(management)["ProvisioningStatus"] == "ENABLING"
    settle(organised)
    assert configuration(management)["ProvisioningStatus"] == "ENABLED"


def test_withdrawing_trusted_access_shows_as_failed(configured: Any, organised: Mock) -> None:
    organised.organization.disable_trusted_access()
    found = configuration(configured)
    assert found["LifecycleManagement"]["ProvisioningStatus"] == "FAILED"


def test_a_change_while_setting_up_conflicts(management: Any) -> None:
    configure(management)
    assert refused(management, DataRetentionDays=200)[0] == "ConflictException"


def test_repeating_the_stored_configuration_while_setting_up_returns_it(management: Any) -> None:
    first = configure(management)
    assert configure(management) == first


def test_retention_is_reset_to_the_default_when_omitted(organised: Mock, management: Any) -> None:
    shape = input_member("acm", "PutInventoryConfiguration", "DataRetentionDays")
    assert configure(management, DataRetentionDays=maximum(shape))["DataRetentionDays"] == (
        maximum(shape)
    )
    settle(organised)
    assert configure(management)["DataRetentionDays"] == minimum(shape) == 90


def test_certificate_actions_cannot_be_turned_on_while_disabled(
    configured: Any,
) -> None:
    code, _ = refused(configured, Status="DISABLED", LifecycleManagement={"Status": "ENABLED"})
    assert code == "ValidationException"


def test_lifecycle_management_omitted_keeps_the_stored_value(
    organised: Mock, configured: Any
) -> None:
    stored = configure(configured, DataRetentionDays=120, LifecycleManagement=None)
    assert stored["LifecycleManagement"]["Status"] == "ENABLED"


def test_expiry_notification_defaults(management: Any) -> None:
    assert configure(management)["ExpiryNotification"] == {
        "Enabled": False,
        "LeadTimeDays": 7,
        "Frequency": "ONCE",
    }


@pytest.mark.parametrize(
    "notification",
    [
        {"Enabled": True},
        {"Enabled": True, "Channel": "SNS"},
        {"Enabled": True, "Channel": "SNS", "TopicArn": TOPIC + ".fifo"},
        {"Enabled": True, "Channel": "SNS", "TopicArn": f"arn:aws:sns:{HOME}:999999999999:t"},
        {"Enabled": True, "Channel": "SNS", "TopicArn": f"arn:aws:sns:{ELSEWHERE}:{MANAGEMENT}:t"},
        {"Enabled": False, "LeadTimeDays": 8},
    ],
)
def test_bad_expiry_notifications_are_refused(
    management: Any, notification: dict[str, Any]
) -> None:
    assert refused(management, ExpiryNotification=notification)[0] == "ValidationException"


def test_the_topic_is_verified_after_the_call(organised: Mock, management: Any) -> None:
    notification = {"Enabled": True, "Channel": "SNS", "TopicArn": TOPIC, "LeadTimeDays": 30}
    stored = configure(management, ExpiryNotification=notification)
    assert stored["ExpiryNotification"] == {**notification, "Frequency": "ONCE"}
    assert stored["LastDeliveryStatus"] == {"Status": "PENDING_VERIFICATION"}
    organised.clock.advance(seconds=VERIFICATION_TIME.total_seconds())
    delivery = configuration(management)["LastDeliveryStatus"]
    assert delivery["Status"] == "VERIFIED"


# -- the ACM plan -------------------------------------------------------------------------
def test_the_first_enabled_call_must_name_a_plan(management: Any) -> None:
    assert refused(management, InventoryTier=None)[0] == "ValidationException"


def test_put_never_returns_the_plan_but_get_does(organised: Mock, management: Any) -> None:
    assert "InventoryTierConfiguration" not in configure(management)
    assert configuration(management)["InventoryTierConfiguration"]["Status"] == "PENDING"
    settle(organised)
    assert configuration(management)["InventoryTierConfiguration"] == {
        "Tier": "ESSENTIALS",
        "Status": "ACTIVE",
    }


def test_a_higher_plan_takes_effect_at_once_a_lower_one_at_the_period_end(
    organised: Mock, configured: Any
) -> None:
    low, high = enum(input_member("acm", "PutInventoryConfiguration", "InventoryTier"))
    configure(configured, InventoryTier=high)
    assert configuration(configured)["InventoryTierConfiguration"]["Tier"] == high
    settle(organised)
    configure(configured, InventoryTier=low)
    plan = configuration(configured)["InventoryTierConfiguration"]
    month_end = dt.datetime(2026, 2, 1, tzinfo=dt.timezone.utc)
    assert plan["Tier"] == high
    assert plan["ScheduledChange"] == {"Tier": low, "EffectiveAt": month_end}
    assert refused(configured, InventoryTier=high)[0] == "ConflictException"
    organised.clock.advance(days=31)
    assert configuration(configured)["InventoryTierConfiguration"]["Tier"] == low


def test_disabled_with_a_plan_ends_it_at_the_period_end(organised: Mock, configured: Any) -> None:
    stored = configure(configured, Status="DISABLED", LifecycleManagement=None)
    assert stored["Status"] == "ENABLED"
    assert stored["LifecycleManagement"]["Status"] == "DISABLED"
    plan = configuration(configured)["InventoryTierConfiguration"]
    assert "Tier" not in plan["ScheduledChange"]
    assert refused(configured, InventoryTier="ESSENTIALS")[0] == "ConflictException"
    organised.clock.advance(days=31)
    found = configuration(configured)
    assert found["Status"] == "DISABLED"
    assert "InventoryTierConfiguration" not in found


def test_the_administrator_may_not_change_the_plan(configured: Any) -> None:
    administrator = client("acm", ADMINISTRATOR)
    assert refused(administrator, InventoryTier="PRO")[0] == "AccessDeniedException"
    assert configure(administrator, InventoryTier="ESSENTIALS")["Status"] == "ENABLED"
    assert configure(administrator, InventoryTier=None)["Status"] == "ENABLED"
