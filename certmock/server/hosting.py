"""The HTTP servers that can host the application: cheroot (the ``server`` extra, the default:
a thread pool, keep-alive, TLS, limits), waitress, and the standard library's wsgiref (always
there, for a machine without the extra).

Each binds first (``--port 0`` then has its real port to print), then serves until stopped.
"""

from __future__ import annotations

import importlib.util
import socketserver
import ssl
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

WSGIApp = Callable[..., Any]
READ_TIMEOUT = 30.0
"""Seconds a connection may sit idle or mid-request before the server drops it."""
MAX_HEADER_BYTES = 64 * 1024
LISTEN_BACKLOG = 1024
"""Connections the kernel queues before the server accepts them (waitress's default). The
standard library's and cheroot's 5 overflow when a few clients connect at once (wsgiref: one
connection per request), and each dropped SYN costs its client a 1 s retransmission."""


@dataclass(frozen=True)
class TLSFiles:
    certificate: str
    key: str


class Host(Protocol):
    port: int

    def serve(self) -> None: ...

    def stop(self) -> None: ...


class _Cheroot:
    def __init__(self, app: WSGIApp, host: str, port: int, tls: TLSFiles | None) -> None:
        # Imported here: cheroot is an optional extra, needed only when chosen.
        from cheroot import wsgi
        from cheroot.ssl.builtin import BuiltinSSLAdapter

        self._server = wsgi.Server(
            (host, port),
            app,
            numthreads=16,
            timeout=int(READ_TIMEOUT),
            request_queue_size=LISTEN_BACKLOG,
        )
        self._server.max_request_header_size = MAX_HEADER_BYTES
        if tls is not None:
            self._server.ssl_adapter = BuiltinSSLAdapter(tls.certificate, tls.key)
        self._server.prepare()
        self.port = int(self._server.bind_addr[1])

    def serve(self) -> None:
        self._server.serve()

    def stop(self) -> None:
        self._server.stop()


class _Waitress:
    def __init__(self, app: WSGIApp, host: str, port: int, tls: TLSFiles | None) -> None:
        waitress: Any = importlib.import_module("waitress")  # optional, untyped
        if tls is not None:
            raise ValueError("waitress cannot serve TLS; use --server cheroot or wsgiref")
        self._server: Any = waitress.create_server(
            app, host=host, port=port, threads=16, channel_timeout=int(READ_TIMEOUT)
        )
        self.port = int(self._server.effective_port)

    def serve(self) -> None:
        self._server.run()

    def stop(self) -> None:
        # Its loop runs while any socket is in its map: close the keep-alive connections
        # too, or it serves on until they time out.
        self._server.close()
        for channel in list(self._server._map.values()):
            channel.close()
        self._server.task_dispatcher.shutdown()


class _ThreadingWSGIServer(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True
    request_queue_size = LISTEN_BACKLOG


class _TLSWSGIServer(_ThreadingWSGIServer):
    """TLS with the handshake in each connection's own thread, under the read timeout: done
    in ``accept`` (a wrapped listening socket), one client that connects and says nothing
    would stall every other."""

    context: ssl.SSLContext

    def finish_request(self, request: Any, client_address: Any) -> None:
        request.settimeout(READ_TIMEOUT)
        try:
            secured = self.context.wrap_socket(request, server_side=True)
        except OSError:  # the client left, spoke plain HTTP, or refused the certificate
            return
        try:
            super().finish_request(secured, client_address)
        finally:
            secured.close()


class _QuietHandler(WSGIRequestHandler):
    timeout = READ_TIMEOUT

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Wsgiref:
    def __init__(self, app: WSGIApp, host: str, port: int, tls: TLSFiles | None) -> None:
        server_class = _ThreadingWSGIServer if tls is None else _TLSWSGIServer
        self._server = make_server(
            host, port, app, server_class=server_class, handler_class=_QuietHandler
        )
        if isinstance(self._server, _TLSWSGIServer) and tls is not None:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(tls.certificate, tls.key)
            self._server.context = context
        self.port = int(self._server.server_address[1])

    def serve(self) -> None:
        self._server.serve_forever(poll_interval=0.2)

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


HOSTS: dict[str, type[_Cheroot] | type[_Waitress] | type[_Wsgiref]] = {
    "cheroot": _Cheroot,
    "waitress": _Waitress,
    "wsgiref": _Wsgiref,
}


def default_host_name() -> str:
    """cheroot when the ``server`` extra is installed, else the standard library's server."""
    return "cheroot" if importlib.util.find_spec("cheroot") is not None else "wsgiref"


def host(name: str, app: WSGIApp, address: str, port: int, tls: TLSFiles | None) -> Host:
    """Bind ``app`` to ``address``:``port`` with the server called ``name``."""
    if name != "wsgiref" and importlib.util.find_spec(name) is None:
        raise ValueError(
            f"{name} is not installed: pip install 'certmock[server]' (or {name} itself)"
        )
    if name == "wsgiref" and default_host_name() == "wsgiref":
        print(
            "certmock: serving with the standard library's wsgiref; install "
            "'certmock[server]' for cheroot, a production-grade server",
            file=sys.stderr,
        )
    return HOSTS[name](app, address, port, tls)
