"""The pytest plugin: the ``certmock`` fixture and its marker."""

from __future__ import annotations

import datetime as dt

import boto3
import pytest

from certmock import Mock


def test_the_fixture_yields_a_started_handle_with_every_service(certmock: Mock) -> None:
    assert certmock.services == {"acm-pca", "acm", "rds", "apigateway"}
    assert (
        boto3.client("acm-pca", region_name="eu-west-1").list_certificate_authorities()[
            "CertificateAuthorities"
        ]
        == []
    )


@pytest.mark.certmock(now="2026-03-01T12:00:00Z", account_id="111122223333", seed=3)
def test_the_marker_configures_the_fixture(certmock: Mock) -> None:
    assert certmock.clock.now() == dt.datetime(2026, 3, 1, 12, tzinfo=dt.timezone.utc)
    assert certmock.account_id == "111122223333"
    assert certmock.world.ids.seed == 3


def test_the_marker_is_registered(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.certmock(seed=1)
        def test_marked(certmock):
            assert certmock.world.ids.seed == 1
        """
    )
    pytester.runpytest("--strict-markers", "-p", "no:cacheprovider").assert_outcomes(passed=1)


def test_positional_marker_arguments_are_refused(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.certmock("2026-01-01")
        def test_marked(certmock):
            pass
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*takes keyword arguments only*"])


def test_the_mock_is_stopped_after_the_test(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import boto3
        from certmock.runtime import RUNTIME

        def test_uses_it(certmock):
            assert RUNTIME.active

        def test_after():
            assert not RUNTIME.active
        """
    )
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=2)
