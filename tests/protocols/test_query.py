"""The query codec against botocore itself: botocore's serializer writes the requests the codec
reads, and botocore's parser reads the responses the codec writes."""

from __future__ import annotations

import datetime as dt
import time
import xml.etree.ElementTree as ET
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
from certmock.protocols import ProtocolError, WireRequest, WireResponse, codec_for
from certmock.protocols.query import QueryCodec
from tests.model_facts import error_code, error_fault, error_status, xml_namespace
from tests.protocols.samples import (
    WHEN,
    Handler,
    botocore_request,
    codec_client,
    normalise,
    sample,
)

UTC = dt.timezone.utc
CODEC = QueryCodec()
RDS: ServiceModel = botocore.session.get_session().get_service_model("rds")
RDS_NAMESPACE = xml_namespace("rds")

# A query service of our own, for what RDS's model never uses: flattened lists and maps,
# renamed map keys, every scalar type, a non-default timestamp format.
EXAMPLE = ServiceModel(
    {
        "metadata": {
            "protocol": "query",
            "apiVersion": "2020-01-01",
            "xmlNamespace": "https://example.com/doc/2020-01-01/",
            "endpointPrefix": "example",
            "serviceId": "Example",
            "signatureVersion": "v4",
        },
        "operations": {
            "Echo": {
                "name": "Echo",
                "http": {"method": "POST", "requestUri": "/"},
                "input": {"shape": "Everything"},
                "output": {"shape": "Everything", "resultWrapper": "EchoResult"},
                "errors": [{"shape": "Broken"}],
            },
            "Bare": {
                "name": "Bare",
                "http": {"method": "POST", "requestUri": "/"},
                "output": {"shape": "Everything"},
            },
        },
        "shapes": {
            "Everything": {
                "type": "structure",
                "members": {
                    "Text": {"shape": "String"},
                    "Renamed": {"shape": "String", "locationName": "OtherName"},
                    "Count": {"shape": "Integer"},
                    "Big": {"shape": "Long"},
                    "Ratio": {"shape": "Double"},
                    "Factor": {"shape": "Float"},
                    "Enabled": {"shape": "Boolean"},
                    "When": {"shape": "Timestamp"},
                    "WhenEpoch": {"shape": "EpochTimestamp"},
                    "Data": {"shape": "Blob"},
                    "Names": {"shape": "NameList"},
                    "Items": {"shape": "ItemList"},
                    "Flat": {"shape": "FlatList"},
                    "FlatNamed": {"shape": "FlatNamedList"},
                    "Tags": {"shape": "TagMap"},
                    "Attributes": {"shape": "NamedMap"},
                    "FlatMap": {"shape": "FlatMap"},
                    "Tree": {"shape": "Node"},
                },
            },
            "Node": {
                "type": "structure",
                "members": {"Label": {"shape": "String"}, "Children": {"shape": "NodeList"}},
            },
            "NodeList": {"type": "list", "member": {"shape": "Node", "locationName": "Node"}},
            "NameList": {"type": "list", "member": {"shape": "String"}},
            "ItemList": {"type": "list", "member": {"shape": "Integer", "locationName": "Item"}},
            "FlatList": {"type": "list", "member": {"shape": "String"}, "flattened": True},
            "FlatNamedList": {
                "type": "list",
                "member": {"shape": "Boolean", "locationName": "Flag"},
                "flattened": True,
            },
            "TagMap": {"type": "map", "key": {"shape": "String"}, "value": {"shape": "String"}},
            "NamedMap": {
                "type": "map",
                "key": {"shape": "String", "locationName": "Name"},
                "value": {"shape": "NameList", "locationName": "Values"},
            },
            "FlatMap": {
                "type": "map",
                "key": {"shape": "String"},
                "value": {"shape": "Integer"},
                "flattened": True,
            },
            "Broken": {
                "type": "structure",
                "members": {"message": {"shape": "String"}, "Detail": {"shape": "String"}},
                "error": {"code": "BrokenThing", "httpStatusCode": 503, "senderFault": False},
                "exception": True,
            },
            "String": {"type": "string"},
            "Integer": {"type": "integer"},
            "Long": {"type": "long"},
            "Double": {"type": "double"},
            "Float": {"type": "float"},
            "Boolean": {"type": "boolean"},
            "Timestamp": {"type": "timestamp"},
            "EpochTimestamp": {"type": "timestamp", "timestampFormat": "unixTimestamp"},
            "Blob": {"type": "blob"},
        },
    },
    "example",
)
ECHO = EXAMPLE.operation_model("Echo")
EVERYTHING: dict[str, Any] = {
    "Text": "a & b <c> = d+e%f",
    "Renamed": "",
    "Count": -3,
    "Big": 2**53,
    "Ratio": 0.25,
    "Factor": float("inf"),
    "Enabled": False,
    "When": dt.datetime(2021, 5, 24, 21, 59, 0, 123456, tzinfo=UTC),
    "WhenEpoch": WHEN,
    "Data": b"\x00\xff binary",
    "Names": ["x", "", "z"],
    "Items": [1, 2],
    "Flat": ["only"],
    "FlatNamed": [True, False],
    "Tags": {"k1": "v1", "k2": ""},
    "Attributes": {"colour": ["red", "blue"], "size": []},
    "FlatMap": {"one": 1, "two": 2},
    "Tree": {
        "Label": "root",
        "Children": [{"Label": "leaf", "Children": []}, {"Children": [{"Label": "deep"}]}],
    },
}


