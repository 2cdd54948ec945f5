"""Where the tagging API finds resources: each served service that declares itself taggable
(through its own ``ResourceTags``, never by import), and moto's taggable backends when moto's
``mock_aws`` runs alongside."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

from certmock.botocore_models import service_model
from certmock.errors import ServiceError
from certmock.services.definition import ResourceTags, ServiceDefinition, TaggedResource
from certmock.world import Scope

SERVICE_NAME = "resourcegroupstaggingapi"


def error_status(service_name: str, code: str) -> int:
    """The HTTP status ``service_name``'s model gives the error ``code`` (FailureInfo's
    StatusCode): the owning service's own, as AWS reports it; 400 for a code the model does
    not name as a shape."""
    model = service_model(service_name)
    if code not in model.shape_names:
        return 400
    status: int = model.shape_for(code).metadata.get("error", {}).get("httpStatusCode", 400)
    return status


class Source(Protocol):
    """One owner of resources the tagging API lists and tags."""

    rank: int
    """Listings show lower ranks first (certmock's resources, then moto's)."""

    def owns(self, arn: str) -> bool: ...

    def resources(self) -> Iterable[TaggedResource]: ...

    def tag(self, arn: str, tags: Mapping[str, str]) -> None: ...

    def untag(self, arn: str, keys: Sequence[str]) -> None: ...

    def status_of(self, code: str) -> int:
        """The HTTP status of one of its errors, for FailureInfo."""
        ...


class ServedSource:
    """A certmock service's resources in the caller's account and Region."""

    rank = 0

    def __init__(self, definition: ServiceDefinition, scope: Scope) -> None:
        assert definition.taggable is not None
        self.definition = definition
        self.taggable = definition.taggable
        self.scope = scope

    def owns(self, arn: str) -> bool:
        return arn.split(":")[2:3] == [self.definition.name]

    def _tags(self, *, create: bool) -> ResourceTags | None:
        world, account, region = self.scope.world, self.scope.account_id, self.scope.region
        if create:
            backend: Any = world.backend(self.definition, account, region)
        else:
            # Listing never creates a service's state that no call has created.
            backend = world.backends(self.definition.name).get((account, region))
        return None if backend is None else self.taggable.tags_of(backend)

    def resources(self) -> Iterable[TaggedResource]:
        tags = self._tags(create=False)
        return () if tags is None else tags.resources()

    def tag(self, arn: str, tags: Mapping[str, str]) -> None:
        owner = self._tags(create=True)
        assert owner is not None
        owner.tag(arn, tags)

    def untag(self, arn: str, keys: Sequence[str]) -> None:
        owner = self._tags(create=True)
        assert owner is not None
        owner.untag(arn, keys)

    def status_of(self, code: str) -> int:
        return error_status(self.definition.name, code)


def served_sources(owners: Sequence[ServiceDefinition], scope: Scope) -> list[ServedSource]:
    return [ServedSource(owner, scope) for owner in owners if owner.taggable is not None]


def not_served(arn: str) -> ServiceError:
    # FailureInfo's documentation: InternalServiceException "can also mean that the resource
    # type in the request is not supported by the Resource Groups Tagging API".
    return ServiceError(
        "InternalServiceException",
        f"certmock cannot tag {arn}: it keeps tags for ACM certificates, private CAs and API "
        "Gateway client certificates (and, while moto's mock_aws is active, moto's taggable "
        "resources).",
    )
