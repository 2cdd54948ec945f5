"""GetInventoryInsights: certificate counts by aggregate, computed from the inventory at the
call (certmock does not precompute: UpdatedAt is the call's time once collection has run).

EXPIRY_WINDOW has six fixed groups, expired first; the model names the first (MaxDays -1) and
the last (MinDays 91); certmock's four in between are 0-7, 8-30, 31-60 and 61-90 days.
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from collections.abc import Iterable
from typing import Any

from certmock.errors import ServiceError
from certmock.services.acm.organization.records import Row, key_algorithm

EXPIRY_WINDOWS: tuple[tuple[int | None, int | None], ...] = (
    (None, -1),
    (0, 7),
    (8, 30),
    (31, 60),
    (61, 90),
    (91, None),
)
RANKED_LIMIT = 100
_AGGREGATES = {
    "ExpiryWindow": "EXPIRY_WINDOW",
    "IssuanceType": "ISSUANCE_TYPE",
    "Region": "REGION",
    "InUse": "IN_USE",
    "KeyAlgorithm": "KEY_ALGORITHM",
    "HighestFindingSeverity": "HIGHEST_FINDING_SEVERITY",
}


def check(requested: list[dict[str, Any]]) -> None:
    seen: set[str] = set()
    for entry in requested:
        if len(entry) != 1 or next(iter(entry)) not in _AGGREGATES:
            raise ServiceError(
                "ValidationException",
                "Each RequestedAggregates entry must select exactly one supported aggregate.",
            )
        member = next(iter(entry))
        if member in seen:
            raise ServiceError(
                "ValidationException",
                f"The aggregate {_AGGREGATES[member]} is requested more than once.",
            )
        seen.add(member)


def insights(
    requested: list[dict[str, Any]], rows: list[Row] | None, now: _dt.datetime
) -> dict[str, Any]:
    """``rows`` is None while nothing has been collected yet (the counts are not computed)."""
    results = [_aggregate(entry, rows, now) for entry in requested]
    answer: dict[str, Any] = {"CertificateCount": len(rows or []), "Aggregates": results}
    if rows is not None:
        answer["UpdatedAt"] = now
    return answer


def _aggregate(entry: dict[str, Any], rows: list[Row] | None, now: _dt.datetime) -> dict[str, Any]:
    member, options = next(iter(entry.items()))
    aggregate = _AGGREGATES[member]
    grouped = member == "HighestFindingSeverity" and options.get("GroupBy") == "CERTIFICATE_TYPE"
    if rows is None:
        if aggregate == "EXPIRY_WINDOW" or grouped:
            return {"Aggregate": aggregate, "Status": "FAILED"}
        return {"Aggregate": aggregate, "Status": "COMPLETE", "Groups": []}
    result: dict[str, Any] = {"Aggregate": aggregate, "Status": "COMPLETE", "UpdatedAt": now}
    if aggregate == "EXPIRY_WINDOW":
        result["Groups"] = _expiry_groups(rows, now)
        return result
    result.update(_ranked(_values(member, row) for row in rows))
    if grouped:
        by_type: dict[str, list[Row]] = {}
        for row in rows:
            by_type.setdefault(row.observed.certificate_type, []).append(row)
        result["CertificateTypeGroups"] = [
            {
                "CertificateType": kind,
                "CertificateCount": len(members),
                "Groups": _ranked([row.severity] for row in members)["Groups"],
            }
            for kind, members in sorted(by_type.items())
        ]
    return result


def _values(member: str, row: Row) -> list[str]:
    """The groups a certificate counts in (one, but a REGION of each related resource)."""
    if member == "IssuanceType":
        return [row.observed.issuance_type]
    if member == "Region":
        return sorted({related.region for related in row.observed.related.values()})
    if member == "InUse":
        return ["true" if row.usage_count else "false"]
    if member == "KeyAlgorithm":
        return [key_algorithm(row.observed.certificate)[0]]
    return [row.severity]


def _ranked(values: Iterable[list[str]]) -> dict[str, Any]:
    counted = Counter(value for group in values for value in group)
    ranked = sorted(counted.items(), key=lambda item: (-item[1], item[0]))
    result: dict[str, Any] = {
        "Groups": [{"Value": value, "Count": count} for value, count in ranked[:RANKED_LIMIT]]
    }
    if len(ranked) > RANKED_LIMIT:
        result["OtherCount"] = sum(count for _, count in ranked[RANKED_LIMIT:])
    return result


def _expiry_groups(rows: list[Row], now: _dt.datetime) -> list[dict[str, Any]]:
    counts = [0] * len(EXPIRY_WINDOWS)
    for row in rows:
        remaining = row.observed.not_after - now
        days = -1 if remaining < _dt.timedelta(0) else remaining // _dt.timedelta(days=1)
        for index, (low, high) in enumerate(EXPIRY_WINDOWS):
            if (low is None or days >= low) and (high is None or days <= high):
                counts[index] += 1
                break
    groups: list[dict[str, Any]] = []
    for (low, high), count in zip(EXPIRY_WINDOWS, counts, strict=True):
        group: dict[str, Any] = {"Count": count}
        if low is not None:
            group["MinDays"] = low
        if high is not None:
            group["MaxDays"] = high
        groups.append(group)
    return groups
