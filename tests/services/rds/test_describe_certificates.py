"""DescribeCertificates: the CAs a region offers, looked up, paged, and as time passes."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from certmock import IgnoredMemberWarning, Mock
from tests.services.rds.helpers import (
    certificate_not_found,
    default_for_new_launches,
    error_of,
    identifiers,
)

UTC = dt.timezone.utc
NOW = dt.datetime(2026, 1, 1, tzinfo=UTC)
pytestmark = pytest.mark.certmock(now=NOW)

G1 = ["rds-ca-ecc384-g1", "rds-ca-rsa4096-g1", "rds-ca-rsa2048-g1"]
REGIONS = [
    ("us-east-1", "aws"),
    ("us-west-2", "aws"),
    ("eu-west-1", "aws"),
    ("ap-southeast-2", "aws"),
    ("cn-north-1", "aws-cn"),
    ("cn-northwest-1", "aws-cn"),
    ("us-gov-west-1", "aws-us-gov"),
    ("us-gov-east-1", "aws-us-gov"),
]


def utc(year: int, month: int, day: int, hour: int, minute: int, second: int) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def by_identifier(client: Any) -> dict[str, dict[str, Any]]:
    return {c["CertificateIdentifier"]: c for c in client.describe_certificates()["Certificates"]}


# -- what a region offers ---------------------------------------------------------------------
def test_us_west_2_lists_the_g1_cas_exactly_as_aws_does(rds: Any) -> None:
    answer = rds.describe_certificates()
    assert answer["DefaultCertificateForNewLaunches"] == "rds-ca-rsa2048-g1"
    assert "Marker" not in answer
    assert answer["Certificates"] == [
        {
            "CertificateIdentifier": "rds-ca-ecc384-g1",
            "CertificateType": "CA",
            "Thumbprint": "2ee3dcc06e50192559b13929e73484354f23387d",
            "ValidFrom": utc(2021, 5, 24, 22, 6, 59),
            "ValidTill": utc(2121, 5, 24, 23, 6, 59),
            "CertificateArn": "arn:aws:rds:us-west-2::cert:rds-ca-ecc384-g1",
            "CustomerOverride": False,
        },
        {
            "CertificateIdentifier": "rds-ca-rsa4096-g1",
            "CertificateType": "CA",
            "Thumbprint": "19da4f2af579a8ae1f6a0fa77aa5befd874b4cab",
            "ValidFrom": utc(2021, 5, 24, 22, 3, 20),
            "ValidTill": utc(2121, 5, 24, 23, 3, 20),
            "CertificateArn": "arn:aws:rds:us-west-2::cert:rds-ca-rsa4096-g1",
            "CustomerOverride": False,
        },
        {
            "CertificateIdentifier": "rds-ca-rsa2048-g1",
            "CertificateType": "CA",
            "Thumbprint": "7c40cb42714b6fdb2b296f9bbd0e8bb364436a76",
            "ValidFrom": utc(2021, 5, 24, 21, 59, 0),
            "ValidTill": utc(2061, 5, 24, 22, 59, 0),
            "CertificateArn": "arn:aws:rds:us-west-2::cert:rds-ca-rsa2048-g1",
            "CustomerOverride": False,
        },
    ]


def test_us_east_1_has_its_own_published_dates(certmock: Mock) -> None:
    listed = by_identifier(boto3.client("rds", region_name="us-east-1"))
    assert {name: (c["ValidFrom"], c["ValidTill"]) for name, c in listed.items()} == {
        "rds-ca-ecc384-g1": (utc(2021, 5, 25, 22, 41, 55), utc(2121, 5, 25, 23, 41, 55)),
        "rds-ca-rsa4096-g1": (utc(2021, 5, 25, 22, 38, 35), utc(2121, 5, 25, 23, 38, 35)),
        "rds-ca-rsa2048-g1": (utc(2021, 5, 25, 22, 34, 57), utc(2061, 5, 25, 23, 34, 57)),
    }


@pytest.mark.parametrize(("region", "partition"), REGIONS)
def test_every_region_offers_the_g1_cas_in_the_same_order(
    certmock: Mock, region: str, partition: str
) -> None:
    client = boto3.client("rds", region_name=region)
    assert identifiers(client) == G1
    assert default_for_new_launches(client) == "rds-ca-rsa2048-g1"


@pytest.mark.parametrize(("region", "partition"), REGIONS)
def test_the_certificate_arn_names_partition_and_region_but_no_account(
    certmock: Mock, region: str, partition: str
) -> None:
    for certificate in boto3.client("rds", region_name=region).describe_certificates()[
        "Certificates"
    ]:
        identifier = certificate["CertificateIdentifier"]
        assert certificate["CertificateArn"] == f"arn:{partition}:rds:{region}::cert:{identifier}"


@pytest.mark.parametrize(("region", "partition"), REGIONS)
def test_every_certificate_is_a_ca_with_a_sha1_thumbprint(
    certmock: Mock, region: str, partition: str
) -> None:
    for certificate in boto3.client("rds", region_name=region).describe_certificates()[
        "Certificates"
    ]:
        assert certificate["CertificateType"] == "CA"
        assert re.fullmatch(r"[0-9a-f]{40}", certificate["Thumbprint"])
        assert certificate["ValidFrom"] < certificate["ValidTill"]


@pytest.mark.parametrize(("region", "partition"), [r for r in REGIONS if r[0] != "us-west-2"])
def test_regions_without_published_thumbprints_get_synthetic_ones(
    certmock: Mock, region: str, partition: str
) -> None:
    for identifier, certificate in by_identifier(boto3.client("rds", region_name=region)).items():
        seed = f"certmock-synthetic-thumbprint/{partition}/{region}/{identifier}"
        assert certificate["Thumbprint"] == hashlib.sha1(seed.encode()).hexdigest()


@pytest.mark.parametrize("region", ["eu-west-1", "cn-north-1", "us-gov-west-1"])
def test_regions_without_published_dates_take_those_of_us_east_1(
    certmock: Mock, region: str
) -> None:
    def dates(client: Any) -> dict[str, tuple[dt.datetime, dt.datetime]]:
        return {n: (c["ValidFrom"], c["ValidTill"]) for n, c in by_identifier(client).items()}

    east = boto3.client("rds", region_name="us-east-1")
    assert dates(boto3.client("rds", region_name=region)) == dates(east)


def test_no_two_regions_share_a_synthetic_thumbprint(certmock: Mock) -> None:
    thumbprints = [
        certificate["Thumbprint"]
        for region, _ in REGIONS
        for certificate in boto3.client("rds", region_name=region).describe_certificates()[
            "Certificates"
        ]
    ]
    assert len(set(thumbprints)) == len(thumbprints)


# -- looking one up ---------------------------------------------------------------------------
def test_an_identifier_returns_only_that_certificate_and_the_default(rds: Any) -> None:
    answer = rds.describe_certificates(CertificateIdentifier="rds-ca-rsa4096-g1")
    assert [c["CertificateIdentifier"] for c in answer["Certificates"]] == ["rds-ca-rsa4096-g1"]
    assert answer["DefaultCertificateForNewLaunches"] == "rds-ca-rsa2048-g1"


@pytest.mark.parametrize("spelling", ["RDS-CA-ECC384-G1", "Rds-Ca-Ecc384-G1", "rds-ca-ecc384-g1"])
def test_the_identifier_is_not_case_sensitive(rds: Any, spelling: str) -> None:
    assert identifiers(rds, CertificateIdentifier=spelling) == ["rds-ca-ecc384-g1"]


@pytest.mark.parametrize("identifier", ["rds-ca-2015", "rds-ca-rsa2048-g2", "RDS-CA-2015"])
def test_an_unknown_identifier_is_certificate_not_found_with_its_modeled_status(
    rds: Any, identifier: str
) -> None:
    with pytest.raises(rds.exceptions.CertificateNotFoundFault) as raised:
        rds.describe_certificates(CertificateIdentifier=identifier)
    assert error_of(raised) == certificate_not_found(identifier)


# -- MaxRecords, Filters, Marker --------------------------------------------------------------
@pytest.mark.parametrize("max_records", [20, 21, 99, 100])
def test_max_records_from_20_to_100_is_accepted(rds: Any, max_records: int) -> None:
    assert identifiers(rds, MaxRecords=max_records) == G1


@pytest.mark.parametrize("max_records", [-1, 0, 3, 19, 101, 1000])
def test_max_records_outside_20_to_100_is_an_invalid_parameter_value(
    rds: Any, max_records: int
) -> None:
    with pytest.raises(ClientError) as raised:
        rds.describe_certificates(MaxRecords=max_records)
    assert error_of(raised) == (
        "InvalidParameterValue",
        f"Invalid value {max_records} for MaxRecords. Must be between 20 and 100",
        400,
    )


def test_max_records_is_checked_when_an_identifier_is_given_too(rds: Any) -> None:
    with pytest.raises(ClientError) as raised:
        rds.describe_certificates(CertificateIdentifier="rds-ca-rsa2048-g1", MaxRecords=3)
    assert error_of(raised)[0] == "InvalidParameterValue"


def test_filters_are_accepted_and_ignored(rds: Any) -> None:
    filters = [{"Name": "certificate-id", "Values": ["rds-ca-ecc384-g1"]}]
    with pytest.warns(IgnoredMemberWarning, match=r"DescribeCertificates\.Filters"):
        assert identifiers(rds, Filters=filters) == G1


def test_the_paginator_yields_every_certificate_on_one_page(rds: Any) -> None:
    pages = list(
        rds.get_paginator("describe_certificates").paginate(PaginationConfig={"PageSize": 20})
    )
    assert len(pages) == 1
    assert [c["CertificateIdentifier"] for c in pages[0]["Certificates"]] == G1
    assert pages[0]["DefaultCertificateForNewLaunches"] == "rds-ca-rsa2048-g1"


def test_the_paginator_can_stop_early_and_resume_with_its_token(rds: Any) -> None:
    paginator = rds.get_paginator("describe_certificates")
    first = paginator.paginate(PaginationConfig={"MaxItems": 2}).build_full_result()
    assert [c["CertificateIdentifier"] for c in first["Certificates"]] == G1[:2]
    rest = paginator.paginate(
        PaginationConfig={"StartingToken": first["NextToken"]}
    ).build_full_result()
    assert [c["CertificateIdentifier"] for c in rest["Certificates"]] == G1[2:]


@pytest.mark.parametrize(
    "marker",
    [
        pytest.param("not-a-marker", id="garbage"),
        pytest.param(base64.urlsafe_b64encode(b"certmock/v1/tags/1").decode(), id="other-listing"),
    ],
)
def test_a_marker_describe_certificates_did_not_issue_is_refused(rds: Any, marker: str) -> None:
    with pytest.raises(ClientError) as raised:
        rds.describe_certificates(Marker=marker)
    code, message, status = error_of(raised)
    assert (code, status) == ("InvalidParameterValue", 400)
    assert marker in message


# -- the list and the default follow the shared clock -----------------------------------------
@pytest.mark.certmock(now=dt.datetime(2024, 6, 1, tzinfo=UTC))
def test_rds_ca_2019_is_listed_last_while_it_is_valid(rds: Any) -> None:
    listed = rds.describe_certificates()["Certificates"]
    assert [c["CertificateIdentifier"] for c in listed] == [*G1, "rds-ca-2019"]
    assert listed[-1] == {
        "CertificateIdentifier": "rds-ca-2019",
        "CertificateType": "CA",
        "Thumbprint": "d40ddb29e3750dffa671c3140bbf5f478d1c8096",
        "ValidFrom": utc(2019, 8, 22, 17, 8, 50),
        "ValidTill": utc(2024, 8, 22, 17, 8, 50),
        "CertificateArn": "arn:aws:rds:us-west-2::cert:rds-ca-2019",
        "CustomerOverride": False,
    }


@pytest.mark.certmock(now=dt.datetime(2024, 8, 22, 17, 8, 49, tzinfo=UTC))
def test_rds_ca_2019_is_withdrawn_once_the_clock_reaches_its_valid_till(
    rds: Any, certmock: Mock
) -> None:
    assert identifiers(rds, CertificateIdentifier="rds-ca-2019") == ["rds-ca-2019"]
    certmock.clock.advance(seconds=1)
    assert identifiers(rds) == G1
    with pytest.raises(rds.exceptions.CertificateNotFoundFault) as raised:
        rds.describe_certificates(CertificateIdentifier="rds-ca-2019")
    assert error_of(raised) == certificate_not_found("rds-ca-2019")


@pytest.mark.certmock(now=dt.datetime(2024, 1, 24, 23, 59, 59, tzinfo=UTC))
@pytest.mark.parametrize("region", ["us-west-2", "eu-west-1", "cn-north-1", "us-gov-west-1"])
def test_the_default_for_new_launches_switches_to_rsa2048_g1_on_2024_01_25(
    certmock: Mock, region: str
) -> None:
    client = boto3.client("rds", region_name=region)
    assert default_for_new_launches(client) == "rds-ca-2019"
    certmock.clock.advance(seconds=1)
    assert default_for_new_launches(client) == "rds-ca-rsa2048-g1"
