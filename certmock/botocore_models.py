"""botocore's service models, loaded once: every shape, constraint and error comes from here."""

from __future__ import annotations

import functools

import botocore.session
from botocore.model import ServiceModel


@functools.cache
def _session() -> botocore.session.Session:
    return botocore.session.get_session()


@functools.cache
def service_model(service_name: str) -> ServiceModel:
    """The installed model of ``service_name`` (botocore's name: ``acm-pca``, ``apigateway``)."""
    return _session().get_service_model(service_name)


@functools.cache
def event_service_id(service_name: str) -> str:
    """The service's id as botocore writes it in event names (``ACM PCA`` -> ``acm-pca``)."""
    service_id: str = service_model(service_name).service_id.hyphenize()
    return service_id
