"""ACM certificate ARNs: ``arn:<partition>:acm:<region>:<account>:certificate/<uuid>``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from certmock.errors import ServiceError

_CERTIFICATE_ARN = re.compile(
    r"arn:(?P<partition>[^:]+):acm:(?P<region>[^:]+):(?P<account>\d{12}):"
    r"certificate/(?P<id>[A-Za-z0-9-]+)"
)


@dataclass(frozen=True)
class CertificateArn:
    partition: str
    region: str
    account_id: str
    certificate_id: str

    def __str__(self) -> str:
        return (
            f"arn:{self.partition}:acm:{self.region}:{self.account_id}:"
            f"certificate/{self.certificate_id}"
        )


def parse_certificate_arn(arn: str) -> CertificateArn:
    """The parts of an ACM certificate ARN; InvalidArnException for anything else (the model's
    pattern admits any ACM resource ARN, an ACME endpoint's for one). AWS's wording is not
    documented."""
    parsed = _CERTIFICATE_ARN.fullmatch(arn)
    if parsed is None:
        raise ServiceError(
            "InvalidArnException",
            f"The ARN {arn} is not a valid ACM certificate ARN; expected "
            "arn:<partition>:acm:<region>:<12-digit account>:certificate/<id>.",
        )
    return CertificateArn(parsed["partition"], parsed["region"], parsed["account"], parsed["id"])
