"""Rules for a CA's RevocationConfiguration (CRL and OCSP), from the API reference.

The model's own constraints (lengths, ExpirationInDays 1-5000, enums) are checked by
``certmock.validation`` before these; what is here are the cross-field rules. AWS's wording of
these refusals is not documented: the messages are certmock's own.
"""

from __future__ import annotations

import ipaddress
import re
from typing import Any

from certmock.errors import ServiceError

_BUCKET_NAME = re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")

DISABLED = {"CrlConfiguration": {"Enabled": False}, "OcspConfiguration": {"Enabled": False}}


def _refuse(message: str) -> ServiceError:
    return ServiceError("InvalidArgsException", message)


def _check_cname(field: str, cname: str) -> None:
    # "Do not use a URI protocol such as http:// or https://" (RevocationConfiguration docs).
    if cname.lower().startswith(("http://", "https://")):
        raise _refuse(f"{field} '{cname}' must be a host name without a protocol prefix.")


def _check_bucket(name: str) -> None:
    if (
        not _BUCKET_NAME.fullmatch(name)
        or ".." in name
        or ".-" in name
        or "-." in name
        or _is_ip_address(name)
    ):
        raise _refuse(f"The S3 bucket name '{name}' does not follow the S3 bucket naming rules.")


def _is_ip_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def _check_disabled(name: str, block: dict[str, Any]) -> None:
    extra = sorted(set(block) - {"Enabled"})
    if extra:
        raise _refuse(
            f"A disabled {name} may only contain Enabled=false; remove {', '.join(extra)}."
        )


def _check_crl(crl: dict[str, Any]) -> None:
    bucket = crl.get("S3BucketName")
    if not bucket:
        raise _refuse("S3BucketName is required when the CRL is enabled.")
    _check_bucket(bucket)
    cname = crl.get("CustomCname")
    if cname:
        _check_cname("CustomCname", cname)
    extension = crl.get("CrlDistributionPointExtensionConfiguration") or {}
    if extension.get("OmitExtension") and cname:
        raise _refuse(
            "CustomCname cannot be set when CrlDistributionPointExtensionConfiguration."
            "OmitExtension is true."
        )


def _check_ocsp(ocsp: dict[str, Any]) -> None:
    cname = ocsp.get("OcspCustomCname")
    if cname:
        _check_cname("OcspCustomCname", cname)


_CHECKS = {"CrlConfiguration": _check_crl, "OcspConfiguration": _check_ocsp}


def checked_revocation_configuration(configuration: dict[str, Any] | None) -> dict[str, Any]:
    """The configuration to store: as given once valid; both mechanisms disabled if absent."""
    if configuration is None:
        return {name: dict(block) for name, block in DISABLED.items()}
    for name, check_enabled in _CHECKS.items():
        block = configuration.get(name)
        if block is not None:
            if block["Enabled"]:
                check_enabled(block)
            else:
                _check_disabled(name, block)
    return configuration
