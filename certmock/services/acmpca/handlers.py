"""ACM Private CA operations: parameters (as botocore's shapes name them) in, result out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol, TypeVar

from certmock.errors import ServiceError
from certmock.services.acmpca import associations
from certmock.services.acmpca.backend import AcmPcaBackend
from certmock.services.acmpca.replication import ReplicaRequest, replica_requests
from certmock.services.toolkit.pages import page_in_creation_order

Result = Mapping[str, Any]


class _Sequenced(Protocol):
    @property
    def sequence(self) -> int: ...


T = TypeVar("T", bound=_Sequenced)

# ListCertificateAuthorities accepts MaxResults up to 1000 but returns at most 100 a page.
_PAGE_CAP = 100


def _invalid_token(operation: str, code: str = "InvalidNextTokenException") -> ServiceError:
    return ServiceError(
        code,
        "The token specified in the NextToken argument is not valid. Use the token returned "
        f"from your previous call to {operation}.",
    )


def _capped_page(
    items: Sequence[T], operation: str, listing: str, params: dict[str, Any]
) -> tuple[list[T], str | None]:
    """A page of a CA listing in creation order: at most ``MaxResults`` and never more than
    100 items (ListCertificateAuthorities' documented cap, also kept for the newer lists)."""
    return page_in_creation_order(
        items,
        lambda item: item.sequence,
        listing=listing,
        token=params.get("NextToken"),
        limit=min(params.get("MaxResults", _PAGE_CAP), _PAGE_CAP),
        invalid_token=_invalid_token(operation),
    )


def create_certificate_authority(backend: AcmPcaBackend, params: dict[str, Any]) -> Result:
    created = backend.lifecycle.create_certificate_authority(
        configuration=params["CertificateAuthorityConfiguration"],
        authority_type=params["CertificateAuthorityType"],
        revocation_configuration=params.get("RevocationConfiguration"),
        idempotency_token=params.get("IdempotencyToken"),
        key_storage_security_standard=params.get(
            "KeyStorageSecurityStandard", "FIPS_140_2_LEVEL_3_OR_HIGHER"
        ),
        usage_mode=params.get("UsageMode", "GENERAL_PURPOSE"),
        service_affiliation=params.get("ServiceAffiliation"),
        tags=params.get("Tags"),
    )
    return {"CertificateAuthorityArn": str(created.arn)}


def describe_certificate_authority(backend: AcmPcaBackend, params: dict[str, Any]) -> Result:
    shared = backend.authorities.readable(
        params["CertificateAuthorityArn"], "DescribeCertificateAuthority"
    )
    return {"CertificateAuthority": shared.record.describe()}


def list_certificate_authorities(backend: AcmPcaBackend, params: dict[str, Any]) -> Result:
    owner = params.get("ResourceOwner", "SELF")
    page, token = _capped_page(
        backend.authorities.listed(owner),
        "ListCertificateAuthorities",
        f"certificate-authorities/{owner}",
        params,
    )
    return {"CertificateAuthorities": [listed.describe() for listed in page], "NextToken": token}


def update_certificate_authority(backend: AcmPcaBackend, params: dict[str, Any]) -> Result:
    backend.lifecycle.update_certificate_authority(
        params["CertificateAuthorityArn"],
        status=params.get("Status"),
        revocation_configuration=params.get("RevocationConfiguration"),
    )
    return {}


def delete_certificate_authority(backend: AcmPcaBackend, params: dict[str, Any]) -> Result:
    backend.lifecycle.delete_certificate_authority(
        params["CertificateAuthorityArn"], params.get("PermanentDeletionTimeInDays")
    )
    return {}


def restore_certificate_authority(backend: AcmPcaBackend, params: dict[str, Any]) -> Result:
    backend.lifecycle.restore_certificate_authority(params["CertificateAuthorityArn"])
    return {}


def tag_certificate_authority(backend: AcmPcaBackend, params: dict[str, Any]) -> Result:
    backend.tags.tag_certificate_authority(params["CertificateAuthorityArn"], params["Tags"])
    return {}


def untag_certificate_authority(backend: AcmPcaBackend, params: dict[str, Any]) -> Result:
    backend.tags.untag_certificate_authority(params["CertificateAuthorityArn"], params["Tags"])
    return {}


def list_tags(backend: AcmPcaBackend, params: dict[str, Any]) -> Result:
    arn = params["CertificateAuthorityArn"]
    page, token = page_in_creation_order(
        list(enumerate(backend.tags.list_tags(arn))),
        lambda indexed: indexed[0],
        listing=f"tags/{arn}",
        token=params.get("NextToken"),
        limit=params.get("MaxResults", _PAGE_CAP),
        # ListTags does not model InvalidNextTokenException; what AWS answers is undocumented,
        # so it gets the protocol's ValidationException rather than an error it cannot have.
        invalid_token=_invalid_token("ListTags", "ValidationException"),
    )
    return {"Tags": [tag for _, tag in page], "NextToken": token}


def put_policy(backend: AcmPcaBackend, params: dict[str, Any]) -> Result:
    backend.permissions.put_policy(params["ResourceArn"], params["Policy"])
    return {}


def get_policy(backend: AcmPcaBackend, params: dict[str, Any]) -> Result:
    return {"Policy": backend.permissions.get_policy(params["ResourceArn"])}


def delete_policy(backend: AcmPcaBackend, params: dict[str, Any]) -> Result:
    backend.permissions.delete_policy(params["ResourceArn"])
    return {}


def create_permission(backend: AcmPcaBackend, params: dict[str, Any]) -> Result:
    backend.permissions.create_permission(
        params["CertificateAuthorityArn"],
        params["Principal"],
        params["Actions"],
        params.get("SourceAccount"),
    )
    return {}


def delete_permission(backend: AcmPcaBackend, params: dict[str, Any]) -> Result:
    backend.permissions.delete_permission(
        params["CertificateAuthorityArn"], params["Principal"], params.get("SourceAccount")
    )
    return {}


def list_permissions(backend: AcmPcaBackend, params: dict[str, Any]) -> Result:
    arn = params["CertificateAuthorityArn"]
    page, token = page_in_creation_order(
        backend.permissions.list_permissions(arn),
        lambda permission: permission.sequence,
        listing=f"permissions/{arn}",
        token=params.get("NextToken"),
        limit=params.get("MaxResults", _PAGE_CAP),
        invalid_token=_invalid_token("ListPermissions"),
    )
    return {"Permissions": [p.describe(arn) for p in page], "NextToken": token}


def get_certificate_authority_csr(backend: AcmPcaBackend, params: dict[str, Any]) -> Result:
    csr = backend.activation.get_certificate_authority_csr(params["CertificateAuthorityArn"])
    return {"Csr": csr}


def get_certificate_authority_certificate(backend: AcmPcaBackend, params: dict[str, Any]) -> Result:
    certificate, chain = backend.activation.get_certificate_authority_certificate(
        params["CertificateAuthorityArn"]
    )
    return {"Certificate": certificate, "CertificateChain": chain}


def import_certificate_authority_certificate(
    backend: AcmPcaBackend, params: dict[str, Any]
) -> Result:
    backend.activation.import_certificate_authority_certificate(
        params["CertificateAuthorityArn"], params["Certificate"], params.get("CertificateChain")
    )
    return {}


def issue_certificate(backend: AcmPcaBackend, params: dict[str, Any]) -> Result:
    arn = backend.issuance.issue_certificate(
        params["CertificateAuthorityArn"],
        csr=params["Csr"],
        signing_algorithm=params["SigningAlgorithm"],
        validity=params["Validity"],
        template_arn=params.get("TemplateArn"),
        validity_not_before=params.get("ValidityNotBefore"),
        api_passthrough=params.get("ApiPassthrough"),
        idempotency_token=params.get("IdempotencyToken"),
    )
    if params.get("ReturnValues") != "CERTIFICATE":  # "ARN", the default
        return {"CertificateArn": arn}
    certificate, chain = backend.issuance.delivered_at_issuance(
        params["CertificateAuthorityArn"], arn
    )
    return {"CertificateArn": arn, "Certificate": certificate, "CertificateChain": chain}


def get_certificate(backend: AcmPcaBackend, params: dict[str, Any]) -> Result:
    certificate, chain = backend.issuance.get_certificate(
        params["CertificateAuthorityArn"], params["CertificateArn"]
    )
    return {"Certificate": certificate, "CertificateChain": chain}


def revoke_certificate(backend: AcmPcaBackend, params: dict[str, Any]) -> Result:
    backend.revocation.revoke_certificate(
        params["CertificateAuthorityArn"], params["CertificateSerial"], params["RevocationReason"]
    )
    return {}


def create_certificate_authority_audit_report(
    backend: AcmPcaBackend, params: dict[str, Any]
) -> Result:
    report = backend.reports.create_audit_report(
        params["CertificateAuthorityArn"],
        params["S3BucketName"],
        params["AuditReportResponseFormat"],
    )
    return {"AuditReportId": report.id, "S3Key": report.key}


def describe_certificate_authority_audit_report(
    backend: AcmPcaBackend, params: dict[str, Any]
) -> Result:
    report = backend.reports.describe_audit_report(
        params["CertificateAuthorityArn"], params["AuditReportId"]
    )
    return report.describe()


def create_certificate_authority_replica(backend: AcmPcaBackend, params: dict[str, Any]) -> Result:
    replica = backend.replication.create_replica(
        params["CertificateAuthorityArn"],
        ReplicaRequest(params["ReplicaRegion"], params.get("Tags"), params.get("IdempotencyToken")),
    )
    return {"Replica": replica.describe_replica()}


def batch_create_certificate_authority_replica(
    backend: AcmPcaBackend, params: dict[str, Any]
) -> Result:
    successful, failed = backend.replication.batch_create_replicas(
        params["CertificateAuthorityArn"], replica_requests(params["Replicas"])
    )
    return {"Successful": [r.describe_replica() for r in successful], "Failed": failed}


def list_certificate_authority_replicas(backend: AcmPcaBackend, params: dict[str, Any]) -> Result:
    arn = params["CertificateAuthorityArn"]
    page, token = _capped_page(
        backend.replication.list_replicas(arn),
        "ListCertificateAuthorityReplicas",
        f"replicas/{arn}",
        params,
    )
    return {"Replicas": [replica.describe_replica() for replica in page], "NextToken": token}


def create_certificate_authority_association(
    backend: AcmPcaBackend, params: dict[str, Any]
) -> Result:
    backend.associations.create(params["CertificateAuthorityArn"], params["AssociatedResourceArn"])
    return {}


def delete_certificate_authority_association(
    backend: AcmPcaBackend, params: dict[str, Any]
) -> Result:
    backend.associations.delete(params["CertificateAuthorityArn"], params["AssociatedResourceArn"])
    return {}


def list_certificate_authority_associations(
    backend: AcmPcaBackend, params: dict[str, Any]
) -> Result:
    arn = params["CertificateAuthorityArn"]
    holder, listed = backend.associations.listed(arn)
    page, token = _capped_page(
        listed, "ListCertificateAuthorityAssociations", f"associations/{arn}", params
    )
    return {
        "Associations": [associations.describe(holder, a) for a in page],
        "ServiceAffiliation": holder.service_affiliation,
        "NextToken": token,
    }


HANDLERS = {
    "CreateCertificateAuthority": create_certificate_authority,
    "DescribeCertificateAuthority": describe_certificate_authority,
    "ListCertificateAuthorities": list_certificate_authorities,
    "UpdateCertificateAuthority": update_certificate_authority,
    "DeleteCertificateAuthority": delete_certificate_authority,
    "RestoreCertificateAuthority": restore_certificate_authority,
    "TagCertificateAuthority": tag_certificate_authority,
    "UntagCertificateAuthority": untag_certificate_authority,
    "ListTags": list_tags,
    "PutPolicy": put_policy,
    "GetPolicy": get_policy,
    "DeletePolicy": delete_policy,
    "CreatePermission": create_permission,
    "DeletePermission": delete_permission,
    "ListPermissions": list_permissions,
    "GetCertificateAuthorityCsr": get_certificate_authority_csr,
    "GetCertificateAuthorityCertificate": get_certificate_authority_certificate,
    "ImportCertificateAuthorityCertificate": import_certificate_authority_certificate,
    "IssueCertificate": issue_certificate,
    "GetCertificate": get_certificate,
    "RevokeCertificate": revoke_certificate,
    "CreateCertificateAuthorityAuditReport": create_certificate_authority_audit_report,
    "DescribeCertificateAuthorityAuditReport": describe_certificate_authority_audit_report,
    "CreateCertificateAuthorityReplica": create_certificate_authority_replica,
    "BatchCreateCertificateAuthorityReplica": batch_create_certificate_authority_replica,
    "ListCertificateAuthorityReplicas": list_certificate_authority_replicas,
    "CreateCertificateAuthorityAssociation": create_certificate_authority_association,
    "DeleteCertificateAuthorityAssociation": delete_certificate_authority_association,
    "ListCertificateAuthorityAssociations": list_certificate_authority_associations,
}
