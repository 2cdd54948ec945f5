"""ImportCertificate: a new IMPORTED certificate, or new material for one already imported
(a reimport, under the same ARN). What is checked of the material is ``import_checks``."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence

from certmock.errors import ServiceError
from certmock.services.acm import events, import_checks, x509_fields
from certmock.services.acm.certificate import CUSTOMER_PROVIDED, IMPORTED, ISSUED, Certificate
from certmock.services.acm.certificate_tags import CERTIFICATE_TAGS
from certmock.services.acm.expiry import ExpiryEvents
from certmock.services.acm.import_checks import ImportedMaterial
from certmock.services.acm.store import CertificateStore
from certmock.world import Scope


class Imports:
    def __init__(self, scope: Scope, store: CertificateStore, expiry: ExpiryEvents) -> None:
        self._scope = scope
        self._store = store
        self._expiry = expiry

    def import_certificate(
        self,
        certificate_pem: bytes,
        private_key_pem: bytes,
        chain_pem: bytes | None,
        arn: str | None = None,
        tags: Sequence[Mapping[str, str]] | None = None,
    ) -> Certificate:
        now = self._scope.now()
        if arn is not None:
            if tags:
                # AWS's text (terraform-provider-aws#15055).
                raise ServiceError("ValidationException", "Tagging is not permitted on re-import.")
            existing = self._reimport_target(arn)
        else:
            existing = None
            self._store.check_quota()
        tag_pairs = CERTIFICATE_TAGS.pairs(tags)
        material = import_checks.check_material(certificate_pem, private_key_pem, chain_pem, now)
        if existing is not None:
            assert existing.x509_certificate is not None
            import_checks.check_reimport(
                existing.x509_certificate, existing.key_algorithm, material
            )
            self._replace_material(existing, material, now)
            events.available(self._scope, existing, "REIMPORT", now)
            return existing
        imported = Certificate(
            arn=self._store.new_arn(),
            sequence=self._scope.world.next_sequence(),
            type=IMPORTED,
            created_at=now,
            domain_name="",
            subject_alternative_names=[],
            key_algorithm=material.key_algorithm,
            status=ISSUED,
            key_pair_origin=CUSTOMER_PROVIDED,
        )
        self._replace_material(imported, material, now)
        self._store.add(imported, tag_pairs)
        events.available(self._scope, imported, "IMPORT", now)
        return imported

    def _reimport_target(self, arn: str) -> Certificate:
        found = self._store.certificate(arn)
        if found.type != IMPORTED:
            # certmock's wording: only imported certificates can be replaced by an import.
            raise ServiceError(
                "ValidationException",
                f"Certificate {arn} is of type {found.type}; only an IMPORTED certificate can "
                "be reimported.",
            )
        return found

    def _replace_material(
        self, certificate: Certificate, material: ImportedMaterial, now: _dt.datetime
    ) -> None:
        certificate.x509_certificate = material.certificate
        certificate.held.append(material.certificate)
        certificate.private_key = material.private_key
        certificate.chain_pem = material.chain_pem
        certificate.key_algorithm = material.key_algorithm
        certificate.domain_name = x509_fields.domain_name(material.certificate) or ""
        certificate.subject_alternative_names = x509_fields.subject_alternative_names(
            material.certificate
        )
        certificate.imported_at = now
        certificate.status = ISSUED
        certificate.version += 1
        self._expiry.track(certificate, now)
