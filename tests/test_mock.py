"""The faces of a mock: decorator, context manager, manual start/stop, and the handle."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import threading
import unittest
from pathlib import Path
from typing import Any

import boto3
import pytest

import certmock
from certmock import Mock, NotEmulatedError, mock_acm, mock_acmpca, mock_all, mock_rds
from certmock.botocore_models import service_model
from certmock.mock import FACTORIES
from certmock.services.definition import ServiceDefinition
from certmock.services.registry import KNOWN_SERVICES, SERVICES, definition
from tests.helpers import REGION, create_ca

START = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)


def client() -> Any:
    return boto3.client("acm-pca", region_name=REGION)


def count_cas() -> int:
    return len(client().list_certificate_authorities()["CertificateAuthorities"])


@mock_acmpca
def test_a_bare_decorator_serves_the_test() -> None:
    create_ca(client())
    assert count_cas() == 1


@mock_acmpca(now=START)
def test_a_called_decorator_applies_its_options() -> None:
    arn = create_ca(client())
    found = client().describe_certificate_authority(CertificateAuthorityArn=arn)
    assert found["CertificateAuthority"]["CreatedAt"] == START


def test_each_run_of_a_decorated_function_starts_from_an_empty_world() -> None:
    @mock_acmpca
    def create_and_count() -> int:
        create_ca(client())
        return count_cas()

    assert create_and_count() == 1
    assert create_and_count() == 1


def test_an_async_function_can_be_decorated() -> None:
    @mock_acmpca
    async def create_async() -> int:
        create_ca(client())
        return count_cas()

    assert asyncio.run(create_async()) == 1


@mock_acmpca
class TestADecoratedClass:
    def test_each_method_is_mocked(self) -> None:
        create_ca(client())
        assert count_cas() == 1

    def test_and_starts_afresh(self) -> None:
        assert count_cas() == 0


@mock_acmpca
class DecoratedTestCase(unittest.TestCase):
    def setUp(self) -> None:
        self.arn = create_ca(client())

    def test_set_up_ran_inside_the_mock(self) -> None:
        assert count_cas() == 1
        assert self.arn.startswith("arn:aws:acm-pca:")


def test_a_context_manager_yields_the_handle() -> None:
    with mock_acmpca(now=START) as cm:
        assert isinstance(cm, Mock)
        assert cm.clock.now() == START


def test_manual_start_and_stop() -> None:
    cm = mock_acmpca().start()
    try:
        create_ca(client())
        assert cm.calls[-1].operation == "CreateCertificateAuthority"
    finally:
        cm.stop()


def test_starting_twice_or_stopping_a_stopped_mock_is_refused() -> None:
    cm = mock_acmpca()
    with pytest.raises(RuntimeError, match="not started"):
        cm.stop()
    cm.start()
    with pytest.raises(RuntimeError, match="already started"):
        cm.start()
    cm.stop()


def test_the_handle_before_start_says_how_to_start() -> None:
    with pytest.raises(RuntimeError, match="has not been started"):
        _ = mock_acmpca().clock


def test_account_id_must_be_twelve_digits() -> None:
    with pytest.raises(ValueError, match="12 digits"):
        mock_acmpca(account_id="42")


def test_account_id_names_the_owner_of_new_resources() -> None:
    with mock_acmpca(account_id="111122223333"):
        assert ":111122223333:certificate-authority/" in create_ca(client())


def test_nested_mocks_share_one_world() -> None:
    with mock_acmpca() as outer:
        create_ca(client())
        with mock_acm() as inner:
            assert inner.clock is outer.clock
            assert count_cas() == 1
            create_ca(client())
        assert count_cas() == 2


def test_a_nested_mock_may_not_change_the_seed() -> None:
    with mock_acmpca(seed=1), pytest.raises(ValueError, match="outermost mock sets the seed"):
        mock_acm(seed=2).start()


def test_the_outermost_stop_wipes_the_world_but_the_handle_keeps_its_record() -> None:
    with mock_acmpca() as first:
        create_ca(client())
    assert len(first.calls) == 1
    assert len(first.events) == 1
    with mock_acmpca():
        assert count_cas() == 0


def test_the_same_seed_gives_the_same_arns() -> None:
    def arns() -> list[str]:
        with mock_acmpca(seed=7):
            return [create_ca(client()) for _ in range(3)]

    assert arns() == arns()


def test_without_a_seed_arns_differ() -> None:
    def arn() -> str:
        with mock_acmpca():
            return create_ca(client())

    assert arn() != arn()


def test_calls_record_parameters_results_and_errors() -> None:
    with mock_acmpca(now=START) as cm:
        arn = create_ca(client())
        with pytest.raises(client().exceptions.InvalidStateException):
            client().restore_certificate_authority(CertificateAuthorityArn=arn)
    created, refused = cm.calls
    assert (created.service, created.operation, created.region) == (
        "acm-pca",
        "CreateCertificateAuthority",
        REGION,
    )
    assert created.parameters["CertificateAuthorityType"] == "ROOT"
    assert created.result == {"CertificateAuthorityArn": arn}
    assert created.ok
    assert created.time == START
    assert refused.error is not None
    assert refused.error.code == "InvalidStateException"
    assert not refused.ok


def test_reset_forgets_everything_and_restores_the_configured_clock() -> None:
    with mock_acmpca(now=START) as cm:
        create_ca(client())
        cm.clock.advance(days=3)
        cm.reset()
        assert cm.calls == []
        assert cm.events == []
        assert cm.clock.now() == START
        assert count_cas() == 0


def test_fake_credentials_are_set_while_active_and_restored_after() -> None:
    os.environ["AWS_ACCESS_KEY_ID"] = "real-looking-key"
    os.environ["AWS_SESSION_TOKEN"] = "real-token"
    try:
        with mock_acmpca():
            assert os.environ["AWS_ACCESS_KEY_ID"] == "certmock-access-key-id"
            assert "AWS_SESSION_TOKEN" not in os.environ
        assert os.environ["AWS_ACCESS_KEY_ID"] == "real-looking-key"
        assert os.environ["AWS_SESSION_TOKEN"] == "real-token"
    finally:
        os.environ.pop("AWS_ACCESS_KEY_ID")
        os.environ.pop("AWS_SESSION_TOKEN")


def test_a_client_created_before_the_mock_started_is_mocked() -> None:
    early = boto3.client(
        "acm-pca", region_name=REGION, aws_access_key_id="a", aws_secret_access_key="b"
    )
    with mock_acmpca():
        assert early.list_certificate_authorities()["CertificateAuthorities"] == []


def test_mock_all_serves_every_service_name() -> None:
    assert set(mock_all().services) == {
        "acm-pca",
        "acm",
        "rds",
        "apigateway",
        "resourcegroupstaggingapi",
    }
    assert repr(certmock.mock_rds) == "<certmock mock_rds for rds>"


# A refusal is read by a person fixing a test: one short paragraph, not a catalogue.
REFUSAL_LENGTH = 400


def test_a_service_the_active_mocks_do_not_serve_is_refused_by_name() -> None:
    with mock_acm(), mock_rds(), pytest.raises(NotEmulatedError) as refused:
        client().list_certificate_authorities()
    message = str(refused.value)
    assert message.startswith(
        "certmock does not emulate acm-pca ListCertificateAuthorities; nothing was sent to AWS."
    )
    assert "The active mocks (mock_acm, mock_rds) do not include acm-pca" in message
    assert "start mock_acmpca or mock_all" in message
    assert len(message) <= REFUSAL_LENGTH


@pytest.mark.parametrize("service", KNOWN_SERVICES)
def test_the_mock_a_refusal_names_exists(service: str) -> None:
    factory = getattr(certmock, "mock_" + service.replace("-", ""))
    assert service in factory.services


@pytest.mark.parametrize("served", SERVICES, ids=lambda served: served.name)
def test_each_served_service_has_its_factory_in_the_public_api(served: ServiceDefinition) -> None:
    factory = getattr(certmock, served.factory)
    assert factory is FACTORIES[served.factory]
    assert factory.services == (served.name,)
    assert served.factory in certmock.__all__
    assert served.name in mock_all.services


def test_dir_of_the_package_shows_the_public_api_only() -> None:
    import certmock.hook

    assert dir(certmock) == sorted(certmock.__all__)
    assert "hook" not in dir(certmock)
    assert all(not name.startswith("_") for name in dir(certmock))


def test_a_service_controls_are_on_the_handle_by_the_name_its_definition_gives() -> None:
    with mock_acm() as cm:
        assert "acm" in dir(cm)
        assert callable(cm.acm.validate)
        with pytest.raises(AttributeError, match="has no attribute 'acme'"):
            cm.acme  # noqa: B018 (the attribute access is the test)


@pytest.mark.parametrize("service", KNOWN_SERVICES)
def test_the_docs_page_a_refusal_names_exists(service: str) -> None:
    assert (Path(__file__).parent.parent / "docs" / "services" / f"{service}.md").is_file()


def test_a_service_certmock_does_not_model_is_refused_and_nothing_is_sent() -> None:
    with mock_all(), pytest.raises(NotEmulatedError) as refused:
        boto3.client("s3", region_name=REGION).list_buckets()
    message = str(refused.value)
    assert message.startswith("certmock does not emulate s3 ListBuckets; nothing was sent")
    assert "certmock covers acm-pca, acm, rds, apigateway" in message
    assert "moto's mock_aws" in message
    assert len(message) <= REFUSAL_LENGTH


def test_other_services_are_left_to_moto_when_moto_is_active() -> None:
    moto = pytest.importorskip("moto")
    with moto.mock_aws(), mock_acmpca():
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket="left-to-moto")
        assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == ["left-to-moto"]
        arn = create_ca(client())
        assert count_cas() == 1
        assert arn.startswith("arn:aws:acm-pca:")


def test_moto_gets_its_own_stubber_back_when_the_last_mock_stops() -> None:
    moto = pytest.importorskip("moto")
    from moto.core.models import botocore_stubber

    stubber_class = type(botocore_stubber)
    own = stubber_class.__call__
    with moto.mock_aws():
        with mock_acmpca(), mock_acm():
            create_ca(client())
            assert stubber_class.__call__ is not own  # taught to pass over certmock's answers
        assert stubber_class.__call__ is own
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket="moto-alone")
        assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == ["moto-alone"]


def test_certmock_answers_what_it_serves_even_when_moto_is_active() -> None:
    moto = pytest.importorskip("moto")
    with moto.mock_aws(), mock_acmpca() as cm:
        arn = create_ca(client())
        client().delete_certificate_authority(CertificateAuthorityArn=arn)
        client().restore_certificate_authority(CertificateAuthorityArn=arn)  # moto lacks this
        assert [call.operation for call in cm.calls][-1] == "RestoreCertificateAuthority"


def test_concurrent_calls_from_threads_never_corrupt_state() -> None:
    with mock_acmpca():
        errors: list[BaseException] = []

        def work() -> None:
            try:
                own = client()
                for _ in range(10):
                    arn = create_ca(own)
                    own.tag_certificate_authority(
                        CertificateAuthorityArn=arn, Tags=[{"Key": "k", "Value": "v"}]
                    )
            except BaseException as error:  # pragma: no cover - reported below
                errors.append(error)

        threads = [threading.Thread(target=work) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert count_cas() == 80


def test_waiter_sleeps_advance_the_virtual_clock_instead_of_blocking() -> None:
    from botocore.waiter import WaiterModel, create_waiter_with_client

    model = WaiterModel(
        {
            "version": 2,
            "waiters": {
                "CertificateAuthorityGone": {
                    "operation": "DescribeCertificateAuthority",
                    "delay": 86400,
                    "maxAttempts": 10,
                    "acceptors": [
                        {
                            "state": "success",
                            "matcher": "error",
                            "expected": "ResourceNotFoundException",
                        }
                    ],
                }
            },
        }
    )
    with mock_acmpca(now=START) as cm:
        pca = client()
        arn = create_ca(pca)
        pca.delete_certificate_authority(CertificateAuthorityArn=arn, PermanentDeletionTimeInDays=7)
        waiter = create_waiter_with_client("CertificateAuthorityGone", model, pca)
        waiter.wait(CertificateAuthorityArn=arn)
        assert cm.clock.now() == START + dt.timedelta(days=7)


def test_an_operation_of_a_served_service_that_is_not_emulated_yet_is_refused() -> None:
    with mock_rds(), pytest.raises(NotEmulatedError) as refused:
        boto3.client("rds", region_name=REGION).describe_db_instances()
    message = str(refused.value)
    rds = definition("rds")
    assert rds is not None
    total = len(service_model("rds").operation_names)
    assert message == (
        "certmock does not emulate rds DescribeDBInstances; nothing was sent to AWS. "
        f"certmock serves {len(rds.handlers)} of rds's {total} operations, listed with the "
        "reason for each one it does not in docs/services/rds.md; moto's mock_aws may answer "
        "the others when run alongside certmock."
    )
    assert len(message) <= REFUSAL_LENGTH


def test_a_client_of_a_session_older_than_certmock_is_answered_not_sent() -> None:
    import botocore.session

    from certmock import hook

    session = botocore.session.get_session()
    # As if created before the import (certmock.hook.install_on undoes this on the emitter).
    session.get_component("event_emitter").unregister("before-send", hook.before_send)
    # botocore-stubs types a client as BaseClient, which has no service methods.
    early: Any = session.create_client(
        "acm-pca", region_name=REGION, aws_access_key_id="a", aws_secret_access_key="b"
    )
    with mock_acmpca() as cm:
        arn = create_ca(early)
        assert cm.calls[-1].operation == "CreateCertificateAuthority"
        assert early.describe_certificate_authority(CertificateAuthorityArn=arn)
        s3: Any = session.create_client(
            "s3", region_name=REGION, aws_access_key_id="a", aws_secret_access_key="b"
        )
        with pytest.raises(NotEmulatedError, match="created before certmock was imported"):
            s3.list_buckets()


def test_a_declined_request_is_answered_with_its_error_when_moto_is_not_running() -> None:
    from certmock import mock_apigateway

    with mock_apigateway():
        gateway = boto3.client("apigateway", region_name=REGION)
        with pytest.raises(gateway.exceptions.NotFoundException):
            gateway.get_tags(resourceArn=f"arn:aws:apigateway:{REGION}::/restapis/abc123")


def test_a_mock_factory_decorates_one_target_or_takes_options_not_both() -> None:
    def target() -> None: ...

    with pytest.raises(TypeError, match="either one function or class"):
        mock_acmpca(target, seed=1)  # type: ignore[call-overload]
    with pytest.raises(TypeError, match="either one function or class"):
        mock_acmpca(target, target)  # type: ignore[call-overload]
