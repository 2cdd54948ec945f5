"""Service-affiliated CAs (``UsageMode=SERVICE_AFFILIATED``, botocore 1.44.18): a CA that only
the AWS service it is affiliated with issues end-entity certificates from.

What AWS documents (fact sheet 11.3): the mode needs a ``ServiceAffiliation`` and neither can
change later; only the affiliated service issues from the CA, its owner issuing only the
root's own certificate; the affiliation presets revocation. The one documented code,
``IAM_WORKLOAD_IDENTITY``, has CRL and OCSP off and takes its certificate once. Any other code
gets the general rules (only the service issues) and nothing more: certmock does not invent
presets AWS has not published.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from certmock.errors import ServiceError
from certmock.services.acmpca.records import CertificateAuthority

SERVICE_AFFILIATED = "SERVICE_AFFILIATED"
IAM_WORKLOAD_IDENTITY = "IAM_WORKLOAD_IDENTITY"
# The codes whose CAs have revocation off and take their certificate once.
_NO_REVOCATION_ONE_IMPORT = frozenset({IAM_WORKLOAD_IDENTITY})
# The codes whose CAs are multi-Region primaries from creation: issuance is Region-local, so
# the CA is replicated to every Region its service issues in (PcaWorkloadIdentity).
_MULTI_REGION = frozenset({IAM_WORKLOAD_IDENTITY})
# The service principal that issues for each code (recorded as the certificate's requester,
# e.g. in audit reports): AWS STS issues workload certificates (PcaWorkloadIdentity; the
# principal's name is inferred, I).
_PRINCIPAL = {IAM_WORKLOAD_IDENTITY: "sts.amazonaws.com"}
# The longest validity the affiliated service may give a certificate, by code.
_MAXIMUM_VALIDITY = {IAM_WORKLOAD_IDENTITY: _dt.timedelta(days=1)}
PRIMARY = "PRIMARY"
REPLICA = "REPLICA"


def code_of(found: CertificateAuthority) -> str | None:
    """The CA's ServiceAffiliationCode; None for a CA that is not service-affiliated."""
    return _code(found.service_affiliation)


def _code(affiliation: dict[str, Any] | None) -> str | None:
    return None if affiliation is None else affiliation.get("ServiceAffiliationCode")


def service_principal(code: str) -> str:
    """The principal of the AWS service affiliated by ``code`` (for a code AWS does not
    document, a stand-in named after it)."""
    return _PRINCIPAL.get(code, f"{code.lower().replace('_', '-')}.amazonaws.com")


def _issued_by_service(found: CertificateAuthority, requested_by: str | None) -> bool:
    code = code_of(found)
    return code is not None and requested_by == service_principal(code)


def multi_region_type(affiliation: dict[str, Any] | None) -> str | None:
    """``PRIMARY`` for a new CA whose affiliation makes it multi-Region, else None: no request
    member makes a general-purpose CA multi-Region."""
    return PRIMARY if _code(affiliation) in _MULTI_REGION else None


def maximum_validity(found: CertificateAuthority) -> _dt.timedelta | None:
    """How long a certificate the affiliated service issues may be valid; None if the
    affiliation sets no limit AWS has published."""
    code = code_of(found)
    return None if code is None else _MAXIMUM_VALIDITY.get(code)


def check_creation(
    usage_mode: str, affiliation: dict[str, Any] | None, revocation: dict[str, Any] | None
) -> None:
    """A new CA's mode and affiliation go together; an IAM_WORKLOAD_IDENTITY CA has no
    revocation. AWS's error for a mismatch is undocumented: InvalidArgsException (I)."""
    if usage_mode == SERVICE_AFFILIATED and affiliation is None:
        raise ServiceError(
            "InvalidArgsException",
            "A SERVICE_AFFILIATED certificate authority needs a ServiceAffiliation.",
        )
    if usage_mode != SERVICE_AFFILIATED and affiliation is not None:
        raise ServiceError(
            "InvalidArgsException",
            f"ServiceAffiliation is only for a SERVICE_AFFILIATED certificate authority, not "
            f"one with UsageMode {usage_mode}.",
        )
    check_revocation(_code(affiliation), revocation)


def check_revocation(code: str | None, revocation: dict[str, Any] | None) -> None:
    """An affiliation that presets revocation off refuses a CRL or OCSP being enabled."""
    if code not in _NO_REVOCATION_ONE_IMPORT or revocation is None:
        return
    enabled = [
        name
        for name in ("CrlConfiguration", "OcspConfiguration")
        if (revocation.get(name) or {}).get("Enabled")
    ]
    if enabled:
        raise ServiceError(
            "InvalidArgsException",
            f"A certificate authority affiliated with {code} has no revocation: "
            f"{' and '.join(enabled)} cannot be enabled.",
        )


def check_issuer(
    found: CertificateAuthority, root_certificate: bool, requested_by: str | None
) -> None:
    """Only the affiliated service issues from a service-affiliated CA; its owner may issue
    only a root's own certificate (to activate it)."""
    code = _code(found.service_affiliation)
    if code is None or root_certificate or _issued_by_service(found, requested_by):
        return
    raise ServiceError(
        "InvalidArgsException",
        f"{found.arn} is affiliated with {code}: only that service issues certificates from "
        "it; its owner may issue only the root CA's own certificate.",
    )


def check_service_validity(
    found: CertificateAuthority, requested_by: str | None, validity: _dt.timedelta
) -> None:
    """A certificate the affiliated service issues is valid for at most what its affiliation
    allows (a day for IAM_WORKLOAD_IDENTITY)."""
    maximum = maximum_validity(found)
    if not _issued_by_service(found, requested_by) or maximum is None:
        return
    if validity > maximum:
        raise ServiceError(
            "InvalidArgsException",
            f"{found.arn} is affiliated with {code_of(found)}: the certificates it issues are "
            f"valid for at most {maximum}; this one would be valid for {validity}.",
        )


def check_import(found: CertificateAuthority) -> None:
    """A CA whose affiliation takes its certificate once refuses a second import (AWS's error
    is undocumented: InvalidRequestException, which the operation models, I)."""
    if found.primary is not None:
        raise ServiceError(
            "InvalidRequestException",
            f"{found.arn} is a replica: it has its primary's certificate, and a certificate can "
            f"be imported only into the primary, {found.primary.arn}.",
        )
    code = _code(found.service_affiliation)
    if code in _NO_REVOCATION_ONE_IMPORT and found.certificate is not None:
        raise ServiceError(
            "InvalidRequestException",
            f"{found.arn} is affiliated with {code}: its certificate is imported once, to "
            "activate it, and cannot be replaced.",
        )
