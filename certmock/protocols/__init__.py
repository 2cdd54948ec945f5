"""Model-driven wire codecs, one module per protocol; they know nothing of any service. What a
service's model lacks (``ServiceGaps``) is handed to ``codec_for`` as data."""

from __future__ import annotations

from botocore.model import ServiceModel

from certmock.protocols.base import (
    NO_GAPS,
    Codec,
    ProtocolError,
    ServiceGaps,
    WireGaps,
    WireRequest,
    WireResponse,
)
from certmock.protocols.json import JsonCodec
from certmock.protocols.query import QueryCodec
from certmock.protocols.rest_json import RestJsonCodec
from certmock.protocols.rpcv2_cbor import RpcV2CborCodec

_CODEC_TYPES: dict[str, type[Codec]] = {
    "json": JsonCodec,
    "query": QueryCodec,
    "rest-json": RestJsonCodec,
    "smithy-rpc-v2-cbor": RpcV2CborCodec,
}
_PLAIN: dict[str, Codec] = {protocol: codec() for protocol, codec in _CODEC_TYPES.items()}
_WITH_GAPS: dict[tuple[str, object], Codec] = {}


def protocol_of(service_model: ServiceModel) -> str:
    """The protocol botocore's clients speak to the service: a model may list several
    (``protocols``), and botocore picks by its own priority (``resolved_protocol``)."""
    protocol: str = getattr(service_model, "resolved_protocol", None) or service_model.protocol
    return protocol


def codec_for(service_model: ServiceModel, gaps: ServiceGaps | None = None) -> Codec:
    """The codec of the protocol botocore speaks to the service, for a service whose model
    lacks ``gaps`` (one codec per protocol and distinct gaps, built once)."""
    protocol = protocol_of(service_model)
    if protocol not in _CODEC_TYPES:
        raise NotImplementedError(f"certmock has no codec for the {protocol!r} protocol")
    if gaps is None:
        return _PLAIN[protocol]
    wire = WireGaps.of(gaps)
    if wire == NO_GAPS:
        return _PLAIN[protocol]
    key = (protocol, wire.key)
    codec = _WITH_GAPS.get(key)
    if codec is None:
        codec = _WITH_GAPS[key] = _CODEC_TYPES[protocol](wire)
    return codec


__all__ = [
    "Codec",
    "ProtocolError",
    "ServiceGaps",
    "WireGaps",
    "WireRequest",
    "WireResponse",
    "codec_for",
    "protocol_of",
]
