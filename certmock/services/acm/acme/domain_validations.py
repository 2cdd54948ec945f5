"""ACME domain validations: which names an endpoint may issue for, proven once by a CNAME
record (the same record format as ACM's DNS validation), not per certificate.

Statuses (AcmeDomainValidationStatus): VALIDATING -> VALID or INVALID; DELETING -> gone.
certmock sees no DNS, so validation ends ``VALIDATION_DELAY`` after creation or update, as if
the record were in place (ACM's DNS validation of certificates takes the same 60 s here); a
test completes it at once with ``cm.acm.validate(arn)`` or fails it with
``cm.acm.fail_acme_domain_validation(arn, reason)``.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from certmock.errors import ServiceError
from certmock.services.acm.acme import tags as tags_
from certmock.services.acm.validation_flow import is_public
from certmock.timeline import Scheduled

VALIDATING = "VALIDATING"
VALID = "VALID"
INVALID = "INVALID"
DELETING = "DELETING"

DNS_PREVALIDATION = "DNS_PREVALIDATION"
VALIDATION_DELAY = _dt.timedelta(seconds=60)

# AcmeDomainValidationFailureReason.
FAILURE_REASONS = (
    "ACCESS_DENIED",
    "DOMAIN_MISMATCH",
    "DOMAIN_NOT_ALLOWED",
    "ENDPOINT_NOT_ACTIVE",
    "HOSTED_ZONE_NOT_FOUND",
    "INTERNAL_FAILURE",
    "INVALID_CHANGE_BATCH",
    "INVALID_PUBLIC_DOMAIN",
    "TIMED_OUT",
)

SCOPE_MEMBERS = ("ExactDomain", "Subdomains", "Wildcards")
# AWS documents no default; certmock's: a scope member left out covers nothing beyond the name
# itself, so only what was asked for is authorized.
DEFAULT_SCOPE = {"ExactDomain": "ENABLED", "Subdomains": "DISABLED", "Wildcards": "DISABLED"}


def dns_options(options: Mapping[str, Any]) -> Mapping[str, Any]:
    """The DnsPrevalidation member of a PrevalidationOptions union."""
    dns: Mapping[str, Any] | None = options.get("DnsPrevalidation")
    if dns is None:
        # botocore refuses an empty union before sending; a bare request can still get here.
        raise ServiceError(
            "ValidationException",
            "PrevalidationOptions must have exactly one member: DnsPrevalidation.",
        )
    return dns


def scope(given: Mapping[str, str] | None, current: Mapping[str, str]) -> dict[str, str]:
    """``current`` with the members ``given`` sets; a scope that covers nothing is refused."""
    chosen = {member: (given or {}).get(member, current[member]) for member in SCOPE_MEMBERS}
    if all(value == "DISABLED" for value in chosen.values()):
        raise ServiceError(
            "ValidationException",
            "The DomainScope disables ExactDomain, Subdomains and Wildcards, so it would "
            "authorize no name; enable at least one.",
        )
    return chosen


def dns_record(endpoint_id: str, domain: str) -> tuple[str, str]:
    """The CNAME (name, value) in the form ACM's DNS validation uses. Different endpoints need
    different records for the same domain (ACM user guide, ACME domain validation), so the
    record derives from the endpoint and the domain."""

    def digest(part: str) -> str:
        return hashlib.sha256(f"certmock:acme:{endpoint_id}:{domain}:{part}".encode()).hexdigest()

    shard = "".join(chr(ord("a") + int(c, 16) % 26) for c in digest("shard")[:10])
    return (
        f"_{digest('name')[:32]}.{domain}.",
        f"_{digest('value')[:32]}.{shard}.acm-validations.aws.",
    )


@dataclass
class AcmeDomainValidation:
    arn: str
    endpoint_arn: str
    sequence: int
    domain_name: str
    domain_scope: dict[str, str]
    hosted_zone_id: str | None
    record: tuple[str, str]
    created_at: _dt.datetime
    updated_at: _dt.datetime
    status: str = VALIDATING
    failure: tuple[str, str] | None = None
    """(FailureDetails.Reason, FailureDetails.Message) once INVALID."""
    tags: tags_.Tags = field(default_factory=dict)
    check: Scheduled | None = None
    """The pending end of validation, or of deletion in realistic mode."""
    version: int = 0

    @property
    def is_public(self) -> bool:
        return is_public(self.domain_name)

    def describe(self) -> dict[str, Any]:
        """An ``AcmeDomainValidation`` or ``AcmeDomainValidationSummary`` (same members)."""
        dns: dict[str, Any] = {
            "DomainScope": dict(self.domain_scope),
            "ResourceRecord": {"Name": self.record[0], "Type": "CNAME", "Value": self.record[1]},
        }
        if self.hosted_zone_id is not None:
            dns["HostedZoneId"] = self.hosted_zone_id
        described: dict[str, Any] = {
            "AcmeDomainValidationArn": self.arn,
            "AcmeEndpointArn": self.endpoint_arn,
            "DomainName": self.domain_name,
            "PrevalidationType": DNS_PREVALIDATION,
            "PrevalidationDetails": {"DnsPrevalidation": dns},
            "Status": self.status,
            "CreatedAt": self.created_at,
            "UpdatedAt": self.updated_at,
        }
        if self.failure is not None:
            described["FailureDetails"] = {"Reason": self.failure[0], "Message": self.failure[1]}
        return described
