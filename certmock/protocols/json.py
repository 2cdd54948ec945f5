"""awsJson 1.0 / 1.1: ``POST /`` with ``X-Amz-Target: <prefix>.<Operation>`` and a JSON body."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from botocore.model import OperationModel, ServiceModel

from certmock.errors import ServiceError
from certmock.protocols.base import (
    Codec,
    ProtocolError,
    WireRequest,
    WireResponse,
    resolve_error,
)
from certmock.protocols.shapes import JsonDocument

_DOCUMENT = JsonDocument("unixTimestamp")


def _content_type(service_model: ServiceModel) -> str:
    return f"application/x-amz-json-{service_model.metadata.get('jsonVersion', '1.0')}"


def _dumps(document: Any) -> bytes:
    return json.dumps(document, separators=(",", ":")).encode()


class JsonCodec(Codec):
    protocol = "json"

    def operation_for(self, service_model: ServiceModel, request: WireRequest) -> OperationModel:
        target = request.header("x-amz-target") or ""
        prefix, _, operation = target.rpartition(".")
        if prefix != service_model.metadata.get("targetPrefix") or (
            operation not in service_model.operation_names
        ):
            raise ProtocolError("UnknownOperationException", f"Unknown target {target!r}")
        return service_model.operation_model(operation)

    def parse_request(self, operation: OperationModel, request: WireRequest) -> dict[str, Any]:
        shape = operation.input_shape
        if shape is None:
            return {}
        try:
            document = json.loads(request.body) if request.body.strip() else {}
        except ValueError:
            raise ProtocolError(
                "SerializationException", "The request body is not valid JSON"
            ) from None
        if not isinstance(document, dict):
            raise ProtocolError("SerializationException", "The request body must be an object")
        return _DOCUMENT.parse_members(shape, document)

    def serialize_response(
        self, operation: OperationModel, result: Mapping[str, Any], request_id: str
    ) -> WireResponse:
        shape = operation.output_shape
        body = b"" if shape is None else _dumps(_DOCUMENT.serialize(shape, result))
        return WireResponse(200, self._headers(operation.service_model, request_id), body)

    def serialize_error(
        self, operation: OperationModel, error: ServiceError, request_id: str
    ) -> WireResponse:
        modeled = resolve_error(operation.service_model, error.code)
        document: dict[str, Any] = {"__type": modeled.code}
        if modeled.shape is not None and error.fields:
            document.update(_DOCUMENT.serialize_members(modeled.shape, error.fields))
        document[modeled.message_member()] = error.message
        return WireResponse(
            modeled.status, self._headers(operation.service_model, request_id), _dumps(document)
        )

    @staticmethod
    def _headers(service_model: ServiceModel, request_id: str) -> dict[str, str]:
        return {"x-amzn-RequestId": request_id, "Content-Type": _content_type(service_model)}
