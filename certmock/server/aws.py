"""One AWS API request over HTTP: the wire request in, the response AWS would send out.

Routing is the in-process edge's (``routing.wire_target``): the service from the SigV4 scope,
the operation from the wire. What it cannot place still gets a well-formed AWS error in the
request's own protocol, naming what was asked for: a client never sees a hang or a 500.
"""

from __future__ import annotations

import contextlib
import functools
import json
import re
from xml.etree.ElementTree import Element, SubElement, tostring

from botocore.exceptions import UnknownServiceError
from botocore.model import OperationModel, ServiceModel

from certmock.botocore_models import service_model
from certmock.dispatch import serve
from certmock.errors import ServiceError
from certmock.protocols import Codec, ProtocolError, WireRequest, WireResponse, codec_for
from certmock.protocols.base import MAX_REQUEST_BODY, REQUEST_TOO_LARGE
from certmock.refusals import refusal
from certmock.routing import UNKNOWN_OPERATION, Target, route, wire_target
from certmock.runtime import RUNTIME
from certmock.services import registry

# JSON-protocol requests name the service in their target: ``CertificateManager.ListCertificates``.
_TARGET_PREFIX = re.compile(r"([^.]+)\.")


def answer(request: WireRequest) -> WireResponse:
    """Serve ``request`` as the account and Region it names, or refuse it as AWS would."""
    target = _target(request)
    if target.definition is None:
        return _unknown_service(request, target)
    if not target.served or target.service not in RUNTIME.served:
        return _not_served(request, target)
    called = route(target, request, RUNTIME.default_account)
    return serve(target.definition, target.operation, request, called.account_id, called.region)


def _target(request: WireRequest) -> Target:
    """The target from the signature; for an unsigned request (``--no-sign-request``), the
    service whose JSON target prefix, query API version or REST route the request matches."""
    target = wire_target(request)
    if target.definition is not None or request.header("authorization"):
        return target
    for name in registry.KNOWN_SERVICES:
        definition = registry.definition(name)
        if definition is None:
            continue
        model = service_model(name)
        if not _speaks(model, request):
            continue
        with contextlib.suppress(ProtocolError):
            operation = codec_for(model).operation_for(model, request).name
            return Target(name, operation, definition)
    return target


def _speaks(model: ServiceModel, request: WireRequest) -> bool:
    """Whether an unsigned request is plausibly for ``model``'s service at all."""
    amz_target = request.header("x-amz-target")
    if amz_target is not None:
        prefix = _TARGET_PREFIX.match(amz_target)
        return prefix is not None and prefix.group(1) == model.metadata.get("targetPrefix")
    if model.protocol == "query":
        return f"Version={model.api_version}" in f"{request.query}&{request.body!r}"
    return model.protocol == "rest-json"


def _not_served(request: WireRequest, target: Target) -> WireResponse:
    model = service_model(target.service)
    codec = codec_for(model)
    if target.operation == UNKNOWN_OPERATION:
        try:
            codec.operation_for(model, request)
        except ProtocolError as unreadable:
            return _error(codec, model, target.operation, unreadable)
    message = refusal(
        target.service,
        target.operation,
        (activation.name for activation in RUNTIME.activations),
        RUNTIME.served,
    )
    code = "InvalidAction" if model.protocol == "query" else "UnknownOperationException"
    return _error(codec, model, target.operation, ServiceError(code, message))


def _unknown_service(request: WireRequest, target: Target) -> WireResponse:
    """A service certmock has no model of: in that service's protocol when botocore knows it,
    else as an awsJson error, which every JSON-reading client understands."""
    message = refusal(target.service, target.operation, (), RUNTIME.served)
    with contextlib.suppress(UnknownServiceError, NotImplementedError):
        model = service_model(target.service)
        code = "InvalidAction" if model.protocol == "query" else "UnknownOperationException"
        return _error(codec_for(model), model, target.operation, ServiceError(code, message))
    if target.service == "unknown":
        message = (
            "certmock could not tell which AWS service this request is for: it reads the "
            "service from the SigV4 signature's credential scope (or, unsigned, from "
            "X-Amz-Target, the query Action or the REST path). "
            f"certmock serves {', '.join(registry.KNOWN_SERVICES)}."
        )
    return _bare_error(target.service, 400, "UnknownOperationException", message)


def _bare_error(service: str, status: int, code: str, message: str) -> WireResponse:
    """An error in the wire form of a protocol certmock has no codec for: XML for the XML
    protocols botocore knows the service by, else awsJson."""
    request_id = RUNTIME.world.ids.request_id()
    protocol = ""
    with contextlib.suppress(UnknownServiceError):
        protocol = service_model(service).protocol
    if protocol in ("rest-xml", "ec2"):
        error = Element("Error")
        SubElement(error, "Code").text = code
        SubElement(error, "Message").text = message
        if protocol == "ec2":
            root = Element("Response")
            SubElement(root, "Errors").append(error)
            SubElement(root, "RequestID").text = request_id
        else:
            root = Element("ErrorResponse")
            root.append(error)
            SubElement(root, "RequestId").text = request_id
        return WireResponse(status, {"Content-Type": "text/xml"}, tostring(root))
    body = json.dumps({"__type": code, "message": message}).encode()
    headers = {"Content-Type": "application/x-amz-json-1.1", "x-amzn-ErrorType": code}
    return WireResponse(status, headers, body)


def _error(codec: Codec, model: ServiceModel, name: str, error: ServiceError) -> WireResponse:
    # The codecs need the operation only for its service model: one named as the request
    # named it serves an operation the model lacks, too.
    operation = _operation(model, name)
    return codec.serialize_error(operation, error, RUNTIME.world.ids.request_id())


@functools.lru_cache(maxsize=64)
def _operation(model: ServiceModel, name: str) -> OperationModel:
    if name in model.operation_names:
        return model.operation_model(name)
    return OperationModel({"name": name, "http": {"method": "POST", "requestUri": "/"}}, model)


def too_large(request: WireRequest, size: int | None) -> WireResponse:
    """The 413 AWS's front end sends for a body over the limit (``size`` bytes, None when it
    came chunked), in the request's protocol; ``request`` carries no body."""
    said = "of unknown length" if size is None else f"of {size} bytes"
    refused = ProtocolError(
        REQUEST_TOO_LARGE,
        f"The request body {said} exceeds the limit of {MAX_REQUEST_BODY} bytes",
    )
    target = _target(request)
    with contextlib.suppress(UnknownServiceError, NotImplementedError):
        model = service_model(target.service)
        return _error(codec_for(model), model, target.operation, refused)
    return _bare_error(target.service, 413, refused.code, refused.message)


def protocol_of(request: WireRequest) -> str:
    """The wire protocol of the service ``request`` is for (``json``, ``query``, ...), as
    botocore's model names it; ``json`` when no model says."""
    with contextlib.suppress(UnknownServiceError):
        return str(service_model(_target(request).service).protocol)
    return "json"


def refuse(request: WireRequest, status: int, error: ServiceError) -> WireResponse:
    """``error`` with HTTP ``status`` in the request's own protocol: what AWS's front end
    answers before any operation runs (a signature it will not accept), whose status no
    service model gives."""
    target = _target(request)
    with contextlib.suppress(UnknownServiceError, NotImplementedError):
        model = service_model(target.service)
        answer = _error(codec_for(model), model, target.operation, error)
        return WireResponse(status, answer.headers, answer.body)
    return _bare_error(target.service, status, error.code, error.message)
