"""The control API under /_certmock/, over plain HTTP and through ``certmock.remote``."""

from __future__ import annotations

import datetime as _dt
import json
from typing import Any

import pytest
import urllib3
from botocore.exceptions import ClientError

from certmock import Call
from certmock.remote import Remote, RemoteError
from tests.helpers import ROOT_CONFIGURATION
from tests.server.clients import client

NEW_YEAR = _dt.datetime(2026, 1, 1, tzinfo=_dt.timezone.utc)


@pytest.fixture
def remote(certmock_server: Remote) -> Remote:
    """The session's server, emptied and with its clock frozen at New Year."""
    certmock_server.reset()
    certmock_server.clock.freeze(NEW_YEAR)
    return certmock_server


def _http(remote: Remote, method: str, path: str, body: Any = None) -> tuple[int, Any]:
    raw = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
    response = urllib3.request(method, f"{remote.url}/_certmock/{path}", body=raw)
    return response.status, json.loads(response.data)


def test_health_names_the_served_services(remote: Remote) -> None:
    status, health = _http(remote, "GET", "health")
    assert status == 200
    assert health["status"] == "ok"
    assert {"acm", "acm-pca", "apigateway", "rds"} <= set(health["services"])


def test_the_clock_answers_as_the_issue_documents_it(remote: Remote) -> None:
    assert _http(remote, "GET", "clock") == (
        200,
        {"now": "2026-01-01T00:00:00+00:00", "frozen": True},
    )
    status, moved = _http(remote, "POST", "clock/advance", {"days": 1, "hours": 2, "seconds": 3})
    assert (status, moved) == (200, {"now": "2026-01-02T02:00:03+00:00"})
    status, frozen = _http(remote, "POST", "clock/freeze", {"now": "2027-06-01T12:00:00Z"})
    assert (status, frozen) == (200, {"now": "2027-06-01T12:00:00+00:00"})


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "kind"),
    [
        ("POST", "clock/advance", {"weeks": 1}, 400, "BadRequest"),
        ("POST", "clock/advance", {"days": "one"}, 400, "BadRequest"),
        ("POST", "clock/advance", {"days": -1}, 400, "ValueError"),
        ("POST", "clock/advance", b"{not json", 400, "BadRequest"),
        ("POST", "clock/advance", [1, 2], 400, "BadRequest"),
        ("POST", "clock/freeze", {"now": "yesterday"}, 400, "ValueError"),
        ("POST", "clock/freeze", {"when": "2026-01-01"}, 400, "BadRequest"),
        ("GET", "clock/advance", None, 405, "MethodNotAllowed"),
        ("GET", "nothing-here", None, 404, "NotFound"),
        ("POST", "acm/no_such_control", {}, 404, "NotFound"),
        ("POST", "acm/_world", {}, 404, "NotFound"),
        ("GET", "acm/validate", None, 405, "MethodNotAllowed"),
        ("POST", "acm/validate", {"not_a_parameter": 1}, 400, "BadRequest"),
        ("POST", "acm/validate", {"arn": "arn:unknown"}, 400, "KeyError"),
        ("POST", "acm/validate", {"arn": {"$bytes": "!!"}}, 400, "BadRequest"),
        ("PUT", "acmpca/replica_creation_time", {"seconds": 1}, 400, "BadRequest"),
        ("PUT", "acmpca/replica_creation_time", {"value": {"$timedelta": -5}}, 400, "ValueError"),
        ("POST", "acmpca/replica_creation_time", {}, 405, "MethodNotAllowed"),
    ],
)
def test_a_bad_control_request_is_refused_with_a_reason(
    remote: Remote, method: str, path: str, body: Any, status: int, kind: str
) -> None:
    got_status, answer = _http(remote, method, path, body)
    assert (got_status, answer["error"]) == (status, kind)
    assert answer["message"]


def test_the_remote_clock_moves_the_servers_clock(remote: Remote) -> None:
    assert remote.clock.now() == NEW_YEAR
    assert remote.clock.frozen
    assert remote.clock.advance(days=30) == NEW_YEAR + _dt.timedelta(days=30)
    assert remote.clock.advance(_dt.timedelta(hours=1), minutes=1) == NEW_YEAR + _dt.timedelta(
        days=30, hours=1, minutes=1
    )
    remote.clock.unfreeze()
    assert not remote.clock.frozen


