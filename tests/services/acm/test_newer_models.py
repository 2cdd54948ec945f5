"""What newer botocore models of ACM add (1.44): ListCertificateDomainValidations, the
TagResource family, key pair origins (the ACME operations have ``test_acme_*.py``, the move to
DNS validation ``test_validation_method_update.py``). Each test runs where the installed model
has the operation or member (CI installs the newest botocore) and is skipped elsewhere."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from certmock.botocore_models import service_model
from certmock.services.acm.control import AcmControl
from tests.services.acm.helpers import (
    NOW,
    describe,
    error_of,
    has_member,
    import_self_signed,
)

pytestmark = pytest.mark.certmock(now=NOW)

_OPERATIONS = set(service_model("acm").operation_names)


def needs(operation: str) -> pytest.MarkDecorator:
    return pytest.mark.skipif(
        operation not in _OPERATIONS, reason=f"the installed botocore has no acm {operation}"
    )


needs_origin = pytest.mark.skipif(
    not has_member("CertificateDetail", "CertificateKeyPairOrigin"),
    reason="the installed botocore has no CertificateKeyPairOrigin",
)


@needs("ListCertificateDomainValidations")
def test_domain_validations_are_listed_with_their_challenges(acm: Any) -> None:
    arn = acm.request_certificate(
        DomainName="example.net", ValidationMethod="DNS", SubjectAlternativeNames=["a.example.net"]
    )["CertificateArn"]
    listed = acm.list_certificate_domain_validations(CertificateArn=arn)
    first, second = listed["DomainValidationSummaryList"]
    assert first["DomainName"] == "example.net"
    active = first["ActiveValidationConfiguration"]
    assert active["ValidationMethod"] == "DNS"
    assert active["ValidationStatus"] == "PENDING_VALIDATION"
    record = describe(acm, arn)["DomainValidationOptions"][0]["ResourceRecord"]
    assert active["ValidationChallenge"] == {"DnsValidationChallenge": {"ResourceRecord": record}}
    assert second["DomainName"] == "a.example.net"


@needs("ListCertificateDomainValidations")
def test_email_challenges_name_the_domain_and_no_addresses(acm: Any) -> None:
    """No addresses, as DescribeCertificate recorded against AWS shows none (2024, 2025)."""
    arn = acm.request_certificate(DomainName="www.example.net")["CertificateArn"]
    (summary,) = acm.list_certificate_domain_validations(CertificateArn=arn)[
        "DomainValidationSummaryList"
    ]
    challenge = summary["ActiveValidationConfiguration"]["ValidationChallenge"]
    assert challenge["EmailValidationChallenge"]["ValidationDomain"] == "www.example.net"
    assert challenge["EmailValidationChallenge"]["ValidationEmails"] == []


@needs("ListCertificateDomainValidations")
def test_domain_validations_page_and_report_success(acm: Any, control: AcmControl) -> None:
    arn = acm.request_certificate(
        DomainName="example.net",
        ValidationMethod="DNS",
        SubjectAlternativeNames=["a.example.net", "b.example.net"],
    )["CertificateArn"]
    control.validate(arn)
    first = acm.list_certificate_domain_validations(CertificateArn=arn, MaxItems=2)
    rest = acm.list_certificate_domain_validations(
        CertificateArn=arn, MaxItems=2, NextToken=first["NextToken"]
    )
    summaries = first["DomainValidationSummaryList"] + rest["DomainValidationSummaryList"]
    assert [s["DomainName"] for s in summaries] == ["example.net", "a.example.net", "b.example.net"]
    assert {s["ActiveValidationConfiguration"]["ValidationStatus"] for s in summaries} == {
        "SUCCESS"
    }


@needs("ListCertificateDomainValidations")
def test_an_imported_certificate_has_no_domain_validations(acm: Any) -> None:
    arn = import_self_signed(acm)
    assert (
        acm.list_certificate_domain_validations(CertificateArn=arn)["DomainValidationSummaryList"]
        == []
    )


@needs("TagResource")
def test_the_tag_resource_family_tags_certificates(acm: Any) -> None:
    arn = import_self_signed(acm)
    acm.tag_resource(ResourceArn=arn, Tags=[{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}])
    acm.untag_resource(ResourceArn=arn, TagKeys=["a"])
    assert acm.list_tags_for_resource(ResourceArn=arn)["Tags"] == [{"Key": "b", "Value": "2"}]
    assert acm.list_tags_for_certificate(CertificateArn=arn)["Tags"] == [{"Key": "b", "Value": "2"}]


@needs("TagResource")
def test_resources_other_than_certificates_are_not_found(acm: Any) -> None:
    arn = "arn:aws:acm:eu-west-1:123456789012:acme-endpoint/0123456789"
    with pytest.raises(ClientError) as raised:
        acm.list_tags_for_resource(ResourceArn=arn)
    assert error_of(raised)[0] == "ResourceNotFoundException"


@needs_origin
def test_key_pair_origins_are_reported_and_filtered(acm: Any) -> None:
    imported = import_self_signed(acm, kind="RSA_2048")
    requested = acm.request_certificate(DomainName="www.example.net")["CertificateArn"]
    assert describe(acm, imported)["CertificateKeyPairOrigin"] == "CUSTOMER_PROVIDED"
    assert describe(acm, requested)["CertificateKeyPairOrigin"] == "AWS_MANAGED"
    listed = acm.list_certificates(CertificateKeyPairOrigins=["AWS_MANAGED"])
    assert [c["CertificateArn"] for c in listed["CertificateSummaryList"]] == [requested]
    assert listed["CertificateSummaryList"][0]["CertificateKeyPairOrigin"] == "AWS_MANAGED"


@needs("ListCertificateDomainValidations")
def test_a_malformed_arn_is_the_invalid_args_error_the_listing_models(acm: Any) -> None:
    modeled = {
        shape.name
        for shape in acm.meta.service_model.operation_model(
            "ListCertificateDomainValidations"
        ).error_shapes
    }
    assert {"InvalidArgsException"} <= modeled
    assert "InvalidArnException" not in modeled
    with pytest.raises(ClientError) as raised:
        acm.list_certificate_domain_validations(CertificateArn="arn:w:acm::7429:certificate/x")
    assert error_of(raised)[0] == "InvalidArgsException"
