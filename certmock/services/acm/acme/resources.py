"""What ACM's ACME resources share: ARNs nested under their endpoint's, tag rules, how a missing
one is reported, the idempotency tokens of their Create operations, and ACME's encoding of
binary values.

* ``arn:<partition>:acm:<region>:<account>:acme-endpoint/<id>``
* ``...:acme-endpoint/<id>/acme-domain-validation/<id>``
* ``...:acme-endpoint/<id>/acme-external-account-binding/<id>``
"""

from __future__ import annotations

import base64
import datetime as _dt

from certmock.arns import ArnFormat
from certmock.errors import ServiceError
from certmock.services.toolkit.idempotency import IdempotencyTokens
from certmock.services.toolkit.tags import TagRules
from certmock.world import Scope

ENDPOINT = "acme-endpoint"
DOMAIN_VALIDATION = "acme-domain-validation"
EXTERNAL_ACCOUNT_BINDING = "acme-external-account-binding"

# The model's patterns (AcmeEndpointArn, AcmeDomainValidationArn, AcmeExternalAccountBindingArn).
ACME_ARN = ArnFormat(
    "acm",
    rf"{ENDPOINT}/(?P<endpoint>[a-zA-Z0-9-]+)"
    rf"(?:/(?P<kind>{DOMAIN_VALIDATION}|{EXTERNAL_ACCOUNT_BINDING})/(?P<id>[a-zA-Z0-9-]+))?",
)
"""Any ACME resource's ARN; ``parts["kind"]`` is absent for an endpoint's."""

ACME_TAGS = TagRules(
    holder="a resource",
    # The errors the newer operations model: TagResource lists no InvalidTagException or
    # TooManyTagsException.
    invalid_tag="ValidationException",
    too_many="ServiceQuotaExceededException",
    value_optional=True,
)
"""Tags of endpoints, domain validations and external account bindings: ACM's rules."""

# Realistic mode only (the ACK controller's tests wait about 30 s for an endpoint to turn
# ACTIVE; the waiters poll every 5 s): how long an endpoint or a domain validation is DELETING.
DELETION_DELAY = _dt.timedelta(seconds=30)

TOKEN_WINDOW = _dt.timedelta(hours=1)
"""botocore fills ``IdempotencyToken`` with a new UUID when the caller gives none, so every
Create call carries one. The same token within the window is the same request: with the same
parameters it answers with what the first call created; with other parameters it is a
ConflictException (certmock's choice: ACM documents neither the window of these operations nor
the mismatch; the hour is RequestCertificate's, and ConflictException is what their models
list)."""


def b64url(data: bytes) -> str:
    """Base64url without padding, as ACME (RFC 8555 §6.1) and JOSE encode binary values."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def kind_of(arn: str) -> str | None:
    """ENDPOINT, DOMAIN_VALIDATION or EXTERNAL_ACCOUNT_BINDING; None for any other string."""
    parsed = ACME_ARN.parse(arn)
    return None if parsed is None else parsed.parts.get("kind", ENDPOINT)


def endpoint_arn(scope: Scope, endpoint_id: str) -> str:
    resource = f"{ENDPOINT}/{endpoint_id}"
    return str(ACME_ARN.format(scope.partition, scope.region, scope.account_id, resource))


def child_arn(endpoint: str, kind: str, resource_id: str) -> str:
    return f"{endpoint}/{kind}/{resource_id}"


def not_found(what: str, name: str) -> ServiceError:
    return ServiceError("ResourceNotFoundException", f"Could not find {what} {name}.")


def create_tokens(scope: Scope, operation: str) -> IdempotencyTokens[str, str]:
    """The tokens of one Create operation, answering with the ARN the first call created."""

    def conflict(token: str) -> ServiceError:
        return ServiceError(
            "ConflictException",
            f"The idempotency token {token} was used within the last hour for a {operation} "
            "request with other parameters; use a new token for a new request.",
        )

    return IdempotencyTokens(scope, TOKEN_WINDOW, mismatch=conflict)
