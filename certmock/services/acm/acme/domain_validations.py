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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from certmock.errors import ServiceError
from certmock.services.acm.acme.children import EndpointChildren
from certmock.services.acm.acme.endpoints import ACTIVE, AcmeEndpoints
from certmock.services.acm.acme.resources import (
    ACME_TAGS,
    DELETION_DELAY,
    DOMAIN_VALIDATION,
    child_arn,
    create_tokens,
)
from certmock.services.acm.domain_validation import is_public
from certmock.services.toolkit.tags import Tags
from certmock.timeline import Scheduled
from certmock.world import Scope

VALIDATING = "VALIDATING"
VALID = "VALID"
INVALID = "INVALID"
DELETING = "DELETING"

DNS_PREVALIDATION = "DNS_PREVALIDATION"
VALIDATION_DELAY = _dt.timedelta(seconds=60)
# certmock's quota (AWS's ACME quotas are not in the sources certmock draws on).
MAX_DOMAIN_VALIDATIONS = 100
"""Domain validations per endpoint."""

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


def checked_scope(given: Mapping[str, str] | None, current: Mapping[str, str]) -> dict[str, str]:
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
    tags: Tags = field(default_factory=dict)
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


class AcmeDomainValidations(EndpointChildren[AcmeDomainValidation]):
    """The domain validations of one account and region's endpoints."""

    what = "ACME domain validation"

    def __init__(self, scope: Scope, endpoints: AcmeEndpoints) -> None:
        self._scope = scope
        super().__init__(endpoints)
        self._tokens = create_tokens(scope, "CreateAcmeDomainValidation")

    def create(
        self,
        endpoint_arn: str,
        domain_name: str,
        prevalidation_options: Mapping[str, Any],
        *,
        tags: Sequence[Mapping[str, str]] | None = None,
        idempotency_token: str | None = None,
    ) -> str:
        """CreateAcmeDomainValidation: the new validation's ARN."""
        request = {
            "AcmeEndpointArn": endpoint_arn,
            "DomainName": domain_name,
            "PrevalidationOptions": prevalidation_options,
            "Tags": tags,
        }
        repeated = self._tokens.replay(idempotency_token, request)
        if repeated is not None:
            return repeated
        parent = self._endpoints.parent(endpoint_arn, "domain validations")
        dns = dns_options(prevalidation_options)
        domain_scope = checked_scope(dns.get("DomainScope"), DEFAULT_SCOPE)
        own_tags = ACME_TAGS.pairs(tags)
        siblings = self.of(endpoint_arn)
        for sibling in siblings:
            if sibling.domain_name == domain_name:
                raise ServiceError(
                    "ConflictException",
                    f"The ACME endpoint {endpoint_arn} already has a domain validation for "
                    f"{domain_name}: {sibling.arn}. Update or delete that one instead.",
                )
        if len(siblings) >= MAX_DOMAIN_VALIDATIONS:
            raise ServiceError(
                "ServiceQuotaExceededException",
                f"The ACME endpoint {endpoint_arn} has {len(siblings)} domain validations, the "
                f"most certmock allows ({MAX_DOMAIN_VALIDATIONS}); delete one first.",
            )
        now = self._scope.now()
        arn = child_arn(endpoint_arn, DOMAIN_VALIDATION, self._scope.new_uuid())
        created = AcmeDomainValidation(
            arn=arn,
            endpoint_arn=endpoint_arn,
            sequence=self._scope.world.next_sequence(),
            domain_name=domain_name,
            domain_scope=domain_scope,
            hosted_zone_id=dns.get("HostedZoneId"),
            record=dns_record(parent.endpoint_id, domain_name),
            created_at=now,
            updated_at=now,
            tags=ACME_TAGS.merged({}, own_tags, arn),
        )
        self._by_arn[arn] = created
        self._tokens.remember(idempotency_token, arn, params=request, at=now)
        self._start(created, now)
        return arn

    def update(self, arn: str, prevalidation_options: Mapping[str, Any] | None) -> None:
        """UpdateAcmeDomainValidation: new prevalidation options are validated afresh."""
        found = self.get(arn)
        if found.status in (VALIDATING, DELETING):
            raise ServiceError(
                "ConflictException",
                f"The ACME domain validation {arn} is {found.status}; it can be updated once it "
                "is VALID or INVALID.",
            )
        if prevalidation_options is None:
            return
        dns = dns_options(prevalidation_options)
        found.domain_scope = checked_scope(dns.get("DomainScope"), found.domain_scope)
        if "HostedZoneId" in dns:
            found.hosted_zone_id = dns["HostedZoneId"]
        self._start(found, self._scope.now())

    def delete(self, arn: str) -> None:
        """DeleteAcmeDomainValidation: now, or after ``DELETION_DELAY`` in realistic mode."""
        found = self._by_arn.get(arn)
        if found is None:
            # DeleteAcmeDomainValidation models no ResourceNotFoundException.
            return
        if found.status == DELETING:
            raise ServiceError(
                "ConflictException", f"The ACME domain validation {arn} is already DELETING."
            )
        if not self._scope.world.realistic:
            self._remove(found)
            return
        now = self._scope.now()
        self._stop(found, DELETING, now)
        found.check = self._scope.schedule(now + DELETION_DELAY, lambda _: self._remove(found))

    def _remove(self, validation: AcmeDomainValidation) -> None:
        if self._by_arn.get(validation.arn) is not validation:
            return
        if validation.check is not None:
            validation.check.cancel()
        del self._by_arn[validation.arn]
        self._tokens.forget([validation.arn])

    # -- the endpoint going ----------------------------------------------------------------
    def stop_under(self, endpoint_arn: str, at: _dt.datetime) -> None:
        """The endpoint is DELETING: so are its domain validations."""
        for validation in self.of(endpoint_arn):
            self._stop(validation, DELETING, at)

    def remove_under(self, endpoint_arn: str) -> None:
        """The endpoint is gone: so are its domain validations."""
        for validation in self.of(endpoint_arn):
            self._remove(validation)

    # -- validation on the clock -------------------------------------------------------------
    def _start(self, validation: AcmeDomainValidation, now: _dt.datetime) -> None:
        validation.status = VALIDATING
        validation.failure = None
        validation.updated_at = now
        validation.version += 1
        version = validation.version
        if validation.check is not None:
            validation.check.cancel()
        validation.check = self._scope.schedule(
            now + VALIDATION_DELAY, lambda at: self._validated(validation, version, at)
        )

    def _validated(self, validation: AcmeDomainValidation, version: int, at: _dt.datetime) -> None:
        """Validation ends: VALID, unless something certmock can see makes it INVALID."""
        if (
            self._by_arn.get(validation.arn) is not validation
            or validation.version != version
            or validation.status != VALIDATING
        ):
            return
        if validation.check is not None:
            validation.check.cancel()
            validation.check = None
        parent = self._endpoints.find(validation.endpoint_arn)
        if not validation.is_public:
            self._fail(
                validation,
                "INVALID_PUBLIC_DOMAIN",
                f"{validation.domain_name} is under a special-use top-level domain that no "
                "public certificate authority may certify.",
                at,
            )
        elif parent is None or parent.status != ACTIVE:
            status = "gone" if parent is None else parent.status
            self._fail(
                validation,
                "ENDPOINT_NOT_ACTIVE",
                f"The ACME endpoint {validation.endpoint_arn} is {status}, not ACTIVE.",
                at,
            )
        else:
            validation.status = VALID
            validation.updated_at = at

    @staticmethod
    def _fail(
        validation: AcmeDomainValidation, reason: str, message: str, at: _dt.datetime
    ) -> None:
        validation.status = INVALID
        validation.failure = (reason, message)
        validation.updated_at = at

    @staticmethod
    def _stop(validation: AcmeDomainValidation, status: str, at: _dt.datetime) -> None:
        validation.version += 1
        if validation.check is not None:
            validation.check.cancel()
            validation.check = None
        validation.status = status
        validation.updated_at = at

    # -- what a test does (``cm.acm``) --------------------------------------------------------
    def complete(self, arn: str) -> None:
        """A test's stand-in for ACM finding the CNAME record: VALIDATING ends now, as it would
        have at its due time (so a special-use domain still fails)."""
        found = self.get(arn)
        if found.status != VALIDATING:
            raise ValueError(f"{arn} is {found.status}, not VALIDATING")
        self._validated(found, found.version, self._scope.now())

    def fail(self, arn: str, reason: str, message: str | None = None) -> None:
        """A test's stand-in for ACM not finding (or no longer finding) the record."""
        found = self.get(arn)
        if reason not in FAILURE_REASONS:
            raise ValueError(
                f"{reason} is not an AcmeDomainValidationFailureReason; use one of "
                f"{', '.join(FAILURE_REASONS)}"
            )
        if found.status == DELETING:
            raise ValueError(f"{arn} is DELETING")
        now = self._scope.now()
        self._stop(found, INVALID, now)
        self._fail(found, reason, message or _FAILURE_MESSAGES.get(reason, reason), now)


_FAILURE_MESSAGES = {
    "TIMED_OUT": "ACM did not find the validation CNAME record in DNS in time.",
    "HOSTED_ZONE_NOT_FOUND": "The hosted zone for the validation record was not found.",
}
