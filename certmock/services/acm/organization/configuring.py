"""Get/PutInventoryConfiguration: the rules the model documents for who may configure the
inventory, from where, and what each member of the request changes."""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from certmock.errors import ServiceError
from certmock.partitions import partition_of
from certmock.services.acm.organization.access import Caller, not_configured
from certmock.services.acm.organization.configuration import (
    DEFAULT_EXPIRY_NOTIFICATION,
    DEFAULT_RETENTION_DAYS,
    DISABLED,
    ENABLED,
    FAILED,
    SETUP_TIME,
    TRUSTED_ACCESS_DISABLED,
    VERIFICATION_TIME,
    InventoryConfiguration,
    Setup,
)
from certmock.services.acm.organization.plans import ACTIVATION_TIME, Plans
from certmock.world import Scope

LEAD_TIMES = (7, 30, 60, 90)
"""'Days before NotAfter that notifications start: 7, 30, 60, or 90' (model documentation)."""
_TOPIC = re.compile(
    r"arn:(?P<partition>[^:]+):sns:(?P<region>[^:]+):(?P<account>\d{12}):(?P<name>.+)"
)


def _invalid(message: str) -> ServiceError:
    return ServiceError("ValidationException", message)


def _conflict(message: str) -> ServiceError:
    return ServiceError("ConflictException", message)


def get(found: Caller, scope: Scope) -> dict[str, Any]:
    configuration = found.configuration_here()
    if configuration is None:
        raise not_configured(found)
    described = configuration.describe(found.organization)
    plans = found.state.plans
    if plans is not None:
        described["InventoryTierConfiguration"] = plans.describe(scope.now())
    return described


def put(found: Caller, scope: Scope, params: dict[str, Any]) -> dict[str, Any]:
    stored = found.state.configuration
    status: str = params["Status"]
    if stored is None and status == DISABLED:
        raise _conflict("The first PutInventoryConfiguration call must have Status ENABLED.")
    if stored is not None and stored.home_region != found.region:
        raise _conflict(
            f"The inventory configuration is managed in its home Region {stored.home_region}; "
            f"call PutInventoryConfiguration there, not in {found.region}."
        )
    home = stored.home_region if stored is not None else found.region
    regional = _regional_scope(params["RegionalScope"])
    accounts = _account_scope(params["AccountScope"], found)
    retention = params.get("DataRetentionDays", DEFAULT_RETENTION_DAYS)
    lifecycle = params.get("LifecycleManagement", {}).get("Status")
    if status == DISABLED and lifecycle == ENABLED:
        raise _invalid(
            "Certificate actions for organizations cannot be turned on while Status is DISABLED."
        )
    notification = params.get("ExpiryNotification")
    if notification is not None:
        notification = _expiry_notification(notification, found, home, scope)
    tier = params.get("InventoryTier")
    plans = found.state.plans
    if status == ENABLED:
        if plans is None:
            if tier is None:
                raise _invalid(
                    "The organization has no ACM plan: a call with Status ENABLED must name "
                    "an InventoryTier (ESSENTIALS or PRO)."
                )
            if not found.is_management_account:
                raise ServiceError(
                    "AccessDeniedException",
                    "Only the management account can start the organization's ACM plan.",
                )
        elif tier is not None:
            plans.check_request(tier, found.is_management_account)
    elif plans is not None and not plans.ending and not found.is_management_account:
        raise ServiceError(
            "AccessDeniedException",
            "Only the management account can end the organization's ACM plan.",
        )
    wanted_lifecycle = (
        DISABLED
        if status == DISABLED
        else (lifecycle or (stored.lifecycle_status if stored else DISABLED))
    )
    wanted_notification = (
        notification
        if notification is not None
        else (stored.expiry_notification if stored else dict(DEFAULT_EXPIRY_NOTIFICATION))
    )
    now = scope.now()
    if stored is not None:
        repeat = (
            stored.regional_scope == regional
            and stored.account_scope == accounts
            and stored.retention_days == retention
            and stored.status == status
            and stored.lifecycle_status == wanted_lifecycle
            and stored.expiry_notification == wanted_notification
            and (tier is None or plans is None or tier == plans.requested or status == DISABLED)
        )
        retry = status == ENABLED and FAILED in (stored.collection.status, stored.lifecycle.status)
        if repeat and not retry:
            if wanted_notification.get("Enabled"):
                _verify(stored, scope, now)
            return stored.describe(found.organization)
        if stored.collection.in_progress or stored.lifecycle.in_progress:
            raise _conflict(
                "You are trying to update a resource or configuration that is already being "
                "created or updated. Wait for the previous operation to finish and try again."
            )
    configuration = stored or InventoryConfiguration(home, regional, accounts, retention, status)
    was_enabled = stored is not None and stored.status == ENABLED
    configuration.regional_scope, configuration.account_scope = regional, accounts
    configuration.retention_days = retention
    configuration.expiry_notification = dict(wanted_notification)
    found.state.configuration = configuration
    if status == ENABLED:
        if plans is None:
            assert tier is not None
            plans = found.state.plans = Plans(tier, now + ACTIVATION_TIME)
        elif tier is not None:
            plans.request(tier, now, scope.schedule)
        configuration.status = ENABLED
        configuration.collection_stopped_at = None
        _start_setup(configuration.collection, found, scope, now, configuration)
        if wanted_lifecycle == ENABLED and (
            configuration.lifecycle_status != ENABLED or configuration.lifecycle.status == FAILED
        ):
            configuration.lifecycle_status = ENABLED
            _start_setup(configuration.lifecycle, found, scope, now, None)
        elif wanted_lifecycle == DISABLED:
            _turn_off(configuration.lifecycle)
            configuration.lifecycle_status = DISABLED
    else:
        configuration.lifecycle_status = DISABLED
        _turn_off(configuration.lifecycle)
        if plans is not None:
            plans.end(
                found.is_management_account,
                now,
                lambda due: _plan_ended(found, configuration, due),
                scope.schedule,
            )
        else:
            _stop_collection(configuration, now)
    if configuration.expiry_notification.get("Enabled"):
        _verify(configuration, scope, now)
    elif was_enabled:
        configuration.delivery_status = None
    return configuration.describe(found.organization)


