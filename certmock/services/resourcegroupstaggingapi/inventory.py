"""What certmock serves of botocore's ``resourcegroupstaggingapi`` model (reviewed: see
``REVIEWED_BOTOCORE``): listing and tagging the resources of certmock's own services."""

from certmock.inventory import ServiceInventory, not_served, served

ORGANIZATION = (
    "tag policy compliance across an organisation (management account, us-east-1, reports in "
    "S3): certmock models no Organizations tag policy"
)

INVENTORY = ServiceInventory(
    "resourcegroupstaggingapi",
    served={
        "GetResources": served(
            "PaginationToken TagFilters ResourcesPerPage TagsPerPage ResourceTypeFilters "
            "IncludeComplianceDetails ExcludeCompliantResources ResourceARNList"
        ),
        "GetTagKeys": served("PaginationToken"),
        "GetTagValues": served("PaginationToken Key"),
        "TagResources": served("ResourceARNList Tags"),
        "UntagResources": served("ResourceARNList TagKeys"),
    },
    not_served={
        **not_served(
            ORGANIZATION, "DescribeReportCreation GetComplianceSummary StartReportCreation"
        ),
        **not_served(
            "required tags come from tag policies, which certmock does not model",
            "ListRequiredTags",
        ),
    },
)
