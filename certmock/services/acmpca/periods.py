"""IssueCertificate's ``Validity`` and ``ValidityNotBefore``: when a certificate starts and ends.

Relative types (DAYS, MONTHS, YEARS) count from the issuance instant; MONTHS and YEARS by the
calendar (a month after 31 January is the last day of February). ABSOLUTE is seconds since the
epoch; END_DATE is ``YYMMDDHHMMSS`` (UTCTime, YY < 50 is 20YY) or ``YYYYMMDDHHMMSS``, UTC.
"""

from __future__ import annotations

import calendar
import datetime as _dt
from collections.abc import Mapping
from typing import Any

from certmock.errors import ServiceError

# NotBefore defaults to an hour before issuance, to absorb clock skew (Validity docs).
DEFAULT_BACKDATING = _dt.timedelta(minutes=60)
_UTC = _dt.timezone.utc


def _refuse(message: str) -> ServiceError:
    return ServiceError("InvalidArgsException", message)


def _add_months(start: _dt.datetime, months: int) -> _dt.datetime:
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    if year > 9999:
        raise _refuse(f"A validity of {months} months from {start:%Y-%m-%d} is out of range.")
    day = min(start.day, calendar.monthrange(year, month)[1])
    return start.replace(year=year, month=month, day=day)


def _end_date(text: str) -> _dt.datetime:
    try:
        if len(text) == 12 and text[:2].isdigit():
            # UTCTime's two-digit year (RFC 5280 4.1.2.5.1): 50-99 are 19xx, 00-49 are 20xx.
            # Widen it before parsing, so that a leap day parses in its own year.
            text = ("19" if int(text[:2]) >= 50 else "20") + text
        if len(text) == 14:
            return _dt.datetime.strptime(text, "%Y%m%d%H%M%S").replace(tzinfo=_UTC)
    except ValueError:
        pass
    raise _refuse(
        f"The END_DATE validity value {text} is not a date in YYMMDDHHMMSS or YYYYMMDDHHMMSS form."
    )


def _absolute(seconds: int) -> _dt.datetime:
    try:
        return _dt.datetime.fromtimestamp(seconds, _UTC)
    except (OverflowError, OSError, ValueError):
        raise _refuse(f"The ABSOLUTE validity value {seconds} is out of range.") from None


def resolve(validity: Mapping[str, Any], issued_at: _dt.datetime) -> _dt.datetime:
    """The instant ``validity`` names, relative ones counted from ``issued_at``."""
    kind, value = validity["Type"], int(validity["Value"])
    try:
        if kind == "DAYS":
            return issued_at + _dt.timedelta(days=value)
        if kind == "MONTHS":
            return _add_months(issued_at, value)
        if kind == "YEARS":
            return _add_months(issued_at, 12 * value)
    except OverflowError:
        raise _refuse(f"A validity of {value} {kind} is out of range.") from None
    if kind == "ABSOLUTE":
        return _absolute(value)
    if kind == "END_DATE":
        # A Long on the wire: a UTCTime year 2000-2009 loses its leading zeros.
        text = str(value)
        return _end_date(text.zfill(12) if len(text) < 12 else text)
    raise _refuse(f"Unknown validity type {kind}.")


def not_before(
    validity_not_before: Mapping[str, Any] | None, issued_at: _dt.datetime
) -> _dt.datetime:
    if validity_not_before is None:
        return issued_at - DEFAULT_BACKDATING
    if validity_not_before["Type"] not in ("ABSOLUTE", "END_DATE"):
        # "ValidityNotBefore ... can only be expressed as an absolute date" (API reference).
        raise _refuse("ValidityNotBefore must be of type ABSOLUTE or END_DATE.")
    return resolve(validity_not_before, issued_at)
