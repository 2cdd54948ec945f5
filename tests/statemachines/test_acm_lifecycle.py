"""ACM certificates as a hypothesis state machine: public (DNS) and private requests, imports and
reimports, validation, use by AWS services, export, renewal, expiry and deletion through boto3
and certmock's ``cm.acm`` controls, compared after every step with ``acm_model``."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

import boto3
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, precondition, rule

from certmock import Mock, mock_all
from tests.services.acm.helpers import (
    Key,
    active_ca,
    allow_acm_renewals,
    key_pem,
    make_certificate,
    new_key,
    pem,
)
from tests.statemachines import acm_model as m
from tests.statemachines.calls import expect, outcome, paginate
from tests.statemachines.profiles import machine_settings

START = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
REGION = "eu-west-1"
PASSPHRASE = b"statemachine-passphrase"
KEY_TYPES = ["RSA_2048", "EC_prime256v1"]
# The private CA lasts ten years; staying well inside keeps renewals clear of its end.
HORIZON = START + dt.timedelta(days=3 * 365)
STEPS = st.one_of(
    st.integers(1, 90).map(lambda seconds: dt.timedelta(seconds=seconds)),
    st.integers(1, 48).map(lambda hours: dt.timedelta(hours=hours)),
    st.integers(1, 120).map(lambda days: dt.timedelta(days=days)),
)
LOAD_BALANCERS = f"arn:aws:elasticloadbalancing:{REGION}:123456789012:loadbalancer/app"
NUDGES = st.sampled_from([dt.timedelta(seconds=-1), dt.timedelta(0), dt.timedelta(seconds=1)])


class AcmLifecycle(RuleBasedStateMachine):
    certificates = Bundle("certificates")

    def __init__(self) -> None:
        super().__init__()
        self.mock: Mock = mock_all(now=START, seed=20260102).start()
        self.acm: Any = boto3.client("acm", region_name=REGION)
        self.pca: Any = boto3.client("acm-pca", region_name=REGION)
        pca = self.pca
        self.ca = active_ca(pca)
        allow_acm_renewals(pca, self.ca)
        # Reference 6.4 (C): a request to a CA that is not ACTIVE fails with PCA_INVALID_STATE.
        self.disabled_ca = active_ca(pca)
        pca.update_certificate_authority(
            CertificateAuthorityArn=self.disabled_ca, Status="DISABLED"
        )
        self.model = m.AcmModel(START)
        self.keys: dict[str, Key] = {}
        self.resources = 0
        self.confirmed_gone: set[str] = set()

    def teardown(self) -> None:
        self.mock.stop()

    # -- helpers --------------------------------------------------------------------------
    def describe(self, arn: str) -> dict[str, Any]:
        found: dict[str, Any] = self.acm.describe_certificate(CertificateArn=arn)["Certificate"]
        return found

    def learn_not_after(self, certificate: m.Certificate) -> None:
        """A public certificate's validity depends on the date of issue (not in the reference):
        read it, and check only that it is a plausible public lifetime."""
        not_after: dt.datetime = self.describe(certificate.arn)["NotAfter"]
        assert self.model.now < not_after <= self.model.now + dt.timedelta(days=398)
        certificate.not_after = not_after

    def move_clock(self, delta: dt.timedelta) -> None:
        """Step from one scheduled change to the next, so that each is checked as it happens."""
        target = self.model.now + delta
        while (instant := self.model.next_change(target)) is not None:
            self.mock.clock.advance(instant - self.model.now)
            for certificate in self.model.reach(instant):
                self.learn_not_after(certificate)
        self.mock.clock.advance(target - self.model.now)
        self.model.reach(target)

    def pick(self, data: st.DataObject, candidates: list[str]) -> str:
        return data.draw(st.sampled_from(sorted(candidates)))

    def issued_pem(self, key: Key, days: int, common_name: str) -> bytes:
        now = self.model.now
        return pem(
            make_certificate(
                key,
                common_name=common_name,
                not_before=now - dt.timedelta(days=1),
                not_after=now + dt.timedelta(days=days),
            )
        )

    # -- requests and imports -------------------------------------------------------------
    @precondition(lambda self: len(self.model.certificates) < 12)
    @rule(target=certificates)
    def request_public(self) -> str:
        name = f"app{len(self.model.certificates)}.certmock.io"
        arn: str = self.acm.request_certificate(DomainName=name, ValidationMethod="DNS")[
            "CertificateArn"
        ]
        due = self.model.now + m.DNS_DELAY
        self.model.add(m.Certificate(arn, m.PUBLIC, m.PENDING, "RSA_2048", validation_due=due))
        return arn

    @precondition(lambda self: len(self.model.certificates) < 12)
    @rule(target=certificates, disabled=st.booleans())
    def request_private(self, disabled: bool) -> str:
        name = f"svc{len(self.model.certificates)}.internal.example"
        ca = self.disabled_ca if disabled else self.ca
        arn: str = self.acm.request_certificate(DomainName=name, CertificateAuthorityArn=ca)[
            "CertificateArn"
        ]
        certificate = m.Certificate(arn, m.PRIVATE, m.ISSUED, "RSA_2048")
        if disabled or not self.model.ca_active:
            certificate.status, certificate.failure = m.FAILED, "PCA_INVALID_STATE"
        else:
            certificate.not_after = self.model.now + m.PRIVATE_VALIDITY
        self.model.add(certificate)
        return arn

    @precondition(lambda self: len(self.model.certificates) < 12)
    @rule(
        target=certificates,
        key_type=st.sampled_from(KEY_TYPES),
        days=st.sampled_from([1, 20, 90, 400]),
    )
    def import_certificate(self, key_type: str, days: int) -> str:
        key = new_key(key_type)
        name = f"imported{len(self.model.certificates)}.example.com"
        arn: str = self.acm.import_certificate(
            Certificate=self.issued_pem(key, days, name), PrivateKey=key_pem(key)
        )["CertificateArn"]
        self.keys[arn] = key
        not_after = self.model.now + dt.timedelta(days=days)
        self.model.add(m.Certificate(arn, m.IMPORTED, m.ISSUED, key_type, not_after=not_after))
        return arn

    @rule(certificate=certificates, days=st.sampled_from([5, 60, 300]))
    def reimport(self, certificate: str, days: int) -> None:
        key = self.keys.get(certificate) or new_key("RSA_2048")
        done = expect(
            self.model.error_reimport(certificate),
            lambda: self.acm.import_certificate(
                CertificateArn=certificate,
                Certificate=self.issued_pem(key, days, "reimported.example.com"),
                PrivateKey=key_pem(key),
            ),
            f"reimport onto {self.model.certificates[certificate].kind}",
        )
        if done is not None:
            model = self.model.certificates[certificate]
            model.status = m.ISSUED
            model.not_after = self.model.now + dt.timedelta(days=days)

    # -- test controls --------------------------------------------------------------------
    @rule(certificate=certificates)
    def validate(self, certificate: str) -> None:
        model = self.model.certificates[certificate]
        try:
            self.mock.acm.validate(certificate)
            raised = None
        except (KeyError, ValueError) as error:
            raised = type(error)
        if model.deleted:
            assert raised is KeyError
        elif model.kind == m.PUBLIC and model.status == m.PENDING:
            assert raised is None, "validate refused a pending public certificate"
            model.status, model.validation_due = m.ISSUED, None
            self.learn_not_after(model)
        else:
            assert raised is ValueError, f"validate on {model.kind} {model.status}: {raised}"

    @precondition(lambda self: any(c.status == m.ISSUED for c in self.model.live().values()))
    @rule(data=st.data())
    def use(self, data: st.DataObject) -> None:
        live = self.model.live()
        arn = self.pick(data, [a for a, c in live.items() if c.status == m.ISSUED])
        self.resources += 1
        resource = f"{LOAD_BALANCERS}/lb{self.resources}/1"
        self.mock.acm.use(arn, resource)
        live[arn].in_use.add(resource)

    @precondition(lambda self: any(c.in_use for c in self.model.live().values()))
    @rule(data=st.data())
    def release(self, data: st.DataObject) -> None:
        live = self.model.live()
        arn = self.pick(data, [a for a, c in live.items() if c.in_use])
        resource = self.pick(data, list(live[arn].in_use))
        self.mock.acm.release(arn, resource)
        live[arn].in_use.discard(resource)

    # -- operations -----------------------------------------------------------------------
    @rule(certificate=certificates)
    def export(self, certificate: str) -> None:
        model = self.model.certificates[certificate]
        answer = expect(
            self.model.error_export(certificate),
            lambda: self.acm.export_certificate(CertificateArn=certificate, Passphrase=PASSPHRASE),
            f"ExportCertificate of {model.kind} {model.status}",
        )
        if answer is None:
            return
        model.exported = True
        # Reference 6.6 (C): the key is PKCS#8 encrypted with the passphrase, the chain leaves
        # the certificate out.
        assert answer["PrivateKey"].startswith("-----BEGIN ENCRYPTED PRIVATE KEY-----")
        key = serialization.load_pem_private_key(answer["PrivateKey"].encode(), PASSPHRASE)
        leaf = x509.load_pem_x509_certificate(answer["Certificate"].encode())
        assert leaf.public_key() == key.public_key()
        assert leaf not in x509.load_pem_x509_certificates(answer["CertificateChain"].encode())
        assert leaf.not_valid_after_utc == model.not_after

    def live_private(self) -> list[str]:
        return [a for a, c in self.model.live().items() if c.kind == m.PRIVATE]

    @precondition(lambda self: self.live_private())
    @rule(data=st.data())
    def export_a_private_certificate(self, data: st.DataObject) -> None:
        self.export(self.pick(data, self.live_private()))

    def renewable(self) -> list[str]:
        return [a for a in self.live_private() if self.model.certificates[a].eligible]

    @precondition(lambda self: self.renewable())
    @rule(data=st.data())
    def renew_an_eligible_certificate(self, data: st.DataObject) -> None:
        self.renew(self.pick(data, self.renewable()))

    @rule(certificate=certificates)
    def renew(self, certificate: str) -> None:
        model = self.model.certificates[certificate]
        done = expect(
            self.model.error_renew(certificate),
            lambda: self.acm.renew_certificate(CertificateArn=certificate),
            f"RenewCertificate of {model.kind} {model.status} eligible={model.eligible}",
        )
        if done is not None:
            self.model.attempt_renewal(model, self.model.now)

    @rule(certificate=certificates)
    def get(self, certificate: str) -> None:
        model = self.model.certificates[certificate]
        answer = expect(
            self.model.error_get(certificate),
            lambda: self.acm.get_certificate(CertificateArn=certificate),
            f"GetCertificate of {model.kind} {model.status}",
        )
        if answer is not None:
            leaf = x509.load_pem_x509_certificate(answer["Certificate"].encode())
            assert leaf.not_valid_after_utc == model.not_after

    @rule(certificate=certificates)
    def delete(self, certificate: str) -> None:
        model = self.model.certificates[certificate]
        done = expect(
            self.model.error_delete(certificate),
            lambda: self.acm.delete_certificate(CertificateArn=certificate),
            f"DeleteCertificate of {model.kind} {model.status} in use={bool(model.in_use)}",
        )
        if done is not None:
            model.deleted = True

    @rule(active=st.booleans())
    def switch_the_ca(self, active: bool) -> None:
        """Disable or enable the CA the private certificates come from."""
        status = "ACTIVE" if active else "DISABLED"
        self.pca.update_certificate_authority(CertificateAuthorityArn=self.ca, Status=status)
        self.model.ca_active = active

    # -- the clock ------------------------------------------------------------------------
    @precondition(lambda self: self.model.now < HORIZON)
    @rule(delta=STEPS)
    def advance(self, delta: dt.timedelta) -> None:
        self.move_clock(delta)

    @precondition(lambda self: self.model.now < HORIZON)
    @rule(nudge=NUDGES)
    def advance_to_next_change(self, nudge: dt.timedelta) -> None:
        """Just before, at or just after the next validation, renewal attempt or expiry."""
        instant = self.model.next_change(HORIZON)
        if instant is not None:
            self.move_clock(max(instant + nudge - self.model.now, dt.timedelta(0)))

    # -- what certmock says after every step ----------------------------------------------
    @invariant()
    def every_certificate_describes_as_the_model_says(self) -> None:
        for arn, model in self.model.certificates.items():
            if arn in self.confirmed_gone:
                continue
            found, code = outcome(functools.partial(self.describe, arn))
            if model.deleted:
                assert code == m.NOT_FOUND, f"deleted {arn} answered {code}"
                self.confirmed_gone.add(arn)  # a deleted certificate never comes back
                continue
            assert found is not None, f"DescribeCertificate {arn}: {code}"
            assert (found["Type"], found["Status"]) == (model.kind, model.status)
            assert found.get("NotAfter") == model.not_after
            assert found.get("FailureReason") == model.failure
            eligibility = "ELIGIBLE" if model.eligible else "INELIGIBLE"
            assert found["RenewalEligibility"] == eligibility, f"{model.kind} {model.status}"
            assert sorted(found["InUseBy"]) == sorted(model.in_use)
            summary = found.get("RenewalSummary") or {}
            assert summary.get("RenewalStatus") == model.renewal
            assert summary.get("RenewalStatusReason") == model.renewal_reason
            assert summary.get("UpdatedAt") == model.renewed_at
            if model.kind == m.PRIVATE:
                assert found["CertificateAuthorityArn"] in (self.ca, self.disabled_ca)

    @invariant()
    def listing_matches_the_model(self) -> None:
        everything = paginate(
            self.acm,
            "list_certificates",
            "CertificateSummaryList",
            Includes={"keyTypes": KEY_TYPES},
        )
        expected = {
            arn: (c.status, bool(c.in_use), "ELIGIBLE" if c.eligible else "INELIGIBLE")
            for arn, c in self.model.live().items()
        }
        listed = {
            s["CertificateArn"]: (s["Status"], s["InUse"], s["RenewalEligibility"])
            for s in everything
        }
        for summary in everything:
            model = self.model.certificates[summary["CertificateArn"]]
            if model.kind != m.IMPORTED:  # reference 6.6 (C): Exported=true once exported
                assert summary.get("Exported", False) == model.exported
        assert listed == expected
        # Reference 6.8: by default only RSA_2048 (both readings of the docs agree on that).
        default = paginate(self.acm, "list_certificates", "CertificateSummaryList")
        rsa = {a for a, c in self.model.live().items() if c.key_algorithm == "RSA_2048"}
        assert {s["CertificateArn"] for s in default} == rsa


TestAcmLifecycle = AcmLifecycle.TestCase
TestAcmLifecycle.settings = machine_settings(examples=40, steps=40)
