"""The Resource Groups Tagging API (``resourcegroupstaggingapi``), over the resources of every
served service that declares itself taggable."""

import functools
from collections.abc import Sequence

from certmock.services.definition import (
    AnswerBeyondModel,
    ExtraConstraint,
    ModelGaps,
    ServiceDefinition,
)
from certmock.services.resourcegroupstaggingapi.backend import TaggingBackend
from certmock.services.resourcegroupstaggingapi.handlers import HANDLERS
from certmock.services.resourcegroupstaggingapi.inventory import INVENTORY
from certmock.services.resourcegroupstaggingapi.sources import SERVICE_NAME

GAPS = ModelGaps(
    constraints=(
        ExtraConstraint(
            "GetResources",
            "ResourcesPerPage",
            minimum=1,
            maximum=100,
            source="GetResources, ResourcesPerPage: 'a minimum of 1 and a maximum value of 100'",
        ),
        ExtraConstraint(
            "GetResources",
            "TagsPerPage",
            minimum=100,
            maximum=500,
            source="GetResources, TagsPerPage: 'a minimum of 100 items up to a maximum of 500'",
        ),
    ),
    answers_beyond_model=(
        AnswerBeyondModel(
            "ErrorCode",
            "enum",
            "FailureInfo.ErrorCode carries 'any valid error code returned by the Amazon Web "
            "Services service that hosts the resource' (the member's documentation, C), beyond "
            "the enum's two values.",
        ),
    ),
)


def definition(owners: Sequence[ServiceDefinition]) -> ServiceDefinition:
    """The tagging API over ``owners``' taggable resources (the registry passes the served
    services, so this package imports none of them)."""
    return ServiceDefinition(
        name=SERVICE_NAME,
        factory="mock_resourcegroupstaggingapi",
        backend_factory=functools.partial(TaggingBackend, owners=tuple(owners)),
        handlers=HANDLERS,
        inventory=INVENTORY,
        validation_error_code="InvalidParameterException",
        gaps=GAPS,
    )
