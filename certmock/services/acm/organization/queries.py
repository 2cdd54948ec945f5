"""The inventory's read operations: SearchInventory, GetInventoryInsights and the three
per-certificate listings, each computed from the world at the call, paged with tokens tied to
what was asked (another filter, sort, certificate or severity is a ValidationException)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from certmock.errors import ServiceError
from certmock.services.acm.organization import filters, insights
from certmock.services.acm.organization.access import Caller, caller, not_configured
from certmock.services.acm.organization.collection import collect
from certmock.services.acm.organization.configuration import InventoryConfiguration
from certmock.services.acm.organization.findings import SEVERITIES, evaluate
from certmock.services.acm.organization.records import (
    Row,
    describe_related,
    describe_usage,
)
from certmock.services.toolkit.pages import SortKey, page
from certmock.world import Scope

T = TypeVar("T")
DEFAULT_MAX_RESULTS = 25
_HEALTH_ORDER = (*SEVERITIES, "HEALTHY", "NOT_APPLICABLE", "NOT_EVALUATED")
"""CertificateHealthSeverity, highest first: HIGHEST_FINDING_SEVERITY DESCENDING sorts so."""
_SORT_KEYS: dict[str, Callable[[Row], Any]] = {
    "NOT_AFTER": lambda row: row.observed.not_after.timestamp(),
    "NOT_BEFORE": lambda row: row.observed.certificate.not_valid_before_utc.timestamp(),
    "USAGE_COUNT": lambda row: row.usage_count,
    "SUBJECT": lambda row: row.subject,
    "HIGHEST_FINDING_SEVERITY": lambda row: len(_HEALTH_ORDER) - _HEALTH_ORDER.index(row.severity),
}


def _readable(scope: Scope) -> tuple[Caller, InventoryConfiguration]:
    found = caller(scope)
    configuration = found.configuration_here()
    if configuration is None:
        raise not_configured(found)
    return found, configuration


def _rows(found: Caller, configuration: InventoryConfiguration, scope: Scope) -> list[Row]:
    now = scope.now()
    if not configuration.serves_data(now):
        return []
    inventory = collect(scope.world, found.organization, configuration)
    return [Row(observed, evaluate(observed, now)) for observed in inventory.certificates.values()]


def _row(scope: Scope, identifier: str) -> Row:
    found, configuration = _readable(scope)
    for row in _rows(found, configuration, scope):
        if row.identifier == identifier:
            return row
    raise ServiceError(
        "ResourceNotFoundException",
        f"The certificate inventory has no certificate with the identifier {identifier}.",
    )


def _paged(
    items: Sequence[T],
    key: Callable[[T], SortKey],
    listing: dict[str, Any],
    params: dict[str, Any],
    operation: str,
    *,
    descending: bool = False,
) -> tuple[list[T], str | None]:
    digest = hashlib.sha256(json.dumps(listing, sort_keys=True, default=str).encode()).hexdigest()
    return page(
        items,
        key,
        listing=f"{operation}/{digest}",
        token=params.get("NextToken"),
        limit=params.get("MaxResults", DEFAULT_MAX_RESULTS),
        descending=descending,
        invalid_token=ServiceError(
            "ValidationException",
            f"The NextToken is not valid for this request; use the one your previous "
            f"{operation} call with the same parameters returned.",
        ),
    )


def search(scope: Scope, params: dict[str, Any]) -> dict[str, Any]:
    statement = params.get("Filter")
    if statement is not None:
        filters.check(statement)
    found, configuration = _readable(scope)
    accounts = set(found.organization.accounts)
    rows = [
        row
        for row in _rows(found, configuration, scope)
        if statement is None or filters.matches(row, statement, accounts)
    ]
    sort_by = params.get("SortBy", "NOT_AFTER")
    sort_order = params.get("SortOrder", "DESCENDING")
    value = _SORT_KEYS[sort_by]
    listed, token = _paged(
        rows,
        lambda row: (value(row), row.identifier, 0),
        {"Filter": statement, "SortBy": sort_by, "SortOrder": sort_order},
        params,
        "SearchInventory",
        descending=sort_order == "DESCENDING",
    )
    return {
        "Certificates": [row.describe() for row in listed],
        "NextToken": token,
        "TotalCount": len(rows),
        "TotalCountRelation": "EXACT",
    }


def get_insights(scope: Scope, params: dict[str, Any]) -> dict[str, Any]:
    requested = params["RequestedAggregates"]
    insights.check(requested)
    found = caller(scope)
    configuration = found.configuration_here()
    now = scope.now()
    collected = configuration is not None and configuration.first_collected_at is not None
    rows = _rows(found, configuration, scope) if collected and configuration else None
    return insights.insights(requested, rows, now)


def list_findings(scope: Scope, params: dict[str, Any]) -> dict[str, Any]:
    identifier = params["CertificateIdentifier"]
    row = _row(scope, identifier)
    severity = params.get("Severity")
    kept = [f for f in row.findings if severity is None or f.severity == severity]
    listed, token = _paged(
        kept,
        lambda finding: (finding.severity_rank, finding.rule_id, finding.finding_id, 0),
        {"CertificateIdentifier": identifier, "Severity": severity},
        params,
        "ListInventoryFindings",
    )
    return {
        "Findings": [finding.describe() for finding in listed],
        "HighestFindingSeverity": row.severity,
        "NextToken": token,
        "TotalCount": len(kept),
        "TotalCountRelation": "EXACT",
    }


def list_usages(scope: Scope, params: dict[str, Any]) -> dict[str, Any]:
    identifier = params["CertificateIdentifier"]
    row = _row(scope, identifier)
    targets = sorted({used_by for used_by, _ in row.observed.usages})
    listed, token = _paged(
        targets,
        lambda target: (target, 0),
        {"CertificateIdentifier": identifier},
        params,
        "ListInventoryUsages",
    )
    now = scope.now()
    return {
        "Usages": [describe_usage(identifier, target, now) for target in listed],
        "NextToken": token,
        "TotalCount": len(targets),
        "TotalCountRelation": "EXACT",
    }


def list_related(scope: Scope, params: dict[str, Any]) -> dict[str, Any]:
    identifier = params["CertificateIdentifier"]
    row = _row(scope, identifier)
    related = list(row.observed.related.values())
    listed, token = _paged(
        related,
        lambda resource: (resource.arn, resource.type, 0),
        {"CertificateIdentifier": identifier},
        params,
        "ListInventoryRelatedResources",
    )
    now = scope.now()
    return {
        "RelatedResources": [describe_related(resource, now) for resource in listed],
        "NextToken": token,
        "TotalCount": len(related),
        "TotalCountRelation": "EXACT",
    }
