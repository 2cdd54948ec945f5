"""The Smithy RPC v2 CBOR codec against botocore's own CBOR serializer and parser, over every
ACM Private CA operation (botocore 1.44 and later speak CBOR to that service)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import botocore
import botocore.serialize
import botocore.session
import cbor2
import pytest
from botocore.awsrequest import HeadersDict
from botocore.model import OperationModel, ServiceModel
from botocore.parsers import create_parser

from certmock.errors import ServiceError
from certmock.protocols import ProtocolError, WireRequest, codec_for, protocol_of
from certmock.protocols.rpcv2_cbor import RpcV2CborCodec
from tests.protocols.samples import botocore_request, sample

CODEC = RpcV2CborCodec()
MODEL: ServiceModel = botocore.session.get_session().get_service_model("acm-pca")
OPERATIONS = MODEL.operation_names

# botocore's own CBOR serializer and parser are the reference; older botocore has neither.
pytestmark = pytest.mark.skipif(
    "smithy-rpc-v2-cbor" not in botocore.serialize.SERIALIZERS,
    reason=f"botocore {botocore.__version__} has no Smithy RPC v2 CBOR protocol (1.44+)",
)


def wire_request(operation: OperationModel, params: dict[str, Any]) -> WireRequest:
    return botocore_request(operation, params, "smithy-rpc-v2-cbor")


def parse(response: Any, shape: Any) -> Any:
    return create_parser("smithy-rpc-v2-cbor").parse(
        {
            "status_code": response.status,
            "headers": HeadersDict(response.headers),
            "body": response.body,
        },
        shape,
    )


@pytest.mark.parametrize("operation_name", OPERATIONS)
def test_requests_botocore_writes_parse_back_to_the_callers_parameters(
    operation_name: str,
) -> None:
    operation = MODEL.operation_model(operation_name)
    params = sample(operation.input_shape)
    assert CODEC.parse_request(operation, wire_request(operation, params)) == params


@pytest.mark.parametrize("operation_name", OPERATIONS)
def test_responses_parse_in_botocore_to_the_handlers_result(operation_name: str) -> None:
    operation = MODEL.operation_model(operation_name)
    result = sample(operation.output_shape)
    response = CODEC.serialize_response(operation, result, "request-1")
    parsed = parse(response, operation.output_shape)
    metadata = parsed.pop("ResponseMetadata", {})
    if operation.output_shape is not None:
        assert metadata["RequestId"] == "request-1"
    assert parsed == result


@pytest.mark.parametrize("operation_name", OPERATIONS)
def test_the_path_routes_to_the_operation(operation_name: str) -> None:
    operation = MODEL.operation_model(operation_name)
    request = wire_request(operation, sample(operation.input_shape))
    assert CODEC.operation_for(MODEL, request).name == operation_name


def test_timestamps_are_tag_1_epoch_seconds_and_blobs_byte_strings() -> None:
    operation = MODEL.operation_model("GetCertificateAuthorityCsr")
    assert cbor2.loads(CODEC.serialize_response(operation, {"Csr": "pem"}, "r").body) == {
        "Csr": "pem"
    }
    describe = MODEL.operation_model("DescribeCertificateAuthority")
    when = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    body = CODEC.serialize_response(describe, {"CertificateAuthority": {"CreatedAt": when}}, "r")
    assert b"\xc1\x1a" in body.body  # tag 1, then a 32-bit unsigned integer
    assert cbor2.loads(body.body) == {"CertificateAuthority": {"CreatedAt": when}}


def test_an_error_carries_type_message_and_status() -> None:
    operation = MODEL.operation_model("DescribeCertificateAuthority")
    response = CODEC.serialize_error(operation, ServiceError("InvalidStateException", "no"), "r")
    assert response.status == 400
    assert cbor2.loads(response.body) == {"__type": "InvalidStateException", "message": "no"}
    assert parse(response, operation.output_shape)["Error"] == {
        "Code": "InvalidStateException",
        "Message": "no",
    }


@pytest.mark.parametrize("body", [b"\xff\xff", cbor2.dumps([1, 2])])
def test_a_body_that_is_not_a_cbor_map_is_a_serialization_error(body: bytes) -> None:
    operation = MODEL.operation_model("ListTags")
    with pytest.raises(ProtocolError) as raised:
        CODEC.parse_request(operation, WireRequest("POST", "/", body=body))
    assert raised.value.code == "SerializationException"


def test_a_blob_that_is_not_bytes_is_a_serialization_error() -> None:
    operation = MODEL.operation_model("ImportCertificateAuthorityCertificate")
    body = cbor2.dumps({"CertificateAuthorityArn": "a", "Certificate": "text"})
    with pytest.raises(ProtocolError):
        CODEC.parse_request(operation, WireRequest("POST", "/", body=body))


@pytest.mark.parametrize(
    ("document", "where"),
    [
        ({"CertificateAuthorityArn": b"bytes"}, "CertificateAuthorityArn"),
        ({"CertificateAuthorityArn": "a", "MaxResults": float("nan")}, "MaxResults"),
        ({"CertificateAuthorityArn": "a", "MaxResults": 2**70}, "MaxResults"),
        ({"CertificateAuthorityArn": cbor2.CBORTag(99, "x")}, "CertificateAuthorityArn"),
        ({"CertificateAuthorityArn": "a", 7: "a key that is not text"}, "Unknown member '7'"),
        ({"CertificateAuthorityArn": "a", "NextToken": None}, None),
    ],
)
def test_cbor_values_of_the_wrong_type_are_serialization_errors(
    document: dict[Any, Any], where: str | None
) -> None:
    operation = MODEL.operation_model("ListTags")
    request = WireRequest("POST", "/", body=cbor2.dumps(document))
    if where is None:  # null is an absent member
        assert CODEC.parse_request(operation, request) == {"CertificateAuthorityArn": "a"}
        return
    with pytest.raises(ProtocolError) as raised:
        CODEC.parse_request(operation, request)
    assert raised.value.code == "SerializationException"
    assert where in raised.value.message


def test_cbor_nested_too_deeply_is_a_serialization_error() -> None:
    operation = MODEL.operation_model("ListTags")
    body = b"\x81" * 100_000 + b"\x00"
    with pytest.raises(ProtocolError) as raised:
        CODEC.parse_request(operation, WireRequest("POST", "/", body=body))
    assert raised.value.code == "SerializationException"


@pytest.mark.parametrize(
    "path", ["/service/Other/operation/ListTags", "/service/ACMPrivateCA/operation/Nope", "/"]
)
def test_an_unknown_path_is_refused(path: str) -> None:
    with pytest.raises(ProtocolError):
        CODEC.operation_for(MODEL, WireRequest("POST", path))


def test_a_model_listing_several_protocols_is_served_in_the_one_botocore_picks() -> None:
    listed = dict(MODEL.metadata)
    listed["protocols"] = ["smithy-rpc-v2-cbor", "json"]
    model = ServiceModel({"metadata": listed, "operations": {}, "shapes": {}}, "acm-pca")
    assert codec_for(model).protocol == protocol_of(model)
    assert protocol_of(model) in listed["protocols"]
