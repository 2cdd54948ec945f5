"""Amazon N2 certificates (botocore 1.44.7): RequestCertificate with RootHierarchyType and
CertificateUsage, as the model's documentation describes them (fact sheet 11.4)."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from botocore.exceptions import ClientError
from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from certmock import Mock
from certmock.services.acm.control import AcmControl
from tests.model_facts import enum, input_member, needs_member
from tests.services.acm.helpers import DAY, NOW, describe, error_of, events_of
from tests.services.acmpca.pki import active_root

pytestmark = [
    needs_member("acm", "RequestCertificateRequest", "RootHierarchyType"),
    pytest.mark.certmock(now=NOW),
]

N2 = "N2_AMAZON_MANAGED"
SFG2 = "N2_SFG2_AMAZON_MANAGED"
BOTH = "CLIENT_AND_SERVER_AUTH"
CLIENT = "CLIENT_AUTH_ONLY"
# The model's documentation: the maximum (and default) validity of each hierarchy.
VALIDITY = {N2: 395 * DAY, SFG2: 98 * DAY}
EKUS = {
    BOTH: [ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH],
    CLIENT: [ExtendedKeyUsageOID.CLIENT_AUTH],
}


def hierarchies() -> list[str]:
    return enum(input_member("acm", "RequestCertificate", "RootHierarchyType"))


def usages() -> list[str]:
    return enum(input_member("acm", "RequestCertificate", "CertificateUsage"))


def request(acm: Any, domain: str = "n2.example.net", **options: Any) -> str:
    options.setdefault("ValidationMethod", "DNS")
    arn: str = acm.request_certificate(DomainName=domain, **options)["CertificateArn"]
    return arn


def issued(acm: Any, control: AcmControl, **options: Any) -> str:
    arn = request(acm, **options)
    control.validate(arn)
    return arn


def chain_of(acm: Any, arn: str) -> list[x509.Certificate]:
    answer = acm.get_certificate(CertificateArn=arn)
    pem = answer["Certificate"] + answer["CertificateChain"]
    return x509.load_pem_x509_certificates(pem.encode())


def test_the_models_values_are_the_documented_ones() -> None:
    assert set(hierarchies()) == {N2, SFG2}
    assert set(usages()) == {BOTH, CLIENT}


@pytest.mark.parametrize(
    ("hierarchy", "usage"), [(N2, None), (N2, BOTH), (N2, CLIENT), (SFG2, None), (SFG2, BOTH)]
)
def test_an_n2_certificate_is_described_with_its_hierarchy_usage_and_validity(
    acm: Any, control: AcmControl, hierarchy: str, usage: str | None
) -> None:
    extra = {} if usage is None else {"CertificateUsage": usage}
    arn = issued(acm, control, RootHierarchyType=hierarchy, **extra)
    found = describe(acm, arn)
    assert found["Type"] == "AMAZON_ISSUED"
    assert found["Status"] == "ISSUED"
    assert found["RootHierarchyType"] == hierarchy
    assert found["CertificateUsage"] == (usage or BOTH)  # the documented default
    # Not logged in certificate transparency.
    assert found["Options"]["CertificateTransparencyLoggingPreference"] == "DISABLED"
    # Midnight of the day of issue to one second before the period runs out.
    assert found["NotBefore"] == NOW.replace(hour=0, minute=0, second=0)
    assert found["NotAfter"] - found["NotBefore"] == VALIDITY[hierarchy] - dt.timedelta(seconds=1)
    leaf = chain_of(acm, arn)[0]
    used = list(leaf.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value)
    assert used == EKUS[usage or BOTH]


def test_a_standard_certificate_has_no_n2_fields(acm: Any, control: AcmControl) -> None:
    found = describe(acm, issued(acm, control))
    assert "RootHierarchyType" not in found
    assert "CertificateUsage" not in found


@pytest.mark.parametrize("key_algorithm", ["RSA_2048", "EC_prime256v1", "EC_secp384r1"])
@pytest.mark.parametrize("hierarchy", [N2, SFG2])
def test_the_chain_verifies_up_to_a_self_signed_root(
    acm: Any, control: AcmControl, hierarchy: str, key_algorithm: str
) -> None:
    """Each certificate of GetCertificate's answer is signed by the next; the SFG2 chain goes
    through the N2 root cross-signed by Starfield G2 to Starfield G2's root."""
    arn = issued(acm, control, RootHierarchyType=hierarchy, KeyAlgorithm=key_algorithm)
    chain = chain_of(acm, arn)
    for certificate, issuer in itertools.pairwise(chain):
        certificate.verify_directly_issued_by(issuer)
    root = chain[-1]
    root.verify_directly_issued_by(root)
    (common_name,) = root.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    starfield = "Starfield Services Root Certificate Authority - G2"
    assert (common_name.value == starfield) == (hierarchy == SFG2)
    if hierarchy == SFG2:
        cross = chain[-2]
        assert cross.subject != cross.issuer == root.subject


def test_the_two_hierarchies_share_their_n2_root_and_the_standard_one_does_not(
    acm: Any, control: AcmControl
) -> None:
    n2_chain = chain_of(acm, issued(acm, control, RootHierarchyType=N2))
    sfg2_chain = chain_of(acm, issued(acm, control, RootHierarchyType=SFG2))
    standard = chain_of(acm, issued(acm, control))
    # The cross-signed certificate carries the N2 root's name and key.
    assert sfg2_chain[2].subject == n2_chain[2].subject
    assert sfg2_chain[2].public_key() == n2_chain[2].public_key()
    assert standard[-1].subject != n2_chain[-1].subject


