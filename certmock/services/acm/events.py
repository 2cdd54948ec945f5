"""The EventBridge events ACM sends (source ``aws.acm``; ACM user guide, "Amazon EventBridge
support for ACM"; fact sheet 6.3). Dates in details are ``2019-12-22T18:43:48Z`` strings and
InUse/Exported are booleans, as in AWS's examples."""

from __future__ import annotations

import datetime as _dt
import math
from typing import Any

from certmock.services.acm import x509_fields
from certmock.services.acm.certificate import AMAZON_ISSUED, Certificate
from certmock.world import Scope

SOURCE = "aws.acm"
APPROACHING_EXPIRATION = "ACM Certificate Approaching Expiration"
EXPIRED = "ACM Certificate Expired"
AVAILABLE = "ACM Certificate Available"
RENEWAL_ACTION_REQUIRED = "ACM Certificate Renewal Action Required"
REVOKED = "ACM Certificate Revoked"


def _date(value: _dt.datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def days_to_expiry(certificate: Certificate, at: _dt.datetime) -> int:
    """Whole days left, a started day counting as one (DaysToExpiry)."""
    assert certificate.not_after is not None
    return max(0, math.ceil((certificate.not_after - at).total_seconds() / 86400))


def _common(certificate: Certificate) -> dict[str, Any]:
    """Fields the current documentation adds to every ACM event."""
    details: dict[str, Any] = {"CommonName": certificate.common_name}
    if certificate.subject_alternative_names:
        details["FirstSubjectAlternativeName"] = certificate.subject_alternative_names[0]
    if certificate.x509_certificate is not None:
        details["ValidityInDays"] = x509_fields.validity_in_days(certificate.x509_certificate)
    details["CertificateKeyPairOrigin"] = certificate.key_pair_origin
    return details


def _lifecycle(certificate: Certificate) -> dict[str, Any]:
    details: dict[str, Any] = {"CertificateType": certificate.type}
    details.update(_common(certificate))
    if certificate.type == AMAZON_ISSUED and certificate.validation_method is not None:
        details["DomainValidationMethod"] = certificate.validation_method
    details["CertificateCreatedDate"] = _date(certificate.created_at)
    if certificate.not_after is not None:
        details["CertificateExpirationDate"] = _date(certificate.not_after)
    details["InUse"] = certificate.in_use
    details["Exported"] = certificate.exported
    return details


def approaching_expiration(
    scope: Scope, certificate: Certificate, days: int, at: _dt.datetime
) -> None:
    details: dict[str, Any] = {"DaysToExpiry": days}
    details.update(_common(certificate))
    scope.emit(SOURCE, APPROACHING_EXPIRATION, [certificate.arn], details, time=at)


def expired(scope: Scope, certificate: Certificate, at: _dt.datetime) -> None:
    scope.emit(SOURCE, EXPIRED, [certificate.arn], _lifecycle(certificate), time=at)


def available(scope: Scope, certificate: Certificate, action: str, at: _dt.datetime) -> None:
    """``action``: ISSUANCE, RENEWAL, IMPORT or REIMPORT."""
    details: dict[str, Any] = {"Action": action}
    details.update(_lifecycle(certificate))
    details["DaysToExpiry"] = days_to_expiry(certificate, at)
    scope.emit(SOURCE, AVAILABLE, [certificate.arn], details, time=at)


def renewal_action_required(
    scope: Scope, certificate: Certificate, reason: str, at: _dt.datetime
) -> None:
    details = _lifecycle(certificate)
    details["RenewalStatusReason"] = reason
    details["DaysToExpiry"] = days_to_expiry(certificate, at)
    scope.emit(SOURCE, RENEWAL_ACTION_REQUIRED, [certificate.arn], details, time=at)


def revoked(scope: Scope, certificate: Certificate, at: _dt.datetime) -> None:
    details: dict[str, Any] = {"CertificateType": certificate.type}
    details.update(_common(certificate))
    if certificate.not_after is not None:
        details["CertificateExpirationDate"] = _date(certificate.not_after)
    details["Exportable"] = certificate.export_option == "ENABLED"
    scope.emit(SOURCE, REVOKED, [certificate.arn], details, time=at)
