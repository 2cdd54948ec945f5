"""ListCertificates (filters, sorting, paging, the paginator) and SearchCertificates."""

from __future__ import annotations

import base64
import json
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from cryptography.x509.oid import ExtendedKeyUsageOID

from certmock import Mock
from certmock.services.acm.control import AcmControl
from tests.model_facts import input_member, maximum, needs_operation
from tests.services.acm.helpers import DAY, NOW, REGION, error_of, import_self_signed

pytestmark = pytest.mark.certmock(now=NOW)


def listed(acm: Any, **request: Any) -> list[str]:
    return [c["CertificateArn"] for c in acm.list_certificates(**request)["CertificateSummaryList"]]


def searched(acm: Any, **request: Any) -> list[str]:
    return [r["CertificateArn"] for r in acm.search_certificates(**request)["Results"]]


# -- ListCertificates ---------------------------------------------------------------------
def test_by_default_only_rsa_1024_and_2048_certificates_are_listed(acm: Any) -> None:
    rsa = import_self_signed(acm, kind="RSA_2048")
    import_self_signed(acm, kind="EC_prime256v1")
    import_self_signed(acm, kind="RSA_4096")
    assert listed(acm) == [rsa]


def test_key_types_select_what_is_listed(acm: Any) -> None:
    import_self_signed(acm, kind="RSA_2048")
    ec = import_self_signed(acm, kind="EC_prime256v1")
    rsa_4096 = import_self_signed(acm, kind="RSA_4096")
    assert listed(acm, Includes={"keyTypes": ["EC_prime256v1", "RSA_4096"]}) == [ec, rsa_4096]


def test_a_summary_carries_the_certificates_main_fields(acm: Any) -> None:
    arn = import_self_signed(acm, kind="RSA_2048", sans=["a.example.net", "b.example.net"])
    (summary,) = acm.list_certificates()["CertificateSummaryList"]
    assert summary["CertificateArn"] == arn
    assert summary["DomainName"] == "www.example.com"
    assert summary["SubjectAlternativeNameSummaries"] == ["a.example.net", "b.example.net"]
    assert summary["HasAdditionalSubjectAlternativeNames"] is False
    assert summary["Status"] == "ISSUED"
    assert summary["Type"] == "IMPORTED"
    assert summary["KeyAlgorithm"] == "RSA-2048"
    assert summary["KeyUsages"] == ["DIGITAL_SIGNATURE", "KEY_ENCIPHERMENT"]
    assert summary["ExtendedKeyUsages"] == ["TLS_WEB_SERVER_AUTHENTICATION"]
    assert summary["ExportOption"] == "DISABLED"
    assert summary["InUse"] is False
    # An imported certificate's summary has no Exported (recorded AWS responses, 11.5).
    assert "Exported" not in summary
    assert summary["RenewalEligibility"] == "INELIGIBLE"
    assert summary["ImportedAt"] == NOW
    assert summary["CreatedAt"] == NOW
    assert summary["NotAfter"] == NOW + 90 * DAY


def test_statuses_filter_the_list(acm: Any, certmock: Mock) -> None:
    expiring = import_self_signed(acm, kind="RSA_2048", not_after=NOW + DAY)
    lasting = import_self_signed(acm, kind="RSA_2048")
    certmock.clock.advance(days=2)
    assert listed(acm, CertificateStatuses=["EXPIRED"]) == [expiring]
    assert listed(acm, CertificateStatuses=["ISSUED"]) == [lasting]
    assert listed(acm, CertificateStatuses=["ISSUED", "EXPIRED"]) == [expiring, lasting]


