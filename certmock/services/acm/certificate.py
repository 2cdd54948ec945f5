"""An ACM certificate as ACM keeps it, and the shapes DescribeCertificate and ListCertificates
build from it."""

from __future__ import annotations

import dataclasses
import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

from cryptography import x509

from certmock.pki.keys import PrivateKey
from certmock.pki.names import rfc2253
from certmock.services.acm import domain_validation, x509_fields
from certmock.services.acm.domain_validation import DomainValidation, MethodUpdate
from certmock.services.acm.issuance import subject_for
from certmock.timeline import Scheduled

# Types (botocore enum CertificateType).
IMPORTED = "IMPORTED"
AMAZON_ISSUED = "AMAZON_ISSUED"
PRIVATE = "PRIVATE"

# Statuses (botocore enum CertificateStatus).
PENDING_VALIDATION = "PENDING_VALIDATION"
ISSUED = "ISSUED"
INACTIVE = "INACTIVE"
EXPIRED = "EXPIRED"
VALIDATION_TIMED_OUT = "VALIDATION_TIMED_OUT"
REVOKED = "REVOKED"
FAILED = "FAILED"

# Renewal statuses (botocore enum RenewalStatus): PENDING_VALIDATION and FAILED as above, and
PENDING_AUTO_RENEWAL = "PENDING_AUTO_RENEWAL"
SUCCESS = "SUCCESS"

# Key pair origins (CertificateKeyPairOrigin, botocore 1.44 and later).
AWS_MANAGED = "AWS_MANAGED"
CUSTOMER_PROVIDED = "CUSTOMER_PROVIDED"

# ListCertificates returns at most this many SANs per certificate (model documentation).
SUMMARY_SAN_LIMIT = 100


@dataclass
class Renewal:
    """A managed renewal in progress or finished (``RenewalSummary``)."""

    status: str
    """PENDING_AUTO_RENEWAL, PENDING_VALIDATION, SUCCESS or FAILED."""
    updated_at: _dt.datetime
    reason: str | None = None
    """A FailureReason (PCA_ACCESS_DENIED, ...), while it cannot complete."""
    domain_validations: list[DomainValidation] = field(default_factory=list)

    def describe(self) -> dict[str, Any]:
        described: dict[str, Any] = {
            "RenewalStatus": self.status,
            # Required by the model even for private certificates, which validate nothing.
            "DomainValidationOptions": [v.describe() for v in self.domain_validations],
            "UpdatedAt": self.updated_at,
        }
        if self.reason is not None:
            described["RenewalStatusReason"] = self.reason
        return described

    @property
    def pending(self) -> bool:
        return self.status in (PENDING_AUTO_RENEWAL, PENDING_VALIDATION)

    def failed(self, at: _dt.datetime) -> Renewal:
        """This renewal FAILED at ``at`` (the certificate expired while it was pending), its
        names still pending validation failed with it."""
        return Renewal(
            FAILED,
            at,
            reason=self.reason,
            domain_validations=[
                dataclasses.replace(validation, status=domain_validation.FAILED)
                if validation.status == domain_validation.PENDING_VALIDATION
                else validation
                for validation in self.domain_validations
            ],
        )


@dataclass
class Timers:
    """What the timeline holds for one certificate, by purpose (``warning``, ``expiry``,
    ``renewal``, ``validation``...), so a purpose can be rescheduled and all of it dropped."""

    entries: dict[str, Scheduled] = field(default_factory=dict)

    def set(self, purpose: str, entry: Scheduled) -> None:
        self.cancel(purpose)
        self.entries[purpose] = entry

    def cancel(self, purpose: str | None = None) -> None:
        """Drop one purpose's entry, or every entry."""
        purposes = list(self.entries) if purpose is None else [purpose]
        for name in purposes:
            entry = self.entries.pop(name, None)
            if entry is not None:
                entry.cancel()


