"""One process of a time-library scenario: runs the named steps in order, in this interpreter,
and prints one JSON line per step with what a user sees through boto3 and ``cryptography``.

    python -m tests.time_libraries.scenario import freezegun now time-machine-shift ...

cryptography keeps the datetime classes it first meets for the life of the process, so every
order of steps needs a fresh interpreter. certmock is imported by the ``import`` steps only, so
that a step can use cryptography (or be inside freezegun) before certmock is first imported.
A step that raises is reported with its error, and the next step still runs.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import importlib
import json
import sys
import traceback
from collections.abc import Callable, Iterator
from typing import Any

import boto3
import freezegun
import time_machine
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

UTC = dt.timezone.utc
REGION = "eu-west-1"
BUCKET = "scenario-crls"
ROOT_TEMPLATE = "arn:aws:acm-pca:::template/RootCACertificate/V1"
ROOT_DAYS = 30
LEAF_DAYS = 10

NOW_AT = dt.datetime(2026, 1, 1, tzinfo=UTC)  # certmock's own now=
FREEZEGUN_AT = dt.datetime(2030, 5, 5, 12, tzinfo=UTC)
FREEZEGUN_TICK_AT = dt.datetime(2031, 2, 3, 4, 5, 6, tzinfo=UTC)
FREEZEGUN_TZ_AT = dt.datetime(2032, 3, 4, 5, 6, 7, tzinfo=UTC)
TIME_MACHINE_AT = dt.datetime(2033, 6, 7, 8, 9, 10, tzinfo=UTC)
TIME_MACHINE_TICK_AT = dt.datetime(2034, 7, 8, 9, 10, 11, tzinfo=UTC)
TIME_MACHINE_MOVE_AT = dt.datetime(2035, 8, 9, 10, 11, 12, tzinfo=UTC)


@dataclasses.dataclass(frozen=True)
class Step:
    """``run`` does the step and returns what it saw. ``expected`` is where certmock's clock
    must stand when it issues certificates (None: where ``datetime.now(timezone.utc)``
    presented the time, for combinations whose outcome is up to the time libraries);
    ``ticking`` lets it run a few seconds past that."""

    run: Callable[[], dict[str, Any]]
    expected: dt.datetime | None = None
    ticking: bool = False


def _iso(value: dt.datetime) -> str:
    return value.astimezone(UTC).isoformat()


def _certmock() -> Any:
    return sys.modules["certmock"]


def _client() -> Any:
    return boto3.client(
        "acm-pca",
        region_name=REGION,
        aws_access_key_id="scenario",
        aws_secret_access_key="scenario",
    )


def _leaf_csr() -> bytes:
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "app.example.com")])
    request = x509.CertificateSigningRequestBuilder().subject_name(name)
    csr = request.sign(ec.generate_private_key(ec.SECP256R1()), hashes.SHA256())
    return csr.public_bytes(serialization.Encoding.PEM)


def _create_ca(pca: Any) -> str:
    arn: str = pca.create_certificate_authority(
        CertificateAuthorityConfiguration={
            "KeyAlgorithm": "EC_prime256v1",
            "SigningAlgorithm": "SHA256WITHECDSA",
            "Subject": {"CommonName": "Scenario Root"},
        },
        RevocationConfiguration={"CrlConfiguration": {"Enabled": True, "S3BucketName": BUCKET}},
        CertificateAuthorityType="ROOT",
    )["CertificateAuthorityArn"]
    return arn


def _issue(
    pca: Any, arn: str, csr: bytes | str, days: int, **options: Any
) -> tuple[str, x509.Certificate]:
    certificate_arn: str = pca.issue_certificate(
        CertificateAuthorityArn=arn,
        Csr=csr,
        SigningAlgorithm="SHA256WITHECDSA",
        Validity={"Type": "DAYS", "Value": days},
        **options,
    )["CertificateArn"]
    pem = pca.get_certificate(CertificateAuthorityArn=arn, CertificateArn=certificate_arn)
    return certificate_arn, x509.load_pem_x509_certificate(pem["Certificate"].encode())


def observe(cm: Any) -> dict[str, Any]:
    """Activate a root CA with CRLs, issue a leaf and revoke it; report every time on the way."""
    presented = dt.datetime.now(UTC)
    clock = cm.clock.now()
    pca = _client()
    arn = _create_ca(pca)
    csr = pca.get_certificate_authority_csr(CertificateAuthorityArn=arn)["Csr"]
    _, root = _issue(pca, arn, csr, ROOT_DAYS, TemplateArn=ROOT_TEMPLATE)
    pca.import_certificate_authority_certificate(
        CertificateAuthorityArn=arn,
        Certificate=root.public_bytes(serialization.Encoding.PEM),
    )
    leaf_arn, leaf = _issue(pca, arn, _leaf_csr(), LEAF_DAYS)
    pca.revoke_certificate(
        CertificateAuthorityArn=arn,
        CertificateSerial=leaf_arn.rsplit("/", 1)[1],
        RevocationReason="KEY_COMPROMISE",
    )
    described = pca.describe_certificate_authority(CertificateAuthorityArn=arn)
    authority = described["CertificateAuthority"]
    (crl_key,) = cm.objects.keys(BUCKET)  # the outermost mock's stop wiped earlier steps'
    crl = x509.load_der_x509_crl(cm.objects.get(BUCKET, crl_key))
    generated = [e for e in cm.events if e["detail-type"] == "ACM Private CA CRL Generation"]
    return {
        "presented": _iso(presented),
        "clock": _iso(clock),
        "created_at": _iso(authority["CreatedAt"]),
        "ca_not_before": _iso(authority["NotBefore"]),
        "ca_not_after": _iso(authority["NotAfter"]),
        "root_not_before": _iso(root.not_valid_before_utc),
        "root_not_after": _iso(root.not_valid_after_utc),
        "leaf_not_before": _iso(leaf.not_valid_before_utc),
        "leaf_not_after": _iso(leaf.not_valid_after_utc),
        "crl_this_update": _iso(crl.last_update_utc),
        "crl_revoked_at": _iso(crl[0].revocation_date_utc),
        "crl_event_time": generated[-1]["time"],
        "x509_datetime_class": type(root.not_valid_before_utc).__name__,
    }


def restore_window(move: Callable[[dt.timedelta], object], start: dt.datetime) -> dict[str, Any]:
    """Delete a CA with a 7-day window, restore it on day 6 (``move`` is the time library's
    own way of moving time), delete it again and let the window close."""
    pca = _client()
    arn = _create_ca(pca)
    pca.delete_certificate_authority(CertificateAuthorityArn=arn, PermanentDeletionTimeInDays=7)
    deleted = pca.describe_certificate_authority(CertificateAuthorityArn=arn)
    move(dt.timedelta(days=6))
    pca.restore_certificate_authority(CertificateAuthorityArn=arn)
    restored = pca.describe_certificate_authority(CertificateAuthorityArn=arn)
    pca.delete_certificate_authority(CertificateAuthorityArn=arn, PermanentDeletionTimeInDays=7)
    move(dt.timedelta(days=7))
    try:
        pca.describe_certificate_authority(CertificateAuthorityArn=arn)
        after_window = "still there"
    except pca.exceptions.ResourceNotFoundException:
        after_window = "ResourceNotFoundException"
    return {
        "start": _iso(start),
        "restorable_until": _iso(deleted["CertificateAuthority"]["RestorableUntil"]),
        "status_after_restore": restored["CertificateAuthority"]["Status"],
        "after_window": after_window,
        "listed_after_window": len(pca.list_certificate_authorities()["CertificateAuthorities"]),
    }


# --- steps ------------------------------------------------------------------------------------


def _import() -> dict[str, Any]:
    importlib.import_module("certmock")
    return {}


def _import_under_freezegun() -> dict[str, Any]:
    with freezegun.freeze_time(FREEZEGUN_AT):
        importlib.import_module("certmock")
        return {"datetime_class_after_import": dt.datetime.__name__}


def _cryptography_under_freezegun() -> dict[str, Any]:
    """A user's own certificate, made before certmock is imported: cryptography then keeps
    freezegun's classes for the rest of the process."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "made by the user")])
    with freezegun.freeze_time(FREEZEGUN_AT):
        now = dt.datetime.now(UTC)
        certificate = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(1)
            .not_valid_before(now)
            .not_valid_after(now + dt.timedelta(days=1))
            .sign(key, hashes.SHA256())
        )
        if certificate.not_valid_before_utc != now.replace(microsecond=0):
            raise AssertionError("cryptography misread the certificate")
    return {"class": type(certificate.not_valid_after_utc).__name__}


