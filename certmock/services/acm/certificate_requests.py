"""RequestCertificate, and a request's way to ISSUED: a private certificate comes from its CA at
once (a few seconds later in realistic mode); a public one once its names are validated, on
the clock as ``domain_validation`` describes, or failed when a name cannot be certified
publicly. ResendValidationEmail opens a new window for e-mail approval."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence

from certmock.errors import ServiceError
from certmock.services.acm import domain_validation, n2
from certmock.services.acm.amazon_ca import PUBLIC_KEY_ALGORITHMS
from certmock.services.acm.certificate import (
    AMAZON_ISSUED,
    AWS_MANAGED,
    FAILED,
    PENDING_VALIDATION,
    PRIVATE,
    VALIDATION_TIMED_OUT,
    Certificate,
)
from certmock.services.acm.certificate_tags import CERTIFICATE_TAGS
from certmock.services.acm.domain_validation import DomainValidation
from certmock.services.acm.private import PRIVATE_KEY_ALGORITHMS
from certmock.services.acm.renewal import Renewals
from certmock.services.acm.store import CertificateStore
from certmock.services.toolkit.idempotency import IdempotencyTokens
from certmock.world import Scope

IDEMPOTENCY_WINDOW = _dt.timedelta(hours=1)
# Realistic mode only: how long a private certificate stays PENDING_VALIDATION (fact sheet 6.4:
# "a few seconds").
PRIVATE_ISSUANCE_DELAY = _dt.timedelta(seconds=5)


class CertificateRequests:
    def __init__(self, scope: Scope, store: CertificateStore, renewals: Renewals) -> None:
        self._scope = scope
        self._store = store
        self._renewals = renewals
        self._tokens: IdempotencyTokens[str, str] = IdempotencyTokens(scope, IDEMPOTENCY_WINDOW)
        """Same token within the hour: the same request, the same certificate."""

    def request(
        self,
        *,
        domain_name: str,
        validation_method: str | None = None,
        subject_alternative_names: Sequence[str] | None = None,
        idempotency_token: str | None = None,
        domain_validation_options: Sequence[Mapping[str, str]] | None = None,
        options: Mapping[str, str] | None = None,
        certificate_authority_arn: str | None = None,
        tags: Sequence[Mapping[str, str]] | None = None,
        key_algorithm: str | None = None,
        managed_by: str | None = None,
        root_hierarchy_type: str | None = None,
        certificate_usage: str | None = None,
    ) -> str:
        """RequestCertificate: the new certificate's ARN."""
        now = self._scope.now()
        repeated = self._tokens.replay(idempotency_token)
        if repeated is not None:
            return repeated
        names = domain_validation.unique([domain_name, *(subject_alternative_names or [])])
        if len(names) > domain_validation.MAX_NAMES:
            # AWS's text (terraform-provider-aws#35825), public and private alike.
            raise ServiceError("LimitExceededException", "Certificate has too many domains.")
        tag_pairs = CERTIFICATE_TAGS.pairs(tags)
        chosen_key = key_algorithm or "RSA_2048"
        usage = n2.checked_request(
            root_hierarchy_type,
            certificate_usage,
            certificate_authority_arn=certificate_authority_arn,
            validation_method=validation_method,
            key_algorithm=chosen_key,
        )
        if certificate_authority_arn is None:
            requested = self._public_request(
                domain_name,
                names,
                validation_method,
                domain_validation_options,
                options,
                chosen_key,
                managed_by,
                now,
            )
        else:
            requested = self._private_request(
                domain_name, names, certificate_authority_arn, options, chosen_key, now
            )
        requested.root_hierarchy_type = root_hierarchy_type
        requested.certificate_usage = usage
        self._store.add(requested, tag_pairs)
        self._tokens.remember(idempotency_token, requested.arn, at=now)
        if requested.type == PRIVATE:
            self._start_private_issuance(requested, now)
        else:
            self._start_validation(requested, now)
        return requested.arn

    def _new_request(
        self, kind: str, domain_name: str, names: list[str], key_algorithm: str, now: _dt.datetime
    ) -> Certificate:
        return Certificate(
            arn=self._store.new_arn(),
            sequence=self._scope.world.next_sequence(),
            type=kind,
            created_at=now,
            domain_name=domain_name,
            subject_alternative_names=names,
            key_algorithm=key_algorithm,
            status=PENDING_VALIDATION,
            key_pair_origin=AWS_MANAGED,
        )

    def _public_request(
        self,
        domain_name: str,
        names: list[str],
        validation_method: str | None,
        domain_validation_options: Sequence[Mapping[str, str]] | None,
        options: Mapping[str, str] | None,
        key_algorithm: str,
        managed_by: str | None,
        now: _dt.datetime,
    ) -> Certificate:
        if key_algorithm not in PUBLIC_KEY_ALGORITHMS:
            raise ServiceError(
                "InvalidParameterException",
                f"Key algorithm {key_algorithm} is not supported for public certificates; use "
                f"one of {', '.join(PUBLIC_KEY_ALGORITHMS)}.",
            )
        self._store.check_quota()
        method = validation_method or "EMAIL"
        if method == "HTTP":
            # HTTP validation is CloudFront's (ManagedBy CLOUDFRONT), which certmock lacks.
            raise ServiceError(
                "InvalidParameterException",
                "HTTP validation is available only for certificates managed by CloudFront, "
                "which certmock does not emulate; use DNS or EMAIL.",
            )
        requested = self._new_request(AMAZON_ISSUED, domain_name, names, key_algorithm, now)
        requested.validation_method = method
        requested.domain_validations = domain_validation.domain_validations(
            self._scope.account_id, names, method, domain_validation_options
        )
        requested.options = {
            "CertificateTransparencyLoggingPreference": (options or {}).get(
                "CertificateTransparencyLoggingPreference", "ENABLED"
            ),
            "Export": (options or {}).get("Export", "DISABLED"),
        }
        requested.managed_by = managed_by
        if self._scope.world.realistic:
            requested.records_visible_at = now + domain_validation.RECORDS_DELAY
        return requested

    def _private_request(
        self,
        domain_name: str,
        names: list[str],
        certificate_authority_arn: str,
        options: Mapping[str, str] | None,
        key_algorithm: str,
        now: _dt.datetime,
    ) -> Certificate:
        if options and "Export" in options:
            # AWS's text (cloudposse/terraform-aws-acm-request-certificate#95).
            raise ServiceError(
                "ValidationException",
                "One or more of the options specified in the request are not supported for "
                "PRIVATE certificate types",
            )
        if key_algorithm not in PRIVATE_KEY_ALGORITHMS:
            raise ServiceError(
                "InvalidParameterException",
                f"Key algorithm {key_algorithm} is not supported for private certificates; use "
                f"one of {', '.join(PRIVATE_KEY_ALGORITHMS)}.",
            )
        requested = self._new_request(PRIVATE, domain_name, names, key_algorithm, now)
        requested.certificate_authority_arn = certificate_authority_arn
        requested.options = dict(options or {})
        return requested

    # -- private: from the CA ---------------------------------------------------------------
    def _start_private_issuance(self, certificate: Certificate, now: _dt.datetime) -> None:
        if not self._scope.world.realistic:
            self._renewals.issue(certificate, now)
            return
        version = certificate.version
        certificate.timers.set(
            "issuance",
            self._scope.schedule(
                now + PRIVATE_ISSUANCE_DELAY,
                lambda at: (
                    self._renewals.issue(certificate, at)
                    if self._store.is_current(certificate, version)
                    else None
                ),
            ),
        )

    # -- public: domain validation on the clock ---------------------------------------------
    def _start_validation(self, certificate: Certificate, now: _dt.datetime) -> None:
        not_public = [
            name
            for name in certificate.subject_alternative_names
            if not domain_validation.is_public(name)
        ]
        if not_public:
            certificate.status = FAILED
            certificate.failure_reason = "INVALID_PUBLIC_DOMAIN"
            for validation in certificate.domain_validations:
                if validation.domain_name in not_public:
                    validation.status = domain_validation.FAILED
            return
        version = certificate.version
        blocked = [
            v
            for v in certificate.domain_validations
            if domain_validation.needs_additional_verification(v.domain_name, v.method)
        ]
        if blocked:
            # ACM will not validate such a name by e-mail without more checks: the request
            # fails a few seconds later, the other names left pending (recorded AWS responses).
            certificate.timers.set(
                "validation",
                self._scope.schedule(
                    now + domain_validation.ADDITIONAL_VERIFICATION_DELAY,
                    lambda at: self._fail_verification(certificate, version, blocked),
                ),
            )
            return
        if certificate.validation_method == "DNS":
            certificate.timers.set(
                "validation",
                self._scope.schedule(
                    now + domain_validation.DNS_VALIDATION_DELAY,
                    lambda at: self.complete_validation(certificate, version, at),
                ),
            )
        self.schedule_validation_timeout(certificate, now)

    def _fail_verification(
        self, certificate: Certificate, version: int, blocked: list[DomainValidation]
    ) -> None:
        if (
            self._store.is_current(certificate, version)
            and certificate.status == PENDING_VALIDATION
        ):
            certificate.status = FAILED
            certificate.failure_reason = "ADDITIONAL_VERIFICATION_REQUIRED"
            for validation in blocked:
                validation.status = domain_validation.FAILED

    def schedule_validation_timeout(self, certificate: Certificate, start: _dt.datetime) -> None:
        """A request still pending ``VALIDATION_TIMEOUT`` after ``start`` times out."""
        version = certificate.version

        def time_out(at: _dt.datetime) -> None:
            if (
                self._store.is_current(certificate, version)
                and certificate.status == PENDING_VALIDATION
            ):
                certificate.status = VALIDATION_TIMED_OUT
                certificate.timers.cancel("validation")
                for validation in certificate.domain_validations:
                    validation.status = domain_validation.FAILED

        certificate.timers.set(
            "timeout",
            self._scope.schedule(start + domain_validation.VALIDATION_TIMEOUT, time_out),
        )

    def complete_validation(self, certificate: Certificate, version: int, at: _dt.datetime) -> None:
        """Every name is validated: issue the certificate."""
        if (
            not self._store.is_current(certificate, version)
            or certificate.status != PENDING_VALIDATION
        ):
            return
        certificate.timers.cancel("validation")
        certificate.timers.cancel("timeout")
        for validation in certificate.domain_validations:
            validation.status = domain_validation.SUCCESS
        self._renewals.issue(certificate, at)

    def resend_validation_email(self, arn: str, domain: str, validation_domain: str) -> None:
        found = self._store.certificate(arn)
        if found.status != PENDING_VALIDATION or found.validation_method != "EMAIL":
            what = (
                f"in state {found.status}"
                if found.status != PENDING_VALIDATION
                else f"validated by {found.validation_method}"
            )
            raise ServiceError(
                "InvalidStateException",
                f"Certificate {arn} is {what}; validation e-mail is sent only for certificates "
                "pending e-mail validation.",
            )
        matching = [v for v in found.domain_validations if v.domain_name.lower() == domain.lower()]
        if not matching:
            raise ServiceError(
                "InvalidDomainValidationOptionsException",
                f"{domain} is not one of the domain names of certificate {arn}.",
            )
        if matching[0].validation_domain.lower() != validation_domain.lower():
            raise ServiceError(
                "InvalidDomainValidationOptionsException",
                f"The validation domain of {domain} is {matching[0].validation_domain}, not "
                f"{validation_domain}.",
            )
        # A resend opens a new 72-hour window (ResendValidationEmail documentation).
        self.schedule_validation_timeout(found, self._scope.now())
