"""``serve --verify-signatures``: SigV4 checked against the configured secrets, refusals in
each protocol's own code and HTTP status, as AWS's front end sends them."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterator
from typing import Any

import boto3
import pytest
from botocore import UNSIGNED
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials
from botocore.exceptions import ClientError

from certmock.protocols import WireRequest
from certmock.remote import Remote, serve
from certmock.server.signatures import JSON, QUERY, Refused, Verifier
from tests.server.clients import NO_RETRIES

KEY_ID = "AKIDEXAMPLE"
SECRET = "secret"
ACCOUNT_KEY_ID = "111122223333"
REGION = "eu-west-1"

# One cheap read per service, and what AWS's front end answers on its protocol:
# (wrong secret, unknown key id, no signature) as (code, HTTP status).
SERVICES: dict[str, tuple[Callable[[Any], Any], tuple[tuple[str, int], ...]]] = {
    "acm-pca": (
        lambda c: c.list_certificate_authorities(),
        (
            ("InvalidSignatureException", 400),
            ("UnrecognizedClientException", 400),
            ("MissingAuthenticationTokenException", 400),
        ),
    ),
    "acm": (
        lambda c: c.list_certificates(),
        (
            ("InvalidSignatureException", 400),
            ("UnrecognizedClientException", 400),
            ("MissingAuthenticationTokenException", 400),
        ),
    ),
    "rds": (
        lambda c: c.describe_certificates(),
        (
            ("SignatureDoesNotMatch", 403),
            ("InvalidClientTokenId", 403),
            ("MissingAuthenticationToken", 403),
        ),
    ),
    "apigateway": (
        lambda c: c.get_client_certificates(),
        (
            ("InvalidSignatureException", 403),
            ("UnrecognizedClientException", 403),
            ("MissingAuthenticationTokenException", 403),
        ),
    ),
}


@pytest.fixture(scope="module")
def remote() -> Iterator[Remote]:
    with serve(
        "--verify-signatures",
        "--credentials",
        f"{KEY_ID}:{SECRET}",
        "--credentials",
        f"{ACCOUNT_KEY_ID}:{SECRET}",
    ) as running:
        yield running


def _client(
    remote: Remote,
    service: str,
    *,
    key_id: str = KEY_ID,
    secret: str = SECRET,
    token: str | None = None,
    config: Config | None = None,
) -> Any:
    session: Any = boto3.Session(
        aws_access_key_id=key_id,
        aws_secret_access_key=secret,
        aws_session_token=token,
        region_name=REGION,
    )
    merged = NO_RETRIES if config is None else NO_RETRIES.merge(config)
    return session.client(service, endpoint_url=remote.url, config=merged)


def _refusal(call: Callable[[], Any]) -> tuple[str, int, str]:
    with pytest.raises(ClientError) as raised:
        call()
    response = raised.value.response
    return (
        response["Error"]["Code"],
        response["ResponseMetadata"]["HTTPStatusCode"],
        response["Error"]["Message"],
    )


@pytest.mark.parametrize("service", SERVICES)
def test_the_right_secret_is_served(remote: Remote, service: str) -> None:
    call, _ = SERVICES[service]
    assert call(_client(remote, service))["ResponseMetadata"]["HTTPStatusCode"] == 200


@pytest.mark.parametrize("service", SERVICES)
def test_a_session_token_is_signed_and_served(remote: Remote, service: str) -> None:
    call, _ = SERVICES[service]
    assert call(_client(remote, service, token="session-token"))


@pytest.mark.parametrize("service", SERVICES)
def test_a_wrong_secret_gets_the_protocols_signature_error(remote: Remote, service: str) -> None:
    call, (mismatch, _, _) = SERVICES[service]
    code, status, message = _refusal(lambda: call(_client(remote, service, secret="wrong")))
    assert (code, status) == mismatch
    assert message.startswith("The request signature we calculated does not match")


@pytest.mark.parametrize("service", SERVICES)
def test_an_unknown_key_id_gets_the_protocols_token_error(remote: Remote, service: str) -> None:
    call, (_, unknown, _) = SERVICES[service]
    code, status, message = _refusal(lambda: call(_client(remote, service, key_id="AKIDOTHER")))
    assert (code, status) == unknown
    assert message == "The security token included in the request is invalid."


@pytest.mark.parametrize("service", SERVICES)
def test_an_unsigned_request_is_refused(remote: Remote, service: str) -> None:
    call, (_, _, missing) = SERVICES[service]
    unsigned = Config(signature_version=UNSIGNED)
    code, status, _ = _refusal(lambda: call(_client(remote, service, config=unsigned)))
    assert (code, status) == missing


def test_a_12_digit_key_id_still_selects_the_account(remote: Remote) -> None:
    _client(remote, "acm", key_id=ACCOUNT_KEY_ID).list_certificates()
    assert remote.calls[-1].account_id == ACCOUNT_KEY_ID


# --- the verifier on hand-built requests --------------------------------------------------

TARGET = "CertificateManager.ListCertificates"
WINDOW = JSON.window


def _signed(
    body: bytes = b"{}", *, query: str = "", secret: str = SECRET, token: str | None = None
) -> WireRequest:
    """A request botocore signed just now, as the server receives it."""
    url = f"http://127.0.0.1:4599/{'?' + query if query else ''}"
    request = AWSRequest(
        method="POST",
        url=url,
        data=body,
        headers={
            "Host": "127.0.0.1:4599",
            "X-Amz-Target": TARGET,
            "Content-Type": "application/x-amz-json-1.1",
        },
    )
    SigV4Auth(Credentials(KEY_ID, secret, token), "acm", REGION).add_auth(request)
    headers = {name.lower(): str(value) for name, value in request.headers.items()}
    return WireRequest("POST", "/", query, headers, body)


def _changed(request: WireRequest, **changes: Any) -> WireRequest:
    headers = {**request.headers, **changes.pop("headers", {})}
    return WireRequest(
        changes.get("method", request.method),
        changes.get("path", request.path),
        changes.get("query", request.query),
        headers,
        changes.get("body", request.body),
    )


def _verifier(shift: _dt.timedelta = _dt.timedelta()) -> Verifier:
    return Verifier({KEY_ID: SECRET}, now=lambda: _dt.datetime.now(_dt.timezone.utc) + shift)


def _refused(request: WireRequest, verifier: Verifier | None = None) -> Refused:
    with pytest.raises(Refused) as raised:
        (verifier or _verifier()).check(request, WINDOW)
    return raised.value


def test_a_request_signed_with_the_secret_passes() -> None:
    _verifier().check(_signed(b'{"MaxItems": 5}', query="a=b%2Fc&a=1"), WINDOW)


def test_a_session_token_is_part_of_the_signature() -> None:
    request = _signed(token="token-1")
    _verifier().check(request, WINDOW)
    tampered = _changed(request, headers={"x-amz-security-token": "token-2"})
    assert _refused(tampered).kind == "mismatch"


def test_a_tampered_body_is_refused() -> None:
    refused = _refused(_changed(_signed(b'{"MaxItems": 5}'), body=b'{"MaxItems": 6}'))
    assert refused.kind == "mismatch"
    assert "The Canonical String for this request should have been" in refused.message


def test_a_tampered_body_with_its_stated_hash_kept_is_refused() -> None:
    request = _changed(_signed(b"{}"), headers={"x-amz-content-sha256": "0" * 64})
    assert _refused(request).kind == "mismatch"


def test_a_tampered_signed_header_is_refused() -> None:
    tampered = _changed(_signed(), headers={"x-amz-target": "CertificateManager.DeleteCertificate"})
    assert _refused(tampered).kind == "mismatch"


def test_an_unsigned_header_may_change() -> None:
    _verifier().check(_changed(_signed(), headers={"user-agent": "another"}), WINDOW)


def test_a_tampered_query_is_refused() -> None:
    assert _refused(_changed(_signed(query="a=1"), query="a=2")).kind == "mismatch"


@pytest.mark.parametrize(
    ("shift", "says"),
    [
        (_dt.timedelta(minutes=6), "Signature expired: "),
        (_dt.timedelta(minutes=-6), "Signature not yet current: "),
    ],
)
def test_a_request_signed_outside_the_window_is_refused(shift: _dt.timedelta, says: str) -> None:
    refused = _refused(_signed(), _verifier(shift))
    assert refused.kind == "mismatch"
    assert refused.message.startswith(says)
    assert "5 min.)" in refused.message


def test_the_query_protocol_allows_fifteen_minutes() -> None:
    _verifier(_dt.timedelta(minutes=6)).check(_signed(), QUERY.window)


def test_a_wrong_secret_is_refused() -> None:
    assert _refused(_signed(secret="other")).kind == "mismatch"


def test_an_unknown_key_id_is_refused() -> None:
    refused = _refused(_signed(), Verifier({"AKIDOTHER": SECRET}))
    assert refused.kind == "unknown_key"


def test_no_authorization_header_is_missing_authentication() -> None:
    request = _signed()
    bare = WireRequest(
        "POST", "/", "", {k: v for k, v in request.headers.items() if k != "authorization"}
    )
    assert _refused(bare).kind == "missing"


@pytest.mark.parametrize(
    ("authorization", "says"),
    [
        ("Bearer abc", "AWS4-HMAC-SHA256"),
        (
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/eu-west-1/acm/aws4_request",
            "Authorization header requires 'SignedHeaders' parameter.",
        ),
        (
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE, SignedHeaders=host, Signature=00",
            "is not <access key id>/<YYYYMMDD>",
        ),
        (
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/eu-west-1/acm/aws4_request, "
            "SignedHeaders=x-amz-date, Signature=00",
            "'Host' or ':authority' must be",
        ),
    ],
)
def test_a_malformed_authorization_is_an_incomplete_signature(
    authorization: str, says: str
) -> None:
    refused = _refused(_changed(_signed(), headers={"authorization": authorization}))
    assert refused.kind == "incomplete"
    assert says in refused.message


def test_a_presigned_request_is_refused_clearly() -> None:
    refused = _refused(_signed(query="X-Amz-Signature=abc"))
    assert refused.kind == "incomplete"
    assert "presigned" in refused.message
