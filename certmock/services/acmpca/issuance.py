"""IssueCertificate and GetCertificate, from this account's CAs or from CAs other accounts
share with it through their resource policy."""

from __future__ import annotations

import re
from typing import Any

from certmock.errors import ServiceError
from certmock.pki import certs
from certmock.pki.csr import MalformedCSR, load_csr
from certmock.services.acmpca import signing, states, templates
from certmock.services.acmpca.access import Authorities
from certmock.services.acmpca.records import (
    IDEMPOTENCY_WINDOW,
    CertificateAuthority,
    IssuedCertificate,
)
from certmock.services.toolkit.idempotency import IdempotencyTokens
from certmock.world import Scope

_HEX_DIGITS = re.compile(r"[0-9a-fA-F]+")


def _issued_by(found: CertificateAuthority, certificate_arn: str) -> IssuedCertificate:
    prefix = f"{found.arn}/certificate/"
    serial_text = certificate_arn[len(prefix) :] if certificate_arn.startswith(prefix) else ""
    # Hex digits only: int(..., 16) alone would also take "0x12", "1_2" or " 12".
    if not _HEX_DIGITS.fullmatch(serial_text):
        raise ServiceError(
            "InvalidArnException",
            f"Not a valid arn: {certificate_arn} is not a certificate of {found.arn}.",
        )
    issued = found.issued.get(int(serial_text, 16))
    if issued is None:
        raise ServiceError(
            "ResourceNotFoundException",
            f"Could not find certificate {certificate_arn}.",
        )
    return issued


class Issuance:
    def __init__(self, scope: Scope, authorities: Authorities) -> None:
        self.scope = scope
        self.authorities = authorities
        # (CA ARN, token) -> the certificate ARN; parameters are not compared.
        self._tokens: IdempotencyTokens[tuple[str, str], str] = IdempotencyTokens(
            scope, IDEMPOTENCY_WINDOW
        )

    def issue_certificate(
        self,
        arn: str,
        *,
        csr: bytes,
        signing_algorithm: str,
        validity: dict[str, Any],
        template_arn: str | None = None,
        validity_not_before: dict[str, Any] | None = None,
        api_passthrough: dict[str, Any] | None = None,
        idempotency_token: str | None = None,
    ) -> str:
        shared = self.authorities.readable(arn, "IssueCertificate")
        key = None if idempotency_token is None else (arn, idempotency_token)
        replayed = self._tokens.replay(key)
        if replayed is not None:
            # Same token within five minutes: the same certificate, and no second one.
            return replayed
        template = templates.lookup(template_arn, shared.arn.partition)
        if (
            shared.arn.account_id != self.scope.account_id
            and template.name not in templates.CROSS_ACCOUNT
        ):
            raise ServiceError(
                "AccessDeniedException",
                f"Account {self.scope.account_id} may not use {template_arn} with the shared CA "
                f"{arn}: other accounts may use only "
                f"{', '.join(sorted(t + '/V1' for t in templates.CROSS_ACCOUNT))}.",
            )
        try:
            request = load_csr(csr)
        except MalformedCSR as malformed:
            raise ServiceError("MalformedCSRException", str(malformed)) from None
        issued = signing.sign(
            shared.record,
            request,
            owner=shared.owner,
            crls=shared.crls,
            requester_account=self.scope.account_id,
            template=template,
            signing_algorithm=signing_algorithm,
            validity=validity,
            validity_not_before=validity_not_before,
            api_passthrough=api_passthrough,
        )
        self._tokens.remember(key, issued.arn, at=issued.issued_at)
        return issued.arn

    def delivered_at_issuance(self, arn: str, certificate_arn: str) -> tuple[str, str | None]:
        """``IssueCertificate(ReturnValues="CERTIFICATE")``: the certificate and chain in the
        issuing call's own answer. AWS waits for the signature before answering, so the
        certificate is retrievable from then on (no RequestInProgressException even with
        ``realistic=True``), and a later GetCertificate returns the same PEM."""
        found = self.authorities.readable(arn, "IssueCertificate").record
        issued = _issued_by(found, certificate_arn)
        issued.retrievable_at = None
        return certs.pem(issued.certificate), issued.chain_pem

    def get_certificate(self, arn: str, certificate_arn: str) -> tuple[str, str | None]:
        found = self.authorities.readable(arn, "GetCertificate").record
        if not states.allows("GetCertificate", found.status):
            raise ServiceError(
                "InvalidStateException",
                f"The certificate authority {arn} is not in the correct state to have issued "
                "certificates.",
            )
        issued = _issued_by(found, certificate_arn)
        if issued.retrievable_at is not None and self.scope.now() < issued.retrievable_at:
            # The CertificateIssued waiter retries on this error.
            raise ServiceError(
                "RequestInProgressException",
                f"The certificate {certificate_arn} is still being issued; try again in a few "
                "seconds.",
            )
        # Revoked and expired certificates are returned as they were issued.
        return certs.pem(issued.certificate), issued.chain_pem