def _now() -> dict[str, Any]:
    with _certmock().mock_acmpca(now=NOW_AT) as cm:
        return observe(cm)


def _freezegun() -> dict[str, Any]:
    with freezegun.freeze_time(FREEZEGUN_AT), _certmock().mock_acmpca() as cm:
        return observe(cm)


def _freezegun_tick() -> dict[str, Any]:
    with freezegun.freeze_time(FREEZEGUN_TICK_AT, tick=True), _certmock().mock_acmpca() as cm:
        return observe(cm)


def _freezegun_tz_offset() -> dict[str, Any]:
    with freezegun.freeze_time(FREEZEGUN_TZ_AT, tz_offset=5), _certmock().mock_acmpca() as cm:
        return observe(cm)


def _freezegun_advance() -> dict[str, Any]:
    with freezegun.freeze_time(FREEZEGUN_AT), _certmock().mock_acmpca() as cm:
        cm.clock.advance(days=2)
        return observe(cm)


def _freezegun_tick_while_frozen() -> dict[str, Any]:
    with freezegun.freeze_time(FREEZEGUN_AT) as frozen, _certmock().mock_acmpca() as cm:
        cm.clock.freeze()
        frozen.tick(dt.timedelta(days=3))
        return observe(cm)


def _time_machine() -> dict[str, Any]:
    with time_machine.travel(TIME_MACHINE_AT, tick=False), _certmock().mock_acmpca() as cm:
        return observe(cm)


