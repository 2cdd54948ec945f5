"""Tags of ACM certificates (AddTagsToCertificate and its kin, and the TagResource family for a
certificate's ARN): a value may be absent (``{"Key": "k"}``), keys starting with ``aws:`` are
reserved, at most 50 tags, and removal by key alone or by key and current value."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from certmock.services.acm.certificate import Certificate
from certmock.services.toolkit.tags import TagRules

CERTIFICATE_TAGS = TagRules(holder="a certificate", value_optional=True)


def add(certificate: Certificate, tags: Sequence[Mapping[str, str]]) -> None:
    certificate.tags = CERTIFICATE_TAGS.merged(
        certificate.tags, CERTIFICATE_TAGS.pairs(tags), certificate.arn
    )


def remove(certificate: Certificate, tags: Sequence[Mapping[str, str]]) -> None:
    certificate.once_tagged = certificate.once_tagged or bool(certificate.tags)
    certificate.tags = CERTIFICATE_TAGS.without(certificate.tags, CERTIFICATE_TAGS.pairs(tags))


def described(certificate: Certificate) -> list[dict[str, str]]:
    return CERTIFICATE_TAGS.described(certificate.tags)
