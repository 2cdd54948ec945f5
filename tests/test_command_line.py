"""``python -m certmock``: its help reads as plain text in a terminal."""

from __future__ import annotations

import subprocess
import sys


def test_help_is_plain_text() -> None:
    shown = subprocess.run(
        [sys.executable, "-m", "certmock", "--help"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "python -m certmock demo:" in shown
    assert "python -m certmock drift:" in shown
    assert "`" not in shown
