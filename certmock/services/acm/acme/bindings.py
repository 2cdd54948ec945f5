"""External account bindings (EABs): the key id and MAC key an ACME client presents once, when
it registers an account with an endpoint (RFC 8555, section 7.3.4).

A binding has no status of its own: it is usable until it expires (``ExpiresAt``), is revoked
(``RevokedAt``) or deleted. Accounts registered with it live on whatever happens to it (ACM
user guide, external account bindings).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from certmock.errors import ServiceError
from certmock.ids import IdSource
from certmock.services.acm.acme import tags as tags_
from certmock.services.acm.acme.accounts import b64url

# TimeType.
_UNITS = {"MINUTES": "minutes", "HOURS": "hours", "DAYS": "days"}
# certmock's formats (AWS documents none): a key id of 16 random bytes and an HS256 MAC key of
# 32 random bytes, each base64url-encoded without padding, as ACME clients take them.
KEY_ID_BYTES = 16
MAC_KEY_BYTES = 32


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
    tags: tags_.Tags = field(default_factory=dict)

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
