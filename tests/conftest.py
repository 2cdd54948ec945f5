from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest

from certmock import Mock
from tests.helpers import REGION



@pytest.fixture
def pca(certmock: Mock) -> Iterator[Any]:
    """An acm-pca client in eu-west-1, with every certmock service active."""
    yield boto3.client("acm-pca", region_name=REGION)
