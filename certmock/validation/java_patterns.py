"""AWS models' ``pattern`` constraints are Java regular expressions: read them with the ``regex``
package, translating what Java spells differently, and match whole values."""

from __future__ import annotations

import functools
from collections.abc import Callable

import regex

# Java spells some things differently from the ``regex`` package, and gives \w, \d, \s and the
# POSIX classes ASCII meanings where ``regex`` gives Unicode ones. Each replacement is a bracketed
# set, which version 1 syntax accepts inside a class as well as outside it; version 1 also gives
# Java's ``&&`` class intersection.
_POSIX_CLASSES = {
    "Lower": "a-z",
    "Upper": "A-Z",
    "ASCII": r"\x00-\x7F",
    "Alpha": "a-zA-Z",
    "Digit": "0-9",
    "Alnum": "a-zA-Z0-9",
    "Punct": r"!-/:-@\[-`{-~",
    "Graph": "!-~",
    "Print": " -~",
    "Blank": r" \t",
    "Cntrl": r"\x00-\x1F\x7F",
    "XDigit": "0-9a-fA-F",
    "Space": r" \t\n\x0B\f\r",
    "LD": r"\p{L}\p{Nd}",  # Character.isLetterOrDigit
    "all": r"\s\S",
}
_SHORTHANDS = {"w": "a-zA-Z_0-9", "d": "0-9", "s": r" \t\n\x0B\f\r"}
_JAVA_ESCAPE = regex.compile(
    r"""\\(?:
        (?P<property>[pP])\{(?P<name>\w+)\}
      | x\{(?P<hex>[0-9a-fA-F]+)\}
      | u(?P<high>[dD][89abAB][0-9a-fA-F]{2})\\u(?P<low>[dD][c-fC-F][0-9a-fA-F]{2})
      | (?P<char>.)
    )""",
    regex.VERBOSE | regex.DOTALL,
)


def _java_escape(match: regex.Match[str]) -> str:
    if match["property"] is not None:
        ranges = _POSIX_CLASSES.get(match["name"])
        if ranges is None:
            return match[0]
        return ("[" if match["property"] == "p" else "[^") + ranges + "]"
    if match["hex"] is not None:
        return f"\\U{int(match['hex'], 16):08X}"
    if match["high"] is not None:
        # Java patterns are UTF-16: a surrogate pair stands for one supplementary code point.
        code = 0x10000 + ((int(match["high"], 16) - 0xD800) << 10) + int(match["low"], 16) - 0xDC00
        return f"\\U{code:08X}"
    char: str = match["char"]
    ranges = _SHORTHANDS.get(char.lower())
    if ranges is not None:
        return ("[" if char.islower() else "[^") + ranges + "]"
    return r"\Z" if char == "z" else match[0]


@functools.cache
def matcher(java_pattern: str) -> Callable[[str], bool] | None:
    """Whether a whole value matches ``java_pattern``; ``None`` if it cannot be compiled."""
    try:
        compiled = regex.compile(_JAVA_ESCAPE.sub(_java_escape, java_pattern), regex.VERSION1)
    except regex.error:
        # A pattern Java accepts and ``regex`` cannot read is not checked, rather than making
        # every call to the operation fail.
        return None

    def fullmatch(value: str) -> bool:
        return compiled.fullmatch(value) is not None

    # Tests send the same ARNs and names again and again, and a match costs a microsecond or
    # more. Only short values are remembered, so the memory this takes stays small.
    remembered = functools.lru_cache(maxsize=1024)(fullmatch)

    def matches(value: str) -> bool:
        return remembered(value) if len(value) <= 256 else fullmatch(value)

    return matches
