"""ACME endpoints: a managed RFC 8555 server per endpoint, issuing from one certificate
authority (only ACM's public CA in the current model).

Statuses (AcmeEndpointStatus): CREATING -> ACTIVE; DELETING -> gone. FAILED exists in the
model but nothing in certmock makes provisioning fail.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from certmock.errors import ServiceError
from certmock.partitions import dual_stack_dns_suffix
from certmock.services.acm.acme import tags as tags_
from certmock.timeline import Scheduled

CREATING = "CREATING"
ACTIVE = "ACTIVE"
DELETING = "DELETING"
FAILED = "FAILED"

# PublicKeyAlgorithm: what ACM's public CA issues. An endpoint created without
# AllowedKeyAlgorithms allows all three (AWS fills the list in: the ACK controller ignores it in
# its diffs because it is "server-defaulted").
PUBLIC_KEY_ALGORITHMS = ("RSA_2048", "EC_prime256v1", "EC_secp384r1")
# "By default, an ACME account contains no identifying information" (ACM user guide, ACME
# endpoints): contact details are not required unless asked for.
DEFAULT_CONTACT = "NOT_REQUIRED"


def directory_url(partition: str, region: str, endpoint_id: str) -> str:
    """The form the ACM user guide gives:
    ``https://acm-acme-enroll.<region>.api.aws/<uuid>/directory``."""
    return f"https://acm-acme-enroll.{region}.{dual_stack_dns_suffix(partition)}/{endpoint_id}/directory"


def allowed_key_algorithms(certificate_authority: Mapping[str, Any]) -> list[str]:
    """The algorithms a CertificateAuthority union allows, repeats dropped."""
    public = certificate_authority.get("PublicCertificateAuthority")
    if public is None:
        # botocore refuses an empty union before sending; a bare request can still get here.
        raise ServiceError(
            "ValidationException",
            "CertificateAuthority must have exactly one member: PublicCertificateAuthority.",
        )
    given: Sequence[str] | None = public.get("AllowedKeyAlgorithms")
    if given is None:
        return list(PUBLIC_KEY_ALGORITHMS)
    if not given:
        raise ServiceError(
            "ValidationException",
            "AllowedKeyAlgorithms must name at least one of "
            f"{', '.join(PUBLIC_KEY_ALGORITHMS)}, or be left out to allow them all.",
        )
    return list(dict.fromkeys(given))


@dataclass
class AcmeEndpoint:
    arn: str
    endpoint_id: str
    sequence: int
    url: str
    status: str
    authorization_behavior: str
    contact: str
    key_algorithms: list[str]
    certificate_tags: tags_.Tags
    created_at: _dt.datetime
    updated_at: _dt.datetime
    tags: tags_.Tags = field(default_factory=dict)
    failure_reason: str | None = None
    transition: Scheduled | None = None
    """Realistic mode: provisioning or deletion in progress on the timeline."""

    @property
    def base_url(self) -> str:
        """The directory URL without ``/directory``; account URLs live under it."""
        return self.url.rsplit("/", 1)[0]

    def describe(self) -> dict[str, Any]:
        """An ``AcmeEndpoint`` (DescribeAcmeEndpoint) or ``AcmeEndpointSummary``
        (ListAcmeEndpoints): the two have the same members."""
        described: dict[str, Any] = {
            "AcmeEndpointArn": self.arn,
            "EndpointUrl": self.url,
            "Status": self.status,
            "AuthorizationBehavior": self.authorization_behavior,
            "Contact": self.contact,
            "CertificateAuthority": {
                "PublicCertificateAuthority": {"AllowedKeyAlgorithms": list(self.key_algorithms)}
            },
            "CreatedAt": self.created_at,
            "UpdatedAt": self.updated_at,
        }
        if self.certificate_tags:
            described["CertificateTags"] = tags_.described(self.certificate_tags)
        if self.failure_reason is not None:
            described["FailureReason"] = self.failure_reason
        return described
