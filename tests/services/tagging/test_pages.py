"""GetResources, GetTagKeys and GetTagValues page by page."""

from __future__ import annotations

from typing import Any

import pytest

from certmock import Mock
from tests.services.tagging.helpers import (
    ACM,
    APIGATEWAY,
    MAX_TAGS,
    PCA,
    documented_range,
    error_of,
    listed,
)


def test_resources_per_page_pages_in_creation_order(tagging: Any) -> None:
    made = [kind.create({"n": str(i)}) for i, kind in enumerate([ACM, PCA, APIGATEWAY, ACM])]
    first = tagging.get_resources(ResourcesPerPage=3)
    assert [m["ResourceARN"] for m in first["ResourceTagMappingList"]] == made[:3]
    second = tagging.get_resources(ResourcesPerPage=3, PaginationToken=first["PaginationToken"])
    assert [m["ResourceARN"] for m in second["ResourceTagMappingList"]] == made[3:]
    assert second["PaginationToken"] == ""
    assert list(listed(tagging, ResourcesPerPage=1)) == made


@pytest.mark.parametrize("member", ["ResourcesPerPage", "TagsPerPage"])
def test_page_sizes_outside_the_documented_range_are_refused(tagging: Any, member: str) -> None:
    low, high = documented_range(member)
    for value in (low - 1, high + 1):
        with pytest.raises(tagging.exceptions.InvalidParameterException):
            tagging.get_resources(**{member: value})
    tagging.get_resources(**{member: low})
    tagging.get_resources(**{member: high})


def test_tags_per_page_never_splits_a_resource(tagging: Any) -> None:
    low, _ = documented_range("TagsPerPage")
    # More than half the tag limit each: the smallest page holds fewer than all four.
    per_resource = MAX_TAGS // 2 + 1
    tags = {f"key-{i}": "v" for i in range(per_resource)}
    made = [ACM.create(tags) for _ in range(4)]
    # As many whole resources as fit in the smallest TagsPerPage, never part of one.
    fits = max(1, low // per_resource)
    first = tagging.get_resources(TagsPerPage=low)
    assert [m["ResourceARN"] for m in first["ResourceTagMappingList"]] == made[:fits]
    assert all(len(m["Tags"]) == per_resource for m in first["ResourceTagMappingList"])
    assert list(listed(tagging, TagsPerPage=low)) == made


def test_a_token_continues_only_the_query_that_issued_it(tagging: Any) -> None:
    for _ in range(3):
        ACM.create({"team": "a"})
    token = tagging.get_resources(ResourcesPerPage=1)["PaginationToken"]
    with pytest.raises(tagging.exceptions.InvalidParameterException) as raised:
        tagging.get_resources(
            ResourcesPerPage=1, PaginationToken=token, TagFilters=[{"Key": "team"}]
        )
    assert "another query" in error_of(raised)[1]
    with pytest.raises(tagging.exceptions.InvalidParameterException):
        tagging.get_resources(PaginationToken="not-a-token")


def test_a_token_expires_fifteen_minutes_after_it_was_issued(tagging: Any, certmock: Mock) -> None:
    for _ in range(2):
        ACM.create({"team": "a"})
    token = tagging.get_resources(ResourcesPerPage=1)["PaginationToken"]
    certmock.clock.advance(minutes=14)
    tagging.get_resources(ResourcesPerPage=1, PaginationToken=token)
    certmock.clock.advance(minutes=1)
    with pytest.raises(tagging.exceptions.PaginationTokenExpiredException):
        tagging.get_resources(ResourcesPerPage=1, PaginationToken=token)


def test_tag_keys_and_values_are_distinct_sorted_and_span_every_type(tagging: Any) -> None:
    ACM.create({"team": "b", "env": "prod"})
    PCA.create({"team": "a"})
    APIGATEWAY.create({"team": "b", "owner": "x"})
    assert tagging.get_tag_keys()["TagKeys"] == ["env", "owner", "team"]
    assert tagging.get_tag_values(Key="team")["TagValues"] == ["a", "b"]
    assert tagging.get_tag_values(Key="absent")["TagValues"] == []


def test_tag_keys_page_through_every_key(tagging: Any) -> None:
    keys = [f"key-{i:03}" for i in range(3 * MAX_TAGS)]
    for start in range(0, len(keys), MAX_TAGS):
        ACM.create(dict.fromkeys(keys[start : start + MAX_TAGS], "v"))
    pages = list(tagging.get_paginator("get_tag_keys").paginate())
    assert len(pages) > 1
    assert [key for page in pages for key in page["TagKeys"]] == keys
    with pytest.raises(tagging.exceptions.InvalidParameterException):
        tagging.get_tag_values(Key="key-000", PaginationToken=pages[0]["PaginationToken"])
