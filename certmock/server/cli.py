"""``python -m certmock serve``: its options, and the life of the server process.

The first line on standard output is ``certmock serving on http://HOST:PORT`` (the real port,
also with ``--port 0``), so scripts and fixtures can read it; with ``--tls`` the next one is
``CA bundle: PATH``. SIGINT and SIGTERM stop it cleanly (the state saved first, if asked).
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import signal
import sys
import tempfile
import threading
from pathlib import Path
from types import FrameType
from typing import Any

from certmock.mock import Mock, mock_all
from certmock.protocols.base import MAX_REQUEST_BODY
from certmock.server import hosting, signatures, state, tls
from certmock.server.app import Application
from certmock.world import DEFAULT_ACCOUNT_ID

DEFAULT_PORT = 4599
"""Fixed, so a client configured once keeps working; beside LocalStack's 4566 and moto's
5000 rather than on them."""


def add_parser(commands: Any) -> None:
    serve = commands.add_parser(
        "serve",
        help="serve the emulator over HTTP, for clients in other processes and languages",
        description="Serve acm-pca, acm, rds and apigateway (certificates) over HTTP, with a "
        "control API under /_certmock/ (docs/server.md).",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (loopback)")
    serve.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"default {DEFAULT_PORT}; 0 picks one"
    )
    serve.add_argument("--now", help="freeze the clock at this ISO-8601 instant")
    serve.add_argument("--seed", type=int, help="seed for identifiers and keys")
    serve.add_argument("--account-id", default=DEFAULT_ACCOUNT_ID, help="the default account")
    serve.add_argument("--realistic", action="store_true", help="model AWS's delays")
    serve.add_argument(
        "--server",
        choices=sorted(hosting.HOSTS),
        default=hosting.default_host_name(),
        help="the HTTP server (default: cheroot from the 'server' extra, else wsgiref)",
    )
    serve.add_argument("--tls", action="store_true", help="serve HTTPS; prints the CA bundle")
    serve.add_argument("--state", type=Path, help="restore the world from FILE; save on exit")
    serve.add_argument(
        "--verify-signatures",
        action="store_true",
        help="check SigV4 signatures against --credentials (else AWS_ACCESS_KEY_ID and "
        "AWS_SECRET_ACCESS_KEY)",
    )
    serve.add_argument(
        "--credentials",
        action="append",
        default=[],
        metavar="KEY_ID:SECRET",
        help="credentials --verify-signatures accepts (repeatable)",
    )
    serve.add_argument(
        "--max-body", type=int, default=MAX_REQUEST_BODY, help="largest request body, bytes"
    )


def run(options: argparse.Namespace) -> int:
    """Serve until SIGINT or SIGTERM; 0 on a clean stop, 2 when the options are refused."""
    try:
        verify = _verifier(options)
        _warn_if_exposed(options.host)
        mock = mock_all(
            now=options.now,
            seed=options.seed,
            account_id=options.account_id,
            realistic=options.realistic,
        )
        mock.start()  # where --now is read
    except ValueError as refused:
        print(f"certmock serve: {refused}", file=sys.stderr)
        return 2
    try:
        if options.state is not None:
            state.restore(options.state, mock)
        return _serve(options, mock, verify)
    except (ValueError, OSError, state.StateFileError) as failed:
        print(f"certmock serve: {failed}", file=sys.stderr)
        return 2
    finally:
        mock.stop()


def _serve(options: argparse.Namespace, mock: Mock, verify: Any) -> int:
    if not options.tls:
        return _serve_with(options, mock, verify, None, None)
    # The CA bundle and the server's key live as long as the server, and no longer.
    with tempfile.TemporaryDirectory(prefix="certmock-tls-") as directory:
        files, bundle = tls.serving_files(Path(directory), options.host)
        return _serve_with(options, mock, verify, files, bundle)


def _serve_with(
    options: argparse.Namespace,
    mock: Mock,
    verify: Any,
    files: hosting.TLSFiles | None,
    bundle: Path | None,
) -> int:
    app = Application(mock, verify=verify, max_body=options.max_body)
    server = hosting.host(options.server, app, options.host, options.port, files)
    scheme = "https" if options.tls else "http"
    shown = f"[{options.host}]" if ":" in options.host else options.host
    print(f"certmock serving on {scheme}://{shown}:{server.port}", flush=True)
    if bundle is not None:
        print(f"CA bundle: {bundle}", flush=True)
    _stop_on_signals(server)
    server.serve()
    if options.state is not None:
        state.save(options.state, mock)
    print("certmock stopped", file=sys.stderr, flush=True)
    return 0


def _stop_on_signals(server: hosting.Host) -> None:
    def stop(signum: int, frame: FrameType | None) -> None:
        # The server stops from another thread: its own loop is what this signal interrupted.
        threading.Thread(target=server.stop, name="certmock-stop").start()

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)


def _verifier(options: argparse.Namespace) -> signatures.Verifier | None:
    if not options.verify_signatures:
        if options.credentials:
            raise ValueError("--credentials is for --verify-signatures")
        return None
    credentials: dict[str, str] = {}
    for pair in options.credentials:
        key_id, separator, secret = pair.partition(":")
        if not separator or not key_id or not secret:
            raise ValueError(f"--credentials takes KEY_ID:SECRET, not {pair!r}")
        credentials[key_id] = secret
    if not credentials:
        key_id = os.environ.get("AWS_ACCESS_KEY_ID")
        secret = os.environ.get("AWS_SECRET_ACCESS_KEY")
        if not key_id or not secret:
            raise ValueError(
                "--verify-signatures needs --credentials KEY_ID:SECRET, or "
                "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment"
            )
        credentials[key_id] = secret
    return signatures.Verifier(credentials)


def _warn_if_exposed(host: str) -> None:
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if not loopback:
        print(
            f"certmock serve: WARNING: listening on {host}, reachable beyond this machine; "
            "certmock has no access control (--verify-signatures checks signatures only)",
            file=sys.stderr,
        )
