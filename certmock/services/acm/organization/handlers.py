"""The inventory and member operations' handlers, for ACM's HANDLERS table. Each acts for the
calling account and Region (the backend's scope); the organisation-wide state lives with the
world's organisation, not in the caller's backend."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from certmock.services.acm.backend import AcmBackend
from certmock.services.acm.organization import configuring, members, queries
from certmock.services.acm.organization.access import caller
from certmock.world import Scope

Result = Mapping[str, Any]
ScopedHandler = Callable[[Scope, dict[str, Any]], Result]


def get_inventory_configuration(scope: Scope, params: dict[str, Any]) -> Result:
    return {"Configuration": configuring.get(caller(scope), scope)}


def put_inventory_configuration(scope: Scope, params: dict[str, Any]) -> Result:
    return {"Configuration": configuring.put(caller(scope), scope, params)}


def _scoped(handler: ScopedHandler) -> Callable[[AcmBackend, dict[str, Any]], Result]:
    def on_scope(backend: AcmBackend, params: dict[str, Any]) -> Result:
        return handler(backend.scope, params)

    return on_scope


ORGANIZATION_HANDLERS = {
    operation: _scoped(handler)
    for operation, handler in {
        "GetInventoryConfiguration": get_inventory_configuration,
        "PutInventoryConfiguration": put_inventory_configuration,
        "GetInventoryInsights": queries.get_insights,
        "SearchInventory": queries.search,
        "ListInventoryFindings": queries.list_findings,
        "ListInventoryUsages": queries.list_usages,
        "ListInventoryRelatedResources": queries.list_related,
        "DeleteMemberCertificate": members.delete_certificate,
        "RenewMemberCertificate": members.renew_certificate,
        "RevokeMemberCertificate": members.revoke_certificate,
        "UpdateMemberCertificateOptions": members.update_certificate_options,
        "UpdateMemberCertificateAuthority": members.update_authority,
        "DeleteMemberCertificateAuthority": members.delete_authority,
        "RestoreMemberCertificateAuthority": members.restore_authority,
        "RevokeMemberIssuedCertificate": members.revoke_issued_certificate,
    }.items()
}
"""Operation name -> handler(backend, params)."""
