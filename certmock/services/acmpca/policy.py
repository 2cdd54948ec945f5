"""Resource-based policies on a CA: what PutPolicy accepts, and what a policy grants to another
account. Conditions are not evaluated (a cross-account caller in certmock has no other context
that could satisfy or fail them)."""

from __future__ import annotations

import fnmatch
import json
import re
from typing import Any

from certmock.errors import ServiceError

_REQUIRED = "The resource policy is invalid or is missing a required statement."


def _invalid(reason: str) -> ServiceError:
    # AWS's sentence first (it is what callers match on), then what is actually wrong.
    return ServiceError("InvalidPolicyException", f"{_REQUIRED} {reason}")


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def parse_policy(text: str) -> dict[str, Any]:
    """The policy document, or InvalidPolicyException naming what is wrong with it."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise _invalid(f"The policy is not valid JSON ({error.msg}).") from None
    if not isinstance(document, dict):
        raise _invalid("The policy must be a JSON object.")
    statements = document.get("Statement")
    if not statements:
        raise _invalid("The policy has no Statement.")
    for number, statement in enumerate(_as_list(statements), start=1):
        if not isinstance(statement, dict):
            raise _invalid(f"Statement {number} is not a JSON object.")
        if statement.get("Effect") not in ("Allow", "Deny"):
            raise _invalid(f"Statement {number} needs Effect Allow or Deny.")
        if "Principal" not in statement:
            raise _invalid(f"Statement {number} has no Principal.")
        if "Action" not in statement:
            raise _invalid(f"Statement {number} has no Action.")
        if "Resource" not in statement:
            raise _invalid(f"Statement {number} has no Resource.")
    return document


def _principal_matches(principal: Any, account_id: str) -> bool:
    if principal == "*":
        return True
    if not isinstance(principal, dict):
        return False
    for entry in _as_list(principal.get("AWS", [])):
        if entry in ("*", account_id) or (
            isinstance(entry, str) and re.fullmatch(rf"arn:aws[a-z-]*:iam::{account_id}:.+", entry)
        ):
            return True
    return False


def _any_match(patterns: Any, value: str, *, ignore_case: bool = False) -> bool:
    if ignore_case:
        value = value.lower()
    return any(
        fnmatch.fnmatchcase(value, str(pattern).lower() if ignore_case else str(pattern))
        for pattern in _as_list(patterns)
    )


def grants(policy: str | None, account_id: str, action: str, resource: str) -> bool:
    """Whether ``policy`` lets ``account_id`` perform ``action`` (``acm-pca:X``) on ``resource``:
    some Allow statement matches and no Deny statement does."""
    if policy is None:
        return False
    allowed = False
    for statement in _as_list(json.loads(policy).get("Statement", [])):
        if not (
            _principal_matches(statement.get("Principal"), account_id)
            and _any_match(statement.get("Action"), action, ignore_case=True)  # as IAM does
            and _any_match(statement.get("Resource"), resource)
        ):
            continue
        if statement.get("Effect") == "Deny":
            return False
        allowed = True
    return allowed
