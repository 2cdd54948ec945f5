from __future__ import annotations

from typing import Any

import boto3
import pytest

from certmock import Mock
from tests.services.rds.helpers import REGION


@pytest.fixture
def rds(certmock: Mock) -> Any:
    """An rds client in us-west-2, with every certmock service active."""
    return boto3.client("rds", region_name=REGION)
