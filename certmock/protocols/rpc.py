"""What the two RPC protocols share (awsJson and Smithy RPC v2 CBOR): the whole input is one
document in the body, the output is one document, and an error is a document carrying
``__type`` and the message. Only routing and the document encoding differ."""

from __future__ import annotations

import abc
from collections.abc import Mapping
from typing import Any

from botocore.model import OperationModel, ServiceModel

from certmock.errors import ServiceError
from certmock.protocols.base import (
    NO_GAPS,
    Codec,
    ProtocolError,
    WireGaps,
    WireRequest,
    WireResponse,
    resolve_error,
)
from certmock.protocols.shapes import JsonDocument


class RpcDocumentCodec(Codec):
    document_type: type[JsonDocument]
    encoding_name: str
    """For messages: ``JSON`` or ``CBOR``."""

    def __init__(self, gaps: WireGaps = NO_GAPS) -> None:
        super().__init__(gaps)
        self.document = self.document_type(newer=gaps.newer_output_members)

    @abc.abstractmethod
    def decode(self, body: bytes) -> Any:
        """The body's document; raises ValueError when it is not one."""

    @abc.abstractmethod
    def encode(self, document: Any) -> bytes: ...

    @abc.abstractmethod
    def headers(
        self, service_model: ServiceModel, request_id: str, has_body: bool
    ) -> dict[str, str]: ...

    def parse_request(self, operation: OperationModel, request: WireRequest) -> dict[str, Any]:
        shape = operation.input_shape
        if shape is None or not request.body:
            return {}
        try:
            document = self.decode(request.body)
        except ValueError:
            raise ProtocolError(
                "SerializationException", f"The request body is not valid {self.encoding_name}"
            ) from None
        if not isinstance(document, dict):
            raise ProtocolError(
                "SerializationException", f"The request body must be a {self.encoding_name} map"
            )
        return self.document.parse_members(shape, document)

    def serialize_response(
        self, operation: OperationModel, result: Mapping[str, Any], request_id: str
    ) -> WireResponse:
        shape = operation.output_shape
        body = b"" if shape is None else self.encode(self.document.serialize(shape, result))
        return WireResponse(
            200, self.headers(operation.service_model, request_id, bool(body)), body
        )

    def serialize_error(
        self, operation: OperationModel, error: ServiceError, request_id: str
    ) -> WireResponse:
        modeled = resolve_error(operation.service_model, error.code)
        document: dict[str, Any] = {"__type": modeled.code}
        if modeled.shape is not None and error.fields:
            document.update(self.document.serialize_members(modeled.shape, error.fields))
        document[modeled.message_member()] = error.message
        return WireResponse(
            modeled.status,
            self.headers(operation.service_model, request_id, True),
            self.encode(document),
        )