@pytest.mark.parametrize(
    ("options", "fragment"),
    [
        ({"RootHierarchyType": N2, "ValidationMethod": "EMAIL"}, "validated by DNS"),
        ({"RootHierarchyType": N2, "ValidationMethod": None}, "validated by DNS"),
        ({"RootHierarchyType": N2, "KeyAlgorithm": "EC_secp521r1"}, "EC_secp521r1"),
        ({"CertificateUsage": CLIENT}, "only with a RootHierarchyType"),
        ({"CertificateUsage": BOTH}, "only with a RootHierarchyType"),
        ({"RootHierarchyType": SFG2, "CertificateUsage": CLIENT}, "needs N2_AMAZON_MANAGED"),
    ],
    ids=["email", "no-method", "key", "usage-alone", "both-alone", "client-sfg2"],
)
def test_what_the_documentation_rules_out_is_a_validation_exception(
    acm: Any, options: dict[str, Any], fragment: str
) -> None:
    given = {"ValidationMethod": "DNS", **options}
    given = {name: value for name, value in given.items() if value is not None}
    with pytest.raises(ClientError) as raised:
        acm.request_certificate(DomainName="n2.example.net", **given)
    code, message = error_of(raised)
    assert code == "ValidationException"
    assert fragment in message
    assert acm.list_certificates(RootHierarchyTypes=hierarchies())["CertificateSummaryList"] == []


def test_n2_cannot_come_from_a_private_ca(acm: Any, pca: Any) -> None:
    with pytest.raises(ClientError) as raised:
        acm.request_certificate(
            DomainName="n2.example.net",
            ValidationMethod="DNS",
            RootHierarchyType=N2,
            CertificateAuthorityArn=active_root(pca),
        )
    assert error_of(raised)[0] == "ValidationException"
    assert "CertificateAuthorityArn" in error_of(raised)[1]


def test_list_certificates_hides_n2_unless_asked_for_them(acm: Any, control: AcmControl) -> None:
    standard = issued(acm, control, domain="std.example.net")
    n2 = issued(acm, control, RootHierarchyType=N2)
    sfg2 = issued(acm, control, RootHierarchyType=SFG2)

    def listed(**filters: Any) -> list[str]:
        summaries = acm.list_certificates(**filters)["CertificateSummaryList"]
        return [summary["CertificateArn"] for summary in summaries]

    assert listed() == [standard]
    assert listed(RootHierarchyTypes=[N2]) == [n2]
    assert listed(RootHierarchyTypes=[SFG2]) == [sfg2]
    assert listed(RootHierarchyTypes=[N2, SFG2]) == [n2, sfg2]
    (summary,) = acm.list_certificates(RootHierarchyTypes=[SFG2])["CertificateSummaryList"]
    assert (summary["RootHierarchyType"], summary["CertificateUsage"]) == (SFG2, BOTH)


def test_search_returns_n2_only_when_filtering_for_it(acm: Any, control: AcmControl) -> None:
    standard = issued(acm, control, domain="std.example.net")
    n2 = issued(acm, control, RootHierarchyType=N2, CertificateUsage=CLIENT)

    def searched(statement: dict[str, Any] | None = None) -> list[str]:
        given = {} if statement is None else {"FilterStatement": statement}
        return [r["CertificateArn"] for r in acm.search_certificates(**given)["Results"]]

    by_hierarchy = {"Filter": {"AcmCertificateMetadataFilter": {"RootHierarchyType": N2}}}
    assert searched() == [standard]
    assert searched(by_hierarchy) == [n2]
    assert searched({"Or": [by_hierarchy, {"Filter": {"CertificateArn": standard}}]}) == [
        standard,
        n2,
    ]
    (result,) = acm.search_certificates(FilterStatement=by_hierarchy)["Results"]
    metadata = result["CertificateMetadata"]["AcmCertificateMetadata"]
    assert (metadata["RootHierarchyType"], metadata["CertificateUsage"]) == (N2, CLIENT)


@pytest.mark.parametrize("hierarchy", [N2, SFG2])
def test_an_n2_certificate_in_use_renews_in_its_hierarchy(
    acm: Any, control: AcmControl, certmock: Mock, hierarchy: str
) -> None:
    arn = issued(acm, control, RootHierarchyType=hierarchy, CertificateUsage=BOTH)
    control.use(arn, "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/x/1")
    before = describe(acm, arn)
    certmock.clock.freeze(before["NotAfter"] - 60 * DAY)
    after = describe(acm, arn)
    assert after["RenewalSummary"]["RenewalStatus"] == "SUCCESS"
    assert after["Serial"] != before["Serial"]
    assert (after["RootHierarchyType"], after["CertificateUsage"]) == (hierarchy, BOTH)
    assert after["NotAfter"] - after["NotBefore"] == before["NotAfter"] - before["NotBefore"]
    assert chain_of(acm, arn)[-1].subject == chain_of(acm, arn)[-1].issuer


def test_an_n2_certificate_sends_expiry_events(
    acm: Any, control: AcmControl, certmock: Mock
) -> None:
    arn = issued(acm, control, RootHierarchyType=SFG2)
    not_after = describe(acm, arn)["NotAfter"]
    certmock.clock.freeze(not_after + DAY)
    warnings = events_of(certmock, "ACM Certificate Approaching Expiration")
    assert [e["detail"]["DaysToExpiry"] for e in warnings] == list(range(45, 0, -1))
    assert describe(acm, arn)["Status"] == "EXPIRED"
