"""ACM's ACME resources in one account and region, one part per resource; handlers call the
part an operation belongs to. What spans resources is here: an endpoint's deletion takes its
domain validations, external account bindings and ACME accounts with it (DeleteAcmeEndpoint
documentation), and the TagResource family finds any of the three taggable resources.

What AWS does asynchronously is on the world's timeline: domain validation always (60 s);
provisioning and deletion only with ``realistic=True`` (30 s each), instant otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from certmock.services.acm.acme.accounts import AcmeAccounts
from certmock.services.acm.acme.bindings import ExternalAccountBinding, ExternalAccountBindings
from certmock.services.acm.acme.domain_validations import (
    AcmeDomainValidation,
    AcmeDomainValidations,
)
from certmock.services.acm.acme.endpoints import AcmeEndpoint, AcmeEndpoints
from certmock.services.acm.acme.resources import (
    ACME_TAGS,
    DOMAIN_VALIDATION,
    EXTERNAL_ACCOUNT_BINDING,
    kind_of,
)
from certmock.world import Scope

Taggable = AcmeEndpoint | AcmeDomainValidation | ExternalAccountBinding


class AcmeBackend:
    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.endpoints = AcmeEndpoints(scope)
        self.domain_validations = AcmeDomainValidations(scope, self.endpoints)
        self.bindings = ExternalAccountBindings(scope, self.endpoints)
        self.accounts = AcmeAccounts(scope, self.endpoints, self.bindings)

    def delete_endpoint(self, arn: str) -> None:
        """DeleteAcmeEndpoint. In realistic mode its domain validations are DELETING with it
        until it is gone."""
        deleting = self.endpoints.delete(arn, self._remove)
        if deleting is not None:
            self.domain_validations.stop_under(arn, deleting.updated_at)

    def _remove(self, endpoint: AcmeEndpoint) -> None:
        if self.endpoints.find(endpoint.arn) is not endpoint:
            return
        self.domain_validations.remove_under(endpoint.arn)
        self.bindings.remove_under(endpoint.arn)
        self.accounts.remove_under(endpoint.arn)
        self.endpoints.remove(endpoint)

    # -- tags -------------------------------------------------------------------------------
    def tagged(self, arn: str) -> Taggable:
        """The endpoint, domain validation or binding ``arn`` names."""
        kind = kind_of(arn)
        if kind == DOMAIN_VALIDATION:
            return self.domain_validations.get(arn)
        if kind == EXTERNAL_ACCOUNT_BINDING:
            return self.bindings.get(arn)
        return self.endpoints.get(arn)

    def tag(self, arn: str, tags: Sequence[Mapping[str, str]]) -> None:
        found = self.tagged(arn)
        found.tags = ACME_TAGS.merged(found.tags, ACME_TAGS.pairs(tags), arn)

    def untag(self, arn: str, keys: Sequence[str]) -> None:
        found = self.tagged(arn)
        found.tags = ACME_TAGS.without(found.tags, [(key, None) for key in keys])

    def list_tags(self, arn: str) -> list[dict[str, str]]:
        return ACME_TAGS.described(self.tagged(arn).tags)
