"""An episode: a world with real resources (active ROOT and SUBORDINATE CAs, RSA and EC, issued
certificates, ACM certificates requested and imported, API Gateway client certificates, RDS's
CA catalogue), the pool of their identifiers, and the health calls run after each fuzzed one."""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from typing import Any

import botocore.session
from botocore.config import Config
from botocore.model import OperationModel, StructureShape
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from certmock import Mock, mock_all
from certmock.botocore_models import service_model
from certmock.organization_handle import OrganizationHandle
from certmock.runtime import RUNTIME
from certmock.services.registry import SERVICES
from certmock.world import DEFAULT_ACCOUNT_ID
from tests.fuzz.oracle import Sent, invoke
from tests.fuzz.pool import Pool
from tests.model_facts import has_operation
from tests.services.acm.helpers import key_pem, make_certificate, pem

REGION = "eu-west-1"
NOW = "2026-01-01T00:00:00Z"
SEED = 20260101
_TEMPLATE = "arn:aws:acm-pca:::template/{}/V1"
_REPLICA_REGION = "us-west-2"
_MEMBER_ACCOUNT = "210987654321"
_WORKLOAD_PROVIDER = "arn:aws:iam::123456789012:workload-identity-provider/fuzz"
_READ = re.compile(r"^(List|Describe|Get|Search)")
_SIZE_MEMBER = re.compile(r"max|limit", re.IGNORECASE)


@functools.cache
def _session() -> botocore.session.Session:
    return botocore.session.get_session()


@functools.cache
def client(service: str, validating: bool = True) -> tuple[Any, Sent]:
    """One client per process and kind (creating clients is the slow part), with dummy
    credentials and no retries: a 5xx must reach the oracle, not be retried."""
    made = _session().create_client(
        service,
        region_name=REGION,
        aws_access_key_id="fuzz",
        aws_secret_access_key="fuzz",
        config=Config(parameter_validation=validating, retries={"total_max_attempts": 1}),
    )
    return made, Sent(made)


def start() -> Mock:
    return mock_all(now=NOW, seed=SEED).start()


@functools.cache
def _test_key() -> ec.EllipticCurvePrivateKey:
    # Derived, not generated: every run imports and signs the same bytes.
    return ec.derive_private_key(SEED, ec.SECP256R1())


def _csr(common_name: str) -> bytes:
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    request = x509.CertificateSigningRequestBuilder().subject_name(subject)
    return request.sign(_test_key(), hashes.SHA256()).public_bytes(serialization.Encoding.PEM)


@functools.cache
def _self_signed() -> tuple[bytes, bytes]:
    """A certificate and its key, to import into ACM (the ACM tests' own builder)."""
    key = _test_key()
    start = dt.datetime(2025, 6, 1, tzinfo=dt.timezone.utc)
    certificate = make_certificate(
        key,
        common_name="fuzz.example.com",
        sans=["fuzz.example.com"],
        not_before=start,
        not_after=start + dt.timedelta(days=400),
        serial=SEED,
    )
    return pem(certificate), key_pem(key)


def _ca(
    pca: Any, kind: str, key: str, signing: str, parent: str | None, pool: Pool, **extra: Any
) -> str:
    """A CA made ACTIVE the way a user does it: create, sign its CSR, import the result."""
    arn: str = pca.create_certificate_authority(
        CertificateAuthorityType=kind,
        CertificateAuthorityConfiguration={
            "KeyAlgorithm": key,
            "SigningAlgorithm": signing,
            "Subject": {"CommonName": f"fuzz {kind.lower()} {key.lower()}"},
        },
        **extra,
    )["CertificateAuthorityArn"]
    csr = pca.get_certificate_authority_csr(CertificateAuthorityArn=arn)["Csr"]
    signer = parent or arn
    template = "RootCACertificate" if parent is None else "SubordinateCACertificate_PathLen0"
    signer_algorithm = pca.describe_certificate_authority(CertificateAuthorityArn=signer)[
        "CertificateAuthority"
    ]["CertificateAuthorityConfiguration"]["SigningAlgorithm"]
    issued = pca.issue_certificate(
        CertificateAuthorityArn=signer,
        Csr=csr,
        SigningAlgorithm=signer_algorithm,
        TemplateArn=_TEMPLATE.format(template),
        # A subordinate must expire before the CA that signed it.
        Validity={"Type": "YEARS", "Value": 10 if parent is None else 5},
    )["CertificateArn"]
    answer = pca.get_certificate(CertificateAuthorityArn=signer, CertificateArn=issued)
    imported = {"Certificate": answer["Certificate"]}
    if parent is not None:
        imported["CertificateChain"] = answer["CertificateChain"]
    pca.import_certificate_authority_certificate(CertificateAuthorityArn=arn, **imported)
    pool.add("Certificate", answer["Certificate"].encode())
    pool.add("CertificateChain", answer.get("CertificateChain", answer["Certificate"]).encode())
    pool.add("Csr", csr.encode())
    pool.add("CertificateAuthorityArn", arn)
    pool.add("ResourceArn", arn)
    pool.add("SigningAlgorithm", signing)
    return arn


