from __future__ import annotations

from typing import Any

import boto3
import pytest

from certmock import Mock
from tests.services.tagging.helpers import REGION


@pytest.fixture
def tagging(certmock: Mock) -> Any:
    """A resourcegroupstaggingapi client in eu-west-1, with every certmock service active."""
    return boto3.client("resourcegroupstaggingapi", region_name=REGION)
