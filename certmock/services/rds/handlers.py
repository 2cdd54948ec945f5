"""RDS certificate operations: parameters (as botocore's shapes name them) in, result out."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from certmock.errors import ServiceError
from certmock.services.rds.backend import RdsBackend
from certmock.services.rds.catalog import CertificateAuthority
from certmock.services.toolkit.pages import page_in_creation_order

Result = Mapping[str, Any]

DEFAULT_MAX_RECORDS = 100
MIN_MAX_RECORDS = 20
MAX_MAX_RECORDS = 100


def _checked_max_records(params: Mapping[str, Any]) -> int:
    max_records: int = params.get("MaxRecords", DEFAULT_MAX_RECORDS)
    if not MIN_MAX_RECORDS <= max_records <= MAX_MAX_RECORDS:
        # The model has no range for MaxRecords, so botocore sends any integer; this is the
        # real error (fact sheet 7.1). It is not an extra constraint of the definition: RDS
        # answers it with its own code and wording, not with a validation error.
        raise ServiceError(
            "InvalidParameterValue",
            f"Invalid value {max_records} for MaxRecords. "
            f"Must be between {MIN_MAX_RECORDS} and {MAX_MAX_RECORDS}",
        )
    return max_records


def _invalid_marker(marker: str) -> ServiceError:
    # AWS's wording for a marker it did not issue is not documented.
    return ServiceError(
        "InvalidParameterValue",
        f"Invalid Marker {marker!r}: pass the Marker a previous DescribeCertificates call "
        "returned.",
    )


def _certificate(backend: RdsBackend, authority: CertificateAuthority) -> dict[str, Any]:
    override = backend.customer_override
    overridden = override is not None and (
        override.certificate_identifier == authority.certificate_identifier
    )
    described: dict[str, Any] = {
        "CertificateIdentifier": authority.certificate_identifier,
        "CertificateType": authority.certificate_type,
        "Thumbprint": authority.thumbprint,
        "ValidFrom": authority.valid_from,
        "ValidTill": authority.valid_till,
        "CertificateArn": authority.certificate_arn,
        # Every CA carries the flag; only the overriding one has a ValidTill for it (7.3).
        "CustomerOverride": overridden,
    }
    if overridden and override is not None:
        described["CustomerOverrideValidTill"] = override.valid_till
    return described


def describe_certificates(backend: RdsBackend, params: dict[str, Any]) -> Result:
    max_records = _checked_max_records(params)
    # Filters "isn't currently supported" (model documentation): accepted and ignored.
    identifier = params.get("CertificateIdentifier")
    listed = backend.certificates() if identifier is None else [backend.certificate(identifier)]
    page, marker = page_in_creation_order(
        listed,
        lambda authority: authority.position,
        listing="certificates",
        token=params.get("Marker"),
        limit=max_records,
        invalid_token=_invalid_marker(params.get("Marker", "")),
    )
    return {
        "DefaultCertificateForNewLaunches": backend.default_for_new_launches(),
        "Certificates": [_certificate(backend, authority) for authority in page],
        "Marker": marker,
    }


def modify_certificates(backend: RdsBackend, params: dict[str, Any]) -> Result:
    changed = backend.modify_certificates(
        params.get("CertificateIdentifier"), params.get("RemoveCustomerOverride", False)
    )
    return {} if changed is None else {"Certificate": _certificate(backend, changed)}


HANDLERS = {
    "DescribeCertificates": describe_certificates,
    "ModifyCertificates": modify_certificates,
}
