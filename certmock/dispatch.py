"""Serving one call: wire request in, wire response out, with the world brought up to date.

Independent of botocore's event system, so a server front end can call ``serve`` as well.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from certmock.botocore_models import service_model
from certmock.errors import Declined, ServiceError
from certmock.inventory import warn_ignored
from certmock.protocols import Codec, WireRequest, WireResponse, codec_for
from certmock.protocols.base import check_body_size
from certmock.runtime import RUNTIME
from certmock.services.definition import ExtraConstraint, ServiceDefinition
from certmock.validation import validate
from certmock.world import Call

_NOTHING: frozenset[str] = frozenset()


class _Prepared(NamedTuple):
    """What serving one operation of one service needs beyond the call itself, worked out on
    its first call: the codec for the service's model gaps, and the operation's extra
    constraints."""

    service: ServiceDefinition
    codec: Codec
    constraints: tuple[ExtraConstraint, ...]


# By (id(definition), operation). An entry holds its definition, so the id is not reused
# while the entry lives; the identity check covers a definition replaced under the same id.
_prepared: dict[tuple[int, str], _Prepared] = {}


def _prepare(service: ServiceDefinition, operation_name: str) -> _Prepared:
    key = (id(service), operation_name)
    prepared = _prepared.get(key)
    if prepared is None or prepared.service is not service:
        prepared = _Prepared(
            service,
            codec_for(service_model(service.name), service.gaps),
            service.gaps.constraints_for(operation_name),
        )
        _prepared[key] = prepared
    return prepared


def serve(
    service: ServiceDefinition,
    operation_name: str,
    request: WireRequest,
    account_id: str,
    region: str,
    *,
    may_decline: bool = False,
) -> WireResponse:
    """Serve one call. With ``may_decline``, a handler's ``Declined`` propagates (the caller
    passes the request on, to moto); without, its error is the answer."""
    model = service_model(service.name)
    operation = model.operation_model(operation_name)
    prepared = _prepare(service, operation_name)
    codec = prepared.codec
    handler = service.handlers[operation_name]
    inventory = service.inventory
    served = inventory.served.get(operation_name)
    honoured = served.honoured if served is not None else _NOTHING
    world = RUNTIME.world
    # Outside the lock: events that came due go to the subscribed handlers first, at their
    # own instants, and those handlers may call certmock themselves. Without a subscriber
    # there is nothing to deliver: the catch-up under the lock below is all a call needs.
    delivering = bool(world.events.subscriptions)
    if delivering:
        world.settle()
    with world.lock:
        world.catch_up()
        request_id = world.ids.request_id()
        params: dict[str, Any] = {}
        result: Mapping[str, Any] | None = None
        error: ServiceError | None = None
        try:
            check_body_size(request)
            params = codec.parse_request(operation, request)
            if not honoured.issuperset(params):
                warn_ignored(inventory, operation_name, params)
            validate(
                operation.input_shape, params, service.validation_error_code, prepared.constraints
            )
            backend = world.backend(service, account_id, region)
            result = handler(backend, params)
            response = codec.serialize_response(operation, result, request_id)
        except Declined as declined:
            if may_decline:
                raise
            error = declined.error
            response = codec.serialize_error(operation, error, request_id)
        except ServiceError as refused:
            error = refused
            response = codec.serialize_error(operation, refused, request_id)
        world.calls.append(
            Call(
                service.name,
                operation_name,
                account_id,
                region,
                params,
                world.clock.now(),
                result=None if error else result,
                error=error,
            )
        )
    if delivering or world.events.subscriptions:
        world.settle()  # the call's own events, after it (a handler's exception propagates)
    return response
