"""API Gateway client certificates: the rules and state of one account in one region.

Plain Python: typed arguments in, records out, ``ServiceError`` for refusals. Time comes only
from the scope's clock. A client certificate does not change when it expires (API Gateway keeps
it, and has no status to show), so nothing is scheduled on the timeline.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from certmock.arns import ArnFormat
from certmock.errors import Declined, ServiceError
from certmock.pki.certs import new_serial
from certmock.services.apigateway import patches
from certmock.services.apigateway.certificate import KEY_ALGORITHM, self_signed_certificate
from certmock.services.toolkit.tags import TagRules, Tags
from certmock.world import Scope

# Quota L-824C9E42 (fact sheet 8.5): client certificates per account per region.
MAX_CLIENT_CERTIFICATES = 60
# expirationDate - createdDate in AWS's own example is 31,536,000 s (fact sheet 8.2).
VALIDITY = _dt.timedelta(days=365)
# AWS's examples show six lowercase letters and digits; the real alphabet is not documented.
ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"
ID_LENGTH = 6

# Documented limits: key 1-128 characters, not starting with ``aws:``; value up to 256
# characters; 50 tags. AWS's character set ``[a-zA-Z+-=._:/]`` is not enforced: read as a
# regular expression it admits digits and more, and AWS's actual rule is not documented.
TAG_RULES = TagRules(
    max_key_length=128,
    max_value_length=256,
    invalid_tag="BadRequestException",
    too_many="BadRequestException",
)

# API Gateway's ARNs name no account, and a resource by its path.
_RESOURCE_ARN = ArnFormat("apigateway", r"/.*", account=False, partition="[^:]+", region="[^:]*")
_CLIENT_CERTIFICATE_ARN = ArnFormat(
    "apigateway",
    r"/clientcertificates/(?P<id>[^/]+)",
    account=False,
    partition="[^:]+",
    region="[^:]*",
)


@dataclass
class ClientCertificate:
    id: str
    arn: str
    sequence: int
    pem_encoded_certificate: str
    created_at: _dt.datetime
    expires_at: _dt.datetime
    description: str | None = None
    tags: Tags = field(default_factory=dict)
    once_tagged: bool = False
    """Whether it had tags that were removed (the Resource Groups Tagging API still lists it)."""

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


class ApiGatewayBackend:
    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self._client_certificates: dict[str, ClientCertificate] = {}
        # Every id handed out here, deleted ones included, so an id never names two
        # certificates in one account and region.
        self._issued_ids: set[str] = set()

    # -- client certificates ----------------------------------------------------------------
    def _arn(self, client_certificate_id: str) -> str:
        return str(
            _CLIENT_CERTIFICATE_ARN.format(
                self.scope.partition,
                self.scope.region,
                "",
                f"/clientcertificates/{client_certificate_id}",
            )
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
        pairs = TAG_RULES.checked((tags or {}).items())
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
            tags=TAG_RULES.merged({}, pairs, arn),
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
        parsed = _RESOURCE_ARN.parse(resource_arn)
        if parsed is None:
            # AWS's wording for a malformed ARN is not documented.
            raise _bad_request(
                f"Invalid resource ARN '{resource_arn}': an API Gateway resource ARN has the "
                "form arn:<partition>:apigateway:<region>::/<resource path>."
            )
        named = _CLIENT_CERTIFICATE_ARN.parse(resource_arn)
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
        if (named.partition, named.region) != (self.scope.partition, self.scope.region):
            # A client certificate belongs to one region: another region's is not found here.
            raise ServiceError(
                "NotFoundException",
                f"Invalid resource ARN '{resource_arn}': it does not name a client "
                f"certificate of {self.scope.region} (partition {self.scope.partition}), "
                "where this call was made.",
            )
        return self.client_certificate(named.parts["id"])

    def tag_resource(self, resource_arn: str, tags: Mapping[str, str]) -> None:
        found = self._tagged(resource_arn)
        found.tags = TAG_RULES.merged(found.tags, TAG_RULES.checked(tags.items()), found.arn)

    def untag_resource(self, resource_arn: str, tag_keys: Iterable[str]) -> None:
        found = self._tagged(resource_arn)
        found.once_tagged = found.once_tagged or bool(found.tags)
        found.tags = TAG_RULES.without(found.tags, ((key, None) for key in tag_keys))

    def tags(self, resource_arn: str) -> Tags:
        return dict(self._tagged(resource_arn).tags)
