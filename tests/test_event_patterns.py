"""EventBridge event patterns as ``cm.events.subscribe(pattern=...)`` matches them: the same
verdicts as moto's EventBridge (a second, independent reading of the language) on an ACM
event."""

from __future__ import annotations

from typing import Any, cast

import moto
import pytest
from moto.events.models import EventPattern

from certmock.event_patterns import compile_pattern

EVENT: dict[str, Any] = {
    "version": "0",
    "id": "5a4c3c8e-1f0b-4d8a-9c62-0c3e1b0a9f11",
    "detail-type": "ACM Certificate Approaching Expiration",
    "source": "aws.acm",
    "account": "123456789012",
    "time": "2026-01-31T12:00:00Z",
    "region": "eu-west-1",
    "resources": ["arn:aws:acm:eu-west-1:123456789012:certificate/abc"],
    "detail": {"DaysToExpiry": 30, "CommonName": "shop.example.com", "InUse": False},
}

PATTERNS: list[dict[str, Any]] = [
    {"source": ["aws.acm"]},
    {"source": ["aws.acm-pca"]},
    {"source": ["aws.acm-pca", "aws.acm"], "detail-type": ["ACM Certificate Expired"]},
    {"resources": ["arn:aws:acm:eu-west-1:123456789012:certificate/abc"]},
    {"resources": [{"prefix": "arn:aws:acm:eu-west-1:"}]},
    {"resources": [{"prefix": "arn:aws:acm:us-east-1:"}]},
    {"detail-type": [{"suffix": "Expiration"}]},
    {"detail-type": [{"prefix": {"equals-ignore-case": "acm certificate"}}]},
    {"detail-type": [{"equals-ignore-case": "acm certificate approaching expiration"}]},
    {"detail": {"DaysToExpiry": [30]}},
    {"detail": {"DaysToExpiry": [30.0]}},
    {"detail": {"DaysToExpiry": ["30"]}},
    {"detail": {"DaysToExpiry": [{"numeric": ["<=", 30]}]}},
    {"detail": {"DaysToExpiry": [{"numeric": [">", 0, "<", 30]}]}},
    {"detail": {"DaysToExpiry": [{"numeric": ["=", 30]}]}},
    {"detail": {"InUse": [False]}},
    {"detail": {"InUse": [True]}},
    {"detail": {"Action": [{"exists": False}]}},
    {"detail": {"Action": [{"exists": True}]}},
    {"detail": {"CommonName": [{"anything-but": "shop.example.com"}]}},
    {"detail": {"CommonName": [{"anything-but": ["www.example.com", "api.example.com"]}]}},
    {"detail": {"CommonName": [{"anything-but": {"prefix": "shop."}}]}},
    {"detail": {"CommonName": [{"wildcard": "*.example.com"}]}},
    {"detail": {"CommonName": [{"wildcard": "*.example.org"}]}},
    {"detail": {"CommonName": [{"prefix": "shop"}], "DaysToExpiry": [31]}},
    {"$or": [{"detail": {"DaysToExpiry": [31]}}, {"source": ["aws.acm"]}]},
    {"$or": [{"detail": {"DaysToExpiry": [31]}}, {"source": ["aws.acm-pca"]}]},
    {"detail": {"Missing": {"Deeper": [{"exists": False}]}}},
]


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(".")[:2] if part.isdigit())


# moto's matcher knows the whole language from 5.2 (5.0 warns "filter logic unimplemented").
needs_full_moto_matcher = pytest.mark.skipif(
    _version(moto.__version__) < (5, 2), reason="moto's EventBridge matcher is partial before 5.2"
)


@needs_full_moto_matcher
@pytest.mark.parametrize("pattern", PATTERNS, ids=[str(p) for p in PATTERNS])
def test_a_pattern_matches_as_moto_eventbridge_decides(pattern: dict[str, Any]) -> None:
    expected = EventPattern(None, pattern).matches_event(cast(Any, EVENT))
    assert compile_pattern(pattern)(EVENT) is expected


def test_json_false_is_not_the_number_zero() -> None:
    # EventBridge compares JSON values, where false and 0 differ; moto's matcher compares
    # Python values (False == 0), so this one is not checked against moto.
    assert not compile_pattern({"detail": {"InUse": [0]}})(EVENT)
    assert not compile_pattern({"detail": {"DaysToExpiry": [True]}})(
        {"detail": {"DaysToExpiry": 1}}
    )


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ({}, "pattern must be a non-empty JSON object"),
        ({"source": "aws.acm"}, r"pattern.source must be a non-empty list"),
        ({"source": []}, r"pattern.source must be a non-empty list"),
        ({"detail": {"ip": [{"cidr": "10.0.0.0/8"}]}}, "does not match the 'cidr' filter"),
        ({"detail": {"n": [{"numeric": ["~", 1]}]}}, r"numeric takes \[operator, number"),
        ({"detail": {"n": [{"exists": "yes"}]}}, "exists takes true or false"),
        ({"$or": [{"source": ["aws.acm"]}]}, "at least two patterns"),
        ({"source": [{"prefix": "a", "suffix": "b"}]}, "a one-key object"),
    ],
)
def test_a_pattern_certmock_cannot_match_is_refused(pattern: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        compile_pattern(pattern)
