"""Routing a bare HTTP request (as a client that was never hooked, or the coming server,
sends it): the service from the SigV4 scope, the operation from the wire, the account from the
access key and the Region from the scope - for every protocol certmock speaks."""

from __future__ import annotations

from typing import Any

import botocore.session
import pytest

from certmock.hook import wire_request
from certmock.protocols import WireRequest
from certmock.routing import UNKNOWN_OPERATION, event_target, route, wire_target
from certmock.services.registry import definition

ACCOUNT = "111122223333"


def sent(service: str, operation: str, params: dict[str, Any], key: str = ACCOUNT) -> WireRequest:
    """The request a real botocore client puts on the wire, caught before it leaves."""
    session = botocore.session.get_session()
    client = session.create_client(
        service, region_name="eu-west-2", aws_access_key_id=key, aws_secret_access_key="s"
    )
    caught: list[WireRequest] = []

    def catch(request: Any, **_: Any) -> None:
        caught.append(wire_request(request))
        raise _Caught

    service_id = client.meta.service_model.service_id.hyphenize()
    client.meta.events.register_first(f"before-send.{service_id}", catch)
    with pytest.raises(_Caught):
        getattr(client, _python_name(client, operation))(**params)
    return caught[0]


class _Caught(Exception):
    pass


def _python_name(client: Any, operation: str) -> str:
    mapping: dict[str, str] = client.meta.method_to_api_mapping
    return next(name for name, api in mapping.items() if api == operation)


@pytest.mark.parametrize(
    ("service", "operation", "params"),
    [
        ("acm", "ListCertificates", {}),  # awsJson1.1: X-Amz-Target
        ("rds", "DescribeCertificates", {}),  # query: Action
        ("apigateway", "GetClientCertificate", {"clientCertificateId": "abc"}),  # rest-json
        ("acm-pca", "ListCertificateAuthorities", {}),  # json or rpc-v2-cbor, by botocore
    ],
)
def test_a_bare_request_is_routed_to_its_service_operation_account_and_region(
    service: str, operation: str, params: dict[str, Any]
) -> None:
    request = sent(service, operation, params)
    target = wire_target(request)
    assert (target.service, target.operation) == (service, operation)
    assert target.definition is definition(service)
    assert target.served
    called = route(target, request, default_account="123456789012")
    assert (called.account_id, called.region) == (ACCOUNT, "eu-west-2")


def test_an_access_key_that_is_not_an_account_id_means_the_default_account() -> None:
    request = sent("acm", "ListCertificates", {}, key="AKIDEXAMPLE")
    called = route(wire_target(request), request, default_account="123456789012")
    assert called.account_id == "123456789012"


def test_a_service_certmock_does_not_model_is_named_by_its_signing_name() -> None:
    request = sent("s3", "ListBuckets", {})
    target = wire_target(request)
    assert (target.service, target.operation, target.definition) == ("s3", UNKNOWN_OPERATION, None)
    assert not target.served


def test_an_event_name_routes_without_reading_the_request() -> None:
    target = event_target("before-send.acm-pca.IssueCertificate")
    assert (target.service, target.operation) == ("acm-pca", "IssueCertificate")
    assert target.served
    unknown = event_target("before-send.s3.ListBuckets")
    assert (unknown.service, unknown.definition, unknown.served) == ("s3", None, False)
