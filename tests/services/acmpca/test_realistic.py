"""``realistic=True``: AWS's asynchrony shows on the virtual clock (a new CA is CREATING for a
moment, a new certificate is not retrievable at once, a revocation reaches the CRL 30 minutes
later) and botocore's waiters ride it out at once in wall time. Without it, all is instant."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import boto3
import pytest

from certmock import Mock, mock_acmpca
from tests.helpers import REGION, create_ca, describe
from tests.services.acmpca.pki import (
    NOW,
    active_root,
    crl_enabled,
    issue,
    read_crl,
    revoke,
    serial_of,
)

realistic = pytest.mark.certmock(now=NOW, realistic=True)
instant = pytest.mark.certmock(now=NOW)


# -- a new CA -----------------------------------------------------------------------------------
@realistic
def test_a_new_ca_is_creating_for_three_seconds(pca: Any, certmock: Mock) -> None:
    arn = create_ca(pca)
    assert describe(pca, arn)["Status"] == "CREATING"
    with pytest.raises(pca.exceptions.RequestInProgressException):
        pca.get_certificate_authority_csr(CertificateAuthorityArn=arn)
    certmock.clock.advance(seconds=2.9)
    assert describe(pca, arn)["Status"] == "CREATING"
    certmock.clock.advance(seconds=0.1)
    found = describe(pca, arn)
    assert found["Status"] == "PENDING_CERTIFICATE"
    assert found["LastStateChangeAt"] == NOW + dt.timedelta(seconds=3)


@realistic
def test_the_csr_created_waiter_moves_the_clock_not_the_wall(pca: Any, certmock: Mock) -> None:
    arn = create_ca(pca)
    started = time.monotonic()
    pca.get_waiter("certificate_authority_csr_created").wait(CertificateAuthorityArn=arn)
    assert time.monotonic() - started < 1
    assert certmock.clock.now() >= NOW + dt.timedelta(seconds=3)
    assert pca.get_certificate_authority_csr(CertificateAuthorityArn=arn)["Csr"].startswith(
        "-----BEGIN CERTIFICATE REQUEST-----"
    )


@realistic
def test_a_ca_deleted_while_creating_is_gone(pca: Any) -> None:
    arn = create_ca(pca)
    pca.delete_certificate_authority(CertificateAuthorityArn=arn)
    with pytest.raises(pca.exceptions.ResourceNotFoundException):
        describe(pca, arn)


# -- a new certificate -------------------------------------------------------------------------
@realistic
def test_the_token_of_a_ca_deleted_while_creating_makes_a_new_ca(pca: Any) -> None:
    first = create_ca(pca, IdempotencyToken="again")
    pca.delete_certificate_authority(CertificateAuthorityArn=first)
    second = create_ca(pca, IdempotencyToken="again")
    assert second != first
    assert describe(pca, second)["Status"] == "CREATING"


@realistic
def test_a_certificate_is_not_retrievable_right_after_issuance(pca: Any, certmock: Mock) -> None:
    root = active_root(pca)
    certificate_arn = issue(pca, root)
    with pytest.raises(pca.exceptions.RequestInProgressException) as raised:
        pca.get_certificate(CertificateAuthorityArn=root, CertificateArn=certificate_arn)
    assert certificate_arn in raised.value.response["Error"]["Message"]
    certmock.clock.advance(seconds=2)
    assert pca.get_certificate(CertificateAuthorityArn=root, CertificateArn=certificate_arn)[
        "Certificate"
    ].startswith("-----BEGIN CERTIFICATE-----")


@realistic
def test_the_certificate_issued_waiter_moves_the_clock_not_the_wall(
    pca: Any, certmock: Mock
) -> None:
    root = active_root(pca)
    issued_at = certmock.clock.now()
    certificate_arn = issue(pca, root)
    started = time.monotonic()
    pca.get_waiter("certificate_issued").wait(
        CertificateAuthorityArn=root, CertificateArn=certificate_arn
    )
    assert time.monotonic() - started < 1
    assert certmock.clock.now() >= issued_at + dt.timedelta(seconds=2)
    pca.get_certificate(CertificateAuthorityArn=root, CertificateArn=certificate_arn)


@realistic
def test_an_unknown_certificate_is_not_found_rather_than_in_progress(pca: Any) -> None:
    root = active_root(pca)
    with pytest.raises(pca.exceptions.ResourceNotFoundException):
        pca.get_certificate(
            CertificateAuthorityArn=root, CertificateArn=f"{root}/certificate/{'ab' * 16}"
        )


# -- a revocation -------------------------------------------------------------------------------
@realistic
def test_a_revocation_reaches_the_crl_thirty_minutes_later(pca: Any, certmock: Mock) -> None:
    root = active_root(pca, RevocationConfiguration=crl_enabled())
    certificate_arn = issue(pca, root)
    revoked_at = certmock.clock.now()
    revoke(pca, root, certificate_arn)
    assert list(read_crl(certmock, root)) == []
    certmock.clock.advance(minutes=29)
    assert list(read_crl(certmock, root)) == []
    certmock.clock.advance(minutes=1)
    crl = read_crl(certmock, root)
    assert [entry.serial_number for entry in crl] == [int(serial_of(certificate_arn), 16)]
    assert crl.last_update_utc == revoked_at + dt.timedelta(minutes=30) - dt.timedelta(hours=1)
    # The revocation date is when it was asked for, not when the CRL caught up.
    assert next(iter(crl)).revocation_date_utc == revoked_at.replace(microsecond=0)


@realistic
def test_a_revocation_whose_crl_came_due_while_deleted_is_written_on_restore(
    pca: Any, certmock: Mock
) -> None:
    root = active_root(pca, RevocationConfiguration=crl_enabled())
    certificate_arn = issue(pca, root)
    revoke(pca, root, certificate_arn)
    pca.update_certificate_authority(CertificateAuthorityArn=root, Status="DISABLED")
    pca.delete_certificate_authority(CertificateAuthorityArn=root, PermanentDeletionTimeInDays=7)
    certmock.clock.advance(hours=1)
    assert list(read_crl(certmock, root)) == []  # a DELETED CA writes no CRL
    pca.restore_certificate_authority(CertificateAuthorityArn=root)
    crl = read_crl(certmock, root)
    assert [entry.serial_number for entry in crl] == [int(serial_of(certificate_arn), 16)]
    assert crl.last_update_utc == certmock.clock.now() - dt.timedelta(hours=1)


# -- the default --------------------------------------------------------------------------------
@instant
def test_by_default_everything_is_instant(pca: Any, certmock: Mock) -> None:
    arn = create_ca(pca)
    assert describe(pca, arn)["Status"] == "PENDING_CERTIFICATE"
    root = active_root(pca, RevocationConfiguration=crl_enabled())
    certificate_arn = issue(pca, root)
    pca.get_certificate(CertificateAuthorityArn=root, CertificateArn=certificate_arn)
    revoke(pca, root, certificate_arn)
    assert len(list(read_crl(certmock, root))) == 1
    assert certmock.clock.now() == NOW


# -- nesting ------------------------------------------------------------------------------------
def test_a_realistic_mock_cannot_nest_in_an_instant_one() -> None:
    with mock_acmpca(), pytest.raises(ValueError, match="realistic=True"):
        mock_acmpca(realistic=True).start()


def test_a_realistic_mock_nests_in_a_realistic_one() -> None:
    with mock_acmpca(realistic=True), mock_acmpca(realistic=True):
        pca = boto3.client("acm-pca", region_name=REGION)
        assert describe(pca, create_ca(pca))["Status"] == "CREATING"


def test_an_inner_mock_without_the_option_follows_the_outermost() -> None:
    with mock_acmpca(realistic=True), mock_acmpca():
        pca = boto3.client("acm-pca", region_name=REGION)
        assert describe(pca, create_ca(pca))["Status"] == "CREATING"
