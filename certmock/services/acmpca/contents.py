"""What a CA puts in a certificate it issues: the template's extensions, the passthrough ones,
the revocation pointers (CRL distribution point, OCSP), and the checks against the CA's own
certificate (validity, path length)."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import Any

from cryptography import x509
from cryptography.x509.oid import AuthorityInformationAccessOID, ExtensionOID, ObjectIdentifier

from certmock.errors import ServiceError
from certmock.partitions import dns_suffix
from certmock.pki.certs import Extensions
from certmock.pki.csr import key_usage
from certmock.services.acmpca import passthrough
from certmock.services.acmpca.templates import Template

# Computed by the signer from the keys, never copied from a CSR.
_COMPUTED = {ExtensionOID.SUBJECT_KEY_IDENTIFIER, ExtensionOID.AUTHORITY_KEY_IDENTIFIER}
# Order of the AWS sample certificate; whatever else comes after, in the order given.
_ORDER = (
    ExtensionOID.BASIC_CONSTRAINTS,
    ExtensionOID.CERTIFICATE_POLICIES,
    ExtensionOID.KEY_USAGE,
    ExtensionOID.EXTENDED_KEY_USAGE,
    ExtensionOID.CRL_DISTRIBUTION_POINTS,
    ExtensionOID.AUTHORITY_INFORMATION_ACCESS,
    ExtensionOID.SUBJECT_ALTERNATIVE_NAME,
)


def crl_host(crl: Mapping[str, Any], region: str, partition: str) -> str:
    return crl.get("CustomCname") or f"{crl['S3BucketName']}.s3.{region}.{dns_suffix(partition)}"


def crl_object_key(crl: Mapping[str, Any], crl_name: str) -> str:
    """``crl/<name>.crl``, or ``<CustomPath>/<name>.crl``; ``crl_name`` is the CA's id (or its
    partition's id for a partitioned CRL)."""
    folder = crl.get("CustomPath") or "crl"
    return f"{folder.strip('/')}/{crl_name}.crl"


def crl_url(crl: Mapping[str, Any], crl_name: str, region: str, partition: str) -> str:
    return f"http://{crl_host(crl, region, partition)}/{crl_object_key(crl, crl_name)}"


def writes_crl(revocation: Mapping[str, Any]) -> bool:
    return bool((revocation.get("CrlConfiguration") or {}).get("Enabled"))


def _distribution_point(url: str) -> x509.CRLDistributionPoints:
    return x509.CRLDistributionPoints(
        [x509.DistributionPoint([x509.UniformResourceIdentifier(url)], None, None, None)]
    )


def _ocsp(ocsp: Mapping[str, Any], region: str, partition: str) -> x509.AuthorityInformationAccess:
    host = ocsp.get("OcspCustomCname") or f"ocsp.acm-pca.{region}.{dns_suffix(partition)}"
    return x509.AuthorityInformationAccess(
        [
            x509.AccessDescription(
                AuthorityInformationAccessOID.OCSP, x509.UniformResourceIdentifier(f"http://{host}")
            )
        ]
    )


def _csr_extensions(
    csr: x509.CertificateSigningRequest,
) -> dict[ObjectIdentifier, tuple[Any, bool]]:
    return {e.oid: (e.value, e.critical) for e in csr.extensions if e.oid not in _COMPUTED}


def extensions(
    template: Template,
    csr: x509.CertificateSigningRequest,
    api_passthrough: Mapping[str, Any] | None,
    *,
    revocation: Mapping[str, Any],
    crl_name: str,
    region: str,
    partition: str,
) -> Extensions:
    """The extensions of the certificate, the template's first, then ApiPassthrough's, then
    the CSR's (each source only adds what the ones before did not set)."""
    chosen: dict[ObjectIdentifier, tuple[Any, bool]] = {}

    def offer(value: x509.ExtensionType, critical: bool) -> None:
        chosen.setdefault(value.oid, (value, critical))

    offer(x509.BasicConstraints(ca=template.ca, path_length=template.path_length), template.ca)
    if template.key_usage is not None:
        offer(key_usage(template.key_usage), True)
    if template.extended_key_usage:
        offer(
            x509.ExtendedKeyUsage(list(template.extended_key_usage)),
            template.extended_key_usage_critical,
        )
    if not template.root:
        # Self-signed certificates cannot be revoked, so they point at no CRL or responder.
        crl = revocation.get("CrlConfiguration") or {}
        omitted = (crl.get("CrlDistributionPointExtensionConfiguration") or {}).get("OmitExtension")
        if crl.get("Enabled") and not omitted:
            offer(_distribution_point(crl_url(crl, crl_name, region, partition)), False)
        ocsp = revocation.get("OcspConfiguration") or {}
        if ocsp.get("Enabled"):
            offer(_ocsp(ocsp, region, partition), False)
    if template.api_passthrough and api_passthrough:
        for value, critical in passthrough.extensions(api_passthrough):
            offer(value, critical)
    from_csr = _csr_extensions(csr)
    if template.csr_passthrough:
        for value, critical in from_csr.values():
            offer(value, critical)
    elif ExtensionOID.SUBJECT_ALTERNATIVE_NAME in from_csr:
        # Every template copies the subject alternative names of the CSR.
        offer(*from_csr[ExtensionOID.SUBJECT_ALTERNATIVE_NAME])
    ordered = [chosen.pop(oid) for oid in _ORDER if oid in chosen]
    return [*ordered, *chosen.values()]


def subject(
    template: Template,
    csr: x509.CertificateSigningRequest,
    api_passthrough: Mapping[str, Any] | None,
) -> x509.Name:
    if template.api_passthrough and api_passthrough:
        given = passthrough.subject(api_passthrough)
        if given is not None:
            return given
    return csr.subject


def check_path_length(template: Template, issuer: x509.Certificate) -> None:
    """A subordinate CA certificate may not allow a longer path than its issuer leaves."""
    if not template.ca or template.root:
        return
    # The issuer is an imported CA certificate, which always has basicConstraints.
    allowed = issuer.extensions.get_extension_for_class(x509.BasicConstraints).value.path_length
    if allowed is None:
        return
    if allowed == 0 or (template.path_length or 0) > allowed - 1:
        raise ServiceError(
            "InvalidArgsException",
            f"The template {template.name}/V1 gives the certificate a path length of "
            f"{template.path_length}, but the issuing CA's certificate has a path length "
            f"constraint of {allowed}, which allows "
            + ("no subordinate CA." if allowed == 0 else f"at most {allowed - 1} below it."),
        )


def check_validity(
    template: Template,
    starts: _dt.datetime,
    ends: _dt.datetime,
    issuer: x509.Certificate | None,
) -> None:
    """A certificate may not outlive the CA that signs it; a CA certificate must end strictly
    before its issuer's (the CA lifecycle guide)."""
    if ends <= starts:
        raise ServiceError(
            "InvalidArgsException",
            f"The validity period ends ({ends:%Y-%m-%dT%H:%M:%SZ}) before it starts "
            f"({starts:%Y-%m-%dT%H:%M:%SZ}).",
        )
    if issuer is None:
        return
    limit = issuer.not_valid_after_utc
    if ends > limit or (template.ca and ends == limit):
        # The troubleshooting guide names ValidationException for this; the text is certmock's.
        raise ServiceError(
            "ValidationException",
            f"The certificate's validity period would end at {ends:%Y-%m-%dT%H:%M:%SZ}, after "
            f"the issuing CA's certificate ({limit:%Y-%m-%dT%H:%M:%SZ}). Request a shorter "
            "validity period.",
        )
