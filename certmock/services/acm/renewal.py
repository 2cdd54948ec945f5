"""A certificate's material from its issuer: first issuance, managed renewal on the clock, and
RenewCertificate. Both get a new key and certificate from the same place (the world's stand-in
Amazon CA for a public certificate, its ACM Private CA for a private one) and put the
certificate on the same clock (expiry, renewal checkpoints), so both are here.

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
Lightsail's managed renewal, which mirrors ACM's; ACM does not say more): ``expiry`` applies it.

A private renewal goes through the CA and needs the CA's permissions for acm.amazonaws.com;
without them it stays PENDING_AUTO_RENEWAL with RenewalStatusReason PCA_ACCESS_DENIED (fact
sheet 6.7, real AWS). A successful renewal gives a new key and certificate under the same ARN,
RenewalSummary SUCCESS, an ``ACM Certificate Available`` event with Action RENEWAL, and makes
the certificate INELIGIBLE again until it is next exported (or in use).
"""

from __future__ import annotations

import dataclasses
import datetime as _dt

from certmock.errors import ServiceError
from certmock.services.acm import domain_validation, events, issuance, private
from certmock.services.acm.certificate import (
    AMAZON_ISSUED,
    FAILED,
    ISSUED,
    PENDING_AUTO_RENEWAL,
    PENDING_VALIDATION,
    PRIVATE,
    SUCCESS,
    Certificate,
    Renewal,
)
from certmock.services.acm.expiry import ExpiryEvents
from certmock.services.acm.issuance import Issued
from certmock.services.acm.private import Refused
from certmock.services.acm.store import CertificateStore
from certmock.world import Scope

DAY = _dt.timedelta(days=1)
PRIVATE_CHECKPOINTS = (60, 45, 30, 15, 3, 1)
DNS_CHECKPOINTS = (60, 30, 15, 3, 1)
EMAIL_CHECKPOINTS = (45, 30, 15, 3, 1)
PENDING_DOMAIN_VALIDATION = "PENDING_DOMAIN_VALIDATION"
"""The RenewalStatusReason of a renewal waiting for e-mail approval."""
# Realistic mode only: how long a RenewCertificate takes (Terraform waits up to a minute).
RENEWAL_DELAY = _dt.timedelta(seconds=60)


def checkpoints(certificate: Certificate) -> tuple[int, ...]:
    """Days before NotAfter at which managed renewal is attempted; none for imports."""
    if certificate.type == PRIVATE:
        return PRIVATE_CHECKPOINTS
    if certificate.type == AMAZON_ISSUED:
        return EMAIL_CHECKPOINTS if certificate.validation_method == "EMAIL" else DNS_CHECKPOINTS
    return ()


