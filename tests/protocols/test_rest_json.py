"""The rest-json codec against botocore itself: botocore's serializer writes the requests the
codec reads, and botocore's parser reads the responses the codec writes."""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

import botocore.session
import pytest
from botocore.awsrequest import (
    HeadersDict,
)
from botocore.exceptions import ClientError
from botocore.model import OperationModel, ServiceModel, Shape
from botocore.parsers import create_parser

from certmock.errors import ServiceError
from certmock.protocols import ProtocolError, WireGaps, WireRequest, WireResponse, codec_for
from certmock.protocols.rest_json import RestJsonCodec
from tests.model_facts import error_status, http_method, request_uri, success_status
from tests.protocols.samples import (
    WHEN,
    Handler,
    botocore_request,
    codec_client,
    normalise,
    sample,
)

UTC = dt.timezone.utc
LATER = dt.datetime(2022, 1, 2, 3, 4, 5, tzinfo=UTC)
CODEC = RestJsonCodec()
APIGATEWAY: ServiceModel = botocore.session.get_session().get_service_model("apigateway")
ERROR_TYPE_SUFFIX = ":http://internal.amazon.com/coral/com.amazonaws.backplane.controlplane/"


def _member(shape: str, location: str | None = None, name: str | None = None) -> dict[str, str]:
    member = {"shape": shape}
    if location is not None:
        member["location"] = location
    if name is not None:
        member["locationName"] = name
    return member


