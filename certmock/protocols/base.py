"""What every wire protocol shares: the request/response records, the codec interface, what a
service's model lacks that a codec must know, and the lookup of an error code in the service
model."""

from __future__ import annotations

import abc
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import parse_qsl

from botocore.model import OperationModel, ServiceModel, Shape, StructureShape

from certmock.errors import ServiceError


@dataclass(frozen=True)
class WireRequest:
    """An HTTP request as it travels: what botocore would send to AWS."""

    method: str
    path: str
    query: str = ""
    headers: Mapping[str, str] = field(default_factory=dict)
    """Header names in lower case."""
    body: bytes = b""

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())

    @functools.cached_property
    def query_items(self) -> list[tuple[str, str]]:
        return parse_qsl(self.query, keep_blank_values=True)


@dataclass(frozen=True)
class WireResponse:
    status: int
    headers: dict[str, str]
    body: bytes


class ProtocolError(ServiceError):
    """The request itself could not be read (bad JSON, unknown target, ...)."""


class ServiceGaps(Protocol):
    """What a service's installed model lacks that its codec must know (a service definition's
    ``ModelGaps`` is one): data, so that no codec names a service."""

    @property
    def newer_output_members(self) -> Mapping[str, frozenset[str]]:
        """Result members only newer models have, by structure name: left out of a response
        when the installed model lacks them."""

    @property
    def error_type_suffix(self) -> str:
        """rest-json: what follows the code in ``x-amzn-ErrorType``."""

    @property
    def malformed_request_code(self) -> str:
        """rest-json: the modeled error the service answers a request it cannot read with
        (API Gateway's ``BadRequestException``); empty for the protocol's own
        ``SerializationException``."""


@dataclass(frozen=True)
class WireGaps:
    """A ``ServiceGaps`` as a codec keeps it."""

    newer_output_members: Mapping[str, frozenset[str]] = field(default_factory=dict)
    error_type_suffix: str = ""
    malformed_request_code: str = ""

    @classmethod
    def of(cls, gaps: ServiceGaps | None) -> WireGaps:
        if gaps is None:
            return NO_GAPS
        if isinstance(gaps, WireGaps):
            return gaps
        return cls(
            dict(gaps.newer_output_members), gaps.error_type_suffix, gaps.malformed_request_code
        )

    @property
    def key(self) -> tuple[frozenset[tuple[str, frozenset[str]]], str, str]:
        """What tells two apart, hashable."""
        return (
            frozenset(self.newer_output_members.items()),
            self.error_type_suffix,
            self.malformed_request_code,
        )


NO_GAPS = WireGaps()


class Codec(abc.ABC):
    """One wire protocol: the inverse of botocore's serializer and parser for it, for services
    whose models lack ``gaps``."""

    protocol: str

    def __init__(self, gaps: WireGaps = NO_GAPS) -> None:
        self.gaps = gaps

    @abc.abstractmethod
    def operation_for(self, service_model: ServiceModel, request: WireRequest) -> OperationModel:
        """Which operation a bare HTTP request calls (for a server front end)."""

    @abc.abstractmethod
    def parse_request(self, operation: OperationModel, request: WireRequest) -> dict[str, Any]:
        """The operation's input parameters, as botocore's caller passed them."""

    @abc.abstractmethod
    def serialize_response(
        self, operation: OperationModel, result: Mapping[str, Any], request_id: str
    ) -> WireResponse:
        """The HTTP response AWS would send for a successful call."""

    @abc.abstractmethod
    def serialize_error(
        self, operation: OperationModel, error: ServiceError, request_id: str
    ) -> WireResponse:
        """The HTTP response AWS would send for a failed call."""


@dataclass(frozen=True)
class ModeledError:
    code: str
    """The code on the wire (``error.code`` of the shape, else the shape name)."""
    status: int
    sender_fault: bool
    shape: StructureShape | None

    def message_member(self, default: str = "message") -> str:
        """Most errors carry ``message``; a few (ACM's AccessDeniedException) ``Message``."""
        if self.shape is not None:
            for name in self.shape.members:
                if name.lower() == "message":
                    return name
        return default


@functools.lru_cache(maxsize=16)
def _error_index(service_model: ServiceModel) -> dict[str, StructureShape]:
    index: dict[str, StructureShape] = {}
    for shape in service_model.error_shapes:
        assert isinstance(shape, StructureShape)  # error shapes are structures by definition
        index.setdefault(shape.name, shape)
        index.setdefault(shape.error_code, shape)
    return index


# A body beyond the front end's limit (AWS answers 413 before the service sees it). The
# largest request any served operation needs is a certificate chain of some kilobytes; 10 MiB
# is API Gateway's documented payload limit, the largest of the four services.
REQUEST_TOO_LARGE = "RequestEntityTooLargeException"
MAX_REQUEST_BODY = 10 * 1024 * 1024


def check_body_size(request: WireRequest) -> None:
    if len(request.body) > MAX_REQUEST_BODY:
        raise ProtocolError(
            REQUEST_TOO_LARGE,
            f"The request body of {len(request.body)} bytes exceeds the limit of "
            f"{MAX_REQUEST_BODY} bytes",
        )


# Errors every AWS service may return without modelling them, with their HTTP status.
_COMMON_ERROR_STATUS = {
    "AccessDeniedException": 403,
    "UnrecognizedClientException": 403,
    REQUEST_TOO_LARGE: 413,
    "InternalFailure": 500,
    "ServiceUnavailable": 503,
}


# Errors a protocol's front end returns before any operation runs, for a request it cannot
# read: the same for every service on that protocol, so models do not list them.
_PROTOCOL_ERRORS: Mapping[str, frozenset[str]] = {
    "json": frozenset(
        {"SerializationException", "UnknownOperationException", "ValidationException"}
    ),
    "smithy-rpc-v2-cbor": frozenset(
        {"SerializationException", "UnknownOperationException", "ValidationException"}
    ),
    "query": frozenset(
        {
            "MalformedQueryString",
            "InvalidParameterValue",
            "MissingParameter",
            "InvalidParameterCombination",
            "MissingAction",
            "InvalidAction",
        }
    ),
    "rest-json": frozenset({"SerializationException", "ValidationException"}),
}


def protocol_error_codes(protocol: str) -> frozenset[str]:
    """Every code a request on ``protocol`` may get without the operation modelling it: the
    protocol's own errors, the body size limit and the errors common to all services."""
    return (
        _PROTOCOL_ERRORS.get(protocol, frozenset())
        | {REQUEST_TOO_LARGE}
        | frozenset(code for code, status in _COMMON_ERROR_STATUS.items() if status < 500)
    )


def resolve_error(service_model: ServiceModel, code: str) -> ModeledError:
    """Find ``code`` (a shape name or a wire code) in the model; unmodeled codes keep their
    name, with AWS's status for its common errors (AccessDeniedException 403) and 400 for the
    rest (``ValidationException``)."""
    shape = _error_index(service_model).get(code)
    if shape is None:
        status = _COMMON_ERROR_STATUS.get(code, 400)
        return ModeledError(code, status, status < 500, None)
    error_meta: dict[str, Any] = shape.metadata.get("error", {})
    status = int(error_meta.get("httpStatusCode", 400))
    sender_fault = bool(error_meta.get("senderFault", status < 500))
    return ModeledError(shape.error_code, status, sender_fault, shape)


def wire_name(member_name: str, member_shape: Shape) -> str:
    name: str = member_shape.serialization.get("name", member_name)
    return name
