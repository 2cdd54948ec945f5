"""AWS query (RDS, IAM, STS, ...): form-encoded ``Action=<Operation>`` parameters in, XML out.

Parameters are flat: ``Filters.Filter.1.Values.member.2=x`` names the second value of the first
filter. Reading them back walks the input shape and looks each dotted name up.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from typing import Any, Final
from urllib.parse import parse_qsl

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
from certmock.protocols.shapes import OutputMembers, scalar_from_text, scalar_to_text

_ABSENT: Final = object()
"""What reading a parameter gives when the request does not carry it (None is a value)."""

_IGNORED_PARAMETERS = frozenset({"Action", "Version"})


def _form_parameters(request: WireRequest) -> dict[str, str]:
    """The query string and the form body together; the first occurrence of a name wins."""
    try:
        body = request.body.decode("utf-8")
    except UnicodeDecodeError:
        raise ProtocolError("MalformedQueryString", "The request body is not UTF-8") from None
    parameters: dict[str, str] = {}
    for name, value in [*request.query_items, *parse_qsl(body, keep_blank_values=True)]:
        parameters.setdefault(name, value)
    return parameters


def _join(prefix: str, name: str) -> str:
    return f"{prefix}.{name}" if prefix else name


def _is_flattened(shape: Shape) -> bool:
    return bool(shape.serialization.get("flattened"))


def _flattened_list_key(key: str, shape: ListShape) -> str:
    """A flattened list whose member has a locationName repeats that name in place of the
    list's own last segment (as botocore's serializer does)."""
    item_name: str | None = shape.member.serialization.get("name")
    if item_name is None:
        return key
    return _join(key.rpartition(".")[0], item_name)


class _FormReader:
    """One request's flat parameters, read back into the values botocore's caller passed.

    Linear in the size of the request: every name is split once, into the set of its dotted
    prefixes (so "is anything under X?" is a set lookup) and, for each numeric segment, the
    index under its prefix (so a list's items are found without scanning every name).
    """

    def __init__(self, parameters: Mapping[str, str]) -> None:
        self._parameters = {
            name: value for name, value in parameters.items() if name not in _IGNORED_PARAMETERS
        }
        self._names: set[str] = set(self._parameters)
        self._indices: dict[str, set[int]] = {}
        self._read: set[str] = set()
        for name in self._parameters:
            parts = name.split(".")
            prefix = parts[0]
            for part in parts[1:]:
                self._names.add(prefix)
                if part.isascii() and part.isdigit():
                    self._indices.setdefault(prefix, set()).add(int(part))
                prefix = f"{prefix}.{part}"

    def unread(self) -> list[str]:
        """The parameters no member of the input shape claimed, in request order."""
        return [name for name in self._parameters if name not in self._read]

    def read(self, shape: Shape, key: str) -> Any:
        if isinstance(shape, StructureShape):
            return self._structure(shape, key)
        if isinstance(shape, ListShape):
            return self._list(shape, key)
        if isinstance(shape, MapShape):
            return self._map(shape, key)
        text = self._parameters.get(key)
        if text is None:
            return _ABSENT
        self._read.add(key)
        try:
            return scalar_from_text(shape, text)
        except ValueError as invalid:
            raise ProtocolError(
                "InvalidParameterValue",
                f"Value ({_printable(text)}) for parameter {key} is invalid: {invalid}",
            ) from None

    def structure(self, shape: StructureShape, prefix: str) -> dict[str, Any]:
        params: dict[str, Any] = {}
        for name, member in shape.members.items():
            value = self.read(member, _join(prefix, wire_name(name, member)))
            if value is not _ABSENT:
                params[name] = value
        return params

    def _structure(self, shape: StructureShape, key: str) -> Any:
        if key not in self._names:
            return _ABSENT
        return self.structure(shape, key)

    def _list(self, shape: ListShape, key: str) -> Any:
        # botocore sends an empty list as a bare ``Name=``.
        if self._parameters.get(key) == "":
            self._read.add(key)
            return []
        if _is_flattened(shape):
            base = _flattened_list_key(key, shape)
        else:
            base = f"{key}.{shape.member.serialization.get('name', 'member')}"
        items = [self.read(shape.member, f"{base}.{index}") for index in self._numbered(base)]
        return [item for item in items if item is not _ABSENT] or _ABSENT

    def _map(self, shape: MapShape, key: str) -> Any:
        base = key if _is_flattened(shape) else f"{key}.entry"
        key_name = shape.key.serialization.get("name", "key")
        value_name = shape.value.serialization.get("name", "value")
        entries: dict[Any, Any] = {}
        for index in self._numbered(base):
            entry = f"{base}.{index}"
            entry_key = self.read(shape.key, f"{entry}.{key_name}")
            entry_value = self.read(shape.value, f"{entry}.{value_name}")
            if entry_key is _ABSENT or entry_value is _ABSENT:
                raise ProtocolError(
                    "InvalidParameterValue", f"{entry} needs both {key_name} and {value_name}"
                )
            entries[entry_key] = entry_value
        return entries or _ABSENT

    def _numbered(self, base: str) -> list[int]:
        """The N of every ``{base}.N`` or ``{base}.N.*`` parameter, in order."""
        return sorted(self._indices.get(base, ()))


def _printable(text: str, limit: int = 256) -> str:
    """Echoed input, cut short: a refusal names the value without repeating a megabyte."""
    return text if len(text) <= limit else f"{text[:limit]}..."


def _element_name(member_name: str, member: Shape) -> str:
    """The element a structure member is written as; a flattened list's items repeat the list
    member's locationName when it has one."""
    if isinstance(member, ListShape) and _is_flattened(member):
        item_name: str | None = member.member.serialization.get("name")
        if item_name is not None:
            return item_name
    return wire_name(member_name, member)


class _XmlWriter:
    """Results as the XML AWS's query services write, walking the output shape."""

    def __init__(self, output: OutputMembers) -> None:
        self._output = output

    def members(self, parent: ET.Element, shape: StructureShape, value: Mapping[str, Any]) -> None:
        value = self._output.known(shape, value)
        # Model order rather than the handler's: AWS writes elements in the order of its model.
        for name, member in shape.members.items():
            item = value.get(name)
            if item is not None:
                self._member(parent, _element_name(name, member), member, item)

    def _member(self, parent: ET.Element, tag: str, shape: Shape, value: Any) -> None:
        """``value`` as the child ``tag`` of ``parent``, or as repeated children when flattened."""
        if isinstance(shape, ListShape) and _is_flattened(shape):
            self._items(parent, tag, shape.member, value)
        elif isinstance(shape, MapShape) and _is_flattened(shape):
            for entry_key, entry_value in value.items():
                self._entry(ET.SubElement(parent, tag), shape, entry_key, entry_value)
        else:
            self._value(ET.SubElement(parent, tag), shape, value)

    def _items(self, parent: ET.Element, tag: str, shape: Shape, items: Iterable[Any]) -> None:
        for item in items:
            if item is not None:
                self._value(ET.SubElement(parent, tag), shape, item)

    def _entry(self, entry: ET.Element, shape: MapShape, key: Any, value: Any) -> None:
        key_tag = shape.key.serialization.get("name", "key")
        self._value(ET.SubElement(entry, key_tag), shape.key, key)
        if value is not None:
            value_tag = shape.value.serialization.get("name", "value")
            self._value(ET.SubElement(entry, value_tag), shape.value, value)

    def _value(self, element: ET.Element, shape: Shape, value: Any) -> None:
        if isinstance(shape, StructureShape):
            self.members(element, shape, value)
        elif isinstance(shape, ListShape):
            item_tag = shape.member.serialization.get("name", "member")
            self._items(element, item_tag, shape.member, value)
        elif isinstance(shape, MapShape):
            for entry_key, entry_value in value.items():
                self._entry(ET.SubElement(element, "entry"), shape, entry_key, entry_value)
        else:
            element.text = _xml_text(scalar_to_text(shape, value, "iso8601"))


# What XML 1.0 allows in a document (its Char production); anything else, even written as a
# character reference, makes botocore's parser (and every other) refuse the whole response.
_NOT_XML_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_text(text: str) -> str:
    """``text`` with each character XML 1.0 forbids written as a visible ``\\uXXXX`` escape.
    AWS writes them as character references (``&#x7;``), which no SDK can parse (see the
    Deviations list); echoed input must never cost the caller the whole response."""
    if text.isprintable():
        return text
    return _NOT_XML_CHAR.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def _root(tag: str, service_model: ServiceModel) -> ET.Element:
    namespace: Any = service_model.metadata.get("xmlNamespace")
    if isinstance(namespace, Mapping):  # some models spell it {"uri": ...}
        namespace = namespace.get("uri")
    return ET.Element(tag, {"xmlns": namespace} if namespace else {})


def _response(status: int, root: ET.Element, request_id: str) -> WireResponse:
    headers = {"x-amzn-RequestId": request_id, "Content-Type": "text/xml"}
    return WireResponse(status, headers, ET.tostring(root, encoding="utf-8", xml_declaration=False))


class QueryCodec(Codec):
    protocol = "query"

    def __init__(self, gaps: WireGaps = NO_GAPS) -> None:
        super().__init__(gaps)
        self._writer = _XmlWriter(OutputMembers(gaps.newer_output_members))

    def operation_for(self, service_model: ServiceModel, request: WireRequest) -> OperationModel:
        action = _form_parameters(request).get("Action")
        if not action:
            raise ProtocolError("MissingAction", "The request must contain the parameter Action")
        if action not in service_model.operation_names:
            raise ProtocolError("InvalidAction", f"The action {action} is not valid")
        return service_model.operation_model(action)

    def parse_request(self, operation: OperationModel, request: WireRequest) -> dict[str, Any]:
        shape = operation.input_shape
        if shape is None:
            return {}
        reader = _FormReader(_form_parameters(request))
        params = reader.structure(shape, "")
        unread = reader.unread()
        if unread:
            # A parameter the operation does not have is refused, never silently dropped.
            raise ProtocolError(
                "InvalidParameterValue",
                f"The parameter {_printable(unread[0])} is not recognized by {operation.name}",
            )
        return params

    def serialize_response(
        self, operation: OperationModel, result: Mapping[str, Any], request_id: str
    ) -> WireResponse:
        root = _root(f"{operation.name}Response", operation.service_model)
        shape = operation.output_shape
        if shape is not None:
            wrapper: str | None = shape.serialization.get("resultWrapper")
            # botocore looks the wrapper up unconditionally, so it is written even when empty.
            parent = root if wrapper is None else ET.SubElement(root, wrapper)
            self._writer.members(parent, shape, result)
        elif result:
            raise TypeError(f"{operation.name} has no output; got {sorted(result)}")
        metadata = ET.SubElement(root, "ResponseMetadata")
        ET.SubElement(metadata, "RequestId").text = request_id
        return _response(200, root, request_id)

    def serialize_error(
        self, operation: OperationModel, error: ServiceError, request_id: str
    ) -> WireResponse:
        modeled = resolve_error(operation.service_model, error.code)
        root = _root("ErrorResponse", operation.service_model)
        detail = ET.SubElement(root, "Error")
        ET.SubElement(detail, "Type").text = "Sender" if modeled.sender_fault else "Receiver"
        ET.SubElement(detail, "Code").text = modeled.code
        ET.SubElement(detail, "Message").text = _xml_text(error.message)
        if modeled.shape is not None and error.fields:
            # botocore reads a modeled error's members from inside <Error>.
            self._writer.members(detail, modeled.shape, error.fields)
        ET.SubElement(root, "RequestId").text = request_id
        return _response(modeled.status, root, request_id)
