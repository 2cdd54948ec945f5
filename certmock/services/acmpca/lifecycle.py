"""Create, update, delete and restore a CA.

The end of a deleted CA's restore window and the lapse of an idempotency token are scheduled on
the world's timeline, so they happen at their due time however the clock is moved. A CA is in
the world's directory from its creation until it is gone for good.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from certmock.directory import CERTIFICATE_AUTHORITY_ARN
from certmock.errors import ServiceError
from certmock.services.acmpca import affiliation, states
from certmock.services.acmpca.access import Authorities, RegionalState
from certmock.services.acmpca.configuration import check_configuration, check_security_standard
from certmock.services.acmpca.crl_publisher import CrlPublisher
from certmock.services.acmpca.records import IDEMPOTENCY_WINDOW, CertificateAuthority
from certmock.services.acmpca.revocation_configuration import checked_revocation_configuration
from certmock.services.acmpca.shared import SharedAuthority
from certmock.services.acmpca.tags import TAG_RULES
from certmock.services.toolkit.idempotency import IdempotencyTokens
from certmock.world import Scope

# Quota L-799883CD; a DELETED CA counts until its restore window ends.
MAX_CERTIFICATE_AUTHORITIES = 200
DEFAULT_PERMANENT_DELETION_DAYS = 30
# With realistic=True: how long a new CA is CREATING.
CREATION_TIME = _dt.timedelta(seconds=3)


class Lifecycle:
    def __init__(
        self,
        scope: Scope,
        authorities: Authorities,
        crls: CrlPublisher,
        regional: RegionalState,
    ) -> None:
        self.scope = scope
        self.authorities = authorities
        self.crls = crls
        self.regional = regional
        """This account's state in other Regions, where a primary's replicas live."""
        # Token -> the ARN of the CA it made; parameters are not compared.
        self._tokens: IdempotencyTokens[str, str] = IdempotencyTokens(scope, IDEMPOTENCY_WINDOW)

    def create_certificate_authority(
        self,
        *,
        configuration: dict[str, Any],
        authority_type: str,
        revocation_configuration: dict[str, Any] | None = None,
        idempotency_token: str | None = None,
        key_storage_security_standard: str = "FIPS_140_2_LEVEL_3_OR_HIGHER",
        usage_mode: str = "GENERAL_PURPOSE",
        service_affiliation: dict[str, Any] | None = None,
        tags: list[dict[str, str]] | None = None,
    ) -> CertificateAuthority:
        replayed = self._tokens.replay(idempotency_token)
        if replayed is not None:
            # Same token within five minutes: the same CA, and no second one.
            return self.authorities.held(replayed).record
        check_configuration(configuration)
        check_security_standard(
            self.scope.partition, self.scope.region, key_storage_security_standard
        )
        affiliation.check_creation(usage_mode, service_affiliation, revocation_configuration)
        stored_revocation = checked_revocation_configuration(revocation_configuration)
        tag_pairs = TAG_RULES.pairs(tags)
        if len(self.authorities) >= MAX_CERTIFICATE_AUTHORITIES:
            raise ServiceError(
                "LimitExceededException",
                f"You have reached the quota of {MAX_CERTIFICATE_AUTHORITIES} private "
                f"certificate authorities in {self.scope.region} (deleted CAs count until "
                "their restore period ends).",
            )
        now = self.scope.now()
        arn = CERTIFICATE_AUTHORITY_ARN.format(
            self.scope.partition,
            self.scope.region,
            self.scope.account_id,
            f"certificate-authority/{self.scope.new_uuid()}",
        )
        created = CertificateAuthority(
            arn=arn,
            sequence=self.scope.world.next_sequence(),
            type=authority_type,
            configuration=configuration,
            revocation_configuration=stored_revocation,
            key_storage_security_standard=key_storage_security_standard,
            usage_mode=usage_mode,
            created_at=now,
            status=states.CREATING if self.scope.world.realistic else states.PENDING_CERTIFICATE,
            last_state_change_at=now,
            tags=TAG_RULES.merged({}, tag_pairs, str(arn)),
            service_affiliation=service_affiliation,
            multi_region_type=affiliation.multi_region_type(service_affiliation),
        )
        self.authorities.add(SharedAuthority(created, self.scope, self.crls))
        if created.status == states.CREATING:
            self.scope.schedule(now + CREATION_TIME, lambda due: _created(created, due))
        self._tokens.remember(idempotency_token, str(arn))
        self.scope.emit("aws.acm-pca", "ACM Private CA Creation", [str(arn)], {"result": "success"})
        return created

    def update_certificate_authority(
        self,
        arn: str,
        *,
        status: str | None = None,
        revocation_configuration: dict[str, Any] | None = None,
    ) -> None:
        operation = "UpdateCertificateAuthority"
        found = self.authorities.owned(arn, operation)
        if not states.allows(operation, found.status):
            raise ServiceError(
                "InvalidStateException",
                f"The certificate authority must be in the {states.allowed_for(operation)} "
                f"state to be updated; {arn} is {found.status}.",
            )
        if status is not None and status not in states.SETTABLE:
            raise ServiceError(
                "InvalidArgsException",
                f"Status can only be set to {states.named(states.SETTABLE)}, not {status}.",
            )
        if revocation_configuration is not None:
            code = (found.service_affiliation or {}).get("ServiceAffiliationCode")
            affiliation.check_revocation(code, revocation_configuration)
            checked = checked_revocation_configuration(revocation_configuration)
            found.revocation_configuration = {**found.revocation_configuration, **checked}
        if status is not None:
            found.change_status(status, self.scope.now())

    def delete_certificate_authority(
        self, arn: str, permanent_deletion_time_in_days: int | None = None
    ) -> None:
        found = self.authorities.owned(arn, "DeleteCertificateAuthority")
        if not states.allows("DeleteCertificateAuthority", found.status):
            raise ServiceError(
                "InvalidStateException",
                "The certificate authority is not in a valid state for deletion. "
                f"{arn} is {found.status}"
                + ("; disable it first." if found.status == states.ACTIVE else "."),
            )
        _check_not_in_use(found)
        now = self.scope.now()
        if found.status not in states.RESTORABLE_WHEN_DELETED or found.primary is not None:
            # CREATING and FAILED CAs have no restoration period; a replica is never restored.
            self._remove(found)
            return
        days = permanent_deletion_time_in_days or DEFAULT_PERMANENT_DELETION_DAYS
        found.status_before_deletion = found.status
        found.restorable_until = now + _dt.timedelta(days=days)
        found.change_status(states.DELETED, now)
        found.permanent_deletion = self.scope.schedule(
            found.restorable_until, lambda _: self._remove(found)
        )

    def _remove(self, removed: CertificateAuthority) -> None:
        self.authorities.remove(removed)
        self.crls.forget(removed)
        self._tokens.forget([str(removed.arn)])
        if removed.primary is not None:
            removed.primary.replicas.pop(removed.arn.region, None)
        # A primary goes last: only replicas that failed to be created can be left.
        for region, replica in list(removed.replicas.items()):
            there = self.regional(region)
            there.authorities.remove(replica)
            there.crls.forget(replica)
            removed.replicas.pop(region)

    def restore_certificate_authority(self, arn: str) -> None:
        operation = "RestoreCertificateAuthority"
        found = self.authorities.owned(arn, operation)
        if not states.allows(operation, found.status) or found.status_before_deletion is None:
            raise ServiceError(
                "InvalidStateException",
                "The certificate authority is not in a valid state for restoration. "
                f"{arn} is {found.status}; only a {states.allowed_for(operation)} CA can be "
                "restored.",
            )
        if found.permanent_deletion is not None:
            found.permanent_deletion.cancel()
        found.change_status(found.status_before_deletion, self.scope.now())
        found.status_before_deletion = None
        found.restorable_until = None
        found.permanent_deletion = None
        self.crls.restored(found)


def _check_not_in_use(found: CertificateAuthority) -> None:
    """A multi-Region primary goes after its replicas (all but those that failed to be
    created), and a service-affiliated CA after its associations (the documented tear-down
    order, enforced with the error added with it: I)."""
    live = [str(r.arn) for r in found.replicas.values() if r.status != states.FAILED]
    if live:
        raise ServiceError(
            "ResourceInUseException",
            f"{found.arn} is the primary of a multi-Region CA that still has replicas: "
            f"{', '.join(live)}. Delete each replica in its own Region first.",
        )
    if found.primary is None and found.associations:
        raise ServiceError(
            "ResourceInUseException",
            f"{found.arn} still has {len(found.associations)} association(s) with resources "
            f"of its affiliated service (first: {next(iter(found.associations))}). Remove them "
            "first (DeleteCertificateAuthorityAssociation).",
        )


def _created(created: CertificateAuthority, due: _dt.datetime) -> None:
    if created.status == states.CREATING:
        created.change_status(states.PENDING_CERTIFICATE, due)
