"""Service-affiliated CAs (``UsageMode=SERVICE_AFFILIATED``, botocore 1.44.18): the affiliation
is stored and described, goes with the mode and only with it, and only the affiliated service
issues from the CA; ``IAM_WORKLOAD_IDENTITY`` CAs have no revocation and take their
certificate once (fact sheet 11.3)."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.helpers import create_ca, describe
from tests.model_facts import needs_enum_values, needs_member
from tests.services.acmpca.pki import active_root, crl_enabled, csr, issue

pytestmark = [
    needs_member("acm-pca", "CreateCertificateAuthorityRequest", "ServiceAffiliation"),
    needs_enum_values("acm-pca", "CertificateAuthorityUsageMode", "SERVICE_AFFILIATED"),
]

WORKLOAD = {"ServiceAffiliationCode": "IAM_WORKLOAD_IDENTITY"}
OTHER = {"ServiceAffiliationCode": "SOME_FUTURE_SERVICE"}


def affiliated(**extra: Any) -> dict[str, Any]:
    return {"UsageMode": "SERVICE_AFFILIATED", "ServiceAffiliation": WORKLOAD, **extra}


def code_of(raised: pytest.ExceptionInfo[ClientError]) -> str:
    code: str = raised.value.response["Error"]["Code"]
    return code


@pytest.mark.parametrize("affiliation", [WORKLOAD, OTHER])
def test_the_affiliation_is_described_and_listed(pca: Any, affiliation: dict[str, str]) -> None:
    arn = create_ca(pca, UsageMode="SERVICE_AFFILIATED", ServiceAffiliation=affiliation)
    found = describe(pca, arn)
    assert found["UsageMode"] == "SERVICE_AFFILIATED"
    assert found["ServiceAffiliation"] == affiliation
    (listed,) = pca.list_certificate_authorities()["CertificateAuthorities"]
    assert listed["ServiceAffiliation"] == affiliation


def test_a_general_purpose_ca_has_no_affiliation(pca: Any) -> None:
    assert "ServiceAffiliation" not in describe(pca, create_ca(pca))


@pytest.mark.parametrize(
    "request_",
    [
        {"UsageMode": "SERVICE_AFFILIATED"},
        {"ServiceAffiliation": WORKLOAD},
        {"UsageMode": "SHORT_LIVED_CERTIFICATE", "ServiceAffiliation": WORKLOAD},
    ],
)
def test_mode_and_affiliation_go_together(pca: Any, request_: dict[str, Any]) -> None:
    with pytest.raises(ClientError) as raised:
        create_ca(pca, **request_)
    assert code_of(raised) == "InvalidArgsException"
    assert pca.list_certificate_authorities()["CertificateAuthorities"] == []


@pytest.mark.parametrize("affiliation", [WORKLOAD, OTHER])
def test_the_owner_issues_only_the_roots_own_certificate(
    pca: Any, affiliation: dict[str, str]
) -> None:
    ca = active_root(pca, UsageMode="SERVICE_AFFILIATED", ServiceAffiliation=affiliation)
    assert describe(pca, ca)["Status"] == "ACTIVE"
    with pytest.raises(ClientError) as raised:
        issue(pca, ca, csr())
    assert code_of(raised) == "InvalidArgsException"
    assert affiliation["ServiceAffiliationCode"] in raised.value.response["Error"]["Message"]


def test_a_workload_identity_ca_takes_its_certificate_once(pca: Any) -> None:
    ca = active_root(pca, **affiliated())
    certificate = pca.get_certificate_authority_certificate(CertificateAuthorityArn=ca)
    with pytest.raises(ClientError) as raised:
        pca.import_certificate_authority_certificate(
            CertificateAuthorityArn=ca, Certificate=certificate["Certificate"]
        )
    assert code_of(raised) == "InvalidRequestException"


def test_another_affiliation_may_reimport_as_a_general_ca_does(pca: Any) -> None:
    ca = active_root(pca, UsageMode="SERVICE_AFFILIATED", ServiceAffiliation=OTHER)
    certificate = pca.get_certificate_authority_certificate(CertificateAuthorityArn=ca)
    pca.import_certificate_authority_certificate(
        CertificateAuthorityArn=ca, Certificate=certificate["Certificate"]
    )
    assert describe(pca, ca)["Status"] == "ACTIVE"


@pytest.mark.parametrize(
    "revocation",
    [crl_enabled(), {"OcspConfiguration": {"Enabled": True}}],
    ids=["crl", "ocsp"],
)
def test_a_workload_identity_ca_has_no_revocation(pca: Any, revocation: dict[str, Any]) -> None:
    with pytest.raises(ClientError) as at_creation:
        create_ca(pca, RevocationConfiguration=revocation, **affiliated())
    assert code_of(at_creation) == "InvalidArgsException"
    ca = active_root(pca, **affiliated())
    with pytest.raises(ClientError) as by_update:
        pca.update_certificate_authority(
            CertificateAuthorityArn=ca, RevocationConfiguration=revocation
        )
    assert code_of(by_update) == "InvalidArgsException"
    assert describe(pca, ca)["RevocationConfiguration"]["CrlConfiguration"]["Enabled"] is False
