"""ListInventoryFindings, ListInventoryUsages, ListInventoryRelatedResources and
GetInventoryInsights, computed from the clock and ACM's InUseBy."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from certmock import Mock
from certmock.services.acm.organization.findings import EXPIRING_SOON_DAYS
from tests.model_facts import enum, named_shape, needs_operation
from tests.services.acm.helpers import DAY, NOW, active_ca, error_of, import_self_signed
from tests.services.acm.inventory.helpers import IDENTIFIER, MANAGEMENT, MEMBER, client

pytestmark = [needs_operation("acm", "ListInventoryFindings"), pytest.mark.certmock(now=NOW)]
LOAD_BALANCER = f"arn:aws:elasticloadbalancing:eu-west-1:{MEMBER}:loadbalancer/app/web/1"


def only(acm: Any) -> str:
    certificates = acm.search_inventory()["Certificates"]
    assert len(certificates) == 1
    identifier: str = certificates[0]["Identifier"]
    return identifier


def rules(acm: Any, identifier: str) -> dict[str, Any]:
    findings = acm.list_inventory_findings(CertificateIdentifier=identifier)["Findings"]
    return {f["RuleId"]: f for f in findings}


def imported(member_acm: Any, days: int = 90) -> str:
    return import_self_signed(member_acm, not_after=NOW + days * DAY)


def test_an_unused_certificate_has_no_usage_evidence(configured: Any, member_acm: Any) -> None:
    imported(member_acm)
    found = rules(configured, only(configured))
    assert set(found) == {"NO_USAGE_EVIDENCE"}
    assert found["NO_USAGE_EVIDENCE"]["Reason"] == "NOT_IN_USE"
    assert found["NO_USAGE_EVIDENCE"]["Scope"]["Series"]["AccountId"] == MEMBER


def test_a_used_certificate_far_from_expiry_is_healthy(
    organised: Mock, configured: Any, member_acm: Any
) -> None:
    organised.acm.use(imported(member_acm), LOAD_BALANCER)
    identifier = only(configured)
    answer = configured.list_inventory_findings(CertificateIdentifier=identifier)
    assert (answer["Findings"], answer["HighestFindingSeverity"]) == ([], "HEALTHY")
    assert (answer["TotalCount"], answer["TotalCountRelation"]) == (0, "EXACT")


def test_an_imported_certificate_nearing_expiry_is_expiring_soon(
    organised: Mock, configured: Any, member_acm: Any
) -> None:
    organised.acm.use(imported(member_acm, days=EXPIRING_SOON_DAYS + 5), LOAD_BALANCER)
    identifier = only(configured)
    assert rules(configured, identifier) == {}
    organised.clock.advance(days=6)
    finding = rules(configured, identifier)["EXPIRING_SOON"]
    assert finding["Severity"] == "MEDIUM"
    assert "Reason" not in finding
    assert finding["EvaluatedAt"] == NOW + 5 * DAY


def test_an_expired_certificate_in_use_is_critical(
    organised: Mock, configured: Any, member_acm: Any
) -> None:
    organised.acm.use(imported(member_acm, days=10), LOAD_BALANCER)
    organised.clock.advance(days=11)
    identifier = only(configured)
    found = rules(configured, identifier)
    assert set(found) == {"EXPIRED_CERTIFICATE_IN_USE", "NO_VALID_CERTIFICATE"}
    answer = configured.list_inventory_findings(CertificateIdentifier=identifier)
    assert [f["Severity"] for f in answer["Findings"]] == ["CRITICAL", "HIGH"]
    assert answer["HighestFindingSeverity"] == "CRITICAL"


def test_an_expired_unused_certificate_is_expired_not_in_use(
    organised: Mock, configured: Any, member_acm: Any
) -> None:
    imported(member_acm, days=10)
    organised.clock.advance(days=11)
    found = rules(configured, only(configured))
    assert found["NO_USAGE_EVIDENCE"]["Reason"] == "EXPIRED_NOT_IN_USE"


def test_an_eligible_private_certificate_not_renewed_is_overdue(
    organised: Mock, configured: Any, member_acm: Any, member_pca: Any
) -> None:
    ca = active_ca(member_pca)
    arn = member_acm.request_certificate(DomainName="a.internal", CertificateAuthorityArn=ca)[
        "CertificateArn"
    ]
    member_acm.export_certificate(CertificateArn=arn, Passphrase=b"passphrase")
    organised.clock.advance(days=380)  # no CreatePermission: the managed renewal cannot happen
    identifier = next(
        c["Identifier"]
        for c in configured.search_inventory()["Certificates"]
        if c["X509Details"]["IssuanceType"] == "PRIVATE_CA_ISSUED"
    )
    found = rules(configured, identifier)
    assert found["ACM_RENEWAL_OVERDUE"]["Severity"] == "HIGH"
    assert found["NO_USAGE_EVIDENCE"]["Reason"] == "USAGE_NOT_OBSERVABLE"


def test_severity_filter_and_rule_ids_come_from_the_model(
    organised: Mock, configured: Any, member_acm: Any
) -> None:
    organised.acm.use(imported(member_acm, days=10), LOAD_BALANCER)
    organised.clock.advance(days=11)
    identifier = only(configured)
    high = configured.list_inventory_findings(CertificateIdentifier=identifier, Severity="HIGH")
    assert [f["RuleId"] for f in high["Findings"]] == ["NO_VALID_CERTIFICATE"]
    every = rules(configured, identifier)
    assert set(every) <= set(enum(named_shape("acm", "FindingRuleId")))


def test_findings_page_and_a_token_for_another_severity_is_refused(
    organised: Mock, configured: Any, member_acm: Any
) -> None:
    organised.acm.use(imported(member_acm, days=10), LOAD_BALANCER)
    organised.clock.advance(days=11)
    identifier = only(configured)
    first = configured.list_inventory_findings(CertificateIdentifier=identifier, MaxResults=1)
    assert first["TotalCount"] == 2
    with pytest.raises(ClientError) as raised:
        configured.list_inventory_findings(
            CertificateIdentifier=identifier, Severity="HIGH", NextToken=first["NextToken"]
        )
    assert error_of(raised)[0] == "ValidationException"


@pytest.mark.parametrize(
    "operation",
    ["list_inventory_findings", "list_inventory_usages", "list_inventory_related_resources"],
)
def test_an_unknown_identifier_is_not_found(configured: Any, operation: str) -> None:
    with pytest.raises(ClientError) as raised:
        getattr(configured, operation)(CertificateIdentifier=IDENTIFIER)
    assert error_of(raised)[0] == "ResourceNotFoundException"


def test_usages_come_from_in_use_by(organised: Mock, configured: Any, member_acm: Any) -> None:
    arn = imported(member_acm)
    organised.acm.use(arn, LOAD_BALANCER)
    organised.acm.use(arn, "arn:aws:cloudfront::123456789012:distribution/E1")
    identifier = only(configured)
    usages = configured.list_inventory_usages(CertificateIdentifier=identifier)["Usages"]
    assert [u["Target"]["Arn"] for u in usages] == sorted(
        [LOAD_BALANCER, "arn:aws:cloudfront::123456789012:distribution/E1"]
    )
    assert "Region" not in usages[0]  # CloudFront is global
    assert usages[1]["Region"] == "eu-west-1"
    assert configured.search_inventory()["Certificates"][0]["UsageCount"] == 2


def test_related_resources_link_acm_pca_certificate_and_ca(
    configured: Any, member_acm: Any, member_pca: Any
) -> None:
    ca = active_ca(member_pca)
    arn = member_acm.request_certificate(DomainName="b.internal", CertificateAuthorityArn=ca)[
        "CertificateArn"
    ]
    identifier = next(
        c["Identifier"]
        for c in configured.search_inventory()["Certificates"]
        if c["X509Details"]["IssuanceType"] == "PRIVATE_CA_ISSUED"
    )
    related = configured.list_inventory_related_resources(CertificateIdentifier=identifier)
    kinds = {r["ResourceType"]: r for r in related["RelatedResources"]}
    assert set(kinds) == set(enum(named_shape("acm", "RelatedResourceType")))
    assert kinds["ACM_CERTIFICATE"]["ResourceArn"] == arn
    assert kinds["ACM_CERTIFICATE"]["AssociationStatus"] == "CURRENT"
    assert kinds["PCA_CERTIFICATE_AUTHORITY"]["Metadata"]["PcaCertificateAuthority"]["Status"] == (
        "ACTIVE"
    )
    assert "Metadata" not in kinds["PCA_CERTIFICATE"]
    arns = [r["ResourceArn"] for r in related["RelatedResources"]]
    assert arns == sorted(arns)


def test_insights_count_and_group(organised: Mock, configured: Any, member_acm: Any) -> None:
    organised.acm.use(imported(member_acm, days=5), LOAD_BALANCER)
    imported(member_acm, days=200)
    answer = configured.get_inventory_insights(
        RequestedAggregates=[
            {"ExpiryWindow": {}},
            {"InUse": {}},
            {"HighestFindingSeverity": {"GroupBy": "CERTIFICATE_TYPE"}},
        ]
    )
    assert answer["CertificateCount"] == 2
    expiry, in_use, severity = answer["Aggregates"]
    assert [g["Count"] for g in expiry["Groups"]] == [0, 1, 0, 0, 0, 1]
    assert (expiry["Groups"][0]["MaxDays"], "MinDays" in expiry["Groups"][0]) == (-1, False)
    assert in_use["Groups"] == [{"Value": "false", "Count": 1}, {"Value": "true", "Count": 1}]
    assert severity["CertificateTypeGroups"][0]["CertificateType"] == "IMPORTED"
    assert sum(g["Count"] for g in severity["Groups"]) == 2


@pytest.mark.parametrize(
    "requested",
    [[{"Region": {}}, {"Region": {}}], [{}], [{"Region": {}, "InUse": {}}]],
    ids=["repeated", "empty", "two-in-one"],
)
def test_insights_refuse_bad_aggregate_requests(configured: Any, requested: list[Any]) -> None:
    unchecked = client("acm", MANAGEMENT, validated=False)
    with pytest.raises(ClientError) as raised:
        unchecked.get_inventory_insights(RequestedAggregates=requested)
    assert error_of(raised)[0] == "ValidationException"
