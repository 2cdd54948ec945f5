"""ACM Private CA: the rules and state of one account in one region.

Plain Python: typed arguments in, records or plain data out, ``ServiceError`` for refusals.
Time comes from the scope's clock; the end of a deleted CA's restore window and the lapse of an
idempotency token are scheduled on the world's timeline, so they happen at their due time
however the clock is moved.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator
from typing import Any

from cryptography import x509

from certmock.errors import ServiceError
from certmock.pki import certs
from certmock.pki.csr import (
    MalformedCSR,
    build_ca_csr,
    key_usage,
    load_csr,
    subject_information_access,
)
from certmock.pki.keys import (
    PrivateKey,
    UnsupportedAlgorithm,
    generate_private_key,
    same_public_key,
    signing_mismatch,
    supported_key_algorithms,
)
from certmock.pki.names import x509_name
from certmock.services import tagging
from certmock.services.acmpca import authority as ca_status
from certmock.services.acmpca import issuance, templates
from certmock.services.acmpca import validity as periods
from certmock.services.acmpca.arns import CertificateAuthorityArn, parse_certificate_authority_arn
from certmock.services.acmpca.authority import (
    CertificateAuthority,
    IssuedCertificate,
    Permission,
)
from certmock.services.acmpca.crl_publisher import CrlPublisher
from certmock.services.acmpca.policy import grants, parse_policy
from certmock.services.acmpca.reports import AuditReport, AuditReports
from certmock.services.acmpca.revocation import checked_revocation_configuration
from certmock.world import Scope

# Quota L-799883CD; a DELETED CA counts until its restore window ends.
MAX_CERTIFICATE_AUTHORITIES = 200
IDEMPOTENCY_WINDOW = _dt.timedelta(minutes=5)
DEFAULT_PERMANENT_DELETION_DAYS = 30
ACM_PRINCIPAL = "acm.amazonaws.com"
# With realistic=True: how long a new CA is CREATING, and a new certificate not retrievable.
CREATION_TIME = _dt.timedelta(seconds=3)
RETRIEVAL_DELAY = _dt.timedelta(seconds=2)
SHORT_LIVED = "SHORT_LIVED_CERTIFICATE"
SHORT_LIVED_MAXIMUM = _dt.timedelta(days=7)
# The only KeyStorageSecurityStandard of the China regions.
CHINA_STANDARD = "CCPC_LEVEL_1_OR_HIGHER"
_HEX_DIGITS = re.compile(r"[0-9a-fA-F]+")


def check_signing_algorithm(key_algorithm: str, signing_algorithm: str) -> None:
    mismatch = signing_mismatch(key_algorithm, signing_algorithm)
    if mismatch is not None:
        raise ServiceError("InvalidArgsException", mismatch)


def _check_subject_and_extensions(configuration: dict[str, Any]) -> None:
    """Refuse at creation what could never become the CA's CSR (a subject mixing
    CustomAttributes with standard ones, key usages X.509 forbids together, ...)."""
    extensions = configuration.get("CsrExtensions") or {}
    try:
        x509_name(configuration["Subject"])
        if extensions.get("KeyUsage") is not None:
            key_usage(extensions["KeyUsage"])
        if extensions.get("SubjectInformationAccess"):
            subject_information_access(extensions["SubjectInformationAccess"])
    except ValueError as invalid:
        raise ServiceError("InvalidArgsException", str(invalid)) from None


class AcmPcaBackend:
    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self._authorities: dict[str, CertificateAuthority] = {}
        self._idempotency: dict[str, str] = {}
        self._issue_tokens: dict[tuple[str, str], str] = {}
        self._crls = CrlPublisher(scope, self._key)
        self._reports = AuditReports(scope)

    # -- looking CAs up ---------------------------------------------------------------------
    def _not_found(self, arn: str) -> ServiceError:
        # AWS's wording is not documented; this names the ARN so the test can be fixed.
        return ServiceError(
            "ResourceNotFoundException",
            f"Could not find certificate authority {arn} in account "
            f"{self.scope.account_id}, region {self.scope.region}.",
        )

    def authority(self, arn: str, action: str) -> CertificateAuthority:
        """One of this account's CAs, in any status, for ``action`` (an operation name)."""
        parsed = parse_certificate_authority_arn(arn)
        if parsed.account_id != self.scope.account_id and parsed.region == self.scope.region:
            # Another account's CA is reachable only through its resource policy, and only for
            # reading: the caller gets AccessDenied, as from AWS, not a hint that it exists.
            raise self._access_denied(action, arn)
        found = self._authorities.get(arn)
        if found is None:
            raise self._not_found(arn)
        return found

    def readable_authority(self, arn: str, action: str) -> CertificateAuthority:
        """A CA this account owns, or another account's CA whose policy grants ``action``."""
        parsed = parse_certificate_authority_arn(arn)
        if parsed.account_id == self.scope.account_id or parsed.region != self.scope.region:
            return self.authority(arn, action)
        other = self.scope.world.backends("acm-pca").get((parsed.account_id, parsed.region))
        shared = other._authorities.get(arn) if isinstance(other, AcmPcaBackend) else None
        if shared is None or not grants(
            shared.policy, self.scope.account_id, f"acm-pca:{action}", arn
        ):
            raise self._access_denied(action, arn)
        return shared

    def _access_denied(self, action: str, arn: str) -> ServiceError:
        caller = f"arn:{self.scope.partition}:iam::{self.scope.account_id}:root"
        return ServiceError(
            "AccessDeniedException",
            f"User: {caller} is not authorized to perform: acm-pca:{action} on resource: {arn} "
            f"because no resource-based policy allows the acm-pca:{action} action",
        )

    def _not_deleted(
        self, arn: str, operation: str, *, shared: bool = False
    ) -> CertificateAuthority:
        """A CA that is not DELETED; ``shared`` admits another account's CA its policy opens."""
        found = (
            self.readable_authority(arn, operation) if shared else self.authority(arn, operation)
        )
        if found.status == ca_status.DELETED:
            # TF-PCA matches "The certificate authority is in the DELETED state".
            raise ServiceError(
                "InvalidStateException",
                f"The certificate authority is in the DELETED state: {arn} cannot be used for "
                f"{operation} until it is restored.",
            )
        return found

    # -- lifecycle ------------------------------------------------------------------------
    def create_certificate_authority(
        self,
        *,
        configuration: dict[str, Any],
        authority_type: str,
        revocation_configuration: dict[str, Any] | None = None,
        idempotency_token: str | None = None,
        key_storage_security_standard: str = "FIPS_140_2_LEVEL_3_OR_HIGHER",
        usage_mode: str = "GENERAL_PURPOSE",
        tags: list[dict[str, str]] | None = None,
    ) -> CertificateAuthority:
        if idempotency_token is not None and idempotency_token in self._idempotency:
            # Same token within five minutes: the same CA, and no second one.
            return self._authorities[self._idempotency[idempotency_token]]
        check_signing_algorithm(configuration["KeyAlgorithm"], configuration["SigningAlgorithm"])
        _check_subject_and_extensions(configuration)
        if configuration["KeyAlgorithm"] not in supported_key_algorithms():
            try:
                generate_private_key(configuration["KeyAlgorithm"])
            except UnsupportedAlgorithm as unsupported:
                raise ServiceError("InvalidArgsException", str(unsupported)) from None
        if self.scope.partition == "aws-cn" and key_storage_security_standard != CHINA_STANDARD:
            # China regions take only CCPC_LEVEL_1_OR_HIGHER, not even the default (AWS's China
            # guide; the text is the API reference's).
            raise ServiceError(
                "InvalidArgsException",
                "A certificate authority cannot be created in this region with the specified "
                f"security standard. {self.scope.region} accepts KeyStorageSecurityStandard "
                f"{CHINA_STANDARD} only.",
            )
        stored_revocation = checked_revocation_configuration(revocation_configuration)
        tag_pairs = [(tag["Key"], tag.get("Value", "")) for tag in tags or []]
        tagging.check_user_tags(key for key, _ in tag_pairs)
        if len(self._authorities) >= MAX_CERTIFICATE_AUTHORITIES:
            raise ServiceError(
                "LimitExceededException",
                f"You have reached the quota of {MAX_CERTIFICATE_AUTHORITIES} private "
                f"certificate authorities in {self.scope.region} (deleted CAs count until "
                "their restore period ends).",
            )
        now = self.scope.now()
        arn = str(
            CertificateAuthorityArn(
                self.scope.partition,
                self.scope.region,
                self.scope.account_id,
                self.scope.new_uuid(),
            )
        )
        created = CertificateAuthority(
            arn=arn,
            sequence=self.scope.world.next_sequence(),
            owner_account=self.scope.account_id,
            type=authority_type,
            configuration=configuration,
            revocation_configuration=stored_revocation,
            key_storage_security_standard=key_storage_security_standard,
            usage_mode=usage_mode,
            created_at=now,
            status=ca_status.CREATING
            if self.scope.world.realistic
            else ca_status.PENDING_CERTIFICATE,
            last_state_change_at=now,
            tags=tagging.merged_tags({}, tag_pairs, arn),
        )
        self._authorities[arn] = created
        if created.status == ca_status.CREATING:
            self.scope.schedule(now + CREATION_TIME, lambda due: self._created(created, due))
        if idempotency_token is not None:
            self._remember_token(self._idempotency, idempotency_token, arn, now)
        self.scope.emit("aws.acm-pca", "ACM Private CA Creation", [arn], {"result": "success"})
        return created

    @staticmethod
    def _created(created: CertificateAuthority, due: _dt.datetime) -> None:
        if created.status == ca_status.CREATING:
            created.change_status(ca_status.PENDING_CERTIFICATE, due)

    def _remember_token(
        self, table: dict[Any, str], token: Any, arn: str, now: _dt.datetime
    ) -> None:
        """``token`` answers with ``arn`` for five minutes (IdempotencyToken docs)."""
        table[token] = arn

        def lapse(_: _dt.datetime) -> None:
            if table.get(token) == arn:
                del table[token]

        self.scope.schedule(now + IDEMPOTENCY_WINDOW, lapse)

    def list_certificate_authorities(
        self, resource_owner: str = "SELF"
    ) -> list[CertificateAuthority]:
        if resource_owner == "SELF":
            return list(self._authorities.values())
        # Pages continue after the last CA's creation sequence, so the CAs of several owners
        # must be in creation order, not grouped by owner.
        return sorted(self._shared_with_me(), key=lambda shared: shared.sequence)

    def _shared_with_me(self) -> Iterator[CertificateAuthority]:
        """CAs of other accounts in this region whose policy lets this account describe them."""
        for (account_id, region), other in self.scope.world.backends("acm-pca").items():
            if account_id == self.scope.account_id or region != self.scope.region:
                continue
            for shared in other._authorities.values():
                if grants(
                    shared.policy,
                    self.scope.account_id,
                    "acm-pca:DescribeCertificateAuthority",
                    shared.arn,
                ):
                    yield shared

    def update_certificate_authority(
        self,
        arn: str,
        *,
        status: str | None = None,
        revocation_configuration: dict[str, Any] | None = None,
    ) -> None:
        found = self.authority(arn, "UpdateCertificateAuthority")
        if found.status not in ca_status.UPDATABLE:
            raise ServiceError(
                "InvalidStateException",
                f"The certificate authority must be in the ACTIVE or DISABLED state to be "
                f"updated; {arn} is {found.status}.",
            )
        if status is not None and status not in ca_status.UPDATABLE:
            raise ServiceError(
                "InvalidArgsException",
                f"Status can only be set to ACTIVE or DISABLED, not {status}.",
            )
        if revocation_configuration is not None:
            checked = checked_revocation_configuration(revocation_configuration)
            found.revocation_configuration = {**found.revocation_configuration, **checked}
        if status is not None:
            found.change_status(status, self.scope.now())

    def delete_certificate_authority(
        self, arn: str, permanent_deletion_time_in_days: int | None = None
    ) -> None:
        found = self.authority(arn, "DeleteCertificateAuthority")
        if found.status not in ca_status.DELETABLE:
            raise ServiceError(
                "InvalidStateException",
                "The certificate authority is not in a valid state for deletion. "
                f"{arn} is {found.status}"
                + ("; disable it first." if found.status == ca_status.ACTIVE else "."),
            )
        now = self.scope.now()
        if found.status not in ca_status.RESTORABLE_WHEN_DELETED:
            # CREATING and FAILED CAs have no restoration period.
            self._remove(found)
            return
        days = permanent_deletion_time_in_days or DEFAULT_PERMANENT_DELETION_DAYS
        found.status_before_deletion = found.status
        found.restorable_until = now + _dt.timedelta(days=days)
        found.change_status(ca_status.DELETED, now)
        found.permanent_deletion = self.scope.schedule(
            found.restorable_until, lambda _: self._remove(found)
        )

    def _remove(self, removed: CertificateAuthority) -> None:
        self._authorities.pop(removed.arn, None)
        self._crls.forget(removed)
        for token in [t for t, arn in self._idempotency.items() if arn == removed.arn]:
            del self._idempotency[token]

    def restore_certificate_authority(self, arn: str) -> None:
        found = self.authority(arn, "RestoreCertificateAuthority")
        if found.status != ca_status.DELETED or found.status_before_deletion is None:
            raise ServiceError(
                "InvalidStateException",
                "The certificate authority is not in a valid state for restoration. "
                f"{arn} is {found.status}; only a DELETED CA can be restored.",
            )
        if found.permanent_deletion is not None:
            found.permanent_deletion.cancel()
        found.change_status(found.status_before_deletion, self.scope.now())
        found.status_before_deletion = None
        found.restorable_until = None
        found.permanent_deletion = None
        self._crls.restored(found)

    # -- tags -----------------------------------------------------------------------------
    def tag_certificate_authority(self, arn: str, tags: list[dict[str, str]]) -> None:
        found = self._not_deleted(arn, "TagCertificateAuthority")
        pairs = [(tag["Key"], tag.get("Value", "")) for tag in tags]
        tagging.check_user_tags(key for key, _ in pairs)
        found.tags = tagging.merged_tags(found.tags, pairs, arn)

    def untag_certificate_authority(self, arn: str, tags: list[dict[str, str]]) -> None:
        found = self._not_deleted(arn, "UntagCertificateAuthority")
        found.tags = tagging.without_tags(found.tags, ((t["Key"], t.get("Value")) for t in tags))

    def list_tags(self, arn: str) -> list[tuple[str, str]]:
        found = self._not_deleted(arn, "ListTags", shared=True)
        return list(found.tags.items())

    # -- resource policy ------------------------------------------------------------------
    def put_policy(self, arn: str, policy: str) -> None:
        found = self._not_deleted(arn, "PutPolicy")
        parse_policy(policy)
        found.policy = policy

    def get_policy(self, arn: str) -> str:
        found = self._not_deleted(arn, "GetPolicy", shared=True)
        if found.policy is None:
            raise ServiceError(
                "ResourceNotFoundException", f"The certificate authority {arn} has no policy."
            )
        return found.policy

    def delete_policy(self, arn: str) -> None:
        # Deleting a policy that is not there succeeds (DeletePolicy API reference).
        self._not_deleted(arn, "DeletePolicy").policy = None

    # -- permissions for ACM --------------------------------------------------------------
    def create_permission(
        self, arn: str, principal: str, actions: list[str], source_account: str | None = None
    ) -> None:
        found = self._not_deleted(arn, "CreatePermission")
        if principal != ACM_PRINCIPAL:
            raise ServiceError(
                "InvalidArgsException",
                f"The principal '{principal}' cannot be given permissions; the only valid "
                f"principal is {ACM_PRINCIPAL}.",
            )
        if principal in found.permissions:
            raise ServiceError(
                "PermissionAlreadyExistsException",
                f"The designated permission has already been given to the user: {principal} "
                f"already has a permission on {arn}.",
            )
        found.permissions[principal] = Permission(
            principal=principal,
            actions=list(dict.fromkeys(actions)),
            source_account=source_account,
            created_at=self.scope.now(),
            sequence=self.scope.world.next_sequence(),
        )

    def delete_permission(
        self, arn: str, principal: str, source_account: str | None = None
    ) -> None:
        found = self._not_deleted(arn, "DeletePermission")
        permission = found.permissions.get(principal)
        if permission is None or (
            source_account is not None and permission.source_account != source_account
        ):
            raise ServiceError(
                "ResourceNotFoundException",
                f"There is no permission for {principal} on {arn}.",
            )
        del found.permissions[principal]

    def list_permissions(self, arn: str) -> list[Permission]:
        found = self._not_deleted(arn, "ListPermissions", shared=True)
        return list(found.permissions.values())

    # -- the CA's key, CSR and certificate --------------------------------------------------
    def _key(self, found: CertificateAuthority) -> PrivateKey:
        if found.private_key is None:
            found.private_key = self.scope.world.keys.private_key(
                found.configuration["KeyAlgorithm"]
            )
        return found.private_key

    def get_certificate_authority_csr(self, arn: str) -> str:
        found = self.authority(arn, "GetCertificateAuthorityCsr")
        if found.status == ca_status.CREATING:
            # The CertificateAuthorityCSRCreated waiter retries on this error.
            raise ServiceError(
                "RequestInProgressException",
                f"The certificate authority {arn} is still being created; its CSR is not "
                "ready yet.",
            )
        if found.status not in (
            ca_status.PENDING_CERTIFICATE,
            ca_status.EXPIRED,
            *ca_status.UPDATABLE,
        ):
            raise self._wrong_state_for_csr(found)
        if found.csr_pem is None:
            found.csr_pem = build_ca_csr(
                self._key(found),
                found.configuration["Subject"],
                found.configuration["SigningAlgorithm"],
                found.configuration.get("CsrExtensions"),
            ).decode()
        return found.csr_pem

    @staticmethod
    def _wrong_state_for_csr(found: CertificateAuthority) -> ServiceError:
        # Sic: AWS mentions a CSR also when the CA *certificate* is asked for (TF#26968).
        return ServiceError(
            "InvalidStateException",
            f"The certificate authority {found.arn} is not in the correct state to have a "
            f"certificate signing request. It is {found.status}.",
        )

    def get_certificate_authority_certificate(self, arn: str) -> tuple[str, str | None]:
        found = self.readable_authority(arn, "GetCertificateAuthorityCertificate")
        if found.certificate is None or found.status not in (
            ca_status.ACTIVE,
            ca_status.DISABLED,
            ca_status.EXPIRED,
        ):
            raise self._wrong_state_for_csr(found)
        return certs.pem(found.certificate), found.certificate_chain_pem

    def import_certificate_authority_certificate(
        self, arn: str, certificate: bytes, certificate_chain: bytes | None = None
    ) -> None:
        found = self.authority(arn, "ImportCertificateAuthorityCertificate")
        if found.status not in (ca_status.PENDING_CERTIFICATE, ca_status.ACTIVE, ca_status.EXPIRED):
            raise ServiceError(
                "InvalidStateException",
                f"The certificate authority {arn} is {found.status}; a certificate can be "
                "imported only while it is PENDING_CERTIFICATE, ACTIVE or EXPIRED.",
            )
        try:
            parsed = certs.load_certificate(certificate)
            chain = certs.load_certificate_chain(certificate_chain) if certificate_chain else []
        except certs.MalformedCertificate as malformed:
            raise ServiceError("MalformedCertificateException", str(malformed)) from None
        try:
            certs.check_ca_certificate(
                parsed, chain, ca_type=found.type, ca_public_key=self._key(found).public_key()
            )
        except certs.CertificateRejected as rejected:
            raise ServiceError(rejected.code, str(rejected)) from None
        self._install(found, parsed, "".join(certs.pem(c) for c in chain) or None)

    def _install(
        self, found: CertificateAuthority, certificate: x509.Certificate, chain_pem: str | None
    ) -> None:
        """The CA's certificate is (re)placed: ACTIVE, dates and serial from it, and EXPIRED
        scheduled for its NotAfter."""
        found.certificate = certificate
        found.certificate_chain_pem = chain_pem
        found.not_before = certificate.not_valid_before_utc
        found.not_after = certificate.not_valid_after_utc
        found.serial = certs.serial_colon_hex(certificate.serial_number)
        if found.status != ca_status.ACTIVE:
            found.change_status(ca_status.ACTIVE, self.scope.now())
        if found.expiry is not None:
            found.expiry.cancel()
        # A certificate that has already expired makes the CA EXPIRED as of now: a status may
        # not change at a time before its last change.
        expires = max(found.not_after, self.scope.now())
        found.expiry = self.scope.schedule(expires, lambda due: self._expire(found, due))

    @staticmethod
    def _expire(found: CertificateAuthority, due: _dt.datetime) -> None:
        if found.status in ca_status.UPDATABLE:
            found.change_status(ca_status.EXPIRED, due)
        elif found.status == ca_status.DELETED and found.status_before_deletion in (
            ca_status.UPDATABLE
        ):
            found.status_before_deletion = ca_status.EXPIRED

    # -- issuing ---------------------------------------------------------------------------
    def issue_certificate(
        self,
        arn: str,
        *,
        csr: bytes,
        signing_algorithm: str,
        validity: dict[str, Any],
        template_arn: str | None = None,
        validity_not_before: dict[str, Any] | None = None,
        api_passthrough: dict[str, Any] | None = None,
        idempotency_token: str | None = None,
    ) -> str:
        found = self.readable_authority(arn, "IssueCertificate")
        if idempotency_token is not None and (arn, idempotency_token) in self._issue_tokens:
            # Same token within five minutes: the same certificate, and no second one.
            return self._issue_tokens[(arn, idempotency_token)]
        template = templates.lookup(template_arn, parse_certificate_authority_arn(arn).partition)
        if found.owner_account != self.scope.account_id and template.name not in (
            templates.CROSS_ACCOUNT
        ):
            raise ServiceError(
                "AccessDeniedException",
                f"Account {self.scope.account_id} may not use {template_arn} with the shared CA "
                f"{arn}: other accounts may use only "
                f"{', '.join(sorted(t + '/V1' for t in templates.CROSS_ACCOUNT))}.",
            )
        try:
            request = load_csr(csr)
        except MalformedCSR as malformed:
            raise ServiceError("MalformedCSRException", str(malformed)) from None
        issued = self._issue(
            found,
            request,
            template=template,
            signing_algorithm=signing_algorithm,
            validity=validity,
            validity_not_before=validity_not_before,
            api_passthrough=api_passthrough,
            requested_by=None,
        )
        if idempotency_token is not None:
            self._remember_token(
                self._issue_tokens, (arn, idempotency_token), issued.arn, issued.issued_at
            )
        return issued.arn

    def _issue(
        self,
        found: CertificateAuthority,
        request: x509.CertificateSigningRequest,
        *,
        template: templates.Template,
        signing_algorithm: str,
        validity: dict[str, Any],
        validity_not_before: dict[str, Any] | None,
        api_passthrough: dict[str, Any] | None,
        requested_by: str | None,
    ) -> IssuedCertificate:
        """Sign ``request`` with ``found``: the one path every issued certificate takes."""
        arn = found.arn
        # A root CA signs its own CSR to activate (while PENDING_CERTIFICATE) or to renew its
        # certificate (while ACTIVE, or once EXPIRED): the documented root installation flow.
        if template.root and found.type != "ROOT":
            raise ServiceError(
                "InvalidArgsException",
                f"{template.name}/V1 issues a root CA's own certificate; {arn} is a "
                f"{found.type} CA.",
            )
        issuing_states = (
            (ca_status.PENDING_CERTIFICATE, ca_status.ACTIVE, ca_status.EXPIRED)
            if template.root
            else (ca_status.ACTIVE,)
        )
        if found.status not in issuing_states:
            # TF-PCA retries on this text.
            raise ServiceError(
                "InvalidStateException",
                "The certificate authority is not in a valid state for issuing "
                f"certificates. {arn} is {found.status}.",
            )
        key = self._key(found)
        check_signing_algorithm(found.configuration["KeyAlgorithm"], signing_algorithm)
        if template.root and not same_public_key(request.public_key(), key.public_key()):
            raise ServiceError(
                "InvalidArgsException",
                f"{template.name}/V1 can only sign the CSR of the root CA {arn} itself "
                "(GetCertificateAuthorityCsr); this CSR has another public key.",
            )
        now = self.scope.now()
        starts = periods.not_before(validity_not_before, now)
        ends = periods.resolve(validity, now)
        issuer_certificate = None if template.root else found.certificate
        issuance.check_validity(template, starts, ends, issuer_certificate)
        # The limit is on what the caller asks for: from its ValidityNotBefore, or else from
        # issuance (the default hour of backdating is AWS's own), so DAYS=7 fits. A root's own
        # certificate is the CA's, not one it issues, and is not limited.
        asked_from = starts if validity_not_before is not None else now
        if (
            found.usage_mode == SHORT_LIVED
            and not template.root
            and ends - asked_from > SHORT_LIVED_MAXIMUM
        ):
            raise ServiceError(
                "InvalidArgsException",
                f"{arn} is a SHORT_LIVED_CERTIFICATE CA: its certificates may be valid for at "
                f"most {SHORT_LIVED_MAXIMUM.days} days; this one would be valid from "
                f"{starts:%Y-%m-%dT%H:%M:%SZ} to {ends:%Y-%m-%dT%H:%M:%SZ}.",
            )
        if issuer_certificate is not None:
            issuance.check_path_length(template, issuer_certificate)
        parsed_arn = parse_certificate_authority_arn(arn)
        extensions = issuance.extensions(
            template,
            request,
            api_passthrough,
            revocation=found.revocation_configuration,
            crl_name=self._owner(found)._crls.crl_name(found),
            region=parsed_arn.region,
            partition=parsed_arn.partition,
        )
        serial = certs.new_serial(self.scope.world.ids.randbits)
        while serial in found.issued:
            serial = certs.new_serial(self.scope.world.ids.randbits)
        try:
            certificate = certs.sign_certificate(
                csr=request,
                issuer_key=key,
                issuer_certificate=issuer_certificate,
                signing_algorithm=signing_algorithm,
                serial=serial,
                not_before=starts,
                not_after=ends,
                extensions=extensions,
                subject=issuance.subject(template, request, api_passthrough),
            )
        except ValueError as invalid:
            # A safety net: the checks above leave cryptography nothing known to refuse.
            raise ServiceError("InvalidArgsException", str(invalid)) from None
        try:
            # Parsed lazily: only a CustomExtensions value under a known OID (say subjectAltName)
            # can be unreadable here. AWS's answer is undocumented; certmock hands out no
            # certificate that cryptography cannot read back.
            certificate.extensions  # noqa: B018
        except ValueError as unreadable:
            raise ServiceError(
                "InvalidArgsException",
                "ApiPassthrough.Extensions.CustomExtensions: a Value is not the DER its "
                f"ObjectIdentifier's extension requires ({unreadable}).",
            ) from None
        certificate_arn = f"{arn}/certificate/{certs.serial_hex(serial)}"
        issued = IssuedCertificate(
            certificate_arn,
            serial,
            certificate,
            None if template.root else self._chain_of(found),
            now,
            templates.template_arn(template.name, parsed_arn.partition),
            self.scope.account_id,
            requested_by=requested_by,
            retrievable_at=now + RETRIEVAL_DELAY if self.scope.world.realistic else None,
        )
        found.issued[serial] = issued
        # The event goes to the CA owner's bus, also when a shared CA issues for another account.
        self._owner_scope(found).emit(
            "aws.acm-pca",
            "ACM Private CA Certificate Issuance",
            [arn, certificate_arn],
            {"result": "success"},
        )
        if not template.root:
            self._owner(found)._crls.certificate_issued(found)
        return issued

    def _owner(self, found: CertificateAuthority) -> AcmPcaBackend:
        """The backend of the account that owns ``found``. A shared CA's CRL is the owner's:
        certificates another account issues must name the same CRL (a PARTITIONED CRL's id
        lives with the publisher) and revocations must land in it."""
        if found.owner_account == self.scope.account_id:
            return self
        parsed = parse_certificate_authority_arn(found.arn)
        owner = self.scope.world.backends("acm-pca")[(found.owner_account, parsed.region)]
        assert isinstance(owner, AcmPcaBackend)
        return owner

    def _owner_scope(self, found: CertificateAuthority) -> Scope:
        parsed = parse_certificate_authority_arn(found.arn)
        return Scope(self.scope.world, found.owner_account, parsed.region)

    @staticmethod
    def _chain_of(found: CertificateAuthority) -> str:
        """GetCertificate's CertificateChain: the issuing CA's certificate up to the root."""
        assert found.certificate is not None  # an ACTIVE CA has one
        return certs.pem(found.certificate) + (found.certificate_chain_pem or "")

    def issued_certificate(
        self, found: CertificateAuthority, certificate_arn: str
    ) -> IssuedCertificate:
        prefix = f"{found.arn}/certificate/"
        serial_text = certificate_arn[len(prefix) :] if certificate_arn.startswith(prefix) else ""
        # Hex digits only: int(..., 16) alone would also take "0x12", "1_2" or " 12".
        if not _HEX_DIGITS.fullmatch(serial_text):
            raise ServiceError(
                "InvalidArnException",
                f"Not a valid arn: {certificate_arn} is not a certificate of {found.arn}.",
            )
        issued = found.issued.get(int(serial_text, 16))
        if issued is None:
            raise ServiceError(
                "ResourceNotFoundException",
                f"Could not find certificate {certificate_arn}.",
            )
        return issued

    def get_certificate(self, arn: str, certificate_arn: str) -> tuple[str, str | None]:
        found = self.readable_authority(arn, "GetCertificate")
        if found.status == ca_status.DELETED:
            raise ServiceError(
                "InvalidStateException",
                f"The certificate authority {arn} is not in the correct state to have issued "
                "certificates.",
            )
        issued = self.issued_certificate(found, certificate_arn)
        if issued.retrievable_at is not None and self.scope.now() < issued.retrievable_at:
            # The CertificateIssued waiter retries on this error.
            raise ServiceError(
                "RequestInProgressException",
                f"The certificate {certificate_arn} is still being issued; try again in a few "
                "seconds.",
            )
        # Revoked and expired certificates are returned as they were issued.
        return certs.pem(issued.certificate), issued.chain_pem

    # -- revoking --------------------------------------------------------------------------
    def revoke_certificate(self, arn: str, serial_text: str, reason: str) -> None:
        found = self.readable_authority(arn, "RevokeCertificate")
        if found.status not in ca_status.UPDATABLE:
            raise ServiceError(
                "InvalidStateException",
                f"The certificate authority {arn} is {found.status}; certificates can be "
                "revoked only while it is ACTIVE or DISABLED.",
            )
        serial = parse_serial(serial_text)
        issued = None if serial is None else found.issued.get(serial)
        # A root's certificate, installed (perhaps made outside certmock) or issued by a root
        # template (the only certificates issued without a chain). TF-PCA matches this text.
        if (issued is not None and issued.chain_pem is None) or (
            found.type == "ROOT"
            and found.certificate is not None
            and serial == found.certificate.serial_number
        ):
            raise ServiceError(
                "InvalidRequestException", "Self-signed certificate can not be revoked."
            )
        if issued is None:
            raise ServiceError(
                "ResourceNotFoundException",
                f"Could not find a certificate with serial {serial_text} issued by {arn}.",
            )
        if issued.revoked_at is not None:
            raise ServiceError(
                "RequestAlreadyProcessedException", "Your request has already been completed."
            )
        now = self.scope.now()
        issued.revoked_at = now
        issued.revocation_reason = reason
        self._owner_scope(found).emit(
            "aws.acm-pca",
            "ACM Private CA Certificate Revocation",
            [arn, issued.arn],
            {"result": "success"},
        )
        self._owner(found)._crls.certificate_revoked(found, issued)

    # -- audit reports ---------------------------------------------------------------------
    def create_audit_report(self, arn: str, bucket: str, response_format: str) -> AuditReport:
        found = self.authority(arn, "CreateCertificateAuthorityAuditReport")
        if found.status not in ca_status.UPDATABLE and found.status != ca_status.EXPIRED:
            raise ServiceError(
                "InvalidStateException",
                f"The certificate authority {arn} is {found.status}; audit reports can be "
                "created while it is ACTIVE, DISABLED or EXPIRED.",
            )
        return self._reports.create(found, bucket, response_format)

    def describe_audit_report(self, arn: str, report_id: str) -> AuditReport:
        self.authority(arn, "DescribeCertificateAuthorityAuditReport")
        return self._reports.describe(arn, report_id)

    # -- issuing on behalf of ACM ----------------------------------------------------------
    def issue_for_acm(
        self,
        arn: str,
        request: x509.CertificateSigningRequest,
        *,
        requester_account: str,
        renewal: bool,
        validity_days: int,
    ) -> IssuedCertificate:
        """A certificate ACM asks for (RequestCertificate with a CertificateAuthorityArn, or a
        renewal): EndEntityCertificate/V1, the CA's signing algorithm, recorded as requested
        by acm.amazonaws.com. Renewals need the CA's permissions for acm.amazonaws.com."""
        found = self.readable_authority(arn, "IssueCertificate")
        if renewal and not _acm_may_renew(found, requester_account):
            raise ServiceError(
                "AccessDeniedException",
                f"{ACM_PRINCIPAL} has no permission to IssueCertificate, GetCertificate and "
                f"ListPermissions on {arn} (CreatePermission).",
            )
        return self._issue(
            found,
            request,
            template=templates.TEMPLATES[templates.DEFAULT_TEMPLATE_NAME],
            signing_algorithm=found.configuration["SigningAlgorithm"],
            validity={"Type": "DAYS", "Value": validity_days},
            validity_not_before=None,
            api_passthrough=None,
            requested_by=ACM_PRINCIPAL,
        )


_ACM_RENEWAL_ACTIONS = frozenset({"IssueCertificate", "GetCertificate", "ListPermissions"})


def _acm_may_renew(found: CertificateAuthority, account: str) -> bool:
    permission = found.permissions.get(ACM_PRINCIPAL)
    return (
        permission is not None
        and set(permission.actions) >= _ACM_RENEWAL_ACTIONS
        and permission.source_account in (None, account)
    )


def parse_serial(text: str) -> int | None:
    """A RevokeCertificate serial: hex, with or without colons, any case; None if not hex."""
    digits = text.replace(":", "")
    if not digits or any(c not in "0123456789abcdefABCDEF" for c in digits):
        return None
    return int(digits, 16)
