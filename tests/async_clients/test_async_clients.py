"""aiobotocore and aioboto3 clients talk to the same mocks as boto3's: every protocol, errors
as their modelled exceptions, paginators, and waiters whose ``await asyncio.sleep`` moves the
virtual clock instead of waiting. Runs where the ``async`` extra is installed (the
``tests-async-*`` legs of .ci/run); skipped elsewhere."""

from __future__ import annotations

import asyncio
import datetime as dt
import sys
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

import pytest

from certmock import Mock, mock_acm, mock_all
from tests.helpers import ROOT_CONFIGURATION
from tests.services.acmpca.pki import csr, template_arn

aiobotocore_session = pytest.importorskip("aiobotocore.session")

REGION = "eu-west-1"
NOW = dt.datetime(2026, 1, 1, 12, tzinfo=dt.timezone.utc)
T = TypeVar("T")


def run(scenario: Callable[[Mock], Coroutine[Any, Any, T]], **options: Any) -> T:
    with mock_all(now=NOW, **options) as mock:
        return asyncio.run(scenario(mock))


def client(service: str) -> Any:
    return aiobotocore_session.get_session().create_client(service, region_name=REGION)


def test_a_private_ca_is_made_and_issues_through_aiobotocore() -> None:
    async def scenario(mock: Mock) -> tuple[dt.timedelta, str, str]:
        async with client("acm-pca") as pca:
            arn = (
                await pca.create_certificate_authority(
                    CertificateAuthorityConfiguration=ROOT_CONFIGURATION,
                    CertificateAuthorityType="ROOT",
                )
            )["CertificateAuthorityArn"]
            started = mock.clock.now()
            await pca.get_waiter("certificate_authority_csr_created").wait(
                CertificateAuthorityArn=arn
            )
            waited = mock.clock.now() - started
            own_csr = (await pca.get_certificate_authority_csr(CertificateAuthorityArn=arn))["Csr"]
            root = (
                await pca.issue_certificate(
                    CertificateAuthorityArn=arn,
                    Csr=own_csr,
                    SigningAlgorithm=ROOT_CONFIGURATION["SigningAlgorithm"],
                    TemplateArn=template_arn("RootCACertificate"),
                    Validity={"Type": "YEARS", "Value": 5},
                )
            )["CertificateArn"]
            await pca.get_waiter("certificate_issued").wait(
                CertificateAuthorityArn=arn, CertificateArn=root
            )
            certificate = await pca.get_certificate(
                CertificateAuthorityArn=arn, CertificateArn=root
            )
            await pca.import_certificate_authority_certificate(
                CertificateAuthorityArn=arn, Certificate=certificate["Certificate"]
            )
            leaf = (
                await pca.issue_certificate(
                    CertificateAuthorityArn=arn,
                    Csr=csr(),
                    SigningAlgorithm=ROOT_CONFIGURATION["SigningAlgorithm"],
                    Validity={"Type": "DAYS", "Value": 30},
                )
            )["CertificateArn"]
            status = (await pca.describe_certificate_authority(CertificateAuthorityArn=arn))[
                "CertificateAuthority"
            ]["Status"]
            return waited, status, leaf

    waited, status, leaf = run(scenario, realistic=True)
    # realistic=True: CREATING for 3 s; the waiter's one 3-second poll moved the clock.
    assert waited == dt.timedelta(seconds=3)
    assert status == "ACTIVE"
    assert "/certificate/" in leaf


def test_errors_are_the_modelled_exceptions() -> None:
    async def scenario(mock: Mock) -> str:
        async with client("acm-pca") as pca:
            missing = f"arn:aws:acm-pca:{REGION}:{mock.account_id}:certificate-authority/" + (
                "0" * 8 + "-0000-0000-0000-" + "0" * 12
            )
            try:
                await pca.describe_certificate_authority(CertificateAuthorityArn=missing)
            except pca.exceptions.ResourceNotFoundException as error:
                code: str = error.response["Error"]["Code"]
                return code
            raise AssertionError("no error")

    assert run(scenario) == "ResourceNotFoundException"


def test_paginators_and_concurrent_calls() -> None:
    async def scenario(mock: Mock) -> tuple[int, list[str]]:
        async with client("acm-pca") as pca:
            made = await asyncio.gather(
                *(
                    pca.create_certificate_authority(
                        CertificateAuthorityConfiguration=ROOT_CONFIGURATION,
                        CertificateAuthorityType="ROOT",
                    )
                    for _ in range(5)
                )
            )
            pages = [
                page
                async for page in pca.get_paginator("list_certificate_authorities").paginate(
                    PaginationConfig={"PageSize": 2}
                )
            ]
            listed = [ca["Arn"] for page in pages for ca in page["CertificateAuthorities"]]
            assert sorted(listed) == sorted(answer["CertificateAuthorityArn"] for answer in made)
            return len(pages), listed

    pages, listed = run(scenario)
    assert pages == 3
    assert len(set(listed)) == 5


def test_query_and_rest_json_services_answer_async_clients() -> None:
    async def scenario(mock: Mock) -> tuple[list[str], str]:
        async with client("rds") as rds, client("apigateway") as apigateway:
            certificates = (await rds.describe_certificates())["Certificates"]
            generated = await apigateway.generate_client_certificate(description="async")
            fetched = await apigateway.get_client_certificate(
                clientCertificateId=generated["clientCertificateId"]
            )
            description: str = fetched["description"]
            return [c["CertificateIdentifier"] for c in certificates], description

    identifiers, description = run(scenario)
    assert identifiers
    assert description == "async"


def test_aioboto3_waits_on_the_virtual_clock() -> None:
    aioboto3 = pytest.importorskip("aioboto3")

    async def scenario() -> tuple[str, dt.timedelta]:
        with mock_acm(now=NOW) as mock:
            async with aioboto3.Session().client("acm", region_name=REGION) as acm:
                arn = (
                    await acm.request_certificate(
                        DomainName="www.example.net", ValidationMethod="DNS"
                    )
                )["CertificateArn"]
                await acm.get_waiter("certificate_validated").wait(CertificateArn=arn)
                found = await acm.describe_certificate(CertificateArn=arn)
                return found["Certificate"]["Status"], mock.clock.now() - NOW

    status, moved = asyncio.run(scenario())
    # DNS validation completes 60 s after the request; the waiter polls every 60 s.
    assert status == "ISSUED"
    assert moved == dt.timedelta(seconds=60)


def test_aiobotocore_sleeps_are_on_the_clock_only_while_a_mock_runs() -> None:
    async def scenario(mock: Mock) -> dt.timedelta:
        async with client("acm") as acm:
            await acm.get_account_configuration()  # aiobotocore is imported by now
        for name in ("aiobotocore.waiter", "aiobotocore.endpoint"):
            assert sys.modules[name].asyncio is not asyncio, name
        started = mock.clock.now()
        # What aiobotocore's retry loop awaits between attempts.
        await sys.modules["aiobotocore.endpoint"].asyncio.sleep(2.5)
        return mock.clock.now() - started

    assert run(scenario) == dt.timedelta(seconds=2.5)
    for name in ("aiobotocore.waiter", "aiobotocore.endpoint"):
        assert sys.modules[name].asyncio is asyncio, name