# A rest-json service of our own, for what API Gateway's model never uses: greedy labels,
# typed labels and headers, jsonvalue, header lists and prefix maps, payloads, statusCode.
EXAMPLE = ServiceModel(
    {
        "metadata": {
            "protocol": "rest-json",
            "apiVersion": "2020-01-01",
            "endpointPrefix": "example",
            "serviceId": "Example",
            "signatureVersion": "v4",
        },
        "operations": {
            "GetThing": {
                "name": "GetThing",
                "http": {"method": "POST", "requestUri": "/things/{thingId}/at/{When}/{path+}"},
                "input": {"shape": "GetThingInput"},
                "output": {"shape": "ThingOutput"},
                "errors": [{"shape": "Throttled"}],
            },
            "ListThings": {
                "name": "ListThings",
                "http": {"method": "GET", "requestUri": "/things"},
                "input": {"shape": "ListThingsInput"},
                "output": {"shape": "ListThingsOutput"},
            },
            "ListThingVersions": {
                "name": "ListThingVersions",
                "http": {"method": "GET", "requestUri": "/things/{thingId}/versions"},
                "input": {"shape": "ThingIdInput"},
            },
            "GetAnyThing": {
                "name": "GetAnyThing",
                "http": {"method": "GET", "requestUri": "/things/{rest+}"},
                "input": {"shape": "RestInput"},
            },
            "CreateThing": {
                "name": "CreateThing",
                "http": {"method": "POST", "requestUri": "/things", "responseCode": 201},
                "input": {"shape": "Thing"},
                "output": {"shape": "Thing"},
            },
            "ImportThings": {
                "name": "ImportThings",
                "http": {"method": "POST", "requestUri": "/things?mode=import"},
                "input": {"shape": "ImportInput"},
                "output": {"shape": "ImportOutput"},
            },
            "PutThing": {
                "name": "PutThing",
                "http": {"method": "PUT", "requestUri": "/things/{thingId}"},
                "input": {"shape": "PutThingInput"},
            },
            "DeleteThing": {
                "name": "DeleteThing",
                "http": {
                    "method": "DELETE",
                    "requestUri": "/things/{thingId}",
                    "responseCode": 204,
                },
                "input": {"shape": "ThingIdInput"},
            },
            "Echo": {
                "name": "Echo",
                "http": {"method": "POST", "requestUri": "/echo"},
                "input": {"shape": "EchoText"},
                "output": {"shape": "EchoText"},
            },
        },
        "shapes": {
            "GetThingInput": {
                "type": "structure",
                "required": ["thingId", "When", "Key"],
                "members": {
                    "thingId": _member("String", "uri", "thingId"),
                    "When": _member("Timestamp", "uri"),
                    "Key": _member("String", "uri", "path"),
                    "count": _member("Integer", "querystring", "count"),
                    "after": _member("Timestamp", "querystring", "after"),
                    "exact": _member("Boolean", "querystring", "exact"),
                    "tags": _member("StringList", "querystring", "tag"),
                    "filters": _member("MapOfList", "querystring"),
                    "since": _member("Timestamp", "header", "If-Modified-Since"),
                    "context": _member("JsonString", "header", "X-Context"),
                    "names": _member("StringList", "header", "X-Names"),
                    "dates": _member("TimestampList", "header", "X-Dates"),
                    "ratio": _member("Double", "header", "X-Ratio"),
                    "enabled": _member("Boolean", "header", "X-Enabled"),
                    "meta": _member("StringMap", "headers", "X-Meta-"),
                    "note": _member("String"),
                    "renamed": _member("String", name="otherName"),
                    "moment": _member("Timestamp"),
                    "data": _member("Blob"),
                    "thing": _member("Thing"),
                },
            },
            "ThingOutput": {
                "type": "structure",
                "members": {
                    "status": _member("Integer", "statusCode"),
                    "etag": _member("String", "header", "ETag"),
                    "modified": _member("Timestamp", "header", "Last-Modified"),
                    "names": _member("StringList", "header", "X-Names"),
                    "context": _member("JsonString", "header", "X-Context"),
                    "count": _member("Long", "header", "X-Count"),
                    "meta": _member("StringMap", "headers", "X-Meta-"),
                    "thing": _member("Thing"),
                    "data": _member("Blob"),
                    "created": _member("Timestamp"),
                    "ratio": _member("Double"),
                },
            },
            "Thing": {
                "type": "structure",
                "members": {
                    "name": _member("String"),
                    "enabled": _member("Boolean"),
                    "attributes": _member("StringMap"),
                    "children": _member("ThingList"),
                    "created": _member("Timestamp"),
                },
            },
            "ThingList": {"type": "list", "member": {"shape": "Thing"}},
            "ListThingsInput": {
                "type": "structure",
                "members": {
                    "limit": _member("Integer", "querystring", "limit"),
                    "position": _member("String", "querystring", "position"),
                    "parameters": _member("StringMap", "querystring"),
                },
            },
            "ListThingsOutput": {
                "type": "structure",
                "members": {"items": _member("ThingList"), "position": _member("String")},
            },
            "ThingIdInput": {
                "type": "structure",
                "required": ["thingId"],
                "members": {"thingId": _member("String", "uri", "thingId")},
            },
            "RestInput": {
                "type": "structure",
                "required": ["rest"],
                "members": {"rest": _member("String", "uri", "rest")},
            },
            "ImportInput": {
                "type": "structure",
                "required": ["body"],
                "members": {
                    "body": _member("Blob"),
                    "failOnWarnings": _member("Boolean", "querystring", "failonwarnings"),
                    "parameters": _member("StringMap", "querystring"),
                },
                "payload": "body",
            },
            "ImportOutput": {
                "type": "structure",
                "members": {"thing": _member("Thing"), "id": _member("String", "header", "X-Id")},
                "payload": "thing",
            },
            "PutThingInput": {
                "type": "structure",
                "required": ["thingId"],
                "members": {
                    "thingId": _member("String", "uri", "thingId"),
                    "thing": _member("Thing"),
                },
                "payload": "thing",
            },
            "EchoText": {
                "type": "structure",
                "members": {"text": _member("String")},
                "payload": "text",
            },
            "Throttled": {
                "type": "structure",
                "members": {
                    "retryAfter": _member("Integer", "header", "Retry-After"),
                    "message": _member("String"),
                    "reason": _member("String"),
                },
                "error": {"httpStatusCode": 429},
                "exception": True,
            },
            "String": {"type": "string"},
            "JsonString": {"type": "string", "jsonvalue": True},
            "Integer": {"type": "integer"},
            "Long": {"type": "long"},
            "Double": {"type": "double"},
            "Boolean": {"type": "boolean"},
            "Timestamp": {"type": "timestamp"},
            "Blob": {"type": "blob"},
            "StringList": {"type": "list", "member": {"shape": "String"}},
            "TimestampList": {"type": "list", "member": {"shape": "Timestamp"}},
            "StringMap": {"type": "map", "key": {"shape": "String"}, "value": {"shape": "String"}},
            "MapOfList": {
                "type": "map",
                "key": {"shape": "String"},
                "value": {"shape": "StringList"},
            },
        },
    },
    "example",
)
GET_THING = EXAMPLE.operation_model("GetThing")
THING: dict[str, Any] = {
    "name": "thing",
    "enabled": False,
    "attributes": {"a": "1", "b": ""},
    "children": [{"name": "child", "children": []}, {}],
    "created": WHEN,
}


