"""``certmock.remote``: the handle of a certmock server, over its control API.

``Remote(url)`` has the in-process handle's methods (``remote.clock.advance(days=30)``,
``remote.events``, ``remote.calls``, ``remote.reset()``, ``remote.acm.validate(arn)``, ...),
each one request to the server. ``serve(...)`` starts a server in a subprocess on a free port
and stops it afterwards; the ``certmock_server`` pytest fixture is built on it.
"""

from __future__ import annotations

import builtins
import datetime as _dt
import json
import os
import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import IO, Any

import urllib3

from certmock import wirejson
from certmock.errors import ServiceError
from certmock.timeparse import to_utc_datetime
from certmock.world import Call

STARTUP_TIMEOUT = 60.0
"""Seconds ``serve`` waits for the server's first line (its first start imports a lot)."""
# What a control raised on the server, raised again here under the same name.
_RAISED = {
    name: getattr(builtins, name)
    for name in ("ValueError", "KeyError", "LookupError", "TypeError", "RuntimeError")
}


class RemoteError(RuntimeError):
    """The control API refused a request for a reason no builtin exception names."""


class Remote:
    """A running certmock server, as a handle."""

    def __init__(self, url: str, *, ca_bundle: str | None = None, timeout: float = 30.0) -> None:
        self.url = url.rstrip("/")
        """Where the server listens: give it to clients as their endpoint URL."""
        self.ca_bundle = ca_bundle
        """With ``--tls``: the CA certificate clients must trust (``AWS_CA_BUNDLE``)."""
        options: dict[str, Any] = {"timeout": timeout, "retries": False}
        if ca_bundle is not None:
            options.update(cert_reqs="CERT_REQUIRED", ca_certs=ca_bundle)
        self._http = urllib3.PoolManager(**options)
        self.clock = RemoteClock(self)
        self._described: dict[str, Any] | None = None

    def __repr__(self) -> str:
        return f"<certmock.remote.Remote {self.url}>"

    def request(self, method: str, path: str, document: Mapping[str, Any] | None = None) -> Any:
        """One control request (``path`` below ``/_certmock/``); its decoded JSON answer."""
        body = None if document is None else json.dumps(wirejson.encode(document)).encode()
        response = self._http.request(
            method,
            f"{self.url}/_certmock/{path}",
            body=body,
            headers={"Content-Type": "application/json"},
        )
        answer = json.loads(response.data or b"null")
        if response.status >= 400:
            kind = answer.get("error", "") if isinstance(answer, dict) else ""
            message = answer.get("message", "") if isinstance(answer, dict) else response.data
            raise _RAISED.get(kind, RemoteError)(message)
        return wirejson.decode(answer)

    def health(self) -> dict[str, Any]:
        answer: dict[str, Any] = self.request("GET", "health")
        return answer

    def reset(self) -> None:
        """Forget every resource, event and call; the clock starts again as configured."""
        self.request("POST", "reset")

    @property
    def events(self) -> list[dict[str, Any]]:
        """The EventBridge events emitted so far, oldest first (a copy, read now)."""
        events: list[dict[str, Any]] = self.request("GET", "events")
        return events

    @property
    def calls(self) -> list[Call]:
        """Every call served so far, in order, as ``certmock.Call`` objects."""
        return [_call(entry) for entry in self.request("GET", "calls")]

    def client_environment(self, region: str = "us-east-1") -> dict[str, str]:
        """Environment variables that point an AWS SDK or the CLI at this server."""
        environment = {
            "AWS_ENDPOINT_URL": self.url,
            "AWS_ACCESS_KEY_ID": os.environ.get("AWS_ACCESS_KEY_ID", "testing"),
            "AWS_SECRET_ACCESS_KEY": os.environ.get("AWS_SECRET_ACCESS_KEY", "testing"),
            "AWS_DEFAULT_REGION": region,
            "AWS_REGION": region,
        }
        if self.ca_bundle is not None:
            environment["AWS_CA_BUNDLE"] = self.ca_bundle
        return environment

    def __getattr__(self, name: str) -> RemoteControl:
        """A test control of the server's handle: ``acm``, ``acmpca``, ``organization``,
        ``objects``, as ``GET /_certmock/controls`` lists them."""
        if name.startswith("_"):
            raise AttributeError(name)
        if self._described is None:
            self._described = self.request("GET", "controls")
        description = self._described.get(name)
        if description is None:
            raise AttributeError(f"the certmock server has no control {name!r}")
        return RemoteControl(self, name, description)


