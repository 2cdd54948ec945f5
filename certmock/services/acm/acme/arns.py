"""ARNs of ACME resources, nested under their endpoint's:

* ``arn:<partition>:acm:<region>:<account>:acme-endpoint/<id>``
* ``...:acme-endpoint/<id>/acme-domain-validation/<id>``
* ``...:acme-endpoint/<id>/acme-external-account-binding/<id>``
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ENDPOINT = "acme-endpoint"
DOMAIN_VALIDATION = "acme-domain-validation"
EXTERNAL_ACCOUNT_BINDING = "acme-external-account-binding"

# The model's patterns (AcmeEndpointArn, AcmeDomainValidationArn, AcmeExternalAccountBindingArn).
_ACME_ARN = re.compile(
    r"arn:(?P<partition>aws[a-z-]*):acm:(?P<region>[a-z0-9-]+):(?P<account>[0-9]{12}):"
    r"acme-endpoint/(?P<endpoint>[a-zA-Z0-9-]+)"
    r"(?:/(?P<kind>acme-domain-validation|acme-external-account-binding)/(?P<id>[a-zA-Z0-9-]+))?"
)


@dataclass(frozen=True)
class AcmeArn:
    partition: str
    region: str
    account_id: str
    endpoint_id: str
    kind: str
    """ENDPOINT, DOMAIN_VALIDATION or EXTERNAL_ACCOUNT_BINDING."""
    resource_id: str
    """The endpoint's id for an endpoint, else the child's."""

    @property
    def endpoint_arn(self) -> str:
        return (
            f"arn:{self.partition}:acm:{self.region}:{self.account_id}:"
            f"{ENDPOINT}/{self.endpoint_id}"
        )


def parse(arn: str) -> AcmeArn | None:
    """The parts of an ACME resource ARN; None for any other string."""
    found = _ACME_ARN.fullmatch(arn)
    if found is None:
        return None
    kind = found["kind"] or ENDPOINT
    resource_id = found["id"] or found["endpoint"]
    return AcmeArn(
        found["partition"], found["region"], found["account"], found["endpoint"], kind, resource_id
    )


def endpoint_arn(partition: str, region: str, account_id: str, endpoint_id: str) -> str:
    return f"arn:{partition}:acm:{region}:{account_id}:{ENDPOINT}/{endpoint_id}"


def child_arn(endpoint: str, kind: str, resource_id: str) -> str:
    return f"{endpoint}/{kind}/{resource_id}"
