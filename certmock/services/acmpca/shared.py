"""A CA as the world's directory holds it, for every account and service that reaches it: the
CA's record with its owner's scope and CRL publisher, and the CA's own rules for who may use it
(its Region, its resource policy). Implements ``certmock.directory.SharedCertificateAuthority``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from cryptography import x509

from certmock.arns import Arn
from certmock.directory import AuthorityView, IssuedView, PrivateIssuance, Requester
from certmock.errors import ServiceError
from certmock.partitions import partition_of
from certmock.services.acmpca import signing, templates
from certmock.services.acmpca.crl_publisher import CrlPublisher
from certmock.services.acmpca.policy import grants
from certmock.services.acmpca.records import ACM_PRINCIPAL, CertificateAuthority
from certmock.world import Scope


def not_found(arn: str, requester: Requester) -> ServiceError:
    # AWS's wording is not documented; this names the ARN so the test can be fixed.
    return ServiceError(
        "ResourceNotFoundException",
        f"Could not find certificate authority {arn} in account {requester.account_id}, "
        f"region {requester.region}.",
    )


def access_denied(requester: Requester, action: str, arn: str) -> ServiceError:
    caller = f"arn:{partition_of(requester.region)}:iam::{requester.account_id}:root"
    return ServiceError(
        "AccessDeniedException",
        f"User: {caller} is not authorized to perform: acm-pca:{action} on resource: {arn} "
        f"because no resource-based policy allows the acm-pca:{action} action",
    )


SERVICE_NAME = "acm-pca"
"""botocore's name of the service, under which the world keeps its backends."""


class _OwnerLifecycle(Protocol):
    def update_certificate_authority(
        self,
        arn: str,
        *,
        status: str | None = None,
        revocation_configuration: dict[str, Any] | None = None,
    ) -> None: ...

    def delete_certificate_authority(
        self, arn: str, permanent_deletion_time_in_days: int | None = None
    ) -> None: ...

    def restore_certificate_authority(self, arn: str) -> None: ...


class _OwnerRevocation(Protocol):
    def revoke_certificate(self, arn: str, serial_text: str, reason: str) -> None: ...


class _Owner(Protocol):
    """The owning account's ACM Private CA state in the CA's Region (an ``AcmPcaBackend``;
    named by protocol, as the backend module builds on this one)."""

    @property
    def lifecycle(self) -> _OwnerLifecycle: ...

    @property
    def revocation(self) -> _OwnerRevocation: ...


@dataclass(eq=False)
class SharedAuthority:
    record: CertificateAuthority
    owner: Scope
    """The owning account and Region: where the CA's events go."""
    crls: CrlPublisher
    """The owner's publisher: certificates another account issues name the owner's CRL (a
    PARTITIONED CRL's id lives with it) and revocations land in it."""

    @property
    def arn(self) -> Arn:
        return self.record.arn

    @property
    def sequence(self) -> int:
        return self.record.sequence

    def admit(self, requester: Requester, action: str) -> None:
        """Refuse ``requester`` unless the CA is in its Region and is its own, or the CA's
        resource policy grants it ``action`` (an operation name)."""
        if requester.region != self.arn.region:
            raise not_found(str(self.arn), requester)
        if requester.account_id != self.arn.account_id and not self.shares_with(
            requester.account_id, action
        ):
            raise access_denied(requester, action, str(self.arn))

    def shares_with(self, account_id: str, action: str) -> bool:
        """Whether the CA's resource policy grants another account ``action``."""
        return grants(self.record.policy, account_id, f"acm-pca:{action}", str(self.arn))

    def key_algorithm_for(self, requester: Requester, action: str) -> str:
        self.admit(requester, action)
        key_algorithm: str = self.record.configuration["KeyAlgorithm"]
        return key_algorithm

    def issue_for_acm(
        self,
        requester: Requester,
        csr: x509.CertificateSigningRequest,
        *,
        renewal: bool,
        validity_days: int,
    ) -> PrivateIssuance:
        """EndEntityCertificate/V1 with the CA's signing algorithm, recorded as requested by
        acm.amazonaws.com. A renewal needs the CA's permissions for acm.amazonaws.com."""
        self.admit(requester, "IssueCertificate")
        if renewal and not self.record.lets_acm_renew(requester.account_id):
            raise ServiceError(
                "AccessDeniedException",
                f"{ACM_PRINCIPAL} has no permission to IssueCertificate, GetCertificate and "
                f"ListPermissions on {self.arn} (CreatePermission).",
            )
        issued = signing.sign(
            self.record,
            csr,
            owner=self.owner,
            crls=self.crls,
            requester_account=requester.account_id,
            template=templates.TEMPLATES[templates.DEFAULT_TEMPLATE_NAME],
            signing_algorithm=self.record.configuration["SigningAlgorithm"],
            validity={"Type": "DAYS", "Value": validity_days},
            requested_by=ACM_PRINCIPAL,
        )
        assert issued.chain_pem is not None  # only root templates leave it out
        return PrivateIssuance(issued.certificate, issued.chain_pem, issued.arn)

    def view(self) -> AuthorityView:
        record = self.record
        return AuthorityView(
            arn=record.arn,
            status=record.status,
            type=record.type,
            usage_mode=record.usage_mode,
            key_storage_security_standard=record.key_storage_security_standard,
            created_at=record.created_at,
            last_state_change_at=record.last_state_change_at,
            serial=record.serial,
            not_before=record.not_before,
            not_after=record.not_after,
            restorable_until=record.restorable_until,
            certificate=record.certificate,
            issued=tuple(
                IssuedView(
                    issued.arn,
                    issued.certificate,
                    issued.revoked_at is not None,
                    issued.requested_by,
                )
                for issued in record.issued.values()
            ),
        )

    # -- as the owner (ACM's certificate actions for organisations) ------------------------
    def _owner_state(self) -> _Owner:
        backend: _Owner = self.owner.world.backends(SERVICE_NAME)[
            (self.owner.account_id, self.owner.region)
        ]
        return backend

    def update_as_owner(
        self, *, status: str | None, revocation_configuration: Mapping[str, Any] | None
    ) -> None:
        configuration = None
        if revocation_configuration is not None:
            configuration = dict(revocation_configuration)
            crl = configuration.get("CrlConfiguration")
            bucket = self.record.revocation_configuration.get("CrlConfiguration", {}).get(
                "S3BucketName"
            )
            if crl is not None and bucket is not None and "S3BucketName" not in crl:
                # ACM's shape has no bucket: the CA keeps the one its owner set.
                configuration["CrlConfiguration"] = {**crl, "S3BucketName": bucket}
        self._owner_state().lifecycle.update_certificate_authority(
            str(self.arn), status=status, revocation_configuration=configuration
        )

    def delete_as_owner(self, permanent_deletion_time_in_days: int | None) -> None:
        self._owner_state().lifecycle.delete_certificate_authority(
            str(self.arn), permanent_deletion_time_in_days
        )

    def restore_as_owner(self) -> None:
        self._owner_state().lifecycle.restore_certificate_authority(str(self.arn))

    def revoke_as_owner(self, serial: str, reason: str) -> None:
        self._owner_state().revocation.revoke_certificate(str(self.arn), serial, reason)