def _private_ca(pool: Pool) -> tuple[str, str]:
    """ROOT and SUBORDINATE CAs, RSA and EC, all ACTIVE, one PENDING_CERTIFICATE, and a
    certificate issued by each root."""
    pca = client("acm-pca")[0]
    rsa_root = _ca(pca, "ROOT", "RSA_2048", "SHA256WITHRSA", None, pool)
    ec_root = _ca(pca, "ROOT", "EC_prime256v1", "SHA256WITHECDSA", None, pool)
    _ca(pca, "SUBORDINATE", "EC_prime256v1", "SHA256WITHECDSA", rsa_root, pool)
    pending: str = pca.create_certificate_authority(
        CertificateAuthorityType="SUBORDINATE",
        CertificateAuthorityConfiguration={
            "KeyAlgorithm": "RSA_2048",
            "SigningAlgorithm": "SHA256WITHRSA",
            "Subject": {"CommonName": "fuzz pending"},
        },
    )["CertificateAuthorityArn"]
    pool.add("CertificateAuthorityArn", pending)
    if has_operation("acm-pca", "CreateCertificateAuthorityReplica"):
        _multi_region_ca(pca, pool)
    for ca, algorithm in ((rsa_root, "SHA256WITHRSA"), (ec_root, "SHA256WITHECDSA")):
        issued = pca.issue_certificate(
            CertificateAuthorityArn=ca,
            Csr=_csr("leaf.fuzz.example.com"),
            SigningAlgorithm=algorithm,
            Validity={"Type": "DAYS", "Value": 30},
        )["CertificateArn"]
        pool.add("CertificateArn", issued)
        pool.add("CertificateSerial", issued.rsplit("/", 1)[1])
    for template in (
        "EndEntityCertificate",
        "RootCACertificate",
        "SubordinateCACertificate_PathLen0",
    ):
        pool.add("TemplateArn", _TEMPLATE.format(template))
    policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Resource": rsa_root}]}
    pool.add("Policy", json.dumps(policy))
    pool.add("Principal", "acm.amazonaws.com")
    pool.add("S3BucketName", "certmock-fuzz-bucket")
    return rsa_root, ec_root


def _multi_region_ca(pca: Any, pool: Pool) -> None:
    """A workload-identity CA (multi-Region, service-affiliated) with a replica and an
    association, so the replica and association operations meet real ones."""
    primary = _ca(
        pca,
        "ROOT",
        "EC_prime256v1",
        "SHA256WITHECDSA",
        None,
        pool,
        UsageMode="SERVICE_AFFILIATED",
        ServiceAffiliation={"ServiceAffiliationCode": "IAM_WORKLOAD_IDENTITY"},
    )
    replica = pca.create_certificate_authority_replica(
        CertificateAuthorityArn=primary, ReplicaRegion=_REPLICA_REGION
    )["Replica"]["Arn"]
    pool.add("CertificateAuthorityArn", replica)
    pool.add("ReplicaRegion", _REPLICA_REGION, "eu-central-1", "ap-southeast-2")
    pca.create_certificate_authority_association(
        CertificateAuthorityArn=primary, AssociatedResourceArn=_WORKLOAD_PROVIDER
    )
    pool.add("AssociatedResourceArn", _WORKLOAD_PROVIDER)


def _acm(pool: Pool) -> None:
    """One private CA, and certificates requested (private and public) and imported."""
    root = _ca(client("acm-pca")[0], "ROOT", "RSA_2048", "SHA256WITHRSA", None, pool)
    acm = client("acm")[0]
    private = acm.request_certificate(
        DomainName="private.example.com", CertificateAuthorityArn=root
    )
    public = acm.request_certificate(DomainName="public.example.com", ValidationMethod="DNS")
    certificate, key = _self_signed()
    imported = acm.import_certificate(Certificate=certificate, PrivateKey=key)
    for answer in (private, public, imported):
        pool.add("CertificateArn", answer["CertificateArn"])
        pool.add("ResourceArn", answer["CertificateArn"])
    pool.add("Certificate", certificate)
    pool.add("PrivateKey", key)
    pool.add("Passphrase", b"fuzz-passphrase")
    pool.add("DomainName", "www.example.com", "*.fuzz.example.com")
    pool.add("IdempotencyToken", "fuzz-token")
    if has_operation("acm", "PutInventoryConfiguration"):
        _organization(acm, pool)


