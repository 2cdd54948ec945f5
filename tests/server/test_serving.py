"""The four services over HTTP: boto3 clients in this process, the server in another."""

from __future__ import annotations

import concurrent.futures
from typing import Any

import boto3
import pytest
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError
from cryptography import x509

from certmock import mock_all
from certmock.botocore_models import service_model
from certmock.remote import Remote, serve
from tests.helpers import ROOT_CONFIGURATION
from tests.server.clients import client
from tests.services.acmpca.pki import csr as make_csr

ACCOUNT = "111122223333"


def _root_ca(pca: Any) -> str:
    """An ACTIVE root CA."""
    arn: str = pca.create_certificate_authority(
        CertificateAuthorityConfiguration=ROOT_CONFIGURATION, CertificateAuthorityType="ROOT"
    )["CertificateAuthorityArn"]
    csr = pca.get_certificate_authority_csr(CertificateAuthorityArn=arn)["Csr"]
    issued = pca.issue_certificate(
        CertificateAuthorityArn=arn,
        Csr=csr,
        SigningAlgorithm="SHA256WITHRSA",
        TemplateArn="arn:aws:acm-pca:::template/RootCACertificate/V1",
        Validity={"Value": 10, "Type": "YEARS"},
    )["CertificateArn"]
    certificate = pca.get_certificate(CertificateAuthorityArn=arn, CertificateArn=issued)
    pca.import_certificate_authority_certificate(
        CertificateAuthorityArn=arn, Certificate=certificate["Certificate"]
    )
    return arn


def test_a_private_ca_issues_a_certificate_that_verifies(certmock_server: Remote) -> None:
    pca = client(certmock_server, "acm-pca")
    ca_arn = _root_ca(pca)
    issued = pca.issue_certificate(
        CertificateAuthorityArn=ca_arn,
        Csr=make_csr("server.example.com"),
        SigningAlgorithm="SHA256WITHRSA",
        Validity={"Value": 30, "Type": "DAYS"},
    )["CertificateArn"]
    pca.get_waiter("certificate_issued").wait(CertificateAuthorityArn=ca_arn, CertificateArn=issued)
    got = pca.get_certificate(CertificateAuthorityArn=ca_arn, CertificateArn=issued)
    leaf = x509.load_pem_x509_certificate(got["Certificate"].encode())
    root = x509.load_pem_x509_certificate(got["CertificateChain"].encode())
    leaf.verify_directly_issued_by(root)
    assert (
        pca.describe_certificate_authority(CertificateAuthorityArn=ca_arn)["CertificateAuthority"][
            "Status"
        ]
        == "ACTIVE"
    )


def test_acm_rds_and_api_gateway_are_served(certmock_server: Remote) -> None:
    acm = client(certmock_server, "acm")
    arn = acm.request_certificate(DomainName="www.example.com", ValidationMethod="DNS")[
        "CertificateArn"
    ]
    certmock_server.acm.validate(arn)
    assert acm.describe_certificate(CertificateArn=arn)["Certificate"]["Status"] == "ISSUED"
    assert arn in [
        summary["CertificateArn"]
        for page in acm.get_paginator("list_certificates").paginate()
        for summary in page["CertificateSummaryList"]
    ]
    rds = client(certmock_server, "rds")
    assert rds.describe_certificates()["Certificates"]
    apigateway = client(certmock_server, "apigateway")
    made = apigateway.generate_client_certificate(description="over HTTP")
    got = apigateway.get_client_certificate(clientCertificateId=made["clientCertificateId"])
    assert got["description"] == "over HTTP"


@pytest.mark.parametrize(
    ("access_key", "account"), [(ACCOUNT, ACCOUNT), ("AKIDNOTDIGITS", "123456789012")]
)
def test_the_account_comes_from_a_12_digit_access_key(
    certmock_server: Remote, access_key: str, account: str
) -> None:
    pca = client(certmock_server, "acm-pca", region="ap-southeast-2", access_key=access_key)
    arn = pca.create_certificate_authority(
        CertificateAuthorityConfiguration=ROOT_CONFIGURATION, CertificateAuthorityType="ROOT"
    )["CertificateAuthorityArn"]
    assert arn.startswith(f"arn:aws:acm-pca:ap-southeast-2:{account}:certificate-authority/")