def test_pending_requests_are_listed(acm: Any) -> None:
    arn = acm.request_certificate(DomainName="www.example.net")["CertificateArn"]
    assert listed(acm, CertificateStatuses=["PENDING_VALIDATION"]) == [arn]


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [
        (["CODE_SIGNING"], ["code"]),
        (["TLS_WEB_SERVER_AUTHENTICATION", "CODE_SIGNING"], ["server", "code"]),
        (["NONE"], ["none"]),
    ],
)
def test_extended_key_usages_match_any_of_the_given(
    acm: Any, wanted: list[str], expected: list[str]
) -> None:
    made = {
        "server": import_self_signed(acm, kind="RSA_2048"),
        "code": import_self_signed(
            acm, kind="RSA_2048", extended_key_usage=[ExtendedKeyUsageOID.CODE_SIGNING]
        ),
        "none": import_self_signed(acm, kind="RSA_2048", extended_key_usage=[]),
    }
    assert listed(acm, Includes={"extendedKeyUsage": wanted}) == [made[n] for n in expected]


def test_key_usages_filter_the_list(acm: Any) -> None:
    with_usage = import_self_signed(acm, kind="RSA_2048")
    import_self_signed(acm, kind="RSA_2048", key_usage=False)
    assert listed(acm, Includes={"keyUsage": ["KEY_ENCIPHERMENT"]}) == [with_usage]


def test_export_option_filters_the_list(acm: Any) -> None:
    exportable = acm.request_certificate(
        DomainName="www.example.net", Options={"Export": "ENABLED"}
    )["CertificateArn"]
    plain = acm.request_certificate(DomainName="www.example.net")["CertificateArn"]
    assert listed(acm, Includes={"exportOption": "ENABLED"}) == [exportable]
    assert listed(acm, Includes={"exportOption": "DISABLED"}) == [plain]


def test_managed_by_filters_the_list(acm: Any) -> None:
    managed = acm.request_certificate(
        DomainName="www.example.net", ManagedBy="CLOUDFRONT", ValidationMethod="DNS"
    )["CertificateArn"]
    acm.request_certificate(DomainName="www.example.net")
    assert listed(acm, Includes={"managedBy": "CLOUDFRONT"}) == [managed]


def test_sorting_by_creation_time(acm: Any, certmock: Mock) -> None:
    made = []
    for _ in range(3):
        made.append(import_self_signed(acm, kind="RSA_2048"))
        certmock.clock.advance(minutes=1)
    assert listed(acm, SortBy="CREATED_AT", SortOrder="DESCENDING") == made[::-1]
    assert listed(acm, SortBy="CREATED_AT", SortOrder="ASCENDING") == made


@pytest.mark.parametrize("given", [{"SortBy": "CREATED_AT"}, {"SortOrder": "ASCENDING"}])
def test_sort_by_and_sort_order_go_together(acm: Any, given: dict[str, str]) -> None:
    with pytest.raises(ClientError) as raised:
        acm.list_certificates(**given)
    assert error_of(raised)[0] == "ValidationException"


def test_pages_follow_next_token_in_sorted_order(acm: Any, certmock: Mock) -> None:
    made = []
    for _ in range(5):
        made.append(import_self_signed(acm, kind="RSA_2048"))
        certmock.clock.advance(minutes=1)
    first = acm.list_certificates(MaxItems=2, SortBy="CREATED_AT", SortOrder="DESCENDING")
    second = acm.list_certificates(
        MaxItems=2, SortBy="CREATED_AT", SortOrder="DESCENDING", NextToken=first["NextToken"]
    )
    pages = [c["CertificateArn"] for c in first["CertificateSummaryList"]]
    pages += [c["CertificateArn"] for c in second["CertificateSummaryList"]]
    assert pages == made[::-1][:4]


def test_the_paginator_lists_everything_once(acm: Any) -> None:
    made = [import_self_signed(acm, kind="RSA_2048") for _ in range(5)]
    pages = list(acm.get_paginator("list_certificates").paginate(PaginationConfig={"PageSize": 2}))
    assert [len(p["CertificateSummaryList"]) for p in pages] == [2, 2, 1]
    assert [c["CertificateArn"] for p in pages for c in p["CertificateSummaryList"]] == made


