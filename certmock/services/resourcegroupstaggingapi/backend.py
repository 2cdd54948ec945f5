"""The Resource Groups Tagging API of one account in one Region: the resources of every
taggable service of the world (and moto's, alongside), listed by their tags and tagged through
each owning service's own rules.

Plain Python: typed arguments in, plain data out, ``ServiceError`` for refusals. It keeps no
tags of its own: every tag lives with the resource, in the service that owns it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from certmock.arns import Arn
from certmock.errors import Declined, ServiceError
from certmock.services.definition import ServiceDefinition, TaggedResource
from certmock.services.resourcegroupstaggingapi import listing
from certmock.services.resourcegroupstaggingapi.listing import Tokens, invalid
from certmock.services.resourcegroupstaggingapi.moto_source import MotoSource, moto_tagging
from certmock.services.resourcegroupstaggingapi.sources import (
    SERVICE_NAME,
    Source,
    error_status,
    not_served,
    served_sources,
)
from certmock.services.toolkit.pages import SortKey
from certmock.world import Scope

Listed = tuple[Source, TaggedResource]


class TaggingBackend:
    def __init__(self, scope: Scope, owners: Sequence[ServiceDefinition]) -> None:
        self.scope = scope
        self.owners = tuple(owners)
        self.tokens = Tokens()

    # -- where resources are ------------------------------------------------------------------
    def sources(self) -> list[Source]:
        found: list[Source] = list(served_sources(self.owners, self.scope))
        tagging = moto_tagging()
        if tagging is not None:
            found.append(MotoSource(tagging, self.scope.account_id, self.scope.region))
        return found

    def listed(self) -> list[Listed]:
        """Every tagged or once-tagged resource (GetResources does not list the others)."""
        return [
            (source, resource)
            for source in self.sources()
            for resource in source.resources()
            if resource.tags or resource.once_tagged
        ]

    def page(
        self,
        found: Sequence[Listed],
        *,
        query: Mapping[str, Any],
        token: str | None,
        limit: int,
        tags_per_page: int | None = None,
    ) -> tuple[list[Listed], str | None]:
        """One page of ``found``: at most ``limit`` resources and ``tags_per_page`` tags."""
        now = self.scope.now()
        name = f"GetResources/{listing.digest(query)}"

        def key(entry: Listed) -> SortKey:
            return listing.sort_key(entry[0].rank, entry[1])

        selected, following = self.tokens.page(
            found, key, listing=name, token=token, limit=limit, now=now
        )
        fit = listing.fitting((resource for _, resource in selected), tags_per_page)
        if fit < len(selected):
            selected, following = self.tokens.page(
                found, key, listing=name, token=token, limit=fit, now=now
            )
        return selected, self.tokens.issue(following, now)

    def words(
        self, of: Callable[[TaggedResource], list[str]], *, listing_name: str, token: str | None
    ) -> tuple[list[str], str | None]:
        """Distinct tag keys or values in use, sorted, a page at a time."""
        found = sorted({word for _, resource in self.listed() for word in of(resource)})
        now = self.scope.now()
        selected, following = self.tokens.page(
            found,
            lambda word: (word, 0),
            listing=listing_name,
            token=token,
            limit=WORDS_PER_PAGE,
            now=now,
        )
        return selected, self.tokens.issue(following, now)

    # -- tagging ------------------------------------------------------------------------------
    def tag_resources(self, arns: Sequence[str], tags: Mapping[str, str]) -> dict[str, Any]:
        return self._each(arns, lambda source, arn: source.tag(arn, tags))

    def untag_resources(self, arns: Sequence[str], keys: Sequence[str]) -> dict[str, Any]:
        return self._each(arns, lambda source, arn: source.untag(arn, keys))

    def _each(
        self, arns: Sequence[str], act: Callable[[Source, str], None]
    ) -> dict[str, dict[str, Any]]:
        """Act on each resource through its owner; a refusal fails that resource alone and is
        reported in FailedResourcesMap with the owner's code, status and message."""
        parsed = [self._checked_arn(arn) for arn in arns]
        sources = self.sources()
        failed: dict[str, dict[str, Any]] = {}
        for arn, found in zip(arns, parsed, strict=True):
            try:
                self._act(arn, found, sources, act)
            except _Failed as failure:
                failed[arn] = failure.info
        return failed

    def _checked_arn(self, arn: str) -> Arn:
        found = Arn.parse(arn)
        if found is None:
            raise invalid(f"{arn} is not a valid ARN: arn:<partition>:<service>:<region>:...")
        if found.partition != self.scope.partition:
            raise invalid(
                f"The partition of {arn} ({found.partition}) does not match the partition of "
                f"{self.scope.region} ({self.scope.partition}), where this call was made."
            )
        return found

    def _act(
        self, arn: str, found: Arn, sources: Sequence[Source], act: Callable[[Source, str], None]
    ) -> None:
        elsewhere = (found.region and found.region != self.scope.region) or (
            found.account_id and found.account_id != self.scope.account_id
        )
        if elsewhere:
            raise _Failed.of(
                invalid(
                    f"{arn} is not in account {self.scope.account_id} and Region "
                    f"{self.scope.region}: resources are tagged only from their own account "
                    "and Region."
                ),
                error_status(SERVICE_NAME, "InvalidParameterException"),
            )
        owners = [source for source in sources if source.owns(arn)]
        if not owners:
            refused = not_served(arn)
            raise _Failed.of(refused, error_status(SERVICE_NAME, refused.code))
        for position, source in enumerate(owners):
            try:
                act(source, arn)
                return
            except Declined as declined:
                # About something the certmock service does not model: moto's, if moto runs.
                if position == len(owners) - 1:
                    raise _Failed.of(
                        declined.error, source.status_of(declined.error.code)
                    ) from None
            except ServiceError as refused:
                raise _Failed.of(refused, source.status_of(refused.code)) from None


WORDS_PER_PAGE = 100
"""GetTagKeys and GetTagValues: how many a page holds (AWS does not say)."""


class _Failed(Exception):
    def __init__(self, info: dict[str, Any]) -> None:
        super().__init__(info["ErrorMessage"])
        self.info = info

    @classmethod
    def of(cls, error: ServiceError, status: int) -> _Failed:
        return cls({"StatusCode": status, "ErrorCode": error.code, "ErrorMessage": error.message})
