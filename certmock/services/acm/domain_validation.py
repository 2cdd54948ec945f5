"""Domain validation of public certificates: the CNAME records and e-mail addresses ACM hands
out, each name's validation (``DomainValidation``), a move to another method
(``MethodUpdate``), and when validation ends.

certmock sees no DNS and sends no mail, so validation completes on the clock
(``certificate_requests`` runs it; ``options`` the move to DNS):

* **DNS**: each name validates ``DNS_VALIDATION_DELAY`` (60 s) after the request, as if the
  records were already in place (the ``certificate_validated`` waiter, polling every 60 s, sees
  ISSUED on its second attempt);
* **EMAIL**: nothing happens until a test approves, with ``certmock.services.acm.control.
  validate`` (``cm.acm.validate(arn)``); a request not approved within 72 hours of the request
  (or of the last ResendValidationEmail) becomes VALIDATION_TIMED_OUT, as ACM's does.

``validate`` completes DNS validation at once as well. A move from e-mail to DNS validation
(UpdateCertificateOptions, botocore 1.44) validates its names by DNS the same 60 s after the
call.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from certmock.errors import ServiceError

# A name's validation status (botocore enum DomainStatus).
PENDING_VALIDATION = "PENDING_VALIDATION"
SUCCESS = "SUCCESS"
FAILED = "FAILED"

DNS_VALIDATION_DELAY = _dt.timedelta(seconds=60)
VALIDATION_TIMEOUT = _dt.timedelta(hours=72)
RECORDS_DELAY = _dt.timedelta(seconds=5)
"""Realistic mode: how long DescribeCertificate shows no validation records after a request
(RequestCertificate documentation: "a delay of several seconds")."""


# Special-use top-level domains (RFC 2606, RFC 6761, RFC 6762, ICANN's .internal) that no
# public CA may certify: such requests fail with INVALID_PUBLIC_DOMAIN.
_NOT_PUBLIC = frozenset({"test", "example", "invalid", "localhost", "local", "internal"})

# E-mail validation of a wildcard under this domain fails (responses recorded against AWS).
_ADDITIONAL_VERIFICATION = "example.com"
ADDITIONAL_VERIFICATION_DELAY = _dt.timedelta(seconds=5)
"""How long such a request is PENDING_VALIDATION before it is FAILED ("within seconds")."""

# The default quota of names on one certificate (RequestCertificate documentation).
MAX_NAMES = 10


def base_domain(name: str) -> str:
    """``*.example.com`` -> ``example.com``: a wildcard and its base share validation."""
    return name[2:] if name.startswith("*.") else name


def unique(names: Iterable[str]) -> list[str]:
    """Names without repeats, first occurrence first (case-insensitive, as DNS names are)."""
    seen: set[str] = set()
    kept = []
    for name in names:
        if name.lower() not in seen:
            seen.add(name.lower())
            kept.append(name)
    return kept


def is_public(name: str) -> bool:
    return base_domain(name).rsplit(".", 1)[-1].lower() not in _NOT_PUBLIC


def needs_additional_verification(name: str, method: str) -> bool:
    """Whether ACM fails e-mail validation of ``name`` with ADDITIONAL_VERIFICATION_REQUIRED:
    recorded for a wildcard under example.com, while the plain names of the same request,
    ``test.example.com`` among them, stayed pending (responses recorded against AWS, 2024 and
    2025). DNS validation of such names is not recorded and is let through."""
    return (
        method == "EMAIL" and name.startswith("*.") and _is_within(name, _ADDITIONAL_VERIFICATION)
    )


def _digest(*parts: str) -> str:
    return hashlib.sha256(":".join(("certmock", *parts)).encode()).hexdigest()


def dns_record(account_id: str, name: str) -> tuple[str, str]:
    """The CNAME (name, value) that proves control of ``name``, in AWS's form:
    ``_<32 hex>.<domain>.`` -> ``_<32 hex>.<10 letters>.acm-validations.aws.``.

    Deterministic per account and base domain, as AWS's are stable: requesting the same name
    again, or its wildcard, gives the same record.
    """
    domain = base_domain(name).lower().rstrip(".")
    label = _digest(account_id, domain, "name")[:32]
    target = _digest(account_id, domain, "value")[:32]
    shard = "".join(chr(ord("a") + int(c, 16) % 26) for c in _digest(account_id, "shard")[:10])
    return f"_{label}.{domain}.", f"_{target}.{shard}.acm-validations.aws."


def _is_within(name: str, domain: str) -> bool:
    name, domain = base_domain(name).lower(), domain.lower()
    return name == domain or name.endswith("." + domain)


def validation_domains(
    names: Sequence[str], method: str, options: Sequence[Mapping[str, str]] | None
) -> dict[str, str]:
    """Each name's ValidationDomain: as given in DomainValidationOptions, which must name a
    requested domain and a superdomain of it, or else the name itself as requested, a
    wildcard's ``*.`` kept for DNS and e-mail alike (real DescribeCertificate output of both;
    the e-mail addresses are at the base domain)."""
    chosen = {name.lower(): name for name in names}
    for option in options or []:
        domain, validation_domain = option["DomainName"], option["ValidationDomain"]
        if domain.lower() not in chosen:
            raise ServiceError(
                "InvalidDomainValidationOptionsException",
                f"DomainValidationOptions names {domain}, which is not one of the domain "
                "names of the request.",
            )
        if not _is_within(domain, validation_domain):
            raise ServiceError(
                "InvalidDomainValidationOptionsException",
                f"The validation domain {validation_domain} must be {base_domain(domain)} or "
                "one of its superdomains.",
            )
        chosen[domain.lower()] = validation_domain
    return chosen


@dataclass
class DomainValidation:
    """One name's domain validation (a public certificate's, or its renewal's)."""

    domain_name: str
    validation_domain: str
    method: str
    """DNS or EMAIL."""
    status: str = PENDING_VALIDATION
    record_name: str | None = None
    record_value: str | None = None
    validation_emails: list[str] = field(default_factory=list)
    """Always empty, as AWS now shows it (see ``domain_validations``)."""

    def describe(self, *, record_visible: bool = True) -> dict[str, Any]:
        """A ``DomainValidation`` structure. Right after a request, AWS returns only the name
        and method for a few seconds (``record_visible=False``, realistic mode only)."""
        described: dict[str, Any] = {"DomainName": self.domain_name}
        if not record_visible:
            described["ValidationMethod"] = self.method
            return described
        described["ValidationDomain"] = self.validation_domain
        described["ValidationStatus"] = self.status
        if self.method == "EMAIL":
            described["ValidationEmails"] = list(self.validation_emails)
        else:
            described["ResourceRecord"] = self._resource_record()
        described["ValidationMethod"] = self.method
        return described

    def _resource_record(self) -> dict[str, Any]:
        return {"Name": self.record_name, "Type": "CNAME", "Value": self.record_value}

    def summary(self, requested: DomainValidation | None = None) -> dict[str, Any]:
        """A ``DomainValidationSummary`` (ListCertificateDomainValidations, botocore 1.44):
        this validation as the active one and, while the certificate moves to another method,
        ``requested``, the validation it moves to."""
        summary: dict[str, Any] = {
            "DomainName": self.domain_name,
            "ActiveValidationConfiguration": self.configuration(),
        }
        if requested is not None:
            summary["RequestedValidationConfiguration"] = requested.configuration()
        return summary

    def configuration(self) -> dict[str, Any]:
        """A ``ValidationConfiguration``: method, challenge and status."""
        if self.method == "EMAIL":
            challenge: dict[str, Any] = {
                "EmailValidationChallenge": {
                    "ValidationEmails": list(self.validation_emails),
                    "ValidationDomain": self.validation_domain,
                }
            }
        else:
            challenge = {"DnsValidationChallenge": {"ResourceRecord": self._resource_record()}}
        return {
            "ValidationMethod": self.method,
            "ValidationChallenge": challenge,
            "ValidationStatus": self.status,
        }


