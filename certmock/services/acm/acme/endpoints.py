"""ACME endpoints: a managed RFC 8555 server per endpoint, issuing from one certificate
authority (only ACM's public CA in the current model).

Statuses (AcmeEndpointStatus): CREATING -> ACTIVE; DELETING -> gone. FAILED exists in the
model but nothing in certmock makes provisioning fail.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from certmock.errors import ServiceError
from certmock.partitions import dual_stack_dns_suffix
from certmock.services.acm.acme.resources import (
    ACME_TAGS,
    DELETION_DELAY,
    create_tokens,
    endpoint_arn,
    not_found,
)
from certmock.services.toolkit.tags import Tags
from certmock.timeline import Scheduled
from certmock.world import Scope

CREATING = "CREATING"
ACTIVE = "ACTIVE"
DELETING = "DELETING"
FAILED = "FAILED"

# Quotas: AWS's ACME quotas are not in the sources certmock draws on; this one is certmock's.
MAX_ENDPOINTS = 10
"""Endpoints per account and region (DELETING ones count until they are gone)."""
# Realistic mode only (the ACK controller's tests wait about 30 s for an endpoint to turn
# ACTIVE; the waiters poll every 5 s).
PROVISIONING_DELAY = _dt.timedelta(seconds=30)

# PublicKeyAlgorithm: what ACM's public CA issues. An endpoint created without
# AllowedKeyAlgorithms allows all three (AWS fills the list in: the ACK controller ignores it in
# its diffs because it is "server-defaulted").
PUBLIC_KEY_ALGORITHMS = ("RSA_2048", "EC_prime256v1", "EC_secp384r1")
# "By default, an ACME account contains no identifying information" (ACM user guide, ACME
# endpoints): contact details are not required unless asked for.
DEFAULT_CONTACT = "NOT_REQUIRED"


def directory_url(partition: str, region: str, endpoint_id: str) -> str:
    """The form the ACM user guide gives:
    ``https://acm-acme-enroll.<region>.api.aws/<uuid>/directory``."""
    return f"https://acm-acme-enroll.{region}.{dual_stack_dns_suffix(partition)}/{endpoint_id}/directory"


def allowed_key_algorithms(certificate_authority: Mapping[str, Any]) -> list[str]:
    """The algorithms a CertificateAuthority union allows, repeats dropped."""
    public = certificate_authority.get("PublicCertificateAuthority")
    if public is None:
        # botocore refuses an empty union before sending; a bare request can still get here.
        raise ServiceError(
            "ValidationException",
            "CertificateAuthority must have exactly one member: PublicCertificateAuthority.",
        )
    given: Sequence[str] | None = public.get("AllowedKeyAlgorithms")
    if given is None:
        return list(PUBLIC_KEY_ALGORITHMS)
    if not given:
        raise ServiceError(
            "ValidationException",
            "AllowedKeyAlgorithms must name at least one of "
            f"{', '.join(PUBLIC_KEY_ALGORITHMS)}, or be left out to allow them all.",
        )
    return list(dict.fromkeys(given))


@dataclass
class AcmeEndpoint:
    arn: str
    endpoint_id: str
    sequence: int
    url: str
    status: str
    authorization_behavior: str
    contact: str
    key_algorithms: list[str]
    certificate_tags: Tags
    created_at: _dt.datetime
    updated_at: _dt.datetime
    tags: Tags = field(default_factory=dict)
    failure_reason: str | None = None
    transition: Scheduled | None = None
    """Realistic mode: provisioning or deletion in progress on the timeline."""

    @property
    def base_url(self) -> str:
        """The directory URL without ``/directory``; account URLs live under it."""
        return self.url.rsplit("/", 1)[0]

    def describe(self) -> dict[str, Any]:
        """An ``AcmeEndpoint`` (DescribeAcmeEndpoint) or ``AcmeEndpointSummary``
        (ListAcmeEndpoints): the two have the same members."""
        described: dict[str, Any] = {
            "AcmeEndpointArn": self.arn,
            "EndpointUrl": self.url,
            "Status": self.status,
            "AuthorizationBehavior": self.authorization_behavior,
            "Contact": self.contact,
            "CertificateAuthority": {
                "PublicCertificateAuthority": {"AllowedKeyAlgorithms": list(self.key_algorithms)}
            },
            "CreatedAt": self.created_at,
            "UpdatedAt": self.updated_at,
        }
        if self.certificate_tags:
            described["CertificateTags"] = ACME_TAGS.described(self.certificate_tags)
        if self.failure_reason is not None:
            described["FailureReason"] = self.failure_reason
        return described


