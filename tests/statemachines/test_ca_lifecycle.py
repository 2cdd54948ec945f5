"""ACM Private CA lifecycle as a hypothesis state machine: real boto3 calls against certmock,
compared after every step with ``ca_model`` (the reference's rules, written independently).

Two kinds of rules: ones that draw any CA or certificate ever made (so every operation meets
every status, errors included), and ones that draw from what the model says is live (so long
runs of issuance and revocation happen at all)."""

from __future__ import annotations

import datetime as dt
import functools

from cryptography import x509
from hypothesis import strategies as st
from hypothesis.stateful import (
    MultipleResults,
    initialize,
    invariant,
    multiple,
    precondition,
    rule,
)

from tests.statemachines import ca_model as m
from tests.statemachines.ca_machine import BUCKET, CaMachine, revocation, serial_of
from tests.statemachines.calls import expect, outcome, paginate
from tests.statemachines.profiles import machine_settings

MOST_CAS = 8
CA_DAYS = st.sampled_from([3, 20, 45, 400, 3650])
LEAF_DAYS = st.sampled_from([1, 10, 60, 500])
WINDOWS = st.one_of(st.none(), st.integers(7, 30))
STEPS = st.one_of(
    st.integers(1, 36).map(lambda hours: dt.timedelta(hours=hours)),
    st.integers(1, 40).map(lambda days: dt.timedelta(days=days)),
)
NUDGES = st.sampled_from([dt.timedelta(seconds=-1), dt.timedelta(0), dt.timedelta(seconds=1)])
REASONS = st.sampled_from(["UNSPECIFIED", "KEY_COMPROMISE", "SUPERSEDED"])


def found(arn: str | None) -> MultipleResults[str]:
    return multiple() if arn is None else multiple(arn)


