"""ACM's ACME resources (botocore 1.44 and later): endpoints, their domain validations and
external account bindings, and the ACME accounts clients register with them.

The ACME protocol itself (RFC 8555: directory, orders, challenges) is out of band: certmock
serves the management API, and a test registers accounts through
:func:`certmock.services.acm.control.register_acme_account`.
"""

from certmock.services.acm.acme.backend import AcmeBackend

__all__ = ["AcmeBackend"]
