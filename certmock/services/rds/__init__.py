"""RDS certificate authorities (``rds``: DescribeCertificates, ModifyCertificates)."""

from certmock.services.definition import ServiceDefinition
from certmock.services.rds.backend import RdsBackend
from certmock.services.rds.handlers import HANDLERS
from certmock.services.rds.inventory import INVENTORY

DEFINITION = ServiceDefinition(
    name="rds",
    factory="mock_rds",
    backend_factory=RdsBackend,
    handlers=HANDLERS,
    inventory=INVENTORY,
    # AWS query services answer a violated model constraint with ValidationError.
    validation_error_code="ValidationError",
)
