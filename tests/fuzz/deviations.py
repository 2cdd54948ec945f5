"""Output constraint breaches (enum, length, range, pattern) that are true of AWS itself: each
service declares them as data (``ModelGaps.answers_beyond_model``, listed in docs/requests.md);
a declared one is allowed, any other fails the fuzz test that met it."""

from __future__ import annotations

import re

from certmock.services.definition import AnswerBeyondModel
from certmock.services.registry import SERVICES

DECLARED: dict[str, tuple[AnswerBeyondModel, ...]] = {
    service.name: service.gaps.answers_beyond_model for service in SERVICES
}

# The breach texts of conformance.py: "<path>: length 0 outside TagList's [1, 50]",
# "<path>: 'RSA-2048' is not one of KeyAlgorithm's enum", "<path>: '...' does not match
# PrivateKey's pattern '...'".
_OUTSIDE = re.compile(
    r": (?:length )?(-?[\d.]+) outside (\w+)'s \[(-?[\d.]+|None), (-?[\d.]+|None)\]"
)
_ENUM = re.compile(r" is not one of (\w+)'s enum")
_PATTERN = re.compile(r" does not match (\w+)'s pattern")


def _breaks(breach: str) -> tuple[str, str] | None:
    """The (shape, constraint) a breach text reports, or None if it is not one of the above."""
    outside = _OUTSIDE.search(breach)
    if outside is not None:
        value, shape, low = float(outside.group(1)), outside.group(2), outside.group(3)
        return shape, "min" if low != "None" and value < float(low) else "max"
    for pattern, constraint in ((_ENUM, "enum"), (_PATTERN, "pattern")):
        found = pattern.search(breach)
        if found is not None:
            return found.group(1), constraint
    return None


def undeclared(service: str, breaches: list[str]) -> list[str]:
    declared = {(answer.shape, answer.constraint) for answer in DECLARED.get(service, ())}
    return [breach for breach in breaches if _breaks(breach) not in declared]