@dataclass
class Certificate:
    arn: str
    sequence: int
    type: str
    created_at: _dt.datetime
    domain_name: str
    subject_alternative_names: list[str]
    key_algorithm: str
    """The ACM enum name (``RSA_2048``)."""
    status: str
    key_pair_origin: str
    options: dict[str, str] = field(default_factory=dict)
    tags: dict[str, str | None] = field(default_factory=dict)
    once_tagged: bool = False
    """Whether it had tags that were removed (the Resource Groups Tagging API still lists it)."""
    # The material, once there is some.
    x509_certificate: x509.Certificate | None = None
    held: list[x509.Certificate] = field(default_factory=list)
    """Every certificate it has held, oldest first (the current one last): the series ACM's
    certificate inventory reports across renewals and reimports."""
    chain_pem: str | None = None
    private_key: PrivateKey | None = None
    issued_at: _dt.datetime | None = None
    imported_at: _dt.datetime | None = None
    # Public certificates: how ownership of the names is shown.
    validation_method: str | None = None
    domain_validations: list[DomainValidation] = field(default_factory=list)
    records_visible_at: _dt.datetime | None = None
    """Realistic mode: DescribeCertificate shows the validation records from then on."""
    # Private certificates.
    certificate_authority_arn: str | None = None
    managed_by: str | None = None
    # Amazon N2 certificates (see ``n2``).
    root_hierarchy_type: str | None = None
    certificate_usage: str | None = None
    failure_reason: str | None = None
    revoked_at: _dt.datetime | None = None
    revocation_reason: str | None = None
    in_use_by: list[str] = field(default_factory=list)
    exported: bool = False
    renewal: Renewal | None = None
    update: MethodUpdate | None = None
    """The latest change of validation method, once one has been asked for."""
    timers: Timers = field(default_factory=Timers)
    version: int = 0
    """Grows whenever the material changes (reimport, renewal), so a scheduled change made for
    an older version can tell it is stale."""

    # -- what users see ---------------------------------------------------------------------
    @property
    def common_name(self) -> str:
        cn = (
            x509_fields.common_name(self.x509_certificate.subject)
            if self.x509_certificate is not None
            else None
        )
        return cn or self.domain_name

    @property
    def not_after(self) -> _dt.datetime | None:
        return None if self.x509_certificate is None else self.x509_certificate.not_valid_after_utc

    @property
    def in_use(self) -> bool:
        return bool(self.in_use_by)

    @property
    def export_option(self) -> str:
        """Whether it can be exported: private certificates always can; a public one when
        requested with Export ENABLED; an imported one never (its key is the customer's)."""
        if self.type == PRIVATE:
            return "ENABLED"
        return self.options.get("Export", "DISABLED")

    @property
    def renewal_eligibility(self) -> str:
        """ELIGIBLE for ACM-issued certificates that are in use or exported (fact sheet 6.5)."""
        if self.type == IMPORTED or self.status != ISSUED:
            return "INELIGIBLE"
        return "ELIGIBLE" if self.in_use or self.exported else "INELIGIBLE"

    def key_usages(self) -> list[str]:
        return (
            [] if self.x509_certificate is None else x509_fields.key_usages(self.x509_certificate)
        )

    def extended_key_usages(self) -> list[dict[str, str]]:
        return (
            []
            if self.x509_certificate is None
            else x509_fields.extended_key_usages(self.x509_certificate)
        )

    def describe(self, now: _dt.datetime) -> dict[str, Any]:
        """The ``CertificateDetail`` structure (members newer models add are declared in the
        service definition's model gaps)."""
        detail: dict[str, Any] = {
            "CertificateArn": self.arn,
            "DomainName": self.domain_name,
            "SubjectAlternativeNames": list(self.subject_alternative_names),
            "CreatedAt": self.created_at,
            "Status": self.status,
            "Type": self.type,
            "KeyAlgorithm": x509_fields.hyphenated(self.key_algorithm),
            "InUseBy": list(self.in_use_by),
            "KeyUsages": [{"Name": name} for name in self.key_usages()],
            "ExtendedKeyUsages": self.extended_key_usages(),
            "RenewalEligibility": self.renewal_eligibility,
            "Options": self._options(),
        }
        detail.update(self._material())
        if self.type == AMAZON_ISSUED:
            visible = self.records_visible_at is None or now >= self.records_visible_at
            detail["DomainValidationOptions"] = [
                v.describe(record_visible=visible) for v in self.domain_validations
            ]
        elif self.type == IMPORTED:
            # One entry per name, the name alone (responses recorded against AWS).
            detail["DomainValidationOptions"] = [
                {"DomainName": name} for name in self.subject_alternative_names
            ]
        if self.type != IMPORTED and self.issued_at is not None:
            detail["IssuedAt"] = self.issued_at
        if self.imported_at is not None:
            detail["ImportedAt"] = self.imported_at
        if self.certificate_authority_arn is not None:
            detail["CertificateAuthorityArn"] = self.certificate_authority_arn
        if self.failure_reason is not None:
            detail["FailureReason"] = self.failure_reason
        if self.revoked_at is not None:
            detail["RevokedAt"] = self.revoked_at
            detail["RevocationReason"] = self.revocation_reason
        if self.renewal is not None:
            detail["RenewalSummary"] = self.renewal.describe()
        if self.update is not None:
            detail["UpdateSummary"] = self.update.describe()
        if self.managed_by is not None:
            detail["ManagedBy"] = self.managed_by
        detail.update(self.n2_fields())
        detail["CertificateKeyPairOrigin"] = self.key_pair_origin
        return detail

    def n2_fields(self) -> dict[str, str]:
        """RootHierarchyType and CertificateUsage, which only N2 certificates have."""
        if self.root_hierarchy_type is None or self.certificate_usage is None:
            return {}
        return {
            "RootHierarchyType": self.root_hierarchy_type,
            "CertificateUsage": self.certificate_usage,
        }

    def domain_validation_summaries(self) -> list[dict[str, Any]]:
        """ListCertificateDomainValidations: each name's active validation, and its requested
        one while a change of method is pending."""
        update = self.update
        if update is None or not update.pending:
            return [validation.summary() for validation in self.domain_validations]
        return [
            validation.summary(requested)
            for validation, requested in zip(self.domain_validations, update.requested, strict=True)
        ]

    def _options(self) -> dict[str, str]:
        # An imported certificate is never logged by ACM nor exportable: AWS shows both as
        # DISABLED (responses recorded against AWS, fact sheet 11.5). Nor is an N2 one logged.
        imported = self.type == IMPORTED
        options = {
            "CertificateTransparencyLoggingPreference": "DISABLED"
            if self.root_hierarchy_type is not None
            else self.options.get(
                "CertificateTransparencyLoggingPreference", "DISABLED" if imported else "ENABLED"
            )
        }
        if imported:
            options["Export"] = "DISABLED"
        elif self.type == AMAZON_ISSUED and "Export" in self.options:
            options["Export"] = self.options["Export"]
        return options

    def _material(self) -> dict[str, Any]:
        """Fields read from the X.509 certificate. A public certificate pending validation
        already shows its future subject, issuer and signature algorithm (real
        DescribeCertificate output of PENDING_VALIDATION requests, DNS and e-mail)."""
        if self.x509_certificate is None:
            if self.type != AMAZON_ISSUED:
                return {}
            family = "RSA" if self.key_algorithm.startswith("RSA") else "ECDSA"
            pending: dict[str, Any] = {"Issuer": "Amazon"}
            subject = rfc2253(subject_for(self.domain_name))
            if subject:
                pending["Subject"] = subject
            pending["SignatureAlgorithm"] = f"SHA256WITH{family}"
            return pending
        described: dict[str, Any] = {
            "Serial": x509_fields.serial(self.x509_certificate),
            "Subject": x509_fields.subject(self.x509_certificate),
            # AWS shows "Amazon" for the certificates it issues publicly (CLI example).
            "Issuer": "Amazon"
            if self.type == AMAZON_ISSUED
            else x509_fields.issuer(self.x509_certificate),
            "NotBefore": self.x509_certificate.not_valid_before_utc,
            "NotAfter": self.x509_certificate.not_valid_after_utc,
            "SignatureAlgorithm": x509_fields.signature_algorithm(self.x509_certificate),
        }
        return described

    def summary(self) -> dict[str, Any]:
        """The ``CertificateSummary`` structure of ListCertificates."""
        names = self.subject_alternative_names
        summary: dict[str, Any] = {
            "CertificateArn": self.arn,
            "DomainName": self.domain_name,
            "SubjectAlternativeNameSummaries": names[:SUMMARY_SAN_LIMIT],
            "HasAdditionalSubjectAlternativeNames": len(names) > SUMMARY_SAN_LIMIT,
            "Status": self.status,
            "Type": self.type,
            "KeyAlgorithm": x509_fields.hyphenated(self.key_algorithm),
            "KeyUsages": self.key_usages(),
            "ExtendedKeyUsages": [usage["Name"] for usage in self.extended_key_usages()],
            "ExportOption": self.export_option,
            "InUse": self.in_use,
            "RenewalEligibility": self.renewal_eligibility,
            "CreatedAt": self.created_at,
        }
        if self.type != IMPORTED:
            # Absent from imported certificates' summaries (recorded AWS responses, 11.5).
            summary["Exported"] = self.exported
        if self.x509_certificate is not None:
            summary["NotBefore"] = self.x509_certificate.not_valid_before_utc
            summary["NotAfter"] = self.x509_certificate.not_valid_after_utc
        if self.type != IMPORTED and self.issued_at is not None:
            summary["IssuedAt"] = self.issued_at
        if self.imported_at is not None:
            summary["ImportedAt"] = self.imported_at
        if self.revoked_at is not None:
            summary["RevokedAt"] = self.revoked_at
        if self.managed_by is not None:
            summary["ManagedBy"] = self.managed_by
        summary.update(self.n2_fields())
        summary["CertificateKeyPairOrigin"] = self.key_pair_origin
        return summary
