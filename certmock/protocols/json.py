"""awsJson 1.0 / 1.1: ``POST /`` with ``X-Amz-Target: <prefix>.<Operation>`` and a JSON body."""

from __future__ import annotations

import json
from typing import Any

from botocore.model import OperationModel, ServiceModel

from certmock.protocols.base import ProtocolError, WireRequest
from certmock.protocols.document_types import load_json
from certmock.protocols.rpc import RpcDocumentCodec
from certmock.protocols.shapes import JsonDocument


class JsonCodec(RpcDocumentCodec):
    protocol = "json"
    document_type = JsonDocument
    encoding_name = "JSON"

    def operation_for(self, service_model: ServiceModel, request: WireRequest) -> OperationModel:
        target = request.header("x-amz-target") or ""
        prefix, _, operation = target.rpartition(".")
        if prefix != service_model.metadata.get("targetPrefix") or (
            operation not in service_model.operation_names
        ):
            raise ProtocolError("UnknownOperationException", f"Unknown target {target!r}")
        return service_model.operation_model(operation)

    def decode(self, body: bytes) -> Any:
        return load_json(body) if body.strip() else {}

    def encode(self, document: Any) -> bytes:
        return json.dumps(document, separators=(",", ":")).encode()

    def headers(
        self, service_model: ServiceModel, request_id: str, has_body: bool
    ) -> dict[str, str]:
        version = service_model.metadata.get("jsonVersion", "1.0")
        return {"x-amzn-RequestId": request_id, "Content-Type": f"application/x-amz-json-{version}"}
