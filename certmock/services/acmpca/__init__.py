"""ACM Private CA (``acm-pca``)."""

from certmock.services.acmpca.backend import AcmPcaBackend
from certmock.services.acmpca.handlers import HANDLERS
from certmock.services.acmpca.inventory import INVENTORY
from certmock.services.definition import ServiceDefinition

DEFINITION = ServiceDefinition(
    name="acm-pca",
    factory="mock_acmpca",
    backend_factory=AcmPcaBackend,
    handlers=HANDLERS,
    inventory=INVENTORY,
)