# -- helpers --------------------------------------------------------------------------------
def botocore_parse(shape: Shape | None, response: WireResponse) -> dict[str, Any]:
    parsed: dict[str, Any] = create_parser("rest-json").parse(
        {
            "status_code": response.status,
            "headers": HeadersDict(response.headers),
            "body": response.body,
        },
        shape,  # type: ignore[arg-type]  # botocore takes None for "no output"
    )
    return parsed


def parse_result(operation: OperationModel, response: WireResponse) -> dict[str, Any]:
    """What a botocore client returns for a successful response, less ResponseMetadata."""
    parsed = botocore_parse(operation.output_shape, response)
    assert parsed.pop("ResponseMetadata")["RequestId"] == "request-1"
    return parsed


def round_trip_request(operation: OperationModel, params: Mapping[str, Any]) -> dict[str, Any]:
    return CODEC.parse_request(operation, botocore_request(operation, params))


# -- every API Gateway operation through botocore -----------------------------------------
@pytest.mark.parametrize("name", APIGATEWAY.operation_names)
def test_request_round_trips_through_botocore(name: str) -> None:
    operation = APIGATEWAY.operation_model(name)
    params = sample(operation.input_shape)
    assert normalise(round_trip_request(operation, params)) == normalise(params)


@pytest.mark.parametrize("name", APIGATEWAY.operation_names)
def test_operation_for_routes_every_operation(name: str) -> None:
    operation = APIGATEWAY.operation_model(name)
    request = botocore_request(operation, sample(operation.input_shape))
    assert CODEC.operation_for(APIGATEWAY, request).name == name


@pytest.mark.parametrize("name", APIGATEWAY.operation_names)
def test_response_round_trips_through_botocore(name: str) -> None:
    operation = APIGATEWAY.operation_model(name)
    result = sample(operation.output_shape)
    response = CODEC.serialize_response(operation, result, "request-1")
    assert response.status == operation.http.get("responseCode", 200)
    expected = dict(result)
    shape = operation.output_shape
    payload = None if shape is None else shape.serialization.get("payload")
    if payload is not None and shape is not None and shape.members[payload].type_name == "blob":
        # botocore hands a non-streaming blob payload back decoded as text.
        expected[payload] = expected[payload].decode()
    assert normalise(parse_result(operation, response)) == normalise(expected)


def test_codec_is_registered_for_rest_json() -> None:
    assert isinstance(codec_for(APIGATEWAY), RestJsonCodec)


