"""ACME accounts: what a client registers with an endpoint through the ACME protocol (out of
band for certmock: a test registers one with ``cm.acm.register_acme_account``).

Statuses (AcmeAccountStatus): VALID; DEACTIVATED when the client deactivates it (RFC 8555,
section 7.3.6; ``cm.acm.deactivate_acme_account``); REVOKED by RevokeAcmeAccount. Both ends
are final.
"""

from __future__ import annotations

import base64
import datetime as _dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

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


def b64url(data: bytes) -> str:
    """Base64url without padding, as ACME (RFC 8555 §6.1) and JOSE encode binary values."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


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