def _time_machine_tick() -> dict[str, Any]:
    with time_machine.travel(TIME_MACHINE_TICK_AT), _certmock().mock_acmpca() as cm:
        return observe(cm)


def _time_machine_shift() -> dict[str, Any]:
    with (
        time_machine.travel(TIME_MACHINE_AT, tick=False) as traveller,
        _certmock().mock_acmpca() as cm,
    ):
        traveller.shift(dt.timedelta(days=3))
        return observe(cm)


def _time_machine_move_to() -> dict[str, Any]:
    with (
        time_machine.travel(TIME_MACHINE_AT, tick=False) as traveller,
        _certmock().mock_acmpca() as cm,
    ):
        traveller.move_to(TIME_MACHINE_MOVE_AT)
        return observe(cm)


def _time_machine_advance() -> dict[str, Any]:
    with time_machine.travel(TIME_MACHINE_AT, tick=False), _certmock().mock_acmpca() as cm:
        cm.clock.advance(hours=5)
        return observe(cm)


def _time_machine_freeze() -> dict[str, Any]:
    with (
        time_machine.travel(TIME_MACHINE_AT, tick=False) as traveller,
        _certmock().mock_acmpca() as cm,
    ):
        cm.clock.freeze()
        traveller.shift(dt.timedelta(days=5))
        return observe(cm)


def _time_machine_unfreeze() -> dict[str, Any]:
    with (
        time_machine.travel(TIME_MACHINE_AT, tick=False) as traveller,
        _certmock().mock_acmpca() as cm,
    ):
        cm.clock.freeze()
        traveller.shift(dt.timedelta(days=5))
        cm.clock.unfreeze()  # ticks on from TIME_MACHINE_AT at time-machine's pace
        traveller.shift(dt.timedelta(days=1))
        return observe(cm)


