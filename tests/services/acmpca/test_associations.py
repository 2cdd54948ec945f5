"""Associations of a service-affiliated CA with resources of its affiliated service, and the
handle's test control that plays that service (issuing as AWS STS does for IAM workload
identities): fact sheet 11.3 and the botocore 1.44.18 model's documentation."""

from __future__ import annotations

import datetime as _dt
import json
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from cryptography import x509

from certmock import Mock
from tests.helpers import create_ca, describe
from tests.model_facts import enum, input_member, maximum, needs_operation
from tests.services.acmpca.pki import active_root, csr, error_code, message

pytestmark = [
    needs_operation("acm-pca", "CreateCertificateAuthorityAssociation"),
    needs_operation("acm-pca", "CreateCertificateAuthorityReplica"),
]

WORKLOAD = {"ServiceAffiliationCode": "IAM_WORKLOAD_IDENTITY"}
OTHER = {"ServiceAffiliationCode": "SOME_FUTURE_SERVICE"}
PROVIDER = "arn:aws:iam::123456789012:workload-identity-provider/payments"
ANOTHER_PROVIDER = "arn:aws:iam::123456789012:workload-identity-provider/billing"
PRIMARY_REGION = "us-east-1"
REPLICA_REGION = "us-west-2"


def affiliated(client: Any, affiliation: dict[str, str] = WORKLOAD) -> str:
    return active_root(client, UsageMode="SERVICE_AFFILIATED", ServiceAffiliation=affiliation)


def resource_id(raised: pytest.ExceptionInfo[ClientError]) -> str:
    """ConflictException's required ``resourceId`` member, as botocore parses it."""
    found: dict[str, Any] = dict(raised.value.response)
    return str(found["resourceId"])


def associate(client: Any, ca: str, resource: str = PROVIDER) -> None:
    client.create_certificate_authority_association(
        CertificateAuthorityArn=ca, AssociatedResourceArn=resource
    )


