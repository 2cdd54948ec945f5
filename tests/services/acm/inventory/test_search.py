"""SearchInventory: what the inventory holds (computed from the world), identifiers, the filter
language and its limits, sorting and paging."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from botocore.exceptions import ClientError
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from certmock import Mock
from tests.model_facts import enum, input_member, maximum, needs_operation, pattern
from tests.services.acm.helpers import (
    NOW,
    active_ca,
    allow_acm_renewals,
    error_of,
    import_self_signed,
)
from tests.services.acm.inventory.helpers import (
    ELSEWHERE,
    MANAGEMENT,
    MEMBER,
    client,
    configure,
    settle,
)

pytestmark = [needs_operation("acm", "SearchInventory"), pytest.mark.certmock(now=NOW)]


@pytest.fixture
def estate(organised: Mock, configured: Any, member_acm: Any, member_pca: Any) -> dict[str, str]:
    """In the member account: a root CA, a private ACM certificate it issued, and an imported
    certificate in use."""
    ca = active_ca(member_pca)
    private = member_acm.request_certificate(
        DomainName="svc.internal.example", CertificateAuthorityArn=ca
    )["CertificateArn"]
    imported = import_self_signed(
        member_acm,
        common_name="shop.example.com",
        sans=["shop.example.com", "www.shop.example.com"],
    )
    organised.acm.use(imported, f"arn:aws:elasticloadbalancing:eu-west-1:{MEMBER}:loadbalancer/x")
    return {"ca": ca, "private": private, "imported": imported}


def search(acm: Any, **params: Any) -> dict[str, Any]:
    answer: dict[str, Any] = acm.search_inventory(**params)
    return answer


def one(acm: Any, predicate: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = search(acm, Filter={"Filter": predicate})["Certificates"]
    return found


def identifier_of(acm: Any, arn: str) -> str:
    pem = acm.get_certificate(CertificateArn=arn)["Certificate"].encode()
    der = x509.load_pem_x509_certificate(pem).public_bytes(Encoding.DER)
    return hashlib.sha256(der).hexdigest()


def test_the_inventory_is_empty_until_collection_has_run(organised: Mock, management: Any) -> None:
    import_self_signed(client("acm", MEMBER))
    configure(management)
    assert search(management)["TotalCount"] == 0
    settle(organised)
    assert search(management)["TotalCount"] == 1


def test_each_certificate_appears_once_with_its_content_hash(
    configured: Any, member_acm: Any, estate: dict[str, str]
) -> None:
    found = search(configured)
    assert (found["TotalCount"], found["TotalCountRelation"]) == (3, "EXACT")
    identifiers = {c["Identifier"] for c in found["Certificates"]}
    assert identifier_of(member_acm, estate["private"]) in identifiers
    assert identifier_of(member_acm, estate["imported"]) in identifiers
    shape = input_member("acm", "SearchInventory", "Filter", "Filter", "Identifier")
    assert all(len(i) <= maximum(shape) for i in identifiers), pattern(shape)


def test_issuance_types_follow_where_the_certificate_came_from(
    configured: Any, estate: dict[str, str]
) -> None:
    kinds = sorted(c["X509Details"]["IssuanceType"] for c in search(configured)["Certificates"])
    assert kinds == ["IMPORTED", "PRIVATE_CA_DIRECT", "PRIVATE_CA_ISSUED"]
    assert set(kinds) <= set(
        enum(input_member("acm", "SearchInventory", "Filter", "Filter", "IssuanceType"))
    )


def test_accounts_outside_the_account_scope_are_not_collected(
    organised: Mock, configured: Any, estate: dict[str, str]
) -> None:
    configure(configured, AccountScope={"Mode": "EXCLUDE", "AccountIds": [MEMBER]})
    settle(organised)
    assert search(configured)["TotalCount"] == 0


def test_an_organizational_unit_selects_its_accounts(organised: Mock, management: Any) -> None:
    unit = organised.organization.create_organizational_unit("workloads")
    organised.organization.move_account(MEMBER, unit)
    import_self_signed(client("acm", MEMBER))
    configure(management, AccountScope={"Mode": "INCLUDE", "OrganizationalUnitIds": [unit]})
    settle(organised)
    assert search(management)["TotalCount"] == 1


def test_regions_outside_the_regional_scope_are_not_collected(
    organised: Mock, configured: Any
) -> None:
    import_self_signed(client("acm", MEMBER, ELSEWHERE))
    configure(configured, RegionalScope={"Mode": "INCLUDE", "Regions": ["eu-west-1"]})
    settle(organised)
    assert search(configured)["TotalCount"] == 0


@pytest.mark.parametrize(
    ("predicate", "count"),
    [
        ({"MaterialType": "X509_CERTIFICATE"}, 3),
        ({"AccountId": MEMBER}, 3),
        ({"AccountId": "999999999999"}, 0),
        ({"Region": "eu-west-1"}, 3),
        ({"IssuanceType": "IMPORTED"}, 1),
        ({"UsageStatus": "IN_USE"}, 1),
        ({"UsageStatus": "NOT_IN_USE"}, 2),
        ({"Domain": {"Value": "SHOP.example.com", "Match": "EQUALS"}}, 1),
        ({"Domain": {"Value": "example.com", "Match": "IN_DOMAIN"}}, 1),
        ({"Domain": {"Value": "xample.co", "Match": "IN_DOMAIN"}}, 0),
        ({"Domain": {"Value": "internal", "Match": "CONTAINS"}}, 1),
        ({"Domain": {"Value": "*.shop.example.com", "Match": "EQUALS"}}, 0),
        ({"RelatedResourceType": "ACM_CERTIFICATE"}, 2),
        ({"RelatedResourceType": "PCA_CERTIFICATE"}, 2),
        ({"HighestFindingSeverity": "NOT_APPLICABLE"}, 1),
        ({"SignatureAlgorithm": " sha256withecdsa "}, 1),
        ({"SignatureAlgorithm": "SHA256"}, 0),
        ({"KeyAlgorithm": "RSA_2048"}, 2),
    ],
)
def test_predicates(
    configured: Any, estate: dict[str, str], predicate: dict[str, Any], count: int
) -> None:
    assert len(one(configured, predicate)) == count


def test_ca_predicates_tell_issued_certificates_from_the_ca_certificate(
    configured: Any, estate: dict[str, str]
) -> None:
    ca = estate["ca"]
    issued = one(
        configured, {"PcaCertificateAuthorityArn": {"Value": ca, "Relationship": "ISSUED_BY"}}
    )
    own = one(
        configured, {"PcaCertificateAuthorityArn": {"Value": ca, "Relationship": "CA_CERTIFICATE"}}
    )
    assert len(issued) == 2  # the ACM certificate's and the root's self-issued certificate
    assert len(own) == 1
    assert own[0]["X509Details"]["IssuanceType"] == "PRIVATE_CA_DIRECT"


def test_issuer_words_match_whole_words_in_any_order(
    configured: Any, estate: dict[str, str]
) -> None:
    assert len(one(configured, {"IssuerWords": "SHOP.example.com cn"})) == 1
    assert one(configured, {"IssuerWords": "example.com"}) == []


def test_acm_arn_matches_current_or_any_held_certificate(
    organised: Mock, configured: Any, member_acm: Any, estate: dict[str, str]
) -> None:
    arn = estate["private"]
    allow_acm_renewals(client("acm-pca", MEMBER), estate["ca"])
    member_acm.export_certificate(CertificateArn=arn, Passphrase=b"passphrase")
    member_acm.renew_certificate(CertificateArn=arn)
    organised.clock.advance(minutes=5)
    current = one(configured, {"AcmCertificateArn": {"Value": arn, "Match": "CURRENT"}})
    every = one(configured, {"AcmCertificateArn": {"Value": arn, "Match": "ANY"}})
    assert (len(current), len(every)) == (1, 2)


def test_and_or_not_combine(configured: Any, estate: dict[str, str]) -> None:
    imported = {"Filter": {"IssuanceType": "IMPORTED"}}
    in_use = {"Filter": {"UsageStatus": "IN_USE"}}
    assert search(configured, Filter={"And": [imported, in_use]})["TotalCount"] == 1
    assert search(configured, Filter={"Or": [imported, in_use]})["TotalCount"] == 1
    assert search(configured, Filter={"Not": imported})["TotalCount"] == 2


def nested(levels: int) -> dict[str, Any]:
    statement: dict[str, Any] = {"Filter": {"MaterialType": "X509_CERTIFICATE"}}
    for _ in range(levels - 1):
        statement = {"Not": statement}
    return statement


PREDICATE: dict[str, Any] = {"Filter": {"AccountId": MEMBER}}


@pytest.mark.parametrize(
    "statement",
    [
        nested(4),
        {"And": [{"Or": [PREDICATE] * 11}, {"Or": [PREDICATE] * 10}]},
        {"Filter": {"Domain": {"Value": "ab", "Match": "CONTAINS"}}},
        {"Filter": {"NotAfter": {}}},
        {"Filter": {"IssuerWords": "- --"}},
        {"Filter": {"IssuerWords": " ".join(["w"] * 65)}},
        {"Filter": {}},
        {"Filter": {"Region": "eu-west-1", "AccountId": MEMBER}},
        {},
    ],
    ids=[
        "4-levels",
        "21-predicates",
        "short-contains",
        "empty-range",
        "no-word",
        "65-words",
        "empty-predicate",
        "two-predicates",
        "empty-statement",
    ],
)
def test_filters_beyond_the_limits_are_refused(configured: Any, statement: dict[str, Any]) -> None:
    with pytest.raises(ClientError) as raised:
        search(client("acm", MANAGEMENT, validated=False), Filter=statement)
    assert error_of(raised)[0] == "ValidationException"


def test_fifteen_statements_and_twenty_predicates_are_allowed(configured: Any) -> None:
    assert search(configured, Filter={"Or": [PREDICATE] * 15})["TotalCount"] == 0
    statement = {"And": [{"Or": [PREDICATE] * 10}, {"Or": [PREDICATE] * 10}]}
    assert search(configured, Filter=statement)["TotalCount"] == 0


def test_three_levels_are_allowed(configured: Any) -> None:
    assert search(configured, Filter=nested(3))["TotalCount"] == 0


@pytest.mark.parametrize("sort_by", ["NOT_AFTER", "NOT_BEFORE", "USAGE_COUNT", "SUBJECT"])
def test_sorting_and_paging_return_every_certificate_once(
    configured: Any, estate: dict[str, str], sort_by: str
) -> None:
    pages = configured.get_paginator("search_inventory").paginate(
        SortBy=sort_by, SortOrder="ASCENDING", PaginationConfig={"PageSize": 1}
    )
    seen = [c for answer in pages for c in answer["Certificates"]]
    assert len({c["Identifier"] for c in seen}) == len(seen) == 3


def test_results_default_to_latest_not_after_first(configured: Any, estate: dict[str, str]) -> None:
    ends = [c["Validity"]["NotAfter"] for c in search(configured)["Certificates"]]
    assert ends == sorted(ends, reverse=True)


def test_a_token_from_another_search_is_refused(configured: Any, estate: dict[str, str]) -> None:
    token = search(configured, MaxResults=1)["NextToken"]
    with pytest.raises(ClientError) as raised:
        search(configured, MaxResults=1, NextToken=token, SortOrder="ASCENDING")
    assert error_of(raised)[0] == "ValidationException"


def test_the_outsider_cannot_search(configured: Any) -> None:
    with pytest.raises(ClientError) as raised:
        search(client("acm", "999999999999"))
    assert error_of(raised)[0] == "AccessDeniedException"
    assert MANAGEMENT not in error_of(raised)[1]
