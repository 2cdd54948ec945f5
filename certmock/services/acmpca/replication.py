"""Multi-Region CAs: CreateCertificateAuthorityReplica, BatchCreateCertificateAuthorityReplica
and ListCertificateAuthorityReplicas.

A replica is a CA in another Region of the same account with the primary's ARN but for the
Region. It shares the primary's id, key, CSR and certificate (``CertificateAuthority.primary``
points at them, so there is one key, not a copy per Region) and has its own status, tags,
policy, permissions and issued certificates. A new replica is CREATING and becomes ACTIVE when
its creation time has passed on the world's clock (``ReplicationSettings``), so a test that
polls the list sees what a program polling AWS sees.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from certmock.arns import Arn
from certmock.errors import ServiceError
from certmock.partitions import is_known_region, partition_of
from certmock.services.acmpca import affiliation, states
from certmock.services.acmpca.access import Authorities, Regional, RegionalState
from certmock.services.acmpca.expiry import schedule_expiry
from certmock.services.acmpca.lifecycle import MAX_CERTIFICATE_AUTHORITIES
from certmock.services.acmpca.records import IDEMPOTENCY_WINDOW, CertificateAuthority
from certmock.services.acmpca.shared import SharedAuthority
from certmock.services.acmpca.tags import TAG_RULES
from certmock.services.toolkit.idempotency import IdempotencyTokens
from certmock.services.toolkit.tags import Tags
from certmock.world import Scope, World

MAX_BATCH = 20
"""Regions one BatchCreateCertificateAuthorityReplica may name (its model's list maximum)."""


@dataclass
class ReplicationSettings:
    """How long a new replica is CREATING, world-wide: ``cm.acmpca.replica_creation_time``.

    AWS does not say how long replication takes; its own example polls for up to ten minutes.
    By default a replica is ACTIVE as soon as the clock moves past its creation (any call
    after the one that created it sees it ACTIVE); with ``realistic=True`` it takes
    ``REALISTIC_CREATION_TIME``. A time set on the handle wins over both."""

    creation_time: _dt.timedelta | None = None

    def for_world(self, world: World) -> _dt.timedelta:
        if self.creation_time is not None:
            return self.creation_time
        return REALISTIC_CREATION_TIME if world.realistic else _dt.timedelta(0)


REALISTIC_CREATION_TIME = _dt.timedelta(minutes=2)
_OPTION = "acm-pca/replication"


def settings(world: World) -> ReplicationSettings:
    """The world's replication settings (kept across ``reset``, like ``realistic``)."""
    found = world.options.get(_OPTION)
    if not isinstance(found, ReplicationSettings):
        found = world.options[_OPTION] = ReplicationSettings()
    return found


@dataclass(frozen=True)
class ReplicaRequest:
    region: str
    tags: list[dict[str, str]] | None
    idempotency_token: str | None


class _RegionFailed(Exception):
    """One Region of a request could not get a replica (a batch lists it under Failed)."""

    def __init__(self, reason: str, error: ServiceError) -> None:
        super().__init__(error.message)
        self.reason = reason
        self.error = error


class Replication:
    def __init__(self, scope: Scope, authorities: Authorities, regional: RegionalState) -> None:
        self.scope = scope
        self.authorities = authorities
        self.regional = regional
        # (primary ARN, replica Region, token) -> the replica's ARN.
        self._tokens: IdempotencyTokens[tuple[str, str, str], str] = IdempotencyTokens(
            scope, IDEMPOTENCY_WINDOW
        )

    def create_replica(self, arn: str, request: ReplicaRequest) -> CertificateAuthority:
        """CreateCertificateAuthorityReplica: the new (or, for a token seen before, the
        original) replica; the Region's refusal as its single-request error."""
        primary = self._replicable(arn, "CreateCertificateAuthorityReplica", [request.region])
        try:
            return self._create(primary, request)
        except _RegionFailed as failed:
            raise failed.error from None

    def batch_create_replicas(
        self, arn: str, requests: Sequence[ReplicaRequest]
    ) -> tuple[list[CertificateAuthority], list[dict[str, str]]]:
        """BatchCreateCertificateAuthorityReplica: a request that is invalid as a whole
        creates nothing; otherwise each Region succeeds or fails on its own."""
        primary = self._replicable(
            arn, "BatchCreateCertificateAuthorityReplica", [r.region for r in requests]
        )
        successful: list[CertificateAuthority] = []
        failed: list[dict[str, str]] = []
        for request in requests:
            try:
                successful.append(self._create(primary, request))
            except _RegionFailed as refusal:
                failed.append(
                    {
                        "Region": request.region,
                        "FailureReason": refusal.reason,
                        "Message": refusal.error.message,
                    }
                )
        return successful, failed

    def list_replicas(self, arn: str) -> list[CertificateAuthority]:
        """ListCertificateAuthorityReplicas, in creation order; deleted replicas are gone."""
        primary = self._primary(arn, "ListCertificateAuthorityReplicas")
        return list(primary.replicas.values())

    # -- checks of the request as a whole ---------------------------------------------------
    def _primary(self, arn: str, operation: str) -> CertificateAuthority:
        found = self.authorities.owned(arn, operation)
        if found.multi_region_type == affiliation.REPLICA:
            assert found.primary is not None
            raise ServiceError(
                "InvalidArgsException",
                f"{arn} is a replica. Call {operation} in the Region of its primary CA, "
                f"{found.primary.arn.region}, with the primary's ARN {found.primary.arn}.",
            )
        if found.multi_region_type != affiliation.PRIMARY:
            raise ServiceError(
                "InvalidArgsException",
                f"{arn} is not a multi-Region certificate authority, so it has no replicas. "
                "A CA is multi-Region when its service affiliation makes it one "
                f"({affiliation.IAM_WORKLOAD_IDENTITY}).",
            )
        return found

    def _replicable(self, arn: str, operation: str, regions: Sequence[str]) -> CertificateAuthority:
        primary = self._primary(arn, operation)
        if primary.status != states.ACTIVE:
            raise ServiceError(
                "InvalidStateException",
                f"Only an ACTIVE multi-Region certificate authority can be replicated; {arn} "
                f"is {primary.status}.",
            )
        duplicated = sorted({region for region in regions if regions.count(region) > 1})
        if duplicated:
            raise ServiceError(
                "InvalidArgsException",
                f"Each replica Region may be named once; {', '.join(duplicated)} is named more "
                "than once.",
            )
        for region in regions:
            _check_region(primary.arn, region)
        return primary

    # -- one Region --------------------------------------------------------------------------
    def _create(
        self, primary: CertificateAuthority, request: ReplicaRequest
    ) -> CertificateAuthority:
        key = (
            None
            if request.idempotency_token is None
            else (str(primary.arn), request.region, request.idempotency_token)
        )
        replayed = self._tokens.replay(key)
        if replayed is not None:
            # The same token for the same Region within its window: the original replica.
            found = primary.replicas.get(request.region)
            if found is not None and str(found.arn) == replayed:
                return found
        existing = primary.replicas.get(request.region)
        if existing is not None:
            raise _RegionFailed(
                "CONFLICT",
                ServiceError(
                    "ConflictException",
                    f"{primary.arn} already has a replica in {request.region}: {existing.arn}.",
                    resourceId=str(existing.arn),
                ),
            )
        arn = dataclasses.replace(primary.arn, region=request.region)
        try:
            tags = TAG_RULES.merged({}, TAG_RULES.pairs(request.tags), str(arn))
        except ServiceError as invalid:
            # Too many tags too: the operations model InvalidTagException only.
            raise _RegionFailed(
                "INVALID_TAG", ServiceError("InvalidTagException", invalid.message)
            ) from None
        there = self.regional(request.region)
        if len(there.authorities) >= MAX_CERTIFICATE_AUTHORITIES:
            raise _RegionFailed(
                "LIMIT_EXCEEDED",
                ServiceError(
                    "LimitExceededException",
                    f"{request.region} is at its quota of {MAX_CERTIFICATE_AUTHORITIES} "
                    "private certificate authorities (a replica counts as one): delete a CA "
                    "there or ask for a quota increase.",
                ),
            )
        replica = self._new_replica(primary, there, tags)
        self._tokens.remember(key, str(replica.arn))
        return replica

    def _new_replica(
        self, primary: CertificateAuthority, there: Regional, tags: Tags
    ) -> CertificateAuthority:
        now = self.scope.now()
        replica = CertificateAuthority(
            arn=dataclasses.replace(primary.arn, region=there.scope.region),
            sequence=self.scope.world.next_sequence(),
            type=primary.type,
            # Copies: a change to one Region's CA must never show in another's.
            configuration=copy.deepcopy(primary.configuration),
            revocation_configuration=copy.deepcopy(primary.revocation_configuration),
            key_storage_security_standard=primary.key_storage_security_standard,
            usage_mode=primary.usage_mode,
            created_at=now,
            status=states.CREATING,
            last_state_change_at=now,
            tags=tags,
            service_affiliation=copy.deepcopy(primary.service_affiliation),
            multi_region_type=affiliation.REPLICA,
            primary=primary,
        )
        primary.replicas[there.scope.region] = replica
        there.authorities.add(SharedAuthority(replica, there.scope, there.crls))
        due = now + settings(self.scope.world).for_world(self.scope.world)
        there.scope.schedule(due, lambda at: _replicated(replica, there.scope, at))
        return replica


def _check_region(primary: Arn, region: str) -> None:
    if region == primary.region:
        raise ServiceError(
            "InvalidArgsException",
            f"A replica must be in a Region other than its primary's; {primary} is in {region}.",
        )
    if not is_known_region(region) or partition_of(region) != primary.partition:
        raise ServiceError(
            "InvalidArgsException",
            f"{region} is not a Region of the {primary.partition} partition that ACM Private "
            "CA can replicate to.",
        )


def _replicated(replica: CertificateAuthority, scope: Scope, at: _dt.datetime) -> None:
    """The replica's creation ends: ACTIVE with the primary's certificate, or FAILED when the
    primary has no valid certificate to share any more."""
    primary = replica.primary
    if (
        replica.status != states.CREATING
        or primary is None
        or primary.replicas.get(replica.arn.region) is not replica
    ):
        return  # deleted, or made to fail, meanwhile
    if primary.certificate is None or primary.status not in states.SHAREABLE:
        fail(replica, scope, "OTHER", at)
        return
    replica.certificate = primary.certificate
    replica.certificate_chain_pem = primary.certificate_chain_pem
    replica.csr_pem = primary.csr_pem
    replica.not_before = primary.not_before
    replica.not_after = primary.not_after
    replica.serial = primary.serial
    replica.change_status(states.ACTIVE, at)
    schedule_expiry(scope, replica)
    scope.emit(
        "aws.acm-pca", "ACM Private CA Creation", [str(replica.arn)], {"result": "success"}, at
    )


def fail(replica: CertificateAuthority, scope: Scope, reason: str, at: _dt.datetime) -> None:
    """A CREATING replica's creation fails with ``reason`` (a botocore ``FailureReason``)."""
    replica.failure_reason = reason
    replica.change_status(states.FAILED, at)
    scope.emit(
        "aws.acm-pca", "ACM Private CA Creation", [str(replica.arn)], {"result": "failure"}, at
    )


def replica_requests(entries: Sequence[dict[str, Any]]) -> list[ReplicaRequest]:
    return [
        ReplicaRequest(entry["ReplicaRegion"], entry.get("Tags"), entry.get("IdempotencyToken"))
        for entry in entries
    ]
