"""AWS Certificate Manager (``acm``)."""

from certmock.services.acm.backend import AcmBackend
from certmock.services.acm.control import AcmControl
from certmock.services.acm.handlers import HANDLERS
from certmock.services.acm.inventory import INVENTORY
from certmock.services.definition import ServiceDefinition

DEFINITION = ServiceDefinition(
    name="acm",
    factory="mock_acm",
    backend_factory=AcmBackend,
    handlers=HANDLERS,
    inventory=INVENTORY,
    controls=AcmControl,
    controls_name="acm",
)
