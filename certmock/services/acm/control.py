"""What a test can do to ACM that no AWS API call does: approve domain validation, and say
that an AWS service uses a certificate. Exposed on the mock's handle as ``cm.acm``.

Each function finds the certificate's account and region from its ARN, brings the world up to
the clock first, and raises ``KeyError`` for an ARN certmock does not know.
"""

from __future__ import annotations

from certmock.errors import ServiceError
from certmock.services.acm.arns import parse_certificate_arn
from certmock.services.acm.backend import AcmBackend
from certmock.world import World


def _backend(world: World, arn: str) -> AcmBackend:
    from certmock.services.acm import DEFINITION

    parsed = parse_certificate_arn(arn)
    world.catch_up()
    backend = world.backends(DEFINITION.name).get((parsed.account_id, parsed.region))
    if not isinstance(backend, AcmBackend):
        raise KeyError(f"no ACM certificate {arn} in this world")
    return backend


def _checked(world: World, arn: str) -> AcmBackend:
    backend = _backend(world, arn)
    try:
        backend.certificate(arn)
    except ServiceError:
        raise KeyError(f"no ACM certificate {arn} in this world") from None
    return backend


def validate(world: World, arn: str) -> None:
    """Complete a public certificate's pending domain validation now, as if its CNAME records
    were found or its approval e-mail clicked: a PENDING_VALIDATION request is issued; a
    renewal waiting for e-mail approval completes. ``ValueError`` if nothing is pending."""
    with world.lock:
        _checked(world, arn).validate(arn)


def use(world: World, arn: str, resource_arn: str) -> None:
    """Record that ``resource_arn`` (a load balancer, say) uses the certificate: it appears in
    InUseBy, makes ACM-issued certificates eligible for renewal, and blocks deletion."""
    with world.lock:
        _checked(world, arn).use(arn, resource_arn)


def release(world: World, arn: str, resource_arn: str) -> None:
    """Undo :func:`use`."""
    with world.lock:
        _checked(world, arn).release(arn, resource_arn)


class AcmControl:
    """The handle's ``cm.acm``: the functions above bound to one world."""

    def __init__(self, world: World) -> None:
        self._world = world

    def validate(self, arn: str) -> None:
        validate(self._world, arn)

    def use(self, arn: str, resource_arn: str) -> None:
        use(self._world, arn, resource_arn)

    def release(self, arn: str, resource_arn: str) -> None:
        release(self._world, arn, resource_arn)
