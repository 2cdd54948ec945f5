"""What certmock serves of botocore's ``acm-pca`` model (reviewed: see ``REVIEWED_BOTOCORE``)."""

from certmock.inventory import ServiceInventory, served

CA = "CertificateAuthorityArn"

INVENTORY = ServiceInventory(
    "acm-pca",
    served={
        "CreateCertificateAuthority": served(
            "CertificateAuthorityConfiguration CertificateAuthorityType IdempotencyToken "
            "KeyStorageSecurityStandard RevocationConfiguration ServiceAffiliation Tags UsageMode"
        ),
        "BatchCreateCertificateAuthorityReplica": served(f"{CA} Replicas"),
        "CreateCertificateAuthorityAssociation": served(f"{CA} AssociatedResourceArn"),
        "CreateCertificateAuthorityReplica": served(f"{CA} IdempotencyToken ReplicaRegion Tags"),
        "DeleteCertificateAuthorityAssociation": served(f"{CA} AssociatedResourceArn"),
        "ListCertificateAuthorityAssociations": served(f"{CA} MaxResults NextToken"),
        "ListCertificateAuthorityReplicas": served(f"{CA} MaxResults NextToken"),
        "CreateCertificateAuthorityAuditReport": served(
            f"{CA} AuditReportResponseFormat S3BucketName"
        ),
        "CreatePermission": served(f"{CA} Actions Principal SourceAccount"),
        "DeleteCertificateAuthority": served(f"{CA} PermanentDeletionTimeInDays"),
        "DeletePermission": served(f"{CA} Principal SourceAccount"),
        "DeletePolicy": served("ResourceArn"),
        "DescribeCertificateAuthority": served(CA),
        "DescribeCertificateAuthorityAuditReport": served(f"{CA} AuditReportId"),
        "GetCertificate": served(f"{CA} CertificateArn"),
        "GetCertificateAuthorityCertificate": served(CA),
        "GetCertificateAuthorityCsr": served(CA),
        "GetPolicy": served("ResourceArn"),
        "ImportCertificateAuthorityCertificate": served(f"{CA} Certificate CertificateChain"),
        "IssueCertificate": served(
            f"{CA} ApiPassthrough Csr IdempotencyToken ReturnValues SigningAlgorithm TemplateArn "
            "Validity ValidityNotBefore"
        ),
        "ListCertificateAuthorities": served("MaxResults NextToken ResourceOwner"),
        "ListPermissions": served(f"{CA} MaxResults NextToken"),
        "ListTags": served(f"{CA} MaxResults NextToken"),
        "PutPolicy": served("Policy ResourceArn"),
        "RestoreCertificateAuthority": served(CA),
        "RevokeCertificate": served(f"{CA} CertificateSerial RevocationReason"),
        "TagCertificateAuthority": served(f"{CA} Tags"),
        "UntagCertificateAuthority": served(f"{CA} Tags"),
        "UpdateCertificateAuthority": served(f"{CA} RevocationConfiguration Status"),
    },
    not_served={},
)
