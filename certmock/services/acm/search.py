"""SearchCertificates: filter statements (And / Or / Not / Filter), sorting and results.

Choices where AWS's documentation is silent, all certmock's: CONTAINS and EQUALS compare case-
insensitively (DNS names are); a certificate with no X.509 yet matches no X.509 attribute
filter; time ranges include their ends; without SortBy results come in creation order; values
a certificate does not have sort last in ascending order. KeyAlgorithm in results uses the
model's enum spelling (``RSA_2048``), as the filter does.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Mapping
from typing import Any

from certmock.errors import ServiceError
from certmock.services.acm import x509_fields
from certmock.services.acm.certificate import Certificate
from certmock.services.toolkit.pages import SortKey

DEFAULT_MAX_RESULTS = 100


def _invalid(message: str) -> ServiceError:
    return ServiceError("ValidationException", message)


def _one_member(union: Mapping[str, Any], shape: str) -> tuple[str, Any]:
    """The single member a union structure must have."""
    present = [(name, value) for name, value in union.items() if value is not None]
    if len(present) != 1:
        found = ", ".join(name for name, _ in present) or "none"
        raise _invalid(f"{shape} must have exactly one member set (found: {found}).")
    return present[0]


def _compare(filter_: Mapping[str, Any], value: str | None) -> bool:
    if value is None:
        return False
    wanted = str(filter_["Value"]).lower()
    text = value.lower()
    return wanted == text if filter_["ComparisonOperator"] == "EQUALS" else wanted in text


def _within(period: Mapping[str, _dt.datetime], when: _dt.datetime) -> bool:
    start, end = period.get("Start"), period.get("End")
    return (start is None or when >= start) and (end is None or when <= end)


def _x509_matches(certificate: Certificate, name: str, value: Any) -> bool:
    material = certificate.x509_certificate
    if material is None:
        return False
    if name == "Subject":
        _, common_name = _one_member(value, "SubjectFilter")
        return _compare(common_name, x509_fields.common_name(material.subject))
    if name == "SubjectAlternativeName":
        _, dns_name = _one_member(value, "SubjectAlternativeNameFilter")
        return any(_compare(dns_name, found) for found in x509_fields.dns_names(material))
    if name == "ExtendedKeyUsage":
        names = x509_fields.extended_key_usage_names(material)
        return value in names or (value == "NONE" and not names)
    if name == "KeyUsage":
        return value in x509_fields.key_usages(material)
    if name == "KeyAlgorithm":
        return bool(certificate.key_algorithm == value)
    if name == "SerialNumber":
        return bool(x509_fields.serial(material) == value.lower())
    if name == "NotAfter":
        return _within(value, material.not_valid_after_utc)
    return _within(value, material.not_valid_before_utc)  # NotBefore


def matches(
    certificate: Certificate,
    statement: Mapping[str, Any],
    metadata: Mapping[str, Any],
) -> bool:
    """Whether ``certificate`` (whose AcmCertificateMetadata is ``metadata``) satisfies a
    CertificateFilterStatement."""
    kind, value = _one_member(statement, "CertificateFilterStatement")
    if kind == "And":
        return all(matches(certificate, part, metadata) for part in value)
    if kind == "Or":
        return any(matches(certificate, part, metadata) for part in value)
    if kind == "Not":
        return not matches(certificate, value, metadata)
    filter_kind, filter_value = _one_member(value, "CertificateFilter")
    if filter_kind == "CertificateArn":
        return bool(certificate.arn == filter_value)
    if filter_kind == "X509AttributeFilter":
        attribute, wanted = _one_member(filter_value, "X509AttributeFilter")
        return _x509_matches(certificate, attribute, wanted)
    field, wanted = _one_member(filter_value, "AcmCertificateMetadataFilter")
    return bool(metadata.get(field) == wanted)


def names_root_hierarchy(statement: Mapping[str, Any]) -> bool:
    """Whether a filter statement filters by RootHierarchyType anywhere: SearchCertificates
    returns Amazon N2 certificates only then, as ListCertificates does (the filter's
    documentation says to specify it "to return Amazon N2 certificates"; I)."""
    kind, value = _one_member(statement, "CertificateFilterStatement")
    if kind in ("And", "Or"):
        return any(names_root_hierarchy(part) for part in value)
    if kind == "Not":
        return names_root_hierarchy(value)
    filter_kind, filter_value = _one_member(value, "CertificateFilter")
    return filter_kind == "AcmCertificateMetadataFilter" and "RootHierarchyType" in filter_value


def check_statement(statement: Mapping[str, Any]) -> None:
    """Every union in a filter statement has exactly one member, whether or not any
    certificate gets to be compared with it."""
    kind, value = _one_member(statement, "CertificateFilterStatement")
    if kind in ("And", "Or"):
        for part in value:
            check_statement(part)
        return
    if kind == "Not":
        check_statement(value)
        return
    filter_kind, filter_value = _one_member(value, "CertificateFilter")
    if filter_kind == "CertificateArn":
        return
    shape = filter_kind  # X509AttributeFilter or AcmCertificateMetadataFilter
    attribute, wanted = _one_member(filter_value, shape)
    if attribute == "Subject":
        _one_member(wanted, "SubjectFilter")
    elif attribute == "SubjectAlternativeName":
        _one_member(wanted, "SubjectAlternativeNameFilter")


def metadata(certificate: Certificate) -> dict[str, Any]:
    """The ``AcmCertificateMetadata`` structure."""
    described: dict[str, Any] = {
        "CreatedAt": certificate.created_at,
        "Exported": certificate.exported,
        "InUse": certificate.in_use,
        "RenewalEligibility": certificate.renewal_eligibility,
        "Status": certificate.status,
        "Type": certificate.type,
        "ExportOption": certificate.export_option,
    }
    if certificate.imported_at is not None:
        described["ImportedAt"] = certificate.imported_at
    if certificate.issued_at is not None and certificate.type != "IMPORTED":
        described["IssuedAt"] = certificate.issued_at
    if certificate.revoked_at is not None:
        described["RevokedAt"] = certificate.revoked_at
    if certificate.renewal is not None:
        described["RenewalStatus"] = certificate.renewal.status
    if certificate.managed_by is not None:
        described["ManagedBy"] = certificate.managed_by
    if certificate.validation_method is not None:
        described["ValidationMethod"] = certificate.validation_method
    described.update(certificate.n2_fields())
    described["CertificateKeyPairOrigin"] = certificate.key_pair_origin
    return described


def x509_attributes(certificate: Certificate) -> dict[str, Any] | None:
    material = certificate.x509_certificate
    if material is None:
        return None
    return {
        "Issuer": x509_fields.distinguished_name(material.issuer),
        "Subject": x509_fields.distinguished_name(material.subject),
        "SubjectAlternativeNames": x509_fields.general_names(material),
        "ExtendedKeyUsages": x509_fields.extended_key_usage_names(material),
        "KeyAlgorithm": certificate.key_algorithm,
        "KeyUsages": x509_fields.key_usages(material),
        "SerialNumber": x509_fields.serial(material),
        "NotAfter": material.not_valid_after_utc,
        "NotBefore": material.not_valid_before_utc,
    }


def result(certificate: Certificate) -> dict[str, Any]:
    found: dict[str, Any] = {"CertificateArn": certificate.arn}
    attributes = x509_attributes(certificate)
    if attributes is not None:
        found["X509Attributes"] = attributes
    found["CertificateMetadata"] = {"AcmCertificateMetadata": metadata(certificate)}
    return found


def _time(value: _dt.datetime | None) -> tuple[int, float]:
    return (1, 0.0) if value is None else (0, value.timestamp())


def _text(value: str | None) -> tuple[int, str]:
    return (1, "") if value is None else (0, value)


def _flag(value: bool) -> tuple[int, int]:
    return (0, int(value))


def sort_key(sort_by: str | None) -> Callable[[Certificate], SortKey]:
    """A flat sort key for ``sort_by`` (a SearchCertificatesSortBy value), ending with the
    creation sequence so equal values keep a stable order."""

    def field(certificate: Certificate) -> tuple[int, Any]:
        material = certificate.x509_certificate
        renewal = certificate.renewal
        values: dict[str, Callable[[], tuple[int, Any]]] = {
            "CREATED_AT": lambda: _time(certificate.created_at),
            "NOT_AFTER": lambda: _time(material.not_valid_after_utc if material else None),
            "NOT_BEFORE": lambda: _time(material.not_valid_before_utc if material else None),
            "STATUS": lambda: _text(certificate.status),
            "RENEWAL_STATUS": lambda: _text(renewal.status if renewal else None),
            "EXPORTED": lambda: _flag(certificate.exported),
            "IN_USE": lambda: _flag(certificate.in_use),
            "KEY_ALGORITHM": lambda: _text(certificate.key_algorithm),
            "TYPE": lambda: _text(certificate.type),
            "CERTIFICATE_ARN": lambda: _text(certificate.arn),
            "COMMON_NAME": lambda: _text(
                x509_fields.common_name(material.subject) if material else None
            ),
            "REVOKED_AT": lambda: _time(certificate.revoked_at),
            "RENEWAL_ELIGIBILITY": lambda: _text(certificate.renewal_eligibility),
            "ISSUED_AT": lambda: _time(certificate.issued_at),
            "MANAGED_BY": lambda: _text(certificate.managed_by),
            "EXPORT_OPTION": lambda: _text(certificate.export_option),
            "VALIDATION_METHOD": lambda: _text(certificate.validation_method),
            "IMPORTED_AT": lambda: _time(certificate.imported_at),
            "CERTIFICATE_KEY_PAIR_ORIGIN": lambda: _text(certificate.key_pair_origin),
        }
        chosen = values.get(sort_by or "CREATED_AT")
        # ACME fields (botocore 1.44) have no value on certmock's certificates.
        return chosen() if chosen is not None else (1, "")

    def key(certificate: Certificate) -> SortKey:
        if sort_by is None:
            return (certificate.sequence,)
        return (*field(certificate), certificate.sequence)

    return key