def test_time_driven_behaviour_follows_the_remote_clock(remote: Remote) -> None:
    acm = client(remote, "acm")
    arn = acm.request_certificate(DomainName="expiring.example.com", ValidationMethod="DNS")[
        "CertificateArn"
    ]
    remote.acm.validate(arn)
    not_after = acm.describe_certificate(CertificateArn=arn)["Certificate"]["NotAfter"]
    remote.clock.advance(not_after - remote.clock.now() + _dt.timedelta(seconds=1))
    assert acm.describe_certificate(CertificateArn=arn)["Certificate"]["Status"] == "EXPIRED"
    kinds = [event["detail-type"] for event in remote.events]
    assert "ACM Certificate Approaching Expiration" in kinds
    assert kinds[-1] == "ACM Certificate Expired"


def test_calls_come_back_as_calls(remote: Remote) -> None:
    pca = client(remote, "acm-pca", access_key="111122223333")
    pca.create_certificate_authority(
        CertificateAuthorityConfiguration=ROOT_CONFIGURATION, CertificateAuthorityType="ROOT"
    )
    with pytest.raises(ClientError):
        pca.describe_certificate_authority(CertificateAuthorityArn="arn:nope")
    created, refused = remote.calls
    assert isinstance(created, Call)
    assert (created.service, created.operation, created.account_id, created.region) == (
        "acm-pca",
        "CreateCertificateAuthority",
        "111122223333",
        "eu-west-1",
    )
    assert created.ok
    assert created.time == NEW_YEAR
    assert created.result is not None
    assert created.result["CertificateAuthorityArn"].startswith("arn:aws:acm-pca:")
    assert not refused.ok
    assert refused.error is not None
    assert refused.error.code == "ValidationException"


def test_reset_forgets_everything(remote: Remote) -> None:
    client(remote, "apigateway").generate_client_certificate()
    assert remote.calls
    remote.reset()
    assert remote.calls == []
    assert client(remote, "apigateway").get_client_certificates()["items"] == []


def test_controls_describe_themselves_and_take_positional_arguments(remote: Remote) -> None:
    status, controls = _http(remote, "GET", "controls")
    assert status == 200
    assert controls["acm"]["methods"]["use"] == ["arn", "resource_arn"]
    assert "replica_creation_time" in controls["acmpca"]["properties"]
    acm = client(remote, "acm")
    arn = acm.request_certificate(DomainName="used.example.com", ValidationMethod="DNS")[
        "CertificateArn"
    ]
    remote.acm.validate(arn)
    remote.acm.use(arn, "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/x")
    assert acm.describe_certificate(CertificateArn=arn)["Certificate"]["InUseBy"] == [
        "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/x"
    ]
    with pytest.raises(TypeError):
        remote.acm.use(arn, "a", "b")
    with pytest.raises(TypeError):
        remote.acm.use(arn, arn=arn)


def test_properties_read_and_set_over_http(remote: Remote) -> None:
    remote.acmpca.replica_creation_time = _dt.timedelta(minutes=3)
    assert remote.acmpca.replica_creation_time == _dt.timedelta(minutes=3)
    with pytest.raises(AttributeError):
        remote.acm.not_a_property = 1


def test_errors_raised_by_a_control_are_raised_again(remote: Remote) -> None:
    with pytest.raises(KeyError, match="arn:unknown"):
        remote.acm.validate("arn:unknown")
    with pytest.raises(ValueError, match="negative"):
        remote.acmpca.replica_creation_time = _dt.timedelta(seconds=-1)
    with pytest.raises(AttributeError):
        _ = remote.no_such_control
    with pytest.raises(AttributeError):
        _ = remote.acm.no_such_method
    with pytest.raises(RemoteError):
        remote.request("GET", "nothing-here")


def test_objects_and_organization_are_served(remote: Remote) -> None:
    organization = remote.organization.create(
        management_account="123456789012", member_accounts=["111122223333"]
    )
    assert "Organization" in organization["$repr"]
    assert remote.organization.management_account == "123456789012"
    assert remote.objects.buckets() == []


def test_a_control_result_carries_bytes_and_datetimes(remote: Remote) -> None:
    pca = client(remote, "acm-pca", region="us-east-1")
    configuration = {**ROOT_CONFIGURATION}
    arn = pca.create_certificate_authority(
        CertificateAuthorityConfiguration=configuration, CertificateAuthorityType="ROOT"
    )["CertificateAuthorityArn"]
    with pytest.raises(ValueError, match=r"\w"):  # not affiliated: the service would refuse
        remote.acmpca.issue_as_affiliated_service(
            arn, "arn:aws:iam::123456789012:role/x", b"not a csr"
        )
