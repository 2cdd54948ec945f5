"""Helpers for the Resource Groups Tagging API tests: one builder per taggable resource type,
each creating the resource through its own service, with or without tags."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from certmock.services import registry
from certmock.services.definition import ExtraConstraint
from tests.helpers import create_ca
from tests.model_facts import error_status, named_shape

REGION = "eu-west-1"
SERVICE = "resourcegroupstaggingapi"
MAX_TAGS = int(named_shape(SERVICE, "TagMap").metadata["max"])
MAX_ARNS_PER_TAG_CALL = int(named_shape(SERVICE, "ResourceARNListForTagUntag").metadata["max"])


def documented_range(member: str) -> tuple[int, int]:
    """A range the model states only in prose, as certmock's definition declares it."""
    definition = registry.definition(SERVICE)
    assert definition is not None
    found: ExtraConstraint = next(
        c for c in definition.gaps.constraints_for("GetResources") if c.member == member
    )
    assert found.minimum is not None
    assert found.maximum is not None
    return found.minimum, found.maximum


@dataclass(frozen=True)
class Kind:
    """One taggable resource type, created and read back through its own service."""

    resource_type: str
    create: Callable[[Mapping[str, str]], str]
    """tags -> the new resource's ARN."""
    own_tags: Callable[[str], dict[str, str]]
    """The resource's tags, as its own service's API lists them."""
    invalid_tag_code: str
    too_many_tags_code: str
    not_found_code: str

    @property
    def service(self) -> str:
        """botocore's name of the owning service (the ARN's service namespace)."""
        return self.resource_type.split(":")[0]

    def status(self, code: str) -> int:
        """The HTTP status the owning service's model gives ``code`` (a JSON protocol's 400
        when its shape names none, as on the wire)."""
        error = named_shape(self.service, code).metadata.get("error", {})
        return error_status(self.service, code) if "httpStatusCode" in error else 400

    def __str__(self) -> str:
        return self.resource_type


def _acm_create(tags: Mapping[str, str]) -> str:
    acm = boto3.client("acm", region_name=REGION)
    request: dict[str, Any] = {"DomainName": "www.example.com", "ValidationMethod": "DNS"}
    if tags:
        request["Tags"] = [{"Key": k, "Value": v} for k, v in tags.items()]
    arn: str = acm.request_certificate(**request)["CertificateArn"]
    return arn


def _acm_tags(arn: str) -> dict[str, str]:
    acm = boto3.client("acm", region_name=REGION)
    listed = acm.list_tags_for_certificate(CertificateArn=arn)["Tags"]
    return {tag["Key"]: tag.get("Value", "") for tag in listed}


def _pca_create(tags: Mapping[str, str]) -> str:
    pca = boto3.client("acm-pca", region_name=REGION)
    extra: dict[str, Any] = {}
    if tags:
        extra["Tags"] = [{"Key": k, "Value": v} for k, v in tags.items()]
    return create_ca(pca, **extra)


def _pca_tags(arn: str) -> dict[str, str]:
    pca = boto3.client("acm-pca", region_name=REGION)
    listed = pca.list_tags(CertificateAuthorityArn=arn)["Tags"]
    return {tag["Key"]: tag.get("Value", "") for tag in listed}


def _apigateway_create(tags: Mapping[str, str]) -> str:
    apigateway = boto3.client("apigateway", region_name=REGION)
    generated = apigateway.generate_client_certificate(tags=dict(tags))
    return f"arn:aws:apigateway:{REGION}::/clientcertificates/{generated['clientCertificateId']}"


def _apigateway_tags(arn: str) -> dict[str, str]:
    apigateway = boto3.client("apigateway", region_name=REGION)
    found: dict[str, str] = apigateway.get_tags(resourceArn=arn).get("tags", {})
    return found


ACM = Kind(
    "acm:certificate",
    _acm_create,
    _acm_tags,
    "InvalidTagException",
    "TooManyTagsException",
    "ResourceNotFoundException",
)
PCA = Kind(
    "acm-pca:certificate-authority",
    _pca_create,
    _pca_tags,
    "InvalidTagException",
    "TooManyTagsException",
    "ResourceNotFoundException",
)
APIGATEWAY = Kind(
    "apigateway:clientcertificates",
    _apigateway_create,
    _apigateway_tags,
    "BadRequestException",
    "BadRequestException",
    "NotFoundException",
)
KINDS = [pytest.param(kind, id=kind.resource_type) for kind in (ACM, PCA, APIGATEWAY)]


def missing_arn(kind: Kind) -> str:
    """An ARN of ``kind`` naming nothing."""
    arn = kind.create({})
    return arn[:-4] + ("0000" if not arn.endswith("0000") else "1111")


def tags_of(mapping: Mapping[str, Any]) -> dict[str, str]:
    return {tag["Key"]: tag["Value"] for tag in mapping["Tags"]}


def listed(client: Any, **request: Any) -> dict[str, dict[str, str]]:
    """ARN -> tags, over every page."""
    found: dict[str, dict[str, str]] = {}
    for page in client.get_paginator("get_resources").paginate(**request):
        for mapping in page["ResourceTagMappingList"]:
            found[mapping["ResourceARN"]] = tags_of(mapping)
    return found


def error_of(raised: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    error = raised.value.response["Error"]
    return error["Code"], error["Message"]
