"""Development sessions; ``.ci/run`` runs the default ones.

The test matrix proves what a new user gets: each leg builds a fresh virtualenv and runs the
README's test command (``pip install -e '.[test]'`` then ``python -m pytest``) in it.

- ``tests-newest``: the newest release of everything, on the newest CPython; branch coverage
  measured and failing below 90 %; a drift report names what botocore added since the
  inventory was reviewed.
- ``tests-reviewed``: botocore at the release the served-operations inventory was reviewed
  against, where the inventory test is strict.
- ``tests-minimum``: every dependency at the lowest version ``pyproject.toml`` declares
  (``.ci/constraints-minimum.txt``), on the oldest supported CPython.
- ``tests-async-newest`` and ``tests-async-minimum``: with the ``async`` extra (aiobotocore,
  aioboto3), newest and at its lowest aiobotocore; aiobotocore pins its own botocore.
  ``tests-aiobotocore-newest``: the newest aiobotocore alone (aioboto3 pins an older one).
- ``tests-c7n``: Cloud Custodian against the tagging API (c7n pins boto3 exactly).
- ``tests-clients``: clients nobody here wrote, against ``python -m certmock serve`` in
  subprocesses: the AWS CLI v1 and the AWS SDK for JavaScript v3 (``npm ci`` of
  ``tests/server/js``). ``clients-ansible``: Ansible's ACM modules (the ``ansible`` package
  is about 440 MB; installing it takes about two minutes). Both set
  ``CERTMOCK_REQUIRE_CLIENTS=1``, so a missing client fails them instead of skipping.


Then ``lint`` (ruff and the import-linter contracts), ``typecheck`` (mypy --strict over the
package and the tests) and ``docs`` (the site, with its generated coverage tables). ``bench``
and ``fuzz`` (the fuzzer and state machines with hypothesis's long profile) are run by hand.

Arguments after ``--`` go to pytest (``nox -s tests-newest -- -k clock``) or to the benchmark
script (``nox -s bench -- --calls 500``). nox finds interpreters by name (``python3.13``); with
pyenv, put each version's ``bin`` on ``PATH`` as ``.ci/run`` does.
"""

from __future__ import annotations

import nox

nox.options.sessions = [
    "tests-newest",
    "tests-reviewed",
    "tests-minimum",
    "tests-async-newest",
    "tests-async-minimum",
    "tests-aiobotocore-newest",
    "tests-c7n",
    "tests-clients",
    "clients-ansible",
    "lint",
    "typecheck",
    "docs",
]
nox.options.error_on_missing_interpreters = True

NEWEST_PYTHON = "3.13"
OLDEST_PYTHON = "3.10"
LINTED = ("certmock", "tests", "benchmarks", "tools", "docs/hooks", "noxfile.py")
# Two workers (the machines have two cores) and a random order every run: a test that depends
# on another's leftovers fails somewhere, not silently.
PYTEST_ARGS = ("-n", "2", "-p", "randomly")


def _readme_test_command(
    session: nox.Session, *install: str, pytest: tuple[str, ...], extras: str = "test"
) -> None:
    session.install(*install, "-e", f".[{extras}]")
    session.run("python", "-m", "pip", "list", "--format=freeze")
    session.run(*pytest, *PYTEST_ARGS, *session.posargs)


@nox.session(name="tests-newest", python=NEWEST_PYTHON)
def tests_newest(session: nox.Session) -> None:
    """The newest releases of everything, with branch coverage (at least 90 %)."""
    session.install("--upgrade", "coverage>=7.10")
    _readme_test_command(
        session,
        "--upgrade",
        "--upgrade-strategy",
        "eager",
        pytest=("coverage", "run", "-m", "pytest"),
    )
    session.run("coverage", "combine", "--quiet")
    session.run("coverage", "report")


@nox.session(name="tests-reviewed", python="3.12")
def tests_reviewed(session: nox.Session) -> None:
    """botocore at the release the served-operations inventory was reviewed against."""
    _readme_test_command(
        session, "-c", ".ci/constraints-reviewed.txt", pytest=("python", "-m", "pytest")
    )


@nox.session(name="tests-async-newest", python=NEWEST_PYTHON)
def tests_async_newest(session: nox.Session) -> None:
    """The newest aiobotocore and aioboto3, with the botocore aiobotocore pins (older than the
    newest, so a leg of its own)."""
    _readme_test_command(
        session,
        "--upgrade",
        "--upgrade-strategy",
        "eager",
        pytest=("python", "-m", "pytest"),
        extras="test,async",
    )


@nox.session(name="tests-aiobotocore-newest", python=NEWEST_PYTHON)
def tests_aiobotocore_newest(session: nox.Session) -> None:
    """The newest aiobotocore on its own: aioboto3 pins an older one."""
    session.install("--upgrade", "--upgrade-strategy", "eager", "-e", ".[test]", "aiobotocore")
    session.run("python", "-m", "pip", "list", "--format=freeze")
    session.run("python", "-m", "pytest", *PYTEST_ARGS, "tests/async_clients", *session.posargs)


