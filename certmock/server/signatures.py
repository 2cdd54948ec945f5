"""``--verify-signatures``: SigV4 checked as AWS's front end checks it, and refused in its words.

The signature is recomputed with botocore's own SigV4 signer (its canonical request, string to
sign and key derivation) over exactly the headers the request says it signed, with the secret
configured for its access key id, and compared in constant time. What AWS answers a request it
will not authenticate depends on the protocol, not the service:

================  ==================================  =====================  =====================
refusal           json, rpc-v2-cbor (acm, acm-pca)    query (rds)            rest-json (apigateway)
================  ==================================  =====================  =====================
wrong signature   InvalidSignatureException 400       SignatureDoesNotMatch  InvalidSignature... 403
                                                      403
unknown key id    UnrecognizedClientException 400     InvalidClientTokenId   UnrecognizedClient...
                                                      403                    403
no signature      MissingAuthenticationToken-         MissingAuthentication  MissingAuthentication-
                  Exception 400                       Token 403              TokenException 403
malformed         IncompleteSignatureException 400    IncompleteSignature    IncompleteSignature-
                                                      400                    Exception 403
================  ==================================  =====================  =====================

A request signed more than 5 minutes (query: 15) before or after the real clock's now gets the
wrong-signature code, "Signature expired: ..." or "Signature not yet current: ...". The real
clock, not the emulator's: clients sign with their wall clock, whatever ``--now`` says.
(docs/server.md has the sources; /tmp/report_tls_sig.md the evidence.)

Not checked: session tokens (``X-Amz-Security-Token`` is covered by the signature when the
client signed it, as botocore does, but any value is accepted: certmock issues none), the
Region and service in the credential scope (routing reads them). Presigned requests
(``X-Amz-Signature`` in the query) are refused: their credential never reaches routing, so they
would be served as the wrong account.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import hmac
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any, Literal, cast
from urllib.parse import unquote

from botocore.auth import SIGV4_TIMESTAMP, SigV4Auth
from botocore.awsrequest import AWSRequest, HTTPHeaders
from botocore.credentials import ReadOnlyCredentials

from certmock.errors import ServiceError
from certmock.protocols import WireRequest, WireResponse
from certmock.server import aws

ALGORITHM = "AWS4-HMAC-SHA256"
_SCOPE_TERMINATOR = "aws4_request"
_REQUIRED_PARTS = ("Credential", "SignedHeaders", "Signature")

Refusal = Literal["mismatch", "unknown_key", "missing", "incomplete"]


@dataclass(frozen=True)
class Answers:
    """How one protocol's front end refuses a request: (code, HTTP status) per refusal."""

    mismatch: tuple[str, int]
    unknown_key: tuple[str, int]
    missing: tuple[str, int]
    incomplete: tuple[str, int]
    missing_message: str
    window: _dt.timedelta
    """How far the signing time may be from now, either way."""


_MISSING = "Request is missing Authentication Token"
JSON = Answers(
    ("InvalidSignatureException", 400),
    ("UnrecognizedClientException", 400),
    ("MissingAuthenticationTokenException", 400),
    ("IncompleteSignatureException", 400),
    _MISSING,
    _dt.timedelta(minutes=5),
)
QUERY = Answers(
    ("SignatureDoesNotMatch", 403),
    ("InvalidClientTokenId", 403),
    ("MissingAuthenticationToken", 403),
    ("IncompleteSignature", 400),
    _MISSING,
    _dt.timedelta(minutes=15),
)
REST_JSON = Answers(
    ("InvalidSignatureException", 403),
    ("UnrecognizedClientException", 403),
    ("MissingAuthenticationTokenException", 403),
    ("IncompleteSignatureException", 403),
    "Missing Authentication Token",
    _dt.timedelta(minutes=5),
)
ANSWERS: Mapping[str, Answers] = {
    "json": JSON,
    "smithy-rpc-v2-cbor": JSON,  # the same front end as awsJson (acm-pca moved to it in 2025)
    "query": QUERY,
    "ec2": QUERY,
    "rest-json": REST_JSON,
    "rest-xml": QUERY,
}

MISMATCH_MESSAGE = (
    "The request signature we calculated does not match the signature you provided. "
    "Check your AWS Secret Access Key and signing method. "
    "Consult the service documentation for details."
)
UNKNOWN_KEY_MESSAGE = "The security token included in the request is invalid."