def _regional_scope(scope: dict[str, Any]) -> dict[str, Any]:
    mode, regions = scope["Mode"], scope.get("Regions")
    if mode == "ALL_REGIONS" and regions:
        raise _invalid("RegionalScope.Regions is not allowed when Mode is ALL_REGIONS.")
    if mode != "ALL_REGIONS" and not regions:
        raise _invalid(f"RegionalScope.Regions is required when Mode is {mode}.")
    if regions and len(set(regions)) != len(regions):
        raise _invalid("RegionalScope.Regions lists a Region more than once.")
    return {"Mode": mode, **({"Regions": list(regions)} if regions else {})}


def _account_scope(scope: dict[str, Any], found: Caller) -> dict[str, Any]:
    mode = scope["Mode"]
    accounts = scope.get("AccountIds") or []
    units = scope.get("OrganizationalUnitIds") or []
    if mode != "ALL_ACCOUNTS" and not accounts and not units:
        raise _invalid(
            f"AccountScope with Mode {mode} must list at least one account or organizational unit."
        )
    for listed, what in ((accounts, "AccountIds"), (units, "OrganizationalUnitIds")):
        if len(set(listed)) != len(listed):
            raise _invalid(f"AccountScope.{what} lists an ID more than once.")
    unknown = [unit for unit in units if unit not in found.organization.units]
    if unknown:
        raise _invalid(
            f"Organizational unit {unknown[0]} is not in organization {found.organization.id}."
        )
    described: dict[str, Any] = {"Mode": mode}
    if units:
        described["OrganizationalUnitIds"] = list(units)
    if accounts:
        described["AccountIds"] = list(accounts)
    return described


def _expiry_notification(
    given: dict[str, Any], found: Caller, home: str, scope: Scope
) -> dict[str, Any]:
    notification = {**DEFAULT_EXPIRY_NOTIFICATION, **given}
    if notification["LeadTimeDays"] not in LEAD_TIMES:
        raise _invalid(
            f"ExpiryNotification.LeadTimeDays must be one of 7, 30, 60 or 90, not "
            f"{notification['LeadTimeDays']}."
        )
    if not notification["Enabled"]:
        return notification
    topic = notification.get("TopicArn")
    if notification.get("Channel") is None or topic is None:
        raise _invalid("With ExpiryNotification Enabled true, Channel and TopicArn are required.")
    parsed = _TOPIC.fullmatch(topic)
    if (
        parsed is None
        or parsed["name"].endswith(".fifo")
        or parsed["account"] != found.organization.management_account
        or parsed["region"] != home
        or parsed["partition"] != partition_of(scope.region)
    ):
        raise _invalid(
            f"TopicArn {topic} must name a standard (non-FIFO) Amazon SNS topic of the "
            f"management account {found.organization.management_account} in the home Region "
            f"{home}."
        )
    return notification


def _start_setup(
    setup: Setup,
    found: Caller,
    scope: Scope,
    now: _dt.datetime,
    collected: InventoryConfiguration | None,
) -> None:
    """ENABLING now; ENABLED or FAILED ``SETUP_TIME`` later, as trusted access is then."""
    setup.generation += 1
    setup.status, setup.reason = "ENABLING", None
    generation = setup.generation
    organization = found.organization

    def finish(due: _dt.datetime) -> None:
        if setup.generation != generation:
            return
        if organization.trusts():
            setup.status = ENABLED
            if collected is not None and collected.first_collected_at is None:
                collected.first_collected_at = due
        else:
            setup.status, setup.reason = FAILED, TRUSTED_ACCESS_DISABLED

    scope.schedule(now + SETUP_TIME, finish)


def _turn_off(setup: Setup) -> None:
    setup.generation += 1
    setup.status, setup.reason = DISABLED, None


def _stop_collection(configuration: InventoryConfiguration, at: _dt.datetime) -> None:
    configuration.status = DISABLED
    _turn_off(configuration.collection)
    configuration.collection_stopped_at = at
    configuration.delivery_status = None


def _plan_ended(found: Caller, configuration: InventoryConfiguration, due: _dt.datetime) -> None:
    found.state.plans = None
    _stop_collection(configuration, due)


def _verify(configuration: InventoryConfiguration, scope: Scope, now: _dt.datetime) -> None:
    """Each save with Enabled true verifies the topic again, after the call returns."""
    configuration.verification += 1
    configuration.delivery_status, configuration.delivery_updated_at = "PENDING_VERIFICATION", None
    verification = configuration.verification

    def verified(due: _dt.datetime) -> None:
        if configuration.verification == verification and configuration.delivery_status:
            configuration.delivery_status, configuration.delivery_updated_at = "VERIFIED", due

    scope.schedule(now + VERIFICATION_TIME, verified)
