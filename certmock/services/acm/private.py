"""Private certificates: issued (and renewed) by an ACM Private CA of the same world, found in
the world's directory and asked through ``SharedCertificateAuthority``: the CA applies its own
rules (status, resource policy, permissions, validity) and ACM never sees its state.

ACM answers RequestCertificate with an ARN at once and talks to the CA afterwards, so a CA that
refuses shows as a FAILED certificate with a FailureReason (fact sheet 6.4), and a refused
renewal as a RenewalStatusReason.
"""

from __future__ import annotations

from dataclasses import dataclass

from certmock.directory import CERTIFICATE_AUTHORITY_ARN, Requester, SharedCertificateAuthority
from certmock.errors import ServiceError
from certmock.services.acm.issuance import Issued, certificate_request
from certmock.world import World

ACM_VALIDITY_DAYS = 395  # 13 months, the validity ACM gives the certificates it manages

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


def _certificate_authority(
    world: World, ca_arn: str, requester: Requester
) -> SharedCertificateAuthority | Refused:
    """The CA named ``ca_arn`` as ``requester`` sees it: a CA of another Region is not found
    (ACM issues from a CA of its own Region only)."""
    parsed = CERTIFICATE_AUTHORITY_ARN.parse(ca_arn)
    if parsed is None:
        return Refused("PCA_INVALID_ARN", f"Not a valid arn: {ca_arn}")
    found = world.directory.certificate_authority(ca_arn)
    if found is None or parsed.region != requester.region:
        return Refused(
            "PCA_RESOURCE_NOT_FOUND",
            f"Could not find certificate authority {ca_arn} in account "
            f"{requester.account_id}, region {requester.region}.",
        )
    return found


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
    requester = Requester(account_id, region)
    authority = _certificate_authority(world, ca_arn, requester)
    if isinstance(authority, Refused):
        return authority
    try:
        ca_key = authority.key_algorithm_for(requester, "IssueCertificate")
        if _family(ca_key) != _family(key_algorithm):
            # The certificate's key family must be the CA's (fact sheet 6.4).
            return Refused(
                "PCA_INVALID_ARGS",
                f"A {key_algorithm} certificate cannot be issued by a {ca_key} CA.",
            )
        key = world.keys.private_key(key_algorithm)
        issued = authority.issue_for_acm(
            requester,
            certificate_request(key, domain_name, names),
            # The CA's permissions for acm.amazonaws.com (CreatePermission) authorise renewals
            # from the CA's own account only; another account's certificates renew through
            # the CA's resource policy, as they were issued (CreatePermission documentation:
            # "permissions cannot be used to enable automatic renewals" across accounts).
            renewal=renewal and authority.arn.account_id == account_id,
            validity_days=ACM_VALIDITY_DAYS,
        )
    except ServiceError as refused:
        return Refused(failure_reason(refused), refused.message)
    return Issued(issued.certificate, key, issued.chain_pem)
