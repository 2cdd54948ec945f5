"""API Gateway client certificates (``apigateway``)."""

from certmock.services.apigateway.backend import ApiGatewayBackend
from certmock.services.apigateway.handlers import HANDLERS
from certmock.services.apigateway.inventory import INVENTORY
from certmock.services.definition import ServiceDefinition

DEFINITION = ServiceDefinition(
    name="apigateway",
    factory="mock_apigateway",
    backend_factory=ApiGatewayBackend,
    handlers=HANDLERS,
    inventory=INVENTORY,
    # API Gateway answers a violated model constraint with BadRequestException.
    validation_error_code="BadRequestException",
)
