"""The demo behind ``python -m certmock demo``: one CA's whole life, told as it happens."""

from __future__ import annotations

import datetime as _dt
from typing import Any, TextIO

import boto3

from certmock.mock import mock_acmpca

START = _dt.datetime(2026, 1, 1, 9, 0, tzinfo=_dt.timezone.utc)
CONFIGURATION = {
    "KeyAlgorithm": "EC_prime256v1",
    "SigningAlgorithm": "SHA256WITHECDSA",
    "Subject": {"Organization": "Example Corp", "CommonName": "Example Root CA"},
}


def run_demo(out: TextIO) -> None:
    def say(text: str = "") -> None:
        print(text, file=out)

    with mock_acmpca(now=START, seed=2026) as cm:
        pca = boto3.client("acm-pca", region_name="eu-west-1")

        def status(arn: str) -> dict[str, Any]:
            found: dict[str, Any] = pca.describe_certificate_authority(CertificateAuthorityArn=arn)[
                "CertificateAuthority"
            ]
            return found

        def show(arn: str) -> None:
            found = status(arn)
            line = f"   status {found['Status']}"
            if "RestorableUntil" in found:
                line += f", restorable until {found['RestorableUntil']:%Y-%m-%d %H:%M} UTC"
            say(line)

        def clock() -> str:
            return f"[{cm.clock.now():%Y-%m-%d %H:%M} UTC]"

        say("certmock demo: the life of a private certificate authority, on a virtual clock.")
        say("Every call below is a real boto3 call; certmock answers it in-process.")
        say()
        say(f"{clock()} 1. Create a root CA")
        arn = pca.create_certificate_authority(
            CertificateAuthorityConfiguration=CONFIGURATION,
            CertificateAuthorityType="ROOT",
            Tags=[{"Key": "team", "Value": "pki"}],
        )["CertificateAuthorityArn"]
        say(f"   {arn}")
        show(arn)

        say(f"{clock()} 2. Activate it: sign its own CSR with RootCACertificate/V1, import it")
        csr = pca.get_certificate_authority_csr(CertificateAuthorityArn=arn)["Csr"]
        issued = pca.issue_certificate(
            CertificateAuthorityArn=arn,
            Csr=csr,
            SigningAlgorithm="SHA256WITHECDSA",
            TemplateArn="arn:aws:acm-pca:::template/RootCACertificate/V1",
            Validity={"Type": "YEARS", "Value": 10},
        )["CertificateArn"]
        pca.get_waiter("certificate_issued").wait(
            CertificateAuthorityArn=arn, CertificateArn=issued
        )
        certificate = pca.get_certificate(CertificateAuthorityArn=arn, CertificateArn=issued)
        pca.import_certificate_authority_certificate(
            CertificateAuthorityArn=arn, Certificate=certificate["Certificate"]
        )
        found = status(arn)
        say(
            f"   status {found['Status']}, valid {found['NotBefore']:%Y-%m-%d} to "
            f"{found['NotAfter']:%Y-%m-%d}"
        )

        say(f"{clock()} 3. Disable it (it must be DISABLED before it can be deleted)")
        pca.update_certificate_authority(CertificateAuthorityArn=arn, Status="DISABLED")
        show(arn)

        say(f"{clock()} 4. Delete it with a 7-day restore window")
        pca.delete_certificate_authority(CertificateAuthorityArn=arn, PermanentDeletionTimeInDays=7)
        show(arn)

        cm.clock.advance(days=3)
        say(f"{clock()} 5. Three days later, restore it: it returns to its status before deletion")
        pca.restore_certificate_authority(CertificateAuthorityArn=arn)
        show(arn)

        say(f"{clock()} 6. Delete it again, 7 days this time too")
        pca.delete_certificate_authority(CertificateAuthorityArn=arn, PermanentDeletionTimeInDays=7)
        show(arn)

        cm.clock.advance(days=7)
        say(f"{clock()} 7. Seven days on, the window has closed")
        try:
            status(arn)
        except pca.exceptions.ResourceNotFoundException as gone:
            say(f"   ResourceNotFoundException: {gone.response['Error']['Message']}")
        try:
            pca.restore_certificate_authority(CertificateAuthorityArn=arn)
        except pca.exceptions.ResourceNotFoundException:
            say("   restore is refused too: the CA is gone for good")

        say()
        say(f"{len(cm.calls)} calls served, {len(cm.events)} EventBridge event(s) recorded:")
        for event in cm.events:
            say(f"   {event['time']} {event['detail-type']} {event['detail']}")
        say("Ten virtual days passed in well under a second of wall time.")
