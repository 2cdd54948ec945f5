"""ACM's way into ACM Private CA: private certificates (RequestCertificate with a
CertificateAuthorityArn) and their renewals are issued by the CA's own model, so they verify
against it, show in its audit report (requested by acm.amazonaws.com) and can be revoked."""

from __future__ import annotations

from dataclasses import dataclass

from cryptography import x509

from certmock.services.acmpca.backend import AcmPcaBackend
from certmock.world import World

ACM_VALIDITY_DAYS = 395  # 13 months, the validity ACM gives the certificates it manages


@dataclass(frozen=True)
class AcmIssuance:
    certificate: x509.Certificate
    chain_pem: str
    """The issuing CA's certificate up to the root, as ACM's GetCertificate returns it."""
    certificate_arn: str
    """The certificate's ARN under the CA (``<ca-arn>/certificate/<serial>``)."""


def issue_for_acm(
    world: World,
    ca_arn: str,
    *,
    requester_account: str,
    requester_region: str,
    csr: x509.CertificateSigningRequest,
    renewal: bool = False,
    validity_days: int = ACM_VALIDITY_DAYS,
) -> AcmIssuance:
    """Issue through the CA as ACM would, for ``requester_account`` in ``requester_region``
    (a CA in another region is not found; another account's CA needs its resource policy).

    Raises ``ServiceError`` with the ACM-PCA code that ACM turns into a FailureReason:
    InvalidArnException, ResourceNotFoundException, InvalidStateException,
    AccessDeniedException (a renewal without the CA's permissions for acm.amazonaws.com),
    ValidationException (the certificate would outlive the CA), InvalidArgsException.
    """
    from certmock.services.acmpca import DEFINITION

    backend: AcmPcaBackend = world.backend(DEFINITION, requester_account, requester_region)
    issued = backend.issue_for_acm(
        ca_arn,
        csr,
        requester_account=requester_account,
        renewal=renewal,
        validity_days=validity_days,
    )
    assert issued.chain_pem is not None  # only root templates leave it out
    return AcmIssuance(issued.certificate, issued.chain_pem, issued.arn)
