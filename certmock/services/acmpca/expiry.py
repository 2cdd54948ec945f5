"""A CA becomes EXPIRED at its certificate's NotAfter: scheduled on the world's timeline when the
certificate is installed (import, or a replica taking its primary's)."""

from __future__ import annotations

import datetime as _dt

from certmock.services.acmpca import states
from certmock.services.acmpca.records import CertificateAuthority
from certmock.world import Scope


def schedule_expiry(scope: Scope, found: CertificateAuthority) -> None:
    """(Re)schedule ``found``'s expiry for its certificate's NotAfter. A certificate that has
    already expired makes the CA EXPIRED as of now: a status may not change at a time before
    its last change."""
    assert found.not_after is not None
    if found.expiry is not None:
        found.expiry.cancel()
    expires = max(found.not_after, scope.now())
    found.expiry = scope.schedule(expires, lambda due: _expire(found, due))


def _expire(found: CertificateAuthority, due: _dt.datetime) -> None:
    if found.status in states.EXPIRES:
        found.change_status(states.EXPIRED, due)
    elif found.status == states.DELETED and found.status_before_deletion in states.EXPIRES:
        found.status_before_deletion = states.EXPIRED
