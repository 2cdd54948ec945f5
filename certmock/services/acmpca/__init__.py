"""ACM Private CA (``acm-pca``)."""

from certmock.services import ServiceDefinition
from certmock.services.acmpca.backend import AcmPcaBackend
from certmock.services.acmpca.handlers import HANDLERS
from certmock.services.acmpca.inventory import INVENTORY

DEFINITION = ServiceDefinition(
    name="acm-pca",
    backend_factory=AcmPcaBackend,
    handlers=HANDLERS,
    inventory=INVENTORY,
)
