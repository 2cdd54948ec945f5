"""What a test can do to ACM that no AWS API call does: approve domain validation, say that an
AWS service uses a certificate, and act as an ACME client (register and deactivate accounts).
Exposed on the mock's handle as ``cm.acm``.

Each function finds the account and region from the ARN it is given, brings the world up to
the clock first, and raises ``KeyError`` for an ARN certmock does not know.
"""

from __future__ import annotations

from collections.abc import Iterable

from certmock.arns import Arn
from certmock.errors import ServiceError
from certmock.services.acm.acme.accounts import AccountKey
from certmock.services.acm.acme.backend import AcmeBackend
from certmock.services.acm.acme.resources import ACME_ARN
from certmock.services.acm.backend import SERVICE_NAME, AcmBackend
from certmock.services.acm.store import CERTIFICATE_ARN
from certmock.world import World


def _backend(world: World, arn: str) -> AcmBackend:
    parsed = CERTIFICATE_ARN.parse(arn)
    if parsed is None:
        raise KeyError(f"{arn} is not the ARN of an ACM certificate")
    return _backend_of(world, parsed, f"no ACM certificate {arn} in this world")


def _checked(world: World, arn: str) -> AcmBackend:
    backend = _backend(world, arn)
    try:
        backend.store.certificate(arn)
    except ServiceError:
        raise KeyError(f"no ACM certificate {arn} in this world") from None
    return backend


def _acme(world: World, arn: str) -> AcmeBackend:
    parsed = ACME_ARN.parse(arn)
    if parsed is None:
        raise KeyError(f"{arn} is not the ARN of an ACME endpoint or of one of its resources")
    return _backend_of(world, parsed, f"no ACME resource {arn} in this world").acme


def _backend_of(world: World, parsed: Arn, missing: str) -> AcmBackend:
    """The backend of the ARN's account and region, the world brought up to the clock."""
    world.catch_up()
    backend = world.backends(SERVICE_NAME).get((parsed.account_id, parsed.region))
    if not isinstance(backend, AcmBackend):
        raise KeyError(missing)
    return backend


def validate(world: World, arn: str) -> None:
    """Complete a public certificate's pending domain validation now, as if its CNAME records
    were found or its approval e-mail clicked: a PENDING_VALIDATION request is issued; a
    renewal waiting for e-mail approval completes. An ACME domain validation's ARN ends its
    VALIDATING now (VALID, or INVALID where certmock sees why). ``ValueError`` if nothing is
    pending."""
    with world.lock:
        if ACME_ARN.parse(arn) is not None:
            try:
                _acme(world, arn).domain_validations.complete(arn)
            except ServiceError:
                raise KeyError(f"no ACME domain validation {arn} in this world") from None
            return
        _checked(world, arn).validate(arn)


def fail_acme_domain_validation(
    world: World, arn: str, reason: str = "TIMED_OUT", message: str | None = None
) -> None:
    """Make an ACME domain validation INVALID now with ``FailureDetails`` ``reason`` (an
    AcmeDomainValidationFailureReason), as if ACM did not find, or no longer finds, its CNAME
    record. A pending validation is over; UpdateAcmeDomainValidation starts a new one."""
    with world.lock:
        try:
            _acme(world, arn).domain_validations.fail(arn, reason, message)
        except ServiceError:
            raise KeyError(f"no ACME domain validation {arn} in this world") from None


def register_acme_account(
    world: World,
    endpoint_arn: str,
    key_id: str,
    mac_key: str,
    *,
    contacts: Iterable[str] = (),
    account_key: AccountKey | None = None,
) -> str:
    """Register an ACME account with an endpoint, as an ACME client's newAccount request with
    external account binding does (RFC 8555, sections 7.3 and 7.3.4), and return its account
    URL. ``key_id`` and ``mac_key`` are what GetAcmeExternalAccountBindingCredentials returns;
    ``account_key`` (a ``cryptography`` RSA, EC or Ed25519 key, public or private) gives the
    account its real ``PublicKeyThumbprint``, and registering the same key again returns the
    same account. ``ValueError`` when the ACME server would refuse: the endpoint is not
    ACTIVE, no binding of the endpoint has the key id, the MAC key is wrong, the binding is
    revoked or expired, or the endpoint requires contacts and none are given."""
    with world.lock:
        try:
            acme = _acme(world, endpoint_arn)
            acme.endpoints.get(endpoint_arn)
        except ServiceError:
            raise KeyError(f"no ACME endpoint {endpoint_arn} in this world") from None
        registered = acme.accounts.register(
            endpoint_arn, key_id, mac_key, contacts=contacts, account_key=account_key
        )
        return registered.url


def deactivate_acme_account(world: World, endpoint_arn: str, account_url: str) -> None:
    """The ACME client deactivates its account (RFC 8555, section 7.3.6): DEACTIVATED, for
    good. ``ValueError`` unless it is VALID."""
    with world.lock:
        acme = _acme(world, endpoint_arn)
        try:
            acme.accounts.get(endpoint_arn, account_url)
        except ServiceError:
            raise KeyError(f"no ACME account {account_url} of {endpoint_arn}") from None
        acme.accounts.deactivate(endpoint_arn, account_url)


def use(world: World, arn: str, resource_arn: str) -> None:
    """Record that ``resource_arn`` (a load balancer, say) uses the certificate: it appears in
    InUseBy, makes ACM-issued certificates eligible for renewal, and blocks deletion."""
    with world.lock:
        _checked(world, arn).store.use(arn, resource_arn)


def release(world: World, arn: str, resource_arn: str) -> None:
    """Undo :func:`use`."""
    with world.lock:
        _checked(world, arn).store.release(arn, resource_arn)


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

    def register_acme_account(
        self,
        endpoint_arn: str,
        key_id: str,
        mac_key: str,
        *,
        contacts: Iterable[str] = (),
        account_key: AccountKey | None = None,
    ) -> str:
        return register_acme_account(
            self._world,
            endpoint_arn,
            key_id,
            mac_key,
            contacts=contacts,
            account_key=account_key,
        )

    def deactivate_acme_account(self, endpoint_arn: str, account_url: str) -> None:
        deactivate_acme_account(self._world, endpoint_arn, account_url)

    def fail_acme_domain_validation(
        self, arn: str, reason: str = "TIMED_OUT", message: str | None = None
    ) -> None:
        fail_acme_domain_validation(self._world, arn, reason, message)
