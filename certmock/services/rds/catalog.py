"""The certificate authorities RDS offers, per region, from ``data/certificate_authorities.json``.

The data file names its sources. Real values are known for few regions (us-west-2 in full,
us-east-1's dates); every other region is derived from them as the file's ``derivation`` says,
with a synthetic thumbprint that is stable across runs and matches no real certificate.
"""

from __future__ import annotations

import datetime as _dt
import functools
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from certmock.arns import ArnFormat
from certmock.timeparse import to_utc_datetime

DATA_FILE = "data/certificate_authorities.json"
# RDS CA ARNs carry no account: arn:aws:rds:us-west-2::cert:rds-ca-2019 (fact sheet 7.1).
CERTIFICATE_ARN = ArnFormat("rds", r"cert:(?P<id>.+)", account=False)


@dataclass(frozen=True)
class CertificateAuthority:
    """One CA certificate as ``DescribeCertificates`` lists it (before any customer override)."""

    position: int
    """Its place in AWS's listing order (newest generation first); the page cursor."""
    certificate_identifier: str
    certificate_type: str
    thumbprint: str
    valid_from: _dt.datetime
    valid_till: _dt.datetime
    certificate_arn: str
    synthetic_thumbprint: bool
    """True when the thumbprint is certmock's own (no real value is known for the region)."""

    def offered_at(self, now: _dt.datetime) -> bool:
        # An expired CA is withdrawn: after rds-ca-2019's ValidTill, AWS answers
        # "Certificate rds-ca-2019 not found" (fact sheet 7.2). Withdrawal exactly at ValidTill
        # is certmock's choice; AWS's exact moment is not documented.
        return now < self.valid_till


@functools.cache
def _data() -> Mapping[str, Any]:
    text = resources.files("certmock.services.rds").joinpath(DATA_FILE).read_text(encoding="utf-8")
    loaded: Mapping[str, Any] = json.loads(text)
    return loaded


def synthetic_thumbprint(partition: str, region: str, certificate_identifier: str) -> str:
    seed = f"certmock-synthetic-thumbprint/{partition}/{region}/{certificate_identifier}"
    return hashlib.sha1(seed.encode()).hexdigest()


def certificate_arn(partition: str, region: str, certificate_identifier: str) -> str:
    return str(CERTIFICATE_ARN.format(partition, region, "", f"cert:{certificate_identifier}"))


@functools.lru_cache(maxsize=64)
def certificate_authorities(partition: str, region: str) -> tuple[CertificateAuthority, ...]:
    """Every CA RDS has in ``region``, in the order AWS lists them, expired ones included."""
    data = _data()
    fallback = data["dates_for_other_regions"]
    authorities = []
    for position, entry in enumerate(data["certificate_authorities"]):
        identifier: str = entry["certificate_identifier"]
        regional: Mapping[str, str] = entry["regions"].get(region) or entry["regions"][fallback]
        thumbprint = regional.get("thumbprint") if region in entry["regions"] else None
        authorities.append(
            CertificateAuthority(
                position=position,
                certificate_identifier=identifier,
                certificate_type=data["certificate_type"],
                thumbprint=thumbprint or synthetic_thumbprint(partition, region, identifier),
                valid_from=to_utc_datetime(regional["valid_from"]),
                valid_till=to_utc_datetime(regional["valid_till"]),
                certificate_arn=certificate_arn(partition, region, identifier),
                synthetic_thumbprint=thumbprint is None,
            )
        )
    return tuple(authorities)


def system_default_for_new_launches(now: _dt.datetime) -> str:
    """The CA a new DB instance gets at ``now`` when the account has no override."""
    chosen = ""
    for period in _data()["system_default_for_new_launches"]:
        since = period["since"]
        if since is None or to_utc_datetime(since) <= now:
            chosen = period["certificate_identifier"]
    return chosen
