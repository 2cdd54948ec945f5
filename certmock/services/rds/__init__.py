"""RDS certificate authorities (``rds``: DescribeCertificates, ModifyCertificates)."""

from certmock.services import ServiceDefinition
from certmock.world import Scope


class RdsBackend:
    def __init__(self, scope: Scope) -> None:
        self.scope = scope


DEFINITION = ServiceDefinition(name="rds", backend_factory=RdsBackend, handlers={})
