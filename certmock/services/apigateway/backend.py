"""API Gateway client certificates: the rules and state of one account in one region.

Plain Python: typed arguments in, records out, ``ServiceError`` for refusals. Time comes only
from the scope's clock. A client certificate does not change when it expires (API Gateway keeps
it, and has no status to show), so nothing is scheduled on the timeline.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from certmock.errors import Declined, ServiceError
from certmock.pki.certs import new_serial
from certmock.services import tagging
from certmock.services.apigateway import patches
from certmock.services.apigateway.certificate import KEY_ALGORITHM, self_signed_certificate
from certmock.world import Scope

# Quota L-824C9E42 (fact sheet 8.5): client certificates per account per region.
MAX_CLIENT_CERTIFICATES = 60
# expirationDate - createdDate in AWS's own example is 31,536,000 s (fact sheet 8.2).
VALIDITY = _dt.timedelta(days=365)
# AWS's examples show six lowercase letters and digits; the real alphabet is not documented.
ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"
ID_LENGTH = 6
MAX_TAG_KEY_LENGTH = 128
MAX_TAG_VALUE_LENGTH = 256

_ARN = re.compile(r"arn:(?P<partition>[^:]+):apigateway:(?P<region>[^:]*)::(?P<path>/.*)")
_CLIENT_CERTIFICATE_PATH = re.compile(r"/clientcertificates/(?P<id>[^/]+)")


@dataclass
class ClientCertificate:
    id: str
    arn: str
    sequence: int
    pem_encoded_certificate: str
    created_at: _dt.datetime
    expires_at: _dt.datetime
    description: str | None = None
    tags: dict[str, str] = field(default_factory=dict)

    def describe(self) -> dict[str, Any]:
        """The ``ClientCertificate`` shape; description and tags only when there are some
        (fact sheet 8.2, inferred)."""
        described: dict[str, Any] = {
            "clientCertificateId": self.id,
            "pemEncodedCertificate": self.pem_encoded_certificate,
            "createdDate": self.created_at,
            "expirationDate": self.expires_at,
        }
        if self.description is not None:
            described["description"] = self.description
        if self.tags:
            described["tags"] = dict(self.tags)
        return described


def _bad_request(message: str) -> ServiceError:
    return ServiceError("BadRequestException", message)


def _checked_tags(tags: Mapping[str, str]) -> list[tuple[str, str]]:
    """The documented limits: key 1-128 characters, not starting with ``aws:``; value up to
    256 characters. AWS's character set ``[a-zA-Z+-=._:/]`` is not enforced: read as a regular
    expression it admits digits and more, and AWS's actual rule is not documented."""
    pairs = list(tags.items())
    for key, value in pairs:
        if not 1 <= len(key) <= MAX_TAG_KEY_LENGTH:
            raise _bad_request(
                f"The tag key '{key}' is invalid: a tag key must have 1 to "
                f"{MAX_TAG_KEY_LENGTH} characters."
            )
        if len(value) > MAX_TAG_VALUE_LENGTH:
            raise _bad_request(
                f"The value of tag '{key}' is invalid: a tag value can have at most "
                f"{MAX_TAG_VALUE_LENGTH} characters."
            )
    tagging.check_user_tags((key for key, _ in pairs), invalid_tag="BadRequestException")
    return pairs


