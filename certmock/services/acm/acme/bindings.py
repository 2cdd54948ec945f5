"""External account bindings (EABs): the key id and MAC key an ACME client presents once, when
it registers an account with an endpoint (RFC 8555, section 7.3.4).

A binding has no status of its own: it is usable until it expires (``ExpiresAt``), is revoked
(``RevokedAt``) or deleted. Accounts registered with it live on whatever happens to it (ACM
user guide, external account bindings).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from certmock.errors import ServiceError
from certmock.ids import IdSource
from certmock.services.acm.acme.children import EndpointChildren
from certmock.services.acm.acme.endpoints import AcmeEndpoints
from certmock.services.acm.acme.resources import (
    ACME_TAGS,
    EXTERNAL_ACCOUNT_BINDING,
    b64url,
    child_arn,
    create_tokens,
)
from certmock.services.toolkit.tags import Tags
from certmock.world import Scope

# TimeType.
_UNITS = {"MINUTES": "minutes", "HOURS": "hours", "DAYS": "days"}
# certmock's formats (AWS documents none): a key id of 16 random bytes and an HS256 MAC key of
# 32 random bytes, each base64url-encoded without padding, as ACME clients take them.
KEY_ID_BYTES = 16
MAC_KEY_BYTES = 32
# certmock's quota (AWS's ACME quotas are not in the sources certmock draws on).
MAX_BINDINGS = 100
"""External account bindings per endpoint (revoked and expired ones count until deleted)."""


def new_credentials(ids: IdSource) -> tuple[str, str]:
    """(KeyId, MacKey), from the world's id source (so a ``seed=`` reproduces them)."""

    def random_bytes(size: int) -> bytes:
        return ids.randbits(size * 8).to_bytes(size, "big")

    return b64url(random_bytes(KEY_ID_BYTES)), b64url(random_bytes(MAC_KEY_BYTES))


def expires_at(
    created_at: _dt.datetime, expiration: Mapping[str, Any] | None
) -> _dt.datetime | None:
    """When an ``Expiration`` (Value, Type) runs out; None without one (no expiry)."""
    if expiration is None:
        return None
    value, unit = int(expiration["Value"]), _UNITS[expiration["Type"]]
    try:
        return created_at + _dt.timedelta(**{unit: value})
    except OverflowError:
        raise ServiceError(
            "ValidationException",
            f"An expiration of {value} {unit} is later than any time certmock can represent.",
        ) from None


@dataclass
class ExternalAccountBinding:
    arn: str
    endpoint_arn: str
    sequence: int
    role_arn: str
    key_id: str
    mac_key: str
    created_at: _dt.datetime
    updated_at: _dt.datetime
    expires_at: _dt.datetime | None = None
    revoked_at: _dt.datetime | None = None
    last_used_at: _dt.datetime | None = None
    tags: Tags = field(default_factory=dict)

    def refusal(self, now: _dt.datetime) -> str | None:
        """Why a registration with this binding is refused now, if it is."""
        if self.revoked_at is not None:
            return f"the external account binding {self.arn} was revoked"
        if self.expires_at is not None and now >= self.expires_at:
            return f"the external account binding {self.arn} expired at {self.expires_at}"
        return None

    def describe(self) -> dict[str, Any]:
        """An ``AcmeExternalAccountBinding`` or its summary (same members)."""
        described: dict[str, Any] = {
            "AcmeExternalAccountBindingArn": self.arn,
            "AcmeEndpointArn": self.endpoint_arn,
            "RoleArn": self.role_arn,
            "CreatedAt": self.created_at,
            "UpdatedAt": self.updated_at,
        }
        for name, value in (
            ("ExpiresAt", self.expires_at),
            ("RevokedAt", self.revoked_at),
            ("LastUsedAt", self.last_used_at),
        ):
            if value is not None:
                described[name] = value
        return described


class ExternalAccountBindings(EndpointChildren[ExternalAccountBinding]):
    """The external account bindings of one account and region's endpoints."""

    what = "ACME external account binding"

    def __init__(self, scope: Scope, endpoints: AcmeEndpoints) -> None:
        self._scope = scope
        super().__init__(endpoints)
        self._tokens = create_tokens(scope, "CreateAcmeExternalAccountBinding")

    def create(
        self,
        endpoint_arn: str,
        role_arn: str,
        *,
        expiration: Mapping[str, Any] | None = None,
        tags: Sequence[Mapping[str, str]] | None = None,
        idempotency_token: str | None = None,
    ) -> ExternalAccountBinding:
        """CreateAcmeExternalAccountBinding."""
        request = {
            "AcmeEndpointArn": endpoint_arn,
            "RoleArn": role_arn,
            "Expiration": expiration,
            "Tags": tags,
        }
        repeated = self._tokens.replay(idempotency_token, request)
        if repeated is not None:
            return self.get(repeated)
        self._endpoints.parent(endpoint_arn, "external account bindings")
        own_tags = ACME_TAGS.pairs(tags)
        siblings = self.of(endpoint_arn)
        if len(siblings) >= MAX_BINDINGS:
            raise ServiceError(
                "ServiceQuotaExceededException",
                f"The ACME endpoint {endpoint_arn} has {len(siblings)} external account "
                f"bindings, the most certmock allows ({MAX_BINDINGS}); delete one first.",
            )
        now = self._scope.now()
        expires = expires_at(now, expiration)
        arn = child_arn(endpoint_arn, EXTERNAL_ACCOUNT_BINDING, self._scope.new_uuid())
        key_id, mac_key = new_credentials(self._scope.world.ids)
        created = ExternalAccountBinding(
            arn=arn,
            endpoint_arn=endpoint_arn,
            sequence=self._scope.world.next_sequence(),
            role_arn=role_arn,
            key_id=key_id,
            mac_key=mac_key,
            created_at=now,
            updated_at=now,
            expires_at=expires,
            tags=ACME_TAGS.merged({}, own_tags, arn),
        )
        self._by_arn[arn] = created
        self._tokens.remember(idempotency_token, arn, params=request, at=now)
        return created

    def revoke(self, arn: str) -> None:
        """RevokeAcmeExternalAccountBinding."""
        found = self.get(arn)
        if found.revoked_at is not None:
            raise ServiceError(
                "ConflictException",
                f"The ACME external account binding {arn} was already revoked at "
                f"{found.revoked_at.isoformat()}.",
            )
        now = self._scope.now()
        found.revoked_at = now
        found.updated_at = now

    def delete(self, arn: str) -> None:
        """DeleteAcmeExternalAccountBinding, which models no ResourceNotFoundException.
        Accounts registered with the binding live on (ACM user guide, external account
        bindings)."""
        if self._by_arn.pop(arn, None) is not None:
            self._tokens.forget([arn])

    def remove_under(self, endpoint_arn: str) -> None:
        """The endpoint is gone: so are its bindings."""
        removed = [b.arn for b in self.of(endpoint_arn)]
        for arn in removed:
            del self._by_arn[arn]
        self._tokens.forget(removed)