# UpdateSummary statuses (botocore 1.44 enum UpdateStatus).
UPDATE_PENDING = "PENDING_DOMAIN_VALIDATION"
UPDATE_SUCCESS = "SUCCESS"
UPDATE_FAILED = "FAILED"


@dataclass
class MethodUpdate:
    """A move to another domain validation method (UpdateCertificateOptions with
    ``Options.ValidationMethod``, botocore 1.44): DescribeCertificate's ``UpdateSummary``, and,
    while it is pending, each name's requested validation."""

    from_method: str
    to_method: str
    requested_at: _dt.datetime
    updated_at: _dt.datetime
    requested: list[DomainValidation]
    """One per name, in the certificate's order, until the move ends."""
    status: str = UPDATE_PENDING

    @property
    def pending(self) -> bool:
        return self.status == UPDATE_PENDING

    def end(self, status: str, at: _dt.datetime) -> None:
        self.status = status
        self.updated_at = at
        self.requested = []

    def describe(self) -> dict[str, Any]:
        return {
            "Status": self.status,
            "Type": "DOMAIN_VALIDATION_METHOD",
            "DomainValidationMethodUpdateSummary": {
                "From": self.from_method,
                "To": self.to_method,
            },
            "RequestedAt": self.requested_at,
            "UpdatedAt": self.updated_at,
        }


def domain_validations(
    account_id: str,
    names: Sequence[str],
    method: str,
    options: Sequence[Mapping[str, str]] | None = None,
) -> list[DomainValidation]:
    domains = validation_domains(names, method, options)
    validations = []
    for name in names:
        validation_domain = domains[name.lower()]
        validation = DomainValidation(name, validation_domain, method)
        # An e-mail validation lists no addresses: ValidationEmails is [] in every response
        # recorded against AWS in 2024 and 2025, ordinary domains included.
        if method == "DNS":
            validation.record_name, validation.record_value = dns_record(account_id, name)
        validations.append(validation)
    return validations
