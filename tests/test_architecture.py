"""The package's shape, as docs/architecture.md draws it. The layers themselves are import-linter
contracts (``[tool.importlinter]`` in pyproject.toml, run by ``nox -s lint``); what it cannot
see is checked here: imports hidden inside functions (or under ``if TYPE_CHECKING``), which is
how import cycles hid before, and modules grown past one job."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "certmock"
MODULES = sorted(PACKAGE.rglob("*.py"))
MAX_LINES = 400


def _name(path: Path) -> str:
    return ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)


def _imports_certmock(node: ast.stmt) -> bool:
    if isinstance(node, ast.Import):
        return any(alias.name.split(".")[0] == "certmock" for alias in node.names)
    if isinstance(node, ast.ImportFrom):
        return node.level > 0 or (node.module or "").split(".")[0] == "certmock"
    return False


def _nested_imports(tree: ast.Module) -> list[int]:
    """Lines of certmock imports that are not statements of the module itself."""
    top_level = {id(node) for node in tree.body}
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        and _imports_certmock(node)
        and id(node) not in top_level
    ]


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_certmock_modules_are_imported_at_the_top_of_a_module_only(path: Path) -> None:
    assert _nested_imports(ast.parse(path.read_text(), str(path))) == []


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_module_is_over_the_size_of_one_job(path: Path) -> None:
    assert len(path.read_text().splitlines()) <= MAX_LINES


def test_the_nested_import_check_sees_every_kind_of_hidden_import() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "import certmock.clock\n"
        "if TYPE_CHECKING:\n"
        "    from certmock.world import World\n"
        "def f():\n"
        "    from certmock import hook\n"
        "    import json\n"
        "class C:\n"
        "    def g(self):\n"
        "        from . import mock\n"
    )
    assert _nested_imports(ast.parse(source)) == [4, 6, 10]