# -- API Gateway client certificates ------------------------------------------------------
def test_generate_client_certificate() -> None:
    operation = APIGATEWAY.operation_model("GenerateClientCertificate")
    params = {"description": "for the backend", "tags": {"team": "a"}}
    request = botocore_request(operation, params)
    assert (request.method, request.path) == (
        http_method("apigateway", "GenerateClientCertificate"),
        request_uri("apigateway", "GenerateClientCertificate"),
    )
    assert CODEC.parse_request(operation, request) == params

    result = {
        "clientCertificateId": "abc123",
        "pemEncodedCertificate": "-----BEGIN CERTIFICATE-----\n...",
        "createdDate": WHEN,
        "expirationDate": LATER,
    }
    response = CODEC.serialize_response(operation, result, "request-1")
    assert response.status == success_status("apigateway", "GenerateClientCertificate")
    assert response.headers["Content-Type"] == "application/json"
    assert response.headers["x-amzn-RequestId"] == "request-1"
    assert json.loads(response.body)["createdDate"] == 1621893540
    assert normalise(parse_result(operation, response)) == result


def test_get_client_certificate_decodes_the_uri_label() -> None:
    operation = APIGATEWAY.operation_model("GetClientCertificate")
    request = botocore_request(operation, {"clientCertificateId": "a b/c%d"})
    # The model's URI template with its one label filled in, percent-encoded.
    assert request.path == re.sub(
        r"\{[^}]+\}", "a%20b%2Fc%25d", request_uri("apigateway", "GetClientCertificate")
    )
    assert CODEC.operation_for(APIGATEWAY, request).name == "GetClientCertificate"
    assert CODEC.parse_request(operation, request) == {"clientCertificateId": "a b/c%d"}


def test_get_client_certificates_reads_the_query_string() -> None:
    operation = APIGATEWAY.operation_model("GetClientCertificates")
    request = botocore_request(operation, {"position": "next page", "limit": 5})
    assert request.query == "position=next%20page&limit=5"
    assert CODEC.parse_request(operation, request) == {"position": "next page", "limit": 5}


def test_update_client_certificate_reads_patch_operations() -> None:
    operation = APIGATEWAY.operation_model("UpdateClientCertificate")
    params = {
        "clientCertificateId": "abc123",
        "patchOperations": [{"op": "replace", "path": "/description", "value": "new"}],
    }
    request = botocore_request(operation, params)
    assert request.method == http_method("apigateway", "UpdateClientCertificate")
    assert CODEC.parse_request(operation, request) == params


def test_delete_client_certificate_answers_202_with_no_body() -> None:
    operation = APIGATEWAY.operation_model("DeleteClientCertificate")
    response = CODEC.serialize_response(operation, {}, "request-1")
    assert (response.status, response.body) == (
        success_status("apigateway", "DeleteClientCertificate"),
        b"",
    )
    assert parse_result(operation, response) == {}


# -- requests -------------------------------------------------------------------------------
FULL_GET_THING: dict[str, Any] = {
    "thingId": "id with space",
    "When": WHEN,
    "Key": "a/b c/d",
    "count": -4,
    "after": LATER,
    "exact": False,
    "tags": ["x", "y&z"],
    "filters": {"colour": ["red", "blue"], "size": ["L"]},
    "since": WHEN,
    "context": {"nested": [1, "two"], "ok": True},
    "names": ["plain", "with,comma", 'with"quote'],
    "dates": [WHEN, LATER],
    "ratio": 0.5,
    "enabled": True,
    "meta": {"colour": "red"},
    "note": "hello",
    "renamed": "r",
    "moment": LATER,
    "data": b"\x00\xff",
    "thing": THING,
}


def test_request_with_every_location_round_trips() -> None:
    request = botocore_request(GET_THING, FULL_GET_THING)
    assert request.path.startswith("/things/id%20with%20space/at/2021-05-24T21%3A59%3A00Z/a/b")
    assert request.header("if-modified-since") == "Mon, 24 May 2021 21:59:00 GMT"
    assert CODEC.operation_for(EXAMPLE, request).name == "GetThing"
    assert CODEC.parse_request(GET_THING, request) == FULL_GET_THING


def test_greedy_label_keeps_slashes() -> None:
    operation = EXAMPLE.operation_model("GetAnyThing")
    request = botocore_request(operation, {"rest": "deep/er/path"})
    assert request.path == "/things/deep/er/path"
    assert CODEC.operation_for(EXAMPLE, request).name == "GetAnyThing"
    assert CODEC.parse_request(operation, request) == {"rest": "deep/er/path"}


