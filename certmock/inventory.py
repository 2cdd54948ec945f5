"""What certmock serves of each service's botocore model, and how the installed model has
moved on since the release the table was reviewed against.

Each served service declares one ``ServiceInventory``: every operation of the reviewed model is
served or not served (with a reason), and every input member of a served operation is honoured
(certmock acts on it) or ignored (accepted, with a reason). Honoured members are listed by name,
so a member that a newer botocore adds is in neither list: ``drift`` finds it, and a request
that carries it gets an ``IgnoredMemberWarning``.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import botocore

from certmock.botocore_models import service_model

REVIEWED_BOTOCORE = "1.44.18"
"""The botocore release every inventory was reconciled against, operation by operation and
member by member. On it and older releases the tests are strict; on newer ones they report."""

_VERSION = re.compile(r"(\d+)\.(\d+)\.(\d+)")


def version_key(version: str) -> tuple[int, int, int]:
    """``"1.44.18"`` -> ``(1, 44, 18)``, for comparing botocore releases."""
    matched = _VERSION.match(version)
    if matched is None:
        raise ValueError(f"not a botocore version: {version!r}")
    major, minor, patch = (int(part) for part in matched.groups())
    return major, minor, patch


def installed_botocore() -> str:
    version: str = botocore.__version__
    return version


def is_newer_than_reviewed(version: str | None = None) -> bool:
    """Whether ``version`` (default: the installed botocore) is newer than the reviewed one."""
    return version_key(version or installed_botocore()) > version_key(REVIEWED_BOTOCORE)


def names(text: str) -> frozenset[str]:
    """Whitespace-separated names: ``names("Marker MaxRecords")``."""
    return frozenset(text.split())


@dataclass(frozen=True)
class Served:
    """A served operation's input members: those certmock acts on (stores and echoes,
    validates, or lets change what happens), and those it accepts but ignores, with why."""

    honoured: frozenset[str]
    ignored: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        both = self.honoured & self.ignored.keys()
        if both:
            raise ValueError(f"members both honoured and ignored: {', '.join(sorted(both))}")
        object.__setattr__(self, "ignored", MappingProxyType(dict(self.ignored)))


def served(honoured: str = "", ignored: Mapping[str, str] | None = None) -> Served:
    """``served("CertificateIdentifier Marker", ignored={"Filters": "why"})``."""
    return Served(names(honoured), ignored or {})


def not_served(reason: str, operations: str) -> dict[str, str]:
    """The same reason for each of the whitespace-separated ``operations``."""
    return dict.fromkeys(operations.split(), reason)


@dataclass(frozen=True)
class ServiceInventory:
    """One service: each operation served (with its members) or not served (with why)."""

    service: str
    """botocore's service name (``acm-pca``)."""
    served: Mapping[str, Served]
    not_served: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        both = self.served.keys() & self.not_served.keys()
        if both:
            raise ValueError(
                f"{self.service}: operations both served and not served: {', '.join(sorted(both))}"
            )
        object.__setattr__(self, "served", MappingProxyType(dict(self.served)))
        object.__setattr__(self, "not_served", MappingProxyType(dict(self.not_served)))

    def listed(self) -> frozenset[str]:
        """Every operation the inventory names, served or not."""
        return frozenset(self.served) | frozenset(self.not_served)


@dataclass(frozen=True)
class Drift:
    """What a botocore model has that an inventory does not list, and the reverse."""

    service: str
    new_operations: tuple[str, ...]
    """In the model, neither served nor listed as not served."""
    new_members: tuple[str, ...]
    """``Operation.Member`` of served operations, neither honoured nor listed as ignored."""
    gone_operations: tuple[str, ...]
    """Listed, but not in the model (expected on a botocore older than the reviewed one)."""
    gone_members: tuple[str, ...]

    @property
    def unlisted(self) -> bool:
        """Whether the model has something the inventory does not account for."""
        return bool(self.new_operations or self.new_members)


