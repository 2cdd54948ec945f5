"""restJson1 (API Gateway, Lambda, ...): the method and path name the operation; members live in
URI labels, the query string, headers, a payload or a JSON body."""

from __future__ import annotations

import base64
import binascii
import functools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, unquote

from botocore.model import ListShape, MapShape, OperationModel, ServiceModel, Shape, StructureShape

from certmock.errors import ServiceError
from certmock.protocols.base import (
    Codec,
    ProtocolError,
    WireRequest,
    WireResponse,
    resolve_error,
    wire_name,
)
from certmock.protocols.shapes import (
    JsonDocument,
    output_members,
    scalar_from_text,
    scalar_to_text,
    timestamp_format,
)

_DOCUMENT = JsonDocument("unixTimestamp")
_LABEL = re.compile(r"\{([^}]+)\}")
# What follows the code in x-amzn-ErrorType, by endpoint prefix; clients keep only the code.
_ERROR_TYPE_SUFFIX = {
    "apigateway": ":http://internal.amazon.com/coral/com.amazonaws.backplane.controlplane/",
}


@dataclass(frozen=True)
class _Route:
    """One operation's ``http.requestUri`` template, compiled."""

    operation: str
    method: str
    path: re.Pattern[str]
    labels: tuple[str, ...]
    """Label names (without a greedy ``+``), in the order of the pattern's groups."""
    query: tuple[tuple[str, str | None], ...]
    """Literal ``?key=value`` parts of the template; None where only the key is given."""
    specificity: tuple[int, int]

    @classmethod
    def compile(cls, operation: OperationModel) -> _Route:
        template: str = operation.http.get("requestUri", "/")
        path, _, query = template.partition("?")
        pattern: list[str] = []
        labels: list[str] = []
        literal = len(query)
        greedy = 0
        position = 0
        for found in _LABEL.finditer(path):
            text = path[position : found.start()]
            pattern.append(re.escape(text))
            literal += len(text)
            label = found.group(1)
            if label.endswith("+"):
                labels.append(label[:-1])
                pattern.append("(.+)")
                greedy += 1
            else:
                labels.append(label)
                pattern.append("([^/]+)")
            position = found.end()
        pattern.append(re.escape(path[position:]))
        literal += len(path) - position
        literal_query = tuple(
            (key, value if "=" in part else None)
            for part in query.split("&")
            if part
            for key, value in parse_qsl(part, keep_blank_values=True)
        )
        return cls(
            operation.name,
            operation.http.get("method", "POST").upper(),
            re.compile("".join(pattern)),
            tuple(labels),
            literal_query,
            # More literal text wins; between equals, a single-segment label beats a greedy one.
            (literal, -greedy),
        )

    def labels_in(self, path: str) -> dict[str, str] | None:
        found = self.path.fullmatch(path)
        if found is None:
            return None
        return {
            label: unquote(value) for label, value in zip(self.labels, found.groups(), strict=True)
        }

    def matches(self, request: WireRequest) -> bool:
        if request.method.upper() != self.method or self.path.fullmatch(request.path) is None:
            return False
        present = request.query_items
        return all(
            any(key == name and value in (None, given) for name, given in present)
            for key, value in self.query
        )


@dataclass(frozen=True)
class _RoutingTable:
    ordered: tuple[_Route, ...]
    by_name: dict[str, _Route]


@functools.lru_cache(maxsize=16)
def _routing_table(service_model: ServiceModel) -> _RoutingTable:
    routes = [
        _Route.compile(service_model.operation_model(name))
        for name in service_model.operation_names
    ]
    ordered = sorted(routes, key=lambda route: route.specificity, reverse=True)
    return _RoutingTable(tuple(ordered), {route.operation: route for route in routes})


def _location(member: Shape) -> str | None:
    location: str | None = member.serialization.get("location")
    return location


def _is_json_value(member: Shape) -> bool:
    return member.type_name == "string" and bool(member.serialization.get("jsonvalue"))


def _dumps(document: Any) -> bytes:
    return json.dumps(document, separators=(",", ":")).encode()


