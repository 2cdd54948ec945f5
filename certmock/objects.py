"""The world's object store: where ACM Private CA writes CRLs and audit reports.

It stands in for the S3 buckets a CA is configured with. Buckets spring into being on first
write (certmock does not model S3 permissions), and objects are read back from the handle:
``cm.objects.get(bucket, key)`` and ``cm.objects.keys(bucket)``.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass


@dataclass(frozen=True)
class StoredObject:
    body: bytes
    written_at: _dt.datetime
    content_type: str


class ObjectStore:
    def __init__(self) -> None:
        self._buckets: dict[str, dict[str, StoredObject]] = {}

    def put(
        self,
        bucket: str,
        key: str,
        body: bytes,
        *,
        written_at: _dt.datetime,
        content_type: str = "application/octet-stream",
    ) -> None:
        self._buckets.setdefault(bucket, {})[key] = StoredObject(body, written_at, content_type)

    def get(self, bucket: str, key: str) -> bytes:
        """The object's bytes; ``KeyError`` naming what exists when there is no such object."""
        return self.head(bucket, key).body

    def head(self, bucket: str, key: str) -> StoredObject:
        """The object with when it was written and its content type."""
        objects = self._buckets.get(bucket)
        if objects is None:
            raise KeyError(
                f"no object was written to bucket {bucket!r} (buckets: {self.buckets()})"
            )
        try:
            return objects[key]
        except KeyError:
            raise KeyError(
                f"no object {key!r} in bucket {bucket!r} (keys: {sorted(objects)})"
            ) from None

    def keys(self, bucket: str, prefix: str = "") -> list[str]:
        """The keys written to ``bucket`` (starting with ``prefix``), sorted; [] for a bucket
        nothing was written to."""
        return sorted(key for key in self._buckets.get(bucket, {}) if key.startswith(prefix))

    def buckets(self) -> list[str]:
        return sorted(self._buckets)

    def clear(self) -> None:
        self._buckets.clear()
