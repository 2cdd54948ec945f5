"""Turning what users pass as a point in time into an aware UTC datetime."""

from __future__ import annotations

import datetime as _dt


def to_utc_datetime(value: _dt.datetime | str) -> _dt.datetime:
    """Accept an aware or naive (taken as UTC) datetime, or an ISO-8601 string (``Z`` allowed)."""
    if isinstance(value, str):
        text = value.strip()
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        try:
            value = _dt.datetime.fromisoformat(text)
        except ValueError:
            raise ValueError(f"not an ISO-8601 date-time: {value!r}") from None
    if not isinstance(value, _dt.datetime):
        raise TypeError(f"expected a datetime or an ISO-8601 string, got {type(value).__name__}")
    if value.tzinfo is None:
        return value.replace(tzinfo=_dt.timezone.utc)
    return value.astimezone(_dt.timezone.utc)
