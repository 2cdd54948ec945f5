"""The pytest plugin: the ``certmock`` fixture and its marker."""

from __future__ import annotations

import datetime as dt
import textwrap

import boto3
import pytest

from certmock import Mock


def test_the_fixture_yields_a_started_handle_with_every_service(certmock: Mock) -> None:
    assert certmock.services == {
        "acm-pca",
        "acm",
        "rds",
        "apigateway",
        "resourcegroupstaggingapi",
    }
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


@pytest.mark.parametrize(
    ("marker", "message"),
    [
        ('"2026-01-01"', "*takes keyword arguments only: now, account_id, seed, realistic*"),
        ("sed=1", "*has no option 'sed' (did you mean 'seed'?)*"),
        ("frobnicate=True", "*has no option 'frobnicate'; its options are now, account_id, *"),
    ],
    ids=["positional", "misspelt", "unknown"],
)
def test_a_bad_marker_option_stops_the_run_before_any_test(
    pytester: pytest.Pytester, marker: str, message: str
) -> None:
    pytester.makepyfile(
        f"""
        import pytest

        def test_first():
            pass

        @pytest.mark.certmock({marker})
        def test_marked():
            pass
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider", "-p", "no:randomly")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([message])
    result.assert_outcomes()


MARKED_WITHOUT_THE_FIXTURE = """
import boto3
import pytest
from certmock.runtime import RUNTIME

NOW = "2026-03-01T12:00:00+00:00"

@pytest.fixture
def ca_arn():
    # A fixture of the marked test: it runs inside the mock, so this reaches certmock.
    pca = boto3.client("acm-pca", region_name="eu-west-1")
    return pca.create_certificate_authority(
        CertificateAuthorityConfiguration={
            "KeyAlgorithm": "EC_prime256v1",
            "SigningAlgorithm": "SHA256WITHECDSA",
            "Subject": {"CommonName": "Marked"},
        },
        CertificateAuthorityType="ROOT",
    )["CertificateAuthorityArn"]

def check(ca_arn):
    assert RUNTIME.active
    pca = boto3.client("acm-pca", region_name="eu-west-1")
    found = pca.describe_certificate_authority(CertificateAuthorityArn=ca_arn)
    assert found["CertificateAuthority"]["CreatedAt"].isoformat() == NOW
"""


@pytest.mark.parametrize(
    "test_code",
    [
        """
        @pytest.mark.certmock(now=NOW)
        def test_marked(ca_arn):
            check(ca_arn)
        """,
        """
        @pytest.mark.certmock(now=NOW)
        class TestMarked:
            def test_marked(self, ca_arn):
                check(ca_arn)
        """,
        """
        pytestmark = pytest.mark.certmock(now=NOW)

        def test_marked(ca_arn):
            check(ca_arn)
        """,
    ],
    ids=["function", "class", "module"],
)
def test_the_marker_alone_starts_the_mock_before_the_tests_fixtures(
    pytester: pytest.Pytester, test_code: str
) -> None:
    pytester.makepyfile(
        test_marked=MARKED_WITHOUT_THE_FIXTURE + textwrap.dedent(test_code),
        test_unmarked=textwrap.dedent(
            """
            from certmock.runtime import RUNTIME

            def test_unmarked_after():
                assert not RUNTIME.active
            """
        ),
    )
    result = pytester.runpytest("-p", "no:cacheprovider", "-p", "no:randomly")
    result.assert_outcomes(passed=2)


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
