"""``cm.organization``: the organisation a test sets up, in AWS's id formats, gone on reset."""

from __future__ import annotations

import re

import pytest

from certmock import Mock, mock_acm
from tests.model_facts import named_shape, pattern


def test_ids_have_aws_formats(certmock: Mock) -> None:
    organization = certmock.organization.create(
        member_accounts=["222222222222"], organizational_units={"prod": ["333333333333"]}
    )
    # AWS Organizations' own model gives the formats (in every botocore certmock supports).
    for shape, value in (("OrganizationId", organization.id), ("RootId", organization.root_id)):
        assert re.fullmatch(pattern(named_shape("organizations", shape)), value)
    unit = next(iter(organization.units))
    assert re.fullmatch(pattern(named_shape("organizations", "OrganizationalUnitId")), unit)
    assert organization.management_account == certmock.account_id
    assert organization.units_above("333333333333") == [unit]


def test_reset_forgets_the_organisation(certmock: Mock) -> None:
    certmock.organization.create()
    certmock.reset()
    with pytest.raises(RuntimeError):
        _ = certmock.organization.id


def test_the_management_account_cannot_be_a_delegated_administrator(certmock: Mock) -> None:
    certmock.organization.create()
    with pytest.raises(ValueError, match="management account"):
        certmock.organization.register_delegated_administrator(certmock.account_id)


def test_a_delegated_administrator_must_be_a_member(certmock: Mock) -> None:
    certmock.organization.create()
    with pytest.raises(KeyError, match="not a member"):
        certmock.organization.register_delegated_administrator("999999999999")


def test_a_seeded_world_keeps_its_ids() -> None:
    ids = []
    for _ in range(2):
        with mock_acm(seed=3) as cm:
            ids.append(cm.organization.create().id)
    assert ids[0] == ids[1]


def test_a_unit_is_named_by_its_id_when_two_share_a_name(certmock: Mock) -> None:
    certmock.organization.create(organizational_units={"prod": ["333333333333"]})
    second = certmock.organization.create_organizational_unit("prod")
    with pytest.raises(KeyError, match=r"2 organizational units .* are named 'prod'"):
        certmock.organization.add_account("444444444444", "prod")
    certmock.organization.add_account("444444444444", second)
    with pytest.raises(KeyError, match="no organizational unit 'staging'"):
        certmock.organization.add_account("555555555555", "staging")
