"""GetClientCertificates pages: ``limit``, ``position`` and botocore's paginator."""

from __future__ import annotations

from typing import Any

import pytest

from tests.services.apigateway.helpers import BAD_REQUEST, NOW, error_of, generate, listed_ids

pytestmark = pytest.mark.certmock(now=NOW)


def test_limit_caps_a_page_and_position_continues_it(apigateway: Any) -> None:
    ids = [generate(apigateway) for _ in range(5)]
    first = apigateway.get_client_certificates(limit=2)
    assert [item["clientCertificateId"] for item in first["items"]] == ids[:2]
    second = apigateway.get_client_certificates(limit=2, position=first["position"])
    assert [item["clientCertificateId"] for item in second["items"]] == ids[2:4]
    last = apigateway.get_client_certificates(limit=2, position=second["position"])
    assert [item["clientCertificateId"] for item in last["items"]] == ids[4:]
    assert "position" not in last


def test_a_full_last_page_carries_no_position(apigateway: Any) -> None:
    for _ in range(2):
        generate(apigateway)
    assert "position" not in apigateway.get_client_certificates(limit=2)


def test_the_default_page_is_25_certificates(apigateway: Any) -> None:
    ids = [generate(apigateway) for _ in range(26)]
    first = apigateway.get_client_certificates()
    assert [item["clientCertificateId"] for item in first["items"]] == ids[:25]
    assert listed_ids(apigateway, position=first["position"]) == ids[25:]


def test_the_paginator_visits_every_certificate_once(apigateway: Any) -> None:
    ids = [generate(apigateway) for _ in range(7)]
    pages = apigateway.get_paginator("get_client_certificates").paginate(
        PaginationConfig={"PageSize": 3}
    )
    assert [len(page["items"]) for page in pages] == [3, 3, 1]
    everything = (
        apigateway.get_paginator("get_client_certificates")
        .paginate(PaginationConfig={"PageSize": 3})
        .build_full_result()
    )
    assert [item["clientCertificateId"] for item in everything["items"]] == ids


def test_a_certificate_deleted_between_pages_shifts_nothing(apigateway: Any) -> None:
    ids = [generate(apigateway) for _ in range(4)]
    first = apigateway.get_client_certificates(limit=2)
    apigateway.delete_client_certificate(clientCertificateId=ids[1])
    assert listed_ids(apigateway, limit=2, position=first["position"]) == ids[2:]


@pytest.mark.parametrize("limit", [1, 500])
def test_limits_from_1_to_500_are_accepted(apigateway: Any, limit: int) -> None:
    generate(apigateway)
    assert len(apigateway.get_client_certificates(limit=limit)["items"]) == 1


@pytest.mark.parametrize(
    ("limit", "constraint"),
    [
        (501, "Member must have value less than or equal to 500"),
        (0, "Member must have value greater than or equal to 1"),
        (-1, "Member must have value greater than or equal to 1"),
    ],
)
def test_a_limit_outside_1_to_500_is_a_bad_request(
    apigateway: Any, limit: int, constraint: str
) -> None:
    with pytest.raises(apigateway.exceptions.BadRequestException) as raised:
        apigateway.get_client_certificates(limit=limit)
    assert error_of(raised) == (
        "BadRequestException",
        f"1 validation error detected: Value '{limit}' at 'limit' failed to satisfy "
        f"constraint: {constraint}",
        BAD_REQUEST,
    )


def test_a_position_certmock_did_not_issue_is_a_bad_request(apigateway: Any) -> None:
    with pytest.raises(apigateway.exceptions.BadRequestException) as raised:
        apigateway.get_client_certificates(position="not-a-position")
    code, message, status = error_of(raised)
    assert (code, status) == ("BadRequestException", BAD_REQUEST)
    assert "not-a-position" in message
