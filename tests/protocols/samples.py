"""Shared by the codec tests: botocore's own sample values for a shape, and the request
botocore itself would put on the wire."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

import botocore.session
from botocore.awsrequest import AWSResponse, create_request_object, prepare_request_dict
from botocore.compat import HTTPHeaders
from botocore.config import Config
from botocore.model import ListShape, MapShape, OperationModel, Shape, StructureShape
from botocore.serialize import create_serializer
from botocore.utils import ArgumentGenerator

from certmock.errors import ServiceError
from certmock.protocols import Codec, WireRequest, protocol_of

UTC = dt.timezone.utc
WHEN = dt.datetime(2021, 5, 24, 21, 59, tzinfo=UTC)
BLOB = b"\x00blob-bytes"


def sample(shape: Shape | None) -> Any:
    """A value for every member of ``shape``, from botocore's ArgumentGenerator, with a blob
    and a timestamp that every wire form carries exactly (it leaves blobs out and uses a naive
    epoch) and one member per union."""
    if shape is None:
        return {}
    return _fill(shape, ArgumentGenerator(use_member_names=True).generate_skeleton(shape))


def _fill(shape: Shape, value: Any) -> Any:
    if isinstance(shape, StructureShape):
        members = {k: _fill(shape.members[k], v) for k, v in value.items()}
        # A union (GeneralName, FilterStatement) may carry one member only.
        return dict(list(members.items())[:1]) if shape.is_tagged_union else members
    if isinstance(shape, ListShape):
        return [_fill(shape.member, item) for item in value]
    if isinstance(shape, MapShape):
        return {k: _fill(shape.value, v) for k, v in value.items()}
    if shape.type_name == "timestamp":
        return WHEN
    if shape.type_name == "blob":
        return BLOB
    return value


def normalise(value: Any) -> Any:
    """Timestamps as UTC datetimes (naive ones mean UTC, as in botocore); None members gone."""
    if isinstance(value, dt.datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)
    if isinstance(value, Mapping):
        return {key: normalise(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [normalise(item) for item in value]
    return value


def botocore_request(
    operation: OperationModel, params: Mapping[str, Any], protocol: str | None = None
) -> WireRequest:
    """What botocore would put on the wire for ``params`` (in ``protocol``, or the one
    botocore's clients use for the service)."""
    serializer = create_serializer(
        protocol or protocol_of(operation.service_model), include_validation=False
    )
    request_dict = serializer.serialize_to_request(params, operation)
    prepare_request_dict(request_dict, "https://service.us-east-1.amazonaws.com")
    prepared = create_request_object(request_dict).prepare()
    url = urlsplit(prepared.url)
    body = prepared.body or b""
    return WireRequest(
        prepared.method,
        url.path or "/",
        url.query,
        {key.lower(): str(value) for key, value in prepared.headers.items()},
        body.encode() if isinstance(body, str) else bytes(body),
    )


Handler = Callable[[str, dict[str, Any]], Mapping[str, Any]]
"""``handler(operation name, parameters) -> result``, as a service handler would answer."""


class _Body:
    def __init__(self, body: bytes) -> None:
        self._body = body

    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self._body


@contextlib.contextmanager
def codec_client(service: str, codec: Codec) -> Iterator[tuple[Any, list[Handler]]]:
    """A real botocore client whose requests ``codec`` answers, with the handler put in the
    list: the codec end to end, without the rest of certmock."""
    # Any: a client's operations are made at run time from the model.
    client: Any = botocore.session.get_session().create_client(
        service,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        config=Config(retries={"total_max_attempts": 1}),
    )
    model = client.meta.service_model
    handlers: list[Handler] = []

    def before_send(request: Any, **_: Any) -> AWSResponse:
        url = urlsplit(request.url)
        body = request.body.encode() if isinstance(request.body, str) else request.body
        headers = {key.lower(): str(value) for key, value in request.headers.items()}
        wire = WireRequest(request.method, url.path or "/", url.query, headers, body or b"")
        operation = codec.operation_for(model, wire)
        try:
            result = handlers[0](operation.name, codec.parse_request(operation, wire))
            response = codec.serialize_response(operation, result, "request-1")
        except ServiceError as error:
            response = codec.serialize_error(operation, error, "request-1")
        answer = HTTPHeaders.from_dict(response.headers)
        return AWSResponse(request.url, response.status, answer, _Body(response.body))

    client.meta.events.register_first("before-send", before_send)
    try:
        yield client, handlers
    finally:
        client.close()
