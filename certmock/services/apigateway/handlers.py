"""API Gateway client-certificate operations: parameters (as botocore's shapes name them) in,
result out."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from certmock.errors import ServiceError
from certmock.services.apigateway.backend import ApiGatewayBackend
from certmock.services.pagination import paginate

Result = Mapping[str, Any]

DEFAULT_LIMIT = 25
MIN_LIMIT = 1
MAX_LIMIT = 500


def _checked_limit(params: Mapping[str, Any]) -> int:
    """The model documents a default of 25 and a maximum of 500 but gives ``limit`` no range,
    so botocore sends any integer. What AWS answers outside 1-500 is not documented (fact sheet
    8.1): certmock refuses it as AWS refuses a modeled range, with a BadRequestException in
    the validation wording."""
    limit: int = params.get("limit", DEFAULT_LIMIT)
    constraint = None
    if limit < MIN_LIMIT:
        constraint = f"Member must have value greater than or equal to {MIN_LIMIT}"
    elif limit > MAX_LIMIT:
        constraint = f"Member must have value less than or equal to {MAX_LIMIT}"
    if constraint is not None:
        raise ServiceError(
            "BadRequestException",
            f"1 validation error detected: Value '{limit}' at 'limit' failed to satisfy "
            f"constraint: {constraint}",
        )
    return limit


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
    page, next_position = paginate(
        backend.client_certificates(),
        lambda listed: listed.sequence,
        listing="clientcertificates",
        token=position,
        limit=_checked_limit(params),
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
