"""The services certmock serves: for each, its backend factory and its operation handlers."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from certmock.inventory import ServiceInventory
from certmock.world import Scope

Handler = Callable[[Any, dict[str, Any]], Mapping[str, Any]]
"""``handler(backend, params) -> result``: parameters and result as the botocore shapes name
them; raises ``ServiceError``. Knows nothing of the wire."""


@dataclass(frozen=True)
class ServiceDefinition:
    name: str
    """botocore's service name (``acm-pca``)."""
    backend_factory: Callable[[Scope], Any]
    """Builds one (account, region)'s state."""
    handlers: Mapping[str, Handler]
    """Operation name -> handler; an operation without one is not emulated."""
    inventory: ServiceInventory
    """What is served of the model, operation by operation and member by member."""
    validation_error_code: str = "ValidationException"
    """The code the service uses for a violated model constraint."""


def _acm_pca() -> ServiceDefinition:
    from certmock.services.acmpca import DEFINITION

    return DEFINITION


def _acm() -> ServiceDefinition:
    from certmock.services.acm import DEFINITION

    return DEFINITION


def _rds() -> ServiceDefinition:
    from certmock.services.rds import DEFINITION

    return DEFINITION


def _apigateway() -> ServiceDefinition:
    from certmock.services.apigateway import DEFINITION

    return DEFINITION


_LOADERS: dict[str, Callable[[], ServiceDefinition]] = {
    "acm-pca": _acm_pca,
    "acm": _acm,
    "rds": _rds,
    "apigateway": _apigateway,
}

# Every service a mock can name, including those whose operations are still to come.
KNOWN_SERVICES = ("acm-pca", "acm", "rds", "apigateway")


@functools.cache
def definition(service_name: str) -> ServiceDefinition | None:
    """The definition of a served service, or None if certmock has no model of it yet."""
    loader = _LOADERS.get(service_name)
    return None if loader is None else loader()


def inventories() -> dict[str, ServiceInventory]:
    """The inventory of every served service, by botocore service name."""
    found = {name: definition(name) for name in KNOWN_SERVICES}
    return {name: served.inventory for name, served in found.items() if served is not None}
