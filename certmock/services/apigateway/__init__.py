"""API Gateway client certificates (``apigateway``)."""

from certmock.services import ServiceDefinition
from certmock.services.apigateway.backend import ApiGatewayBackend
from certmock.services.apigateway.handlers import HANDLERS
from certmock.services.apigateway.inventory import INVENTORY

DEFINITION = ServiceDefinition(
    name="apigateway",
    backend_factory=ApiGatewayBackend,
    handlers=HANDLERS,
    inventory=INVENTORY,
    # API Gateway answers a violated model constraint with BadRequestException.
    validation_error_code="BadRequestException",
)
