"""The process while any mock is active, set up when the first mock starts and put back when
the last one stops: fake credentials (no real ones are ever picked up), botocore's sleeps on
the virtual clock, the network closed, boto3's default session hooked, and moto's stubber given
back its own behaviour."""

from __future__ import annotations

import os

from certmock import hook, moto_coexistence, network_guard, sleep
from certmock.clock import Clock

# As moto does: set while any mock is active.
FAKE_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "certmock-access-key-id",
    "AWS_SECRET_ACCESS_KEY": "certmock-secret-access-key",
}
CLEARED_VARIABLES = ("AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN")

_saved: dict[str, str | None] = {}


def enter(clock: Clock) -> None:
    """Set the process up for the first mock to start; ``clock`` takes botocore's sleeps."""
    for name in (*FAKE_CREDENTIALS, *CLEARED_VARIABLES):
        _saved[name] = os.environ.pop(name, None)
    os.environ.update(FAKE_CREDENTIALS)
    sleep.patch_sleeps(clock)
    network_guard.close_network()
    hook.install_default_session()


def leave() -> None:
    """Put the process back as it was before the first mock started."""
    sleep.restore_sleeps()
    network_guard.reopen_network()
    moto_coexistence.undo()
    for name, value in _saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    _saved.clear()
