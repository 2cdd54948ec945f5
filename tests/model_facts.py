"""What botocore's installed service models define, read for the tests.

A test never copies an enum, a limit, a pattern, an HTTP status or a wire name out of a model:
botocore's models change every few weeks, and the suite runs on the newest botocore and on the
oldest one certmock supports. It asks here, so its expected values follow the installed model;
and a test that needs what only a newer model has is skipped, naming what is missing.
"""

from __future__ import annotations

import botocore
import pytest
from botocore.model import ListShape, MapShape, OperationModel, Shape, StructureShape

from certmock.botocore_models import service_model


def operation(service: str, name: str) -> OperationModel:
    return service_model(service).operation_model(name)


def has_operation(service: str, name: str) -> bool:
    return name in service_model(service).operation_names


def service_operations(service: str) -> list[str]:
    """The operations of the installed model, in its order."""
    return list(service_model(service).operation_names)


def named_shape(service: str, name: str) -> Shape:
    """A shape of the model by its own name (``RevocationReason``)."""
    return service_model(service).shape_for(name)


def _step(parent: Shape, step: str) -> Shape:
    if isinstance(parent, StructureShape) and step in parent.members:
        return parent.members[step]
    if isinstance(parent, ListShape) and step == "member":
        return parent.member
    if isinstance(parent, MapShape) and step in ("key", "value"):
        return parent.key if step == "key" else parent.value
    raise KeyError(f"{parent.name} ({parent.type_name}) has no {step!r}")


def input_member(service: str, operation_name: str, *path: str) -> Shape:
    """The shape at ``path`` below an operation's input: member names, ``member`` for a list's
    items, ``key`` or ``value`` for a map's. No path is the input shape itself."""
    found: Shape | None = operation(service, operation_name).input_shape
    assert found is not None, f"{service} {operation_name} takes no input"
    for step in path:
        found = _step(found, step)
    return found


def output_member(service: str, operation_name: str, *path: str) -> Shape:
    """As ``input_member``, below the operation's output."""
    found: Shape | None = operation(service, operation_name).output_shape
    assert found is not None, f"{service} {operation_name} has no output"
    for step in path:
        found = _step(found, step)
    return found


def enum(shape: Shape) -> list[str]:
    values: list[str] = list(getattr(shape, "enum", None) or [])
    assert values, f"{shape.name} has no enum"
    return values


def enum_set(shape: Shape) -> str:
    """The enum as AWS prints it in a validation message: ``[A, B, C]``, in model order."""
    return f"[{', '.join(enum(shape))}]"


def _constraint(shape: Shape, name: str) -> int:
    value = shape.metadata.get(name)
    assert isinstance(value, int), f"{shape.name} has no {name}"
    return value


def minimum(shape: Shape) -> int:
    """The least length (strings, blobs, lists, maps) or value (numbers) the model allows."""
    return _constraint(shape, "min")


def maximum(shape: Shape) -> int:
    """The greatest length (strings, blobs, lists, maps) or value (numbers) the model allows."""
    return _constraint(shape, "max")


def pattern(shape: Shape) -> str:
    found = shape.metadata.get("pattern")
    assert isinstance(found, str), f"{shape.name} has no pattern"
    return found


def wire_name(shape: Shape, member: str) -> str:
    """What a structure's member is called on the wire (its ``locationName``, if it has one)."""
    assert isinstance(shape, StructureShape)
    name = shape.members[member].serialization.get("name", member)
    assert isinstance(name, str)
    return name


def wire_names(shape: Shape) -> list[str]:
    """A structure's members as they are named on the wire, in model order."""
    assert isinstance(shape, StructureShape)
    return [wire_name(shape, member) for member in shape.members]


def _error(service: str, shape_name: str) -> dict[str, object]:
    found = service_model(service).shape_for(shape_name)
    assert found.metadata.get("exception"), f"{shape_name} is no error shape of {service}"
    error: dict[str, object] = dict(found.metadata.get("error", {}))
    return error


def error_code(service: str, shape_name: str) -> str:
    """The code an error shape travels as: the model's ``error.code``, or the shape's name."""
    code = _error(service, shape_name).get("code", shape_name)
    assert isinstance(code, str)
    return code


def error_status(service: str, shape_name: str) -> int:
    """The HTTP status the model gives an error shape."""
    status = _error(service, shape_name).get("httpStatusCode")
    assert isinstance(status, int), f"{service} models no HTTP status for {shape_name}"
    return status


def error_fault(service: str, shape_name: str) -> str:
    """Whose fault the model says an error is, in the query protocol's words."""
    return "Sender" if _error(service, shape_name).get("senderFault") else "Receiver"


def success_status(service: str, operation_name: str) -> int:
    """The HTTP status of a successful call (``responseCode`` in the model, else 200)."""
    status = operation(service, operation_name).http.get("responseCode", 200)
    assert isinstance(status, int)
    return status


def http_method(service: str, operation_name: str) -> str:
    method = operation(service, operation_name).http["method"]
    assert isinstance(method, str)
    return method


def request_uri(service: str, operation_name: str) -> str:
    """The operation's URI template (``/clientcertificates/{clientcertificate_id}``)."""
    uri = operation(service, operation_name).http["requestUri"]
    assert isinstance(uri, str)
    return uri


def xml_namespace(service: str) -> str:
    namespace = service_model(service).metadata["xmlNamespace"]
    assert isinstance(namespace, str)
    return namespace


# -- what an older botocore's model lacks ----------------------------------------------------
# The suite also runs on the oldest botocore certmock supports. A test that sends an enum value,
# a member or an operation that came later is skipped there, naming what the model lacks.


def _skip_unless(present: bool, service: str, missing: str) -> pytest.MarkDecorator:
    return pytest.mark.skipif(
        not present,
        reason=f"botocore {botocore.__version__}'s {service} model has no {missing}",
    )


def needs_enum_values(service: str, shape_name: str, *values: str) -> pytest.MarkDecorator:
    known = getattr(named_shape(service, shape_name), "enum", None) or []
    missing = [value for value in values if value not in known]
    return _skip_unless(not missing, service, f"{shape_name} {', '.join(missing)}")


def needs_member(service: str, shape_name: str, member: str) -> pytest.MarkDecorator:
    found = named_shape(service, shape_name)
    present = isinstance(found, StructureShape) and member in found.members
    return _skip_unless(present, service, f"{shape_name}.{member}")


def needs_operation(service: str, name: str) -> pytest.MarkDecorator:
    return _skip_unless(has_operation(service, name), service, f"{name} operation")