class Renewals:
    def __init__(self, scope: Scope, store: CertificateStore, expiry: ExpiryEvents) -> None:
        self._scope = scope
        self._store = store
        self._expiry = expiry

    # -- material ---------------------------------------------------------------------------
    def issue(self, certificate: Certificate, at: _dt.datetime) -> None:
        """First issuance, once a request is validated (or at once, for a private one): ISSUED
        with new material, or FAILED with the reason its CA refused."""
        outcome = self._new_material(certificate, at, renewal=False)
        if isinstance(outcome, Refused):
            certificate.status = FAILED
            certificate.failure_reason = outcome.reason
            return
        self._install(certificate, outcome, at)
        events.available(self._scope, certificate, "ISSUANCE", at)

    def _new_material(
        self, certificate: Certificate, at: _dt.datetime, *, renewal: bool
    ) -> Issued | Refused:
        """A key and certificate for the certificate's names, from its issuer."""
        if certificate.type != PRIVATE:
            return self._from_amazon(certificate, at)
        assert certificate.certificate_authority_arn is not None
        return private.issue(
            self._scope.world,
            certificate.certificate_authority_arn,
            account_id=self._scope.account_id,
            region=self._scope.region,
            key_algorithm=certificate.key_algorithm,
            domain_name=certificate.domain_name,
            names=certificate.subject_alternative_names,
            renewal=renewal,
        )

    def _from_amazon(self, certificate: Certificate, at: _dt.datetime) -> Issued:
        return issuance.issue_public(
            self._scope.world,
            certificate.key_algorithm,
            certificate.domain_name,
            certificate.subject_alternative_names,
            at,
            hierarchy=certificate.root_hierarchy_type,
            certificate_usage=certificate.certificate_usage,
        )

    def _install(self, certificate: Certificate, issued: Issued, at: _dt.datetime) -> None:
        """New key and certificate (issuance or renewal) and the clock that follows them."""
        certificate.x509_certificate = issued.certificate
        certificate.held.append(issued.certificate)
        certificate.private_key = issued.key
        certificate.chain_pem = issued.chain_pem
        certificate.issued_at = at
        certificate.status = ISSUED
        certificate.exported = False
        certificate.version += 1
        self._expiry.track(certificate, at)
        self.track(certificate, at)

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
        if not self._store.is_current(certificate, version):
            return
        first = days == checkpoints(certificate)[0]
        if certificate.status == ISSUED and certificate.renewal_eligibility == "ELIGIBLE":
            self._attempt(certificate, at, announce_failure=not first)
        if self._store.is_current(certificate, version):
            self.track(certificate, at)

    def _attempt(
        self, certificate: Certificate, at: _dt.datetime, *, announce_failure: bool
    ) -> None:
        """Try to renew now; on success the certificate has new material."""
        if certificate.type == AMAZON_ISSUED and certificate.validation_method == "EMAIL":
            self._await_email_approval(certificate, at, announce_failure)
            return
        outcome = self._new_material(certificate, at, renewal=True)
        if isinstance(outcome, Refused):
            certificate.renewal = Renewal(PENDING_AUTO_RENEWAL, at, reason=outcome.reason)
            if announce_failure:
                events.renewal_action_required(self._scope, certificate, outcome.reason, at)
            return
        self._complete(certificate, outcome, at)

    def _await_email_approval(
        self, certificate: Certificate, at: _dt.datetime, announce: bool
    ) -> None:
        if certificate.renewal is None or certificate.renewal.status != PENDING_VALIDATION:
            validations = domain_validation.domain_validations(
                self._scope.account_id,
                certificate.subject_alternative_names,
                "EMAIL",
                [
                    {"DomainName": v.domain_name, "ValidationDomain": v.validation_domain}
                    for v in certificate.domain_validations
                ],
            )
            certificate.renewal = Renewal(PENDING_VALIDATION, at, domain_validations=validations)
        if announce:
            events.renewal_action_required(self._scope, certificate, PENDING_DOMAIN_VALIDATION, at)

    def approve(self, certificate: Certificate, at: _dt.datetime) -> None:
        """A renewal waiting for validation (e-mail approval, or DNS after a move to it)
        completes now."""
        self._complete(certificate, self._from_amazon(certificate, at), at)

    def _complete(self, certificate: Certificate, issued: Issued, at: _dt.datetime) -> None:
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
                dataclasses.replace(validation, status=domain_validation.SUCCESS)
                for validation in validations
            ],
        )
        events.available(self._scope, certificate, "RENEWAL", at)

    # -- RenewCertificate -------------------------------------------------------------------
    def renew(self, arn: str) -> None:
        found = self._store.certificate(arn)
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
        now = self._scope.now()
        if "renewing" in found.timers.entries:
            raise ServiceError(
                "RequestInProgressException",
                f"A renewal of certificate {arn} is already in progress.",
            )
        if not self._scope.world.realistic:
            self._attempt(found, now, announce_failure=False)
            return
        found.renewal = Renewal(PENDING_AUTO_RENEWAL, now)
        version = found.version

        def finish(at: _dt.datetime) -> None:
            found.timers.entries.pop("renewing", None)
            if self._store.is_current(found, version):
                self._attempt(found, at, announce_failure=False)

        found.timers.set("renewing", self._scope.schedule(now + RENEWAL_DELAY, finish))
