"""Private certificates: issued (and renewed) by an ACM Private CA of the same world, through
``certmock.services.acmpca.acm_issuer``.

ACM answers RequestCertificate with an ARN at once and talks to the CA afterwards, so a CA that
refuses shows as a FAILED certificate with a FailureReason (fact sheet 6.4), and a refused
renewal as a RenewalStatusReason.
"""

from __future__ import annotations

from dataclasses import dataclass

from certmock.errors import ServiceError
from certmock.services.acm.issuance import Issued, certificate_request
from certmock.world import World

# The ACM Private CA error behind each FailureReason (botocore enum FailureReason).
_FAILURE_REASONS = {
    "ResourceNotFoundException": "PCA_RESOURCE_NOT_FOUND",
    "InvalidStateException": "PCA_INVALID_STATE",
    "AccessDeniedException": "PCA_ACCESS_DENIED",
    "ValidationException": "PCA_INVALID_DURATION",
    "InvalidArgsException": "PCA_INVALID_ARGS",
    "LimitExceededException": "PCA_LIMIT_EXCEEDED",
    "InvalidArnException": "PCA_INVALID_ARN",
}
REQUEST_FAILED = "PCA_REQUEST_FAILED"

# Key algorithms a private certificate may have (ACM user guide, "Request a private
# certificate"); RSA_1024 is for imports only.
PRIVATE_KEY_ALGORITHMS = (
    "RSA_2048",
    "RSA_3072",
    "RSA_4096",
    "EC_prime256v1",
    "EC_secp384r1",
    "EC_secp521r1",
)


@dataclass(frozen=True)
class Refused:
    reason: str
    """A FailureReason."""
    message: str


def failure_reason(error: ServiceError) -> str:
    return _FAILURE_REASONS.get(error.code, REQUEST_FAILED)


def _family(key_algorithm: str) -> str:
    return key_algorithm.split("_", 1)[0]


def _ca_key_algorithm(world: World, ca_arn: str, account_id: str, region: str) -> str | None:
    """The CA's key algorithm, if this account may issue from the CA (else the issuance
    refuses, with the CA's own error)."""
    from certmock.services.acmpca import DEFINITION
    from certmock.services.acmpca.backend import AcmPcaBackend

    backend = world.backend(DEFINITION, account_id, region)
    assert isinstance(backend, AcmPcaBackend)
    try:
        found = backend.readable_authority(ca_arn, "IssueCertificate")
    except ServiceError:
        return None
    key_algorithm: str = found.configuration["KeyAlgorithm"]
    return key_algorithm


def _same_account(ca_arn: str, account_id: str) -> bool:
    """Whether the CA is the requester's own (a malformed ARN is refused by the CA anyway)."""
    parts = ca_arn.split(":")
    return len(parts) > 4 and parts[4] == account_id


def issue(
    world: World,
    ca_arn: str,
    *,
    account_id: str,
    region: str,
    key_algorithm: str,
    domain_name: str,
    names: list[str],
    renewal: bool = False,
) -> Issued | Refused:
    """Ask the CA for a certificate on a new key. Run from a scheduled change (a managed
    renewal), the clock shows the change's due time, so the CA issues as of then. A CA of
    another account issues (and renews) if its resource policy grants IssueCertificate."""
    from certmock.services.acmpca.acm_issuer import issue_for_acm

    ca_key = _ca_key_algorithm(world, ca_arn, account_id, region)
    if ca_key is not None and _family(ca_key) != _family(key_algorithm):
        # The certificate's key family must be the CA's (fact sheet 6.4).
        return Refused(
            "PCA_INVALID_ARGS",
            f"A {key_algorithm} certificate cannot be issued by a {ca_key} CA.",
        )
    key = world.keys.private_key(key_algorithm)
    try:
        issued = issue_for_acm(
            world,
            ca_arn,
            requester_account=account_id,
            requester_region=region,
            csr=certificate_request(key, domain_name, names),
            # The CA's permissions for acm.amazonaws.com (CreatePermission) authorise renewals
            # from the CA's own account only; another account's certificates renew through
            # the CA's resource policy, as they were issued (CreatePermission documentation:
            # "permissions cannot be used to enable automatic renewals" across accounts).
            renewal=renewal and _same_account(ca_arn, account_id),
        )
    except ServiceError as refused:
        return Refused(failure_reason(refused), refused.message)
    return Issued(issued.certificate, key, issued.chain_pem)