@nox.session(name="tests-async-minimum", python=OLDEST_PYTHON)
def tests_async_minimum(session: nox.Session) -> None:
    """The lowest aiobotocore the ``async`` extra declares, with the botocore it pins."""
    _readme_test_command(
        session, "aiobotocore==2.23.2", pytest=("python", "-m", "pytest"), extras="test,async"
    )


@nox.session(name="tests-c7n", python="3.12")
def tests_c7n(session: nox.Session) -> None:
    """Cloud Custodian as a real client of the tagging API. c7n pins boto3 exactly (to an older
    release than the newest), so it gets a leg of its own and is in no extra."""
    session.install("-e", ".[test]", "c7n")
    session.run("python", "-m", "pip", "list", "--format=freeze")
    session.run("python", "-m", "pytest", *PYTEST_ARGS, "tests/services/tagging", *session.posargs)


# The client tests skip where their client is missing; these sessions install it, so there a
# missing client is a failure (tests/server/outside_clients.py).
CLIENTS_REQUIRED = {"CERTMOCK_REQUIRE_CLIENTS": "1"}


@nox.session(name="tests-clients", python=NEWEST_PYTHON)
def tests_clients(session: nox.Session) -> None:
    """The AWS CLI v1 and the AWS SDK for JavaScript v3 against a certmock server. awscli
    1.46+ carries its own botocore (``awscli.botocore``) instead of pinning one, so it shares
    this leg with the newest botocore. The JavaScript SDK's versions are pinned in
    ``tests/server/js/package-lock.json``; Node.js and npm come from the machine."""
    session.install("--upgrade", "--upgrade-strategy", "eager", "-e", ".[test]", "awscli")
    session.run("python", "-m", "pip", "list", "--format=freeze")
    session.run("node", "--version", external=True)
    session.run(
        "python", "-m", "pytest", *PYTEST_ARGS,
        "tests/server/test_aws_cli.py", "tests/server/test_js_sdk.py",
        *session.posargs,
        env=CLIENTS_REQUIRED,
    )  # fmt: skip


@nox.session(name="clients-ansible", python=NEWEST_PYTHON)
def clients_ansible(session: nox.Session) -> None:
    """Ansible's ``community.aws.acm_certificate`` and ``acm_certificate_info`` against a
    certmock server (``ansible-playbook`` in a subprocess)."""
    session.install("-e", ".[test]", "ansible")
    session.run("python", "-m", "pip", "list", "--format=freeze")
    session.run(
        "python", "-m", "pytest", "-p", "randomly", "tests/server/test_ansible.py",
        *session.posargs,
        env=CLIENTS_REQUIRED,
    )  # fmt: skip


@nox.session(name="tests-minimum", python=OLDEST_PYTHON)
def tests_minimum(session: nox.Session) -> None:
    """Every dependency at the lowest version pyproject.toml declares."""
    _readme_test_command(
        session, "-c", ".ci/constraints-minimum.txt", pytest=("python", "-m", "pytest")
    )


@nox.session(python=NEWEST_PYTHON)
def lint(session: nox.Session) -> None:
    """ruff's lint rules and formatting check, and the import-linter contracts of
    pyproject.toml (the layers of docs/architecture.md, no import cycles)."""
    session.install("--upgrade", "ruff>=0.6", "import-linter>=2.13")
    session.run("ruff", "check", *LINTED)
    session.run("ruff", "format", "--check", *LINTED)
    session.run("lint-imports")


@nox.session(python=NEWEST_PYTHON)
def typecheck(session: nox.Session) -> None:
    """mypy in strict mode over the package and its tests."""
    session.install("--upgrade", "-e", ".[test,lint]")
    session.run("mypy", "--strict", "certmock", "tests")


@nox.session(python=NEWEST_PYTHON)
def docs(session: nox.Session) -> None:
    """Build the documentation site into site/, failing on any warning."""
    session.install("--upgrade", "-e", ".[docs]")
    session.run("mkdocs", "build", "--strict")


@nox.session(python=NEWEST_PYTHON)
def fuzz(session: nox.Session) -> None:
    """The model-driven fuzzer and the state machines at length: hypothesis's ``long`` profile
    (random seeds, many more examples and steps) instead of the bounded, derandomised one every
    test run uses. Set ``CERTMOCK_FUZZ_PROFILE`` to choose another."""
    session.install("--upgrade", "-e", ".[test]")
    session.env.setdefault("CERTMOCK_FUZZ_PROFILE", "long")
    session.run(
        "python", "-m", "pytest", "tests/fuzz", "tests/statemachines", "-n", "2", *session.posargs
    )


@nox.session(python=NEWEST_PYTHON)
def bench(session: nox.Session) -> None:
    """Time certmock against botocore's floor and moto: describe_certificate_authority, then
    issuance (per certificate, CA creation with RSA_4096, cost with state, memory), and an
    ACM rotation scenario."""
    session.install("-e", ".[test]")
    session.run("python", "benchmarks/bench_describe.py", *session.posargs)
    session.run("python", "benchmarks/bench_issue.py")
    session.run("python", "benchmarks/bench_acm.py")
