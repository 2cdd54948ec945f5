"""Amazon N2 certificates (botocore 1.44.7): public certificates ACM issues from its N2 root
hierarchies, asked for with ``RootHierarchyType`` and, optionally, ``CertificateUsage``.

Every rule here is the model's documentation of RequestCertificate (fact sheet 11.4): N2 needs
DNS validation, cannot come from a private CA, takes RSA_2048, EC_prime256v1 or EC_secp384r1
keys, is valid 395 days (``N2_AMAZON_MANAGED``) or 98 (``N2_SFG2_AMAZON_MANAGED``, the
hierarchy cross-signed by Starfield G2), is not logged in certificate transparency, and is
hidden from ListCertificates unless asked for. A violation is a ValidationException.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

from cryptography.x509.oid import ExtendedKeyUsageOID, ObjectIdentifier

from certmock.errors import ServiceError

N2_AMAZON_MANAGED = "N2_AMAZON_MANAGED"
N2_SFG2_AMAZON_MANAGED = "N2_SFG2_AMAZON_MANAGED"
HIERARCHIES = (N2_AMAZON_MANAGED, N2_SFG2_AMAZON_MANAGED)
CLIENT_AND_SERVER_AUTH = "CLIENT_AND_SERVER_AUTH"
CLIENT_AUTH_ONLY = "CLIENT_AUTH_ONLY"
KEY_ALGORITHMS = ("RSA_2048", "EC_prime256v1", "EC_secp384r1")

VALIDITY = {
    N2_AMAZON_MANAGED: _dt.timedelta(days=395),
    N2_SFG2_AMAZON_MANAGED: _dt.timedelta(days=98),
}
"""The maximum validity, which is also the one ACM gives."""

_USAGES = {
    CLIENT_AND_SERVER_AUTH: (ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH),
    CLIENT_AUTH_ONLY: (ExtendedKeyUsageOID.CLIENT_AUTH,),
}
_USAGES_BY_HIERARCHY = {
    N2_AMAZON_MANAGED: (CLIENT_AND_SERVER_AUTH, CLIENT_AUTH_ONLY),
    N2_SFG2_AMAZON_MANAGED: (CLIENT_AND_SERVER_AUTH,),
}


def _refuse(message: str) -> ServiceError:
    return ServiceError("ValidationException", message)


def checked_request(
    root_hierarchy_type: str | None,
    certificate_usage: str | None,
    *,
    certificate_authority_arn: str | None,
    validation_method: str | None,
    key_algorithm: str,
) -> str | None:
    """The certificate usage an N2 request gets (None for a request that is not N2), or the
    ValidationException the request earns. The wording is certmock's."""
    if root_hierarchy_type is None:
        if certificate_usage is not None:
            raise _refuse(
                "CertificateUsage can be specified only with a RootHierarchyType of "
                f"{' or '.join(HIERARCHIES)}."
            )
        return None
    if root_hierarchy_type not in HIERARCHIES:
        raise _refuse(
            f"RootHierarchyType {root_hierarchy_type} is not valid; use {' or '.join(HIERARCHIES)}."
        )
    if certificate_authority_arn is not None:
        raise _refuse("RootHierarchyType cannot be specified with CertificateAuthorityArn.")
    if validation_method != "DNS":
        raise _refuse(
            f"An Amazon N2 certificate must be validated by DNS; ValidationMethod is "
            f"{validation_method or 'not specified (EMAIL)'}."
        )
    if key_algorithm not in KEY_ALGORITHMS:
        raise _refuse(
            f"Key algorithm {key_algorithm} is not supported for Amazon N2 certificates; use "
            f"one of {', '.join(KEY_ALGORITHMS)}."
        )
    usage = certificate_usage or CLIENT_AND_SERVER_AUTH
    if usage not in _USAGES_BY_HIERARCHY[root_hierarchy_type]:
        raise _refuse(
            f"CertificateUsage {usage} is not valid with RootHierarchyType "
            f"{root_hierarchy_type}; {CLIENT_AUTH_ONLY} needs {N2_AMAZON_MANAGED}."
        )
    return usage


def extended_key_usages(certificate_usage: str) -> tuple[ObjectIdentifier, ...]:
    """The EKUs of an N2 certificate with ``certificate_usage``."""
    return _USAGES[certificate_usage]


def listed(root_hierarchy_type: str | None, wanted: Iterable[str] | None) -> bool:
    """ListCertificates: N2 certificates only when ``RootHierarchyTypes`` asks for them, and
    then only those (the filter's documentation)."""
    if wanted:
        return root_hierarchy_type in set(wanted)
    return root_hierarchy_type is None