def _organization(acm: Any, pool: Pool) -> None:
    """An organisation whose management account is the fuzzing one, with its inventory and
    certificate actions on, so the inventory and member operations meet real state."""
    world = RUNTIME.world
    OrganizationHandle(world, DEFAULT_ACCOUNT_ID).create(
        member_accounts=[_MEMBER_ACCOUNT], trusted_access=True
    )
    acm.put_inventory_configuration(
        RegionalScope={"Mode": "ALL_REGIONS"},
        AccountScope={"Mode": "ALL_ACCOUNTS"},
        Status="ENABLED",
        LifecycleManagement={"Status": "ENABLED"},
        InventoryTier="PRO",
    )
    world.clock.advance(hours=1)  # setup ends on the clock
    # Members the inventory answers echo are in the pool from the start: a key the pool gains
    # between examples would change how later examples are drawn.
    for found in acm.search_inventory()["Certificates"]:
        pool.add("CertificateIdentifier", found["Identifier"])
        pool.add("Identifier", found["Identifier"])
    pool.add("AccountId", DEFAULT_ACCOUNT_ID, _MEMBER_ACCOUNT)
    pool.add("TopicArn", f"arn:aws:sns:{REGION}:{DEFAULT_ACCOUNT_ID}:fuzz-expiry")


def _apigateway(pool: Pool) -> None:
    apigateway = client("apigateway")[0]
    for description in ("fuzz one", "fuzz two"):
        generated = apigateway.generate_client_certificate(description=description)
        identifier = generated["clientCertificateId"]
        pool.add("clientCertificateId", identifier)
        pool.add("resourceArn", f"arn:aws:apigateway:{REGION}::/clientcertificates/{identifier}")


def _tagging(pool: Pool) -> None:
    """Tagged resources of two owning services, to list, filter, tag and untag."""
    acm = client("acm")[0]
    certificate = acm.request_certificate(
        DomainName="tagged.example.com",
        ValidationMethod="DNS",
        Tags=[{"Key": "team", "Value": "fuzz"}],
    )["CertificateArn"]
    generated = client("apigateway")[0].generate_client_certificate(tags={"team": "fuzz"})
    client_certificate = (
        f"arn:aws:apigateway:{REGION}::/clientcertificates/{generated['clientCertificateId']}"
    )
    pool.add("ResourceARNList", [certificate], [certificate, client_certificate])
    pool.add("Key", "team")
    pool.add("TagKeys", ["team"])


_BUILDERS = {
    "acm-pca": _private_ca,
    "acm": _acm,
    "apigateway": _apigateway,
    "resourcegroupstaggingapi": _tagging,
}


def build(*services: str) -> Pool:
    """Fill the active mock's world with what fuzzing ``services`` needs (all of them if none
    is named); the pool of it."""
    pool = Pool()
    for service in services or tuple(item.name for item in SERVICES):
        make = _BUILDERS.get(service)
        if make is not None:
            make(pool)
        # Every paged list once, a page of one: next tokens (and RDS's CA identifiers).
        for operation in unary_reads(service):
            params = _smallest_page(operation)
            if params:
                verdict = invoke(*client(service), operation, params)
                if verdict.answer is not None:
                    pool.harvest(verdict.answer)
    return pool


@functools.cache
def served(service: str) -> tuple[str, ...]:
    """The operations certmock serves of ``service`` that the installed model has (the
    inventory also lists newer botocore releases' operations), sorted."""
    inventory = next(item for item in SERVICES if item.name == service).inventory
    installed = set(service_model(service).operation_names)
    return tuple(sorted(name for name in inventory.served if name in installed))


@functools.cache
def reads(service: str) -> tuple[OperationModel, ...]:
    model = client(service)[0].meta.service_model
    return tuple(model.operation_model(name) for name in served(service) if _READ.match(name))


def required(operation: OperationModel) -> list[str]:
    shape = operation.input_shape
    return list(shape.required_members) if isinstance(shape, StructureShape) else []


def unary_reads(service: str) -> tuple[OperationModel, ...]:
    """The served reads that need no input."""
    return tuple(operation for operation in reads(service) if not required(operation))


def _smallest_page(operation: OperationModel) -> dict[str, Any]:
    shape = operation.input_shape
    if not isinstance(shape, StructureShape):
        return {}
    return {
        name: max(int(member.metadata.get("min", 1)), 1)
        for name, member in shape.members.items()
        if member.type_name in ("integer", "long") and _SIZE_MEMBER.search(name)
    }


def is_read(operation_name: str) -> bool:
    return _READ.match(operation_name) is not None
