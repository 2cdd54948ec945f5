"""ACM certificates as the Resource Groups Tagging API reaches them: through ACM's own
TagResource and UntagResource rules (``certificate_tags``)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from certmock.services.acm import certificate_tags
from certmock.services.acm.backend import AcmBackend
from certmock.services.definition import Taggable, TaggedResource

RESOURCE_TYPE = "acm:certificate"


class CertificateTags:
    def __init__(self, backend: AcmBackend) -> None:
        self.backend = backend

    def resources(self) -> Iterator[TaggedResource]:
        for certificate in self.backend.store.all():
            yield TaggedResource(
                certificate.arn,
                RESOURCE_TYPE,
                dict(certificate.tags),
                certificate.sequence,
                certificate.once_tagged,
            )

    def tag(self, arn: str, tags: Mapping[str, str]) -> None:
        found = self.backend.store.tagged_certificate(arn)
        certificate_tags.add(found, [{"Key": key, "Value": value} for key, value in tags.items()])

    def untag(self, arn: str, keys: Sequence[str]) -> None:
        found = self.backend.store.tagged_certificate(arn)
        certificate_tags.remove(found, [{"Key": key} for key in keys])


TAGGABLE = Taggable((RESOURCE_TYPE,), CertificateTags)
