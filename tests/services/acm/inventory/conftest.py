from __future__ import annotations

from typing import Any

import pytest

from certmock import Mock
from tests.services.acm.inventory.helpers import (
    ADMINISTRATOR,
    MANAGEMENT,
    MEMBER,
    client,
    configure,
    organisation,
    settle,
)


@pytest.fixture
def organised(certmock: Mock) -> Mock:
    organisation(certmock)
    return certmock


@pytest.fixture
def management(organised: Mock) -> Any:
    """ACM as the organisation's management account, in the home Region."""
    return client("acm", MANAGEMENT)


@pytest.fixture
def administrator(organised: Mock) -> Any:
    return client("acm", ADMINISTRATOR)


@pytest.fixture
def member_acm(organised: Mock) -> Any:
    return client("acm", MEMBER)


@pytest.fixture
def member_pca(organised: Mock) -> Any:
    return client("acm-pca", MEMBER)


@pytest.fixture
def configured(organised: Mock, management: Any) -> Any:
    """The inventory configured (every account and Region, certificate actions on), set up."""
    configure(management)
    settle(organised)
    return management
