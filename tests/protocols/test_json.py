"""The awsJson codec against botocore itself: botocore's serializer writes the requests the
codec reads, and botocore's parser reads the responses the codec writes."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import botocore.session
import pytest
from botocore.awsrequest import HeadersDict
from botocore.model import OperationModel, ServiceModel, Shape
from botocore.parsers import create_parser

from certmock.errors import ServiceError
from certmock.protocols import ProtocolError, WireRequest, WireResponse, codec_for, protocol_of
from certmock.protocols.json import JsonCodec
from tests.model_facts import needs_member
from tests.protocols.samples import botocore_request, sample

UTC = dt.timezone.utc
CODEC = JsonCodec()
SESSION = botocore.session.get_session()
MODELS = {name: SESSION.get_service_model(name) for name in ("acm-pca", "acm")}
OPERATIONS = [
    (name, operation) for name, model in MODELS.items() for operation in model.operation_names
]


def wire_request(operation: OperationModel, params: dict[str, Any]) -> WireRequest:
    return botocore_request(operation, params, "json")


def botocore_parse(response: WireResponse, shape: Shape | None) -> Any:
    """What botocore's json parser reads from ``response`` with ``shape``."""
    # botocore takes None for an operation without output; botocore-stubs wants a Shape.
    parser: Any = create_parser("json")
    return parser.parse(
        {
            "status_code": response.status,
            "headers": HeadersDict(response.headers),
            "body": response.body,
        },
        shape,
    )


@pytest.mark.parametrize(("service", "operation_name"), OPERATIONS)
def test_requests_botocore_writes_parse_back_to_the_callers_parameters(
    service: str, operation_name: str
) -> None:
    operation = MODELS[service].operation_model(operation_name)
    params = sample(operation.input_shape)
    assert CODEC.parse_request(operation, wire_request(operation, params)) == params


@pytest.mark.parametrize(("service", "operation_name"), OPERATIONS)
def test_responses_parse_in_botocore_to_the_handlers_result(
    service: str, operation_name: str
) -> None:
    operation = MODELS[service].operation_model(operation_name)
    result = sample(operation.output_shape)
    response = CODEC.serialize_response(operation, result, "request-1")
    parsed = botocore_parse(response, operation.output_shape)
    metadata = parsed.pop("ResponseMetadata")
    assert metadata["RequestId"] == "request-1"
    assert parsed == result
    assert response.status == 200


@pytest.mark.parametrize(("service", "operation_name"), OPERATIONS)
def test_botocore_routes_every_target_to_its_operation(service: str, operation_name: str) -> None:
    model = MODELS[service]
    operation = model.operation_model(operation_name)
    request = wire_request(operation, sample(operation.input_shape))
    assert CODEC.operation_for(model, request).name == operation_name


def test_timestamps_travel_as_epoch_seconds() -> None:
    operation = MODELS["acm-pca"].operation_model("DescribeCertificateAuthority")
    when = dt.datetime(2026, 1, 1, 0, 0, 0, 500000, tzinfo=UTC)
    body = CODEC.serialize_response(
        operation, {"CertificateAuthority": {"CreatedAt": when, "Arn": "a"}}, "r"
    ).body
    assert json.loads(body) == {"CertificateAuthority": {"CreatedAt": 1767225600.5, "Arn": "a"}}


@pytest.mark.parametrize(
    ("operation_name", "result"),
    [
        ("DescribeCertificateAuthority", {"Bogus": 1}),
        ("GetPolicy", {"Policy": "{}", "Bogus": 1}),  # only scalars: the copying fast path
        (
            "DescribeCertificateAuthority",
            {
                "CertificateAuthority": {
                    "CertificateAuthorityConfiguration": {
                        "KeyAlgorithm": "RSA_2048",
                        "SigningAlgorithm": "SHA256WITHRSA",
                        "Subject": {"CommonName": "x", "Bogus": 1},
                    }
                }
            },
        ),
    ],
    ids=["top-level", "flat-structure", "nested-flat-structure"],
)
def test_a_member_the_output_shape_lacks_is_a_handler_bug(
    operation_name: str, result: dict[str, Any]
) -> None:
    operation = MODELS["acm-pca"].operation_model(operation_name)
    with pytest.raises(TypeError, match="has no member 'Bogus'"):
        CODEC.serialize_response(operation, result, "r")


def test_none_members_are_left_out_of_flat_structures() -> None:
    operation = MODELS["acm-pca"].operation_model("GetCertificate")
    body = CODEC.serialize_response(
        operation, {"Certificate": "pem", "CertificateChain": None}, "r"
    ).body
    assert json.loads(body) == {"Certificate": "pem"}


