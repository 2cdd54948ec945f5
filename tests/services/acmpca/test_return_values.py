"""``IssueCertificate(ReturnValues=...)`` (botocore 1.44.18): with ``CERTIFICATE`` the issuing
call answers the certificate and its chain at once, the same PEM a later GetCertificate gives;
with ``ARN`` (the default) only the ARN, as before."""

from __future__ import annotations

from typing import Any

import pytest
from cryptography import x509

from certmock import Mock
from tests.model_facts import needs_member
from tests.services.acmpca.pki import NOW, active_root, csr, csr_public_key, issue

pytestmark = needs_member("acm-pca", "IssueCertificateRequest", "ReturnValues")


def test_certificate_answers_the_certificate_and_chain_get_certificate_gives(pca: Any) -> None:
    ca = active_root(pca)
    request = csr()
    answer = pca.issue_certificate(
        CertificateAuthorityArn=ca,
        Csr=request,
        SigningAlgorithm="SHA256WITHRSA",
        Validity={"Type": "DAYS", "Value": 30},
        ReturnValues="CERTIFICATE",
    )
    later = pca.get_certificate(CertificateAuthorityArn=ca, CertificateArn=answer["CertificateArn"])
    assert answer["Certificate"] == later["Certificate"]
    assert answer["CertificateChain"] == later["CertificateChain"]
    issued = x509.load_pem_x509_certificate(answer["Certificate"].encode())
    assert issued.public_key() == csr_public_key(request)
    root = x509.load_pem_x509_certificate(answer["CertificateChain"].encode())
    issued.verify_directly_issued_by(root)


@pytest.mark.parametrize("return_values", ["ARN", None])
def test_arn_or_nothing_answers_only_the_arn(pca: Any, return_values: str | None) -> None:
    ca = active_root(pca)
    extra = {} if return_values is None else {"ReturnValues": return_values}
    answer = pca.issue_certificate(
        CertificateAuthorityArn=ca,
        Csr=csr(),
        SigningAlgorithm="SHA256WITHRSA",
        Validity={"Type": "DAYS", "Value": 30},
        **extra,
    )
    assert "Certificate" not in answer
    assert "CertificateChain" not in answer
    assert answer["CertificateArn"].startswith(f"{ca}/certificate/")


@pytest.mark.certmock(now=NOW, realistic=True)
def test_a_certificate_answered_at_issuance_is_retrievable_at_once_even_when_realistic(
    pca: Any, certmock: Mock
) -> None:
    ca = active_root(pca)
    certmock.clock.advance(seconds=10)
    waiting = issue(pca, ca)
    with pytest.raises(pca.exceptions.RequestInProgressException):
        pca.get_certificate(CertificateAuthorityArn=ca, CertificateArn=waiting)
    answered = issue(pca, ca, ReturnValues="CERTIFICATE")
    fetched = pca.get_certificate(CertificateAuthorityArn=ca, CertificateArn=answered)
    assert fetched["Certificate"].startswith("-----BEGIN CERTIFICATE-----")


def test_a_retried_token_answers_the_same_certificate(pca: Any) -> None:
    ca = active_root(pca)
    request = csr()
    answers = [
        pca.issue_certificate(
            CertificateAuthorityArn=ca,
            Csr=request,
            SigningAlgorithm="SHA256WITHRSA",
            Validity={"Type": "DAYS", "Value": 30},
            IdempotencyToken="once",
            ReturnValues="CERTIFICATE",
        )
        for _ in range(2)
    ]
    assert answers[0]["CertificateArn"] == answers[1]["CertificateArn"]
    assert answers[0]["Certificate"] == answers[1]["Certificate"]


def test_an_unknown_return_value_is_a_validation_error(pca: Any) -> None:
    # botocore does not check enum values, so the value reaches certmock's validation.
    ca = active_root(pca)
    with pytest.raises(pca.exceptions.ClientError) as raised:
        pca.issue_certificate(
            CertificateAuthorityArn=ca,
            Csr=csr(),
            SigningAlgorithm="SHA256WITHRSA",
            Validity={"Type": "DAYS", "Value": 30},
            ReturnValues="EVERYTHING",
        )
    assert raised.value.response["Error"]["Code"] == "ValidationException"
