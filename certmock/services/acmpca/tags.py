"""A CA's tags: TagCertificateAuthority, UntagCertificateAuthority, ListTags (and the tags
CreateCertificateAuthority is given)."""

from __future__ import annotations

from certmock.services.acmpca.access import Authorities
from certmock.services.toolkit.tags import TagRules

TAG_RULES = TagRules(
    holder="a resource",
    max_tags=50,
    invalid_tag="InvalidTagException",
    too_many="TooManyTagsException",
)
"""ACM Private CA's: 50 tags a CA, ``aws:`` keys reserved, a tag always has a value."""


class Tagging:
    def __init__(self, authorities: Authorities) -> None:
        self.authorities = authorities

    def tag_certificate_authority(self, arn: str, tags: list[dict[str, str]]) -> None:
        found = self.authorities.usable(arn, "TagCertificateAuthority")
        found.tags = TAG_RULES.merged(found.tags, TAG_RULES.pairs(tags), arn)

    def untag_certificate_authority(self, arn: str, tags: list[dict[str, str]]) -> None:
        found = self.authorities.usable(arn, "UntagCertificateAuthority")
        # A tag given without a value goes whatever its value.
        found.once_tagged = found.once_tagged or bool(found.tags)
        found.tags = TAG_RULES.without(found.tags, ((t["Key"], t.get("Value")) for t in tags))

    def list_tags(self, arn: str) -> list[dict[str, str]]:
        found = self.authorities.usable(arn, "ListTags", shared=True)
        return TAG_RULES.described(found.tags)
