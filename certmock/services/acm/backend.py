"""ACM: the rules and state of one account in one region.

Plain Python: typed arguments in, records out, ``ServiceError`` for refusals. Time comes from
the scope's clock; what happens later (validation, issuance in realistic mode, expiry events,
expiry, managed renewal, token lapses) is scheduled on the world's timeline and applied as of
its due time, however the clock is moved.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Mapping, Sequence

from certmock.errors import ServiceError
from certmock.pki import certs
from certmock.services.acm import (
    events,
    export,
    importing,
    issuance,
    private,
    validation_flow,
    x509_fields,
)
from certmock.services.acm import tags as tags_
from certmock.services.acm.account import AccountConfiguration
from certmock.services.acm.acme import AcmeBackend
from certmock.services.acm.amazon_ca import PUBLIC_KEY_ALGORITHMS
from certmock.services.acm.arns import CertificateArn, parse_certificate_arn
from certmock.services.acm.certificate import (
    AMAZON_ISSUED,
    AWS_MANAGED,
    CUSTOMER_PROVIDED,
    FAILED,
    IMPORTED,
    ISSUED,
    PENDING_VALIDATION,
    PRIVATE,
    REVOKED,
    UPDATE_FAILED,
    UPDATE_SUCCESS,
    VALIDATION_TIMED_OUT,
    Certificate,
    MethodUpdate,
    Renewal,
    unique,
)
from certmock.services.acm.expiry import ExpiryEvents
from certmock.services.acm.issuance import Issued
from certmock.services.acm.private import PRIVATE_KEY_ALGORITHMS, Refused
from certmock.services.acm.renewal import PENDING_AUTO_RENEWAL, Renewals
from certmock.world import Scope

# Quotas (ACM quota page, fact sheet 6.8): certificates per account and region. Private CA
# certificates do not count.
MAX_CERTIFICATES = 2500
IDEMPOTENCY_WINDOW = _dt.timedelta(hours=1)
# Realistic mode only: how long a private certificate stays PENDING_VALIDATION (fact sheet 6.4:
# "a few seconds") and how long a RenewCertificate takes (Terraform waits up to a minute).
PRIVATE_ISSUANCE_DELAY = _dt.timedelta(seconds=5)
RENEWAL_DELAY = _dt.timedelta(seconds=60)


def _not_found(arn: str) -> ServiceError:
    # The text real ACM gave for a missing certificate (pulumi-aws report, fact sheet 10.1).
    return ServiceError("ResourceNotFoundException", f"Could not find certificate {arn}.")


class AcmBackend:
    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self._certificates: dict[str, Certificate] = {}
        self._counted = 0
        """How many certificates count against the quota (all but private ones), kept as they
        come and go so a request or import does not walk every certificate."""
        self._request_tokens: dict[str, str] = {}
        self.account = AccountConfiguration(self._schedule_lapse)
        self.expiry = ExpiryEvents(
            scope,
            lambda: self.account.days_before_expiry,
            self._is_current,
            end_renewal=lambda certificate, at: self.renewals.give_up(certificate, at),
        )
        self.renewals = Renewals(
            scope,
            reissue=self._reissue,
            install=self._install,
            is_current=self._is_current,
            start_email_validation=self._email_renewal,
        )
        self.acme = AcmeBackend(scope)
        """ACME endpoints, domain validations, bindings and accounts (botocore 1.44)."""

    # -- looking certificates up ------------------------------------------------------------
    def _is_current(self, certificate: Certificate, version: int) -> bool:
        return self._certificates.get(certificate.arn) is certificate and (
            certificate.version == version
        )

    def certificate(self, arn: str) -> Certificate:
        parsed = parse_certificate_arn(arn)
        found = self._certificates.get(arn)
        if found is None or (parsed.account_id, parsed.region) != (
            self.scope.account_id,
            self.scope.region,
        ):
            # Another account's or region's certificate is simply not found from here.
            raise _not_found(arn)
        return found

    def tagged_certificate(self, resource_arn: str) -> str:
        """The certificate a TagResource-family call names (ACME resources are tagged through
        ``self.acme``; any other ARN names nothing certmock knows)."""
        try:
            parse_certificate_arn(resource_arn)
        except ServiceError:
            raise ServiceError(
                "ResourceNotFoundException",
                f"Could not find resource {resource_arn}: certmock serves tags of ACM "
                "certificates and ACME resources only.",
            ) from None
        return self.certificate(resource_arn).arn

    def certificates(self) -> list[Certificate]:
        """Every certificate, oldest first."""
        return list(self._certificates.values())

    def _schedule_lapse(self, due: _dt.datetime, lapse: Callable[[], None]) -> None:
        self.scope.schedule(due, lambda _: lapse())

    def _new_arn(self) -> str:
        return str(
            CertificateArn(
                self.scope.partition,
                self.scope.region,
                self.scope.account_id,
                self.scope.new_uuid(),
            )
        )

    def _check_quota(self) -> None:
        if self._counted >= MAX_CERTIFICATES:
            # AWS's text (ACM import troubleshooting).
            raise ServiceError(
                "LimitExceededException",
                "You have reached the maximum number of certificates. Delete certificates that "
                "are not in use, or contact AWS Support to request an increase.",
            )

    def _add(self, certificate: Certificate, tags: list[tuple[str, str | None]]) -> None:
        certificate.tags = tags_.merged({}, tags, certificate.arn)
        self._certificates[certificate.arn] = certificate
        if certificate.type != PRIVATE:
            self._counted += 1

    # -- material ---------------------------------------------------------------------------
    def _install(self, certificate: Certificate, issued: Issued, at: _dt.datetime) -> None:
        """New key and certificate (issuance or renewal) and everything that follows them."""
        certificate.x509_certificate = issued.certificate
        certificate.private_key = issued.key
        certificate.chain_pem = issued.chain_pem
        certificate.issued_at = at
        certificate.status = ISSUED
        certificate.exported = False
        certificate.version += 1
        self._track(certificate, at)

    def _track(self, certificate: Certificate, at: _dt.datetime) -> None:
        self.expiry.track(certificate, at)
        self.renewals.track(certificate, at)

    def _reissue(self, certificate: Certificate, at: _dt.datetime) -> Issued | Refused:
        """A certificate for the same names on a new key (a renewal), from the same issuer."""
        if certificate.type == PRIVATE:
            return self._from_private_ca(certificate, at, renewal=True)
        return self._from_amazon(certificate, at)

    def _from_private_ca(
        self, certificate: Certificate, at: _dt.datetime, *, renewal: bool
    ) -> Issued | Refused:
        assert certificate.certificate_authority_arn is not None
        return private.issue(
            self.scope.world,
            certificate.certificate_authority_arn,
            account_id=self.scope.account_id,
            region=self.scope.region,
            key_algorithm=certificate.key_algorithm,
            domain_name=certificate.domain_name,
            names=certificate.subject_alternative_names,
            renewal=renewal,
        )

    def _from_amazon(self, certificate: Certificate, at: _dt.datetime) -> Issued:
        return issuance.issue_public(
            self.scope.world,
            certificate.key_algorithm,
            certificate.domain_name,
            certificate.subject_alternative_names,
            at,
        )

    # -- ImportCertificate ------------------------------------------------------------------
    def import_certificate(
        self,
        certificate_pem: bytes,
        private_key_pem: bytes,
        chain_pem: bytes | None,
        arn: str | None = None,
        tags: Sequence[Mapping[str, str]] | None = None,
    ) -> Certificate:
        now = self.scope.now()
        if arn is not None:
            if tags:
                # AWS's text (terraform-provider-aws#15055).
                raise ServiceError("ValidationException", "Tagging is not permitted on re-import.")
            existing = self._reimport_target(arn)
        else:
            existing = None
            self._check_quota()
        tag_pairs = tags_.checked_pairs(tags)
        material = importing.check_material(certificate_pem, private_key_pem, chain_pem, now)
        if existing is not None:
            assert existing.x509_certificate is not None
            importing.check_reimport(existing.x509_certificate, existing.key_algorithm, material)
            self._replace_material(existing, material, now)
            events.available(self.scope, existing, "REIMPORT", now)
            return existing
        imported = Certificate(
            arn=self._new_arn(),
            sequence=self.scope.world.next_sequence(),
            type=IMPORTED,
            created_at=now,
            domain_name="",
            subject_alternative_names=[],
            key_algorithm=material.key_algorithm,
            status=ISSUED,
            key_pair_origin=CUSTOMER_PROVIDED,
        )
        self._replace_material(imported, material, now)
        self._add(imported, tag_pairs)
        events.available(self.scope, imported, "IMPORT", now)
        return imported

    def _reimport_target(self, arn: str) -> Certificate:
        found = self.certificate(arn)
        if found.type != IMPORTED:
            # certmock's wording: only imported certificates can be replaced by an import.
            raise ServiceError(
                "ValidationException",
                f"Certificate {arn} is of type {found.type}; only an IMPORTED certificate can "
                "be reimported.",
            )
        return found

    def _replace_material(
        self, certificate: Certificate, material: importing.ImportedMaterial, now: _dt.datetime
    ) -> None:
        certificate.x509_certificate = material.certificate
        certificate.private_key = material.private_key
        certificate.chain_pem = material.chain_pem
        certificate.key_algorithm = material.key_algorithm
        certificate.domain_name = x509_fields.domain_name(material.certificate) or ""
        certificate.subject_alternative_names = x509_fields.subject_alternative_names(
            material.certificate
        )
        certificate.imported_at = now
        certificate.status = ISSUED
        certificate.version += 1
        self.expiry.track(certificate, now)

    # -- RequestCertificate -----------------------------------------------------------------
    def request_certificate(
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
    ) -> str:
        """The new certificate's ARN."""
        now = self.scope.now()
        if idempotency_token is not None and idempotency_token in self._request_tokens:
            # Same token within the hour: the same request, the same certificate.
            return self._request_tokens[idempotency_token]
        names = unique([domain_name, *(subject_alternative_names or [])])
        if len(names) > validation_flow.MAX_NAMES:
            # AWS's text (terraform-provider-aws#35825), public and private alike.
            raise ServiceError("LimitExceededException", "Certificate has too many domains.")
        tag_pairs = tags_.checked_pairs(tags)
        chosen_key = key_algorithm or "RSA_2048"
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
        self._add(requested, tag_pairs)
        if idempotency_token is not None:
            self._remember_token(idempotency_token, requested.arn, now)
        if requested.type == PRIVATE:
            self._start_private_issuance(requested, now)
        else:
            self._start_validation(requested, now)
        return requested.arn

    def _remember_token(self, token: str, arn: str, now: _dt.datetime) -> None:
        self._request_tokens[token] = arn

        def lapse(_: _dt.datetime) -> None:
            if self._request_tokens.get(token) == arn:
                del self._request_tokens[token]

        self.scope.schedule(now + IDEMPOTENCY_WINDOW, lapse)

    def _new_request(
        self, kind: str, domain_name: str, names: list[str], key_algorithm: str, now: _dt.datetime
    ) -> Certificate:
        return Certificate(
            arn=self._new_arn(),
            sequence=self.scope.world.next_sequence(),
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
        self._check_quota()
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
        requested.domain_validations = validation_flow.domain_validations(
            self.scope.account_id, names, method, domain_validation_options
        )
        requested.options = {
            "CertificateTransparencyLoggingPreference": (options or {}).get(
                "CertificateTransparencyLoggingPreference", "ENABLED"
            ),
            "Export": (options or {}).get("Export", "DISABLED"),
        }
        requested.managed_by = managed_by
        if self.scope.world.realistic:
            requested.records_visible_at = now + validation_flow.RECORDS_DELAY
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

    # -- issuing what was requested ---------------------------------------------------------
    def _start_private_issuance(self, certificate: Certificate, now: _dt.datetime) -> None:
        if not self.scope.world.realistic:
            self._issue_private(certificate, now)
            return
        version = certificate.version
        certificate.timers.set(
            "issuance",
            self.scope.schedule(
                now + PRIVATE_ISSUANCE_DELAY,
                lambda at: (
                    self._issue_private(certificate, at)
                    if self._is_current(certificate, version)
                    else None
                ),
            ),
        )

    def _issue_private(self, certificate: Certificate, at: _dt.datetime) -> None:
        outcome = self._from_private_ca(certificate, at, renewal=False)
        if isinstance(outcome, Refused):
            certificate.status = FAILED
            certificate.failure_reason = outcome.reason
            return
        self._install(certificate, outcome, at)
        events.available(self.scope, certificate, "ISSUANCE", at)

    def _start_validation(self, certificate: Certificate, now: _dt.datetime) -> None:
        not_public = [
            n for n in certificate.subject_alternative_names if not validation_flow.is_public(n)
        ]
        if not_public:
            certificate.status = FAILED
            certificate.failure_reason = "INVALID_PUBLIC_DOMAIN"
            for validation in certificate.domain_validations:
                if validation.domain_name in not_public:
                    validation.status = FAILED
            return
        version = certificate.version
        if certificate.validation_method == "DNS":
            certificate.timers.set(
                "validation",
                self.scope.schedule(
                    now + validation_flow.DNS_VALIDATION_DELAY,
                    lambda at: self._validated(certificate, version, at),
                ),
            )
        self._schedule_validation_timeout(certificate, now)

    def _schedule_validation_timeout(self, certificate: Certificate, start: _dt.datetime) -> None:
        version = certificate.version

        def time_out(at: _dt.datetime) -> None:
            if self._is_current(certificate, version) and certificate.status == PENDING_VALIDATION:
                certificate.status = VALIDATION_TIMED_OUT
                certificate.timers.cancel("validation")
                for validation in certificate.domain_validations:
                    validation.status = FAILED

        certificate.timers.set(
            "timeout", self.scope.schedule(start + validation_flow.VALIDATION_TIMEOUT, time_out)
        )

    def _validated(self, certificate: Certificate, version: int, at: _dt.datetime) -> None:
        """Every name is validated: issue the certificate."""
        if not self._is_current(certificate, version) or certificate.status != PENDING_VALIDATION:
            return
        certificate.timers.cancel("validation")
        certificate.timers.cancel("timeout")
        for validation in certificate.domain_validations:
            validation.status = "SUCCESS"
        self._install(certificate, self._from_amazon(certificate, at), at)
        events.available(self.scope, certificate, "ISSUANCE", at)

    def _email_renewal(self, certificate: Certificate, at: _dt.datetime) -> Renewal:
        validations = validation_flow.domain_validations(
            self.scope.account_id,
            certificate.subject_alternative_names,
            "EMAIL",
            [
                {"DomainName": v.domain_name, "ValidationDomain": v.validation_domain}
                for v in certificate.domain_validations
            ],
        )
        return Renewal(PENDING_VALIDATION, at, domain_validations=validations)

    def validate(self, arn: str) -> None:
        """Complete pending domain validation now (a test's stand-in for the CNAME records or
        the approval e-mail): a pending request is issued, a pending renewal completes."""
        found = self.certificate(arn)
        now = self.scope.now()
        if found.type != AMAZON_ISSUED:
            raise ValueError(f"{arn} is a {found.type} certificate: only public ones validate")
        update = found.update
        if update is not None and update.pending:
            self._finish_method_update(found, update, now)
            return
        if found.status == PENDING_VALIDATION:
            self._validated(found, found.version, now)
            return
        renewal = found.renewal
        if found.status == ISSUED and renewal is not None and renewal.status == PENDING_VALIDATION:
            self.renewals.complete(found, self._from_amazon(found, now), now)
            return
        raise ValueError(f"{arn} has no pending validation (status {found.status})")

    # -- reading ----------------------------------------------------------------------------
    def get_certificate(self, arn: str) -> tuple[str, str | None]:
        found = self.certificate(arn)
        material = found.x509_certificate
        if material is None:
            if found.status == PENDING_VALIDATION:
                raise self._in_progress(arn)
            # certmock's wording: what AWS answers for a failed request is not documented.
            raise ServiceError(
                "ResourceNotFoundException",
                f"Certificate {arn} has no certificate to return: its status is {found.status}.",
            )
        return certs.pem(material), found.chain_pem

    @staticmethod
    def _in_progress(arn: str) -> ServiceError:
        # certmock's wording (fact sheet 10.1).
        return ServiceError(
            "RequestInProgressException",
            f"Certificate {arn} is not yet issued (PENDING_VALIDATION); try again once it is "
            "ISSUED.",
        )

    def export_certificate(self, arn: str, passphrase: bytes) -> tuple[str, str | None, str]:
        found = self.certificate(arn)
        export.check_passphrase(passphrase)
        if found.export_option != "ENABLED":
            # certmock's wording (fact sheet 10.9).
            raise ServiceError(
                "ValidationException",
                f"Certificate {arn} cannot be exported: only private certificates and public "
                "certificates requested with Export ENABLED can be exported.",
            )
        if found.x509_certificate is None or found.private_key is None:
            if found.status == PENDING_VALIDATION:
                raise self._in_progress(arn)
            raise ServiceError(
                "ValidationException",
                f"Certificate {arn} cannot be exported: its status is {found.status}.",
            )
        if found.status == REVOKED:
            raise ServiceError(
                "ValidationException", f"Certificate {arn} cannot be exported: it is revoked."
            )
        key = export.encrypted_private_key(
            found.private_key,
            passphrase,
            lambda size: self.scope.world.ids.randbits(size * 8).to_bytes(size, "big"),
        )
        found.exported = True
        return certs.pem(found.x509_certificate), found.chain_pem, key

    # -- changing ---------------------------------------------------------------------------
    def delete_certificate(self, arn: str) -> None:
        found = self.certificate(arn)
        if found.in_use:
            # certmock's wording for ResourceInUseException.
            raise ServiceError(
                "ResourceInUseException",
                f"Certificate {arn} is in use by {', '.join(found.in_use_by)}; remove those "
                "associations before deleting it.",
            )
        found.timers.cancel()
        del self._certificates[arn]
        if found.type != PRIVATE:
            self._counted -= 1

    def renew_certificate(self, arn: str) -> None:
        found = self.certificate(arn)
        if found.type != PRIVATE:
            raise ServiceError(
                "ValidationException",
                f"Certificate ARN {arn} is not a private certificate, so it is not eligible "
                "for the Renew Certificate API.",
            )
        if found.status != ISSUED:
            # certmock's wording: only an issued certificate can be renewed, exported or not.
            raise ServiceError(
                "ValidationException",
                f"Certificate ARN {arn} is {found.status}, so it is not eligible for the Renew "
                "Certificate API.",
            )
        if found.renewal_eligibility != "ELIGIBLE":
            # AWS's text (crossplane-contrib/provider-aws#908).
            raise ServiceError(
                "ValidationException",
                f"Certificate ARN {arn} has not been exported so it is not eligible for the "
                "Renew Certificate API.",
            )
        now = self.scope.now()
        if "renewing" in found.timers.entries:
            raise ServiceError(
                "RequestInProgressException",
                f"A renewal of certificate {arn} is already in progress.",
            )
        if not self.scope.world.realistic:
            self.renewals.attempt(found, now, announce_failure=False)
            return
        found.renewal = Renewal(PENDING_AUTO_RENEWAL, now)
        version = found.version

        def finish(at: _dt.datetime) -> None:
            found.timers.entries.pop("renewing", None)
            if self._is_current(found, version):
                self.renewals.attempt(found, at, announce_failure=False)

        found.timers.set("renewing", self.scope.schedule(now + RENEWAL_DELAY, finish))

    def revoke_certificate(self, arn: str, reason: str) -> Certificate:
        found = self.certificate(arn)
        if found.type != AMAZON_ISSUED or not found.exported:
            # Only exported public certificates can be revoked (RevokeCertificate docs).
            raise ServiceError(
                "ValidationException",
                f"Certificate {arn} cannot be revoked: only public certificates that have "
                "been exported can be revoked.",
            )
        if found.status == REVOKED:
            raise ServiceError("ValidationException", f"Certificate {arn} is already revoked.")
        if found.in_use:
            raise ServiceError(
                "ResourceInUseException",
                f"Certificate {arn} is in use by {', '.join(found.in_use_by)}.",
            )
        now = self.scope.now()
        found.status = REVOKED
        found.revoked_at = now
        found.revocation_reason = reason
        found.timers.cancel()
        if found.update is not None and found.update.pending:
            # Revoked, it will not be validated again: the move to DNS has failed.
            found.update.end(UPDATE_FAILED, now)
        events.revoked(self.scope, found, now)
        return found

    def update_certificate_options(self, arn: str, options: Mapping[str, str]) -> None:
        found = self.certificate(arn)
        if found.type != AMAZON_ISSUED:
            raise ServiceError(
                "ValidationException",
                f"Certificate {arn} is of type {found.type}; options can be updated only for "
                "public certificates.",
            )
        if found.status not in (ISSUED, PENDING_VALIDATION):
            raise ServiceError(
                "InvalidStateException",
                f"Certificate {arn} is in state {found.status}; options can be updated only "
                "for ISSUED or PENDING_VALIDATION certificates.",
            )
        export_option = options.get("Export")
        if export_option is not None and export_option != found.options.get("Export"):
            raise ServiceError(
                "ValidationException",
                "You cannot update the value of Export after the certificate is created.",
            )
        method = options.get("ValidationMethod")
        if method is not None:
            self._check_method_update(found, method)
        # Every check passed: apply the whole request.
        preference = options.get("CertificateTransparencyLoggingPreference")
        if preference is not None:
            found.options["CertificateTransparencyLoggingPreference"] = preference
        if method is not None:
            self._start_method_update(found, method, self.scope.now())

    # -- moving to DNS validation (Options.ValidationMethod, botocore 1.44) ------------------
    @staticmethod
    def _check_method_update(certificate: Certificate, method: str) -> None:
        """The refusals, in certmock's wording: AWS documents the move from e-mail to DNS only
        ("To migrate from email to DNS validation, specify DNS")."""
        arn = certificate.arn
        if method != "DNS":
            raise ServiceError(
                "ValidationException",
                f"ValidationMethod {method} cannot be requested for certificate {arn}: a "
                "certificate can move from EMAIL to DNS validation only.",
            )
        update = certificate.update
        if update is not None and update.pending:
            raise ServiceError(
                "ConflictException",
                f"Certificate {arn} is already moving to {update.to_method} validation; wait "
                "for that update to finish.",
            )
        if certificate.validation_method == method:
            raise ServiceError(
                "ValidationException",
                f"Certificate {arn} already uses {method} validation.",
            )

    def _start_method_update(
        self, certificate: Certificate, method: str, now: _dt.datetime
    ) -> None:
        """Each name gets its DNS record as a requested validation; the e-mail validation stays
        active until they validate, on the clock as DNS requests do."""
        assert certificate.validation_method is not None
        update = MethodUpdate(
            from_method=certificate.validation_method,
            to_method=method,
            requested_at=now,
            updated_at=now,
            requested=validation_flow.domain_validations(
                self.scope.account_id, certificate.subject_alternative_names, method
            ),
        )
        certificate.update = update
        certificate.timers.set(
            "update",
            self.scope.schedule(
                now + validation_flow.DNS_VALIDATION_DELAY,
                lambda at: self._finish_method_update(certificate, update, at),
            ),
        )
        if certificate.status == PENDING_VALIDATION:
            # AWS asks for the records within 72 hours of the call: a pending request gets a
            # new 72-hour window, as a resent e-mail does.
            self._schedule_validation_timeout(certificate, now)

    def _finish_method_update(
        self, certificate: Certificate, update: MethodUpdate, at: _dt.datetime
    ) -> None:
        """The requested validations are done: they become the certificate's, a pending request
        is issued, and a renewal waiting for e-mail approval completes by DNS."""
        if (
            self._certificates.get(certificate.arn) is not certificate
            or certificate.update is not update
            or not update.pending
        ):
            return
        certificate.timers.cancel("update")
        if certificate.status not in (ISSUED, PENDING_VALIDATION):
            # Expired (or timed out) before its names were validated.
            update.end(UPDATE_FAILED, at)
            return
        certificate.validation_method = update.to_method
        certificate.domain_validations = update.requested
        update.end(UPDATE_SUCCESS, at)
        if certificate.status == PENDING_VALIDATION:
            self._validated(certificate, certificate.version, at)
            return
        for validation in certificate.domain_validations:
            validation.status = "SUCCESS"
        renewal = certificate.renewal
        if renewal is not None and renewal.status == PENDING_VALIDATION:
            # The renewal's summary lists the names as validated by DNS.
            renewal.domain_validations = certificate.domain_validations
            self.renewals.complete(certificate, self._from_amazon(certificate, at), at)
            return
        # Later managed renewals follow DNS rules: checkpoints from 60 days out, no approval.
        self.renewals.track(certificate, at)

    def resend_validation_email(self, arn: str, domain: str, validation_domain: str) -> None:
        found = self.certificate(arn)
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
        self._schedule_validation_timeout(found, self.scope.now())

    # -- in use (set by tests through the control module) -----------------------------------
    def use(self, arn: str, resource: str) -> None:
        found = self.certificate(arn)
        if resource not in found.in_use_by:
            found.in_use_by.append(resource)

    def release(self, arn: str, resource: str) -> None:
        found = self.certificate(arn)
        if resource in found.in_use_by:
            found.in_use_by.remove(resource)

    # -- tags -------------------------------------------------------------------------------
    def add_tags(self, arn: str, tags: Sequence[Mapping[str, str]]) -> None:
        found = self.certificate(arn)
        found.tags = tags_.merged(found.tags, tags_.checked_pairs(tags), arn)

    def remove_tags(self, arn: str, tags: Sequence[Mapping[str, str]]) -> None:
        found = self.certificate(arn)
        found.tags = tags_.without(found.tags, tags_.checked_pairs(tags))

    def list_tags(self, arn: str) -> list[dict[str, str]]:
        return tags_.described(self.certificate(arn).tags)

    # -- account configuration --------------------------------------------------------------
    def put_account_configuration(
        self, expiry_events: dict[str, int] | None, idempotency_token: str
    ) -> None:
        now = self.scope.now()
        if self.account.put(expiry_events, idempotency_token, now):
            self.expiry.reschedule_warnings(self.certificates(), now)
