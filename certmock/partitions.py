"""AWS partitions from botocore's own partition data: which partition a Region belongs to, and
the partition's DNS suffixes. Loaded once; every ARN and endpoint certmock writes uses it."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

import botocore.loaders

DEFAULT_REGION = "us-east-1"
DEFAULT_PARTITION = "aws"


@dataclass(frozen=True)
class Partition:
    id: str
    regions: frozenset[str]
    region_pattern: re.Pattern[str]
    dns_suffix: str
    dual_stack_dns_suffix: str


@functools.cache
def _partitions() -> tuple[Partition, ...]:
    data: dict[str, Any] = botocore.loaders.create_loader().load_data("partitions")
    return tuple(
        Partition(
            entry["id"],
            frozenset(entry.get("regions", {})),
            re.compile(entry["regionRegex"]),
            str(entry["outputs"]["dnsSuffix"]),
            str(entry["outputs"].get("dualStackDnsSuffix", "api.aws")),
        )
        for entry in data["partitions"]
    )


@functools.cache
def _by_id() -> dict[str, Partition]:
    return {partition.id: partition for partition in _partitions()}


@functools.lru_cache(maxsize=256)
def partition_of(region: str) -> str:
    """``aws``, ``aws-cn``, ``aws-us-gov``, ...; ``aws`` for a region no partition claims."""
    for partition in _partitions():
        if region in partition.regions:
            return partition.id
    for partition in _partitions():
        if partition.region_pattern.match(region):
            return partition.id
    return DEFAULT_PARTITION


def is_known_region(region: str) -> bool:
    """Whether botocore's partition data names ``region`` (of any partition)."""
    return any(region in partition.regions for partition in _partitions())


def _partition(partition: str) -> Partition:
    return _by_id().get(partition) or _by_id()[DEFAULT_PARTITION]


def dns_suffix(partition: str) -> str:
    """The partition's DNS suffix (``amazonaws.com``, ``amazonaws.com.cn``, ...)."""
    return _partition(partition).dns_suffix


def dual_stack_dns_suffix(partition: str) -> str:
    """The partition's dual-stack suffix (``api.aws`` for ``aws``)."""
    return _partition(partition).dual_stack_dns_suffix
