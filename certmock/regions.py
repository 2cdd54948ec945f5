"""Which partition a region belongs to, from botocore's own partition data."""

from __future__ import annotations

import functools
import re
from typing import Any

import botocore.loaders

DEFAULT_REGION = "us-east-1"


@functools.cache
def _partitions() -> tuple[tuple[str, frozenset[str], re.Pattern[str]], ...]:
    data: dict[str, Any] = botocore.loaders.create_loader().load_data("partitions")
    return tuple(
        (p["id"], frozenset(p.get("regions", {})), re.compile(p["regionRegex"]))
        for p in data["partitions"]
    )


@functools.lru_cache(maxsize=256)
def partition_of(region: str) -> str:
    """``aws``, ``aws-cn``, ``aws-us-gov``, ...; ``aws`` for a region no partition claims."""
    for partition, regions, _ in _partitions():
        if region in regions:
            return partition
    for partition, _, pattern in _partitions():
        if pattern.match(region):
            return partition
    return "aws"


@functools.cache
def dns_suffix(partition: str) -> str:
    """The partition's DNS suffix (``amazonaws.com``, ``amazonaws.com.cn``, ...)."""
    data: dict[str, Any] = botocore.loaders.create_loader().load_data("partitions")
    for entry in data["partitions"]:
        if entry["id"] == partition:
            return str(entry["outputs"]["dnsSuffix"])
    return "amazonaws.com"
