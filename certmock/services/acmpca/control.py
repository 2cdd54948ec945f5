"""What a test can do to ACM Private CA that no AWS API call does: play the AWS service a
service-affiliated CA is affiliated with (issue a certificate for an associated resource, as
AWS STS does for IAM workload identities), set how long replication takes, and make a replica's
creation fail. Exposed on the mock's handle as ``cm.acmpca``.

Each function brings the world up to the clock first and raises ``KeyError`` for an ARN
certmock does not know, ``ValueError`` where the affiliated service would refuse.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from dataclasses import dataclass

from cryptography import x509

from certmock.directory import CERTIFICATE_AUTHORITY_ARN
from certmock.errors import ServiceError
from certmock.pki import certs
from certmock.pki.csr import MalformedCSR, load_csr
from certmock.services.acmpca import affiliation, replication, signing, states, templates
from certmock.services.acmpca.shared import SharedAuthority
from certmock.world import World

DEFAULT_SERVICE_VALIDITY = _dt.timedelta(hours=1)
"""What AWS STS gives a workload certificate unless asked otherwise (it issues 1 to 12 hours)."""
REPLICA_FAILURE_REASONS = ("REQUEST_TIMED_OUT", "UNSUPPORTED_ALGORITHM", "OTHER")


@dataclass(frozen=True)
class ServiceIssuedCertificate:
    """A certificate the affiliated service had the CA issue."""

    certificate_arn: str
    """Under the issuing CA (the primary's or the Region's replica's ARN): GetCertificate
    returns it there."""
    certificate: str
    """PEM."""
    certificate_chain: str
    """PEM: the CA's certificate up to the root."""


class AcmPcaControl:
    """The handle's ``cm.acmpca``."""

    def __init__(self, world: World) -> None:
        self._world = world

    @property
    def replica_creation_time(self) -> _dt.timedelta:
        """How long a new replica is CREATING before it is ACTIVE, on the virtual clock.
        By default none (``realistic=True``: two minutes); a time set here wins, for the
        replicas created from then on."""
        return replication.settings(self._world).for_world(self._world)

    @replica_creation_time.setter
    def replica_creation_time(self, value: _dt.timedelta) -> None:
        if value < _dt.timedelta(0):
            raise ValueError(f"a replica cannot be created in negative time ({value})")
        replication.settings(self._world).creation_time = value

    def fail_replica(self, arn: str, reason: str = "OTHER") -> None:
        """Make a CREATING replica FAILED now with ``FailureReason`` ``reason``, as when AWS
        cannot create it; ``ValueError`` if it is not CREATING or ``reason`` is not one of
        ``REPLICA_FAILURE_REASONS``."""
        if reason not in REPLICA_FAILURE_REASONS:
            raise ValueError(f"reason must be one of {', '.join(REPLICA_FAILURE_REASONS)}")
        with self._world.lock:
            self._world.catch_up()
            shared = self._shared(arn)
            replica = shared.record
            if replica.primary is None:
                raise ValueError(f"{arn} is not a replica")
            if replica.status != states.CREATING:
                raise ValueError(f"{arn} is {replica.status}, not CREATING")
            replication.fail(replica, shared.owner, reason, shared.owner.now())

    def issue_as_affiliated_service(
        self,
        ca_arn: str,
        resource_arn: str,
        csr: bytes | str | x509.CertificateSigningRequest,
        *,
        region: str | None = None,
        validity: _dt.timedelta = DEFAULT_SERVICE_VALIDITY,
    ) -> ServiceIssuedCertificate:
        """Issue a certificate for ``resource_arn`` from the service-affiliated CA
        ``ca_arn`` as its affiliated service does (AWS STS, for IAM_WORKLOAD_IDENTITY):
        from the CA in ``region`` (default: the ARN's) - the primary, or its replica there.
        The CA must be ACTIVE and associated with the resource, and ``validity`` within
        what the affiliation allows (a day for IAM_WORKLOAD_IDENTITY). The certificate is
        EndEntityCertificate/V1 with the CA's signing algorithm; it is recorded as issued by
        the service (GetCertificate, the audit report) and emits the issuance event."""
        with self._world.lock:
            self._world.catch_up()
            shared = self._shared(ca_arn)
            if region is not None and region != shared.arn.region:
                there = self._world.directory.certificate_authority(_in_region(ca_arn, region))
                if not isinstance(there, SharedAuthority):
                    raise ValueError(f"{ca_arn} has no replica in {region}")
                shared = there
            found = shared.record
            code = affiliation.code_of(found)
            if code is None:
                raise ValueError(f"{found.arn} is not a service-affiliated certificate authority")
            if resource_arn not in found.multi_region_primary.associations:
                raise ValueError(
                    f"{resource_arn} is not associated with {found.arn} "
                    "(CreateCertificateAuthorityAssociation)"
                )
            if found.status != states.ACTIVE:
                raise ValueError(
                    f"{found.arn} is {found.status}: the service issues only from an ACTIVE "
                    "CA in the workload's Region"
                )
            if isinstance(csr, str | bytes):
                try:
                    csr = load_csr(csr.encode() if isinstance(csr, str) else csr)
                except MalformedCSR as malformed:
                    raise ValueError(str(malformed)) from None
            now = shared.owner.now()
            ends = int((now + validity).timestamp())
            try:
                issued = signing.sign(
                    found,
                    csr,
                    owner=shared.owner,
                    crls=shared.crls,
                    requester_account=found.owner_account,
                    template=templates.TEMPLATES[templates.DEFAULT_TEMPLATE_NAME],
                    signing_algorithm=found.configuration["SigningAlgorithm"],
                    validity={"Type": "ABSOLUTE", "Value": ends},
                    requested_by=affiliation.service_principal(code),
                )
            except ServiceError as refused:
                raise ValueError(refused.message) from None
            # The service's answer carries the certificate: retrievable at once.
            issued.retrievable_at = None
            assert issued.chain_pem is not None
            return ServiceIssuedCertificate(
                issued.arn, certs.pem(issued.certificate), issued.chain_pem
            )

    def _shared(self, arn: str) -> SharedAuthority:
        shared = self._world.directory.certificate_authority(arn)
        if not isinstance(shared, SharedAuthority):
            raise KeyError(f"no certificate authority {arn} in this world")
        return shared


def _in_region(arn: str, region: str) -> str:
    """The ARN of the same multi-Region CA in ``region`` (a replica has its primary's ARN but
    for the Region)."""
    parsed = CERTIFICATE_AUTHORITY_ARN.parse(arn)
    assert parsed is not None  # the ARN of a CA the world knows
    return str(dataclasses.replace(parsed, region=region))
