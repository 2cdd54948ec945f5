"""Private CAs as the Resource Groups Tagging API reaches them: through ACM Private CA's own
TagCertificateAuthority and UntagCertificateAuthority rules (a DELETED CA refuses them)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from certmock.services.acmpca.backend import AcmPcaBackend
from certmock.services.definition import Taggable, TaggedResource

RESOURCE_TYPE = "acm-pca:certificate-authority"


class AuthorityTags:
    def __init__(self, backend: AcmPcaBackend) -> None:
        self.backend = backend

    def resources(self) -> Iterator[TaggedResource]:
        for authority in self.backend.authorities.listed():
            yield TaggedResource(
                str(authority.arn),
                RESOURCE_TYPE,
                dict(authority.tags),
                authority.sequence,
                authority.once_tagged,
            )

    def tag(self, arn: str, tags: Mapping[str, str]) -> None:
        self.backend.tags.tag_certificate_authority(
            arn, [{"Key": key, "Value": value} for key, value in tags.items()]
        )

    def untag(self, arn: str, keys: Sequence[str]) -> None:
        self.backend.tags.untag_certificate_authority(arn, [{"Key": key} for key in keys])


TAGGABLE = Taggable((RESOURCE_TYPE,), AuthorityTags)
