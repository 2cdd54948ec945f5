"""restJson1 (API Gateway, Lambda, ...): the method and path name the operation (``rest_routes``);
members live in URI labels, the query string, headers (``http_bindings``), a payload or a JSON
body."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from botocore.model import ListShape, MapShape, OperationModel, ServiceModel, Shape, StructureShape

from certmock.errors import ServiceError
from certmock.protocols.base import (
    NO_GAPS,
    Codec,
    ProtocolError,
    WireGaps,
    WireRequest,
    WireResponse,
    resolve_error,
    wire_name,
)
from certmock.protocols.document_types import SERIALIZATION_ERROR, Mistyped, load_json
from certmock.protocols.http_bindings import (
    dumps,
    from_header,
    from_text,
    location,
    write_headers,
)
from certmock.protocols.rest_routes import routing_table
from certmock.protocols.shapes import JsonDocument


def _json_document(body: bytes) -> Any:
    if not body.strip():
        return None
    try:
        return load_json(body)
    except ValueError:
        raise ProtocolError(SERIALIZATION_ERROR, "The body is not valid JSON") from None


def _payload_content_type(shape: StructureShape) -> str:
    payload = shape.serialization.get("payload")
    payload_type = None if payload is None else shape.members[payload].type_name
    return {"blob": "application/octet-stream", "string": "text/plain"}.get(
        payload_type or "", "application/json"
    )


class RestJsonCodec(Codec):
    protocol = "rest-json"

    def __init__(self, gaps: WireGaps = NO_GAPS) -> None:
        super().__init__(gaps)
        self._document = JsonDocument("unixTimestamp", gaps.newer_output_members)

    def operation_for(self, service_model: ServiceModel, request: WireRequest) -> OperationModel:
        for route in routing_table(service_model).ordered:
            if route.matches(request):
                return service_model.operation_model(route.operation)
        raise ProtocolError(
            "UnknownOperationException", f"No operation matches {request.method} {request.path}"
        )

    def parse_request(self, operation: OperationModel, request: WireRequest) -> dict[str, Any]:
        try:
            return self._parse_request(operation, request)
        except ProtocolError as unreadable:
            # Some services (API Gateway) answer an unreadable request with an error of their
            # own model instead of the protocol's.
            code = self.gaps.malformed_request_code
            if code and unreadable.code == SERIALIZATION_ERROR:
                raise ProtocolError(code, unreadable.message) from None
            raise

    def _parse_request(self, operation: OperationModel, request: WireRequest) -> dict[str, Any]:
        shape = operation.input_shape
        if shape is None:
            return {}
        route = routing_table(operation.service_model).by_name[operation.name]
        labels = route.labels_in(request.path)
        if labels is None:
            # The caller named the operation, but its path does not fit the template: a label
            # left empty (or holding a "/"), which a client that validates never sends.
            raise ProtocolError(
                SERIALIZATION_ERROR,
                f"{request.path} does not give every label of {operation.name}'s path "
                f"({', '.join(route.labels)}): a label is empty or holds a '/'",
            )
        params: dict[str, Any] = {}
        # Keys named by the template or by a scalar member are not a query map's to take.
        claimed = {key for key, _ in route.query}
        query_maps: list[tuple[str, MapShape]] = []
        body_members: list[str] = []
        payload = shape.serialization.get("payload")
        for name, member in shape.members.items():
            where = location(member)
            key = wire_name(name, member)
            if where == "uri":
                if key in labels:
                    params[name] = from_text(member, labels[key], f"URI label {key}")
            elif where == "querystring":
                if isinstance(member, MapShape):
                    query_maps.append((name, member))
                    continue
                claimed.add(key)
                values = [value for given, value in request.query_items if given == key]
                if values and isinstance(member, ListShape):
                    params[name] = [from_text(member.member, v, f"query {key}") for v in values]
                elif values:
                    params[name] = from_text(member, values[0], f"query {key}")
            elif where == "header":
                text = request.header(key)
                if text is not None:
                    params[name] = from_header(member, text, key)
            elif where == "headers":
                # Header names arrive lower-cased, so the map's keys do too.
                prefix = key.lower()
                found = {
                    header[len(prefix) :]: value
                    for header, value in request.headers.items()
                    if header.startswith(prefix)
                }
                if found:
                    params[name] = found
            elif name == payload:
                value = self._payload(member, request.body, name in shape.required_members)
                if value is not None:
                    params[name] = value
            else:
                body_members.append(name)
        unclaimed = [(key, value) for key, value in request.query_items if key not in claimed]
        for name, member in query_maps:
            if unclaimed:
                params[name] = self._query_map(member, unclaimed)
        if payload is None and body_members:
            document = _json_document(request.body)
            if document is not None and not isinstance(document, dict):
                raise ProtocolError(SERIALIZATION_ERROR, "The request body must be an object")
            document = document or {}
            in_body = {wire_name(name, shape.members[name]) for name in body_members}
            if not in_body.issuperset(document):
                unknown = sorted(document.keys() - in_body)[0]
                raise Mistyped(f"Unknown member {unknown[:64]!r} in {shape.name}")
            params.update(self._document.parse_members(shape, document, body_members))
        return params

    def _payload(self, member: Shape, body: bytes, required: bool) -> Any:
        if member.type_name in ("blob", "string"):
            # botocore sends nothing for a missing payload, so an empty body is "not given"
            # unless the caller had to give it.
            if not body and not required:
                return None
            if member.type_name == "blob":
                return body
            try:
                return body.decode("utf-8")
            except UnicodeDecodeError:
                raise ProtocolError(SERIALIZATION_ERROR, "The body is not UTF-8") from None
        document = _json_document(body)
        # botocore sends "{}" when a structure payload is not given.
        if document is None or document == {}:
            return None
        return self._document.parse(member, document)

    @staticmethod
    def _query_map(member: MapShape, items: list[tuple[str, str]]) -> dict[str, Any]:
        value_shape = member.value
        entries: dict[str, Any] = {}
        for key, text in items:
            if isinstance(value_shape, ListShape):
                item = from_text(value_shape.member, text, f"query {key}")
                entries.setdefault(key, []).append(item)
            else:  # a repeated key for a scalar value: the first one counts
                entries.setdefault(key, from_text(value_shape, text, f"query {key}"))
        return entries

    def serialize_response(
        self, operation: OperationModel, result: Mapping[str, Any], request_id: str
    ) -> WireResponse:
        status = int(operation.http.get("responseCode", 200))
        shape = operation.output_shape
        if shape is None:
            if result:
                raise TypeError(f"{operation.name} has no output; got {sorted(result)}")
            headers = {"x-amzn-RequestId": request_id, "Content-Type": "application/json"}
            return WireResponse(status, headers, b"")
        result = self._document.output.known(shape, result)
        headers = {"x-amzn-RequestId": request_id, "Content-Type": _payload_content_type(shape)}
        payload = shape.serialization.get("payload")
        body_members: list[str] = []
        body = b""
        for name in write_headers(headers, shape, result):
            if location(shape.members[name]) == "statusCode":
                status = int(result[name])
            elif name == payload:
                body = self._payload_bytes(shape.members[name], result[name])
            else:
                body_members.append(name)
        # A JSON body (even "{}") whenever the model gives the output one.
        if payload is None and any(location(m) is None for m in shape.members.values()):
            body = dumps(self._document.serialize_members(shape, result, body_members))
        return WireResponse(status, headers, body)

    def _payload_bytes(self, member: Shape, value: Any) -> bytes:
        if member.type_name in ("blob", "string"):
            return value.encode() if isinstance(value, str) else bytes(value)
        return dumps(self._document.serialize(member, value))

    def serialize_error(
        self, operation: OperationModel, error: ServiceError, request_id: str
    ) -> WireResponse:
        modeled = resolve_error(operation.service_model, error.code)
        headers = {
            "x-amzn-RequestId": request_id,
            "Content-Type": "application/json",
            # Clients keep the code before the colon of what a service appends.
            "x-amzn-ErrorType": modeled.code + self.gaps.error_type_suffix,
        }
        document: dict[str, Any] = {}
        if modeled.shape is not None and error.fields:
            fields = self._document.output.known(modeled.shape, error.fields)
            members = modeled.shape.members
            body_members = [
                name
                for name in write_headers(headers, modeled.shape, fields)
                if location(members[name]) is None
            ]
            document = self._document.serialize_members(modeled.shape, fields, body_members)
        document[modeled.message_member()] = error.message
        return WireResponse(modeled.status, headers, dumps(document))
