"""At the end of a pytest run on a botocore newer than the release certmock's inventory was
reviewed against: what that botocore has that certmock does not serve yet (the strict inventory
tests skip there, so drift is reported rather than failed)."""

from __future__ import annotations

import pytest

from certmock.inventory import drift_report, is_newer_than_reviewed
from certmock.services.registry import inventories


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not is_newer_than_reviewed():
        return
    terminalreporter.section("certmock drift")
    for line in drift_report(inventories().values()).splitlines():
        terminalreporter.write_line(line)
