"""Model-driven wire codecs, one module per protocol; they know nothing of any service."""

from __future__ import annotations

from botocore.model import ServiceModel

from certmock.protocols.base import Codec, ProtocolError, WireRequest, WireResponse
from certmock.protocols.json import JsonCodec
from certmock.protocols.query import QueryCodec
from certmock.protocols.rest_json import RestJsonCodec
from certmock.protocols.rpcv2_cbor import RpcV2CborCodec

_CODECS: dict[str, Codec] = {
    "json": JsonCodec(),
    "query": QueryCodec(),
    "rest-json": RestJsonCodec(),
    "smithy-rpc-v2-cbor": RpcV2CborCodec(),
}


def protocol_of(service_model: ServiceModel) -> str:
    """The protocol botocore's clients speak to the service: a model may list several
    (``protocols``), and botocore picks by its own priority (``resolved_protocol``)."""
    protocol: str = getattr(service_model, "resolved_protocol", None) or service_model.protocol
    return protocol


def codec_for(service_model: ServiceModel) -> Codec:
    protocol = protocol_of(service_model)
    try:
        return _CODECS[protocol]
    except KeyError:
        raise NotImplementedError(f"certmock has no codec for the {protocol!r} protocol") from None


__all__ = [
    "Codec",
    "ProtocolError",
    "WireRequest",
    "WireResponse",
    "codec_for",
    "protocol_of",
]
