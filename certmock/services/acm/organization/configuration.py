"""The organisation's inventory configuration as ACM stores it, and how its setup progresses
on the clock.

Setup (of collection, and of Certificate actions for organizations) is a scheduled change on
the world's timeline: it completes ``SETUP_TIME`` after the call, as of that time, ENABLED if
AWS Organizations trusts ACM then and FAILED (TRUSTED_ACCESS_DISABLED) if not. A later call
that starts another setup makes the pending one stale (its generation no longer matches).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

from certmock.organizations import Organization

ENABLED = "ENABLED"
DISABLED = "DISABLED"
ENABLING = "ENABLING"
DISABLING = "DISABLING"
FAILED = "FAILED"
TRUSTED_ACCESS_DISABLED = "TRUSTED_ACCESS_DISABLED"

SETUP_TIME = _dt.timedelta(minutes=1)
"""How long setup in the organisation's accounts takes (AWS gives no figure: certmock's)."""
VERIFICATION_TIME = _dt.timedelta(minutes=1)
"""How long the SNS topic's verification takes (AWS gives no figure: certmock's)."""
DEFAULT_RETENTION_DAYS = 90
DEFAULT_EXPIRY_NOTIFICATION: dict[str, Any] = {
    "Enabled": False,
    "LeadTimeDays": 7,
    "Frequency": "ONCE",
}
"""Until notifications are configured (model documentation of ExpiryNotification)."""

_TRUST_MESSAGE = (
    "Trusted access for AWS Certificate Manager is not enabled in AWS Organizations. Enable "
    "it, then repeat PutInventoryConfiguration with Status ENABLED."
)


@dataclass
class Setup:
    """How far one feature's setup has progressed (ProvisioningStatus and its reason)."""

    status: str = DISABLED
    reason: str | None = None
    generation: int = 0

    @property
    def in_progress(self) -> bool:
        return self.status in (ENABLING, DISABLING)

    def describe(self, organization: Organization) -> dict[str, Any]:
        status, reason = self.status, self.reason
        if status == ENABLED and not organization.trusts():
            # Trusted access withdrawn since: ACM can no longer act in the accounts.
            status, reason = FAILED, TRUSTED_ACCESS_DISABLED
        described: dict[str, Any] = {"ProvisioningStatus": status}
        if status == FAILED:
            message = _TRUST_MESSAGE if reason == TRUSTED_ACCESS_DISABLED else None
            described["ProvisioningStatusReason"] = {"Code": reason or "INTERNAL_FAILURE"}
            if message is not None:
                described["ProvisioningStatusReason"]["Message"] = message
        return described

    def working(self, organization: Organization) -> bool:
        """Whether setup finished and still holds (trusted access not withdrawn since)."""
        return self.status == ENABLED and organization.trusts()


@dataclass
class InventoryConfiguration:
    home_region: str
    regional_scope: dict[str, Any]
    account_scope: dict[str, Any]
    retention_days: int
    status: str
    expiry_notification: dict[str, Any] = field(
        default_factory=lambda: dict(DEFAULT_EXPIRY_NOTIFICATION)
    )
    collection: Setup = field(default_factory=Setup)
    lifecycle_status: str = DISABLED
    lifecycle: Setup = field(default_factory=Setup)
    delivery_status: str | None = None
    """PENDING_VERIFICATION, then VERIFIED (certmock has no SNS to fail against)."""
    delivery_updated_at: _dt.datetime | None = None
    verification: int = 0
    first_collected_at: _dt.datetime | None = None
    """When collection first finished: before, the inventory holds nothing."""
    collection_stopped_at: _dt.datetime | None = None
    """When collection was last turned off (retained data is served until retention ends)."""

    # -- what the inventory shows ---------------------------------------------------------
    def serves_data(self, now: _dt.datetime) -> bool:
        """Whether the inventory holds data: collected at least once, and collection on or
        turned off less than DataRetentionDays ago."""
        if self.first_collected_at is None:
            return False
        stopped = self.collection_stopped_at
        if self.status == ENABLED or stopped is None:
            return True
        return now < stopped + _dt.timedelta(days=self.retention_days)

    def certificate_actions_on(self, organization: Organization) -> bool:
        return self.lifecycle_status == ENABLED and self.lifecycle.working(organization)

    def in_regional_scope(self, region: str) -> bool:
        mode = self.regional_scope["Mode"]
        listed = region in self.regional_scope.get("Regions", ())
        return mode == "ALL_REGIONS" or (listed if mode == "INCLUDE" else not listed)

    def in_account_scope(self, organization: Organization, account_id: str) -> bool:
        if not organization.is_member(account_id):
            return False
        scope = self.account_scope
        mode = scope["Mode"]
        if mode == "ALL_ACCOUNTS":
            return True
        listed = account_id in scope.get("AccountIds", ()) or any(
            unit in scope.get("OrganizationalUnitIds", ())
            for unit in organization.units_above(account_id)
        )
        return listed if mode == "INCLUDE" else not listed

    # -- GetInventoryConfiguration --------------------------------------------------------
    def describe(self, organization: Organization) -> dict[str, Any]:
        described: dict[str, Any] = {
            "RegionalScope": self.regional_scope,
            "AccountScope": self.account_scope,
            "DataRetentionDays": self.retention_days,
            "Status": self.status,
            **self.collection.describe(organization),
            "HomeRegion": self.home_region,
            "LifecycleManagement": {
                "Status": self.lifecycle_status,
                **self.lifecycle.describe(organization),
            },
            "ExpiryNotification": dict(self.expiry_notification),
        }
        if (
            self.status == ENABLED
            and self.expiry_notification.get("Enabled")
            and self.delivery_status is not None
        ):
            delivery: dict[str, Any] = {"Status": self.delivery_status}
            if self.delivery_updated_at is not None:
                delivery["UpdatedAt"] = self.delivery_updated_at
            described["LastDeliveryStatus"] = delivery
        return described
