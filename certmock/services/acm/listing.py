"""ListCertificates: which certificates the filters keep, and in what order.

Filters (``Includes``): within one list, a certificate matches if it has ANY of the values;
between filters, it must match ALL (AWS does not document the combination; certmock's choice).
``keyTypes`` defaults to RSA_1024 and RSA_2048: the Filters documentation says so, and the
operation's documentation says RSA_2048 only (fact sheet 6.8); the wider reading hides less.
``extendedKeyUsage`` NONE matches certificates without the extension; a certificate that has no
X.509 yet (pending validation) matches no usage filter.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from certmock.errors import ServiceError
from certmock.services.acm import n2
from certmock.services.acm.certificate import Certificate

DEFAULT_KEY_TYPES = ("RSA_1024", "RSA_2048")
# botocore 1.44: "Default filtering returns only certificates with key pair origin of
# AWS_MANAGED and CUSTOMER_PROVIDED" (certmock has no ACME certificates).
DEFAULT_KEY_PAIR_ORIGINS = ("AWS_MANAGED", "CUSTOMER_PROVIDED")


def _any(wanted: Sequence[str] | None, present: Iterable[str]) -> bool:
    return wanted is None or bool(set(wanted) & set(present))


def matches(
    certificate: Certificate,
    statuses: Sequence[str] | None,
    includes: Mapping[str, Any] | None,
    key_pair_origins: Sequence[str] | None,
    root_hierarchy_types: Sequence[str] | None = None,
) -> bool:
    if not n2.listed(certificate.root_hierarchy_type, root_hierarchy_types):
        return False
    if statuses and certificate.status not in statuses:
        return False
    if certificate.key_pair_origin not in (key_pair_origins or DEFAULT_KEY_PAIR_ORIGINS):
        return False
    filters = includes or {}
    if certificate.key_algorithm not in (filters.get("keyTypes") or DEFAULT_KEY_TYPES):
        return False
    extended = filters.get("extendedKeyUsage")
    if extended:
        if certificate.x509_certificate is None:
            return False
        names = [usage["Name"] for usage in certificate.extended_key_usages()]
        if not (_any(extended, names) or ("NONE" in extended and not names)):
            return False
    if filters.get("keyUsage") and not _any(filters["keyUsage"], certificate.key_usages()):
        return False
    if "exportOption" in filters and certificate.export_option != filters["exportOption"]:
        return False
    return not ("managedBy" in filters and certificate.managed_by != filters["managedBy"])


def check_sorting(sort_by: str | None, sort_order: str | None) -> None:
    """SortBy and SortOrder go together (model documentation); wording is certmock's."""
    if (sort_by is None) != (sort_order is None):
        given, missing = ("SortBy", "SortOrder") if sort_order is None else ("SortOrder", "SortBy")
        raise ServiceError(
            "ValidationException",
            f"{given} was specified without {missing}; specify both or neither.",
        )


def created_order(certificate: Certificate) -> tuple[float, int]:
    return (certificate.created_at.timestamp(), certificate.sequence)


def creation_sequence(certificate: Certificate) -> tuple[int]:
    return (certificate.sequence,)
