"""What certmock serves of botocore's ``acm`` model (reviewed: see ``REVIEWED_BOTOCORE``)."""

from certmock.inventory import ServiceInventory, served

ENDPOINT = "AcmeEndpointArn"
BINDING = "AcmeExternalAccountBindingArn"
VALIDATION = "AcmeDomainValidationArn"

INVENTORY = ServiceInventory(
    "acm",
    served={
        "AddTagsToCertificate": served("CertificateArn Tags"),
        "DeleteCertificate": served("CertificateArn"),
        "DescribeCertificate": served("CertificateArn"),
        "ExportCertificate": served("CertificateArn Passphrase"),
        "GetAccountConfiguration": served(),
        "GetCertificate": served("CertificateArn"),
        "ImportCertificate": served("Certificate CertificateArn CertificateChain PrivateKey Tags"),
        "ListCertificates": served(
            "CertificateKeyPairOrigins CertificateStatuses Includes MaxItems NextToken "
            "RootHierarchyTypes SortBy SortOrder"
        ),
        "ListTagsForCertificate": served("CertificateArn"),
        "PutAccountConfiguration": served("ExpiryEvents IdempotencyToken"),
        "RemoveTagsFromCertificate": served("CertificateArn Tags"),
        "RenewCertificate": served("CertificateArn"),
        "RequestCertificate": served(
            "CertificateAuthorityArn CertificateUsage DomainName DomainValidationOptions "
            "IdempotencyToken KeyAlgorithm ManagedBy Options RootHierarchyType "
            "SubjectAlternativeNames Tags ValidationMethod"
        ),
        "ResendValidationEmail": served("CertificateArn Domain ValidationDomain"),
        "RevokeCertificate": served("CertificateArn RevocationReason"),
        "SearchCertificates": served("FilterStatement MaxResults NextToken SortBy SortOrder"),
        "UpdateCertificateOptions": served("CertificateArn Options"),
        # botocore 1.44 and later.
        "ListCertificateDomainValidations": served("CertificateArn MaxItems NextToken"),
        "TagResource": served("ResourceArn Tags"),
        "UntagResource": served("ResourceArn TagKeys"),
        "ListTagsForResource": served("ResourceArn"),
        "CreateAcmeEndpoint": served(
            "AuthorizationBehavior CertificateAuthority CertificateTags Contact "
            "IdempotencyToken Tags"
        ),
        "DescribeAcmeEndpoint": served(ENDPOINT),
        "UpdateAcmeEndpoint": served(
            f"{ENDPOINT} AuthorizationBehavior CertificateAuthority Contact"
        ),
        "DeleteAcmeEndpoint": served(ENDPOINT),
        "ListAcmeEndpoints": served("MaxResults NextToken"),
        "CreateAcmeDomainValidation": served(
            f"{ENDPOINT} DomainName IdempotencyToken PrevalidationOptions Tags"
        ),
        "DescribeAcmeDomainValidation": served(VALIDATION),
        "UpdateAcmeDomainValidation": served(f"{VALIDATION} PrevalidationOptions"),
        "DeleteAcmeDomainValidation": served(VALIDATION),
        "ListAcmeDomainValidations": served(f"{ENDPOINT} MaxResults NextToken"),
        "CreateAcmeExternalAccountBinding": served(
            f"{ENDPOINT} Expiration IdempotencyToken RoleArn Tags"
        ),
        "DescribeAcmeExternalAccountBinding": served(BINDING),
        "GetAcmeExternalAccountBindingCredentials": served(BINDING),
        "RevokeAcmeExternalAccountBinding": served(BINDING),
        "DeleteAcmeExternalAccountBinding": served(BINDING),
        "ListAcmeExternalAccountBindings": served(f"{ENDPOINT} MaxResults NextToken"),
        "DescribeAcmeAccount": served(f"{ENDPOINT} AccountUrl"),
        "ListAcmeAccounts": served(f"{ENDPOINT} MaxResults NextToken"),
        "RevokeAcmeAccount": served(f"{ENDPOINT} AccountUrl"),
        # botocore 1.44.18: inventory and member actions (ServiceType ACM-INVENTORY).
        "GetInventoryConfiguration": served(),
        "PutInventoryConfiguration": served(
            "AccountScope DataRetentionDays ExpiryNotification InventoryTier "
            "LifecycleManagement RegionalScope Status"
        ),
        "GetInventoryInsights": served("RequestedAggregates"),
        "SearchInventory": served("Filter MaxResults NextToken SortBy SortOrder"),
        "ListInventoryFindings": served("CertificateIdentifier MaxResults NextToken Severity"),
        "ListInventoryUsages": served("CertificateIdentifier MaxResults NextToken"),
        "ListInventoryRelatedResources": served("CertificateIdentifier MaxResults NextToken"),
        "DeleteMemberCertificate": served("CertificateArn"),
        "RenewMemberCertificate": served("CertificateArn"),
        "RevokeMemberCertificate": served("CertificateArn RevocationReason"),
        "UpdateMemberCertificateOptions": served("CertificateArn Options"),
        "DeleteMemberCertificateAuthority": served(
            "CertificateAuthorityArn PermanentDeletionTimeInDays"
        ),
        "RestoreMemberCertificateAuthority": served("CertificateAuthorityArn"),
        "UpdateMemberCertificateAuthority": served(
            "CertificateAuthorityArn RevocationConfiguration Status"
        ),
        "RevokeMemberIssuedCertificate": served(
            "CertificateAuthorityArn CertificateSerial RevocationReason"
        ),
    },
    not_served={},
)