class Refused(Exception):
    """Why a request is not authenticated; the protocol turns it into a code and status."""

    def __init__(self, kind: Refusal, message: str) -> None:
        super().__init__(message)
        self.kind: Refusal = kind
        self.message = message


@dataclass(frozen=True)
class Authorization:
    """A parsed SigV4 ``Authorization`` header."""

    access_key: str
    date: str
    region: str
    service: str
    signed_headers: tuple[str, ...]
    signature: str


def _now() -> _dt.datetime:
    return _dt.datetime.now(_dt.timezone.utc)


class Verifier:
    """Checks a request's SigV4 signature against ``credentials`` (access key id -> secret):
    ``verifier(request)`` is None for a request to serve, else the response refusing it."""

    def __init__(
        self,
        credentials: Mapping[str, str],
        *,
        now: Callable[[], _dt.datetime] = _now,
    ) -> None:
        self.credentials = dict(credentials)
        self._now = now

    def __call__(self, request: WireRequest) -> WireResponse | None:
        answers = ANSWERS.get(aws.protocol_of(request), JSON)
        try:
            self.check(request, answers.window)
        except Refused as refused:
            code, status = getattr(answers, refused.kind)
            message = answers.missing_message if refused.kind == "missing" else refused.message
            return aws.refuse(request, status, ServiceError(code, message))
        return None

    def check(self, request: WireRequest, window: _dt.timedelta) -> None:
        """Raise ``Refused`` unless ``request`` is signed with a configured secret, within
        ``window`` of now."""
        if any(name.lower() == "x-amz-signature" for name, _ in request.query_items):
            raise Refused(
                "incomplete",
                "certmock --verify-signatures checks signatures in the Authorization header "
                "only; presigned (query-string) requests are refused",
            )
        header = request.header("authorization")
        if not header:
            raise Refused("missing", "")
        authorization = parse_authorization(header, request)
        secret = self.credentials.get(authorization.access_key)
        if secret is None:
            raise Refused("unknown_key", UNKNOWN_KEY_MESSAGE)
        timestamp = _timestamp(request)
        _check_time(authorization, timestamp, self._now(), window)
        _check_payload_hash(request)
        expected, canonical, string_to_sign = signature(request, authorization, timestamp, secret)
        if not hmac.compare_digest(expected, authorization.signature):
            raise Refused(
                "mismatch",
                f"{MISMATCH_MESSAGE}\n\nThe Canonical String for this request should have been"
                f"\n'{canonical}'\n\nThe String-to-Sign should have been\n'{string_to_sign}'\n",
            )


def parse_authorization(header: str, request: WireRequest) -> Authorization:
    """The parts of a SigV4 ``Authorization`` header; ``Refused`` for anything else."""
    scheme, _, rest = header.strip().partition(" ")
    if scheme != ALGORITHM:
        raise Refused(
            "incomplete",
            f"certmock --verify-signatures checks {ALGORITHM} (SigV4) signatures; the "
            f"Authorization header uses {scheme!r}",
        )
    parts: dict[str, str] = {}
    for piece in rest.split(","):
        name, equals, value = piece.strip().partition("=")
        if not equals:
            raise Refused(
                "incomplete",
                f"'{piece.strip()}' not a valid key=value pair (missing equal-sign) in "
                f"Authorization header: '{header}'.",
            )
        parts[name] = value
    lacking = [
        f"Authorization header requires '{p}' parameter." for p in _REQUIRED_PARTS if p not in parts
    ]
    if request.header("x-amz-date") is None and request.header("date") is None:
        lacking.append(
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."
        )
    if lacking:
        raise Refused("incomplete", " ".join(lacking) + f" Authorization={header}")
    scope = parts["Credential"].split("/")
    if len(scope) != 5 or scope[4] != _SCOPE_TERMINATOR or not all(scope):
        raise Refused(
            "incomplete",
            f"Credential {parts['Credential']!r} is not "
            "<access key id>/<YYYYMMDD>/<region>/<service>/aws4_request",
        )
    signed = tuple(parts["SignedHeaders"].lower().split(";"))
    if "host" not in signed:
        raise Refused(
            "incomplete",
            "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
        )
    access_key, date, region, service, _ = scope
    return Authorization(access_key, date, region, service, signed, parts["Signature"])