def test_a_certificate_deleted_between_pages_is_not_skipped_over(acm: Any) -> None:
    made = [import_self_signed(acm, kind="RSA_2048") for _ in range(4)]
    first = acm.list_certificates(MaxItems=2)
    acm.delete_certificate(CertificateArn=made[1])
    rest = acm.list_certificates(MaxItems=2, NextToken=first["NextToken"])
    assert [c["CertificateArn"] for c in rest["CertificateSummaryList"]] == made[2:]


def test_an_invalid_next_token_is_refused(acm: Any) -> None:
    with pytest.raises(ClientError) as raised:
        acm.list_certificates(NextToken="not-a-token")
    assert error_of(raised)[0] == "InvalidArgsException"


def test_a_token_from_another_order_is_refused(acm: Any) -> None:
    for _ in range(3):
        import_self_signed(acm, kind="RSA_2048")
    token = acm.list_certificates(MaxItems=1)["NextToken"]
    with pytest.raises(ClientError) as raised:
        acm.list_certificates(NextToken=token, SortBy="CREATED_AT", SortOrder="ASCENDING")
    assert error_of(raised)[0] == "InvalidArgsException"


def altered(token: str, after: list[Any]) -> str:
    """``token`` with another position in it, as a hand-edited or corrupted token would be."""
    document = json.loads(base64.urlsafe_b64decode(token))
    document["after"] = after
    return base64.urlsafe_b64encode(json.dumps(document).encode()).decode()


@pytest.mark.parametrize(
    ("sorting", "after"),
    [
        ({}, ["abc"]),
        ({}, [[1]]),
        ({}, [None]),
        ({}, [1.5]),
        ({}, [True]),
        ({"SortBy": "CREATED_AT", "SortOrder": "ASCENDING"}, ["x", 1]),
        ({"SortBy": "CREATED_AT", "SortOrder": "DESCENDING"}, [1.0, 2, 3]),
    ],
)
def test_a_token_that_decodes_but_was_not_issued_is_refused(
    acm: Any, sorting: dict[str, str], after: list[Any]
) -> None:
    for _ in range(2):
        import_self_signed(acm, kind="RSA_2048")
    token = acm.list_certificates(MaxItems=1, **sorting)["NextToken"]
    with pytest.raises(ClientError) as raised:
        acm.list_certificates(NextToken=altered(token, after), **sorting)
    assert error_of(raised)[0] == "InvalidArgsException"


def test_max_items_above_the_models_maximum_is_refused(acm: Any) -> None:
    most = maximum(input_member("acm", "ListCertificates", "MaxItems"))
    with pytest.raises(ClientError) as raised:
        acm.list_certificates(MaxItems=most + 1)
    code, message = error_of(raised)
    assert code == "ValidationException"
    assert f"Member must have value less than or equal to {most}" in message


# -- SearchCertificates -------------------------------------------------------------------
needs_search = needs_operation("acm", "SearchCertificates")


@needs_search
def test_search_without_a_filter_finds_every_certificate(acm: Any) -> None:
    made = [import_self_signed(acm, kind=kind) for kind in ("RSA_2048", "EC_secp384r1")]
    assert searched(acm) == made


@needs_search
def test_a_search_result_has_x509_attributes_and_metadata(acm: Any) -> None:
    arn = import_self_signed(acm, kind="EC_prime256v1", sans=["www.example.net"], serial=0x1234)
    (result,) = acm.search_certificates()["Results"]
    assert result["CertificateArn"] == arn
    attributes = result["X509Attributes"]
    assert attributes["Subject"] == {"CommonName": "www.example.com"}
    assert attributes["Issuer"] == {"CommonName": "www.example.com"}
    assert attributes["SubjectAlternativeNames"] == [{"DnsName": "www.example.net"}]
    assert attributes["KeyAlgorithm"] == "EC_prime256v1"
    assert attributes["KeyUsages"] == ["DIGITAL_SIGNATURE"]
    assert attributes["ExtendedKeyUsages"] == ["TLS_WEB_SERVER_AUTHENTICATION"]
    assert attributes["SerialNumber"] == "12:34"
    assert attributes["NotAfter"] == NOW + 90 * DAY
    metadata = result["CertificateMetadata"]["AcmCertificateMetadata"]
    assert metadata["Type"] == "IMPORTED"
    assert metadata["Status"] == "ISSUED"
    assert metadata["ImportedAt"] == NOW
    assert metadata["InUse"] is False
    assert metadata["Exported"] is False


