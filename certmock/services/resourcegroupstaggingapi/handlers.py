"""Resource Groups Tagging API operations: parameters (as botocore's shapes name them) in,
result out."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from certmock.services.resourcegroupstaggingapi.backend import Listed, TaggingBackend
from certmock.services.resourcegroupstaggingapi.listing import (
    described_tags,
    invalid,
    tags_match,
    type_matches,
)

Result = Mapping[str, Any]

DEFAULT_RESOURCES_PER_PAGE = 50
"""ResourcesPerPage when none is given: AWS documents the range (1-100), not the default."""
MAX_RESOURCE_TYPE_FILTERS = 100
"""ResourceTypeFilters: "The array can include up to 100 items" (not in the model)."""
_PAGINATION = ("ResourcesPerPage", "TagsPerPage", "PaginationToken")
# Every resource certmock keeps is compliant: it models no tag policy (Organizations' tag
# policies are not served), so no key is noncompliant and none is missing.
_COMPLIANT = {"NoncompliantKeys": [], "KeysWithNoncompliantValues": [], "ComplianceStatus": True}


def _check_get_resources(params: dict[str, Any]) -> None:
    if "ResourceARNList" in params:
        for other in ("TagFilters", "ResourceTypeFilters", *_PAGINATION):
            if other in params:
                raise invalid(
                    f"ResourceARNList and {other} cannot be specified in the same request."
                )
    if params.get("ExcludeCompliantResources") and not params.get("IncludeComplianceDetails"):
        raise invalid(
            "ExcludeCompliantResources can be set only when IncludeComplianceDetails is true."
        )
    if len(params.get("ResourceTypeFilters", [])) > MAX_RESOURCE_TYPE_FILTERS:
        raise invalid(
            f"ResourceTypeFilters can include at most {MAX_RESOURCE_TYPE_FILTERS} resource types."
        )
    for position, tag_filter in enumerate(params.get("TagFilters", []), 1):
        if "Key" not in tag_filter:
            raise invalid(f"TagFilters.{position} has no Key: each TagFilter must contain a key.")


def _mapping(entry: Listed, compliance: bool) -> dict[str, Any]:
    _, resource = entry
    mapped: dict[str, Any] = {
        "ResourceARN": resource.arn,
        "Tags": described_tags(resource.tags),
    }
    if compliance:
        mapped["ComplianceDetails"] = dict(_COMPLIANT)
    return mapped


def get_resources(backend: TaggingBackend, params: dict[str, Any]) -> Result:
    _check_get_resources(params)
    compliance = bool(params.get("IncludeComplianceDetails"))
    if params.get("ExcludeCompliantResources"):
        return {"ResourceTagMappingList": [], "PaginationToken": ""}
    found = backend.listed()
    if "ResourceARNList" in params:
        by_arn = {resource.arn: (source, resource) for source, resource in found}
        wanted = dict.fromkeys(params["ResourceARNList"])
        # A resource that does not exist (here) is left out, not an error.
        chosen = [by_arn[arn] for arn in wanted if arn in by_arn]
        return {"ResourceTagMappingList": [_mapping(entry, compliance) for entry in chosen]}
    types = params.get("ResourceTypeFilters")
    tag_filters = params.get("TagFilters", [])
    matching = [
        (source, resource)
        for source, resource in found
        if type_matches(resource.resource_type, types) and tags_match(resource.tags, tag_filters)
        # "Resources that were previously tagged ... are shown with an empty tag set" only
        # without tag filters (a filter asks for a key, which they lack).
    ]
    query = {"types": types, "tags": tag_filters, "compliance": compliance}
    page, token = backend.page(
        matching,
        query=query,
        token=params.get("PaginationToken"),
        limit=params.get("ResourcesPerPage", DEFAULT_RESOURCES_PER_PAGE),
        tags_per_page=params.get("TagsPerPage"),
    )
    return {
        "ResourceTagMappingList": [_mapping(entry, compliance) for entry in page],
        # The documented end of the pages is an empty token (botocore's paginator stops on it).
        "PaginationToken": token or "",
    }


def get_tag_keys(backend: TaggingBackend, params: dict[str, Any]) -> Result:
    keys, token = backend.words(
        lambda resource: list(resource.tags),
        listing_name="GetTagKeys",
        token=params.get("PaginationToken"),
    )
    return {"TagKeys": keys, "PaginationToken": token or ""}


def get_tag_values(backend: TaggingBackend, params: dict[str, Any]) -> Result:
    key = params["Key"]
    values, token = backend.words(
        lambda resource: [resource.tags[key] or ""] if key in resource.tags else [],
        listing_name=f"GetTagValues/{key}",
        token=params.get("PaginationToken"),
    )
    return {"TagValues": values, "PaginationToken": token or ""}


def tag_resources(backend: TaggingBackend, params: dict[str, Any]) -> Result:
    failed = backend.tag_resources(params["ResourceARNList"], params["Tags"])
    return {"FailedResourcesMap": failed}


def untag_resources(backend: TaggingBackend, params: dict[str, Any]) -> Result:
    failed = backend.untag_resources(params["ResourceARNList"], params["TagKeys"])
    return {"FailedResourcesMap": failed}


HANDLERS = {
    "GetResources": get_resources,
    "GetTagKeys": get_tag_keys,
    "GetTagValues": get_tag_values,
    "TagResources": tag_resources,
    "UntagResources": untag_resources,
}
