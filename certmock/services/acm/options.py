"""UpdateCertificateOptions: a public certificate's transparency logging preference, and its
move from e-mail to DNS validation (``Options.ValidationMethod``, botocore 1.44).

Each name gets its DNS record as a requested validation; the e-mail validation stays active
until they validate, ``DNS_VALIDATION_DELAY`` after the call as DNS requests do. Then a pending
request is issued, a renewal waiting for e-mail approval completes by DNS, and later managed
renewals follow DNS rules.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping

from certmock.errors import ServiceError
from certmock.services.acm import domain_validation
from certmock.services.acm.certificate import (
    AMAZON_ISSUED,
    ISSUED,
    PENDING_VALIDATION,
    Certificate,
)
from certmock.services.acm.certificate_requests import CertificateRequests
from certmock.services.acm.domain_validation import UPDATE_FAILED, UPDATE_SUCCESS, MethodUpdate
from certmock.services.acm.renewal import Renewals
from certmock.services.acm.store import CertificateStore
from certmock.world import Scope


class OptionUpdates:
    def __init__(
        self,
        scope: Scope,
        store: CertificateStore,
        requests: CertificateRequests,
        renewals: Renewals,
    ) -> None:
        self._scope = scope
        self._store = store
        self._requests = requests
        self._renewals = renewals

    def update(self, arn: str, options: Mapping[str, str]) -> None:
        found = self._store.certificate(arn)
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
            _check_method_update(found, method)
        # Every check passed: apply the whole request.
        preference = options.get("CertificateTransparencyLoggingPreference")
        if preference is not None:
            found.options["CertificateTransparencyLoggingPreference"] = preference
        if method is not None:
            self._start_method_update(found, method, self._scope.now())

    def _start_method_update(
        self, certificate: Certificate, method: str, now: _dt.datetime
    ) -> None:
        assert certificate.validation_method is not None
        update = MethodUpdate(
            from_method=certificate.validation_method,
            to_method=method,
            requested_at=now,
            updated_at=now,
            requested=domain_validation.domain_validations(
                self._scope.account_id, certificate.subject_alternative_names, method
            ),
        )
        certificate.update = update
        certificate.timers.set(
            "update",
            self._scope.schedule(
                now + domain_validation.DNS_VALIDATION_DELAY,
                lambda at: self.finish_method_update(certificate, update, at),
            ),
        )
        if certificate.status == PENDING_VALIDATION:
            # AWS asks for the records within 72 hours of the call: a pending request gets a
            # new 72-hour window, as a resent e-mail does.
            self._requests.schedule_validation_timeout(certificate, now)

    def finish_method_update(
        self, certificate: Certificate, update: MethodUpdate, at: _dt.datetime
    ) -> None:
        """The requested validations are done: they become the certificate's, a pending request
        is issued, and a renewal waiting for e-mail approval completes by DNS."""
        if (
            not self._store.holds(certificate)
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
            self._requests.complete_validation(certificate, certificate.version, at)
            return
        for validation in certificate.domain_validations:
            validation.status = domain_validation.SUCCESS
        renewal = certificate.renewal
        if renewal is not None and renewal.status == PENDING_VALIDATION:
            # The renewal's summary lists the names as validated by DNS.
            renewal.domain_validations = certificate.domain_validations
            self._renewals.approve(certificate, at)
            return
        # Later managed renewals follow DNS rules: checkpoints from 60 days out, no approval.
        self._renewals.track(certificate, at)


def _check_method_update(certificate: Certificate, method: str) -> None:
    """The refusals, in certmock's wording: AWS documents the move from e-mail to DNS only ("To
    migrate from email to DNS validation, specify DNS")."""
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
            f"Certificate {arn} is already moving to {update.to_method} validation; wait for "
            "that update to finish.",
        )
    if certificate.validation_method == method:
        raise ServiceError(
            "ValidationException",
            f"Certificate {arn} already uses {method} validation.",
        )
