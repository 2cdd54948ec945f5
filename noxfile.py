"""Development sessions: ``nox -s tests``, ``lint``, ``typecheck``, ``docs``, ``bench``.

Arguments after ``--`` go to pytest (``nox -s tests -- -k clock``) or to the benchmark script
(``nox -s bench -- --calls 500``).
"""

from __future__ import annotations

import nox

nox.options.sessions = ["tests", "lint", "typecheck", "docs"]

LINTED = ("certmock", "tests", "benchmarks", "tools", "noxfile.py")


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite."""
    session.install("-e", ".[test]")
    session.run("pytest", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff's lint rules and formatting check."""
    session.install("ruff>=0.6")
    session.run("ruff", "check", *LINTED)
    session.run("ruff", "format", "--check", *LINTED)


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy in strict mode over the package."""
    session.install("-e", ".[lint]")
    session.run("mypy", "--strict", "certmock")


@nox.session
def docs(session: nox.Session) -> None:
    """Build the documentation site into site/, failing on any warning."""
    session.install("-e", ".[docs]")
    session.run("mkdocs", "build", "--strict")


@nox.session
def bench(session: nox.Session) -> None:
    """Time certmock against botocore's floor and moto: describe_certificate_authority, then
    issuance (per certificate, CA creation with RSA_4096, cost with state, memory), and an
    ACM rotation scenario."""
    session.install("-e", ".[test]")
    session.run("python", "benchmarks/bench_describe.py", *session.posargs)
    session.run("python", "benchmarks/bench_issue.py")
    session.run("python", "benchmarks/bench_acm.py")
