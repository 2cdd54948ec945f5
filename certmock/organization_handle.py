"""``cm.organization``: the test sets up the AWS Organizations organisation its accounts are in.

No AWS API call reaches AWS Organizations here; the test plays the organisation's
administrator. Each method brings the world up to the clock first, so a change made now is
applied after every scheduled change that came due before it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from certmock.organizations import ACM_PRINCIPAL, Organization, new_organization
from certmock.world import World


class OrganizationHandle:
    """The world's organisation: create it, then add accounts and units, register delegated
    administrators and turn trusted access on or off (all for ACM unless a service principal
    is named)."""

    def __init__(self, world: World, default_account: str) -> None:
        self._world = world
        self._default_account = default_account

    def create(
        self,
        management_account: str | None = None,
        member_accounts: Iterable[str] = (),
        organizational_units: Mapping[str, Iterable[str]] | None = None,
        *,
        trusted_access: bool = False,
        delegated_administrator: str | None = None,
    ) -> Organization:
        """A new organisation (replacing any other) whose management account is
        ``management_account`` (default: the mock's account). ``organizational_units`` maps a
        unit's name to the accounts in it. Trusted access for ACM is off, as in a new AWS
        organisation, unless ``trusted_access``."""
        world = self._world
        with world.lock:
            world.catch_up()
            organization = new_organization(
                world.ids.choice,
                management_account or self._default_account,
                member_accounts,
                organizational_units,
            )
            if trusted_access:
                organization.enable_trusted_access()
            if delegated_administrator is not None:
                organization.register_delegated_administrator(delegated_administrator)
            world.organization = organization
            return organization

    def delete(self) -> None:
        """No organisation any more (with it goes what services kept about it)."""
        with self._world.lock:
            self._world.catch_up()
            self._world.organization = None

    @property
    def current(self) -> Organization:
        organization = self._world.organization
        if organization is None:
            raise RuntimeError("no organisation: call cm.organization.create(...) first")
        return organization

    @property
    def id(self) -> str:
        return self.current.id

    @property
    def management_account(self) -> str:
        return self.current.management_account

    def add_account(self, account_id: str, organizational_unit: str | None = None) -> None:
        with self._world.lock:
            self._world.catch_up()
            self.current.add_account(account_id, organizational_unit)

    def remove_account(self, account_id: str) -> None:
        with self._world.lock:
            self._world.catch_up()
            self.current.remove_account(account_id)

    def move_account(self, account_id: str, organizational_unit: str | None) -> None:
        with self._world.lock:
            self._world.catch_up()
            self.current.move_account(account_id, organizational_unit)

    def create_organizational_unit(self, name: str, parent: str | None = None) -> str:
        with self._world.lock:
            self._world.catch_up()
            return self.current.create_organizational_unit(name, parent)

    def register_delegated_administrator(
        self, account_id: str, service_principal: str = ACM_PRINCIPAL
    ) -> None:
        with self._world.lock:
            self._world.catch_up()
            self.current.register_delegated_administrator(account_id, service_principal)

    def deregister_delegated_administrator(
        self, account_id: str, service_principal: str = ACM_PRINCIPAL
    ) -> None:
        with self._world.lock:
            self._world.catch_up()
            self.current.deregister_delegated_administrator(account_id, service_principal)

    def enable_trusted_access(self, service_principal: str = ACM_PRINCIPAL) -> None:
        with self._world.lock:
            self._world.catch_up()
            self.current.enable_trusted_access(service_principal)

    def disable_trusted_access(self, service_principal: str = ACM_PRINCIPAL) -> None:
        with self._world.lock:
            self._world.catch_up()
            self.current.disable_trusted_access(service_principal)
