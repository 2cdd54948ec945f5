"""Smithy RPC v2 CBOR: ``POST /service/<targetPrefix>/operation/<Operation>`` with a CBOR body.

botocore 1.44 speaks it to ACM Private CA (whose model lists it before awsJson 1.1); the shapes
are walked exactly as for JSON, but blobs stay bytes and timestamps are CBOR tag 1 (epoch
seconds).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import Any

import cbor2
from botocore.model import OperationModel, ServiceModel, Shape

from certmock.protocols.base import ProtocolError, WireRequest
from certmock.protocols.rpc import RpcDocumentCodec
from certmock.protocols.shapes import JsonDocument, format_timestamp, parse_timestamp


def _parse_timestamp(_shape: Shape, value: Any) -> _dt.datetime:
    if isinstance(value, _dt.datetime):  # cbor2 decodes tag 1 itself
        return value.astimezone(_dt.timezone.utc)
    return parse_timestamp(value)


def _parse_blob(_shape: Shape, value: Any) -> bytes:
    if not isinstance(value, bytes):
        raise ProtocolError("SerializationException", "Expected a byte string for a blob")
    return value


def _serialize_timestamp(_shape: Shape, value: _dt.datetime) -> cbor2.CBORTag:
    return cbor2.CBORTag(1, format_timestamp(value, "unixTimestamp"))


def _serialize_blob(_shape: Shape, value: bytes | str) -> bytes:
    return value.encode() if isinstance(value, str) else value


class CborDocument(JsonDocument):
    """The JSON document walk, with CBOR's native byte strings and tagged timestamps."""

    def __init__(
        self,
        default_timestamp_format: str = "unixTimestamp",
        newer: Mapping[str, frozenset[str]] | None = None,
    ) -> None:
        super().__init__(default_timestamp_format, newer)
        self._parsers.update({"timestamp": _parse_timestamp, "blob": _parse_blob})
        self._serializers.update({"timestamp": _serialize_timestamp, "blob": _serialize_blob})


class RpcV2CborCodec(RpcDocumentCodec):
    protocol = "smithy-rpc-v2-cbor"
    document_type = CborDocument
    encoding_name = "CBOR"

    def operation_for(self, service_model: ServiceModel, request: WireRequest) -> OperationModel:
        parts = request.path.strip("/").split("/")
        if (
            len(parts) != 4
            or parts[0] != "service"
            or parts[2] != "operation"
            or parts[1] != service_model.metadata.get("targetPrefix")
            or parts[3] not in service_model.operation_names
        ):
            raise ProtocolError("UnknownOperationException", f"Unknown operation {request.path}")
        return service_model.operation_model(parts[3])

    def decode(self, body: bytes) -> Any:
        try:
            return cbor2.loads(body)
        except cbor2.CBORDecodeError as error:
            raise ValueError(str(error)) from None
        except RecursionError:
            raise ValueError("The document is nested too deeply") from None

    def encode(self, document: Any) -> bytes:
        return cbor2.dumps(document)

    def headers(
        self, service_model: ServiceModel, request_id: str, has_body: bool
    ) -> dict[str, str]:
        headers = {"x-amzn-RequestId": request_id, "smithy-protocol": "rpc-v2-cbor"}
        if has_body:
            headers["Content-Type"] = "application/cbor"
        return headers