def _now_inside_freezegun() -> dict[str, Any]:
    with freezegun.freeze_time(FREEZEGUN_AT), _certmock().mock_acmpca(now=NOW_AT) as cm:
        return observe(cm)


def _now_inside_time_machine() -> dict[str, Any]:
    with time_machine.travel(TIME_MACHINE_AT), _certmock().mock_acmpca(now=NOW_AT) as cm:
        return observe(cm)


def _freezegun_inside_time_machine() -> dict[str, Any]:
    with (
        time_machine.travel(TIME_MACHINE_AT, tick=False),
        freezegun.freeze_time(FREEZEGUN_AT),
        _certmock().mock_acmpca() as cm,
    ):
        return observe(cm)


def _restore_window_time_machine() -> dict[str, Any]:
    with (
        time_machine.travel(TIME_MACHINE_AT, tick=False) as traveller,
        _certmock().mock_acmpca(),
    ):
        return restore_window(traveller.shift, TIME_MACHINE_AT)


def _restore_window_freezegun() -> dict[str, Any]:
    with freezegun.freeze_time(FREEZEGUN_AT) as frozen, _certmock().mock_acmpca():
        return restore_window(frozen.tick, FREEZEGUN_AT)


STEPS: dict[str, Step] = {
    "import": Step(_import),
    "import-under-freezegun": Step(_import_under_freezegun),
    "cryptography-under-freezegun": Step(_cryptography_under_freezegun),
    "now": Step(_now, NOW_AT),
    "freezegun": Step(_freezegun, FREEZEGUN_AT),
    "freezegun-tick": Step(_freezegun_tick, FREEZEGUN_TICK_AT, ticking=True),
    # freezegun shifts even datetime.now(timezone.utc) by tz_offset; certmock follows it.
    "freezegun-tz-offset": Step(_freezegun_tz_offset),
    "freezegun-advance": Step(_freezegun_advance, FREEZEGUN_AT + dt.timedelta(days=2)),
    "freezegun-tick-while-frozen": Step(_freezegun_tick_while_frozen, FREEZEGUN_AT),
    "time-machine": Step(_time_machine, TIME_MACHINE_AT),
    "time-machine-tick": Step(_time_machine_tick, TIME_MACHINE_TICK_AT, ticking=True),
    "time-machine-shift": Step(_time_machine_shift, TIME_MACHINE_AT + dt.timedelta(days=3)),
    "time-machine-move-to": Step(_time_machine_move_to, TIME_MACHINE_MOVE_AT),
    "time-machine-advance": Step(_time_machine_advance, TIME_MACHINE_AT + dt.timedelta(hours=5)),
    "time-machine-freeze": Step(_time_machine_freeze, TIME_MACHINE_AT),
    "time-machine-unfreeze": Step(_time_machine_unfreeze, TIME_MACHINE_AT + dt.timedelta(days=1)),
    "now-inside-freezegun": Step(_now_inside_freezegun, NOW_AT),
    "now-inside-time-machine": Step(_now_inside_time_machine, NOW_AT),
    # Which library wins is theirs to say (freezegun's FakeDatetime.now never asks time-machine).
    "freezegun-inside-time-machine": Step(_freezegun_inside_time_machine),
    "restore-window-time-machine": Step(_restore_window_time_machine),
    "restore-window-freezegun": Step(_restore_window_freezegun),
}


@contextlib.contextmanager
def _reported(name: str) -> Iterator[dict[str, Any]]:
    report: dict[str, Any] = {"step": name}
    try:
        yield report
    except Exception as error:  # reported, so that the test shows every step's outcome
        report["error"] = f"{type(error).__name__}: {error}"
        report["traceback"] = traceback.format_exc()
    print(json.dumps(report), flush=True)


def main(names: list[str]) -> None:
    for name in names:
        with _reported(name) as report:
            report.update(STEPS[name].run())


if __name__ == "__main__":
    main(sys.argv[1:])
