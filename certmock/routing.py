"""Routing: which service, operation, account and Region a wire request is for.

One function per way a request arrives: from botocore's ``before-send`` event, whose name
carries the service and operation, or as bare HTTP (a client whose session was never hooked,
and the coming server), where the service comes from the SigV4 signing scope and the operation
from the wire (X-Amz-Target, the ``Action`` parameter, or method and URI template).
"""

from __future__ import annotations

import contextlib
import functools
import re
from dataclasses import dataclass

from certmock.botocore_models import event_service_id, service_model
from certmock.partitions import DEFAULT_REGION
from certmock.protocols import ProtocolError, WireRequest, codec_for
from certmock.services import registry
from certmock.services.definition import ServiceDefinition

# SigV4: Credential=<access key id>/<date>/<region>/<signing name>/aws4_request
_CREDENTIAL_SCOPE = re.compile(r"Credential=([^/,\s]+)/\d{8}/([^/,\s]+)/([^/,\s]+)/")
_HOST_REGION = re.compile(r"\.([a-z]{2}(?:-[a-z]+)+-\d+)\.amazonaws\.com")
_ACCOUNT_ID = re.compile(r"\d{12}")
UNKNOWN_OPERATION = "(unknown operation)"


@dataclass(frozen=True)
class Target:
    """What a request calls."""

    service: str
    """botocore's name of the service (``acm-pca``), or what the request called it when
    certmock does not know the service."""
    operation: str
    definition: ServiceDefinition | None
    """The served service, or None when certmock has no model of it."""

    @property
    def served(self) -> bool:
        return self.definition is not None and self.operation in self.definition.handlers


@dataclass(frozen=True)
class Route:
    """What a request calls, and as whom."""

    target: Target
    account_id: str
    region: str


def event_target(event_name: str) -> Target:
    """What a request botocore announced as ``before-send.<service-id>.<Operation>`` calls
    (read from the name alone, so a request certmock leaves to moto is not touched)."""
    _, service_id, operation = event_name.split(".", 2)
    service = _by_event_id().get(service_id, service_id)
    return Target(service, operation, registry.definition(service))


def wire_target(request: WireRequest) -> Target:
    """What a bare HTTP request calls: the service from its signature's scope, the
    operation from the wire."""
    scope = _CREDENTIAL_SCOPE.search(request.header("authorization") or "")
    signing_name = scope.group(3) if scope else "unknown"
    service = _by_signing_name().get(signing_name, signing_name)
    definition = registry.definition(service)
    operation = UNKNOWN_OPERATION
    if definition is not None:
        model = service_model(service)
        with contextlib.suppress(ProtocolError):
            operation = codec_for(model).operation_for(model, request).name
    return Target(service, operation, definition)


def route(target: Target, request: WireRequest, default_account: str) -> Route:
    """``target`` called as the account and from the Region ``request`` names."""
    account_id, region = caller(request, default_account)
    return Route(target, account_id, region)


def caller(request: WireRequest, default_account: str) -> tuple[str, str]:
    """The (account, Region) a call is made as: a 12-digit access key id names the account,
    any other key means ``default_account``; the Region comes from the signature's scope,
    else from the host name."""
    account_id = default_account
    region = None
    scope = _CREDENTIAL_SCOPE.search(request.header("authorization") or "")
    if scope is not None:
        access_key, region, _ = scope.groups()
        if _ACCOUNT_ID.fullmatch(access_key):
            account_id = access_key
    if region is None:
        host = _HOST_REGION.search("." + (request.header("host") or ""))
        region = host.group(1) if host else DEFAULT_REGION
    return account_id, region


@functools.cache
def _by_signing_name() -> dict[str, str]:
    return {service_model(name).signing_name: name for name in registry.KNOWN_SERVICES}


@functools.cache
def _by_event_id() -> dict[str, str]:
    return {event_service_id(name): name for name in registry.KNOWN_SERVICES}