def _timestamp(request: WireRequest) -> str:
    """The signing time in SigV4's basic ISO 8601 form, from ``X-Amz-Date`` or else ``Date``."""
    amz_date = request.header("x-amz-date")
    if amz_date is not None:
        try:
            _dt.datetime.strptime(amz_date, SIGV4_TIMESTAMP)
        except ValueError:
            raise Refused(
                "incomplete", f"Date must be in ISO-8601 'basic format'. Got '{amz_date}'."
            ) from None
        return amz_date
    date = request.header("date") or ""
    try:
        parsed = parsedate_to_datetime(date)
    except (TypeError, ValueError):
        raise Refused("incomplete", f"The Date header {date!r} is not an HTTP date.") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=_dt.timezone.utc)
    return parsed.astimezone(_dt.timezone.utc).strftime(SIGV4_TIMESTAMP)


def _check_time(
    authorization: Authorization, timestamp: str, now: _dt.datetime, window: _dt.timedelta
) -> None:
    if authorization.date != timestamp[:8]:
        raise Refused(
            "mismatch",
            "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date "
            f"from HTTP: '{authorization.date}' != '{timestamp[:8]}', from '{timestamp}'.",
        )
    signed_at = _dt.datetime.strptime(timestamp, SIGV4_TIMESTAMP).replace(tzinfo=_dt.timezone.utc)
    minutes = int(window.total_seconds() // 60)
    if signed_at < now - window:
        raise Refused(
            "mismatch",
            f"Signature expired: {timestamp} is now earlier than {_basic(now - window)} "
            f"({_basic(now)} - {minutes} min.)",
        )
    if signed_at > now + window:
        raise Refused(
            "mismatch",
            f"Signature not yet current: {timestamp} is still later than {_basic(now + window)} "
            f"({_basic(now)} + {minutes} min.)",
        )


def _basic(moment: _dt.datetime) -> str:
    return moment.astimezone(_dt.timezone.utc).strftime(SIGV4_TIMESTAMP)


def _check_payload_hash(request: WireRequest) -> None:
    """botocore's canonical request trusts a stated ``X-Amz-Content-SHA256``: the body must
    have that hash, or a changed body would pass with the original header."""
    stated = request.header("x-amz-content-sha256")
    if stated is not None and stated.lower() != hashlib.sha256(request.body).hexdigest():
        raise Refused(
            "mismatch",
            "The provided 'x-amz-content-sha256' header does not match what was computed.",
        )


class _Recomputation(SigV4Auth):
    """botocore's SigV4 signer over the headers the request names, not the ones botocore
    itself would pick (another SDK may sign ``user-agent``, which botocore never does)."""

    def __init__(self, authorization: Authorization, secret: str) -> None:
        credentials = ReadOnlyCredentials(authorization.access_key, secret, None)
        super().__init__(credentials, authorization.service, authorization.region)
        self._signed_headers = authorization.signed_headers

    def headers_to_sign(self, request: AWSRequest) -> HTTPHeaders:
        chosen = HTTPHeaders()
        for name in self._signed_headers:
            chosen[name] = request.headers.get(name, "")
        return chosen


def signature(
    request: WireRequest, authorization: Authorization, timestamp: str, secret: str
) -> tuple[str, str, str]:
    """The signature ``request`` should carry, with the canonical request and string to sign
    it was computed from."""
    signed = {name: request.headers.get(name, "") for name in authorization.signed_headers}
    # The path as sent (botocore's signer encodes it once more, as AWS does for all but S3);
    # the query as pairs, which the signer encodes in SigV4's canonical form.
    aws_request = AWSRequest(
        method=request.method,
        url=f"http://{request.header('host') or 'localhost'}{request.path}",
        data=request.body,
        headers=signed,
        # A list, not the dict the stubs ask for: a repeated name keeps every value.
        params=cast(Any, _query_pairs(request.query)),
    )
    aws_request.context["timestamp"] = timestamp
    signer = _Recomputation(authorization, secret)
    canonical: str = signer.canonical_request(aws_request)
    string_to_sign: str = signer.string_to_sign(aws_request, canonical)
    expected: str = signer.signature(string_to_sign, aws_request)
    return expected, canonical, string_to_sign


def _query_pairs(query: str) -> Sequence[tuple[str, str]]:
    pairs = []
    for item in query.split("&"):
        if item:
            name, _, value = item.partition("=")
            pairs.append((unquote(name), unquote(value)))
    return pairs
