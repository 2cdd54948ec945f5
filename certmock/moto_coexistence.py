"""Running beside moto's ``mock_aws``: certmock answers what it serves and leaves the rest.

botocore calls every ``before-send`` handler, not only until one answers, so moto's handler
would still act on (and may fail on) a request certmock has answered. certmock marks such a
request and teaches moto's stubber to pass over marked requests; the lesson is undone when the
last certmock mock stops, so moto on its own behaves exactly as it was written.
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Mapping
from typing import Any

from certmock.timeparse import to_utc_datetime

_MARK = "certmock_served"
_patched: dict[type, Any] = {}
"""Stubber class -> its own ``__call__``, for each class taught to pass over marked requests."""


def _stubber() -> Any:
    moto_models = sys.modules.get("moto.core.models")
    return getattr(moto_models, "botocore_stubber", None)


def moto_is_active() -> bool:
    """Whether moto's ``mock_aws`` is started (its stubber then answers requests)."""
    return bool(getattr(_stubber(), "enabled", False))


def keep_moto_out(request: Any) -> None:
    """Mark ``request`` as answered, so moto's stubber leaves it alone."""
    setattr(request, _MARK, True)
    stubber_class: Any = type(_stubber())
    if stubber_class in _patched:
        return
    answer = stubber_class.__call__
    _patched[stubber_class] = answer

    def answer_unless_served(self: Any, event_name: str, request: Any, **kwargs: Any) -> Any:
        if getattr(request, _MARK, False):
            return None
        return answer(self, event_name, request, **kwargs)

    stubber_class.__call__ = answer_unless_served


def put_on_moto_bus(event: Mapping[str, Any]) -> None:
    """Put a certmock event on moto's default EventBridge bus in the event's account and
    Region, so that moto's rules match it and their targets (SQS, logs, ...) receive it, as
    moto gives them: with moto's own event id. Does nothing while moto is not active."""
    if not moto_is_active():
        return
    # moto is optional: looked up only while it runs, as _stubber does.
    backends = importlib.import_module("moto.events.models").events_backends
    entry = {
        "Source": event["source"],
        "DetailType": event["detail-type"],
        "Detail": json.dumps(event["detail"]),
        "Resources": list(event["resources"]),
        "Time": to_utc_datetime(event["time"]).timestamp(),  # moto's targets read epoch seconds
    }
    (result,) = backends[event["account"]][event["region"]].put_events([entry])
    if "ErrorCode" in result:
        raise RuntimeError(f"moto's EventBridge refused a certmock event: {result}")


def undo() -> None:
    """Give moto's stubber back its own ``__call__``."""
    for stubber_class, answer in _patched.items():
        setattr(stubber_class, "__call__", answer)  # noqa: B010 (mypy refuses the assignment)
    _patched.clear()