def drift(inventory: ServiceInventory) -> Drift:
    """Compare ``inventory`` with the installed botocore model of its service."""
    model = service_model(inventory.service)
    operations = frozenset(model.operation_names)
    new_members: list[str] = []
    gone_members: list[str] = []
    for operation_name, entry in sorted(inventory.served.items()):
        if operation_name not in operations:
            continue
        input_shape = model.operation_model(operation_name).input_shape
        members = frozenset(input_shape.members) if input_shape is not None else frozenset()
        listed = entry.honoured | entry.ignored.keys()
        new_members += (f"{operation_name}.{member}" for member in sorted(members - listed))
        gone_members += (f"{operation_name}.{member}" for member in sorted(listed - members))
    return Drift(
        inventory.service,
        new_operations=tuple(sorted(operations - inventory.listed())),
        new_members=tuple(new_members),
        gone_operations=tuple(sorted(inventory.listed() - operations)),
        gone_members=tuple(gone_members),
    )


def drift_report(inventories: Iterable[ServiceInventory]) -> str:
    """How the installed botocore's models differ from the inventories, as text for a person:
    per service, each operation and input member in neither list (and, on a newer botocore,
    each listed name the model no longer has)."""
    installed = installed_botocore()
    newer = is_newer_than_reviewed(installed)
    reviewed = f"the release certmock's inventory was reviewed against ({REVIEWED_BOTOCORE})"
    if installed == REVIEWED_BOTOCORE:
        relation = reviewed
    else:
        relation = f"{'newer' if newer else 'older'} than {reviewed}"
    lines = [f"certmock drift report: botocore {installed} is installed, {relation}."]
    found = [drift(inventory) for inventory in inventories]
    if not any(_sections(service_drift, newer) for service_drift in found):
        lines.append("No drift: every operation and input member of the served services is listed.")
        return "\n".join(lines) + "\n"
    lines.append(
        "New operations are refused (NotEmulatedError); new members are accepted but not acted "
        "on (IgnoredMemberWarning)."
    )
    for service_drift in found:
        sections = _sections(service_drift, newer)
        if not sections:
            lines.append(f"{service_drift.service}: no drift")
            continue
        lines.append(f"{service_drift.service}:")
        for title, entries in sections:
            lines.append(f"  {title} ({len(entries)}):")
            lines.extend(f"    {entry}" for entry in entries)
    return "\n".join(lines) + "\n"


def _sections(found: Drift, newer: bool) -> list[tuple[str, tuple[str, ...]]]:
    sections = [
        ("new operations, not served", found.new_operations),
        ("new members of served operations, not acted on", found.new_members),
    ]
    if newer:
        # On an older botocore, listed names it does not have yet are expected.
        sections += [
            ("listed operations no longer in the model", found.gone_operations),
            ("listed members no longer in the model", found.gone_members),
        ]
    return [(title, entries) for title, entries in sections if entries]


class IgnoredMemberWarning(UserWarning):
    """A request carried an input member that certmock accepts but does not act on: one it
    declares ignored, or one newer than the botocore release certmock was reviewed against."""


def warn_ignored(inventory: ServiceInventory, operation_name: str, members: Iterable[str]) -> None:
    """Warn about each of ``members`` of ``operation_name`` that certmock does not honour.

    How often a warning shows is the warning filters' choice: under the default filter, once
    per message (so once per service, operation and member) per process; ``pytest.warns``
    and ``-W error`` see every one."""
    entry = inventory.served.get(operation_name)
    honoured = entry.honoured if entry is not None else frozenset()
    for member in sorted(frozenset(members) - honoured):
        reason = entry.ignored.get(member) if entry is not None else None
        if reason is None:
            reason = _unlisted_reason()
        warnings.warn(
            f"certmock ignores {inventory.service} {operation_name}.{member}: {reason}",
            IgnoredMemberWarning,
            stacklevel=2,
        )


def _unlisted_reason() -> str:
    installed = installed_botocore()
    if is_newer_than_reviewed(installed):
        return (
            f"new since botocore {REVIEWED_BOTOCORE} (installed: {installed}); certmock does not "
            "act on it yet"
        )
    return "not in certmock's inventory; certmock does not act on it"
