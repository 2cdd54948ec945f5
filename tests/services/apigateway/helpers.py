"""Helpers for the API Gateway client-certificate tests."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.model_facts import error_status, success_status

REGION = "eu-west-1"
NOW = dt.datetime(2026, 1, 1, 12, 0, 0, tzinfo=dt.timezone.utc)

# The HTTP statuses API Gateway's model gives its errors and its successful answers.
BAD_REQUEST = error_status("apigateway", "BadRequestException")
NOT_FOUND = error_status("apigateway", "NotFoundException")
LIMIT_EXCEEDED = error_status("apigateway", "LimitExceededException")


def answered_with(operation: str) -> int:
    """The status a successful ``operation`` answers with (201 Created, 202, 204 ...)."""
    return success_status("apigateway", operation)


def error_of(raised: pytest.ExceptionInfo[ClientError]) -> tuple[str, str, int]:
    """The code, message and HTTP status a refused call got."""
    error = raised.value.response["Error"]
    status = raised.value.response["ResponseMetadata"]["HTTPStatusCode"]
    return error["Code"], error["Message"], status


def arn_of(client_certificate_id: str, region: str = REGION, partition: str = "aws") -> str:
    return f"arn:{partition}:apigateway:{region}::/clientcertificates/{client_certificate_id}"


def generate(client: Any, **request: Any) -> str:
    """A new client certificate's id."""
    generated: str = client.generate_client_certificate(**request)["clientCertificateId"]
    return generated


def listed_ids(client: Any, **request: Any) -> list[str]:
    return [
        item["clientCertificateId"] for item in client.get_client_certificates(**request)["items"]
    ]


class Wire:
    """The HTTP responses a client received, in order (refusals included)."""

    def __init__(self, client: Any) -> None:
        self.responses: list[Any] = []
        client.meta.events.register("after-call.api-gateway", self._record)

    def _record(self, http_response: Any, **_: Any) -> None:
        self.responses.append(http_response)

    def last(self) -> tuple[int, dict[str, str], bytes]:
        response = self.responses[-1]
        return response.status_code, dict(response.headers), response.content

    def last_json(self) -> Any:
        return json.loads(self.last()[2])
