"""ACM Private CA resource names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from certmock.errors import ServiceError

_CA_ARN = re.compile(
    r"arn:(?P<partition>aws[a-z-]*):acm-pca:(?P<region>[a-z0-9-]+):(?P<account>\d{12}):"
    r"certificate-authority/(?P<id>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"
)


@dataclass(frozen=True)
class CertificateAuthorityArn:
    partition: str
    region: str
    account_id: str
    id: str

    def __str__(self) -> str:
        return (
            f"arn:{self.partition}:acm-pca:{self.region}:{self.account_id}:"
            f"certificate-authority/{self.id}"
        )


def parse_certificate_authority_arn(arn: str) -> CertificateAuthorityArn:
    """An ARN that passes the model's loose pattern but does not name a CA is refused the way
    AWS refuses it (InvalidArnException, text as seen from the real service)."""
    match = _CA_ARN.fullmatch(arn)
    if match is None:
        raise ServiceError("InvalidArnException", f"Not a valid arn: {arn}")
    return CertificateAuthorityArn(
        match["partition"], match["region"], match["account"], match["id"]
    )
