"""What the inventory operations answer about a certificate: the InventoryCertificate of
SearchInventory, a related resource with its metadata, and a usage."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa

from certmock.arns import Arn
from certmock.services.acm import x509_fields
from certmock.services.acm.organization import findings as rules
from certmock.services.acm.organization.collection import (
    ACM_CERTIFICATE,
    PCA_CERTIFICATE_AUTHORITY,
    Observed,
    Related,
)

IDENTIFIERS_LIMIT = 100
"""InventoryCertificateIdentity.Identifiers holds at most the first 100 names (model)."""
_CURVES = {"secp256r1": "EC_prime256v1", "secp384r1": "EC_secp384r1", "secp521r1": "EC_secp521r1"}


def key_algorithm(certificate: x509.Certificate) -> tuple[str, int | None]:
    """InventoryKeyAlgorithm and KeySizeBits of the certificate's public key."""
    key = certificate.public_key()
    if isinstance(key, rsa.RSAPublicKey):
        name = f"RSA_{key.key_size}"
        known = name in ("RSA_1024", "RSA_2048", "RSA_3072", "RSA_4096")
        return (name if known else "OTHER"), key.key_size
    if isinstance(key, ec.EllipticCurvePublicKey):
        return _CURVES.get(key.curve.name, "OTHER"), key.curve.key_size
    if isinstance(key, ed25519.Ed25519PublicKey):
        return "ED25519", 256
    if isinstance(key, ed448.Ed448PublicKey):
        return "ED448", 456
    return "OTHER", None


def names(certificate: x509.Certificate) -> list[str]:
    """The DNS names it identifies: its DNS SANs, else its subject's common name."""
    dns = x509_fields.dns_names(certificate)
    if dns:
        return dns
    common = x509_fields.common_name(certificate.subject)
    return [common] if common else []


@dataclass
class Row:
    """One certificate of the inventory with its findings, as of one read."""

    observed: Observed
    findings: list[rules.Finding]

    @property
    def identifier(self) -> str:
        return self.observed.identifier

    @property
    def severity(self) -> str:
        return rules.highest_severity(self.observed, self.findings)

    @property
    def usage_count(self) -> int:
        return len(self.observed.usages)

    @property
    def subject(self) -> str:
        return self.observed.certificate.subject.rfc4514_string()

    @property
    def issuer(self) -> str:
        return self.observed.certificate.issuer.rfc4514_string()

    @property
    def signature_algorithm(self) -> str:
        return x509_fields.signature_algorithm(self.observed.certificate)

    def describe(self) -> dict[str, Any]:
        certificate = self.observed.certificate
        identified = names(certificate)
        algorithm, size = key_algorithm(certificate)
        details: dict[str, Any] = {
            "Issuer": self.issuer,
            "SerialNumber": x509_fields.serial(certificate),
            "NotBefore": certificate.not_valid_before_utc,
            "NotAfter": certificate.not_valid_after_utc,
            "SubjectAlternativeNames": x509_fields.subject_alternative_names(certificate),
            "KeyAlgorithm": algorithm,
            "IssuanceType": self.observed.issuance_type,
            "SignatureAlgorithm": self.signature_algorithm,
        }
        if size is not None:
            details["KeySizeBits"] = size
        identity: dict[str, Any] = {
            "Identifiers": identified[:IDENTIFIERS_LIMIT],
            "HasAdditionalIdentifiers": len(identified) > IDENTIFIERS_LIMIT,
        }
        if self.subject:
            identity["Subject"] = self.subject
        return {
            "Identifier": self.identifier,
            "MaterialType": "X509_CERTIFICATE",
            "Validity": {
                "NotBefore": certificate.not_valid_before_utc,
                "NotAfter": certificate.not_valid_after_utc,
            },
            "Identity": identity,
            "UsageCount": self.usage_count,
            "FindingCounts": rules.counts(self.findings),
            "X509Details": details,
            "HighestFindingSeverity": self.severity,
            "RelatedResourceCount": len(self.observed.related),
        }


def describe_related(related: Related, now: _dt.datetime) -> dict[str, Any]:
    """InventoryRelatedResource; its metadata is read now (UpdatedAt is the read's time)."""
    described: dict[str, Any] = {"ResourceType": related.type, "ResourceArn": related.arn}
    acm = related.acm
    if related.type == ACM_CERTIFICATE and acm is not None:
        described["IssuanceType"] = {
            "IMPORTED": "IMPORTED",
            "AMAZON_ISSUED": "AMAZON_ISSUED",
        }.get(acm.type, "PRIVATE_CA_ISSUED")
        described["AssociationStatus"] = "CURRENT" if related.current else "REPLACED"
        described["Metadata"] = {"AcmCertificate": _acm_metadata(acm.describe(now), now)}
    elif related.type == PCA_CERTIFICATE_AUTHORITY and related.authority is not None:
        view = related.authority
        metadata: dict[str, Any] = {
            "UpdatedAt": now,
            "Status": view.status,
            "Type": view.type,
            "UsageMode": view.usage_mode,
            "KeyStorageSecurityStandard": view.key_storage_security_standard,
            "CreatedAt": view.created_at,
            "LastStateChangeAt": view.last_state_change_at,
        }
        optional = {
            "Serial": view.serial,
            "NotBefore": view.not_before,
            "NotAfter": view.not_after,
            "RestorableUntil": view.restorable_until,
        }
        metadata.update({key: value for key, value in optional.items() if value is not None})
        described["Metadata"] = {"PcaCertificateAuthority": metadata}
    return described


_ACM_COPIED = [
    "DomainName",
    "Serial",
    "NotAfter",
    "Status",
    "Type",
    "RenewalEligibility",
    "CertificateKeyPairOrigin",
    "ManagedBy",
    "CreatedAt",
    "IssuedAt",
    "ImportedAt",
    "RevokedAt",
    "RevocationReason",
    "CertificateAuthorityArn",
]


def _acm_metadata(detail: dict[str, Any], now: _dt.datetime) -> dict[str, Any]:
    """AcmMetadataCertificate: DescribeCertificate's members under their own names, without
    the domain validation details."""
    metadata: dict[str, Any] = {"UpdatedAt": now}
    metadata.update({name: detail[name] for name in _ACM_COPIED if name in detail})
    metadata["InUseByCount"] = len(detail.get("InUseBy", []))
    renewal = detail.get("RenewalSummary")
    if renewal is not None:
        metadata["RenewalSummary"] = {
            key: value for key, value in renewal.items() if key != "DomainValidationOptions"
        }
    update = detail.get("UpdateSummary")
    if update is not None:
        metadata["UpdateSummary"] = {
            key: update[key]
            for key in ("Status", "Type", "RequestedAt", "UpdatedAt")
            if key in update
        }
    options = detail.get("Options", {})
    kept = {key: options[key] for key in ("Export", "ValidationMethod") if key in options}
    if kept:
        metadata["Options"] = kept
    return metadata


def describe_usage(identifier: str, used_by: str, now: _dt.datetime) -> dict[str, Any]:
    """InventoryUsage of a resource in an ACM certificate's InUseBy: observed at this read."""
    usage: dict[str, Any] = {
        "CertificateIdentifier": identifier,
        "Target": {"Arn": used_by},
        "LastObservedAt": now.replace(microsecond=0),
    }
    parsed = Arn.parse(used_by)
    if parsed is not None:
        if parsed.account_id:
            usage["AccountId"] = parsed.account_id
        if parsed.region:
            usage["Region"] = parsed.region
    return usage