class CaLifecycle(CaMachine):
    # -- a world to start from ------------------------------------------------------------
    @initialize(targets=(CaMachine.cas, CaMachine.roots))
    def an_active_root(self) -> str:
        root = self.create("ROOT", crl=True)
        self.activate_root(root, 3650)
        return root

    @initialize(targets=(CaMachine.cas, CaMachine.roots))
    def a_short_lived_root(self) -> str:
        # Expires within a restore window: expiry meets deletion and restoration early on.
        root = self.create("ROOT", crl=False)
        self.activate_root(root, 20)
        return root

    @initialize(targets=(CaMachine.cas, CaMachine.subordinates))
    def a_pending_subordinate(self) -> str:
        return self.create("SUBORDINATE", crl=True)

    # -- creating and activating ----------------------------------------------------------
    @precondition(lambda self: len(self.model.cas) < MOST_CAS)
    @rule(targets=(CaMachine.cas, CaMachine.roots), crl=st.booleans())
    def create_root(self, crl: bool) -> str:
        return self.create("ROOT", crl)

    @precondition(lambda self: len(self.model.cas) < MOST_CAS)
    @rule(targets=(CaMachine.cas, CaMachine.subordinates), crl=st.booleans())
    def create_subordinate(self, crl: bool) -> str:
        return self.create("SUBORDINATE", crl)

    @rule(target=CaMachine.certificates, root=CaMachine.roots, days=CA_DAYS)
    def activate_any_root(self, root: str, days: int) -> MultipleResults[str]:
        return found(self.activate_root(root, days))

    @rule(
        target=CaMachine.certificates,
        subordinate=CaMachine.subordinates,
        parent=CaMachine.roots,
        days=CA_DAYS,
    )
    def activate_any_subordinate(
        self, subordinate: str, parent: str, days: int
    ) -> MultipleResults[str]:
        return found(self.activate_subordinate(subordinate, parent, days))

    # One precondition: the oldest hypothesis this project supports keeps only one of several.
    @precondition(
        lambda self: (
            bool(self.arns(kind="ROOT", statuses=(m.ACTIVE,)))
            and bool(self.arns(kind="SUBORDINATE", statuses=(m.PENDING, m.EXPIRED)))
        )
    )
    @rule(target=CaMachine.certificates, data=st.data(), days=CA_DAYS)
    def activate_a_waiting_subordinate(
        self, data: st.DataObject, days: int
    ) -> MultipleResults[str]:
        subordinate = data.draw(
            st.sampled_from(self.arns(kind="SUBORDINATE", statuses=(m.PENDING, m.EXPIRED)))
        )
        parent = data.draw(st.sampled_from(self.arns(kind="ROOT", statuses=(m.ACTIVE,))))
        return found(self.activate_subordinate(subordinate, parent, days))

    @precondition(lambda self: self.arns(kind="ROOT", statuses=(m.PENDING, m.EXPIRED)))
    @rule(target=CaMachine.certificates, data=st.data(), days=CA_DAYS)
    def activate_a_waiting_root(self, data: st.DataObject, days: int) -> MultipleResults[str]:
        root = data.draw(st.sampled_from(self.arns(kind="ROOT", statuses=(m.PENDING, m.EXPIRED))))
        return found(self.activate_root(root, days))

    # -- status changes -------------------------------------------------------------------
    @rule(ca=CaMachine.cas, status=st.sampled_from([m.ACTIVE, m.DISABLED]))
    def update_status(self, ca: str, status: str) -> None:
        before = self.model.cas[ca].last_change
        done = expect(
            self.model.error(ca, "UpdateCertificateAuthority"),
            lambda: self.pca.update_certificate_authority(
                CertificateAuthorityArn=ca, Status=status
            ),
            f"UpdateCertificateAuthority {status} on {self.model.cas[ca].status}",
        )
        if done is not None and not self.model.set_status(ca, status):
            self.adopt_last_change(ca, before)

    @rule(ca=CaMachine.cas, crl=st.booleans())
    def configure_crl(self, ca: str, crl: bool) -> None:
        before = self.model.cas[ca].last_change
        done = expect(
            self.model.error(ca, "UpdateCertificateAuthority"),
            lambda: self.pca.update_certificate_authority(
                CertificateAuthorityArn=ca, RevocationConfiguration=revocation(crl)
            ),
            f"UpdateCertificateAuthority RevocationConfiguration on {self.model.cas[ca].status}",
        )
        if done is not None:
            self.model.cas[ca].crl = crl
            self.adopt_last_change(ca, before)

    @rule(ca=CaMachine.cas, days=WINDOWS)
    def delete(self, ca: str, days: int | None) -> None:
        window = {} if days is None else {"PermanentDeletionTimeInDays": days}
        done = expect(
            self.model.error(ca, "DeleteCertificateAuthority"),
            lambda: self.pca.delete_certificate_authority(CertificateAuthorityArn=ca, **window),
            f"DeleteCertificateAuthority on {self.model.cas[ca].status}",
        )
        if done is not None:
            self.model.delete(ca, days)

    @rule(ca=CaMachine.cas)
    def delete_with_too_long_a_window(self, ca: str) -> None:
        # botocore checks only the minimum; the service refuses 31 before looking at the CA
        # (reference 1.3 and 5.1).
        expect(
            m.VALIDATION,
            lambda: self.pca.delete_certificate_authority(
                CertificateAuthorityArn=ca, PermanentDeletionTimeInDays=31
            ),
            "DeleteCertificateAuthority with a 31-day window",
        )

    @rule(ca=CaMachine.cas)
    def restore(self, ca: str) -> None:
        done = expect(
            self.model.error(ca, "RestoreCertificateAuthority"),
            lambda: self.pca.restore_certificate_authority(CertificateAuthorityArn=ca),
            f"RestoreCertificateAuthority on {self.model.cas[ca].status}",
        )
        if done is not None:
            self.model.restore(ca)

    @precondition(lambda self: self.arns(statuses=(m.ACTIVE, m.DISABLED)))
    @rule(data=st.data(), status=st.sampled_from([m.ACTIVE, m.DISABLED]))
    def switch_a_live_ca(self, data: st.DataObject, status: str) -> None:
        self.update_status(
            data.draw(st.sampled_from(self.arns(statuses=(m.ACTIVE, m.DISABLED)))), status
        )

    @precondition(lambda self: self.arns(statuses=(m.PENDING, m.DISABLED, m.EXPIRED)))
    @rule(data=st.data(), days=WINDOWS)
    def delete_a_deletable_ca(self, data: st.DataObject, days: int | None) -> None:
        deletable = self.arns(statuses=(m.PENDING, m.DISABLED, m.EXPIRED))
        self.delete(data.draw(st.sampled_from(deletable)), days)

    @precondition(lambda self: self.arns(statuses=(m.DELETED,)))
    @rule(data=st.data())
    def restore_a_deleted_ca(self, data: st.DataObject) -> None:
        self.restore(data.draw(st.sampled_from(self.arns(statuses=(m.DELETED,)))))

    @precondition(lambda self: self.arns(statuses=(m.ACTIVE, m.DISABLED, m.EXPIRED)))
    @rule(data=st.data(), days=WINDOWS, wait=st.sampled_from([1, 10, 25, 31]))
    def retire_then_restore(self, data: st.DataObject, days: int | None, wait: int) -> None:
        """Disable, delete, wait, restore: the restore paths of CAs that had a certificate
        (and may expire while deleted) are otherwise rare in a short run."""
        ca = data.draw(st.sampled_from(self.arns(statuses=(m.ACTIVE, m.DISABLED, m.EXPIRED))))
        if self.model.cas[ca].status == m.ACTIVE:
            self.update_status(ca, m.DISABLED)
        self.delete(ca, days)
        self.move_clock(dt.timedelta(days=wait))
        self.restore(ca)

    # -- the clock ------------------------------------------------------------------------
    @rule(delta=STEPS)
    def advance(self, delta: dt.timedelta) -> None:
        self.move_clock(delta)

    @rule(nudge=NUDGES)
    def advance_to_next_deadline(self, nudge: dt.timedelta) -> None:
        """To just before, at, or just after the next expiry or end of a restore window."""
        deadlines = self.model.deadlines()
        if deadlines:
            self.move_clock(max(deadlines[0] + nudge - self.model.now, dt.timedelta(0)))

    # -- certificates ---------------------------------------------------------------------
    @rule(target=CaMachine.certificates, ca=CaMachine.cas, days=LEAF_DAYS)
    def issue_from_any_ca(self, ca: str, days: int) -> MultipleResults[str]:
        return found(self.issue(ca, days))

    @precondition(lambda self: self.arns(statuses=(m.ACTIVE,)))
    @rule(target=CaMachine.certificates, data=st.data(), days=LEAF_DAYS)
    def issue_from_an_active_ca(self, data: st.DataObject, days: int) -> MultipleResults[str]:
        return found(self.issue(data.draw(st.sampled_from(self.arns(statuses=(m.ACTIVE,)))), days))

    @rule(certificate=CaMachine.certificates)
    def get_certificate(self, certificate: str) -> None:
        self.read_certificate(certificate)

    @rule(certificate=CaMachine.certificates, reason=REASONS)
    def revoke_any(self, certificate: str, reason: str) -> None:
        self.revoke(certificate, reason)

    def revocable(self) -> list[str]:
        return [
            certificate.arn
            for ca in self.arns(statuses=(m.ACTIVE, m.DISABLED))
            for certificate in self.model.cas[ca].certificates.values()
            if not certificate.self_signed and not certificate.revoked
        ]

    @precondition(lambda self: self.revocable())
    @rule(data=st.data(), reason=REASONS)
    def revoke_a_live_certificate(self, data: st.DataObject, reason: str) -> None:
        self.revoke(data.draw(st.sampled_from(self.revocable())), reason)

    @rule(ca=CaMachine.cas)
    def read_ca(self, ca: str) -> None:
        """The CSR and the CA certificate answer by status (reference 1.4)."""
        self.csr_of(ca)
        answer = expect(
            self.model.error(ca, "GetCertificateAuthorityCertificate"),
            lambda: self.pca.get_certificate_authority_certificate(CertificateAuthorityArn=ca),
            f"GetCertificateAuthorityCertificate on {self.model.cas[ca].status}",
        )
        if answer is not None:
            parsed = x509.load_pem_x509_certificate(answer["Certificate"].encode())
            assert parsed.not_valid_after_utc == self.model.cas[ca].not_after

    @rule(ca=CaMachine.cas)
    def check_crl(self, ca: str) -> None:
        """An hour on (a revocation reaches the CRL within about 30 minutes, reference 2.8 and
        3.1), the CRL of an ACTIVE or DISABLED CA lists what was revoked while CRLs were on."""
        self.move_clock(dt.timedelta(hours=1))
        authority = self.model.cas[ca]
        key = f"crl/{ca.rsplit('/', 1)[1]}.crl"
        written = key in self.mock.objects.keys(BUCKET)
        if not any(c.names_crl for c in authority.certificates.values()):
            # Reference 3.1 (C): nothing is written before a certificate names the CRL.
            assert not written, f"a CRL for {ca} before any certificate named it"
            return
        if authority.gone or authority.status not in (m.ACTIVE, m.DISABLED):
            return
        if not authority.crl_expected():
            return
        assert written, f"no CRL for {ca} although a certificate names it"
        crl = x509.load_der_x509_crl(self.mock.objects.get(BUCKET, key))
        listed = {revoked.serial_number for revoked in crl}
        revoked = {
            int(serial_of(c.arn), 16): c for c in authority.certificates.values() if c.revoked
        }
        assert listed <= set(revoked), "the CRL lists a certificate that was never revoked"
        due = {
            serial
            for serial, c in revoked.items()
            if c.revoked_under_crl and c.not_after > self.model.now
        }
        assert due <= listed, f"revoked serials missing from the CRL: {due - listed}"
        pem = self.pca.get_certificate_authority_certificate(CertificateAuthorityArn=ca)
        signer = x509.load_pem_x509_certificate(pem["Certificate"].encode())
        assert crl.issuer == signer.subject
        assert crl.is_signature_valid(signer.public_key())  # type: ignore[arg-type]

    # -- what certmock says after every step ----------------------------------------------
    @invariant()
    def listing_matches_the_model(self) -> None:
        listed = paginate(self.pca, "list_certificate_authorities", "CertificateAuthorities")
        assert {ca["Arn"]: ca["Status"] for ca in listed} == self.model.visible()

    @invariant()
    def every_ca_describes_as_the_model_says(self) -> None:
        for arn, ca in self.model.cas.items():
            described, code = outcome(functools.partial(self.describe, arn))
            if ca.gone:
                assert code == m.NOT_FOUND, f"{arn} past its restore window answered {code}"
                continue
            assert described is not None, f"DescribeCertificateAuthority {arn} failed: {code}"
            assert (described["Status"], described["Type"]) == (ca.status, ca.kind)
            assert described.get("RestorableUntil") == ca.restorable_until
            assert described.get("NotAfter") == ca.not_after
            assert described["LastStateChangeAt"] == ca.last_change
            crl = described["RevocationConfiguration"]["CrlConfiguration"]
            assert crl["Enabled"] == ca.crl


TestCaLifecycle = CaLifecycle.TestCase
TestCaLifecycle.settings = machine_settings(examples=50, steps=40)
