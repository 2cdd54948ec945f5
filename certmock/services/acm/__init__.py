"""AWS Certificate Manager (``acm``)."""

from certmock.services import ServiceDefinition
from certmock.services.acm.backend import AcmBackend
from certmock.services.acm.handlers import HANDLERS
from certmock.services.acm.inventory import INVENTORY

DEFINITION = ServiceDefinition(
    name="acm",
    backend_factory=AcmBackend,
    handlers=HANDLERS,
    inventory=INVENTORY,
)
