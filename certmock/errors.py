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


class NotEmulatedError(Exception):
    """Raised to the caller when a mock is active and a request asks for something certmock
    does not serve. It is not a ``ClientError`` on purpose: code under test that swallows AWS
    errors must not swallow a gap in the test double."""
