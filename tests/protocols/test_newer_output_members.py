"""Result members only newer botocore models have (a service definition's
``ModelGaps.newer_output_members``): every codec leaves them out when the installed model lacks
them, and still treats any other unknown member as a handler's bug."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import botocore.session
import pytest
from botocore.model import OperationModel

from certmock.protocols import Codec, WireGaps, codec_for
from certmock.protocols.json import JsonCodec
from certmock.protocols.query import QueryCodec
from certmock.protocols.rest_json import RestJsonCodec
from certmock.protocols.rpcv2_cbor import RpcV2CborCodec

SESSION = botocore.session.get_session()
FUTURE = "MemberOfATomorrowsModel"


def operation(service: str, name: str) -> OperationModel:
    return SESSION.get_service_model(service).operation_model(name)


def output_name(op: OperationModel) -> str:
    assert op.output_shape is not None
    return op.output_shape.name


# (codec type, operation, the structure given a newer member, a result carrying it there).
CASES: list[tuple[type[Codec], OperationModel, str, Mapping[str, Any]]] = []
for codec_type in (JsonCodec, RpcV2CborCodec):
    describe = operation("acm-pca", "DescribeCertificateAuthority")
    get_policy = operation("acm-pca", "GetPolicy")
    CASES += [
        (
            codec_type,
            describe,
            "CertificateAuthority",
            {"CertificateAuthority": {"Arn": "a", "Status": "ACTIVE", FUTURE: "x"}},
        ),
        # Only scalars under their own names: the copying fast path.
        (codec_type, get_policy, output_name(get_policy), {"Policy": "{}", FUTURE: 1}),
    ]
describe_certificates = operation("rds", "DescribeCertificates")
CASES += [
    (
        QueryCodec,
        describe_certificates,
        "Certificate",
        {"Certificates": [{"CertificateIdentifier": "rds-ca", FUTURE: "x"}], "Marker": "m"},
    ),
    (
        QueryCodec,
        describe_certificates,
        output_name(describe_certificates),
        {"Certificates": [], FUTURE: "x"},
    ),
]
get_client_certificate = operation("apigateway", "GetClientCertificate")
CASES.append(
    (
        RestJsonCodec,
        get_client_certificate,
        output_name(get_client_certificate),
        {"clientCertificateId": "abc123", "description": "d", FUTURE: "x"},
    )
)
IDS = [f"{codec.protocol}-{op.name}-{shape}" for codec, op, shape, _ in CASES]


def without_future(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: without_future(v) for k, v in value.items() if k != FUTURE}
    if isinstance(value, list):
        return [without_future(item) for item in value]
    return value


@pytest.mark.parametrize(("codec_type", "op", "shape_name", "result"), CASES, ids=IDS)
def test_a_newer_member_the_installed_model_lacks_is_left_out(
    codec_type: type[Codec], op: OperationModel, shape_name: str, result: Mapping[str, Any]
) -> None:
    lenient = codec_type(WireGaps(newer_output_members={shape_name: frozenset({FUTURE})}))
    expected = codec_type().serialize_response(op, without_future(result), "r")
    assert lenient.serialize_response(op, result, "r").body == expected.body


@pytest.mark.parametrize(("codec_type", "op", "shape_name", "result"), CASES, ids=IDS)
def test_without_the_declaration_a_newer_member_is_still_a_handler_bug(
    codec_type: type[Codec], op: OperationModel, shape_name: str, result: Mapping[str, Any]
) -> None:
    with pytest.raises(TypeError, match=FUTURE):
        codec_type().serialize_response(op, result, "r")


@pytest.mark.parametrize(("codec_type", "op", "shape_name", "result"), CASES, ids=IDS)
def test_a_member_declared_for_another_shape_is_still_a_handler_bug(
    codec_type: type[Codec], op: OperationModel, shape_name: str, result: Mapping[str, Any]
) -> None:
    elsewhere = codec_type(WireGaps(newer_output_members={"SomeOtherShape": frozenset({FUTURE})}))
    with pytest.raises(TypeError, match=FUTURE):
        elsewhere.serialize_response(op, result, "r")


@pytest.mark.parametrize(("codec_type", "op", "shape_name", "result"), CASES, ids=IDS)
def test_other_unknown_members_beside_a_newer_one_are_still_a_handler_bug(
    codec_type: type[Codec], op: OperationModel, shape_name: str, result: Mapping[str, Any]
) -> None:
    lenient = codec_type(WireGaps(newer_output_members={shape_name: frozenset({FUTURE})}))
    with_typo = {**result, "Bogus": 1}
    with pytest.raises(TypeError, match="Bogus"):
        lenient.serialize_response(op, with_typo, "r")


def test_a_declared_member_the_installed_model_has_is_written() -> None:
    op = operation("rds", "DescribeCertificates")
    result = {"Certificates": [{"CertificateIdentifier": "rds-ca", "Thumbprint": "t"}]}
    lenient = QueryCodec(WireGaps(newer_output_members={"Certificate": frozenset({"Thumbprint"})}))
    assert b"<Thumbprint>t</Thumbprint>" in lenient.serialize_response(op, result, "r").body


def test_codec_for_builds_one_codec_per_protocol_and_gaps() -> None:
    model = SESSION.get_service_model("apigateway")
    plain = codec_for(model)
    assert codec_for(model, WireGaps()) is plain
    suffixed = codec_for(model, WireGaps(error_type_suffix=":x"))
    assert suffixed is not plain
    assert codec_for(model, WireGaps(error_type_suffix=":x")) is suffixed
    newer = WireGaps(newer_output_members={"ClientCertificate": frozenset({FUTURE})})
    assert codec_for(model, newer) is codec_for(model, newer) is not plain
