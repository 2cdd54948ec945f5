"""moto's taggable resources, while moto's ``mock_aws`` runs alongside certmock.

moto (5.2 and later) keeps the resources of its backends that take part in the Resource Groups
Tagging API behind ``moto.core.resource_tagging``. certmock never imports moto: it reads the
modules moto has already loaded, so without moto nothing here runs.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from certmock.errors import ServiceError
from certmock.services.definition import TaggedResource


def _stubber() -> Any:
    return getattr(sys.modules.get("moto.core.models"), "botocore_stubber", None)


def moto_tagging() -> Any:
    """moto's ``resource_tagging`` module, when moto's mock is active and has one."""
    if not getattr(_stubber(), "enabled", False):
        return None
    return sys.modules.get("moto.core.resource_tagging")


class MotoSource:
    """moto's taggable backends of one account and Region."""

    rank = 1

    def __init__(self, tagging: Any, account_id: str, region: str) -> None:
        self._tagging = tagging
        self.account_id = account_id
        self.region = region

    def _backends(self) -> list[Any]:
        return list(self._tagging.iter_taggable_backends(self.account_id, self.region))

    def owns(self, arn: str) -> bool:
        return any(backend.owns_arn(arn) for backend in self._backends())

    def resources(self) -> Iterator[TaggedResource]:
        for backend in self._backends():
            for resource in backend.iter_tagged_resources():
                yield TaggedResource(
                    resource.arn,
                    resource.resource_type,
                    dict(resource.tags),
                    0,
                    # moto lists an untagged resource only when its backend asks it to.
                    bool(resource.extra.get("include_untagged")),
                )

    def _owner(self, arn: str) -> Any:
        return next(backend for backend in self._backends() if backend.owns_arn(arn))

    def tag(self, arn: str, tags: Mapping[str, str]) -> None:
        self._call(arn, "tag_resource", dict(tags))

    def untag(self, arn: str, keys: Sequence[str]) -> None:
        self._call(arn, "untag_resource", list(keys))

    def _call(self, arn: str, method: str, argument: Any) -> None:
        try:
            getattr(self._owner(arn), method)(arn, argument)
        except NotImplementedError:
            raise ServiceError(
                "InternalServiceException",
                f"moto's backend for {arn} does not tag through the Resource Groups Tagging API",
            ) from None
        except Exception as refused:
            code = getattr(refused, "error_type", None)
            if not isinstance(code, str):
                raise
            raise ServiceError(code, str(getattr(refused, "message", refused))) from None

    def status_of(self, code: str) -> int:
        return 400
