"""What the installed botocore model of ACM has: newer versions add members and operations,
and a result may only carry members the model knows."""

from __future__ import annotations

import functools
from collections.abc import Callable

from botocore.model import StructureShape

from certmock.botocore_models import service_model


@functools.cache
def _members(shape_name: str) -> frozenset[str]:
    shape = service_model("acm").shape_for(shape_name)
    assert isinstance(shape, StructureShape)
    return frozenset(shape.members)


def has_member(shape_name: str) -> Callable[[str], bool]:
    """``has_member("CertificateDetail")("CertificateKeyPairOrigin")``"""
    return _members(shape_name).__contains__
