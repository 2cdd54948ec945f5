"""The fuzz suite's own tools: well-typed requests are what botocore's validator accepts, the
conformance checker sees what it must, and the network guard refuses connections."""

from __future__ import annotations

import datetime as dt
import functools
import socket
from typing import Any

import pytest
from botocore.validate import ParamValidator
from hypothesis import given
from hypothesis import strategies as st

from certmock.botocore_models import service_model
from certmock.services.registry import SERVICES
from tests.fuzz import episode
from tests.fuzz.conformance import check_output
from tests.fuzz.conftest import FUZZ_SETTINGS, Network
from tests.fuzz.deviations import undeclared
from tests.fuzz.shapes import Builder

OPERATIONS = [
    pytest.param(service.name, operation, id=f"{service.name}-{operation}")
    for service in SERVICES
    for operation in episode.served(service.name)
]


@functools.cache
def _well_typed(service: str, operation_name: str) -> st.SearchStrategy[dict[str, Any]]:
    # Built once: constructing text strategies costs more than drawing from them.
    return Builder("well_typed").request(service_model(service).operation_model(operation_name))


@pytest.mark.parametrize(("service", "operation_name"), OPERATIONS)
@FUZZ_SETTINGS
@given(data=st.data())
def test_well_typed_requests_pass_botocore_validation(
    service: str, operation_name: str, data: st.DataObject
) -> None:
    operation = service_model(service).operation_model(operation_name)
    params = data.draw(_well_typed(service, operation_name))
    if operation.input_shape is not None:
        report = ParamValidator().validate(params, operation.input_shape)
        assert not report.has_errors(), report.generate_report()


def _shape(service: str, operation: str) -> Any:
    return service_model(service).operation_model(operation).output_shape


def test_conformance_separates_type_errors_from_constraint_breaches() -> None:
    shape = _shape("acm", "DescribeCertificate")
    answer: dict[str, Any] = {
        "Certificate": {
            "CertificateArn": 7,
            "Status": "NOT_A_STATUS",
            "CreatedAt": "yesterday",
            "Unknown": 1,
        },
        "ResponseMetadata": {},
    }
    report = check_output(shape, answer)
    assert any("CertificateArn" in problem for problem in report.types)
    assert any("CreatedAt" in problem for problem in report.types)
    assert any("Unknown" in problem for problem in report.types)
    assert any("Status" in problem for problem in report.constraints)


def test_conformance_accepts_a_conforming_answer() -> None:
    shape = _shape("acm-pca", "ListCertificateAuthorities")
    when = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    answer = {
        "CertificateAuthorities": [{"Arn": "arn:aws:acm-pca:eu-west-1:1:ca/x", "CreatedAt": when}]
    }
    assert check_output(shape, answer).clean


def test_the_network_guard_sees_and_refuses_connections(network: Network) -> None:
    with socket.socket() as sock, pytest.raises(ConnectionRefusedError):
        sock.connect(("192.0.2.1", 443))
    assert network.attempts == [("192.0.2.1", 443)]
    network.attempts.clear()  # the fixture's own check at teardown must pass


def test_declared_answers_beyond_the_model_are_recognised_and_nothing_else() -> None:
    assert undeclared("acm-pca", ["$.Tags: length 0 outside TagList's [1, 50]"]) == []
    assert undeclared("acm-pca", ["$.Tags: length 51 outside TagList's [1, 50]"]) != []
    assert undeclared("rds", ["$.Tags: length 0 outside TagList's [1, 50]"]) != []
    assert (
        undeclared(
            "acm", ["$.Certificate.KeyAlgorithm: 'RSA-2048' is not one of KeyAlgorithm's enum"]
        )
        == []
    )
    assert undeclared("acm", ["$.X: 'a' does not match Other's pattern 'b'"]) != []