def error_response(model: ServiceModel, operation_name: str, error: ServiceError) -> Any:
    operation = model.operation_model(operation_name)
    response = CODEC.serialize_error(operation, error, "request-2")
    return response, botocore_parse(response, operation.output_shape)


def test_a_modeled_error_carries_its_code_message_and_status() -> None:
    response, parsed = error_response(
        MODELS["acm-pca"],
        "DescribeCertificateAuthority",
        ServiceError("ResourceNotFoundException", "gone"),
    )
    assert response.status == 400
    assert json.loads(response.body) == {"__type": "ResourceNotFoundException", "message": "gone"}
    assert parsed["Error"] == {"Code": "ResourceNotFoundException", "Message": "gone"}
    assert parsed["ResponseMetadata"]["RequestId"] == "request-2"


def test_an_error_whose_shape_says_message_with_a_capital_uses_it() -> None:
    response, parsed = error_response(
        MODELS["acm"], "GetAccountConfiguration", ServiceError("AccessDeniedException", "no")
    )
    assert json.loads(response.body)["Message"] == "no"
    assert parsed["Error"]["Message"] == "no"


@needs_member("acm", "ThrottlingException", "throttlingReasons")
def test_extra_error_fields_are_serialised_through_the_error_shape() -> None:
    model = MODELS["acm"]
    response, _ = error_response(
        model,
        "GetAccountConfiguration",
        ServiceError(
            "ThrottlingException",
            "slow down",
            throttlingReasons=[{"reason": "LIMIT", "resource": "x"}],
        ),
    )
    # botocore reads modeled error fields by parsing the body with the error's own shape (in
    # awsJson an error shape's name is its code).
    fields = botocore_parse(response, model.shape_for("ThrottlingException"))
    assert fields["throttlingReasons"] == [{"reason": "LIMIT", "resource": "x"}]


def test_an_unmodeled_error_keeps_its_code_with_status_400() -> None:
    response, parsed = error_response(
        MODELS["acm-pca"], "ListTags", ServiceError("ValidationException", "bad")
    )
    assert response.status == 400
    assert parsed["Error"]["Code"] == "ValidationException"


@pytest.mark.parametrize("body", [b"{not json", b"[1, 2]"])
def test_a_body_that_is_not_a_json_object_is_a_serialization_error(body: bytes) -> None:
    operation = MODELS["acm-pca"].operation_model("ListTags")
    with pytest.raises(ProtocolError) as raised:
        CODEC.parse_request(operation, WireRequest("POST", "/", body=body))
    assert raised.value.code == "SerializationException"


def test_a_bad_blob_is_a_serialization_error() -> None:
    operation = MODELS["acm-pca"].operation_model("ImportCertificateAuthorityCertificate")
    body = json.dumps({"CertificateAuthorityArn": "a", "Certificate": "***"}).encode()
    with pytest.raises(ProtocolError):
        CODEC.parse_request(operation, WireRequest("POST", "/", body=body))


def test_an_unknown_target_is_refused() -> None:
    request = WireRequest("POST", "/", headers={"x-amz-target": "ACMPrivateCA.Nope"})
    with pytest.raises(ProtocolError) as raised:
        CODEC.operation_for(MODELS["acm-pca"], request)
    assert raised.value.code == "UnknownOperationException"


@pytest.mark.parametrize("service", ["acm-pca", "acm", "rds", "apigateway"])
def test_the_codec_is_chosen_by_the_models_protocol(service: str) -> None:
    model = SESSION.get_service_model(service)
    assert codec_for(model).protocol == protocol_of(model)


def test_a_protocol_without_a_codec_is_refused_by_name() -> None:
    s3 = SESSION.get_service_model("s3")
    with pytest.raises(NotImplementedError, match=protocol_of(s3)):
        codec_for(s3)


@pytest.mark.parametrize(
    ("body", "refused"),
    [
        (b"[" * 201 + b"]" * 201, True),
        (b'{"a":' * 201 + b"1" + b"}" * 201, True),
        (b"[" * 200 + b"]" * 200, False),
        # Brackets inside a string are text, not nesting.
        (b'{"Key": "' + b"[" * 5000 + b'"}', False),
    ],
    ids=["arrays-201", "objects-201", "arrays-200", "brackets-in-a-string"],
)
def test_json_nested_deeper_than_the_limit_is_refused_before_parsing(
    body: bytes, refused: bool
) -> None:
    """Refused before json.loads reaches Python's recursion limit (where a garbage-collector
    callback that runs meanwhile would fail)."""
    from certmock.protocols.document_types import MAX_NESTING, load_json

    assert MAX_NESTING == 200
    if refused:
        with pytest.raises(ValueError, match="nested more than 200 levels"):
            load_json(body)
    else:
        load_json(body)
