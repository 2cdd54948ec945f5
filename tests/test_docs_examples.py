"""Every ```python block in docs/ runs as written.

The rules (the markers are HTML comments, invisible on the built site):

* Each block is an example on its own, run in a fresh namespace: examples do not depend on one
  another, so pytest-xdist and pytest-randomly may run them on any worker, in any order.
* A block that defines ``test_*`` functions is a pytest test file: it is run by pytest
  (``pytester``), with certmock's plugin, and every test in it must pass.
* A marker comment on the line right before the fence changes that, for that block only:

  ``<!-- example: continues -->``
      run in the namespace the previous example on the page left (the two are one test);
  ``<!-- example: module NAME -->``
      the block is the module ``NAME.py`` that later examples on the page import;
  ``<!-- example: requires PACKAGE -->``
      skipped (and counted) when the optional ``PACKAGE`` is not installed;
  ``<!-- example: botocore SERVICE OPERATION -->``
      skipped when the installed botocore does not have the operation yet (the CI legs at
      older botocore releases);
  ``<!-- example: fragment REASON -->``
      not run: skipped and counted, with the reason shown (keep these rare);
  ``<!-- example: xfail REASON -->``
      a known certmock bug (listed in the report): the example must fail (strict).

The network guard of tests/socket_guard.py is on for every example, as for every test.
"""

from __future__ import annotations

import re
import sys
import types
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.model_facts import has_operation

DOCS = Path(__file__).parent.parent / "docs"
FENCE = re.compile(r"^```python\n(?P<code>.*?)^```$", re.DOTALL | re.MULTILINE)
MARKER = re.compile(r"<!-- example: (?P<kind>[a-z]+)(?: (?P<argument>.+?))? -->\n\Z")
KINDS = {"continues", "module", "requires", "botocore", "fragment", "xfail"}
TEST_FUNCTION = re.compile(r"^(?:async )?def (test_\w*)\(", re.MULTILINE)

# Fragments are the exception: raising this needs a reason on the page, and a look at whether
# the block could be made complete instead.
MOST_FRAGMENTS = 3


@dataclass
class Block:
    page: Path
    line: int  # of the block's first line of code, 1-based
    code: str
    kind: str | None
    argument: str | None

    def compiled(self) -> types.CodeType:
        # Padded so that tracebacks point at the Markdown page's own line numbers.
        return compile("\n" * (self.line - 1) + self.code, str(self.page), "exec")


@dataclass
class Example:
    """One test: a block, with any blocks that continue it, and the page's modules before it."""

    blocks: list[Block]
    modules: dict[str, str] = field(default_factory=dict)

    @property
    def first(self) -> Block:
        return self.blocks[0]

    @property
    def name(self) -> str:
        return f"{self.first.page.relative_to(DOCS)}:{self.first.line}"

    @property
    def tests(self) -> list[str]:
        return [name for block in self.blocks for name in TEST_FUNCTION.findall(block.code)]


def blocks(page: Path) -> list[Block]:
    text = page.read_text()
    found = []
    for match in FENCE.finditer(text):
        before = text[: match.start()]
        previous_line = before[before.rstrip("\n").rfind("\n") + 1 :]
        marker = MARKER.search(previous_line)
        kind = marker["kind"] if marker else None
        if kind is not None and kind not in KINDS:
            raise ValueError(f"{page}: unknown example marker {kind!r}; markers are {KINDS}")
        found.append(
            Block(
                page=page,
                line=before.count("\n") + 2,
                code=match["code"],
                kind=kind,
                argument=marker["argument"] if marker else None,
            )
        )
    return found


def examples() -> list[Example]:
    found: list[Example] = []
    for page in sorted(DOCS.rglob("*.md")):
        modules: dict[str, str] = {}
        on_page: list[Example] = []
        for block in blocks(page):
            if block.kind == "module":
                if not block.argument:
                    raise ValueError(f"{page}:{block.line}: a module marker names the module")
                modules[block.argument] = block.code
            elif block.kind == "continues":
                if not on_page:
                    raise ValueError(f"{page}:{block.line}: nothing before it to continue")
                on_page[-1].blocks.append(block)
            else:
                on_page.append(Example([block], dict(modules)))
        found += on_page
    return found


EXAMPLES = examples()


def _marks(example: Example) -> list[pytest.MarkDecorator]:
    block = example.first
    if block.kind == "fragment":
        return [pytest.mark.skip(reason=f"fragment: {block.argument}")]
    if block.kind == "xfail":
        return [pytest.mark.xfail(reason=block.argument or "", strict=True)]
    return []


def test_every_marker_says_why() -> None:
    for example in EXAMPLES:
        for block in example.blocks:
            if block.kind in {"fragment", "xfail", "requires", "botocore"}:
                assert block.argument, f"{example.name}: {block.kind} without a reason"


def test_fragments_stay_rare() -> None:
    fragments = [example.name for example in EXAMPLES if example.first.kind == "fragment"]
    assert len(fragments) <= MOST_FRAGMENTS, fragments


def test_the_docs_have_examples() -> None:
    assert len(EXAMPLES) >= 40


@pytest.mark.parametrize(
    "example",
    [pytest.param(example, id=example.name, marks=_marks(example)) for example in EXAMPLES],
)
def test_a_docs_example_runs(
    example: Example,
    pytester: pytest.Pytester,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    if example.first.kind == "requires":
        pytest.importorskip(example.first.argument or "")
    if example.first.kind == "botocore":
        service, operation = (example.first.argument or "").split()
        if not has_operation(service, operation):
            pytest.skip(f"this botocore has no {service} {operation}")
    if example.tests:
        _run_with_pytest(example, pytester)
    else:
        _run(example, monkeypatch, tmp_path)


def _run(example: Example, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name, code in example.modules.items():
        (tmp_path / f"{name}.py").write_text(code)
    monkeypatch.syspath_prepend(tmp_path)
    # A real module, so that what needs one (dataclasses, pickling) finds it.
    module = types.ModuleType(f"docs_example_{abs(hash(example.name))}")
    monkeypatch.setitem(sys.modules, module.__name__, module)
    try:
        for block in example.blocks:
            exec(block.compiled(), module.__dict__)
    finally:
        for name in example.modules:
            sys.modules.pop(name, None)


def _run_with_pytest(example: Example, pytester: pytest.Pytester) -> None:
    for name, code in example.modules.items():
        pytester.makepyfile(**{name: code})
    pytester.makepyfile(test_example="".join(block.code for block in example.blocks))
    result = pytester.runpytest_inprocess(
        "-p", "no:randomly", "-p", "no:cacheprovider", "-W", "error", "-q"
    )
    result.assert_outcomes(passed=len(example.tests))
