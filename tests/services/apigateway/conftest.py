from __future__ import annotations

from typing import Any

import boto3
import pytest

from certmock import Mock
from tests.services.apigateway.helpers import REGION


@pytest.fixture
def apigateway(certmock: Mock) -> Any:
    """An apigateway client in eu-west-1, with every certmock service active."""
    return boto3.client("apigateway", region_name=REGION)