class ApiGatewayBackend:
    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self._client_certificates: dict[str, ClientCertificate] = {}
        # Every id handed out here, deleted ones included, so an id never names two
        # certificates in one account and region.
        self._issued_ids: set[str] = set()

    # -- client certificates ----------------------------------------------------------------
    def _arn(self, client_certificate_id: str) -> str:
        return (
            f"arn:{self.scope.partition}:apigateway:{self.scope.region}::"
            f"/clientcertificates/{client_certificate_id}"
        )

    def _new_id(self) -> str:
        while True:
            candidate = self.scope.world.ids.choice(ID_ALPHABET, ID_LENGTH)
            if candidate not in self._issued_ids:
                self._issued_ids.add(candidate)
                return candidate

    def generate_client_certificate(
        self, description: str | None = None, tags: Mapping[str, str] | None = None
    ) -> ClientCertificate:
        pairs = _checked_tags(tags or {})
        if len(self._client_certificates) >= MAX_CLIENT_CERTIFICATES:
            # AWS's message is not documented (fact sheet 8.5).
            raise ServiceError(
                "LimitExceededException",
                f"You have reached the quota of {MAX_CLIENT_CERTIFICATES} client certificates "
                f"in {self.scope.region} (quota L-824C9E42); delete a client certificate "
                "before generating another.",
            )
        # The certificate's dates have whole seconds; so do createdDate and expirationDate
        # (AWS's examples are whole seconds), and the two agree exactly.
        created_at = self.scope.now().replace(microsecond=0)
        expires_at = created_at + VALIDITY
        client_certificate_id = self._new_id()
        arn = self._arn(client_certificate_id)
        generated = ClientCertificate(
            id=client_certificate_id,
            arn=arn,
            sequence=self.scope.world.next_sequence(),
            pem_encoded_certificate=self_signed_certificate(
                client_certificate_id,
                key=self.scope.world.keys.private_key(KEY_ALGORITHM),
                serial=new_serial(self.scope.world.ids.randbits),
                not_before=created_at,
                not_after=expires_at,
            ),
            created_at=created_at,
            expires_at=expires_at,
            description=description,
            tags=tagging.merged_tags({}, pairs, arn, too_many="BadRequestException"),
        )
        self._client_certificates[client_certificate_id] = generated
        return generated

    def client_certificate(self, client_certificate_id: str) -> ClientCertificate:
        found = self._client_certificates.get(client_certificate_id)
        if found is None:
            # Emulators spell it "Client Certificate" or "client certificate"; AWS's casing is
            # not documented (fact sheet 8.5).
            raise ServiceError(
                "NotFoundException", "Invalid Client Certificate identifier specified"
            )
        return found

    def client_certificates(self) -> list[ClientCertificate]:
        """Every client certificate, oldest first."""
        return list(self._client_certificates.values())

    def update_client_certificate(
        self, client_certificate_id: str, patch_operations: Sequence[Mapping[str, Any]]
    ) -> ClientCertificate:
        found = self.client_certificate(client_certificate_id)
        updated = patches.replaced({"/description": found.description}, patch_operations)
        found.description = updated["/description"]
        return found

    def delete_client_certificate(self, client_certificate_id: str) -> None:
        self.client_certificate(client_certificate_id)
        del self._client_certificates[client_certificate_id]

    # -- tags -------------------------------------------------------------------------------
    def _tagged(self, resource_arn: str) -> ClientCertificate:
        """The client certificate ``resource_arn`` names. certmock serves no other API Gateway
        resource, so any other resource ARN names something that does not exist here."""
        parsed = _ARN.fullmatch(resource_arn)
        if parsed is None:
            # AWS's wording for a malformed ARN is not documented.
            raise _bad_request(
                f"Invalid resource ARN '{resource_arn}': an API Gateway resource ARN has the "
                "form arn:<partition>:apigateway:<region>::/<resource path>."
            )
        named = _CLIENT_CERTIFICATE_PATH.fullmatch(parsed["path"])
        if named is None:
            # Another kind of API Gateway resource: moto's, when moto runs alongside.
            raise Declined(
                ServiceError(
                    "NotFoundException",
                    f"Invalid resource ARN '{resource_arn}': certmock keeps tags only for "
                    "client certificates (arn:<partition>:apigateway:<region>::/"
                    "clientcertificates/<id>) and serves no other API Gateway resource.",
                )
            )
        if (parsed["partition"], parsed["region"]) != (self.scope.partition, self.scope.region):
            # A client certificate belongs to one region: another region's is not found here.
            raise ServiceError(
                "NotFoundException",
                f"Invalid resource ARN '{resource_arn}': it does not name a client "
                f"certificate of {self.scope.region} (partition {self.scope.partition}), "
                "where this call was made.",
            )
        return self.client_certificate(named["id"])

    def tag_resource(self, resource_arn: str, tags: Mapping[str, str]) -> None:
        found = self._tagged(resource_arn)
        pairs = _checked_tags(tags)
        found.tags = tagging.merged_tags(
            found.tags, pairs, found.arn, too_many="BadRequestException"
        )

    def untag_resource(self, resource_arn: str, tag_keys: Iterable[str]) -> None:
        found = self._tagged(resource_arn)
        found.tags = tagging.without_tags(found.tags, ((key, None) for key in tag_keys))

    def tags(self, resource_arn: str) -> dict[str, str]:
        return dict(self._tagged(resource_arn).tags)
