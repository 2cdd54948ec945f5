"""Who may call the inventory and member operations: the same rules for all fifteen."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from certmock import Mock
from tests.model_facts import needs_operation
from tests.services.acm.helpers import NOW, error_of
from tests.services.acm.inventory.helpers import (
    ADMINISTRATOR,
    ELSEWHERE,
    MANAGEMENT,
    MEMBER,
    MEMBER_ACTIONS,
    OUTSIDER,
    SAMPLE_CALLS,
    call,
    client,
    configure,
    settle,
)

pytestmark = [needs_operation("acm", "SearchInventory"), pytest.mark.certmock(now=NOW)]
OPERATIONS = sorted(SAMPLE_CALLS)


def refusal(acm: Any, operation: str) -> tuple[str, str]:
    with pytest.raises(ClientError) as raised:
        call(acm, operation, **SAMPLE_CALLS[operation])
    return error_of(raised)


@pytest.mark.parametrize("operation", OPERATIONS)
def test_an_account_in_no_organisation_is_denied(certmock: Mock, operation: str) -> None:
    code, message = refusal(client("acm", MANAGEMENT), operation)
    assert code == "AccessDeniedException"
    assert "not a member of an organization" in message


@pytest.mark.parametrize("operation", OPERATIONS)
def test_an_account_outside_the_organisation_is_denied(organised: Mock, operation: str) -> None:
    code, message = refusal(client("acm", OUTSIDER), operation)
    assert (code, OUTSIDER in message) == ("AccessDeniedException", True)


@pytest.mark.parametrize("operation", OPERATIONS)
def test_a_member_that_administers_nothing_is_denied(organised: Mock, operation: str) -> None:
    code, message = refusal(client("acm", MEMBER), operation)
    assert code == "AccessDeniedException"
    assert "neither the management account nor" in message


@pytest.mark.parametrize("operation", OPERATIONS)
def test_the_delegated_administrator_is_denied_before_the_first_put(
    organised: Mock, operation: str
) -> None:
    code, message = refusal(client("acm", ADMINISTRATOR), operation)
    assert code == "AccessDeniedException"
    assert "only the management account" in message


@pytest.mark.parametrize("operation", OPERATIONS)
def test_the_delegated_administrator_is_admitted_after_the_first_put(
    organised: Mock, management: Any, operation: str
) -> None:
    configure(management)
    settle(organised)
    code = ""
    try:
        call(client("acm", ADMINISTRATOR), operation, **SAMPLE_CALLS[operation])
    except ClientError as error:
        code = error.response["Error"]["Code"]
    # Past the caller checks, what is left is about the sample's missing resources; a
    # PutInventoryConfiguration that names another plan is the administrator's to refuse.
    assert code != "AccessDeniedException" or operation == "PutInventoryConfiguration"


@pytest.mark.parametrize(
    "operation",
    [
        "GetInventoryConfiguration",
        "SearchInventory",
        "ListInventoryFindings",
        "ListInventoryUsages",
        "ListInventoryRelatedResources",
    ],
)
def test_reads_before_the_first_put_are_not_found(management: Any, operation: str) -> None:
    assert refusal(management, operation)[0] == "ResourceNotFoundException"


def test_insights_before_the_first_put_count_nothing(management: Any) -> None:
    answer = management.get_inventory_insights(
        RequestedAggregates=[{"ExpiryWindow": {}}, {"Region": {}}]
    )
    assert answer["CertificateCount"] == 0
    assert "UpdatedAt" not in answer
    expiry, region = answer["Aggregates"]
    assert (expiry["Status"], "Groups" in expiry) == ("FAILED", False)
    assert (region["Status"], region["Groups"]) == ("COMPLETE", [])


@pytest.mark.parametrize("operation", MEMBER_ACTIONS)
def test_member_actions_outside_the_home_region_are_not_found_naming_it(
    configured: Any, operation: str
) -> None:
    code, message = refusal(client("acm", MANAGEMENT, ELSEWHERE), operation)
    assert code == "ResourceNotFoundException"
    assert "eu-west-1" in message


@pytest.mark.parametrize("operation", MEMBER_ACTIONS)
def test_member_actions_need_a_configuration(management: Any, operation: str) -> None:
    code, message = refusal(management, operation)
    assert code == "AccessDeniedException"
    assert "no certificate inventory configuration" in message


@pytest.mark.parametrize("operation", MEMBER_ACTIONS)
def test_member_actions_refuse_a_malformed_arn_as_unauthorized(
    configured: Any, operation: str
) -> None:
    params = dict(SAMPLE_CALLS[operation])
    key = "CertificateArn" if "CertificateArn" in params else "CertificateAuthorityArn"
    service = "acm" if key == "CertificateArn" else "acm-pca"
    params[key] = f"arn:aws:{service}:{ELSEWHERE}:{MEMBER}:something-else/1"
    with pytest.raises(ClientError) as raised:
        call(configured, operation, **params)
    assert error_of(raised) == ("AccessDeniedException", "Unauthorized")