def test_most_specific_template_wins() -> None:
    versions = botocore_request(EXAMPLE.operation_model("ListThingVersions"), {"thingId": "t"})
    assert versions.path == "/things/t/versions"
    assert CODEC.operation_for(EXAMPLE, versions).name == "ListThingVersions"
    anything = WireRequest("GET", "/things/t/other")
    assert CODEC.operation_for(EXAMPLE, anything).name == "GetAnyThing"


def test_literal_query_in_the_template_routes_and_is_not_a_parameter() -> None:
    operation = EXAMPLE.operation_model("ImportThings")
    params = {"body": b"raw", "failOnWarnings": True, "parameters": {"k": "v"}}
    request = botocore_request(operation, params)
    assert request.query.startswith("mode=import&")
    assert CODEC.operation_for(EXAMPLE, request).name == "ImportThings"
    assert CODEC.parse_request(operation, request) == params
    create = WireRequest("POST", "/things", "mode=export", body=b"{}")
    assert CODEC.operation_for(EXAMPLE, create).name == "CreateThing"


def test_apigateway_import_is_routed_by_its_query() -> None:
    imported = WireRequest("POST", "/restapis", "mode=import&failonwarnings=true")
    assert CODEC.operation_for(APIGATEWAY, imported).name == "ImportRestApi"
    created = WireRequest("POST", "/restapis", "", body=b'{"name": "x"}')
    assert CODEC.operation_for(APIGATEWAY, created).name == "CreateRestApi"


def test_query_map_takes_only_unclaimed_keys() -> None:
    operation = EXAMPLE.operation_model("ListThings")
    params = {"limit": 3, "position": "p", "parameters": {"a": "1", "b": ""}}
    assert round_trip_request(operation, params) == params
    request = WireRequest("GET", "/things", "limit=3&a=1&a=2")
    assert CODEC.parse_request(operation, request) == {"limit": 3, "parameters": {"a": "1"}}


def test_required_blob_payload_may_be_empty() -> None:
    operation = EXAMPLE.operation_model("ImportThings")
    assert round_trip_request(operation, {"body": b""}) == {"body": b""}


def test_string_payload() -> None:
    operation = EXAMPLE.operation_model("Echo")
    assert round_trip_request(operation, {"text": "naïve"}) == {"text": "naïve"}
    assert round_trip_request(operation, {}) == {}
    response = CODEC.serialize_response(operation, {"text": "naïve"}, "request-1")
    assert response.body == "naïve".encode()
    assert response.headers["Content-Type"] == "text/plain"
    assert parse_result(operation, response) == {"text": "naïve"}


def test_structure_payload() -> None:
    operation = EXAMPLE.operation_model("PutThing")
    params = {"thingId": "t", "thing": THING}
    request = botocore_request(operation, params)
    assert json.loads(request.body)["name"] == "thing"
    assert CODEC.parse_request(operation, request) == params
    # botocore sends "{}" for a payload that was not given.
    assert round_trip_request(operation, {"thingId": "t"}) == {"thingId": "t"}


def test_operation_without_body_members_ignores_the_body() -> None:
    operation = EXAMPLE.operation_model("DeleteThing")
    request = WireRequest("DELETE", "/things/t", body=b"not json")
    assert CODEC.parse_request(operation, request) == {"thingId": "t"}


@pytest.mark.parametrize(
    ("request_", "where"),
    [
        (WireRequest("POST", "/things/t/at/yesterday/k"), "When"),
        (WireRequest("POST", "/things/t/at/1/k", "count=many"), "count"),
        (WireRequest("POST", "/things/t/at/1/k", "exact=yes"), "exact"),
        (WireRequest("POST", "/things/t/at/1/k", headers={"x-ratio": "half"}), "X-Ratio"),
        (WireRequest("POST", "/things/t/at/1/k", headers={"x-context": "{}"}), "X-Context"),
        (WireRequest("POST", "/things/t/at/1/k", body=b"{"), "JSON"),
        (WireRequest("POST", "/things/t/at/1/k", body=b"[]"), "object"),
    ],
)
def test_bad_values_are_serialization_errors(request_: WireRequest, where: str) -> None:
    with pytest.raises(ProtocolError) as caught:
        CODEC.parse_request(GET_THING, request_)
    assert caught.value.code == "SerializationException"
    assert where in caught.value.message


