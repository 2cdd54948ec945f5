"""What certmock says when it will not answer a request: one short line saying what to do,
not a catalogue. Nothing was sent to AWS either way."""

from __future__ import annotations

from collections.abc import Iterable

from certmock.botocore_models import service_model
from certmock.services import registry


def refusal(service: str, operation: str, active: Iterable[str], served: Iterable[str]) -> str:
    """Why ``service``'s ``operation`` is refused, given the names of the active mocks and the
    services they serve."""
    refused = f"certmock does not emulate {service} {operation}; nothing was sent to AWS."
    definition = registry.definition(service)
    if definition is None:
        return (
            f"{refused} certmock covers {', '.join(registry.KNOWN_SERVICES)}; for other "
            "services run moto's mock_aws alongside certmock, which leaves them to moto."
        )
    if service not in set(served):
        return (
            f"{refused} The active mocks ({', '.join(sorted(set(active)))}) do not include "
            f"{service}: start {definition.factory} or mock_all, or use the certmock pytest "
            "fixture."
        )
    total = len(service_model(service).operation_names)
    return (
        f"{refused} certmock serves {len(definition.handlers)} of {service}'s {total} "
        f"operations, listed with the reason for each one it does not in "
        f"{definition.docs_page}; moto's mock_aws may answer the others when run alongside "
        "certmock."
    )
