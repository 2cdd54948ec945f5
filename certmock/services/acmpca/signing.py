"""Signing a CSR with a CA: the one path every certificate a CA issues takes, whoever asks
(IssueCertificate from its own or another account, or ACM).

A shared CA signs as its owner: the certificate names the owner's CRL, the issuance event goes
to the owner's bus and the CRL is written by the owner's publisher; only the audit report's
account is the requester's.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import Any

from cryptography import x509

from certmock.errors import ServiceError
from certmock.pki import certs
from certmock.pki.keys import same_public_key
from certmock.services.acmpca import affiliation, contents, periods, states, templates
from certmock.services.acmpca.configuration import check_signing_algorithm
from certmock.services.acmpca.crl_publisher import CrlPublisher
from certmock.services.acmpca.records import CertificateAuthority, IssuedCertificate
from certmock.world import Scope

SHORT_LIVED = "SHORT_LIVED_CERTIFICATE"
SHORT_LIVED_MAXIMUM = _dt.timedelta(days=7)
# With realistic=True: how long a new certificate is not retrievable.
RETRIEVAL_DELAY = _dt.timedelta(seconds=2)


def _check_state(found: CertificateAuthority, template: templates.Template) -> None:
    if template.root and found.type != "ROOT":
        raise ServiceError(
            "InvalidArgsException",
            f"{template.name}/V1 issues a root CA's own certificate; {found.arn} is a "
            f"{found.type} CA.",
        )
    operation = "IssueCertificate/RootCACertificate" if template.root else "IssueCertificate"
    if not states.allows(operation, found.status):
        # TF-PCA retries on this text.
        raise ServiceError(
            "InvalidStateException",
            "The certificate authority is not in a valid state for issuing "
            f"certificates. {found.arn} is {found.status}.",
        )


def _validity(
    found: CertificateAuthority,
    template: templates.Template,
    validity: Mapping[str, Any],
    validity_not_before: Mapping[str, Any] | None,
    now: _dt.datetime,
) -> tuple[_dt.datetime, _dt.datetime]:
    starts = periods.not_before(validity_not_before, now)
    ends = periods.resolve(validity, now)
    contents.check_validity(template, starts, ends, None if template.root else found.certificate)
    # The limit is on what the caller asks for: from its ValidityNotBefore, or else from
    # issuance (the default hour of backdating is AWS's own), so DAYS=7 fits. A root's own
    # certificate is the CA's, not one it issues, and is not limited.
    asked_from = starts if validity_not_before is not None else now
    if (
        found.usage_mode == SHORT_LIVED
        and not template.root
        and ends - asked_from > SHORT_LIVED_MAXIMUM
    ):
        raise ServiceError(
            "InvalidArgsException",
            f"{found.arn} is a SHORT_LIVED_CERTIFICATE CA: its certificates may be valid for "
            f"at most {SHORT_LIVED_MAXIMUM.days} days; this one would be valid from "
            f"{starts:%Y-%m-%dT%H:%M:%SZ} to {ends:%Y-%m-%dT%H:%M:%SZ}.",
        )
    return starts, ends


def sign(
    found: CertificateAuthority,
    request: x509.CertificateSigningRequest,
    *,
    owner: Scope,
    crls: CrlPublisher,
    requester_account: str,
    template: templates.Template,
    signing_algorithm: str,
    validity: Mapping[str, Any],
    validity_not_before: Mapping[str, Any] | None = None,
    api_passthrough: Mapping[str, Any] | None = None,
    requested_by: str | None = None,
) -> IssuedCertificate:
    """Sign ``request`` with ``found``, whose owner is ``owner`` and whose CRLs ``crls``
    writes, for ``requester_account`` (and ``requested_by`` a service principal, if one)."""
    _check_state(found, template)
    affiliation.check_issuer(found, template.root, requested_by)
    world = owner.world
    key = found.signing_key(world.keys)
    check_signing_algorithm(found.configuration["KeyAlgorithm"], signing_algorithm)
    if template.root and not same_public_key(request.public_key(), key.public_key()):
        raise ServiceError(
            "InvalidArgsException",
            f"{template.name}/V1 can only sign the CSR of the root CA {found.arn} itself "
            "(GetCertificateAuthorityCsr); this CSR has another public key.",
        )
    now = owner.now()
    starts, ends = _validity(found, template, validity, validity_not_before, now)
    affiliation.check_service_validity(found, requested_by, ends - now)
    issuer_certificate = None if template.root else found.certificate
    if issuer_certificate is not None:
        contents.check_path_length(template, issuer_certificate)
    extensions = contents.extensions(
        template,
        request,
        api_passthrough,
        revocation=found.revocation_configuration,
        crl_name=crls.crl_name(found),
        region=found.arn.region,
        partition=found.arn.partition,
    )
    serial = certs.new_serial(world.ids.randbits)
    while serial in found.issued:
        serial = certs.new_serial(world.ids.randbits)
    try:
        certificate = certs.sign_certificate(
            csr=request,
            issuer_key=key,
            issuer_certificate=issuer_certificate,
            signing_algorithm=signing_algorithm,
            serial=serial,
            not_before=starts,
            not_after=ends,
            extensions=extensions,
            subject=contents.subject(template, request, api_passthrough),
        )
    except ValueError as invalid:
        # A safety net: the checks above leave cryptography nothing known to refuse.
        raise ServiceError("InvalidArgsException", str(invalid)) from None
    try:
        # Parsed lazily: only a CustomExtensions value under a known OID (say subjectAltName)
        # can be unreadable here. AWS's answer is undocumented; certmock hands out no
        # certificate that cryptography cannot read back.
        certificate.extensions  # noqa: B018
    except ValueError as unreadable:
        raise ServiceError(
            "InvalidArgsException",
            "ApiPassthrough.Extensions.CustomExtensions: a Value is not the DER its "
            f"ObjectIdentifier's extension requires ({unreadable}).",
        ) from None
    certificate_arn = f"{found.arn}/certificate/{certs.serial_hex(serial)}"
    issued = IssuedCertificate(
        certificate_arn,
        serial,
        certificate,
        None if template.root else _chain_of(found),
        now,
        templates.template_arn(template.name, found.arn.partition),
        requester_account,
        requested_by=requested_by,
        retrievable_at=now + RETRIEVAL_DELAY if world.realistic else None,
    )
    found.issued[serial] = issued
    owner.emit(
        "aws.acm-pca",
        "ACM Private CA Certificate Issuance",
        [str(found.arn), certificate_arn],
        {"result": "success"},
    )
    if not template.root:
        crls.certificate_issued(found)
    return issued


def _chain_of(found: CertificateAuthority) -> str:
    """GetCertificate's CertificateChain: the issuing CA's certificate up to the root."""
    assert found.certificate is not None  # an ACTIVE CA has one
    return certs.pem(found.certificate) + (found.certificate_chain_pem or "")
