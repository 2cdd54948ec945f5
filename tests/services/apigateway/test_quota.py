"""The quota of 60 client certificates per account per region (L-824C9E42).

Each test generates sixty real RSA keys (about 3 s), so the rules share few tests.
"""

from __future__ import annotations

from typing import Any

import boto3
import pytest

from certmock import Mock
from tests.services.apigateway.helpers import (
    LIMIT_EXCEEDED,
    NOW,
    REGION,
    error_of,
    generate,
    listed_ids,
)

pytestmark = pytest.mark.certmock(now=NOW)


@pytest.fixture
def full(apigateway: Any) -> list[str]:
    """Sixty client certificates: the quota."""
    return [generate(apigateway) for _ in range(60)]


def test_the_61st_certificate_is_refused_with_429_after_botocores_retries(
    apigateway: Any, full: list[str], certmock: Mock
) -> None:
    with pytest.raises(apigateway.exceptions.LimitExceededException) as raised:
        apigateway.generate_client_certificate()
    code, message, status = error_of(raised)
    assert (code, status) == ("LimitExceededException", LIMIT_EXCEEDED)
    assert "quota of 60 client certificates in eu-west-1" in message
    # botocore treats LimitExceededException as throttling and retries it.
    attempts = raised.value.response["ResponseMetadata"]["RetryAttempts"] + 1
    assert attempts > 1
    assert len([call for call in certmock.calls if not call.ok]) == attempts
    assert len(listed_ids(apigateway, limit=500)) == 60


def test_deleting_one_makes_room_for_another(apigateway: Any, full: list[str]) -> None:
    apigateway.delete_client_certificate(clientCertificateId=full[0])
    generate(apigateway)
    assert len(listed_ids(apigateway, limit=500)) == 60


def test_the_quota_counts_each_account_and_region_apart(apigateway: Any, full: list[str]) -> None:
    other_region = boto3.client("apigateway", region_name="us-east-1")
    other_account = boto3.client(
        "apigateway",
        region_name=REGION,
        aws_access_key_id="210987654321",
        aws_secret_access_key="x",
    )
    generate(other_region)
    generate(other_account)
