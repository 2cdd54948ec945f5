"""Amazon Resource Names: ``arn:<partition>:<service>:<region>:<account>:<resource>``.

One parser and one formatter for every service; each kind of resource declares its own shape as
an ``ArnFormat`` (the service and a pattern for the resource part), so a CA's ARN, an ACM
certificate's or an API Gateway resource path are all read and written the same way.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
"""The resource ids AWS's certificate services mint."""

_ARN = re.compile(
    r"arn:(?P<partition>[^:]+):(?P<service>[a-z0-9-]+):(?P<region>[^:]*):"
    r"(?P<account>[0-9]{12})?:(?P<resource>.+)",
    re.DOTALL,
)


@dataclass(frozen=True)
class Arn:
    partition: str
    service: str
    region: str
    account_id: str
    """Empty for resources without an account (API Gateway's)."""
    resource: str
    parts: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)
    """The named groups of the resource pattern it was parsed with."""

    def __str__(self) -> str:
        return (
            f"arn:{self.partition}:{self.service}:{self.region}:{self.account_id}:{self.resource}"
        )

    @classmethod
    def parse(cls, text: str) -> Arn | None:
        """Any well-formed ARN; None for anything else."""
        found = _ARN.fullmatch(text)
        if found is None:
            return None
        return cls(
            found["partition"],
            found["service"],
            found["region"],
            found["account"] or "",
            found["resource"],
        )


@dataclass(frozen=True)
class ArnFormat:
    """The ARNs of one kind of resource: ``ArnFormat("acm-pca",
    "certificate-authority/(?P<id>...)")``."""

    service: str
    resource: str
    """A regular expression for the resource part; its named groups become ``Arn.parts``."""
    account: bool = True
    """Whether the ARN names an account (API Gateway's do not)."""
    partition: str = "aws[a-z-]*"
    """What the partition may be (a pattern)."""
    region: str = "[a-z0-9-]+"
    """What the Region may be (a pattern; API Gateway's ARNs may leave it empty)."""
    _pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)
    _scope: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_pattern", re.compile(self.resource, re.DOTALL))
        object.__setattr__(self, "_scope", re.compile(f"({self.partition}):({self.region})"))

    def parse(self, text: str) -> Arn | None:
        """The parts of ``text`` if it is an ARN of this kind; None otherwise."""
        arn = Arn.parse(text)
        if arn is None or arn.service != self.service or bool(arn.account_id) != self.account:
            return None
        if self._scope.fullmatch(f"{arn.partition}:{arn.region}") is None:
            return None
        found = self._pattern.fullmatch(arn.resource)
        if found is None:
            return None
        parts = {name: value for name, value in found.groupdict().items() if value is not None}
        return Arn(arn.partition, arn.service, arn.region, arn.account_id, arn.resource, parts)

    def format(self, partition: str, region: str, account_id: str, resource: str) -> Arn:
        """The ARN of ``resource`` (already in this kind's form) in one account and Region."""
        text = f"arn:{partition}:{self.service}:{region}:{account_id}:{resource}"
        parsed = self.parse(text)
        if parsed is None:
            raise ValueError(f"{text} is not an ARN of the form {self.service}:{self.resource}")
        return parsed