# -- helpers --------------------------------------------------------------------------------
def form_request(body: str, method: str = "POST", query: str = "") -> WireRequest:
    headers = {"content-type": "application/x-www-form-urlencoded; charset=utf-8"}
    return WireRequest(method, "/", query, headers, body.encode())


def botocore_parse(shape: Shape | None, response: WireResponse) -> dict[str, Any]:
    parsed: dict[str, Any] = create_parser("query").parse(
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
    assert response.status == 200
    parsed = botocore_parse(operation.output_shape, response)
    assert parsed.pop("ResponseMetadata")["RequestId"] == "request-1"
    return parsed


def xml_of(response: WireResponse) -> ET.Element:
    return ET.fromstring(response.body)


# -- every RDS operation through botocore ---------------------------------------------------
@pytest.mark.parametrize("name", RDS.operation_names)
def test_request_round_trips_through_botocore(name: str) -> None:
    operation = RDS.operation_model(name)
    params = sample(operation.input_shape)
    parsed = CODEC.parse_request(operation, botocore_request(operation, params))
    assert normalise(parsed) == normalise(params)


@pytest.mark.parametrize("name", RDS.operation_names)
def test_operation_for_routes_every_operation(name: str) -> None:
    operation = RDS.operation_model(name)
    request = botocore_request(operation, sample(operation.input_shape))
    assert CODEC.operation_for(RDS, request).name == name


@pytest.mark.parametrize("name", RDS.operation_names)
def test_response_round_trips_through_botocore(name: str) -> None:
    operation = RDS.operation_model(name)
    result = sample(operation.output_shape)
    response = CODEC.serialize_response(operation, result, "request-1")
    assert normalise(parse_result(operation, response)) == normalise(result)


def test_codec_is_registered_for_query() -> None:
    assert isinstance(codec_for(RDS), QueryCodec)


# -- requests -------------------------------------------------------------------------------
def test_request_with_every_shape_type_round_trips() -> None:
    assert CODEC.parse_request(ECHO, botocore_request(ECHO, EVERYTHING)) == EVERYTHING


def test_request_wire_names() -> None:
    body = (
        "Action=Echo&Version=2020-01-01&OtherName=renamed&Names.member.1=a&Names.member.2=b"
        "&Items.Item.1=7&Flat.1=f&Flag.1=true&Tags.entry.1.key=k&Tags.entry.1.value=v"
        "&Attributes.entry.1.Name=n&Attributes.entry.1.Values.member.1=x"
        "&FlatMap.1.key=one&FlatMap.1.value=1&Tree.Children.Node.1.Label=leaf"
        "&When=2021-05-24T21%3A59%3A00Z&WhenEpoch=1621893540&Data=AAE%3D"
    )
    assert CODEC.parse_request(ECHO, form_request(body)) == {
        "Renamed": "renamed",
        "Names": ["a", "b"],
        "Items": [7],
        "Flat": ["f"],
        "FlatNamed": [True],
        "Tags": {"k": "v"},
        "Attributes": {"n": ["x"]},
        "FlatMap": {"one": 1},
        "Tree": {"Children": [{"Label": "leaf"}]},
        "When": WHEN,
        "WhenEpoch": WHEN,
        "Data": b"\x00\x01",
    }


def test_empty_list_is_sent_as_a_bare_name() -> None:
    request = botocore_request(ECHO, {"Names": [], "Flat": []})
    assert b"Names=&" in request.body + b"&"
    assert CODEC.parse_request(ECHO, request) == {"Names": [], "Flat": []}


def test_list_items_are_read_in_index_order() -> None:
    body = "Names.member.10=ten&Names.member.2=two&Names.member.1=one"
    assert CODEC.parse_request(ECHO, form_request(body)) == {"Names": ["one", "two", "ten"]}


def test_parameters_may_come_in_the_query_string() -> None:
    request = form_request("", method="GET", query="Action=Echo&Count=4&Enabled=true")
    assert CODEC.operation_for(EXAMPLE, request).name == "Echo"
    assert CODEC.parse_request(ECHO, request) == {"Count": 4, "Enabled": True}


def test_timestamps_are_iso8601_by_default_and_honour_timestamp_format() -> None:
    request = botocore_request(ECHO, {"When": WHEN, "WhenEpoch": WHEN})
    assert b"When=2021-05-24T21%3A59%3A00Z" in request.body
    assert b"WhenEpoch=1621893540" in request.body
    assert CODEC.parse_request(ECHO, request) == {"When": WHEN, "WhenEpoch": WHEN}


def test_describe_certificates_request() -> None:
    operation = RDS.operation_model("DescribeCertificates")
    params = {
        "CertificateIdentifier": "rds-ca-rsa2048-g1",
        "Filters": [{"Name": "certificate-id", "Values": ["a", "b"]}],
        "MaxRecords": 20,
        "Marker": "m",
    }
    request = botocore_request(operation, params)
    assert b"Filters.Filter.1.Values.Value.2=b" in request.body
    assert CODEC.parse_request(operation, request) == params


@pytest.mark.parametrize(
    ("body", "parameter"),
    [
        ("MaxRecords=abc", "MaxRecords"),
        ("MaxRecords=1.5", "MaxRecords"),
        ("Filters.Filter.1.Name=n&Filters.Filter.1.Values.Value.1=v&MaxRecords=", "MaxRecords"),
    ],
)
def test_bad_integer_is_invalid_parameter_value(body: str, parameter: str) -> None:
    operation = RDS.operation_model("DescribeCertificates")
    with pytest.raises(ProtocolError) as caught:
        CODEC.parse_request(operation, form_request(body))
    assert caught.value.code == "InvalidParameterValue"
    assert parameter in caught.value.message


@pytest.mark.parametrize(
    ("body", "parameter"),
    [
        ("Enabled=yes", "Enabled"),
        ("When=yesterday", "When"),
        ("Ratio=fast", "Ratio"),
        ("Data=%21%21", "Data"),
        ("Items.Item.1=x", "Items.Item.1"),
        ("Tags.entry.1.key=k", "Tags.entry.1"),
    ],
)
def test_bad_values_name_the_parameter(body: str, parameter: str) -> None:
    with pytest.raises(ProtocolError) as caught:
        CODEC.parse_request(ECHO, form_request(body))
    assert caught.value.code == "InvalidParameterValue"
    assert parameter in caught.value.message


@pytest.mark.parametrize(
    ("body", "parameter"),
    [
        ("MaxRecords=100&Bogus=1", "Bogus"),
        ("Filters.Filter.1.Name=n&Filters.Filter.1.Colour=red", "Filters.Filter.1.Colour"),
        ("Filters.Filter.1=n", "Filters.Filter.1"),
        ("CertificateIdentifier.member.1=x", "CertificateIdentifier.member.1"),
    ],
)
def test_a_parameter_the_operation_lacks_is_refused_naming_it(body: str, parameter: str) -> None:
    operation = RDS.operation_model("DescribeCertificates")
    with pytest.raises(ProtocolError) as caught:
        CODEC.parse_request(operation, form_request(f"Action=DescribeCertificates&{body}"))
    assert caught.value.code == "InvalidParameterValue"
    assert f"parameter {parameter} is not recognized" in caught.value.message


@pytest.mark.parametrize("text", [str(2**31), str(-(2**31) - 1), "9" * 5000])
def test_an_integer_beyond_32_bits_is_invalid(text: str) -> None:
    operation = RDS.operation_model("DescribeCertificates")
    with pytest.raises(ProtocolError) as caught:
        CODEC.parse_request(operation, form_request(f"MaxRecords={text}"))
    assert caught.value.code == "InvalidParameterValue"
    assert "out of range" in caught.value.message


def test_leading_zeros_do_not_make_an_integer_out_of_range() -> None:
    operation = RDS.operation_model("DescribeCertificates")
    params = CODEC.parse_request(operation, form_request("MaxRecords=" + "0" * 40 + "25"))
    assert params == {"MaxRecords": 25}


def test_echoed_input_is_cut_short_in_the_message() -> None:
    operation = RDS.operation_model("DescribeCertificates")
    with pytest.raises(ProtocolError) as caught:
        CODEC.parse_request(operation, form_request("MaxRecords=" + "x" * 1_000_000))
    assert len(caught.value.message) < 400


def _parse_seconds(filters: int) -> float:
    """Seconds to read a DescribeCertificates request of ``filters`` filters with a name and
    a value each: ``2 * filters`` parameters, and a list per filter (the worst case for
    finding each list's items by scanning the names)."""
    body = "&".join(
        f"Filters.Filter.{i}.Name=n{i}&Filters.Filter.{i}.Values.Value.1=v{i}"
        for i in range(1, filters + 1)
    )
    request = form_request(f"Action=DescribeCertificates&{body}")
    operation = RDS.operation_model("DescribeCertificates")
    started = time.perf_counter()
    params = CODEC.parse_request(operation, request)
    elapsed = time.perf_counter() - started
    assert len(params["Filters"]) == filters
    return elapsed


def test_parsing_is_linear_in_the_number_of_parameters() -> None:
    # Best of three against noise; quadratic parsing makes 10x the parameters cost ~100x.
    small = min(_parse_seconds(500) for _ in range(3))
    large = min(_parse_seconds(5_000) for _ in range(3))
    assert large < 25 * small


def test_operation_for_without_or_with_an_unknown_action() -> None:
    with pytest.raises(ProtocolError) as missing:
        CODEC.operation_for(RDS, form_request("Version=2014-10-31"))
    assert missing.value.code == "MissingAction"
    with pytest.raises(ProtocolError) as unknown:
        CODEC.operation_for(RDS, form_request("Action=LaunchRockets"))
    assert unknown.value.code == "InvalidAction"


def test_operation_without_input_reads_nothing() -> None:
    assert CODEC.parse_request(EXAMPLE.operation_model("Bare"), form_request("Action=Bare")) == {}


# -- responses ------------------------------------------------------------------------------
def test_response_with_every_shape_type_round_trips() -> None:
    response = CODEC.serialize_response(ECHO, EVERYTHING, "request-1")
    assert parse_result(ECHO, response) == EVERYTHING


def test_describe_certificates_response_is_what_rds_sends() -> None:
    operation = RDS.operation_model("DescribeCertificates")
    certificate = {
        "CertificateIdentifier": "rds-ca-rsa2048-g1",
        "CertificateType": "CA",
        "ValidFrom": WHEN,
        "ValidTill": dt.datetime(2061, 5, 24, 21, 59, tzinfo=UTC),
        "CustomerOverride": False,
    }
    result = {"Certificates": [certificate], "DefaultCertificateForNewLaunches": "x"}
    response = CODEC.serialize_response(operation, result, "request-1")

    assert response.status == 200
    assert response.headers["Content-Type"] == "text/xml"
    assert response.headers["x-amzn-RequestId"] == "request-1"
    root = xml_of(response)
    ns = {"rds": RDS_NAMESPACE}
    assert root.tag == f"{{{RDS_NAMESPACE}}}DescribeCertificatesResponse"
    listed = root.findall("rds:DescribeCertificatesResult/rds:Certificates/rds:Certificate", ns)
    assert len(listed) == 1
    assert listed[0].findtext("rds:ValidFrom", namespaces=ns) == "2021-05-24T21:59:00Z"
    assert listed[0].findtext("rds:CustomerOverride", namespaces=ns) == "false"
    assert root.findtext("rds:ResponseMetadata/rds:RequestId", namespaces=ns) == "request-1"
    assert parse_result(operation, response) == result


def test_wire_forms_of_lists_and_maps() -> None:
    result = {
        "Names": ["a"],
        "Items": [1],
        "Flat": ["f1", "f2"],
        "FlatNamed": [True],
        "Tags": {"k": "v"},
        "Attributes": {"n": ["x"]},
        "FlatMap": {"one": 1},
        "WhenEpoch": WHEN,
        "Data": b"\x00\x01",
    }
    body = CODEC.serialize_response(ECHO, result, "request-1").body.decode()
    for fragment in (
        "<Names><member>a</member></Names>",
        "<Items><Item>1</Item></Items>",
        "<Flat>f1</Flat><Flat>f2</Flat>",
        "<Flag>true</Flag>",
        "<Tags><entry><key>k</key><value>v</value></entry></Tags>",
        "<Attributes><entry><Name>n</Name><Values><member>x</member></Values></entry>",
        "<FlatMap><key>one</key><value>1</value></FlatMap>",
        "<WhenEpoch>1621893540</WhenEpoch>",
        "<Data>AAE=</Data>",
    ):
        assert fragment in body


def test_special_characters_are_escaped() -> None:
    result = {"Text": "<&>\"'"}
    response = CODEC.serialize_response(ECHO, result, "request-1")
    assert parse_result(ECHO, response) == result


@pytest.mark.parametrize("text", ["bell\x07", "nul\x00", "surrogate\ud800", "esc\x1b[0m"])
def test_characters_xml_forbids_are_written_so_that_botocore_parses_them(text: str) -> None:
    response = CODEC.serialize_response(ECHO, {"Text": text}, "request-1")
    parsed = parse_result(ECHO, response)["Text"]
    assert parsed.startswith(text[:3])
    assert "\\u00" in parsed or "\\ud800" in parsed


def test_none_members_are_left_out() -> None:
    response = CODEC.serialize_response(ECHO, {"Text": None, "Count": 1}, "request-1")
    assert b"<Text" not in response.body
    assert parse_result(ECHO, response) == {"Count": 1}


def test_result_wrapper_is_written_even_when_empty() -> None:
    operation = RDS.operation_model("DescribeCertificates")
    response = CODEC.serialize_response(operation, {}, "request-1")
    assert b"<DescribeCertificatesResult />" in response.body
    assert parse_result(operation, response) == {}


def test_output_without_result_wrapper_sits_under_the_root() -> None:
    operation = EXAMPLE.operation_model("Bare")
    response = CODEC.serialize_response(operation, {"Count": 2}, "request-1")
    assert response.body.startswith(b'<BareResponse xmlns="https://example.com/doc/2020-01-01/">')
    assert b"<BareResponse" in response.body
    assert parse_result(operation, response) == {"Count": 2}


def test_operation_without_output() -> None:
    operation = RDS.operation_model("AddTagsToResource")
    response = CODEC.serialize_response(operation, {}, "request-1")
    assert response.body == (
        f'<AddTagsToResourceResponse xmlns="{RDS_NAMESPACE}">'.encode()
        + b"<ResponseMetadata><RequestId>request-1</RequestId></ResponseMetadata>"
        b"</AddTagsToResourceResponse>"
    )
    assert parse_result(operation, response) == {}


def test_unknown_members_are_a_handler_bug() -> None:
    operation = RDS.operation_model("DescribeCertificates")
    with pytest.raises(TypeError, match="Certificatez"):
        CODEC.serialize_response(operation, {"Certificatez": []}, "request-1")
    with pytest.raises(TypeError, match="Nope"):
        CODEC.serialize_response(operation, {"Certificates": [{"Nope": 1}]}, "request-1")
    with pytest.raises(TypeError):
        CODEC.serialize_response(RDS.operation_model("AddTagsToResource"), {"X": 1}, "r")


# -- errors ---------------------------------------------------------------------------------
def test_error_response_format() -> None:
    operation = RDS.operation_model("DescribeCertificates")
    error = ServiceError("CertificateNotFoundFault", "Certificate x not found.")
    response = CODEC.serialize_error(operation, error, "request-1")
    assert response.status == error_status("rds", "CertificateNotFoundFault")
    assert response.headers["Content-Type"] == "text/xml"
    fault = error_fault("rds", "CertificateNotFoundFault")
    code = error_code("rds", "CertificateNotFoundFault")
    assert (
        response.body
        == (
            f'<ErrorResponse xmlns="{RDS_NAMESPACE}"><Error>'
            f"<Type>{fault}</Type><Code>{code}</Code>"
            "<Message>Certificate x not found.</Message></Error>"
            "<RequestId>request-1</RequestId></ErrorResponse>"
        ).encode()
    )


def test_error_fields_and_receiver_fault() -> None:
    error = ServiceError("Broken", "it broke", Detail="the detail")
    response = CODEC.serialize_error(ECHO, error, "request-1")
    assert response.status == 503
    parsed = botocore_parse(ECHO.output_shape, response)
    assert parsed["Error"] == {
        "Type": "Receiver",
        "Code": "BrokenThing",
        "Message": "it broke",
        "Detail": "the detail",
    }
    assert parsed["ResponseMetadata"]["RequestId"] == "request-1"
    # What botocore adds to a ClientError's response for a modeled error.
    assert botocore_parse(EXAMPLE.shape_for("Broken"), response) == {"Detail": "the detail"}


# -- a botocore client end to end ---------------------------------------------------------
@pytest.fixture
def rds_client() -> Iterator[tuple[Any, list[Handler]]]:
    with codec_client("rds", CODEC) as client_and_handlers:
        yield client_and_handlers


def test_client_call_end_to_end(rds_client: tuple[Any, list[Handler]]) -> None:
    seen: list[tuple[str, dict[str, Any]]] = []

    def handler(name: str, params: dict[str, Any]) -> Mapping[str, Any]:
        seen.append((name, params))
        return {"Certificate": {"CertificateIdentifier": "c", "ValidTill": WHEN}}

    client, handlers = rds_client
    handlers.append(handler)
    answer = client.modify_certificates(
        CertificateIdentifier="rds-ca-rsa4096-g1", RemoveCustomerOverride=False
    )
    assert seen == [
        (
            "ModifyCertificates",
            {"CertificateIdentifier": "rds-ca-rsa4096-g1", "RemoveCustomerOverride": False},
        )
    ]
    assert answer["Certificate"] == {"CertificateIdentifier": "c", "ValidTill": WHEN}
    assert answer["ResponseMetadata"]["RequestId"] == "request-1"


def test_client_sees_modeled_error(rds_client: tuple[Any, list[Handler]]) -> None:
    def handler(name: str, params: dict[str, Any]) -> Mapping[str, Any]:
        raise ServiceError("CertificateNotFoundFault", "Certificate nope not found.")

    client, handlers = rds_client
    handlers.append(handler)
    with pytest.raises(client.exceptions.CertificateNotFoundFault) as caught:
        client.describe_certificates(CertificateIdentifier="nope")
    error = caught.value.response
    assert error["Error"]["Code"] == error_code("rds", "CertificateNotFoundFault")
    assert error["Error"]["Message"] == "Certificate nope not found."
    assert error["Error"]["Type"] == error_fault("rds", "CertificateNotFoundFault")
    assert error["ResponseMetadata"]["HTTPStatusCode"] == error_status(
        "rds", "CertificateNotFoundFault"
    )
    assert error["ResponseMetadata"]["RequestId"] == "request-1"


def test_client_sees_unmodeled_error_as_400(rds_client: tuple[Any, list[Handler]]) -> None:
    def handler(name: str, params: dict[str, Any]) -> Mapping[str, Any]:
        raise ServiceError("InvalidParameterCombination", "No.")

    client, handlers = rds_client
    handlers.append(handler)
    with pytest.raises(ClientError) as caught:
        client.describe_certificates()
    assert caught.value.response["Error"]["Code"] == "InvalidParameterCombination"
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
