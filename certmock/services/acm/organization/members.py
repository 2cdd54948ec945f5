"""Certificate actions for organizations: the management account or ACM's delegated
administrator acts on a member account's ACM certificates and ACM Private CA CAs.

Each action runs the ordinary operation in the member's own state, with its rules and events,
as if the member had called it (an ACM certificate in the member's ACM backend; a CA through
the world's directory, whose CAs run ACM Private CA's own operation as their owner). Before
that, the checks the model lists for RenewMemberCertificate and UpdateMemberCertificateAuthority,
and after it, the member's error mapped to the codes the model documents.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from certmock.arns import Arn
from certmock.directory import CERTIFICATE_AUTHORITY_ARN, SharedCertificateAuthority
from certmock.errors import ServiceError
from certmock.partitions import is_known_region
from certmock.services.acm.backend import SERVICE_NAME, AcmBackend
from certmock.services.acm.organization.access import caller, denied
from certmock.services.acm.organization.configuration import ENABLED
from certmock.services.acm.store import CERTIFICATE_ARN
from certmock.world import Scope

_CONFLICTS = frozenset(
    {
        "ConflictException",
        "InvalidStateException",
        "ResourceInUseException",
        "RequestInProgressException",
        "RequestAlreadyProcessedException",
    }
)
_VALIDATIONS = frozenset(
    {
        "ValidationException",
        "InvalidArgsException",
        "InvalidArnException",
        "InvalidParameterException",
        "InvalidRequestException",
        "InvalidPolicyException",
        "InvalidDomainValidationOptionsException",
        "LimitExceededException",
    }
)
_KEPT = frozenset({"AccessDeniedException", "ResourceNotFoundException", "ThrottlingException"})


def mapped(error: ServiceError, service: str) -> ServiceError:
    """The member service's error as the model documents it: access denied, not found,
    conflict, validation (quotas included) and throttling keep their meaning; anything else is
    an internal error."""
    if error.code in _KEPT:
        code = error.code
    elif error.code in _CONFLICTS:
        code = "ConflictException"
    elif error.code in _VALIDATIONS:
        code = "ValidationException"
    else:
        code = "InternalServerException"
    return ServiceError(code, f"{service} returned {error.code}: {error.message}")


def _checked(scope: Scope, arn: str, parse: Callable[[str], Arn | None], noun: str) -> Arn:
    """The checks every member action makes, in the model's order, then the target's ARN."""
    parsed = parse(arn)
    if parsed is None or parsed.partition != scope.partition or not is_known_region(parsed.region):
        raise denied("Unauthorized")
    found = caller(scope)
    organization = found.organization
    configuration = found.state.configuration
    if configuration is not None and configuration.home_region != scope.region:
        raise ServiceError(
            "ResourceNotFoundException",
            f"Certificate actions for organization {organization.id} are available in its home "
            f"Region {configuration.home_region}, not in {scope.region}.",
        )
    if parsed.account_id == scope.account_id:
        raise denied(
            f"The {noun} {arn} is in your own account; call the operation in that account instead."
        )
    if configuration is None:
        raise denied(f"Organization {organization.id} has no certificate inventory configuration.")
    if configuration.lifecycle_status != ENABLED:
        raise denied(
            "Certificate actions for organizations are turned off; turn them on with "
            "LifecycleManagement in PutInventoryConfiguration."
        )
    if not configuration.in_regional_scope(parsed.region):
        raise denied(f"Region {parsed.region} is outside the configuration's RegionalScope.")
    if not configuration.in_account_scope(organization, parsed.account_id):
        raise denied(
            f"Account {parsed.account_id} is not an active member of organization "
            f"{organization.id} within the configuration's AccountScope."
        )
    if not configuration.lifecycle.working(organization):
        raise denied(
            f"AWS Certificate Manager is not authorized to act in account {parsed.account_id}: "
            "access setup there has not finished (or trusted access is off)."
        )
    return parsed


# -- ACM certificates ---------------------------------------------------------------------
def _on_certificate(scope: Scope, arn: str, action: Callable[[AcmBackend], Any]) -> Any:
    parsed = _checked(scope, arn, CERTIFICATE_ARN.parse, "certificate")
    member = scope.world.backends(SERVICE_NAME).get((parsed.account_id, parsed.region))
    try:
        if not isinstance(member, AcmBackend):
            raise ServiceError("ResourceNotFoundException", f"Could not find certificate {arn}.")
        return action(member)
    except ServiceError as error:
        raise mapped(error, "ACM") from None


def delete_certificate(scope: Scope, params: dict[str, Any]) -> dict[str, Any]:
    arn = params["CertificateArn"]
    _on_certificate(scope, arn, lambda member: member.store.delete(arn))
    return {}


def renew_certificate(scope: Scope, params: dict[str, Any]) -> dict[str, Any]:
    arn = params["CertificateArn"]
    _on_certificate(scope, arn, lambda member: member.renewals.renew(arn))
    return {}


def revoke_certificate(scope: Scope, params: dict[str, Any]) -> dict[str, Any]:
    arn = params["CertificateArn"]
    revoked = _on_certificate(
        scope, arn, lambda member: member.exports.revoke(arn, params["RevocationReason"])
    )
    return {"CertificateArn": revoked.arn}


def update_certificate_options(scope: Scope, params: dict[str, Any]) -> dict[str, Any]:
    options = params["Options"]
    if "Export" not in options and "ValidationMethod" not in options:
        raise ServiceError("ValidationException", "Options must set Export or ValidationMethod.")
    arn = params["CertificateArn"]
    _on_certificate(scope, arn, lambda member: member.options.update(arn, options))
    return {}


# -- ACM Private CA certificate authorities -----------------------------------------------
def _on_authority(
    scope: Scope, arn: str, action: Callable[[SharedCertificateAuthority], None]
) -> None:
    _checked(scope, arn, CERTIFICATE_AUTHORITY_ARN.parse, "certificate authority")
    authority = scope.directory.certificate_authority(arn)
    try:
        if authority is None:
            raise ServiceError(
                "ResourceNotFoundException", f"Could not find certificate authority {arn}."
            )
        action(authority)
    except ServiceError as error:
        raise mapped(error, "AWS Private CA") from None


def update_authority(scope: Scope, params: dict[str, Any]) -> dict[str, Any]:
    _on_authority(
        scope,
        params["CertificateAuthorityArn"],
        lambda authority: authority.update_as_owner(
            status=params.get("Status"),
            revocation_configuration=params.get("RevocationConfiguration"),
        ),
    )
    return {}


def delete_authority(scope: Scope, params: dict[str, Any]) -> dict[str, Any]:
    days = params.get("PermanentDeletionTimeInDays")
    _on_authority(
        scope,
        params["CertificateAuthorityArn"],
        lambda authority: authority.delete_as_owner(days),
    )
    return {}


def restore_authority(scope: Scope, params: dict[str, Any]) -> dict[str, Any]:
    _on_authority(
        scope, params["CertificateAuthorityArn"], lambda authority: authority.restore_as_owner()
    )
    return {}


def revoke_issued_certificate(scope: Scope, params: dict[str, Any]) -> dict[str, Any]:
    _on_authority(
        scope,
        params["CertificateAuthorityArn"],
        lambda authority: authority.revoke_as_owner(
            params["CertificateSerial"], params["RevocationReason"]
        ),
    )
    return {}
