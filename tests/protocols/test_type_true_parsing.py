"""Requests that are not what the model says end in the protocol's error, through real clients.

Ill-typed values come from clients with ``parameter_validation=False`` (as other SDKs and
hand-written HTTP may send); malformed bodies are put on the wire beneath botocore, after its
serializer, by a ``before-sign`` handler.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import boto3
import cbor2
import pytest
from botocore import xform_name
from botocore.config import Config
from botocore.exceptions import ClientError

from certmock import Mock
from certmock.protocols import protocol_of
from certmock.protocols.base import MAX_REQUEST_BODY, REQUEST_TOO_LARGE

REGION = "eu-west-1"
UNCHECKED = Config(parameter_validation=False)


@pytest.fixture
def unchecked(certmock: Mock) -> Callable[[str], Any]:
    """A client factory whose clients send whatever they are given."""
    make: Any = boto3.client  # any service name, not one of the stubs' literals
    return lambda service: make(service, region_name=REGION, config=UNCHECKED)


def refusal(call: Callable[[], Any]) -> dict[str, Any]:
    with pytest.raises(ClientError) as caught:
        call()
    response: dict[str, Any] = dict(caught.value.response)
    return response


def on_the_wire(client: Any, operation: str, body: bytes) -> None:
    """Replace the body botocore serialized for ``operation`` with ``body``."""

    def replace(request: Any, **_: Any) -> None:
        request.data = body

    client.meta.events.register_first(
        f"before-sign.{client.meta.service_model.endpoint_prefix}.{operation}", replace
    )


def encode(client: Any, document: Any) -> bytes:
    """``document`` in the encoding the client speaks (JSON, or CBOR for acm-pca on newer
    botocore)."""
    if protocol_of(client.meta.service_model) == "smithy-rpc-v2-cbor":
        return bytes(cbor2.dumps(document))
    return json.dumps(document).encode()


# (service, operation, parameters with one ill-typed value, the member the message names)
ILL_TYPED = [
    ("acm-pca", "DescribeCertificateAuthority", {"CertificateAuthorityArn": 123}, "Certificate"),
    ("acm-pca", "ListCertificateAuthorities", {"MaxResults": "10"}, "MaxResults"),
    ("acm-pca", "ListCertificateAuthorities", {"MaxResults": True}, "MaxResults"),
    ("acm-pca", "ListCertificateAuthorities", {"MaxResults": 2**40}, "MaxResults"),
    ("acm-pca", "ListCertificateAuthorities", {"MaxResults": 1.5}, "MaxResults"),
    ("acm", "RequestCertificate", {"DomainName": ["a.example.com"]}, "DomainName"),
    ("acm", "RequestCertificate", {"DomainName": {"a": 1}}, "DomainName"),
    (
        "acm",
        "RequestCertificate",
        {"DomainName": "example.com", "SubjectAlternativeNames": ["a.example.com", 7]},
        "SubjectAlternativeNames.1",
    ),
    (
        "acm",
        "RequestCertificate",
        {"DomainName": "example.com", "Options": {"Export": True}},
        "Options.Export",
    ),
    (
        "acm",
        "PutAccountConfiguration",
        {"IdempotencyToken": "t", "ExpiryEvents": {"DaysBeforeExpiry": 4.5}},
        "ExpiryEvents.DaysBeforeExpiry",
    ),
    (
        "acm",
        "AddTagsToCertificate",
        {
            "CertificateArn": "arn:aws:acm:eu-west-1:123456789012:certificate/x",
            "Tags": [{"Key": "team", "Value": 5}],
        },
        "Tags.0.Value",
    ),
]


@pytest.mark.parametrize(("service", "operation", "params", "member"), ILL_TYPED)
def test_a_value_of_the_wrong_type_is_a_serialization_error_naming_the_member(
    unchecked: Callable[[str], Any],
    service: str,
    operation: str,
    params: dict[str, Any],
    member: str,
) -> None:
    client = unchecked(service)
    response = refusal(lambda: getattr(client, xform_name(operation))(**params))
    assert response["Error"]["Code"] == "SerializationException"
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert member in response["Error"]["Message"]


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (b'{"MaxItems": 5, "Bogus": 1}', "Unknown member 'Bogus'"),
        (b'{"MaxItems": NaN}', "not valid JSON"),
        (b'{"MaxItems": Infinity}', "not valid JSON"),
        (b'{"MaxItems": 1e999}', "Expected an integer, found a number at 'MaxItems'"),
        (b'{"NextToken": "\\ud800"}', "unpaired surrogate"),
        (b'{"NextToken": "\xff\xfe"}', "not valid JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "not valid JSON"),
        (b'{"Includes": {"keyTypes": ["RSA_2048", null]}}', "Includes.keyTypes.1"),
        (b'{"Includes": {"keyTypes": "RSA_2048"}}', "Includes.keyTypes"),
        (b'"just a string"', "must be a JSON map"),
    ],
)
def test_malformed_json_on_the_wire_is_a_serialization_error(
    certmock: Mock, body: bytes, problem: str
) -> None:
    acm = boto3.client("acm", region_name=REGION)
    on_the_wire(acm, "ListCertificates", body)
    response = refusal(acm.list_certificates)
    assert response["Error"]["Code"] == "SerializationException"
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert problem in response["Error"]["Message"]


def test_an_explicit_null_is_an_absent_member(certmock: Mock) -> None:
    acm = boto3.client("acm", region_name=REGION)
    on_the_wire(acm, "ListCertificates", b'{"NextToken": null, "MaxItems": null}')
    assert acm.list_certificates()["CertificateSummaryList"] == []


@pytest.mark.parametrize(
    "document",
    [
        {"MaxResults": "10"},
        {"MaxResults": float("nan")},
        {"MaxResults": 10, "Unknown": True},
        {"NextToken": ["a list where a string goes"]},
    ],
)
def test_ill_typed_documents_of_either_encoding_are_refused(
    certmock: Mock, document: dict[str, Any]
) -> None:
    pca = boto3.client("acm-pca", region_name=REGION)
    on_the_wire(pca, "ListCertificateAuthorities", encode(pca, document))
    response = refusal(pca.list_certificate_authorities)
    assert response["Error"]["Code"] == "SerializationException"


def test_api_gateway_answers_an_ill_typed_value_with_its_bad_request_exception(
    unchecked: Callable[[str], Any],
) -> None:
    apigateway = unchecked("apigateway")
    response = refusal(lambda: apigateway.generate_client_certificate(description=123))
    assert response["Error"]["Code"] == "BadRequestException"
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert "description" in response["Error"]["Message"]
    assert apigateway.get_client_certificates()["items"] == []


def test_api_gateway_answers_a_body_that_is_not_json_with_its_bad_request_exception(
    certmock: Mock,
) -> None:
    apigateway = boto3.client("apigateway", region_name=REGION)
    on_the_wire(apigateway, "GenerateClientCertificate", b"{not json")
    response = refusal(apigateway.generate_client_certificate)
    assert response["Error"]["Code"] == "BadRequestException"


def test_rds_answers_text_of_the_wrong_type_with_invalid_parameter_value(
    unchecked: Callable[[str], Any],
) -> None:
    rds = unchecked("rds")
    response = refusal(lambda: rds.describe_certificates(MaxRecords="many"))
    assert response["Error"]["Code"] == "InvalidParameterValue"
    assert "MaxRecords" in response["Error"]["Message"]


def test_an_empty_uri_label_is_a_bad_request_naming_the_label(
    unchecked: Callable[[str], Any],
) -> None:
    apigateway = unchecked("apigateway")
    response = refusal(lambda: apigateway.get_client_certificate(clientCertificateId=""))
    assert response["Error"]["Code"] == "BadRequestException"
    assert "clientcertificate_id" in response["Error"]["Message"]


@pytest.mark.parametrize(
    ("service", "operation", "call"),
    [
        ("acm", "ListCertificates", lambda client: client.list_certificates()),
        ("rds", "DescribeCertificates", lambda client: client.describe_certificates()),
        (
            "apigateway",
            "GenerateClientCertificate",
            lambda client: client.generate_client_certificate(),
        ),
    ],
)
def test_a_body_over_the_limit_is_refused_with_413(
    certmock: Mock, service: str, operation: str, call: Callable[[Any], Any]
) -> None:
    make: Any = boto3.client
    client = make(service, region_name=REGION)
    on_the_wire(client, operation, b" " * (MAX_REQUEST_BODY + 1))
    response = refusal(lambda: call(client))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 413
    assert response["Error"]["Code"] == REQUEST_TOO_LARGE
    assert str(MAX_REQUEST_BODY) in response["Error"]["Message"]
    assert certmock.calls[-1].error is not None