@needs_search
def test_a_pending_request_has_metadata_only(acm: Any) -> None:
    acm.request_certificate(DomainName="www.example.net", ValidationMethod="DNS")
    (result,) = acm.search_certificates()["Results"]
    assert "X509Attributes" not in result
    assert result["CertificateMetadata"]["AcmCertificateMetadata"]["ValidationMethod"] == "DNS"


@pytest.fixture
def three(acm: Any, control: AcmControl) -> dict[str, str]:
    made = {
        "shop": import_self_signed(acm, kind="RSA_2048", common_name="shop.example.net"),
        "api": import_self_signed(
            acm,
            kind="EC_prime256v1",
            common_name="api.example.org",
            sans=["api.example.org", "v2.api.example.org"],
            not_after=NOW + 30 * DAY,
        ),
        "pending": acm.request_certificate(DomainName="new.example.net")["CertificateArn"],
    }
    control.use(made["shop"], "arn:aws:cloudfront::123456789012:distribution/E1")
    return made


def _filter(**member: Any) -> dict[str, Any]:
    return {"Filter": member}


@needs_search
@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        (
            _filter(
                X509AttributeFilter={
                    "Subject": {
                        "CommonName": {"Value": "shop.example.net", "ComparisonOperator": "EQUALS"}
                    }
                }
            ),
            ["shop"],
        ),
        (
            _filter(
                X509AttributeFilter={
                    "Subject": {
                        "CommonName": {"Value": "EXAMPLE", "ComparisonOperator": "CONTAINS"}
                    }
                }
            ),
            ["shop", "api"],
        ),
        (
            _filter(
                X509AttributeFilter={
                    "SubjectAlternativeName": {
                        "DnsName": {"Value": "v2.api.example.org", "ComparisonOperator": "EQUALS"}
                    }
                }
            ),
            ["api"],
        ),
        (_filter(X509AttributeFilter={"KeyAlgorithm": "EC_prime256v1"}), ["api"]),
        (_filter(X509AttributeFilter={"KeyUsage": "KEY_ENCIPHERMENT"}), ["shop"]),
        (
            _filter(X509AttributeFilter={"ExtendedKeyUsage": "TLS_WEB_SERVER_AUTHENTICATION"}),
            ["shop", "api"],
        ),
        (_filter(X509AttributeFilter={"NotAfter": {"End": NOW + 60 * DAY}}), ["api"]),
        (_filter(X509AttributeFilter={"NotBefore": {"Start": NOW}}), []),
        (_filter(AcmCertificateMetadataFilter={"Status": "PENDING_VALIDATION"}), ["pending"]),
        (_filter(AcmCertificateMetadataFilter={"Type": "IMPORTED"}), ["shop", "api"]),
        (_filter(AcmCertificateMetadataFilter={"InUse": True}), ["shop"]),
        (_filter(AcmCertificateMetadataFilter={"ValidationMethod": "EMAIL"}), ["pending"]),
        (
            {
                "And": [
                    _filter(AcmCertificateMetadataFilter={"Type": "IMPORTED"}),
                    {"Not": _filter(AcmCertificateMetadataFilter={"InUse": True})},
                ]
            },
            ["api"],
        ),
        (
            {
                "Or": [
                    _filter(AcmCertificateMetadataFilter={"InUse": True}),
                    _filter(AcmCertificateMetadataFilter={"Status": "PENDING_VALIDATION"}),
                ]
            },
            ["shop", "pending"],
        ),
    ],
    ids=[
        "cn-equals",
        "cn-contains",
        "san",
        "key-algorithm",
        "key-usage",
        "eku",
        "not-after",
        "not-before",
        "status",
        "type",
        "in-use",
        "validation-method",
        "and-not",
        "or",
    ],
)
def test_filter_statements(
    acm: Any, three: dict[str, str], statement: dict[str, Any], expected: list[str]
) -> None:
    assert searched(acm, FilterStatement=statement) == [three[n] for n in expected]