def associations(client: Any, ca: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = client.list_certificate_authority_associations(
        CertificateAuthorityArn=ca
    )["Associations"]
    return found


@pytest.fixture
def east(certmock: Mock) -> Any:
    return boto3.client("acm-pca", region_name=PRIMARY_REGION)


@pytest.fixture
def west(certmock: Mock) -> Any:
    return boto3.client("acm-pca", region_name=REPLICA_REGION)


def replica_of(east: Any, ca: str, certmock: Mock) -> str:
    replica: str = east.create_certificate_authority_replica(
        CertificateAuthorityArn=ca, ReplicaRegion=REPLICA_REGION
    )["Replica"]["Arn"]
    certmock.clock.advance(seconds=1)
    return replica


# -- the API --------------------------------------------------------------------------------
@pytest.mark.parametrize("affiliation", [WORKLOAD, OTHER])
def test_an_association_is_listed_with_its_creation_time_and_the_affiliation(
    pca: Any, certmock: Mock, affiliation: dict[str, str]
) -> None:
    ca = affiliated(pca, affiliation)
    created_at = certmock.clock.freeze("2026-12-01T08:00:00Z")
    associate(pca, ca)
    answer = pca.list_certificate_authority_associations(CertificateAuthorityArn=ca)
    assert answer["ServiceAffiliation"] == affiliation
    assert answer["Associations"] == [
        {"CertificateAuthorityArn": ca, "AssociatedResourceArn": PROVIDER, "CreatedAt": created_at}
    ]


def test_associating_again_succeeds_and_keeps_the_first_association(
    pca: Any, certmock: Mock
) -> None:
    ca = affiliated(pca)
    associate(pca, ca)
    (first,) = associations(pca, ca)
    certmock.clock.advance(hours=1)
    associate(pca, ca)
    assert associations(pca, ca) == [first]


def test_removing_an_association_and_one_that_does_not_exist_both_succeed(pca: Any) -> None:
    ca = affiliated(pca)
    associate(pca, ca)
    for _ in range(2):
        pca.delete_certificate_authority_association(
            CertificateAuthorityArn=ca, AssociatedResourceArn=PROVIDER
        )
    assert associations(pca, ca) == []


def test_associations_page_in_creation_order(pca: Any) -> None:
    ca = affiliated(pca)
    resources = [f"{PROVIDER}-{index}" for index in range(5)]
    for resource in resources:
        associate(pca, ca, resource)
    pages = list(
        pca.get_paginator("list_certificate_authority_associations").paginate(
            CertificateAuthorityArn=ca, PaginationConfig={"PageSize": 2}
        )
    )
    assert [len(page["Associations"]) for page in pages] == [2, 2, 1]
    listed = [a["AssociatedResourceArn"] for page in pages for a in page["Associations"]]
    assert listed == resources


def test_a_foreign_page_token_is_refused(pca: Any) -> None:
    ca = affiliated(pca)
    with pytest.raises(ClientError) as raised:
        pca.list_certificate_authority_associations(
            CertificateAuthorityArn=ca, NextToken="not-a-token-certmock-made"
        )
    assert error_code(raised) == "InvalidNextTokenException"


def test_a_general_purpose_ca_has_no_associations_and_takes_none(pca: Any) -> None:
    ca = active_root(pca)
    answer = pca.list_certificate_authority_associations(CertificateAuthorityArn=ca)
    assert answer["Associations"] == []
    assert "ServiceAffiliation" not in answer
    with pytest.raises(ClientError) as raised:
        associate(pca, ca)
    assert error_code(raised) == "ConflictException"
    assert resource_id(raised) == ca


def test_only_an_active_ca_takes_an_association(pca: Any) -> None:
    ca = create_ca(pca, UsageMode="SERVICE_AFFILIATED", ServiceAffiliation=WORKLOAD)
    with pytest.raises(ClientError) as raised:
        associate(pca, ca)
    assert error_code(raised) == "InvalidStateException"
    assert "PENDING_CERTIFICATE" in message(raised)


def test_a_resource_associated_with_one_ca_is_refused_by_another(pca: Any) -> None:
    first, second = affiliated(pca), affiliated(pca)
    associate(pca, first)
    with pytest.raises(ClientError) as raised:
        associate(pca, second)
    assert error_code(raised) == "ConflictException"
    assert resource_id(raised) == PROVIDER
    assert first in message(raised)
    pca.delete_certificate_authority_association(
        CertificateAuthorityArn=first, AssociatedResourceArn=PROVIDER
    )
    associate(pca, second)
    assert [a["CertificateAuthorityArn"] for a in associations(pca, second)] == [second]


def test_a_ca_with_associations_cannot_be_deleted(pca: Any) -> None:
    ca = affiliated(pca, OTHER)
    associate(pca, ca)
    pca.update_certificate_authority(CertificateAuthorityArn=ca, Status="DISABLED")
    with pytest.raises(ClientError) as raised:
        pca.delete_certificate_authority(CertificateAuthorityArn=ca)
    assert error_code(raised) == "ResourceInUseException"
    assert PROVIDER in message(raised)
    # A disabled CA's association can still be removed, and then the CA goes.
    pca.delete_certificate_authority_association(
        CertificateAuthorityArn=ca, AssociatedResourceArn=PROVIDER
    )
    pca.delete_certificate_authority(CertificateAuthorityArn=ca)
    assert describe(pca, ca)["Status"] == "DELETED"
    with pytest.raises(ClientError) as raised:
        pca.delete_certificate_authority_association(
            CertificateAuthorityArn=ca, AssociatedResourceArn=PROVIDER
        )
    assert error_code(raised) == "InvalidStateException"


def test_a_multi_region_ca_has_one_set_of_associations(
    east: Any, west: Any, certmock: Mock
) -> None:
    ca = affiliated(east)
    replica = replica_of(east, ca, certmock)
    associate(west, replica)
    assert associations(east, ca) == associations(west, replica)
    (listed,) = associations(east, ca)
    assert listed["CertificateAuthorityArn"] == ca  # the primary holds them
    west.delete_certificate_authority_association(
        CertificateAuthorityArn=replica, AssociatedResourceArn=PROVIDER
    )
    assert associations(east, ca) == []


@pytest.mark.parametrize(
    "action",
    [
        "CreateCertificateAuthorityAssociation",
        "DeleteCertificateAuthorityAssociation",
        "DescribeCertificateAuthority",
        "GetCertificateAuthorityCertificate",
    ],
)
def test_the_new_permission_actions_are_granted_and_listed(pca: Any, action: str) -> None:
    actions = input_member("acm-pca", "CreatePermission", "Actions")
    if action not in enum(actions.member):  # type: ignore[attr-defined]
        pytest.skip(f"this botocore's ActionType has no {action}")
    granted = [action, *enum(actions.member)[:2]][: maximum(actions)]  # type: ignore[attr-defined]
    ca = affiliated(pca)
    pca.create_permission(
        CertificateAuthorityArn=ca, Principal="acm.amazonaws.com", Actions=granted
    )
    (permission,) = pca.list_permissions(CertificateAuthorityArn=ca)["Permissions"]
    assert permission["Actions"] == list(dict.fromkeys(granted))


# -- the test control that plays the affiliated service ----------------------------------
def test_the_service_issues_from_the_primary_for_an_associated_resource(
    pca: Any, certmock: Mock
) -> None:
    ca = affiliated(pca)
    associate(pca, ca)
    now = certmock.clock.freeze(certmock.clock.now().replace(microsecond=0))
    issued = certmock.acmpca.issue_as_affiliated_service(ca, PROVIDER, csr())
    certificate = x509.load_pem_x509_certificate(issued.certificate.encode())
    ca_pem = pca.get_certificate_authority_certificate(CertificateAuthorityArn=ca)["Certificate"]
    certificate.verify_directly_issued_by(x509.load_pem_x509_certificate(ca_pem.encode()))
    assert certificate.not_valid_after_utc == now + _dt.timedelta(hours=1)
    assert issued.certificate_chain == ca_pem
    fetched = pca.get_certificate(CertificateAuthorityArn=ca, CertificateArn=issued.certificate_arn)
    assert fetched["Certificate"] == issued.certificate
    (event,) = [e for e in certmock.events if issued.certificate_arn in e["resources"]]
    assert event["detail-type"] == "ACM Private CA Certificate Issuance"


def test_the_service_issues_from_an_active_replica_in_the_workloads_region(
    east: Any, west: Any, certmock: Mock
) -> None:
    certmock.acmpca.replica_creation_time = _dt.timedelta(minutes=10)
    ca = affiliated(east)
    associate(east, ca)
    replica = replica_of(east, ca, certmock)
    with pytest.raises(ValueError, match="CREATING"):
        certmock.acmpca.issue_as_affiliated_service(ca, PROVIDER, csr(), region=REPLICA_REGION)
    certmock.clock.advance(minutes=10)
    issued = certmock.acmpca.issue_as_affiliated_service(ca, PROVIDER, csr(), region=REPLICA_REGION)
    assert issued.certificate_arn.startswith(f"{replica}/certificate/")
    certificate = x509.load_pem_x509_certificate(issued.certificate.encode())
    primary_pem = east.get_certificate_authority_certificate(CertificateAuthorityArn=ca)
    # One key in every Region: the replica's certificate verifies with the primary's.
    certificate.verify_directly_issued_by(
        x509.load_pem_x509_certificate(primary_pem["Certificate"].encode())
    )
    assert west.get_certificate(
        CertificateAuthorityArn=replica, CertificateArn=issued.certificate_arn
    )
    with pytest.raises(ValueError, match="no replica in eu-west-1"):
        certmock.acmpca.issue_as_affiliated_service(ca, PROVIDER, csr(), region="eu-west-1")


def test_the_audit_report_names_the_service_that_issued(pca: Any, certmock: Mock) -> None:
    ca = affiliated(pca)
    associate(pca, ca)
    issued = certmock.acmpca.issue_as_affiliated_service(ca, PROVIDER, csr())
    report = pca.create_certificate_authority_audit_report(
        CertificateAuthorityArn=ca, S3BucketName="reports", AuditReportResponseFormat="JSON"
    )
    certmock.clock.advance(minutes=1)
    rows = json.loads(certmock.objects.get("reports", report["S3Key"]))
    (row,) = [row for row in rows if row["certificateArn"] == issued.certificate_arn]
    assert row["requestedByServicePrincipal"] == "sts.amazonaws.com"


@pytest.mark.parametrize(
    ("validity", "allowed"),
    [
        (_dt.timedelta(hours=12), True),
        (_dt.timedelta(days=1), True),
        (_dt.timedelta(hours=25), False),
    ],
)
def test_a_workload_identity_certificate_is_valid_for_at_most_a_day(
    pca: Any, certmock: Mock, validity: _dt.timedelta, allowed: bool
) -> None:
    ca = affiliated(pca)
    associate(pca, ca)
    if allowed:
        certmock.acmpca.issue_as_affiliated_service(ca, PROVIDER, csr(), validity=validity)
    else:
        with pytest.raises(ValueError, match="at most 1 day"):
            certmock.acmpca.issue_as_affiliated_service(ca, PROVIDER, csr(), validity=validity)


def test_an_undocumented_affiliation_sets_no_validity_limit(pca: Any, certmock: Mock) -> None:
    ca = affiliated(pca, OTHER)
    associate(pca, ca)
    certmock.acmpca.issue_as_affiliated_service(
        ca, PROVIDER, csr(), validity=_dt.timedelta(days=30)
    )


def test_the_service_refuses_what_sts_would(pca: Any, certmock: Mock) -> None:
    ca = affiliated(pca)
    associate(pca, ca)
    with pytest.raises(ValueError, match="is not associated"):
        certmock.acmpca.issue_as_affiliated_service(ca, ANOTHER_PROVIDER, csr())
    with pytest.raises(ValueError, match="not a service-affiliated"):
        certmock.acmpca.issue_as_affiliated_service(active_root(pca), PROVIDER, csr())
    with pytest.raises(ValueError, match="CSR"):
        certmock.acmpca.issue_as_affiliated_service(ca, PROVIDER, b"not a CSR")
    pca.update_certificate_authority(CertificateAuthorityArn=ca, Status="DISABLED")
    with pytest.raises(ValueError, match="DISABLED"):
        certmock.acmpca.issue_as_affiliated_service(ca, PROVIDER, csr())
    with pytest.raises(KeyError):
        certmock.acmpca.issue_as_affiliated_service(f"{ca[:-4]}0000", PROVIDER, csr())
    with pytest.raises(KeyError):
        certmock.acmpca.issue_as_affiliated_service("arn:aws:s3:::bucket", PROVIDER, csr())


def test_the_whole_workload_identity_flow(east: Any, west: Any, certmock: Mock) -> None:
    """Set up, replicate, attach, issue in two Regions, then tear down in the documented
    order (PcaWorkloadIdentity-teardown): associations, replicas, the primary last."""
    ca = affiliated(east)
    replica = replica_of(east, ca, certmock)
    associate(east, ca)
    for region in (PRIMARY_REGION, REPLICA_REGION):
        certmock.acmpca.issue_as_affiliated_service(ca, PROVIDER, csr(), region=region)
    east.update_certificate_authority(CertificateAuthorityArn=ca, Status="DISABLED")
    with pytest.raises(ClientError) as raised:
        east.delete_certificate_authority(CertificateAuthorityArn=ca)
    assert error_code(raised) == "ResourceInUseException"
    east.delete_certificate_authority_association(
        CertificateAuthorityArn=ca, AssociatedResourceArn=PROVIDER
    )
    west.update_certificate_authority(CertificateAuthorityArn=replica, Status="DISABLED")
    west.delete_certificate_authority(CertificateAuthorityArn=replica)
    assert east.list_certificate_authority_replicas(CertificateAuthorityArn=ca)["Replicas"] == []
    east.delete_certificate_authority(CertificateAuthorityArn=ca, PermanentDeletionTimeInDays=7)
    assert describe(east, ca)["Status"] == "DELETED"
    certmock.clock.advance(days=7)
    with pytest.raises(ClientError) as raised:
        describe(east, ca)
    assert error_code(raised) == "ResourceNotFoundException"
