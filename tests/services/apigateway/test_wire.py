"""What travels on the wire: rest-json status codes, bodies and the x-amzn-ErrorType header."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.model_facts import output_member, wire_name, wire_names
from tests.services.apigateway.helpers import (
    BAD_REQUEST,
    NOT_FOUND,
    NOW,
    Wire,
    answered_with,
    arn_of,
    generate,
)

pytestmark = pytest.mark.certmock(now=NOW)

ERROR_TYPE_SUFFIX = ":http://internal.amazon.com/coral/com.amazonaws.backplane.controlplane/"


def test_generate_answers_201_with_a_json_client_certificate(apigateway: Any) -> None:
    wire = Wire(apigateway)
    apigateway.generate_client_certificate(description="d", tags={"k": "v"})
    status, headers, body = wire.last()
    assert status == answered_with("GenerateClientCertificate")
    assert headers["Content-Type"] == "application/json"
    document = json.loads(body)
    # Every member of the modeled ClientCertificate is filled in, under its wire name.
    assert sorted(document) == sorted(
        wire_names(output_member("apigateway", "GenerateClientCertificate"))
    )
    assert document["tags"] == {"k": "v"}


def test_dates_are_epoch_seconds(apigateway: Any) -> None:
    wire = Wire(apigateway)
    apigateway.generate_client_certificate()
    document = wire.last_json()
    assert document["createdDate"] == NOW.timestamp()
    assert document["expirationDate"] - document["createdDate"] == 31_536_000


def test_the_list_is_sent_as_item_with_a_position_while_more_remain(apigateway: Any) -> None:
    ids = [generate(apigateway) for _ in range(2)]
    wire = Wire(apigateway)
    apigateway.get_client_certificates(limit=1)
    status, _, _ = wire.last()
    document = wire.last_json()
    assert status == answered_with("GetClientCertificates")
    listing = output_member("apigateway", "GetClientCertificates")
    assert sorted(document) == sorted(wire_names(listing))
    items = wire_name(listing, "items")
    assert [item["clientCertificateId"] for item in document[items]] == ids[:1]


def test_get_and_update_answer_200(apigateway: Any) -> None:
    client_certificate_id = generate(apigateway)
    wire = Wire(apigateway)
    apigateway.get_client_certificate(clientCertificateId=client_certificate_id)
    apigateway.update_client_certificate(
        clientCertificateId=client_certificate_id,
        patchOperations=[{"op": "replace", "path": "/description", "value": "x"}],
    )
    assert [response.status_code for response in wire.responses] == [
        answered_with("GetClientCertificate"),
        answered_with("UpdateClientCertificate"),
    ]
    assert wire.last_json()["description"] == "x"


def test_delete_answers_202_with_an_empty_body(apigateway: Any) -> None:
    client_certificate_id = generate(apigateway)
    wire = Wire(apigateway)
    apigateway.delete_client_certificate(clientCertificateId=client_certificate_id)
    status, _, body = wire.last()
    assert (status, body) == (answered_with("DeleteClientCertificate"), b"")


def test_tag_and_untag_answer_204_with_an_empty_body(apigateway: Any) -> None:
    resource_arn = arn_of(generate(apigateway))
    wire = Wire(apigateway)
    apigateway.tag_resource(resourceArn=resource_arn, tags={"k": "v"})
    apigateway.untag_resource(resourceArn=resource_arn, tagKeys=["k"])
    assert [(r.status_code, r.content) for r in wire.responses] == [
        (answered_with("TagResource"), b""),
        (answered_with("UntagResource"), b""),
    ]


def test_get_tags_answers_a_tags_map(apigateway: Any) -> None:
    resource_arn = arn_of(generate(apigateway, tags={"k": "v"}))
    wire = Wire(apigateway)
    apigateway.get_tags(resourceArn=resource_arn)
    assert wire.last()[0] == answered_with("GetTags")
    assert wire.last_json() == {"tags": {"k": "v"}}


@pytest.mark.parametrize(
    ("call", "status", "code"),
    [
        (
            lambda c: c.get_client_certificate(clientCertificateId="nosuch"),
            NOT_FOUND,
            "NotFoundException",
        ),
        (lambda c: c.get_client_certificates(limit=501), BAD_REQUEST, "BadRequestException"),
        (lambda c: c.get_tags(resourceArn="not-an-arn"), BAD_REQUEST, "BadRequestException"),
    ],
    ids=["not-found", "bad-limit", "bad-arn"],
)
def test_a_refusal_carries_its_status_error_type_and_a_message_body(
    apigateway: Any, call: Any, status: int, code: str
) -> None:
    wire = Wire(apigateway)
    with pytest.raises(apigateway.exceptions.ClientError) as raised:
        call(apigateway)
    sent_status, headers, body = wire.last()
    assert sent_status == status
    assert headers["x-amzn-ErrorType"] == code + ERROR_TYPE_SUFFIX
    assert headers["Content-Type"] == "application/json"
    document = json.loads(body)
    assert document == {"message": raised.value.response["Error"]["Message"]}
    assert raised.value.response["Error"]["Code"] == code
    assert headers["x-amzn-RequestId"] == raised.value.response["ResponseMetadata"]["RequestId"]
