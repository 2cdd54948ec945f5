"""ACM's ACME resources in one account and region: the rules, and the state on the clock.

Endpoints own their domain validations, external account bindings and ACME accounts: those
ARNs (and account URLs) are nested under the endpoint's, and deleting an endpoint deletes them
too (DeleteAcmeEndpoint documentation). What AWS does asynchronously is on the world's
timeline: domain validation always (60 s); provisioning and deletion only with
``realistic=True`` (30 s each), instant otherwise.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from certmock.errors import ServiceError
from certmock.services.acm.acme import accounts as accounts_
from certmock.services.acm.acme import arns, bindings, domain_validations, endpoints, tags
from certmock.services.acm.acme.accounts import AcmeAccount
from certmock.services.acm.acme.bindings import ExternalAccountBinding
from certmock.services.acm.acme.domain_validations import AcmeDomainValidation
from certmock.services.acm.acme.endpoints import AcmeEndpoint
from certmock.services.acm.acme.idempotency import Tokens
from certmock.world import Scope

# Quotas: AWS's ACME quotas are not in the sources certmock draws on; these are certmock's.
MAX_ENDPOINTS = 10
"""Endpoints per account and region (DELETING ones count until they are gone)."""
MAX_DOMAIN_VALIDATIONS = 100
"""Domain validations per endpoint."""
MAX_BINDINGS = 100
"""External account bindings per endpoint (revoked and expired ones count until deleted)."""

# Realistic mode only (the ACK controller's tests wait about 30 s for an endpoint to turn
# ACTIVE; the waiters poll every 5 s).
PROVISIONING_DELAY = _dt.timedelta(seconds=30)
DELETION_DELAY = _dt.timedelta(seconds=30)

Taggable = AcmeEndpoint | AcmeDomainValidation | ExternalAccountBinding


def _not_found(what: str, name: str) -> ServiceError:
    return ServiceError("ResourceNotFoundException", f"Could not find {what} {name}.")


class AcmeBackend:
    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self._endpoints: dict[str, AcmeEndpoint] = {}
        self._validations: dict[str, AcmeDomainValidation] = {}
        self._bindings: dict[str, ExternalAccountBinding] = {}
        self._accounts: dict[str, AcmeAccount] = {}
        """By account URL."""
        self._tokens = {
            arns.ENDPOINT: Tokens("CreateAcmeEndpoint", self._schedule_lapse),
            arns.DOMAIN_VALIDATION: Tokens("CreateAcmeDomainValidation", self._schedule_lapse),
            arns.EXTERNAL_ACCOUNT_BINDING: Tokens(
                "CreateAcmeExternalAccountBinding", self._schedule_lapse
            ),
        }

    def _schedule_lapse(self, due: _dt.datetime, lapse: Callable[[], None]) -> None:
        self.scope.schedule(due, lambda _: lapse())

    # -- looking things up ------------------------------------------------------------------
    def endpoint(self, arn: str) -> AcmeEndpoint:
        found = self._endpoints.get(arn)
        if found is None:
            # Another account's or region's endpoint is simply not found from here.
            raise _not_found("ACME endpoint", arn)
        return found

    def domain_validation(self, arn: str) -> AcmeDomainValidation:
        found = self._validations.get(arn)
        if found is None:
            raise _not_found("ACME domain validation", arn)
        return found

    def binding(self, arn: str) -> ExternalAccountBinding:
        found = self._bindings.get(arn)
        if found is None:
            raise _not_found("ACME external account binding", arn)
        return found

    def account(self, endpoint_arn: str, url: str) -> AcmeAccount:
        self.endpoint(endpoint_arn)
        found = self._accounts.get(url)
        if found is None or found.endpoint_arn != endpoint_arn:
            raise _not_found(f"ACME account of endpoint {endpoint_arn}:", url)
        return found

    def endpoints(self) -> list[AcmeEndpoint]:
        """Oldest first."""
        return list(self._endpoints.values())

    def domain_validations(self, endpoint_arn: str) -> list[AcmeDomainValidation]:
        self.endpoint(endpoint_arn)
        return [v for v in self._validations.values() if v.endpoint_arn == endpoint_arn]

    def bindings(self, endpoint_arn: str) -> list[ExternalAccountBinding]:
        self.endpoint(endpoint_arn)
        return [b for b in self._bindings.values() if b.endpoint_arn == endpoint_arn]

    def accounts(self, endpoint_arn: str) -> list[AcmeAccount]:
        self.endpoint(endpoint_arn)
        return [a for a in self._accounts.values() if a.endpoint_arn == endpoint_arn]

    def _parent(self, endpoint_arn: str, creating: str) -> AcmeEndpoint:
        """The endpoint a new domain validation or binding goes under: CREATING or ACTIVE."""
        parent = self.endpoint(endpoint_arn)
        if parent.status not in (endpoints.CREATING, endpoints.ACTIVE):
            raise ServiceError(
                "ConflictException",
                f"The ACME endpoint {endpoint_arn} is {parent.status}; {creating} can be "
                "created only under a CREATING or ACTIVE endpoint.",
            )
        return parent

    def _new_id(self) -> str:
        return self.scope.new_uuid()

    # -- endpoints --------------------------------------------------------------------------
    def create_endpoint(
        self,
        *,
        authorization_behavior: str,
        certificate_authority: Mapping[str, Any],
        contact: str | None = None,
        tags_given: Sequence[Mapping[str, str]] | None = None,
        certificate_tags: Sequence[Mapping[str, str]] | None = None,
        idempotency_token: str | None = None,
    ) -> str:
        request = {
            "AuthorizationBehavior": authorization_behavior,
            "CertificateAuthority": certificate_authority,
            "Contact": contact,
            "Tags": tags_given,
            "CertificateTags": certificate_tags,
        }
        tokens = self._tokens[arns.ENDPOINT]
        repeated = tokens.replay(idempotency_token, request)
        if repeated is not None:
            return repeated
        key_algorithms = endpoints.allowed_key_algorithms(certificate_authority)
        own_tags = tags.checked(tags_given)
        stamped = tags.checked(certificate_tags)
        if len(self._endpoints) >= MAX_ENDPOINTS:
            raise ServiceError(
                "ServiceQuotaExceededException",
                f"This account has {len(self._endpoints)} ACME endpoints in "
                f"{self.scope.region}, the most certmock allows ({MAX_ENDPOINTS}); delete one "
                "first.",
            )
        now = self.scope.now()
        endpoint_id = self._new_id()
        arn = arns.endpoint_arn(
            self.scope.partition, self.scope.region, self.scope.account_id, endpoint_id
        )
        created = AcmeEndpoint(
            arn=arn,
            endpoint_id=endpoint_id,
            sequence=self.scope.world.next_sequence(),
            url=endpoints.directory_url(self.scope.partition, self.scope.region, endpoint_id),
            status=endpoints.CREATING if self.scope.world.realistic else endpoints.ACTIVE,
            authorization_behavior=authorization_behavior,
            contact=contact or endpoints.DEFAULT_CONTACT,
            key_algorithms=key_algorithms,
            certificate_tags=dict(stamped),
            created_at=now,
            updated_at=now,
            tags=tags.merged({}, own_tags, arn),
        )
        self._endpoints[arn] = created
        tokens.remember(idempotency_token, request, arn, now)
        if created.status == endpoints.CREATING:
            created.transition = self.scope.schedule(
                now + PROVISIONING_DELAY, lambda at: self._provisioned(created, at)
            )
        return arn

    def _provisioned(self, endpoint: AcmeEndpoint, at: _dt.datetime) -> None:
        if self._endpoints.get(endpoint.arn) is endpoint and endpoint.status == endpoints.CREATING:
            endpoint.status = endpoints.ACTIVE
            endpoint.updated_at = at
            endpoint.transition = None

    def update_endpoint(
        self,
        arn: str,
        *,
        authorization_behavior: str | None = None,
        contact: str | None = None,
        certificate_authority: Mapping[str, Any] | None = None,
    ) -> None:
        found = self.endpoint(arn)
        if found.status != endpoints.ACTIVE:
            raise ServiceError(
                "ConflictException",
                f"The ACME endpoint {arn} is {found.status}; only an ACTIVE endpoint can be "
                "updated.",
            )
        key_algorithms = (
            None
            if certificate_authority is None
            else endpoints.allowed_key_algorithms(certificate_authority)
        )
        changed = False
        if authorization_behavior is not None:
            found.authorization_behavior = authorization_behavior
            changed = True
        if contact is not None:
            found.contact = contact
            changed = True
        if key_algorithms is not None:
            found.key_algorithms = key_algorithms
            changed = True
        if changed:
            found.updated_at = self.scope.now()

    def delete_endpoint(self, arn: str) -> None:
        found = self._endpoints.get(arn)
        if found is None:
            # DeleteAcmeEndpoint models no ResourceNotFoundException: deleting what is not
            # there (any more) succeeds.
            return
        if found.status in (endpoints.CREATING, endpoints.DELETING):
            raise ServiceError(
                "ConflictException",
                f"The ACME endpoint {arn} is {found.status}; wait until it is ACTIVE before "
                "deleting it.",
            )
        if not self.scope.world.realistic:
            self._remove_endpoint(found)
            return
        now = self.scope.now()
        found.status = endpoints.DELETING
        found.updated_at = now
        for validation in self.domain_validations(arn):
            self._stop(validation, domain_validations.DELETING, now)
        found.transition = self.scope.schedule(
            now + DELETION_DELAY, lambda _: self._remove_endpoint(found)
        )

    def _remove_endpoint(self, endpoint: AcmeEndpoint) -> None:
        if self._endpoints.get(endpoint.arn) is not endpoint:
            return
        for validation in self.domain_validations(endpoint.arn):
            self._remove_validation(validation)
        removed_bindings = {b.arn for b in self.bindings(endpoint.arn)}
        for arn in removed_bindings:
            del self._bindings[arn]
        self._tokens[arns.EXTERNAL_ACCOUNT_BINDING].forget(removed_bindings)
        for account in self.accounts(endpoint.arn):
            del self._accounts[account.url]
        if endpoint.transition is not None:
            endpoint.transition.cancel()
        del self._endpoints[endpoint.arn]
        self._tokens[arns.ENDPOINT].forget({endpoint.arn})

    # -- domain validations -----------------------------------------------------------------
    def create_domain_validation(
        self,
        endpoint_arn: str,
        domain_name: str,
        prevalidation_options: Mapping[str, Any],
        *,
        tags_given: Sequence[Mapping[str, str]] | None = None,
        idempotency_token: str | None = None,
    ) -> str:
        request = {
            "AcmeEndpointArn": endpoint_arn,
            "DomainName": domain_name,
            "PrevalidationOptions": prevalidation_options,
            "Tags": tags_given,
        }
        tokens = self._tokens[arns.DOMAIN_VALIDATION]
        repeated = tokens.replay(idempotency_token, request)
        if repeated is not None:
            return repeated
        parent = self._parent(endpoint_arn, "domain validations")
        dns = domain_validations.dns_options(prevalidation_options)
        domain_scope = domain_validations.scope(
            dns.get("DomainScope"), domain_validations.DEFAULT_SCOPE
        )
        own_tags = tags.checked(tags_given)
        siblings = self.domain_validations(endpoint_arn)
        for sibling in siblings:
            if sibling.domain_name == domain_name:
                raise ServiceError(
                    "ConflictException",
                    f"The ACME endpoint {endpoint_arn} already has a domain validation for "
                    f"{domain_name}: {sibling.arn}. Update or delete that one instead.",
                )
        if len(siblings) >= MAX_DOMAIN_VALIDATIONS:
            raise ServiceError(
                "ServiceQuotaExceededException",
                f"The ACME endpoint {endpoint_arn} has {len(siblings)} domain validations, the "
                f"most certmock allows ({MAX_DOMAIN_VALIDATIONS}); delete one first.",
            )
        now = self.scope.now()
        arn = arns.child_arn(endpoint_arn, arns.DOMAIN_VALIDATION, self._new_id())
        created = AcmeDomainValidation(
            arn=arn,
            endpoint_arn=endpoint_arn,
            sequence=self.scope.world.next_sequence(),
            domain_name=domain_name,
            domain_scope=domain_scope,
            hosted_zone_id=dns.get("HostedZoneId"),
            record=domain_validations.dns_record(parent.endpoint_id, domain_name),
            created_at=now,
            updated_at=now,
            tags=tags.merged({}, own_tags, arn),
        )
        self._validations[arn] = created
        tokens.remember(idempotency_token, request, arn, now)
        self._start_validation(created, now)
        return arn

    def _start_validation(self, validation: AcmeDomainValidation, now: _dt.datetime) -> None:
        validation.status = domain_validations.VALIDATING
        validation.failure = None
        validation.updated_at = now
        validation.version += 1
        version = validation.version
        if validation.check is not None:
            validation.check.cancel()
        validation.check = self.scope.schedule(
            now + domain_validations.VALIDATION_DELAY,
            lambda at: self._validated(validation, version, at),
        )

    def _validated(self, validation: AcmeDomainValidation, version: int, at: _dt.datetime) -> None:
        """Validation ends: VALID, unless something certmock can see makes it INVALID."""
        if (
            self._validations.get(validation.arn) is not validation
            or validation.version != version
            or validation.status != domain_validations.VALIDATING
        ):
            return
        if validation.check is not None:
            validation.check.cancel()
            validation.check = None
        parent = self._endpoints.get(validation.endpoint_arn)
        if not validation.is_public:
            self._fail(
                validation,
                "INVALID_PUBLIC_DOMAIN",
                f"{validation.domain_name} is under a special-use top-level domain that no "
                "public certificate authority may certify.",
                at,
            )
        elif parent is None or parent.status != endpoints.ACTIVE:
            status = "gone" if parent is None else parent.status
            self._fail(
                validation,
                "ENDPOINT_NOT_ACTIVE",
                f"The ACME endpoint {validation.endpoint_arn} is {status}, not ACTIVE.",
                at,
            )
        else:
            validation.status = domain_validations.VALID
            validation.updated_at = at

    def _fail(
        self, validation: AcmeDomainValidation, reason: str, message: str, at: _dt.datetime
    ) -> None:
        validation.status = domain_validations.INVALID
        validation.failure = (reason, message)
        validation.updated_at = at

    def _stop(self, validation: AcmeDomainValidation, status: str, at: _dt.datetime) -> None:
        validation.version += 1
        if validation.check is not None:
            validation.check.cancel()
            validation.check = None
        validation.status = status
        validation.updated_at = at

    def update_domain_validation(
        self, arn: str, prevalidation_options: Mapping[str, Any] | None
    ) -> None:
        found = self.domain_validation(arn)
        if found.status in (domain_validations.VALIDATING, domain_validations.DELETING):
            raise ServiceError(
                "ConflictException",
                f"The ACME domain validation {arn} is {found.status}; it can be updated once it "
                "is VALID or INVALID.",
            )
        if prevalidation_options is None:
            return
        dns = domain_validations.dns_options(prevalidation_options)
        found.domain_scope = domain_validations.scope(dns.get("DomainScope"), found.domain_scope)
        if "HostedZoneId" in dns:
            found.hosted_zone_id = dns["HostedZoneId"]
        # New prevalidation options are validated afresh.
        self._start_validation(found, self.scope.now())

    def delete_domain_validation(self, arn: str) -> None:
        found = self._validations.get(arn)
        if found is None:
            # DeleteAcmeDomainValidation models no ResourceNotFoundException.
            return
        if found.status == domain_validations.DELETING:
            raise ServiceError(
                "ConflictException", f"The ACME domain validation {arn} is already DELETING."
            )
        if not self.scope.world.realistic:
            self._remove_validation(found)
            return
        now = self.scope.now()
        self._stop(found, domain_validations.DELETING, now)
        found.check = self.scope.schedule(
            now + DELETION_DELAY, lambda _: self._remove_validation(found)
        )

    def _remove_validation(self, validation: AcmeDomainValidation) -> None:
        if self._validations.get(validation.arn) is not validation:
            return
        if validation.check is not None:
            validation.check.cancel()
        del self._validations[validation.arn]
        self._tokens[arns.DOMAIN_VALIDATION].forget({validation.arn})

    def complete_validation(self, arn: str) -> None:
        """A test's stand-in for ACM finding the CNAME record: VALIDATING ends now, as it would
        have at its due time (so a special-use domain still fails)."""
        found = self.domain_validation(arn)
        if found.status != domain_validations.VALIDATING:
            raise ValueError(f"{arn} is {found.status}, not VALIDATING")
        self._validated(found, found.version, self.scope.now())

    def fail_validation(self, arn: str, reason: str, message: str | None = None) -> None:
        """A test's stand-in for ACM not finding (or no longer finding) the record."""
        found = self.domain_validation(arn)
        if reason not in domain_validations.FAILURE_REASONS:
            raise ValueError(
                f"{reason} is not an AcmeDomainValidationFailureReason; use one of "
                f"{', '.join(domain_validations.FAILURE_REASONS)}"
            )
        if found.status == domain_validations.DELETING:
            raise ValueError(f"{arn} is DELETING")
        now = self.scope.now()
        self._stop(found, domain_validations.INVALID, now)
        self._fail(found, reason, message or _FAILURE_MESSAGES.get(reason, reason), now)

    # -- external account bindings ----------------------------------------------------------
    def create_binding(
        self,
        endpoint_arn: str,
        role_arn: str,
        *,
        expiration: Mapping[str, Any] | None = None,
        tags_given: Sequence[Mapping[str, str]] | None = None,
        idempotency_token: str | None = None,
    ) -> ExternalAccountBinding:
        request = {
            "AcmeEndpointArn": endpoint_arn,
            "RoleArn": role_arn,
            "Expiration": expiration,
            "Tags": tags_given,
        }
        tokens = self._tokens[arns.EXTERNAL_ACCOUNT_BINDING]
        repeated = tokens.replay(idempotency_token, request)
        if repeated is not None:
            return self.binding(repeated)
        self._parent(endpoint_arn, "external account bindings")
        own_tags = tags.checked(tags_given)
        siblings = self.bindings(endpoint_arn)
        if len(siblings) >= MAX_BINDINGS:
            raise ServiceError(
                "ServiceQuotaExceededException",
                f"The ACME endpoint {endpoint_arn} has {len(siblings)} external account "
                f"bindings, the most certmock allows ({MAX_BINDINGS}); delete one first.",
            )
        now = self.scope.now()
        expires = bindings.expires_at(now, expiration)
        arn = arns.child_arn(endpoint_arn, arns.EXTERNAL_ACCOUNT_BINDING, self._new_id())
        key_id, mac_key = bindings.new_credentials(self.scope.world.ids)
        created = ExternalAccountBinding(
            arn=arn,
            endpoint_arn=endpoint_arn,
            sequence=self.scope.world.next_sequence(),
            role_arn=role_arn,
            key_id=key_id,
            mac_key=mac_key,
            created_at=now,
            updated_at=now,
            expires_at=expires,
            tags=tags.merged({}, own_tags, arn),
        )
        self._bindings[arn] = created
        tokens.remember(idempotency_token, request, arn, now)
        return created

    def revoke_binding(self, arn: str) -> None:
        found = self.binding(arn)
        if found.revoked_at is not None:
            raise ServiceError(
                "ConflictException",
                f"The ACME external account binding {arn} was already revoked at "
                f"{found.revoked_at.isoformat()}.",
            )
        now = self.scope.now()
        found.revoked_at = now
        found.updated_at = now

    def delete_binding(self, arn: str) -> None:
        # DeleteAcmeExternalAccountBinding models no ResourceNotFoundException. Accounts
        # registered with the binding live on (ACM user guide, external account bindings).
        if self._bindings.pop(arn, None) is not None:
            self._tokens[arns.EXTERNAL_ACCOUNT_BINDING].forget({arn})

    # -- ACME accounts ----------------------------------------------------------------------
    def register_account(
        self,
        endpoint_arn: str,
        key_id: str,
        mac_key: str,
        *,
        contacts: Iterable[str] = (),
        account_key: accounts_.AccountKey | None = None,
    ) -> AcmeAccount:
        """An ACME client's newAccount request with external account binding (RFC 8555,
        sections 7.3 and 7.3.4). Refusals are ``ValueError``: they are the ACME server's
        answers, not the API's."""
        endpoint = self.endpoint(endpoint_arn)
        now = self.scope.now()
        if endpoint.status != endpoints.ACTIVE:
            raise ValueError(f"the ACME endpoint {endpoint_arn} is {endpoint.status}, not ACTIVE")
        binding = next(
            (b for b in self.bindings(endpoint_arn) if b.key_id == key_id),
            None,
        )
        if binding is None:
            raise ValueError(
                f"no external account binding of {endpoint_arn} has the key id {key_id}"
            )
        if binding.mac_key != mac_key:
            raise ValueError(f"the MAC key does not match the binding of key id {key_id}")
        refusal = binding.refusal(now)
        if refusal is not None:
            raise ValueError(refusal)
        contact_list = list(contacts)
        if endpoint.contact == "REQUIRED" and not contact_list:
            raise ValueError(
                f"the ACME endpoint {endpoint_arn} requires contact information (Contact "
                "REQUIRED); pass contacts=['mailto:...']"
            )
        if account_key is not None:
            key_thumbprint = accounts_.thumbprint(account_key)
            for existing in self.accounts(endpoint_arn):
                if existing.public_key_thumbprint == key_thumbprint:
                    # A newAccount with a key already registered finds that account (RFC 8555,
                    # section 7.3.1).
                    return existing
        else:
            key_thumbprint = accounts_.random_thumbprint(
                self.scope.world.ids.randbits(256).to_bytes(32, "big")
            )
        account_id = self._new_id()
        registered = AcmeAccount(
            account_id=account_id,
            url=f"{endpoint.base_url}/acct/{account_id}",
            endpoint_arn=endpoint_arn,
            sequence=self.scope.world.next_sequence(),
            public_key_thumbprint=key_thumbprint,
            binding_arn=binding.arn,
            created_at=now,
            contacts=contact_list,
        )
        self._accounts[registered.url] = registered
        binding.last_used_at = now
        binding.updated_at = now
        return registered

    def deactivate_account(self, endpoint_arn: str, url: str) -> None:
        """The client deactivates its own account (RFC 8555, section 7.3.6)."""
        found = self.account(endpoint_arn, url)
        if found.status != accounts_.VALID:
            raise ValueError(f"the ACME account {url} is {found.status}, not VALID")
        found.status = accounts_.DEACTIVATED

    def revoke_account(self, endpoint_arn: str, url: str) -> None:
        found = self.account(endpoint_arn, url)
        if found.status != accounts_.VALID:
            raise ServiceError(
                "ConflictException",
                f"The ACME account {url} is {found.status}; only a VALID account can be revoked.",
            )
        found.status = accounts_.REVOKED

    # -- tags -------------------------------------------------------------------------------
    def tagged(self, arn: str) -> Taggable:
        """The endpoint, domain validation or binding ``arn`` names."""
        parsed = arns.parse(arn)
        if parsed is None or parsed.kind == arns.ENDPOINT:
            return self.endpoint(arn)
        if parsed.kind == arns.DOMAIN_VALIDATION:
            return self.domain_validation(arn)
        return self.binding(arn)

    def tag(self, arn: str, given: Sequence[Mapping[str, str]]) -> None:
        found = self.tagged(arn)
        found.tags = tags.merged(found.tags, tags.checked(given), arn)

    def untag(self, arn: str, keys: Sequence[str]) -> None:
        found = self.tagged(arn)
        found.tags = tags.without(found.tags, [(key, None) for key in keys])

    def list_tags(self, arn: str) -> list[dict[str, str]]:
        return tags.described(self.tagged(arn).tags)


_FAILURE_MESSAGES = {
    "TIMED_OUT": "ACM did not find the validation CNAME record in DNS in time.",
    "HOSTED_ZONE_NOT_FOUND": "The hosted zone for the validation record was not found.",
}
