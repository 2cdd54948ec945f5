"""Associations of a service-affiliated CA with resources of its affiliated service
(CreateCertificateAuthorityAssociation, DeleteCertificateAuthorityAssociation,
ListCertificateAuthorityAssociations): the resources the service may issue certificates for.

A multi-Region CA has one set of associations, held by its primary: the affiliated service
issues for an associated resource from the primary or from an ACTIVE replica, so an
association made through either Region's ARN is the same one.
"""

from __future__ import annotations

from typing import Any

from certmock.errors import ServiceError
from certmock.services.acmpca import affiliation, states
from certmock.services.acmpca.access import Authorities
from certmock.services.acmpca.records import Association, CertificateAuthority
from certmock.services.acmpca.shared import SharedAuthority
from certmock.world import Scope


class Associations:
    def __init__(self, scope: Scope, authorities: Authorities) -> None:
        self.scope = scope
        self.authorities = authorities

    def create(self, arn: str, resource_arn: str) -> None:
        """Associating a resource that is already associated with the CA succeeds."""
        operation = "CreateCertificateAuthorityAssociation"
        found = self.authorities.owned(arn, operation)
        if affiliation.code_of(found) is None:
            raise ServiceError(
                "ConflictException",
                f"{arn} is not service-affiliated (UsageMode {found.usage_mode}): only a "
                "SERVICE_AFFILIATED certificate authority has associations.",
                resourceId=arn,
            )
        if not states.allows(operation, found.status):
            raise ServiceError(
                "InvalidStateException",
                f"A resource can be associated with a certificate authority only while it is "
                f"{states.allowed_for(operation)}; {arn} is {found.status}.",
            )
        holder = found.multi_region_primary
        if resource_arn in holder.associations:
            return
        other = self._holder_of(resource_arn)
        if other is not None:
            raise ServiceError(
                "ConflictException",
                f"{resource_arn} is already associated with the certificate authority "
                f"{other.arn}. Remove that association first.",
                resourceId=resource_arn,
            )
        holder.associations[resource_arn] = Association(
            resource_arn, self.scope.now(), self.scope.world.next_sequence()
        )

    def delete(self, arn: str, resource_arn: str) -> None:
        """Removing an association that does not exist succeeds."""
        found = self.authorities.usable(arn, "DeleteCertificateAuthorityAssociation")
        found.multi_region_primary.associations.pop(resource_arn, None)

    def listed(self, arn: str) -> tuple[CertificateAuthority, list[Association]]:
        """The CA that holds the associations (a replica's primary) and its associations, in
        creation order."""
        found = self.authorities.owned(arn, "ListCertificateAuthorityAssociations")
        holder = found.multi_region_primary
        return holder, list(holder.associations.values())

    def _holder_of(self, resource_arn: str) -> CertificateAuthority | None:
        """The CA anywhere in the world whose associations hold ``resource_arn``."""
        for shared in self.scope.directory.certificate_authorities():
            if isinstance(shared, SharedAuthority) and resource_arn in shared.record.associations:
                return shared.record
        return None


def describe(holder: CertificateAuthority, association: Association) -> dict[str, Any]:
    """The ``Association`` structure."""
    return {
        "CertificateAuthorityArn": str(holder.arn),
        "AssociatedResourceArn": association.resource_arn,
        "CreatedAt": association.created_at,
    }
