"""What an endpoint's domain validations and external account bindings share: they are kept by
ARN, looked up with ResourceNotFoundException, and listed per endpoint in creation order."""

from __future__ import annotations

from typing import Generic, Protocol, TypeVar

from certmock.services.acm.acme.endpoints import AcmeEndpoints
from certmock.services.acm.acme.resources import not_found


class _Child(Protocol):
    @property
    def endpoint_arn(self) -> str: ...


ChildT = TypeVar("ChildT", bound=_Child)


class EndpointChildren(Generic[ChildT]):
    """One kind of resource nested under endpoints, by ARN (``what`` names it in errors)."""

    what: str

    def __init__(self, endpoints: AcmeEndpoints) -> None:
        self._endpoints = endpoints
        self._by_arn: dict[str, ChildT] = {}

    def get(self, arn: str) -> ChildT:
        found = self._by_arn.get(arn)
        if found is None:
            raise not_found(self.what, arn)
        return found

    def of(self, endpoint_arn: str) -> list[ChildT]:
        """An endpoint's, oldest first (its endpoint must exist)."""
        self._endpoints.get(endpoint_arn)
        return [child for child in self._by_arn.values() if child.endpoint_arn == endpoint_arn]
