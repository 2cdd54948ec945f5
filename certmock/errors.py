"""Errors a service model raises, and the one certmock raises when it is asked for too much."""

from __future__ import annotations

from typing import Any


class ServiceError(Exception):
    """An error AWS would return.

    ``code`` is the modeled error: either the shape name botocore exposes as
    ``client.exceptions.<Name>`` or its wire code (RDS's ``CertificateNotFoundFault`` is sent as
    ``CertificateNotFound``). The protocol layer looks the code up in the service model to find
    the HTTP status and the wire form; a handler never deals with either.
    ``fields`` are extra members of the error shape (for example ``throttlingReasons``).
    """

    def __init__(self, code: str, message: str, **fields: Any) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.fields = fields


class Declined(Exception):
    """Raised by a handler, before it changes anything, for a request about something certmock
    does not model (say, tags of an API Gateway REST API). When moto is active the request is
    left to moto; otherwise ``error`` is the answer, as AWS would give it for a resource that
    does not exist."""

    def __init__(self, error: ServiceError) -> None:
        super().__init__(error.message)
        self.error = error


class NotEmulatedError(Exception):
    """Raised to the caller when a mock is active and a request asks for something certmock
    does not serve. It is not a ``ClientError`` on purpose: code under test that swallows AWS
    errors must not swallow a gap in the test double."""