class RemoteClock:
    """The server's clock: ``now()``, ``advance(...)``, ``freeze(...)``, ``unfreeze()``."""

    def __init__(self, remote: Remote) -> None:
        self._remote = remote

    def now(self) -> _dt.datetime:
        return _instant(self._remote.request("GET", "clock"))

    @property
    def frozen(self) -> bool:
        return bool(self._remote.request("GET", "clock")["frozen"])

    def advance(
        self,
        delta: _dt.timedelta | None = None,
        *,
        days: float = 0,
        hours: float = 0,
        minutes: float = 0,
        seconds: float = 0,
    ) -> _dt.datetime:
        """Move the server's clock forward; returns the new now."""
        step = {"days": days, "hours": hours, "minutes": minutes, "seconds": seconds}
        if delta is not None:
            step["seconds"] += delta.total_seconds()
        return _instant(self._remote.request("POST", "clock/advance", step))

    def freeze(self, when: _dt.datetime | str | None = None) -> _dt.datetime:
        """Stop the server's clock, at ``when`` or where it is now."""
        document = {} if when is None else {"now": to_utc_datetime(when).isoformat()}
        return _instant(self._remote.request("POST", "clock/freeze", document))

    def unfreeze(self) -> None:
        self._remote.request("POST", "clock/unfreeze")


class RemoteControl:
    """One test control (``remote.acm``): its methods are calls to the server; its
    properties are read and set there."""

    def __init__(self, remote: Remote, name: str, description: Mapping[str, Any]) -> None:
        object.__setattr__(self, "_remote", remote)
        object.__setattr__(self, "_name", name)
        object.__setattr__(self, "_methods", dict(description["methods"]))
        object.__setattr__(self, "_properties", frozenset(description["properties"]))

    def __dir__(self) -> list[str]:
        return sorted({*self._methods, *self._properties})

    def __getattr__(self, member: str) -> Any:
        if member in self._properties:
            return self._remote.request("GET", f"{self._name}/{member}")["value"]
        parameters = self._methods.get(member)
        if parameters is None:
            raise AttributeError(f"{self._name} has no control {member!r}")

        def call(*args: Any, **kwargs: Any) -> Any:
            if len(args) > len(parameters):
                raise TypeError(f"{member}() takes at most {len(parameters)} arguments")
            named = dict(zip(parameters, args, strict=False))  # fewer args than parameters
            twice = set(named) & set(kwargs)
            if twice:
                raise TypeError(f"{member}() got multiple values for {sorted(twice)}")
            answer = self._remote.request("POST", f"{self._name}/{member}", {**named, **kwargs})
            return answer["result"]

        call.__name__ = member
        return call

    def __setattr__(self, member: str, value: Any) -> None:
        if member not in self._properties:
            raise AttributeError(f"{self._name} has no settable control {member!r}")
        self._remote.request("PUT", f"{self._name}/{member}", {"value": value})


def _instant(answer: Mapping[str, Any]) -> _dt.datetime:
    return to_utc_datetime(answer["now"])


def _call(entry: Mapping[str, Any]) -> Call:
    error = entry["error"]
    return Call(
        entry["service"],
        entry["operation"],
        entry["account_id"],
        entry["region"],
        entry["parameters"],
        to_utc_datetime(entry["time"]),
        result=entry["result"],
        error=None if error is None else ServiceError(error["code"], error["message"]),
    )


@contextmanager
def serve(*options: str, python: str | None = None) -> Iterator[Remote]:
    """Run ``python -m certmock serve --port 0 *options`` for the ``with`` block and yield its
    handle; the server is stopped (SIGTERM, state saved if asked) when the block ends."""
    command = [python or sys.executable, "-m", "certmock", "serve", "--port", "0", *options]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    lines, reader = _lines(process.stdout)
    try:
        url = _expect(lines, "certmock serving on ", process).strip()
        bundle = None
        if "--tls" in options:
            bundle = _expect(lines, "CA bundle: ", process).strip()
        yield Remote(url, ca_bundle=bundle)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        reader.join(timeout=5)  # it ends at the output's end, which the exit brought
        process.stdout.close()


def _lines(stream: IO[str]) -> tuple[queue.Queue[str], threading.Thread]:
    """The server's output lines, read by a thread so waiting for one can time out."""
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        for line in stream:
            lines.put(line)
        lines.put("")

    reader = threading.Thread(target=read, name="certmock-server-output", daemon=True)
    reader.start()
    return lines, reader


def _expect(lines: queue.Queue[str], prefix: str, process: subprocess.Popen[str]) -> str:
    try:
        line = lines.get(timeout=STARTUP_TIMEOUT)
    except queue.Empty:
        raise RuntimeError(f"certmock serve printed nothing in {STARTUP_TIMEOUT:.0f} s") from None
    if not line.startswith(prefix):
        process.poll()
        raise RuntimeError(
            f"certmock serve did not start (exit status {process.returncode}): expected "
            f"{prefix!r}, got {line!r}; its standard error says why"
        )
    return line[len(prefix) :]
