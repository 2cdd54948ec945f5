"""ACM: the rules and state of one account in one region, as parts that each serve a few
operations; handlers call the part an operation belongs to.

Plain Python: typed arguments in, records out, ``ServiceError`` for refusals. Time comes from
the scope's clock; what happens later (validation, issuance in realistic mode, expiry events,
expiry, managed renewal, token lapses) is scheduled on the world's timeline and applied as of
its due time, however the clock is moved.
"""

from __future__ import annotations

from certmock.services.acm.acme.backend import AcmeBackend
from certmock.services.acm.certificate import AMAZON_ISSUED, ISSUED, PENDING_VALIDATION
from certmock.services.acm.certificate_requests import CertificateRequests
from certmock.services.acm.expiry import ExpiryEvents
from certmock.services.acm.exporting import Exports
from certmock.services.acm.importing import Imports
from certmock.services.acm.options import OptionUpdates
from certmock.services.acm.renewal import Renewals
from certmock.services.acm.store import CertificateStore
from certmock.world import Scope

SERVICE_NAME = "acm"
"""botocore's name of the service, under which the world keeps these backends."""


class AcmBackend:
    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.store = CertificateStore(scope)
        """Certificates by ARN, the quota, DeleteCertificate, what uses them."""
        self.expiry = ExpiryEvents(scope, self.store)
        """Expiry events and expiry; Get/PutAccountConfiguration."""
        self.renewals = Renewals(scope, self.store, self.expiry)
        """New material from the issuer: first issuance, managed renewal, RenewCertificate."""
        self.requests = CertificateRequests(scope, self.store, self.renewals)
        """RequestCertificate, domain validation on the clock, ResendValidationEmail."""
        self.options = OptionUpdates(scope, self.store, self.requests, self.renewals)
        """UpdateCertificateOptions, with the move to DNS validation."""
        self.imports = Imports(scope, self.store, self.expiry)
        """ImportCertificate."""
        self.exports = Exports(scope, self.store)
        """GetCertificate, ExportCertificate, RevokeCertificate."""
        self.acme = AcmeBackend(scope)
        """ACME endpoints, domain validations, bindings and accounts (botocore 1.44)."""

    def validate(self, arn: str) -> None:
        """Complete pending domain validation now (a test's stand-in for the CNAME records or
        the approval e-mail): a move to DNS finishes, a pending request is issued, a pending
        renewal completes."""
        found = self.store.certificate(arn)
        now = self.scope.now()
        if found.type != AMAZON_ISSUED:
            raise ValueError(f"{arn} is a {found.type} certificate: only public ones validate")
        update = found.update
        if update is not None and update.pending:
            self.options.finish_method_update(found, update, now)
            return
        if found.status == PENDING_VALIDATION:
            self.requests.complete_validation(found, found.version, now)
            return
        renewal = found.renewal
        if found.status == ISSUED and renewal is not None and renewal.status == PENDING_VALIDATION:
            self.renewals.approve(found, now)
            return
        raise ValueError(f"{arn} has no pending validation (status {found.status})")