def _json_document(body: bytes) -> Any:
    if not body.strip():
        return None
    try:
        return json.loads(body)
    except ValueError:
        raise ProtocolError("SerializationException", "The body is not valid JSON") from None


def _split_header_list(text: str) -> list[str]:
    """A comma-separated header list, where an item may be a quoted string (RFC 7230)."""
    items: list[str] = []
    current: list[str] = []
    quoted = escaped = False
    for char in text:
        if escaped:
            current.append(char)
            escaped = False
        elif quoted and char == "\\":
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            items.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    items.append("".join(current).strip())
    return items


def _quote_header_item(text: str) -> str:
    if '"' in text or "," in text:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


def _from_text(shape: Shape, text: str, where: str) -> Any:
    try:
        return scalar_from_text(shape, text)
    except ValueError:
        message = f"Invalid value {text!r} for {where}: expected a {shape.type_name}"
        raise ProtocolError("SerializationException", message) from None


def _from_header(member: Shape, text: str, name: str) -> Any:
    if isinstance(member, ListShape):
        items = _split_header_list(text)
        item_shape = member.member
        if item_shape.type_name == "timestamp" and timestamp_format(item_shape, "rfc822") == (
            "rfc822"
        ):
            # An HTTP date has a comma of its own ("Mon, 24 May 2021 ..."): pair the halves.
            items = [",".join(items[index : index + 2]) for index in range(0, len(items), 2)]
        return [_from_text(item_shape, item, f"header {name}") for item in items]
    if _is_json_value(member):
        try:
            return json.loads(base64.b64decode(text, validate=True))
        except (binascii.Error, ValueError):
            raise ProtocolError(
                "SerializationException", f"Header {name} is not base64-encoded JSON"
            ) from None
    return _from_text(member, text, f"header {name}")


def _to_header(member: Shape, value: Any) -> str:
    if isinstance(member, ListShape):
        item_shape = member.member
        texts = [scalar_to_text(item_shape, item, "rfc822") for item in value if item is not None]
        if item_shape.type_name == "string":
            texts = [_quote_header_item(text) for text in texts]
        return ",".join(texts)
    if _is_json_value(member):
        return base64.b64encode(_dumps(value)).decode("ascii")
    return scalar_to_text(member, value, "rfc822")


def _set_header(headers: dict[str, str], name: str, value: str) -> None:
    """Header names are case-insensitive: a member's header replaces a default one."""
    for existing in [key for key in headers if key.lower() == name.lower()]:
        del headers[existing]
    headers[name] = value


def _write_headers(
    headers: dict[str, str], shape: StructureShape, values: Mapping[str, Any]
) -> list[str]:
    """Put the members of ``values`` bound to headers into ``headers``; return the names of the
    others (status code, payload and body members) for the caller to place."""
    rest: list[str] = []
    for name, value in values.items():
        if value is None:
            continue
        member = shape.members[name]
        location = _location(member)
        if location == "header":
            _set_header(headers, wire_name(name, member), _to_header(member, value))
        elif location == "headers":
            prefix = wire_name(name, member)
            for key, item in value.items():
                _set_header(headers, prefix + key, str(item))
        else:
            rest.append(name)
    return rest


def _payload_content_type(shape: StructureShape) -> str:
    payload = shape.serialization.get("payload")
    payload_type = None if payload is None else shape.members[payload].type_name
    return {"blob": "application/octet-stream", "string": "text/plain"}.get(
        payload_type or "", "application/json"
    )


