"""The ``certmock`` pytest fixture and marker (registered through the ``pytest11`` entry point).

def test_rotation(certmock):
    certmock.clock.advance(days=31)

@pytest.mark.certmock(now="2026-01-01T00:00:00Z", seed=7)
def test_reproducible(): ...   # the marker alone starts the mock

def test_other_process(certmock_server):   # a server for the session, on a free port
    subprocess.run(["aws", "acm", "list-certificates"], env=certmock_server.client_environment())
"""

from __future__ import annotations

import difflib
import inspect
from collections.abc import Iterator
from typing import Any

import pytest

from certmock.mock import Mock, mock_all
from certmock.remote import Remote, serve

# The marker's options are the mock's own keyword options, so the two cannot drift apart.
OPTIONS = tuple(
    name
    for name, parameter in inspect.signature(Mock.__init__).parameters.items()
    if parameter.kind is inspect.Parameter.KEYWORD_ONLY
)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "certmock(now=None, account_id='123456789012', seed=None, realistic=False, "
        "moto_eventbridge=False, process_time=False): run the "
        "test with every certmock service active (the marker alone is enough), with these "
        "options",
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # A misspelt option is a usage error of the whole run, found before any test runs.
    for item in items:
        for marker in item.iter_markers("certmock"):
            _options(marker)


@pytest.fixture
def certmock(request: pytest.FixtureRequest) -> Iterator[Mock]:
    """Every certmock service, active for the duration of the test; yields the handle."""
    marker = request.node.get_closest_marker("certmock")
    options = _options(marker) if marker is not None else {}
    with mock_all(**options) as handle:
        yield handle


@pytest.fixture(scope="session")
def certmock_server_options() -> list[str]:
    """Options of ``python -m certmock serve`` for ``certmock_server``; override this fixture
    in a conftest.py to change them (``["--tls", "--now", "2026-01-01T00:00:00Z"]``)."""
    return []


@pytest.fixture(scope="session")
def certmock_server(certmock_server_options: list[str]) -> Iterator[Remote]:
    """A certmock server for the whole session, in its own process on a free port; yields its
    handle (``certmock.remote.Remote``: ``.url``, ``.clock``, ``.reset()``, ...)."""
    with serve(*certmock_server_options) as remote:
        yield remote


@pytest.fixture(autouse=True)
def _certmock_marker(request: pytest.FixtureRequest) -> None:
    """A test marked ``@pytest.mark.certmock`` is mocked even if it never asks for the fixture:
    a marker that did nothing would let the test reach AWS. Autouse fixtures are set up before
    the test's other function-scoped fixtures, so those already see the active mock."""
    if request.node.get_closest_marker("certmock") is not None:
        request.getfixturevalue("certmock")


def _options(marker: pytest.Mark) -> dict[str, Any]:
    if marker.args:
        raise pytest.UsageError(
            "@pytest.mark.certmock takes keyword arguments only: " + ", ".join(OPTIONS)
        )
    for name in marker.kwargs:
        if name not in OPTIONS:
            close = difflib.get_close_matches(name, OPTIONS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise pytest.UsageError(
                f"@pytest.mark.certmock has no option {name!r}{hint}; "
                f"its options are {', '.join(OPTIONS)}"
            )
    return dict(marker.kwargs)