def test_a_seeded_server_makes_what_a_seeded_mock_makes() -> None:
    """One world, the same seeds: a server started with --seed 7 names its first CA as
    mock_all(seed=7) does in-process."""
    with serve("--seed", "7") as remote:
        over_http = client(remote, "acm-pca").create_certificate_authority(
            CertificateAuthorityConfiguration=ROOT_CONFIGURATION, CertificateAuthorityType="ROOT"
        )["CertificateAuthorityArn"]
    with mock_all(seed=7):
        in_process = boto3.client(
            "acm-pca",
            region_name="eu-west-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        ).create_certificate_authority(
            CertificateAuthorityConfiguration=ROOT_CONFIGURATION, CertificateAuthorityType="ROOT"
        )["CertificateAuthorityArn"]
    assert over_http == in_process


@pytest.mark.parametrize(
    ("service", "call"),
    [
        ("acm", lambda acm: acm.list_certificates()),
        ("rds", lambda rds: rds.describe_certificates()),
        ("apigateway", lambda apigateway: apigateway.get_client_certificates()),
        ("acm-pca", lambda pca: pca.list_certificate_authorities()),
    ],
)
def test_an_unsigned_request_is_routed_by_its_wire_form(
    certmock_server: Remote, service: str, call: Any
) -> None:
    """Without a signature (``--no-sign-request``) there is no credential scope: the target
    prefix, the query API version or the REST route name the service."""
    unsigned = client(certmock_server, service, config=Config(signature_version=UNSIGNED))
    assert call(unsigned)["ResponseMetadata"]["HTTPStatusCode"] == 200


@pytest.mark.parametrize(
    ("service", "call", "code"),
    [
        ("sqs", lambda sqs: sqs.list_queues(), "UnknownOperationException"),
        ("s3", lambda s3: s3.list_buckets(), "UnknownOperationException"),
        ("ec2", lambda ec2: ec2.describe_regions(), "UnknownOperationException"),
        ("sns", lambda sns: sns.list_topics(), "InvalidAction"),
        ("rds", lambda rds: rds.describe_db_instances(), "InvalidAction"),
    ],
)
def test_what_certmock_does_not_serve_gets_an_aws_error_naming_it(
    certmock_server: Remote, service: str, call: Any, code: str
) -> None:
    with pytest.raises(ClientError) as refused:
        call(client(certmock_server, service))
    error = refused.value.response["Error"]
    assert error["Code"] == code
    assert f"certmock does not emulate {service}" in error["Message"]
    assert refused.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_a_served_service_error_is_the_modelled_one(certmock_server: Remote) -> None:
    pca = client(certmock_server, "acm-pca")
    missing = (
        "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/"
        "00000000-0000-4000-8000-000000000000"
    )
    with pytest.raises(pca.exceptions.ResourceNotFoundException):
        pca.describe_certificate_authority(CertificateAuthorityArn=missing)
    # An error the model lists comes with the status the model gives it.
    shape = service_model("acm-pca").shape_for("ResourceNotFoundException")
    with pytest.raises(ClientError) as refused:
        pca.get_policy(ResourceArn=missing)
    status = refused.value.response["ResponseMetadata"]["HTTPStatusCode"]
    assert status == shape.metadata.get("error", {}).get("httpStatusCode", 400)


def test_concurrent_clients_share_one_world(certmock_server: Remote) -> None:
    pca = client(certmock_server, "acm-pca")
    ca_arn = _root_ca(pca)

    def issue(index: int) -> str:
        own = client(certmock_server, "acm-pca")
        arns = []
        for _ in range(5):
            arns.append(
                own.issue_certificate(
                    CertificateAuthorityArn=ca_arn,
                    Csr=make_csr(f"host{index}.example.com"),
                    SigningAlgorithm="SHA256WITHRSA",
                    Validity={"Value": 1, "Type": "DAYS"},
                )["CertificateArn"]
            )
        return ",".join(arns)

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        issued = [arn for batch in pool.map(issue, range(8)) for arn in batch.split(",")]
    assert len(set(issued)) == 40
    serials = {
        x509.load_pem_x509_certificate(
            pca.get_certificate(CertificateAuthorityArn=ca_arn, CertificateArn=arn)[
                "Certificate"
            ].encode()
        ).serial_number
        for arn in issued
    }
    assert len(serials) == 40
