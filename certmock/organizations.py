"""An AWS Organizations organisation, as far as the services certmock serves need one.

AWS Organizations is not a service certmock serves: a test sets the organisation up on the
handle (``cm.organization``), and services read it to decide what an account may do across the
organisation (ACM's certificate inventory and its actions on member accounts). The world holds
at most one organisation, as an account belongs to at most one; ``reset`` forgets it.

What a service keeps about the organisation as a whole (ACM's inventory configuration, which
outlives any one account's or Region's state) it keeps in ``service_state`` under its own
name, so it goes when the organisation goes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

ACM_PRINCIPAL = "acm.amazonaws.com"
"""The service principal trusted access and delegated administration are granted to."""

_ACCOUNT_ID = re.compile(r"\d{12}")
_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"

Random = Callable[[str, int], str]
"""``choice(alphabet, length)``: the world's id source, so seeded worlds keep their ids."""


def _check_account(account_id: str) -> str:
    if not _ACCOUNT_ID.fullmatch(account_id):
        raise ValueError(f"an AWS account id is 12 digits, got {account_id!r}")
    return account_id


@dataclass
class OrganizationalUnit:
    id: str
    """``ou-<root id suffix>-<8 characters>``, as AWS Organizations forms it."""
    name: str
    parent_id: str
    """The root's id (``r-...``) or another unit's."""


@dataclass
class Organization:
    id: str
    """``o-`` and 10 lowercase letters and digits."""
    root_id: str
    """``r-`` and 4 lowercase letters and digits."""
    management_account: str
    _random: Random
    accounts: dict[str, str] = field(default_factory=dict)
    """Every member account (the management account included) -> its parent (root or unit)."""
    units: dict[str, OrganizationalUnit] = field(default_factory=dict)
    delegated_administrators: dict[str, set[str]] = field(default_factory=dict)
    """Service principal -> the accounts registered as its delegated administrators."""
    trusted_access: set[str] = field(default_factory=set)
    """The service principals AWS Organizations trusts to act in member accounts."""
    service_state: dict[str, Any] = field(default_factory=dict)
    """What a service keeps about the organisation as a whole, by service name."""

    # -- accounts and units ---------------------------------------------------------------
    def add_account(self, account_id: str, organizational_unit: str | None = None) -> None:
        """Make ``account_id`` a member, under the root or under ``organizational_unit`` (an
        ``ou-`` id, or the name of a unit made with ``create_organizational_unit``)."""
        _check_account(account_id)
        self.accounts[account_id] = self._parent(organizational_unit)

    def remove_account(self, account_id: str) -> None:
        """The account leaves the organisation (the management account cannot)."""
        if account_id == self.management_account:
            raise ValueError("the management account cannot leave its organisation")
        if self.accounts.pop(account_id, None) is None:
            raise KeyError(f"{account_id} is not a member of {self.id}")
        for registered in self.delegated_administrators.values():
            registered.discard(account_id)

    def move_account(self, account_id: str, organizational_unit: str | None) -> None:
        if account_id not in self.accounts:
            raise KeyError(f"{account_id} is not a member of {self.id}")
        self.accounts[account_id] = self._parent(organizational_unit)

    def create_organizational_unit(self, name: str, parent: str | None = None) -> str:
        """A new unit under the root or ``parent`` (an id or a name); returns its ``ou-`` id."""
        parent_id = self._parent(parent)
        suffix = self.root_id.removeprefix("r-")
        unit_id = f"ou-{suffix}-{self._random(_ALPHABET, 8)}"
        self.units[unit_id] = OrganizationalUnit(unit_id, name, parent_id)
        return unit_id

    def _parent(self, unit: str | None) -> str:
        if unit is None:
            return self.root_id
        if unit in self.units:
            return unit
        named = [found.id for found in self.units.values() if found.name == unit]
        if len(named) > 1:
            raise KeyError(
                f"{len(named)} organizational units of {self.id} are named {unit!r} "
                f"({', '.join(named)}); name one by its id"
            )
        if not named:
            raise KeyError(f"no organizational unit {unit!r} in {self.id}")
        return named[0]

    def is_member(self, account_id: str) -> bool:
        return account_id in self.accounts

    def units_above(self, account_id: str) -> list[str]:
        """The units ``account_id`` sits in, nearest first (units nest)."""
        found: list[str] = []
        parent = self.accounts.get(account_id)
        while parent is not None and parent in self.units:
            found.append(parent)
            parent = self.units[parent].parent_id
        return found

    # -- what services are allowed --------------------------------------------------------
    def register_delegated_administrator(
        self, account_id: str, service_principal: str = ACM_PRINCIPAL
    ) -> None:
        """As ``organizations register-delegated-administrator``: a member account other than
        the management account administers ``service_principal`` for the organisation."""
        if account_id == self.management_account:
            raise ValueError("the management account cannot be a delegated administrator")
        if account_id not in self.accounts:
            raise KeyError(f"{account_id} is not a member of {self.id}")
        self.delegated_administrators.setdefault(service_principal, set()).add(account_id)

    def deregister_delegated_administrator(
        self, account_id: str, service_principal: str = ACM_PRINCIPAL
    ) -> None:
        self.delegated_administrators.get(service_principal, set()).discard(account_id)

    def is_delegated_administrator(
        self, account_id: str, service_principal: str = ACM_PRINCIPAL
    ) -> bool:
        return account_id in self.delegated_administrators.get(service_principal, set())

    def enable_trusted_access(self, service_principal: str = ACM_PRINCIPAL) -> None:
        self.trusted_access.add(service_principal)

    def disable_trusted_access(self, service_principal: str = ACM_PRINCIPAL) -> None:
        self.trusted_access.discard(service_principal)

    def trusts(self, service_principal: str = ACM_PRINCIPAL) -> bool:
        return service_principal in self.trusted_access


def new_organization(
    random: Random,
    management_account: str,
    member_accounts: Iterable[str] = (),
    organizational_units: Mapping[str, Iterable[str]] | None = None,
) -> Organization:
    """An organisation with ``management_account``, the ``member_accounts`` under its root,
    and one unit per entry of ``organizational_units`` (name -> the accounts in it)."""
    organization = Organization(
        id=f"o-{random(_ALPHABET, 10)}",
        root_id=f"r-{random(_ALPHABET, 4)}",
        management_account=_check_account(management_account),
        _random=random,
    )
    organization.add_account(management_account)
    for account_id in member_accounts:
        organization.add_account(account_id)
    for name, accounts in (organizational_units or {}).items():
        unit_id = organization.create_organizational_unit(name)
        for account_id in accounts:
            organization.add_account(account_id, unit_id)
    return organization