def test_unknown_route() -> None:
    with pytest.raises(ProtocolError) as caught:
        CODEC.operation_for(APIGATEWAY, WireRequest("GET", "/nowhere"))
    assert caught.value.code == "UnknownOperationException"
    with pytest.raises(ProtocolError):
        CODEC.operation_for(APIGATEWAY, WireRequest("TRACE", "/clientcertificates"))


# -- responses ------------------------------------------------------------------------------
def test_response_with_every_location_round_trips() -> None:
    result = {
        "status": 206,
        "etag": '"abc"',
        "modified": WHEN,
        "names": ["a", "b"],
        "context": {"k": ["v"]},
        "count": 2**40,
        "meta": {"Colour": "red"},
        "thing": THING,
        "data": b"\x00\xff",
        "created": LATER,
        "ratio": 1.5,
    }
    response = CODEC.serialize_response(GET_THING, result, "request-1")
    assert response.status == 206
    assert response.headers["Last-Modified"] == "Mon, 24 May 2021 21:59:00 GMT"
    assert response.headers["X-Meta-Colour"] == "red"
    assert base64.b64decode(response.headers["X-Context"]) == b'{"k":["v"]}'
    body = json.loads(response.body)
    assert body["created"] == 1641092645
    assert set(body) == {"thing", "data", "created", "ratio"}
    assert parse_result(GET_THING, response) == result


def test_structure_payload_response_and_header_members() -> None:
    operation = EXAMPLE.operation_model("ImportThings")
    response = CODEC.serialize_response(operation, {"thing": THING, "id": "i"}, "request-1")
    assert json.loads(response.body)["name"] == "thing"
    assert parse_result(operation, response) == {"thing": THING, "id": "i"}


def test_body_is_empty_only_when_the_output_has_no_body() -> None:
    operation = EXAMPLE.operation_model("ListThings")
    assert CODEC.serialize_response(operation, {}, "request-1").body == b"{}"
    delete = EXAMPLE.operation_model("DeleteThing")
    response = CODEC.serialize_response(delete, {}, "request-1")
    assert (response.status, response.body) == (204, b"")


def test_none_members_are_left_out() -> None:
    operation = EXAMPLE.operation_model("ListThings")
    response = CODEC.serialize_response(operation, {"items": None, "position": "p"}, "r")
    assert json.loads(response.body) == {"position": "p"}


def test_unknown_members_are_a_handler_bug() -> None:
    operation = APIGATEWAY.operation_model("GetClientCertificate")
    with pytest.raises(TypeError, match="clientCertificateID"):
        CODEC.serialize_response(operation, {"clientCertificateID": "x"}, "request-1")
    with pytest.raises(TypeError):
        CODEC.serialize_response(EXAMPLE.operation_model("DeleteThing"), {"x": 1}, "r")


# -- errors ---------------------------------------------------------------------------------
def test_error_response_format() -> None:
    operation = APIGATEWAY.operation_model("GetClientCertificate")
    error = ServiceError("NotFoundException", "Invalid certificate identifier specified")
    codec = codec_for(APIGATEWAY, WireGaps(error_type_suffix=ERROR_TYPE_SUFFIX))
    response = codec.serialize_error(operation, error, "request-1")
    assert response.status == error_status("apigateway", "NotFoundException")
    assert response.headers["x-amzn-ErrorType"] == "NotFoundException" + ERROR_TYPE_SUFFIX
    assert response.headers["Content-Type"] == "application/json"
    assert json.loads(response.body) == {"message": "Invalid certificate identifier specified"}


