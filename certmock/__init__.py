"""certmock: AWS certificate services (ACM Private CA, ACM, RDS certificates, API Gateway client
certificates) emulated in-process, through botocore's own models, on a virtual clock."""

from certmock.clock import Clock
from certmock.errors import NotEmulatedError, ServiceError
from certmock.hook import install as _install_hook
from certmock.inventory import IgnoredMemberWarning
from certmock.mock import (
    Mock,
    MockFactory,
    mock_acm,
    mock_acmpca,
    mock_all,
    mock_apigateway,
    mock_rds,
    mock_resourcegroupstaggingapi,
)
from certmock.world import DEFAULT_ACCOUNT_ID, Call

__all__ = [
    "DEFAULT_ACCOUNT_ID",
    "Call",
    "Clock",
    "IgnoredMemberWarning",
    "Mock",
    "MockFactory",
    "NotEmulatedError",
    "ServiceError",
    "mock_acm",
    "mock_acmpca",
    "mock_all",
    "mock_apigateway",
    "mock_rds",
    "mock_resourcegroupstaggingapi",
]


def __dir__() -> list[str]:
    """The public API only: the package's modules are an implementation detail."""
    return sorted(__all__)


# Every botocore session created from now on carries certmock's before-send handler.
_install_hook()
