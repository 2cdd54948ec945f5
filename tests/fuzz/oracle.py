"""The promise every fuzzed request is held to (see ``tests/fuzz/__init__.py``): a conforming
success, or a ClientError with an allowed code and a status below 500; nothing else."""

from __future__ import annotations

import json
import os
import traceback
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from botocore.exceptions import ClientError, ParamValidationError
from botocore.model import OperationModel, ServiceModel

from certmock import IgnoredMemberWarning
from certmock.protocols import protocol_of
from certmock.protocols.base import protocol_error_codes
from certmock.services.registry import definition
from tests.fuzz.conformance import check_output

_LOG = os.environ.get("CERTMOCK_FUZZ_LOG")


def allowed_error_codes(service_model: ServiceModel, operation: OperationModel) -> frozenset[str]:
    served = definition(service_model.service_name)
    assert served is not None
    codes = {
        str(getattr(shape, "error_code", None) or shape.name) for shape in operation.error_shapes
    }
    codes |= {shape.name for shape in operation.error_shapes}
    # The protocol botocore picked from the model's list (acm-pca: json or CBOR).
    codes |= protocol_error_codes(protocol_of(service_model))
    return frozenset(codes | {served.validation_error_code})


@dataclass
class Verdict:
    """What one request came to. ``sent`` is False when botocore itself gave up before the
    request reached certmock (its serializer cannot encode an ill-typed value)."""

    sent: bool = False
    answer: Mapping[str, Any] | None = None
    error_code: str | None = None
    violations: list[str] = field(default_factory=list)
    deviations: list[str] = field(default_factory=list)
    """Output constraint breaches (enum, length, range, pattern): reported, judged later."""

    @property
    def ok(self) -> bool:
        return not self.violations


class Sent:
    """Marks, on a client, that a request got as far as being sent: registered first on
    ``before-send``, so it runs before certmock answers."""

    def __init__(self, client: Any) -> None:
        self.count = 0
        client.meta.events.register_first("before-send", self._mark)

    def _mark(self, **_: Any) -> None:
        self.count += 1


def invoke(
    client: Any,
    sent: Sent,
    operation: OperationModel,
    params: Mapping[str, Any],
    *,
    client_validates: bool = False,
) -> Verdict:
    service_model: ServiceModel = client.meta.service_model
    method: Callable[..., Any] = getattr(client, _method_name(client, operation.name))
    before = sent.count
    verdict = Verdict()
    try:
        with warnings.catch_warnings():
            # certmock warns about members it ignores: documented behaviour, not a failure.
            warnings.simplefilter("ignore", IgnoredMemberWarning)
            answer = method(**params)
    except ClientError as error:
        verdict.sent = True
        code = str(error.response.get("Error", {}).get("Code"))
        status = int(error.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0))
        verdict.error_code = code
        if code not in allowed_error_codes(service_model, operation):
            verdict.violations.append(f"unmodeled error code {code!r} (HTTP {status}): {error}")
        if status >= 500 or status < 300:
            verdict.violations.append(f"error {code!r} with HTTP status {status}")
    except ParamValidationError:
        if client_validates:
            raise  # a well-typed request botocore refuses: the strategy's fault
        verdict.violations.append("ParamValidationError from a non-validating client")
    except Exception as error:
        verdict.sent = sent.count > before
        if verdict.sent:
            verdict.violations.append(describe_exception(error))
    else:
        verdict.sent = True
        verdict.answer = answer
        report = check_output(operation.output_shape, answer)
        verdict.violations.extend(f"output type: {problem}" for problem in report.types)
        verdict.deviations.extend(report.constraints)
    return verdict


def _method_name(client: Any, operation_name: str) -> str:
    for method, name in client.meta.method_to_api_mapping.items():
        if name == operation_name:
            return str(method)
    raise KeyError(operation_name)


def describe_exception(error: BaseException) -> str:
    """The exception and the innermost frames, enough to group duplicates by."""
    frames = traceback.extract_tb(error.__traceback__)[-3:]
    where = " <- ".join(
        f"{Path(frame.filename).name}:{frame.lineno} {frame.name}" for frame in reversed(frames)
    )
    return f"{type(error).__name__}: {str(error)[:300]} at {where}"


def log(record: Mapping[str, Any]) -> None:
    """With ``CERTMOCK_FUZZ_LOG`` set, append a finding to that JSON-lines file (for triage)."""
    if _LOG:
        with open(_LOG, "a", encoding="utf-8") as out:
            out.write(json.dumps(record, default=repr) + "\n")
