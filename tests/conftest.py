from __future__ import annotations

from typing import Any

import boto3
import pytest

from certmock import Mock
from tests.helpers import REGION

pytest_plugins = ["pytester", "tests.drift_report", "tests.socket_guard"]


@pytest.fixture
def pca(certmock: Mock) -> Any:
    """An acm-pca client in eu-west-1, with every certmock service active."""
    return boto3.client("acm-pca", region_name=REGION)
