"""Every answer certmock gives outside the model's output constraints is declared as data and
listed in docs/requests.md; the fuzzer allows exactly those."""

from __future__ import annotations

from pathlib import Path

from certmock.services.registry import SERVICES

PAGE = Path(__file__).parent.parent / "docs" / "requests.md"


def test_every_answer_beyond_the_model_is_listed_in_the_docs() -> None:
    page = PAGE.read_text()
    rows = {
        (service.name, answer.shape, answer.constraint)
        for service in SERVICES
        for answer in service.gaps.answers_beyond_model
    }
    assert rows, "nothing declared: the test would prove nothing"
    for name, shape, constraint in rows:
        assert f"| `{name}` | `{shape}` | `{constraint}`" in page, (name, shape, constraint)
