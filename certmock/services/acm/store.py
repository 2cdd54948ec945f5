"""The certificates of one account and region: found by ARN, counted against the quota, added
and deleted, and what uses them."""

from __future__ import annotations

from collections.abc import Sequence

from certmock.arns import Arn, ArnFormat
from certmock.errors import ServiceError
from certmock.services.acm.certificate import PRIVATE, Certificate
from certmock.services.acm.certificate_tags import CERTIFICATE_TAGS
from certmock.world import Scope

# Quotas (ACM quota page, fact sheet 6.8): certificates per account and region. Private CA
# certificates do not count.
MAX_CERTIFICATES = 2500

CERTIFICATE_ARN = ArnFormat(
    "acm", r"certificate/(?P<id>[A-Za-z0-9-]+)", partition="[^:]+", region="[^:]+"
)
"""``arn:<partition>:acm:<region>:<account>:certificate/<id>``; any partition and Region are
read, so that a certificate of another one is not found rather than refused."""


def parse_certificate_arn(arn: str, malformed: str = "InvalidArnException") -> Arn:
    """The parts of an ACM certificate ARN; InvalidArnException for anything else (the model's
    pattern admits any ACM resource ARN, an ACME endpoint's for one). AWS's wording is not
    documented."""
    parsed = CERTIFICATE_ARN.parse(arn)
    if parsed is None:
        raise ServiceError(
            malformed,
            f"The ARN {arn} is not a valid ACM certificate ARN; expected "
            "arn:<partition>:acm:<region>:<12-digit account>:certificate/<id>.",
        )
    return parsed


def _not_found(arn: str) -> ServiceError:
    # The text real ACM gave for a missing certificate (pulumi-aws report, fact sheet 10.1).
    return ServiceError("ResourceNotFoundException", f"Could not find certificate {arn}.")


class CertificateStore:
    def __init__(self, scope: Scope) -> None:
        self._scope = scope
        self._certificates: dict[str, Certificate] = {}
        self._counted = 0
        """How many certificates count against the quota (all but private ones), kept as they
        come and go so a request or import does not walk every certificate."""

    def certificate(self, arn: str, malformed: str = "InvalidArnException") -> Certificate:
        """The certificate ``arn`` names; an ARN that is not one is refused with ``malformed``
        (the operations that model no InvalidArnException say which of theirs fits)."""
        parsed = parse_certificate_arn(arn, malformed)
        found = self._certificates.get(arn)
        if found is None or (parsed.account_id, parsed.region) != (
            self._scope.account_id,
            self._scope.region,
        ):
            # Another account's or region's certificate is simply not found from here.
            raise _not_found(arn)
        return found

    def tagged_certificate(self, resource_arn: str) -> Certificate:
        """The certificate a TagResource-family call names (ACME resources are tagged through
        the ACME backend; any other ARN names nothing certmock knows)."""
        if CERTIFICATE_ARN.parse(resource_arn) is None:
            raise ServiceError(
                "ResourceNotFoundException",
                f"Could not find resource {resource_arn}: certmock serves tags of ACM "
                "certificates and ACME resources only.",
            )
        return self.certificate(resource_arn)

    def all(self) -> list[Certificate]:
        """Every certificate, oldest first."""
        return list(self._certificates.values())

    def holds(self, certificate: Certificate) -> bool:
        """Whether ``certificate`` has not been deleted."""
        return self._certificates.get(certificate.arn) is certificate

    def is_current(self, certificate: Certificate, version: int) -> bool:
        """Whether ``certificate`` is still here with this version of its material: a change
        scheduled for an older version (or a deleted certificate) is stale."""
        return self.holds(certificate) and certificate.version == version

    def new_arn(self) -> str:
        resource = f"certificate/{self._scope.new_uuid()}"
        scope = self._scope
        return str(
            CERTIFICATE_ARN.format(scope.partition, scope.region, scope.account_id, resource)
        )

    def check_quota(self) -> None:
        if self._counted >= MAX_CERTIFICATES:
            # AWS's text (ACM import troubleshooting).
            raise ServiceError(
                "LimitExceededException",
                "You have reached the maximum number of certificates. Delete certificates that "
                "are not in use, or contact AWS Support to request an increase.",
            )

    def add(self, certificate: Certificate, tags: Sequence[tuple[str, str | None]]) -> None:
        certificate.tags = CERTIFICATE_TAGS.merged({}, tags, certificate.arn)
        self._certificates[certificate.arn] = certificate
        if certificate.type != PRIVATE:
            self._counted += 1

    def delete(self, arn: str) -> None:
        """DeleteCertificate."""
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

    # -- in use (set by tests through the control module) -----------------------------------
    def use(self, arn: str, resource: str) -> None:
        found = self.certificate(arn)
        if resource not in found.in_use_by:
            found.in_use_by.append(resource)

    def release(self, arn: str, resource: str) -> None:
        found = self.certificate(arn)
        if resource in found.in_use_by:
            found.in_use_by.remove(resource)