class AcmeEndpoints:
    """The endpoints of one account and region. What goes with an endpoint when it is deleted
    (its domain validations, bindings and accounts) is the ACME backend's to remove."""

    def __init__(self, scope: Scope) -> None:
        self._scope = scope
        self._endpoints: dict[str, AcmeEndpoint] = {}
        self._tokens = create_tokens(scope, "CreateAcmeEndpoint")

    def get(self, arn: str) -> AcmeEndpoint:
        found = self._endpoints.get(arn)
        if found is None:
            # Another account's or region's endpoint is simply not found from here.
            raise not_found("ACME endpoint", arn)
        return found

    def find(self, arn: str) -> AcmeEndpoint | None:
        return self._endpoints.get(arn)

    def all(self) -> list[AcmeEndpoint]:
        """Oldest first."""
        return list(self._endpoints.values())

    def parent(self, arn: str, creating: str) -> AcmeEndpoint:
        """The endpoint a new domain validation or binding goes under: CREATING or ACTIVE."""
        found = self.get(arn)
        if found.status not in (CREATING, ACTIVE):
            raise ServiceError(
                "ConflictException",
                f"The ACME endpoint {arn} is {found.status}; {creating} can be created only "
                "under a CREATING or ACTIVE endpoint.",
            )
        return found

    def create(
        self,
        *,
        authorization_behavior: str,
        certificate_authority: Mapping[str, Any],
        contact: str | None = None,
        tags: Sequence[Mapping[str, str]] | None = None,
        certificate_tags: Sequence[Mapping[str, str]] | None = None,
        idempotency_token: str | None = None,
    ) -> str:
        """CreateAcmeEndpoint: the new endpoint's ARN."""
        request = {
            "AuthorizationBehavior": authorization_behavior,
            "CertificateAuthority": certificate_authority,
            "Contact": contact,
            "Tags": tags,
            "CertificateTags": certificate_tags,
        }
        repeated = self._tokens.replay(idempotency_token, request)
        if repeated is not None:
            return repeated
        key_algorithms = allowed_key_algorithms(certificate_authority)
        own_tags = ACME_TAGS.pairs(tags)
        stamped = ACME_TAGS.pairs(certificate_tags)
        if len(self._endpoints) >= MAX_ENDPOINTS:
            raise ServiceError(
                "ServiceQuotaExceededException",
                f"This account has {len(self._endpoints)} ACME endpoints in "
                f"{self._scope.region}, the most certmock allows ({MAX_ENDPOINTS}); delete one "
                "first.",
            )
        now = self._scope.now()
        endpoint_id = self._scope.new_uuid()
        arn = endpoint_arn(self._scope, endpoint_id)
        created = AcmeEndpoint(
            arn=arn,
            endpoint_id=endpoint_id,
            sequence=self._scope.world.next_sequence(),
            url=directory_url(self._scope.partition, self._scope.region, endpoint_id),
            status=CREATING if self._scope.world.realistic else ACTIVE,
            authorization_behavior=authorization_behavior,
            contact=contact or DEFAULT_CONTACT,
            key_algorithms=key_algorithms,
            certificate_tags=dict(stamped),
            created_at=now,
            updated_at=now,
            tags=ACME_TAGS.merged({}, own_tags, arn),
        )
        self._endpoints[arn] = created
        self._tokens.remember(idempotency_token, arn, params=request, at=now)
        if created.status == CREATING:
            created.transition = self._scope.schedule(
                now + PROVISIONING_DELAY, lambda at: self._provisioned(created, at)
            )
        return arn

    def _provisioned(self, endpoint: AcmeEndpoint, at: _dt.datetime) -> None:
        if self._endpoints.get(endpoint.arn) is endpoint and endpoint.status == CREATING:
            endpoint.status = ACTIVE
            endpoint.updated_at = at
            endpoint.transition = None

    def update(
        self,
        arn: str,
        *,
        authorization_behavior: str | None = None,
        contact: str | None = None,
        certificate_authority: Mapping[str, Any] | None = None,
    ) -> None:
        """UpdateAcmeEndpoint."""
        found = self.get(arn)
        if found.status != ACTIVE:
            raise ServiceError(
                "ConflictException",
                f"The ACME endpoint {arn} is {found.status}; only an ACTIVE endpoint can be "
                "updated.",
            )
        key_algorithms = (
            None if certificate_authority is None else allowed_key_algorithms(certificate_authority)
        )
        changed = False
        if authorization_behavior is not None:
            found.authorization_behavior = authorization_behavior
            changed = True
        if contact is not None:
            found.contact = contact
            changed = True
        if key_algorithms is not None:
            found.key_algorithms = key_algorithms
            changed = True
        if changed:
            found.updated_at = self._scope.now()

    def delete(self, arn: str, remove: Callable[[AcmeEndpoint], None]) -> AcmeEndpoint | None:
        """DeleteAcmeEndpoint: ``remove`` takes the endpoint and what goes with it, now or, in
        realistic mode, after ``DELETION_DELAY``; the endpoint if it is DELETING meanwhile."""
        found = self._endpoints.get(arn)
        if found is None:
            # DeleteAcmeEndpoint models no ResourceNotFoundException: deleting what is not
            # there (any more) succeeds.
            return None
        if found.status in (CREATING, DELETING):
            raise ServiceError(
                "ConflictException",
                f"The ACME endpoint {arn} is {found.status}; wait until it is ACTIVE before "
                "deleting it.",
            )
        if not self._scope.world.realistic:
            remove(found)
            return None
        now = self._scope.now()
        found.status = DELETING
        found.updated_at = now
        found.transition = self._scope.schedule(now + DELETION_DELAY, lambda _: remove(found))
        return found

    def remove(self, endpoint: AcmeEndpoint) -> None:
        if endpoint.transition is not None:
            endpoint.transition.cancel()
        del self._endpoints[endpoint.arn]
        self._tokens.forget([endpoint.arn])
