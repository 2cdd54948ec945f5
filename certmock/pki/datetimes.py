"""Datetimes handed to cryptography, whichever time library is active.

cryptography's compiled core looks the ``datetime`` module's classes up by attribute the first
time it makes or checks a datetime, and keeps them for the life of the process: up to 46 in its
own lazy import, used by the getters (``not_valid_before_utc``, ``last_update_utc``,
``revocation_date_utc`` ...); from 47 in pyo3's datetime type cache, which those getters share
with the argument checks of the certificate, CRL and revoked-certificate builders. Under
freezegun those attributes are its ``FakeDatetime`` and ``FakeDate``, so a process whose first
X.509 datetime is made under freezegun gets ``FakeDatetime`` objects back for good and, from
47, has every real datetime refused ("'datetime' object is not an instance of 'FakeDatetime'").

Importing this module (every pki module does, and so does ``import certmock``) settles that
cache with the standard classes, putting them back into the ``datetime`` module for that
instant if freezegun is running: one read of a certificate's date, well under a millisecond.
If cryptography settled it under freezegun before certmock was imported,
:func:`for_cryptography` hands it datetimes of the class it kept.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as _dt
from collections.abc import Iterator

from cryptography import x509

# The classes pyo3 looks up in the ``datetime`` module.
_CLASS_NAMES = ("date", "datetime", "time", "timedelta", "timezone", "tzinfo")

# A self-signed Ed25519 certificate valid from 2000-01-01 to 2000-01-02, made once with
# cryptography. Only its dates are read: parsing it is the one way to learn which class
# cryptography makes datetimes of without handing it a datetime first.
_PROBE_CERTIFICATE = base64.b64decode(
    "MIHwMIGjoAMCAQICAQEwBQYDK2VwMCIxIDAeBgNVBAMMF2NlcnRtb2NrIGRhdGV0aW1lIHByb2JlMB4XDTAwMDEw"
    "MTAwMDAwMFoXDTAwMDEwMjAwMDAwMFowIjEgMB4GA1UEAwwXY2VydG1vY2sgZGF0ZXRpbWUgcHJvYmUwKjAFBgMr"
    "ZXADIQDd1cC0tFG2CXObHavZN9JU60oQSYY5b0I+ysq01/9tHDAFBgMrZXADQQCBTY53M8/0i4+kF2jfqiCmCbYU"
    "cJWKvrcdeZo1EYgLYhJxRE4anRzA3E3wbeboZZYk9sp3uH+y9VucJvjYu6QA"
)


def stdlib_class(name: str) -> type:
    """The standard library's class behind ``datetime.<name>``, even while a time library has
    put a subclass of it there (freezegun's ``FakeDatetime``), found without importing one."""
    current: type = getattr(_dt, name)
    return next(cls for cls in reversed(current.__mro__) if cls.__name__ == name)


@contextlib.contextmanager
def _stdlib_classes() -> Iterator[None]:
    """The standard library's classes in the ``datetime`` module for the duration, where a time
    library replaced them (freezegun does; time-machine patches functions, not classes)."""
    replaced = {
        name: getattr(_dt, name)
        for name in _CLASS_NAMES
        if getattr(_dt, name) is not stdlib_class(name)
    }
    for name in replaced:
        setattr(_dt, name, stdlib_class(name))
    try:
        yield
    finally:
        for name, stand_in in replaced.items():
            setattr(_dt, name, stand_in)


def _settle() -> type[_dt.datetime]:
    """Have cryptography look up its datetime classes now, and return the class it makes
    datetimes of: the standard one, unless it looked them up under freezegun before certmock was
    imported. One read is enough: in cryptography 42 to 50 every path certmock uses (the
    certificate, CRL and revoked-certificate builders; the validity, update and revocation-date
    getters) shares the one cache it fills, and the builders of 42 to 46 keep none."""
    with _stdlib_classes():
        return type(x509.load_der_x509_certificate(_PROBE_CERTIFICATE).not_valid_before_utc)


# Held in a tuple: while freezegun runs it replaces every module attribute that *is* the real
# datetime class with FakeDatetime, and would do so here.
_MADE_BY_CRYPTOGRAPHY: tuple[type[_dt.datetime]] = (_settle(),)


def for_cryptography(when: _dt.datetime) -> _dt.datetime:
    """``when`` as cryptography's builders accept it. Normally unchanged: a real datetime, or a
    freezegun ``FakeDatetime``, which subclasses it. Only if cryptography looked up its classes
    under freezegun before certmock was imported is it rebuilt in the class cryptography chose."""
    made = _MADE_BY_CRYPTOGRAPHY[0]
    if made in type(when).__mro__:
        return when
    return made(
        when.year,
        when.month,
        when.day,
        when.hour,
        when.minute,
        when.second,
        when.microsecond,
        when.tzinfo,
        fold=when.fold,
    )
