"""ACM Private CA's state in one account and Region: the parts, one job each, that the
handlers call. Plain Python: typed arguments in, records or plain data out, ``ServiceError`` for
refusals; time comes from the scope's clock."""

from __future__ import annotations

from certmock.services.acmpca.access import Authorities
from certmock.services.acmpca.activation import Activation
from certmock.services.acmpca.associations import Associations
from certmock.services.acmpca.crl_publisher import CrlPublisher
from certmock.services.acmpca.issuance import Issuance
from certmock.services.acmpca.lifecycle import Lifecycle
from certmock.services.acmpca.permissions import Permissions
from certmock.services.acmpca.replication import Replication
from certmock.services.acmpca.reports import AuditReports
from certmock.services.acmpca.revocation import Revocation
from certmock.services.acmpca.shared import SERVICE_NAME
from certmock.services.acmpca.tags import Tagging
from certmock.world import Scope


class AcmPcaBackend:
    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.authorities = Authorities(scope)
        """This account's CAs, and the way to another account's (describe, list)."""
        self.crls = CrlPublisher(scope)
        self.lifecycle = Lifecycle(scope, self.authorities, self.crls, self.in_region)
        self.activation = Activation(scope, self.authorities)
        self.tags = Tagging(self.authorities)
        self.permissions = Permissions(scope, self.authorities)
        self.issuance = Issuance(scope, self.authorities)
        self.revocation = Revocation(scope, self.authorities)
        self.reports = AuditReports(scope, self.authorities)
        self.replication = Replication(scope, self.authorities, self.in_region)
        self.associations = Associations(scope, self.authorities)

    def in_region(self, region: str) -> AcmPcaBackend:
        """This account's ACM Private CA state in ``region`` (a multi-Region CA's replicas
        live there), created on first use."""
        backend: AcmPcaBackend = self.scope.world.backend(
            _ThisService, self.scope.account_id, region
        )
        return backend


class _ThisService:
    """What ``World.backend`` needs to find or build a backend of this service."""

    name = SERVICE_NAME
    backend_factory = AcmPcaBackend
