from __future__ import annotations

from typing import Any

import boto3
import pytest

from certmock import Mock
from certmock.services.acm.control import AcmControl
from tests.services.acm.helpers import REGION


@pytest.fixture
def acm(certmock: Mock) -> Any:
    """An acm client in eu-west-1, with every certmock service active."""
    return boto3.client("acm", region_name=REGION)


@pytest.fixture
def pca(certmock: Mock) -> Any:
    return boto3.client("acm-pca", region_name=REGION)


@pytest.fixture
def control(certmock: Mock) -> AcmControl:
    """The handle's ``cm.acm``."""
    controls = certmock.acm
    assert isinstance(controls, AcmControl)
    return controls
