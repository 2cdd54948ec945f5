"""ACME accounts: what a client registers with an endpoint through the ACME protocol (out of
band for certmock: a test registers one with ``cm.acm.register_acme_account``).

Statuses (AcmeAccountStatus): VALID; DEACTIVATED when the client deactivates it (RFC 8555,
section 7.3.6; ``cm.acm.deactivate_acme_account``); REVOKED by RevokeAcmeAccount. Both ends
are final.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

from certmock.errors import ServiceError
from certmock.services.acm.acme.bindings import ExternalAccountBindings
from certmock.services.acm.acme.endpoints import ACTIVE, AcmeEndpoints
from certmock.services.acm.acme.resources import b64url, not_found
from certmock.world import Scope

VALID = "VALID"
DEACTIVATED = "DEACTIVATED"
REVOKED = "REVOKED"

AccountKey = (
    rsa.RSAPublicKey
    | rsa.RSAPrivateKey
    | ec.EllipticCurvePublicKey
    | ec.EllipticCurvePrivateKey
    | ed25519.Ed25519PublicKey
    | ed25519.Ed25519PrivateKey
)

_CURVES = {"secp256r1": "P-256", "secp384r1": "P-384", "secp521r1": "P-521"}
_PRIVATE = (rsa.RSAPrivateKey, ec.EllipticCurvePrivateKey, ed25519.Ed25519PrivateKey)


def _unsigned(value: int, size: int | None = None) -> bytes:
    return value.to_bytes(size or max(1, (value.bit_length() + 7) // 8), "big")


def random_thumbprint(random_bytes: bytes) -> str:
    """A thumbprint for an account whose key a test did not give (32 bytes, like SHA-256)."""
    return b64url(random_bytes)


def thumbprint(key: AccountKey) -> str:
    """The RFC 7638 JWK thumbprint (SHA-256, base64url) of an account key, as ACME computes it
    (RFC 8555, section 8.1)."""
    public = key.public_key() if isinstance(key, _PRIVATE) else key
    if isinstance(public, rsa.RSAPublicKey):
        numbers = public.public_numbers()
        jwk = {"e": b64url(_unsigned(numbers.e)), "kty": "RSA", "n": b64url(_unsigned(numbers.n))}
    elif isinstance(public, ec.EllipticCurvePublicKey):
        curve = _CURVES.get(public.curve.name)
        if curve is None:
            raise ValueError(
                f"ACME account keys use P-256, P-384 or P-521, not {public.curve.name}"
            )
        size = (public.curve.key_size + 7) // 8
        point = public.public_numbers()
        jwk = {
            "crv": curve,
            "kty": "EC",
            "x": b64url(_unsigned(point.x, size)),
            "y": b64url(_unsigned(point.y, size)),
        }
    else:
        raw = public.public_bytes_raw()
        jwk = {"crv": "Ed25519", "kty": "OKP", "x": b64url(raw)}
    canonical = json.dumps(jwk, sort_keys=True, separators=(",", ":")).encode()
    return b64url(hashlib.sha256(canonical).digest())


@dataclass
class AcmeAccount:
    account_id: str
    """36 characters (AcmeAccountId): the UUID at the end of the account URL."""
    url: str
    endpoint_arn: str
    sequence: int
    public_key_thumbprint: str
    binding_arn: str
    created_at: _dt.datetime
    contacts: list[str] = field(default_factory=list)
    status: str = VALID

    def describe(self) -> dict[str, Any]:
        """An ``AcmeAccount`` or ``AcmeAccountSummary`` (same members)."""
        described: dict[str, Any] = {
            "AccountUrl": self.url,
            "PublicKeyThumbprint": self.public_key_thumbprint,
            "Status": self.status,
            "CreatedAt": self.created_at,
            "AcmeExternalAccountBindingArn": self.binding_arn,
        }
        if self.contacts:
            described["Contacts"] = list(self.contacts)
        return described


class AcmeAccounts:
    """The ACME accounts registered with one account and region's endpoints, by account URL."""

    def __init__(
        self, scope: Scope, endpoints: AcmeEndpoints, bindings: ExternalAccountBindings
    ) -> None:
        self._scope = scope
        self._endpoints = endpoints
        self._bindings = bindings
        self._accounts: dict[str, AcmeAccount] = {}

    def get(self, endpoint_arn: str, url: str) -> AcmeAccount:
        self._endpoints.get(endpoint_arn)
        found = self._accounts.get(url)
        if found is None or found.endpoint_arn != endpoint_arn:
            raise not_found(f"ACME account of endpoint {endpoint_arn}:", url)
        return found

    def of(self, endpoint_arn: str) -> list[AcmeAccount]:
        """An endpoint's, oldest first."""
        self._endpoints.get(endpoint_arn)
        return [a for a in self._accounts.values() if a.endpoint_arn == endpoint_arn]

    def register(
        self,
        endpoint_arn: str,
        key_id: str,
        mac_key: str,
        *,
        contacts: Iterable[str] = (),
        account_key: AccountKey | None = None,
    ) -> AcmeAccount:
        """An ACME client's newAccount request with external account binding (RFC 8555,
        sections 7.3 and 7.3.4). Refusals are ``ValueError``: they are the ACME server's
        answers, not the API's."""
        endpoint = self._endpoints.get(endpoint_arn)
        now = self._scope.now()
        if endpoint.status != ACTIVE:
            raise ValueError(f"the ACME endpoint {endpoint_arn} is {endpoint.status}, not ACTIVE")
        binding = next((b for b in self._bindings.of(endpoint_arn) if b.key_id == key_id), None)
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
            key_thumbprint = thumbprint(account_key)
            for existing in self.of(endpoint_arn):
                if existing.public_key_thumbprint == key_thumbprint:
                    # A newAccount with a key already registered finds that account (RFC 8555,
                    # section 7.3.1).
                    return existing
        else:
            key_thumbprint = random_thumbprint(
                self._scope.world.ids.randbits(256).to_bytes(32, "big")
            )
        account_id = self._scope.new_uuid()
        registered = AcmeAccount(
            account_id=account_id,
            url=f"{endpoint.base_url}/acct/{account_id}",
            endpoint_arn=endpoint_arn,
            sequence=self._scope.world.next_sequence(),
            public_key_thumbprint=key_thumbprint,
            binding_arn=binding.arn,
            created_at=now,
            contacts=contact_list,
        )
        self._accounts[registered.url] = registered
        binding.last_used_at = now
        binding.updated_at = now
        return registered

    def deactivate(self, endpoint_arn: str, url: str) -> None:
        """The client deactivates its own account (RFC 8555, section 7.3.6)."""
        found = self.get(endpoint_arn, url)
        if found.status != VALID:
            raise ValueError(f"the ACME account {url} is {found.status}, not VALID")
        found.status = DEACTIVATED

    def revoke(self, endpoint_arn: str, url: str) -> None:
        """RevokeAcmeAccount."""
        found = self.get(endpoint_arn, url)
        if found.status != VALID:
            raise ServiceError(
                "ConflictException",
                f"The ACME account {url} is {found.status}; only a VALID account can be revoked.",
            )
        found.status = REVOKED

    def remove_under(self, endpoint_arn: str) -> None:
        """The endpoint is gone: so are its accounts."""
        for account in self.of(endpoint_arn):
            del self._accounts[account.url]
