"""Shape-independent value strategies: edges of ranges and lengths, awkward text, and values of
the wrong type."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

from hypothesis import strategies as st

_UTC = dt.timezone.utc

# Characters that differ between code points, UTF-16 units and UTF-8 bytes, or that systems
# mishandle: astral emoji, a combining mark, NUL, a right-to-left override, a BOM.
AWKWARD_CHARACTERS = ("\U0001f600", "\U00010348", "e\u0301", "\x00", "\u202e", "\ufeff", "\u00e9")


def edge_sizes(low: int, high: int | None, cap: int) -> st.SearchStrategy[int]:
    """Sizes at and just beyond ``low``/``high`` (those above ``cap`` left out)."""
    sizes = {0, 1, low, low - 1, low + 1}
    if high is not None:
        sizes |= {high, high + 1, high - 1}
    return st.sampled_from(sorted(size for size in sizes if 0 <= size <= cap))


def edge_texts(low: int, high: int, enum: list[str]) -> st.SearchStrategy[str]:
    """Strings at the length limits (in code points, some astral), and near-miss enum values."""
    fillers = st.sampled_from(("a", "7", " ", *AWKWARD_CHARACTERS))
    texts = st.builds(
        lambda filler, size: (filler * size)[:size] if len(filler) == 1 else filler * size,
        fillers,
        edge_sizes(low, high, 100_000),
    )
    if not enum:
        return texts
    near = st.sampled_from(enum).flatmap(
        lambda value: st.sampled_from(
            (value.lower(), value + " ", " " + value, value + "\x00", value[:-1], "")
        )
    )
    return st.one_of(texts, near)


def edge_integers(low: int, high: int) -> st.SearchStrategy[int]:
    return st.sampled_from(
        (low, high, low - 1, high + 1, 0, -1, 2**31 - 1, 2**31, -(2**31) - 1, 2**63, -(2**63) - 1)
    )


def edge_floats() -> st.SearchStrategy[float]:
    return st.sampled_from((0.0, -0.0, 5e-324, 1.7976931348623157e308, float("inf"), -1.5))


def edge_timestamps() -> st.SearchStrategy[dt.datetime]:
    return st.sampled_from(
        (
            dt.datetime(1970, 1, 1, tzinfo=_UTC),
            dt.datetime(1969, 12, 31, 23, 59, 59, tzinfo=_UTC),
            dt.datetime(1900, 1, 1, tzinfo=_UTC),
            dt.datetime(2038, 1, 19, 3, 14, 8, tzinfo=_UTC),
            dt.datetime(9999, 12, 31, 23, 59, 59, tzinfo=_UTC),
        )
    )


def deep_nesting() -> st.SearchStrategy[Any]:
    """A list or dict nested hundreds of levels deep (serializers recurse over it)."""

    def nest(depth: int, as_dict: bool) -> Any:
        value: Any = "leaf"
        for _ in range(depth):
            value = {"a": value} if as_dict else [value]
        return value

    return st.builds(nest, st.sampled_from((3, 50, 400)), st.booleans())


_SCALARS: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.binary(max_size=12),
    st.datetimes(timezones=st.just(_UTC)),
)

_ANY: st.SearchStrategy[Any] = st.recursive(
    _SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=6,
)


def wrong_value(type_name: str) -> st.SearchStrategy[Any]:
    """Values that are not of the botocore type ``type_name`` (mostly)."""
    container = type_name in ("structure", "list", "map")
    wrong: list[st.SearchStrategy[Any]] = [st.none(), st.booleans(), st.integers(-5, 2**65)]
    if type_name != "string":
        wrong.append(st.text(max_size=12))
    if not container:
        wrong.append(st.lists(_SCALARS, max_size=3))
        wrong.append(st.dictionaries(st.text(max_size=8), _SCALARS, max_size=3))
    else:
        wrong.append(_SCALARS)
    if type_name in ("integer", "long", "boolean"):
        wrong.append(st.floats(allow_nan=True, allow_infinity=True))
    wrong.append(_ANY)
    return st.one_of(wrong)


def hashable_wrong_value() -> st.SearchStrategy[Any]:
    """Wrong values a dict can take as keys."""
    return st.one_of(
        st.none(), st.booleans(), st.integers(-(2**65), 2**65), st.floats(), st.binary(max_size=8)
    )


def _der_of(pem: bytes) -> bytes:
    body = b"".join(line for line in pem.splitlines() if line and not line.startswith(b"-----"))
    try:
        return base64.b64decode(body)
    except ValueError:
        return body


def mangled(real: bytes) -> st.SearchStrategy[bytes]:
    """A real PEM (certificate, chain, CSR, key) damaged the way parsers trip over: cut short,
    a flipped byte, its DER inside a fresh PEM block with a wrong label, two blocks, CRLF
    line ends, base64 garbage, or the bare DER."""
    size = max(len(real), 1)
    der = _der_of(real)

    def relabel(label: bytes) -> bytes:
        encoded = base64.encodebytes(der)
        return b"-----BEGIN " + label + b"-----\n" + encoded + b"-----END " + label + b"-----\n"

    def flip(at: int, mask: int) -> bytes:
        return real[:at] + bytes([real[at] ^ mask]) + real[at + 1 :] if real else b"\x00"

    def flip_der(at: int, mask: int) -> bytes:
        if not der:
            return relabel(b"CERTIFICATE")
        at %= len(der)
        damaged = der[:at] + bytes([der[at] ^ mask]) + der[at + 1 :]
        encoded = base64.encodebytes(damaged)
        return b"-----BEGIN CERTIFICATE-----\n" + encoded + b"-----END CERTIFICATE-----\n"

    labels = (b"CERTIFICATE", b"CERTIFICATE REQUEST", b"PRIVATE KEY", b"X509 CRL", b"FOO")
    return st.one_of(
        st.integers(0, size - 1).map(lambda at: real[:at]),
        st.builds(flip, st.integers(0, size - 1), st.integers(1, 255)),
        st.builds(flip_der, st.integers(0, 2**16), st.integers(1, 255)),
        st.sampled_from(labels).map(relabel),
        st.just(real + real),
        st.just(real.replace(b"\n", b"\r\n")),
        st.just(der),
        st.just(real.replace(b"\n-----END", b"!!!\n-----END")),
    )
