"""Hypothesis settings for the state machines: a bounded, derandomized ``ci`` run by default (the
normal suite runs them under ``pytest -n 2 -p randomly``), a long exploration when
``CERTMOCK_FUZZ_PROFILE=long``."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

PROFILE_VARIABLE = "CERTMOCK_FUZZ_PROFILE"


def machine_settings(*, examples: int, steps: int) -> settings:
    """``examples`` runs of up to ``steps`` rules each under ci; ten times both when long."""
    if os.environ.get(PROFILE_VARIABLE, "ci") == "long":
        return settings(
            max_examples=examples * 10,
            stateful_step_count=steps * 2,
            deadline=None,
            # The long run explores with a fresh seed every time; a failure prints the blob to
            # replay it with @reproduce_failure (no example database is written to the tree).
            derandomize=False,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
            print_blob=True,
        )
    return settings(
        max_examples=examples,
        stateful_step_count=steps,
        deadline=None,
        # The same examples on every run and every worker: the suite stays deterministic, and no
        # example database is written (the suite runs with the cache provider off).
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        print_blob=True,
    )
