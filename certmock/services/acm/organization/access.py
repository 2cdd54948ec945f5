"""Who may call the inventory and member operations: the organisation's management account or
its delegated administrator for ACM, each refusal an AccessDeniedException whose message names
the unmet condition (as the model documents)."""

from __future__ import annotations

from dataclasses import dataclass

from certmock.errors import ServiceError
from certmock.organizations import Organization
from certmock.services.acm.backend import SERVICE_NAME
from certmock.services.acm.organization.configuration import InventoryConfiguration
from certmock.services.acm.organization.plans import Plans
from certmock.world import Scope

"""Under this name the organisation keeps ACM's organisation-wide state."""


def denied(message: str) -> ServiceError:
    return ServiceError("AccessDeniedException", message)


@dataclass
class OrganizationState:
    """What ACM keeps about the organisation: its inventory configuration, once put."""

    configuration: InventoryConfiguration | None = None
    plans: Plans | None = None


@dataclass(frozen=True)
class Caller:
    """An account of the organisation allowed to manage ACM for it, calling from a Region."""

    organization: Organization
    state: OrganizationState
    account_id: str
    region: str

    @property
    def is_management_account(self) -> bool:
        return self.account_id == self.organization.management_account

    def configuration_here(self) -> InventoryConfiguration | None:
        """The configuration, seen from the caller's Region: None outside the home Region."""
        found = self.state.configuration
        return found if found is not None and found.home_region == self.region else None


def caller(scope: Scope) -> Caller:
    """The calling account, if it is the management account or ACM's delegated administrator
    of an organisation; before the first PutInventoryConfiguration only the management account
    qualifies."""
    account = scope.account_id
    organization = scope.world.organization
    if organization is None or not organization.is_member(account):
        raise denied(f"Account {account} is not a member of an organization in AWS Organizations.")
    state = organization.service_state.get(SERVICE_NAME)
    if not isinstance(state, OrganizationState):
        state = organization.service_state[SERVICE_NAME] = OrganizationState()
    found = Caller(organization, state, account, scope.region)
    if not found.is_management_account:
        if not organization.is_delegated_administrator(account):
            raise denied(
                f"Account {account} is neither the management account nor a registered "
                f"delegated administrator for ACM of organization {organization.id}."
            )
        if state.configuration is None:
            raise denied(
                f"Organization {organization.id} has no certificate inventory configuration "
                "yet; only the management account can call this operation until the first "
                "PutInventoryConfiguration."
            )
    return found


def not_configured(found: Caller) -> ServiceError:
    """ResourceNotFoundException for a read before the configuration exists, or outside the
    home Region (where certmock says the configuration is not found, naming its Region)."""
    configuration = found.state.configuration
    if configuration is None:
        return ServiceError(
            "ResourceNotFoundException",
            f"Organization {found.organization.id} has no certificate inventory configuration; "
            "call PutInventoryConfiguration first.",
        )
    return ServiceError(
        "ResourceNotFoundException",
        f"The certificate inventory of organization {found.organization.id} is managed in its "
        f"home Region {configuration.home_region}, not in {found.region}.",
    )
