"""What a service declares about itself: its name, state, handlers, what it serves of the model,
what the model lacks, and what a test can do to it that no API call does. The registry, the
``mock_*`` factories and the docs are derived from these declarations."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from certmock.inventory import ServiceInventory
from certmock.world import Scope, World

Handler = Callable[[Any, dict[str, Any]], Mapping[str, Any]]
"""``handler(backend, params) -> result``: parameters and result as the botocore shapes name
them; raises ``ServiceError``. Knows nothing of the wire."""


@dataclass(frozen=True)
class ExtraConstraint:
    """A limit AWS enforces on an input member that the installed model does not declare.
    ``validation`` applies it beside the model's own, worded the same way."""

    operation: str
    member: str
    """The member's path from the operation's input, dotted (``ExpiryEvents.DaysBeforeExpiry``)."""
    minimum: int | None = None
    maximum: int | None = None
    source: str = ""
    """Where AWS states the limit."""


@dataclass(frozen=True)
class AnswerBeyondModel:
    """A constraint of an output shape that AWS's own answers break, so certmock's do too
    (declared, never silent; listed in docs/requests.md)."""

    shape: str
    """The botocore shape whose constraint is broken (``TagList``)."""
    constraint: str
    """``min``, ``max``, ``pattern`` or ``enum``."""
    why: str
    """What AWS answers, and the evidence (C) or reasoning (I)."""


@dataclass(frozen=True)
class ModelGaps:
    """What a service's model lacks, as data applied by ``validation`` and the codecs."""

    constraints: tuple[ExtraConstraint, ...] = ()
    newer_output_members: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Output members only newer models have, by shape name (``{"CertificateDetail":
    frozenset({"CertificateKeyPairOrigin"})}``): the codec leaves them out of a result when
    the installed model lacks them, instead of treating them as a handler's bug."""
    error_type_suffix: str = ""
    """rest-json: what the service appends to the code in ``x-amzn-ErrorType`` (clients keep
    the part before the colon)."""
    answers_beyond_model: tuple[AnswerBeyondModel, ...] = ()
    """Output constraints AWS's own answers break (see ``AnswerBeyondModel``)."""
    malformed_request_code: str = ""
    """rest-json: the modeled error the service answers a request it cannot read with (a
    value of the wrong type, a body that is not JSON), when it is not the protocol's own
    ``SerializationException``."""

    def constraints_for(self, operation: str) -> tuple[ExtraConstraint, ...]:
        return tuple(c for c in self.constraints if c.operation == operation)


@dataclass(frozen=True)
class TaggedResource:
    """One resource as the Resource Groups Tagging API lists it."""

    arn: str
    resource_type: str
    """``service:type`` as ``ResourceTypeFilters`` names it (``acm:certificate``)."""
    tags: Mapping[str, str | None]
    sequence: int
    """Its creation order in the world (listings page by it)."""
    once_tagged: bool
    """Whether it ever had a tag: GetResources lists a resource that lost every tag."""


class ResourceTags(Protocol):
    """A service's resources of one account and Region, as another service (the tagging API)
    reaches them: each method applies the owning service's own rules (its limits, its
    reserved prefix, its states) and raises ``ServiceError`` with the owning service's code."""

    def resources(self) -> Iterable[TaggedResource]: ...

    def tag(self, arn: str, tags: Mapping[str, str]) -> None: ...

    def untag(self, arn: str, keys: Sequence[str]) -> None: ...


@dataclass(frozen=True)
class Taggable:
    """What a service offers the Resource Groups Tagging API: which resource types it owns,
    and its resources' tags, reached through its backend (so the tagging service never
    imports the owning one)."""

    resource_types: tuple[str, ...]
    tags_of: Callable[[Any], ResourceTags]
    """The owning service's backend of one account and Region -> its resources' tags."""


@dataclass(frozen=True)
class ServiceDefinition:
    name: str
    """botocore's service name (``acm-pca``)."""
    factory: str
    """The name of the service's mock factory (``mock_acmpca``)."""
    backend_factory: Callable[[Scope], Any]
    """Builds one (account, region)'s state."""
    handlers: Mapping[str, Handler]
    """Operation name -> handler; an operation without one is not emulated."""
    inventory: ServiceInventory
    """What is served of the model, operation by operation and member by member."""
    validation_error_code: str = "ValidationException"
    """The code the service uses for a violated model constraint."""
    gaps: ModelGaps = field(default_factory=ModelGaps)
    controls: Callable[[World], Any] | None = None
    """What a test can do to the service that no API call does, on the mock's handle as
    ``cm.<name>`` (``cm.acm.validate(arn)``)."""
    controls_name: str | None = None
    taggable: Taggable | None = None
    """Its resources, as the Resource Groups Tagging API lists and tags them."""

    @property
    def docs_page(self) -> str:
        return f"docs/services/{self.name}.md"
