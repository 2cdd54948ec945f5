"""IssueCertificate's ``ApiPassthrough``: its ``Extensions`` and ``Subject`` as X.509 values.

Shapes per botocore's model: CertificatePolicies (PolicyInformation with CPS qualifiers),
ExtendedKeyUsage (a named type or a custom OID), KeyUsage, SubjectAlternativeNames
(GeneralName) and CustomExtensions (an OID, a base64 DER value, a criticality). Every refusal
is an InvalidArgsException naming the member, as the API reference says for GeneralName.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from typing import Any

from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID, ObjectIdentifier

from certmock.errors import ServiceError
from certmock.pki.csr import key_usage
from certmock.pki.names import general_name, x509_name

_EXTENDED_KEY_USAGES = {
    "SERVER_AUTH": ExtendedKeyUsageOID.SERVER_AUTH,
    "CLIENT_AUTH": ExtendedKeyUsageOID.CLIENT_AUTH,
    "CODE_SIGNING": ExtendedKeyUsageOID.CODE_SIGNING,
    "EMAIL_PROTECTION": ExtendedKeyUsageOID.EMAIL_PROTECTION,
    "TIME_STAMPING": ExtendedKeyUsageOID.TIME_STAMPING,
    "OCSP_SIGNING": ExtendedKeyUsageOID.OCSP_SIGNING,
    "SMART_CARD_LOGIN": ExtendedKeyUsageOID.SMARTCARD_LOGON,
    "DOCUMENT_SIGNING": ObjectIdentifier("1.3.6.1.4.1.311.10.3.12"),
    "CERTIFICATE_TRANSPARENCY": ExtendedKeyUsageOID.CERTIFICATE_TRANSPARENCY,
}
_CPS = "CPS"  # the one PolicyQualifierId the model allows


def _refuse(message: str) -> ServiceError:
    return ServiceError("InvalidArgsException", message)


def _oid(dotted: str, where: str) -> ObjectIdentifier:
    try:
        return ObjectIdentifier(dotted)
    except ValueError:
        raise _refuse(f"{where} {dotted!r} is not a valid object identifier.") from None


def extended_key_usage(usages: list[Mapping[str, Any]]) -> x509.ExtendedKeyUsage:
    oids = []
    for position, usage in enumerate(usages, 1):
        where = f"ApiPassthrough.Extensions.ExtendedKeyUsage.{position}"
        named, custom = (
            usage.get("ExtendedKeyUsageType"),
            usage.get("ExtendedKeyUsageObjectIdentifier"),
        )
        if (named is None) == (custom is None):
            raise _refuse(
                f"{where} must set exactly one of ExtendedKeyUsageType and "
                "ExtendedKeyUsageObjectIdentifier."
            )
        oids.append(_EXTENDED_KEY_USAGES[named] if named else _oid(str(custom), where))
    return x509.ExtendedKeyUsage(oids)


def certificate_policies(policies: list[Mapping[str, Any]]) -> x509.CertificatePolicies:
    information = []
    for position, policy in enumerate(policies, 1):
        where = f"ApiPassthrough.Extensions.CertificatePolicies.{position}"
        qualifiers: list[str | x509.UserNotice] = []
        for qualifier in policy.get("PolicyQualifiers") or []:
            if qualifier.get("PolicyQualifierId") != _CPS:
                raise _refuse(f"{where}.PolicyQualifiers: only CPS qualifiers are supported.")
            qualifiers.append(qualifier["Qualifier"]["CpsUri"])
        information.append(
            x509.PolicyInformation(_oid(policy["CertPolicyId"], where), qualifiers or None)
        )
    return x509.CertificatePolicies(information)


def subject_alternative_names(names: list[Mapping[str, Any]]) -> x509.SubjectAlternativeName:
    try:
        return x509.SubjectAlternativeName([general_name(name) for name in names])
    except ValueError as invalid:
        raise _refuse(f"ApiPassthrough.Extensions.SubjectAlternativeNames: {invalid}") from None


def custom_extensions(
    extensions: list[Mapping[str, Any]],
) -> list[tuple[x509.ExtensionType, bool]]:
    built: list[tuple[x509.ExtensionType, bool]] = []
    seen: set[ObjectIdentifier] = set()
    for position, extension in enumerate(extensions, 1):
        where = f"ApiPassthrough.Extensions.CustomExtensions.{position}"
        oid = _oid(extension["ObjectIdentifier"], f"{where}.ObjectIdentifier")
        if oid in seen:
            raise _refuse(f"{where}: the extension {oid.dotted_string} is given twice.")
        seen.add(oid)
        try:
            value = base64.b64decode(extension["Value"], validate=True)
        except (binascii.Error, ValueError):
            raise _refuse(f"{where}.Value is not base64.") from None
        built.append((x509.UnrecognizedExtension(oid, value), bool(extension.get("Critical"))))
    return built


def extensions(passthrough: Mapping[str, Any]) -> list[tuple[x509.ExtensionType, bool]]:
    """The extensions ``ApiPassthrough.Extensions`` asks for, with their criticality (keyUsage
    critical, as AWS's templates mark it; the others not)."""
    given = passthrough.get("Extensions") or {}
    built: list[tuple[x509.ExtensionType, bool]] = []
    if given.get("KeyUsage") is not None:
        try:
            built.append((key_usage(given["KeyUsage"]), True))
        except ValueError as invalid:
            raise _refuse(f"ApiPassthrough.Extensions.KeyUsage: {invalid}") from None
    if given.get("ExtendedKeyUsage"):
        built.append((extended_key_usage(given["ExtendedKeyUsage"]), False))
    if given.get("CertificatePolicies"):
        built.append((certificate_policies(given["CertificatePolicies"]), False))
    if given.get("SubjectAlternativeNames"):
        built.append((subject_alternative_names(given["SubjectAlternativeNames"]), False))
    built += custom_extensions(given.get("CustomExtensions") or [])
    return built


def subject(passthrough: Mapping[str, Any]) -> x509.Name | None:
    """The subject ``ApiPassthrough.Subject`` names, or None when it names none."""
    given = passthrough.get("Subject")
    if not given:
        return None
    try:
        return x509_name(given)
    except ValueError as invalid:
        raise _refuse(f"ApiPassthrough.Subject: {invalid}") from None
