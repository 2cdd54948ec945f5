"""API Gateway client certificates (``apigateway``)."""

from certmock.services.apigateway.backend import ApiGatewayBackend
from certmock.services.apigateway.handlers import HANDLERS
from certmock.services.apigateway.inventory import INVENTORY
from certmock.services.apigateway.tagging import TAGGABLE
from certmock.services.definition import ExtraConstraint, ModelGaps, ServiceDefinition

DEFINITION = ServiceDefinition(
    name="apigateway",
    factory="mock_apigateway",
    backend_factory=ApiGatewayBackend,
    handlers=HANDLERS,
    inventory=INVENTORY,
    # API Gateway answers a violated model constraint with BadRequestException.
    validation_error_code="BadRequestException",
    gaps=ModelGaps(
        constraints=(
            # The model documents a default of 25 and a maximum of 500 but gives ``limit`` no
            # range, so botocore sends any integer. What AWS answers outside 1-500 is not
            # documented: certmock refuses it as AWS refuses a modeled range.
            ExtraConstraint(
                "GetClientCertificates",
                "limit",
                minimum=1,
                maximum=500,
                source="GetClientCertificates API reference, limit (fact sheet 8.1)",
            ),
        ),
        # API Gateway answers a body it cannot read, or a value of the wrong type, with its
        # modeled BadRequestException (fact sheet 8.5), not SerializationException.
        malformed_request_code="BadRequestException",
        error_type_suffix=":http://internal.amazon.com/coral/com.amazonaws.backplane.controlplane/",
    ),
    taggable=TAGGABLE,
)
