"""Every recorded AWS response in ``corpus/``, replayed against certmock (see README.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from certmock import mock_all
from tests.model_facts import has_operation
from tests.recorded.replay import Replay, differences, entries


def _cases() -> list[Any]:
    cases = []
    for name, entry in entries():
        marks = []
        if not has_operation(entry["service"], entry["operation"]):
            marks.append(
                pytest.mark.skip(
                    reason=f"the installed botocore has no {entry['service']} {entry['operation']}"
                )
            )
        if entry.get("known_mismatch"):
            marks.append(pytest.mark.xfail(reason=entry["known_mismatch"], strict=True))
        if entry.get("deviation"):
            # A deliberate difference, listed in the service's docs: it must stay a difference.
            marks.append(pytest.mark.xfail(reason=entry["deviation"], strict=True))
        cases.append(pytest.param(entry, id=name, marks=marks))
    return cases


@pytest.mark.parametrize("entry", _cases())
def test_certmock_answers_as_aws_recorded(entry: dict[str, Any]) -> None:
    options: dict[str, Any] = {"now": entry["now"]} if entry.get("now") else {}
    with mock_all(**options) as mock:
        replay = Replay(mock, entry)
        replay.run_setup()
        answer = replay.call()
        found = differences(replay, entry["response"], answer)
    assert not found, "\n".join(found)


DOCS = Path(__file__).parents[2] / "docs" / "services"


@pytest.mark.parametrize(
    ("name", "entry"),
    [pytest.param(n, e, id=n) for n, e in entries() if e.get("deviation")],
)
def test_every_deliberate_deviation_is_in_the_services_docs(name: str, entry: Any) -> None:
    page = (DOCS / f"{entry['service']}.md").read_text(encoding="utf-8")
    assert f"tests/recorded/corpus/{name}" in page, f"docs/services/{entry['service']}.md"
