"""``tests.socket_guard``: a connection attempt while a mock is active fails the test, one made
with no mock active goes through, and botocore requests inside a mock never reach a socket."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import boto3
import pytest

from certmock import mock_all
from tests.socket_guard import NetworkBlocked, guarding


@pytest.fixture
def listener() -> Iterator[tuple[str, int]]:
    """A local TCP socket accepting connections: the guard is tested without leaving the host."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    host, port = server.getsockname()
    yield host, port
    server.close()


def test_a_connection_while_a_mock_is_active_is_refused(listener: tuple[str, int]) -> None:
    with guarding() as guard, mock_all():
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as client:
            with pytest.raises(NetworkBlocked, match="certmock mock is active"):
                client.connect(listener)
            with pytest.raises(NetworkBlocked):
                client.connect_ex(listener)
        with pytest.raises(NetworkBlocked):
            socket.create_connection(listener, timeout=1)
    assert guard.attempts == [
        f"connect to {listener[0]}:{listener[1]}",
        f"connect_ex to {listener[0]}:{listener[1]}",
        f"socket.create_connection to {listener[0]}:{listener[1]}",
    ]


def test_without_a_mock_connections_go_through(listener: tuple[str, int]) -> None:
    with guarding() as guard:
        with socket.create_connection(listener, timeout=5):
            pass
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as client:
            assert client.connect_ex(listener) == 0
    assert guard.attempts == []


def test_after_the_mock_stops_connections_go_through_again(listener: tuple[str, int]) -> None:
    with guarding() as guard:
        with mock_all():
            pass
        with socket.create_connection(listener, timeout=5):
            pass
    assert guard.attempts == []


def test_botocore_requests_inside_a_mock_never_reach_a_socket() -> None:
    with guarding() as guard, mock_all():
        pca = boto3.client("acm-pca", region_name="eu-west-1")
        acm = boto3.client("acm", region_name="eu-west-1")
        rds = boto3.client("rds", region_name="eu-west-1")
        apigateway = boto3.client("apigateway", region_name="eu-west-1")
        pca.list_certificate_authorities()
        acm.list_certificates()
        rds.describe_certificates()
        apigateway.get_client_certificates()
        # An error answer takes the same path: still no socket.
        with pytest.raises(pca.exceptions.ResourceNotFoundException):
            pca.describe_certificate_authority(
                CertificateAuthorityArn="arn:aws:acm-pca:eu-west-1:123456789012:"
                "certificate-authority/11111111-2222-4333-8444-555555555555"
            )
    assert guard.attempts == []


def test_a_swallowed_attempt_still_fails_the_test(pytester: pytest.Pytester) -> None:
    """The autouse fixture fails the test at teardown, whatever the code did with the error."""
    pytester.makeconftest('pytest_plugins = ["tests.socket_guard"]\n')
    pytester.makepyfile(
        """
        import socket

        from certmock import mock_all

        def test_swallows_the_error():
            server = socket.socket()
            server.bind(("127.0.0.1", 0))
            server.listen(1)
            with mock_all():
                try:
                    socket.create_connection(server.getsockname(), timeout=1)
                except Exception:
                    pass
            server.close()

        def test_connects_without_a_mock():
            server = socket.socket()
            server.bind(("127.0.0.1", 0))
            server.listen(1)
            socket.create_connection(server.getsockname(), timeout=1).close()
            server.close()
        """
    )
    result = pytester.runpytest_inprocess("-p", "no:randomly", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=2, errors=1)
    result.stdout.fnmatch_lines(
        ["*tried to open network connections while a certmock mock was active*"]
    )
