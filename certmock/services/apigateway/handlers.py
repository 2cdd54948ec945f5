"""API Gateway client-certificate operations: parameters (as botocore's shapes name them) in,
result out."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from certmock.errors import ServiceError
from certmock.services.apigateway.backend import ApiGatewayBackend
from certmock.services.toolkit.pages import page_in_creation_order

Result = Mapping[str, Any]

# The model's documented default; the range 1-500 is an extra constraint in the definition.
DEFAULT_LIMIT = 25


def _invalid_position(position: str) -> ServiceError:
    # AWS's wording for a position it did not issue is not documented.
    return ServiceError(
        "BadRequestException",
        f"Invalid position '{position}': pass the position a previous GetClientCertificates "
        "call returned.",
    )


def generate_client_certificate(backend: ApiGatewayBackend, params: dict[str, Any]) -> Result:
    generated = backend.generate_client_certificate(params.get("description"), params.get("tags"))
    return generated.describe()


def get_client_certificate(backend: ApiGatewayBackend, params: dict[str, Any]) -> Result:
    return backend.client_certificate(params["clientCertificateId"]).describe()


def get_client_certificates(backend: ApiGatewayBackend, params: dict[str, Any]) -> Result:
    position = params.get("position")
    page, next_position = page_in_creation_order(
        backend.client_certificates(),
        lambda listed: listed.sequence,
        listing="clientcertificates",
        token=position,
        limit=params.get("limit", DEFAULT_LIMIT),
        invalid_token=_invalid_position(position or ""),
    )
    return {"items": [listed.describe() for listed in page], "position": next_position}


def update_client_certificate(backend: ApiGatewayBackend, params: dict[str, Any]) -> Result:
    updated = backend.update_client_certificate(
        params["clientCertificateId"], params.get("patchOperations", [])
    )
    return updated.describe()


def delete_client_certificate(backend: ApiGatewayBackend, params: dict[str, Any]) -> Result:
    backend.delete_client_certificate(params["clientCertificateId"])
    return {}


def tag_resource(backend: ApiGatewayBackend, params: dict[str, Any]) -> Result:
    backend.tag_resource(params["resourceArn"], params["tags"])
    return {}


def untag_resource(backend: ApiGatewayBackend, params: dict[str, Any]) -> Result:
    backend.untag_resource(params["resourceArn"], params["tagKeys"])
    return {}


def get_tags(backend: ApiGatewayBackend, params: dict[str, Any]) -> Result:
    # position and limit are "(Not currently supported)" (model documentation): ignored, and
    # every tag is returned (a resource has at most 50).
    return {"tags": backend.tags(params["resourceArn"])}


HANDLERS = {
    "GenerateClientCertificate": generate_client_certificate,
    "GetClientCertificate": get_client_certificate,
    "GetClientCertificates": get_client_certificates,
    "UpdateClientCertificate": update_client_certificate,
    "DeleteClientCertificate": delete_client_certificate,
    "TagResource": tag_resource,
    "UntagResource": untag_resource,
    "GetTags": get_tags,
}
