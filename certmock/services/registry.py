"""The services certmock serves. Adding one is its own package plus one line here; the mock
factories, ``KNOWN_SERVICES``, routing and the docs' coverage tables are derived from this."""

from __future__ import annotations

from certmock.inventory import ServiceInventory
from certmock.services import acm, acmpca, apigateway, rds, resourcegroupstaggingapi
from certmock.services.definition import ServiceDefinition

_OWNERS: tuple[ServiceDefinition, ...] = (
    acmpca.DEFINITION,
    acm.DEFINITION,
    rds.DEFINITION,
    apigateway.DEFINITION,
)
"""The services that own resources; the tagging API reaches those that declare themselves
taggable, handed to it here so that it imports none of them."""

SERVICES: tuple[ServiceDefinition, ...] = (
    *_OWNERS,
    resourcegroupstaggingapi.definition(_OWNERS),
)

KNOWN_SERVICES: tuple[str, ...] = tuple(service.name for service in SERVICES)

_BY_NAME = {service.name: service for service in SERVICES}


def definition(service_name: str) -> ServiceDefinition | None:
    """The definition of a served service, or None if certmock has no model of it."""
    return _BY_NAME.get(service_name)


def inventories() -> dict[str, ServiceInventory]:
    """The inventory of every served service, by botocore service name."""
    return {service.name: service.inventory for service in SERVICES}
