"""Domain validation of public certificates: the CNAME records and e-mail addresses ACM hands
out, and when validation ends.

certmock sees no DNS and sends no mail, so validation completes on the clock:

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
from collections.abc import Mapping, Sequence

from certmock.errors import ServiceError
from certmock.services.acm.certificate import DomainValidation

DNS_VALIDATION_DELAY = _dt.timedelta(seconds=60)
VALIDATION_TIMEOUT = _dt.timedelta(hours=72)
RECORDS_DELAY = _dt.timedelta(seconds=5)
"""Realistic mode: how long DescribeCertificate shows no validation records after a request
(RequestCertificate documentation: "a delay of several seconds")."""

# The addresses ACM writes to for e-mail validation (ACM user guide, "Email validation"); the
# WHOIS contacts AWS adds are not known here.
_MAILBOXES = ("admin", "administrator", "hostmaster", "postmaster", "webmaster")

# Special-use top-level domains (RFC 2606, RFC 6761, RFC 6762, ICANN's .internal) that no
# public CA may certify: such requests fail with INVALID_PUBLIC_DOMAIN.
_NOT_PUBLIC = frozenset({"test", "example", "invalid", "localhost", "local", "internal"})

# The default quota of names on one certificate (RequestCertificate documentation).
MAX_NAMES = 10


def base_domain(name: str) -> str:
    """``*.example.com`` -> ``example.com``: a wildcard and its base share validation."""
    return name[2:] if name.startswith("*.") else name


def is_public(name: str) -> bool:
    return base_domain(name).rsplit(".", 1)[-1].lower() not in _NOT_PUBLIC


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


def validation_emails(validation_domain: str) -> list[str]:
    return [f"{mailbox}@{validation_domain}" for mailbox in _MAILBOXES]


def _is_within(name: str, domain: str) -> bool:
    name, domain = base_domain(name).lower(), domain.lower()
    return name == domain or name.endswith("." + domain)


def validation_domains(
    names: Sequence[str], method: str, options: Sequence[Mapping[str, str]] | None
) -> dict[str, str]:
    """Each name's ValidationDomain: as given in DomainValidationOptions, which must name a
    requested domain and a superdomain of it, or else the name itself - as requested for DNS
    (``*.example.com``, as real DescribeCertificate output shows), without the wildcard for
    e-mail (the addresses are at the base domain)."""
    chosen = {name.lower(): name if method == "DNS" else base_domain(name) for name in names}
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
        if method == "EMAIL":
            validation.validation_emails = validation_emails(validation_domain)
        else:
            validation.record_name, validation.record_value = dns_record(account_id, name)
        validations.append(validation)
    return validations
