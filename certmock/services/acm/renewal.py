"""Managed renewal on the clock, and RenewCertificate.

ACM starts renewing an eligible certificate (in use, or exported) 60 days before its NotAfter,
45 days for an e-mail-validated one (fact sheet 6.7; ACM user guide, "Troubleshooting managed
certificate renewal": "60 days for DNS, 45 for EMAIL and 60 days for Private"). certmock
attempts it at checkpoints before NotAfter:

* private certificates: 60, 45, 30, 15, 3 and 1 days; every failed attempt but the first sends
  ``ACM Certificate Renewal Action Required`` (AWS: first at 45 days, then 30, 15, 3, 1);
* public DNS-validated certificates: 60, 30, 15, 3 and 1 days; they renew at the first
  checkpoint (certmock assumes the CNAME records are still in place);
* public e-mail-validated certificates: 45, 30, 15, 3 and 1 days; they wait in
  PENDING_VALIDATION for ``cm.acm.validate(arn)``, with events from 30 days on.

A renewal still pending when the certificate expires has FAILED (the status's meaning for
Lightsail's managed renewal, which mirrors ACM's; ACM does not say more).

A private renewal goes through the CA and needs the CA's permissions for acm.amazonaws.com;
without them it stays PENDING_AUTO_RENEWAL with RenewalStatusReason PCA_ACCESS_DENIED (fact
sheet 6.7, real AWS). A successful renewal gives a new key and certificate under the same ARN,
RenewalSummary SUCCESS, an ``ACM Certificate Available`` event with Action RENEWAL, and makes
the certificate INELIGIBLE again until it is next exported (or in use).
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from collections.abc import Callable

from certmock.services.acm import events
from certmock.services.acm.certificate import (
    AMAZON_ISSUED,
    FAILED,
    ISSUED,
    PENDING_VALIDATION,
    PRIVATE,
    Certificate,
    Renewal,
)
from certmock.services.acm.issuance import Issued
from certmock.services.acm.private import Refused
from certmock.world import Scope

DAY = _dt.timedelta(days=1)
PRIVATE_CHECKPOINTS = (60, 45, 30, 15, 3, 1)
DNS_CHECKPOINTS = (60, 30, 15, 3, 1)
EMAIL_CHECKPOINTS = (45, 30, 15, 3, 1)
PENDING_AUTO_RENEWAL = "PENDING_AUTO_RENEWAL"
SUCCESS = "SUCCESS"
PENDING_DOMAIN_VALIDATION = "PENDING_DOMAIN_VALIDATION"


def checkpoints(certificate: Certificate) -> tuple[int, ...]:
    """Days before NotAfter at which managed renewal is attempted; none for imports."""
    if certificate.type == PRIVATE:
        return PRIVATE_CHECKPOINTS
    if certificate.type == AMAZON_ISSUED:
        return EMAIL_CHECKPOINTS if certificate.validation_method == "EMAIL" else DNS_CHECKPOINTS
    return ()


class Renewals:
    def __init__(
        self,
        scope: Scope,
        *,
        reissue: Callable[[Certificate, _dt.datetime], Issued | Refused],
        install: Callable[[Certificate, Issued, _dt.datetime], None],
        is_current: Callable[[Certificate, int], bool],
        start_email_validation: Callable[[Certificate, _dt.datetime], Renewal],
    ) -> None:
        self._scope = scope
        self._reissue = reissue
        self._install = install
        self._is_current = is_current
        self._start_email_validation = start_email_validation

    # -- managed renewal --------------------------------------------------------------------
    def track(self, certificate: Certificate, now: _dt.datetime) -> None:
        """Schedule the next renewal checkpoint of an ACM-issued certificate."""
        certificate.timers.cancel("renewal")
        not_after = certificate.not_after
        if not_after is None:
            return
        upcoming = [days for days in checkpoints(certificate) if not_after - days * DAY > now]
        if not upcoming:
            return
        days = upcoming[0]
        version = certificate.version

        def checkpoint(at: _dt.datetime) -> None:
            self._checkpoint(certificate, version, days, at)

        certificate.timers.set("renewal", self._scope.schedule(not_after - days * DAY, checkpoint))

    def _checkpoint(
        self, certificate: Certificate, version: int, days: int, at: _dt.datetime
    ) -> None:
        if not self._is_current(certificate, version):
            return
        first = days == checkpoints(certificate)[0]
        if certificate.status == ISSUED and certificate.renewal_eligibility == "ELIGIBLE":
            self.attempt(certificate, at, announce_failure=not first)
        if self._is_current(certificate, version):
            self.track(certificate, at)

    # -- one attempt --------------------------------------------------------------------------
    def attempt(
        self, certificate: Certificate, at: _dt.datetime, *, announce_failure: bool
    ) -> None:
        """Try to renew now; on success the certificate has new material."""
        if certificate.type == AMAZON_ISSUED and certificate.validation_method == "EMAIL":
            self._await_email_approval(certificate, at, announce_failure)
            return
        outcome = self._reissue(certificate, at)
        if isinstance(outcome, Refused):
            certificate.renewal = Renewal(PENDING_AUTO_RENEWAL, at, reason=outcome.reason)
            if announce_failure:
                events.renewal_action_required(self._scope, certificate, outcome.reason, at)
            return
        self.complete(certificate, outcome, at)

    def _await_email_approval(
        self, certificate: Certificate, at: _dt.datetime, announce: bool
    ) -> None:
        if certificate.renewal is None or certificate.renewal.status != PENDING_VALIDATION:
            certificate.renewal = self._start_email_validation(certificate, at)
        if announce:
            events.renewal_action_required(self._scope, certificate, PENDING_DOMAIN_VALIDATION, at)

    def complete(self, certificate: Certificate, issued: Issued, at: _dt.datetime) -> None:
        # A public certificate's summary lists each name's renewal validation (the model
        # requires at least one); a private certificate validates nothing.
        pending = certificate.renewal
        validations = (
            pending.domain_validations
            if pending is not None and pending.status == PENDING_VALIDATION
            else certificate.domain_validations
        )
        self._install(certificate, issued, at)
        certificate.renewal = Renewal(
            SUCCESS,
            at,
            domain_validations=[
                dataclasses.replace(validation, status=SUCCESS) for validation in validations
            ],
        )
        events.available(self._scope, certificate, "RENEWAL", at)

    def give_up(self, certificate: Certificate, at: _dt.datetime) -> None:
        """The certificate expired: a renewal still pending has failed."""
        certificate.timers.cancel("renewal")
        certificate.timers.cancel("renewing")
        pending = certificate.renewal
        if pending is None or pending.status not in (PENDING_AUTO_RENEWAL, PENDING_VALIDATION):
            return
        certificate.renewal = Renewal(
            FAILED,
            at,
            reason=pending.reason,
            domain_validations=[
                dataclasses.replace(validation, status=FAILED)
                if validation.status == PENDING_VALIDATION
                else validation
                for validation in pending.domain_validations
            ],
        )
