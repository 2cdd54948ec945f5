"""API Gateway client certificates (``apigateway``)."""

from certmock.services import ServiceDefinition
from certmock.world import Scope


class ApiGatewayBackend:
    def __init__(self, scope: Scope) -> None:
        self.scope = scope


DEFINITION = ServiceDefinition(name="apigateway", backend_factory=ApiGatewayBackend, handlers={})