def test_error_fields_go_to_headers_and_body() -> None:
    error = ServiceError("Throttled", "slow down", retryAfter=7, reason="busy")
    response = CODEC.serialize_error(GET_THING, error, "request-1")
    assert response.status == 429
    assert response.headers["x-amzn-ErrorType"] == "Throttled"
    assert response.headers["Retry-After"] == "7"
    assert json.loads(response.body) == {"reason": "busy", "message": "slow down"}
    parsed = botocore_parse(GET_THING.output_shape, response)
    assert parsed["Error"] == {"Code": "Throttled", "Message": "slow down"}
    modeled = botocore_parse(EXAMPLE.shape_for("Throttled"), response)
    assert modeled == {"retryAfter": 7, "reason": "busy", "message": "slow down"}


# -- a botocore client end to end ---------------------------------------------------------
@pytest.fixture
def apigateway() -> Iterator[tuple[Any, list[Handler]]]:
    with codec_client("apigateway", CODEC) as client_and_handlers:
        yield client_and_handlers


def test_client_call_end_to_end(apigateway: tuple[Any, list[Handler]]) -> None:
    seen: list[tuple[str, dict[str, Any]]] = []

    def handler(name: str, params: dict[str, Any]) -> Mapping[str, Any]:
        seen.append((name, params))
        return {"clientCertificateId": "abc123", "createdDate": WHEN}

    client, handlers = apigateway
    handlers.append(handler)
    answer = client.generate_client_certificate(description="d")
    assert seen == [("GenerateClientCertificate", {"description": "d"})]
    assert answer["clientCertificateId"] == "abc123"
    assert answer["createdDate"] == WHEN
    assert answer["ResponseMetadata"]["HTTPStatusCode"] == success_status(
        "apigateway", "GenerateClientCertificate"
    )


def test_client_sees_not_found(apigateway: tuple[Any, list[Handler]]) -> None:
    def handler(name: str, params: dict[str, Any]) -> Mapping[str, Any]:
        raise ServiceError("NotFoundException", "Invalid certificate identifier specified")

    client, handlers = apigateway
    handlers.append(handler)
    with pytest.raises(client.exceptions.NotFoundException) as caught:
        client.get_client_certificate(clientCertificateId="nope")
    error = caught.value.response
    assert error["Error"] == {
        "Code": "NotFoundException",
        "Message": "Invalid certificate identifier specified",
    }
    assert error["ResponseMetadata"]["HTTPStatusCode"] == error_status(
        "apigateway", "NotFoundException"
    )
    assert error["ResponseMetadata"]["RequestId"] == "request-1"


def test_client_sees_retry_after(apigateway: tuple[Any, list[Handler]]) -> None:
    def handler(name: str, params: dict[str, Any]) -> Mapping[str, Any]:
        raise ServiceError("LimitExceededException", "Too many", retryAfterSeconds="30")

    client, handlers = apigateway
    handlers.append(handler)
    with pytest.raises(client.exceptions.LimitExceededException) as caught:
        client.get_client_certificates()
    error = caught.value.response
    assert error["Error"]["Code"] == "LimitExceededException"
    assert error["ResponseMetadata"]["HTTPStatusCode"] == error_status(
        "apigateway", "LimitExceededException"
    )
    assert error["retryAfterSeconds"] == "30"
    assert error["ResponseMetadata"]["HTTPHeaders"]["retry-after"] == "30"


def test_client_sees_unmodeled_error_as_400(apigateway: tuple[Any, list[Handler]]) -> None:
    def handler(name: str, params: dict[str, Any]) -> Mapping[str, Any]:
        raise ServiceError("ValidationException", "No.")

    client, handlers = apigateway
    handlers.append(handler)
    with pytest.raises(ClientError) as caught:
        client.get_client_certificates(limit=1)
    assert caught.value.response["Error"] == {"Code": "ValidationException", "Message": "No."}
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
