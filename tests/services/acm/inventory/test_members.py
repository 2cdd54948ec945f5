"""Certificate actions for organizations: the member's certificates and CAs change as if the
member had called the ordinary operation, events included; errors as the model maps them."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from certmock import Mock
from tests.model_facts import needs_operation
from tests.services.acm.helpers import (
    NOW,
    active_ca,
    allow_acm_renewals,
    error_of,
    import_self_signed,
)
from tests.services.acm.inventory.helpers import (
    ADMINISTRATOR,
    MANAGEMENT,
    MEMBER,
    SAMPLE_CALLS,
    call,
    client,
    configure,
    settle,
)

pytestmark = [needs_operation("acm", "RenewMemberCertificate"), pytest.mark.certmock(now=NOW)]


@pytest.fixture
def ca(configured: Any, member_pca: Any) -> str:
    return active_ca(member_pca)


@pytest.fixture
def private(member_acm: Any, ca: str) -> str:
    arn: str = member_acm.request_certificate(
        DomainName="svc.internal.example", CertificateAuthorityArn=ca
    )["CertificateArn"]
    return arn


def code_of(action: Any, **params: Any) -> str:
    with pytest.raises(ClientError) as raised:
        action(**params)
    return error_of(raised)[0]


def test_delete_member_certificate_deletes_it(configured: Any, member_acm: Any) -> None:
    arn = import_self_signed(member_acm)
    configured.delete_member_certificate(CertificateArn=arn)
    assert code_of(member_acm.describe_certificate, CertificateArn=arn) == (
        "ResourceNotFoundException"
    )


def test_deleting_a_certificate_in_use_conflicts(
    organised: Mock, configured: Any, member_acm: Any
) -> None:
    arn = import_self_signed(member_acm)
    organised.acm.use(arn, f"arn:aws:elasticloadbalancing:eu-west-1:{MEMBER}:loadbalancer/x")
    assert code_of(configured.delete_member_certificate, CertificateArn=arn) == "ConflictException"


def test_a_missing_certificate_is_not_found(configured: Any, member_acm: Any) -> None:
    arn = import_self_signed(member_acm)
    configured.delete_member_certificate(CertificateArn=arn)
    assert code_of(configured.delete_member_certificate, CertificateArn=arn) == (
        "ResourceNotFoundException"
    )


def test_renew_member_certificate_renews_as_acm_does(
    organised: Mock, configured: Any, member_acm: Any, member_pca: Any, ca: str, private: str
) -> None:
    allow_acm_renewals(member_pca, ca)
    member_acm.export_certificate(CertificateArn=private, Passphrase=b"passphrase")
    before = member_acm.describe_certificate(CertificateArn=private)["Certificate"]["Serial"]
    configured.renew_member_certificate(CertificateArn=private)
    organised.clock.advance(minutes=5)
    after = member_acm.describe_certificate(CertificateArn=private)["Certificate"]
    assert after["Serial"] != before
    renewals = [
        e
        for e in organised.events
        if e["detail-type"] == "ACM Certificate Available"
        and e["detail"].get("Action") == "RENEWAL"
    ]
    assert [e["account"] for e in renewals] == [MEMBER]


def test_renewing_an_unexported_certificate_is_a_validation_error(
    configured: Any, private: str
) -> None:
    assert code_of(configured.renew_member_certificate, CertificateArn=private) == (
        "ValidationException"
    )


def test_revoke_member_certificate_refuses_what_acm_refuses(configured: Any, private: str) -> None:
    code = code_of(
        configured.revoke_member_certificate, CertificateArn=private, RevocationReason="SUPERSEDED"
    )
    assert code == "ValidationException"


def test_update_member_certificate_options_needs_an_option(configured: Any, private: str) -> None:
    unchecked = client("acm", MANAGEMENT, validated=False)
    with pytest.raises(ClientError) as raised:
        unchecked.update_member_certificate_options(CertificateArn=private, Options={})
    # The operation's own rule, not ACM's refusal of a private certificate's options.
    assert error_of(raised) == (
        "ValidationException",
        "Options must set Export or ValidationMethod.",
    )


def test_update_member_certificate_options_applies_acm_rules(configured: Any, private: str) -> None:
    code = code_of(
        configured.update_member_certificate_options,
        CertificateArn=private,
        Options={"Export": "ENABLED"},
    )
    assert code == "ValidationException"  # a private certificate's options cannot change


def test_the_ca_lifecycle_through_member_actions(
    organised: Mock, configured: Any, member_pca: Any, ca: str
) -> None:
    def status() -> str:
        found: str = member_pca.describe_certificate_authority(CertificateAuthorityArn=ca)[
            "CertificateAuthority"
        ]["Status"]
        return found

    assert (
        code_of(configured.delete_member_certificate_authority, CertificateAuthorityArn=ca)
        == "ConflictException"
    )  # ACTIVE: ACM Private CA's InvalidStateException
    configured.update_member_certificate_authority(CertificateAuthorityArn=ca, Status="DISABLED")
    assert status() == "DISABLED"
    configured.delete_member_certificate_authority(
        CertificateAuthorityArn=ca, PermanentDeletionTimeInDays=7
    )
    assert status() == "DELETED"
    configured.restore_member_certificate_authority(CertificateAuthorityArn=ca)
    assert status() == "DISABLED"


def test_an_unsettable_status_is_a_validation_error(configured: Any, ca: str) -> None:
    code = code_of(
        configured.update_member_certificate_authority, CertificateAuthorityArn=ca, Status="EXPIRED"
    )
    assert code == "ValidationException"


def test_revocation_configuration_keeps_the_owners_bucket(
    configured: Any, member_pca: Any, ca: str
) -> None:
    member_pca.update_certificate_authority(
        CertificateAuthorityArn=ca,
        RevocationConfiguration={"CrlConfiguration": {"Enabled": True, "S3BucketName": "crls"}},
    )
    configured.update_member_certificate_authority(
        CertificateAuthorityArn=ca,
        RevocationConfiguration={"CrlConfiguration": {"Enabled": True, "ExpirationInDays": 9}},
    )
    crl = member_pca.describe_certificate_authority(CertificateAuthorityArn=ca)[
        "CertificateAuthority"
    ]["RevocationConfiguration"]["CrlConfiguration"]
    assert (crl["S3BucketName"], crl["ExpirationInDays"]) == ("crls", 9)


def test_revoke_member_issued_certificate_revokes_it(
    organised: Mock, configured: Any, member_acm: Any, ca: str, private: str
) -> None:
    serial = member_acm.describe_certificate(CertificateArn=private)["Certificate"]["Serial"]
    configured.revoke_member_issued_certificate(
        CertificateAuthorityArn=ca, CertificateSerial=serial, RevocationReason="KEY_COMPROMISE"
    )
    revocations = [
        e for e in organised.events if e["detail-type"] == "ACM Private CA Certificate Revocation"
    ]
    assert [e["account"] for e in revocations] == [MEMBER]
    code = code_of(
        configured.revoke_member_issued_certificate,
        CertificateAuthorityArn=ca,
        CertificateSerial=serial,
        RevocationReason="KEY_COMPROMISE",
    )
    assert code == "ConflictException"  # RequestAlreadyProcessedException


def test_an_own_resource_is_refused(configured: Any) -> None:
    own = import_self_signed(configured)
    code, message = "", ""
    with pytest.raises(ClientError) as raised:
        configured.renew_member_certificate(CertificateArn=own)
    code, message = error_of(raised)
    assert code == "AccessDeniedException"
    assert "own account" in message


@pytest.mark.parametrize("operation", [name for name in SAMPLE_CALLS if "Member" in name])
def test_actions_need_certificate_actions_on(
    organised: Mock, configured: Any, operation: str
) -> None:
    configure(configured, LifecycleManagement={"Status": "DISABLED"})
    settle(organised)
    with pytest.raises(ClientError) as raised:
        call(configured, operation, **SAMPLE_CALLS[operation])
    code, message = error_of(raised)
    assert code == "AccessDeniedException"
    assert "turned off" in message


def test_actions_wait_for_their_setup(organised: Mock, management: Any, member_acm: Any) -> None:
    arn = import_self_signed(member_acm)
    configure(management)
    assert code_of(management.delete_member_certificate, CertificateArn=arn) == (
        "AccessDeniedException"
    )
    settle(organised)
    management.delete_member_certificate(CertificateArn=arn)


def test_an_account_outside_the_scope_is_refused(
    organised: Mock, configured: Any, member_acm: Any
) -> None:
    arn = import_self_signed(member_acm)
    configure(configured, AccountScope={"Mode": "EXCLUDE", "AccountIds": [MEMBER]})
    settle(organised)
    assert code_of(configured.delete_member_certificate, CertificateArn=arn) == (
        "AccessDeniedException"
    )


def test_the_delegated_administrator_acts_too(configured: Any, member_acm: Any) -> None:
    arn = import_self_signed(member_acm)
    client("acm", ADMINISTRATOR).delete_member_certificate(CertificateArn=arn)
    assert code_of(member_acm.describe_certificate, CertificateArn=arn) == (
        "ResourceNotFoundException"
    )
