"""The ``certmock`` pytest fixture and marker (registered through the ``pytest11`` entry point).

def test_rotation(certmock):
    certmock.clock.advance(days=31)

@pytest.mark.certmock(now="2026-01-01T00:00:00Z", seed=7)
def test_reproducible(certmock): ...
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from certmock.mock import Mock, mock_all


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "certmock(now=None, account_id='123456789012', seed=None, realistic=False): configure "
        "the certmock fixture (every certmock service active for the test)",
    )


@pytest.fixture
def certmock(request: pytest.FixtureRequest) -> Iterator[Mock]:
    """Every certmock service, active for the duration of the test; yields the handle."""
    marker = request.node.get_closest_marker("certmock")
    options = dict(marker.kwargs) if marker is not None else {}
    if marker is not None and marker.args:
        raise TypeError(
            "@pytest.mark.certmock takes keyword arguments only: now, account_id, seed, realistic"
        )
    with mock_all(**options) as handle:
        yield handle
