"""Running beside moto's ``mock_aws``: certmock answers what it serves and leaves the rest.

botocore calls every ``before-send`` handler, not only until one answers, so moto's handler
would still act on (and may fail on) a request certmock has answered. certmock marks such a
request and teaches moto's stubber to pass over marked requests; the lesson is undone when the
last certmock mock stops, so moto on its own behaves exactly as it was written.
"""

from __future__ import annotations

import sys
from typing import Any

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


def undo() -> None:
    """Give moto's stubber back its own ``__call__``."""
    for stubber_class, answer in _patched.items():
        setattr(stubber_class, "__call__", answer)  # noqa: B010 (mypy refuses the assignment)
    _patched.clear()