@needs_search
def test_the_certificate_arn_filter_finds_one(acm: Any, three: dict[str, str]) -> None:
    statement = _filter(CertificateArn=three["api"])
    assert searched(acm, FilterStatement=statement) == [three["api"]]


@needs_search
def test_the_serial_number_filter_finds_one(acm: Any) -> None:
    arn = import_self_signed(acm, serial=0xABCDEF)
    import_self_signed(acm)
    statement = _filter(X509AttributeFilter={"SerialNumber": "ab:cd:ef"})
    assert searched(acm, FilterStatement=statement) == [arn]


@needs_search
def test_a_union_with_two_members_is_refused_by_the_service_too(acm: Any) -> None:
    # botocore refuses it before sending; a client without that check reaches certmock.
    unchecked = boto3.client("acm", region_name=REGION, config=Config(parameter_validation=False))
    statement = {"Filter": {"AcmCertificateMetadataFilter": {"Type": "IMPORTED", "InUse": True}}}
    with pytest.raises(ClientError) as raised:
        unchecked.search_certificates(FilterStatement=statement)
    code, message = error_of(raised)
    assert code == "ValidationException"
    assert "exactly one member" in message


@needs_search
@pytest.mark.parametrize(
    ("sort_by", "order", "expected"),
    [
        ("NOT_AFTER", "ASCENDING", ["api", "shop", "pending"]),
        ("COMMON_NAME", "ASCENDING", ["api", "shop", "pending"]),
        ("COMMON_NAME", "DESCENDING", ["pending", "shop", "api"]),
        ("STATUS", "ASCENDING", ["shop", "api", "pending"]),
        ("KEY_ALGORITHM", "DESCENDING", ["shop", "pending", "api"]),  # ties: creation order
        ("IN_USE", "DESCENDING", ["shop", "api", "pending"]),
    ],
)
def test_search_sorting(
    acm: Any, three: dict[str, str], sort_by: str, order: str, expected: list[str]
) -> None:
    assert searched(acm, SortBy=sort_by, SortOrder=order) == [three[n] for n in expected]


@needs_search
def test_the_search_paginator_pages_in_order(acm: Any) -> None:
    made = [import_self_signed(acm) for _ in range(5)]
    pages = list(
        acm.get_paginator("search_certificates").paginate(PaginationConfig={"PageSize": 2})
    )
    assert [r["CertificateArn"] for p in pages for r in p["Results"]] == made
    assert len(pages) == 3


@needs_search
def test_an_invalid_search_token_is_refused(acm: Any) -> None:
    with pytest.raises(ClientError) as raised:
        acm.search_certificates(NextToken="bogus")
    assert error_of(raised)[0] == "ValidationException"


@needs_search
@pytest.mark.parametrize("after", [["x", 1, 2], [0, "ISSUED", "1"], [0, "ISSUED", 1e400]])
def test_a_search_token_that_decodes_but_was_not_issued_is_refused(
    acm: Any, after: list[Any]
) -> None:
    for _ in range(2):
        import_self_signed(acm)
    sorting = {"SortBy": "STATUS", "SortOrder": "ASCENDING"}
    token = acm.search_certificates(MaxResults=1, **sorting)["NextToken"]
    with pytest.raises(ClientError) as raised:
        acm.search_certificates(NextToken=altered(token, after), **sorting)
    assert error_of(raised)[0] == "ValidationException"