class RestJsonCodec(Codec):
    protocol = "rest-json"

    def operation_for(self, service_model: ServiceModel, request: WireRequest) -> OperationModel:
        for route in _routing_table(service_model).ordered:
            if route.matches(request):
                return service_model.operation_model(route.operation)
        raise ProtocolError(
            "UnknownOperationException", f"No operation matches {request.method} {request.path}"
        )

    def parse_request(self, operation: OperationModel, request: WireRequest) -> dict[str, Any]:
        shape = operation.input_shape
        if shape is None:
            return {}
        route = _routing_table(operation.service_model).by_name[operation.name]
        labels = route.labels_in(request.path)
        if labels is None:
            raise ProtocolError(
                "UnknownOperationException", f"{request.path} is not a path of {operation.name}"
            )
        params: dict[str, Any] = {}
        # Keys named by the template or by a scalar member are not a query map's to take.
        claimed = {key for key, _ in route.query}
        query_maps: list[tuple[str, MapShape]] = []
        body_members: list[str] = []
        payload = shape.serialization.get("payload")
        for name, member in shape.members.items():
            location = _location(member)
            key = wire_name(name, member)
            if location == "uri":
                if key in labels:
                    params[name] = _from_text(member, labels[key], f"URI label {key}")
            elif location == "querystring":
                if isinstance(member, MapShape):
                    query_maps.append((name, member))
                    continue
                claimed.add(key)
                values = [value for given, value in request.query_items if given == key]
                if values and isinstance(member, ListShape):
                    params[name] = [_from_text(member.member, v, f"query {key}") for v in values]
                elif values:
                    params[name] = _from_text(member, values[0], f"query {key}")
            elif location == "header":
                text = request.header(key)
                if text is not None:
                    params[name] = _from_header(member, text, key)
            elif location == "headers":
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
                raise ProtocolError("SerializationException", "The request body must be an object")
            params.update(_DOCUMENT.parse_members(shape, document or {}, body_members))
        return params

    @staticmethod
    def _payload(member: Shape, body: bytes, required: bool) -> Any:
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
                raise ProtocolError("SerializationException", "The body is not UTF-8") from None
        document = _json_document(body)
        # botocore sends "{}" when a structure payload is not given.
        if document is None or document == {}:
            return None
        return _DOCUMENT.parse(member, document)

    @staticmethod
    def _query_map(member: MapShape, items: list[tuple[str, str]]) -> dict[str, Any]:
        value_shape = member.value
        entries: dict[str, Any] = {}
        for key, text in items:
            if isinstance(value_shape, ListShape):
                item = _from_text(value_shape.member, text, f"query {key}")
                entries.setdefault(key, []).append(item)
            else:  # a repeated key for a scalar value: the first one counts
                entries.setdefault(key, _from_text(value_shape, text, f"query {key}"))
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
        output_members(shape, result)
        headers = {"x-amzn-RequestId": request_id, "Content-Type": _payload_content_type(shape)}
        payload = shape.serialization.get("payload")
        body_members: list[str] = []
        body = b""
        for name in _write_headers(headers, shape, result):
            if _location(shape.members[name]) == "statusCode":
                status = int(result[name])
            elif name == payload:
                body = self._payload_bytes(shape.members[name], result[name])
            else:
                body_members.append(name)
        # A JSON body (even "{}") whenever the model gives the output one.
        if payload is None and any(_location(m) is None for m in shape.members.values()):
            body = _dumps(_DOCUMENT.serialize_members(shape, result, body_members))
        return WireResponse(status, headers, body)

    @staticmethod
    def _payload_bytes(member: Shape, value: Any) -> bytes:
        if member.type_name in ("blob", "string"):
            return value.encode() if isinstance(value, str) else bytes(value)
        return _dumps(_DOCUMENT.serialize(member, value))

    def serialize_error(
        self, operation: OperationModel, error: ServiceError, request_id: str
    ) -> WireResponse:
        service_model = operation.service_model
        modeled = resolve_error(service_model, error.code)
        suffix = _ERROR_TYPE_SUFFIX.get(service_model.metadata.get("endpointPrefix", ""), "")
        headers = {
            "x-amzn-RequestId": request_id,
            "Content-Type": "application/json",
            "x-amzn-ErrorType": modeled.code + suffix,
        }
        document: dict[str, Any] = {}
        if modeled.shape is not None and error.fields:
            output_members(modeled.shape, error.fields)
            members = modeled.shape.members
            body_members = [
                name
                for name in _write_headers(headers, modeled.shape, error.fields)
                if _location(members[name]) is None
            ]
            document = _DOCUMENT.serialize_members(modeled.shape, error.fields, body_members)
        document[modeled.message_member()] = error.message
        return WireResponse(modeled.status, headers, _dumps(document))
