"""Tags on a client certificate: at generation, and through its ARN with TagResource,
UntagResource and GetTags."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from certmock import IgnoredMemberWarning, mock_apigateway
from tests.services.apigateway.helpers import (
    BAD_REQUEST,
    NOT_FOUND,
    NOW,
    answered_with,
    arn_of,
    error_of,
    generate,
)

pytestmark = pytest.mark.certmock(now=NOW)


def tags_of(client: Any, resource_arn: str) -> dict[str, str]:
    found: dict[str, str] = client.get_tags(resourceArn=resource_arn)["tags"]
    return found


@pytest.fixture
def tagged(apigateway: Any) -> str:
    """The ARN of a client certificate generated with two tags."""
    return arn_of(generate(apigateway, tags={"team": "edge", "env": "test"}))


def test_tags_given_at_generation_are_returned_and_readable_by_arn(apigateway: Any) -> None:
    generated = apigateway.generate_client_certificate(tags={"team": "edge"})
    assert generated["tags"] == {"team": "edge"}
    assert tags_of(apigateway, arn_of(generated["clientCertificateId"])) == {"team": "edge"}


def test_tagging_adds_and_overwrites(apigateway: Any, tagged: str) -> None:
    answer = apigateway.tag_resource(resourceArn=tagged, tags={"team": "platform", "cost": "42"})
    assert answer["ResponseMetadata"]["HTTPStatusCode"] == answered_with("TagResource")
    assert tags_of(apigateway, tagged) == {"team": "platform", "env": "test", "cost": "42"}


def test_tags_show_on_the_certificate(apigateway: Any, tagged: str) -> None:
    apigateway.tag_resource(resourceArn=tagged, tags={"cost": "42"})
    client_certificate_id = tagged.rsplit("/", 1)[1]
    found = apigateway.get_client_certificate(clientCertificateId=client_certificate_id)
    assert found["tags"] == {"team": "edge", "env": "test", "cost": "42"}


def test_untagging_removes_the_keys(apigateway: Any, tagged: str) -> None:
    answer = apigateway.untag_resource(resourceArn=tagged, tagKeys=["team"])
    assert answer["ResponseMetadata"]["HTTPStatusCode"] == answered_with("UntagResource")
    assert tags_of(apigateway, tagged) == {"env": "test"}


def test_untagging_absent_keys_is_not_an_error(apigateway: Any, tagged: str) -> None:
    apigateway.untag_resource(resourceArn=tagged, tagKeys=["nope"])
    assert tags_of(apigateway, tagged) == {"team": "edge", "env": "test"}


def test_a_certificate_without_tags_has_an_empty_map(apigateway: Any) -> None:
    assert tags_of(apigateway, arn_of(generate(apigateway))) == {}


def test_get_tags_ignores_position_and_limit(apigateway: Any, tagged: str) -> None:
    with pytest.warns(IgnoredMemberWarning, match=r"GetTags\.(limit|position)"):
        found = apigateway.get_tags(resourceArn=tagged, limit=1, position="anything")
    assert found["tags"] == {"team": "edge", "env": "test"}


@pytest.mark.usefixtures("certmock")
def test_the_arn_follows_the_partition_of_the_region() -> None:
    client = boto3.client("apigateway", region_name="cn-north-1")
    client_certificate_id = generate(client, tags={"k": "v"})
    resource_arn = arn_of(client_certificate_id, region="cn-north-1", partition="aws-cn")
    assert tags_of(client, resource_arn) == {"k": "v"}


@pytest.mark.parametrize(
    "operation",
    [
        lambda client, arn: client.get_tags(resourceArn=arn),
        lambda client, arn: client.tag_resource(resourceArn=arn, tags={"k": "v"}),
        lambda client, arn: client.untag_resource(resourceArn=arn, tagKeys=["k"]),
    ],
    ids=["GetTags", "TagResource", "UntagResource"],
)
def test_a_deleted_certificates_arn_is_not_found(apigateway: Any, operation: Any) -> None:
    client_certificate_id = generate(apigateway)
    apigateway.delete_client_certificate(clientCertificateId=client_certificate_id)
    with pytest.raises(apigateway.exceptions.NotFoundException) as raised:
        operation(apigateway, arn_of(client_certificate_id))
    assert error_of(raised) == (
        "NotFoundException",
        "Invalid Client Certificate identifier specified",
        NOT_FOUND,
    )


def test_another_regions_arn_is_not_found(apigateway: Any) -> None:
    client_certificate_id = generate(apigateway)
    with pytest.raises(apigateway.exceptions.NotFoundException) as raised:
        apigateway.get_tags(resourceArn=arn_of(client_certificate_id, region="us-east-1"))
    code, message, status = error_of(raised)
    assert (code, status) == ("NotFoundException", NOT_FOUND)
    assert "does not name a client certificate of eu-west-1" in message


@pytest.mark.parametrize(
    "resource_arn",
    [
        "arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5",
        "arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5/stages/prod",
        "arn:aws:apigateway:eu-west-1::/clientcertificates",
    ],
)
def test_other_api_gateway_resources_are_not_found_and_say_why(
    apigateway: Any, resource_arn: str
) -> None:
    with pytest.raises(apigateway.exceptions.NotFoundException) as raised:
        apigateway.tag_resource(resourceArn=resource_arn, tags={"k": "v"})
    code, message, status = error_of(raised)
    assert (code, status) == ("NotFoundException", NOT_FOUND)
    assert resource_arn in message
    assert "certmock keeps tags only for client certificates" in message


@pytest.mark.parametrize(
    "resource_arn",
    ["not-an-arn", "arn:aws:acm:eu-west-1:123456789012:certificate/abc"],
)
def test_an_arn_that_is_not_api_gateways_is_a_bad_request(
    apigateway: Any, resource_arn: str
) -> None:
    with pytest.raises(apigateway.exceptions.BadRequestException) as raised:
        apigateway.get_tags(resourceArn=resource_arn)
    code, message, status = error_of(raised)
    assert (code, status) == ("BadRequestException", BAD_REQUEST)
    assert f"Invalid resource ARN '{resource_arn}'" in message


@pytest.mark.parametrize(
    ("tags", "fragment"),
    [
        ({"aws:owner": "me"}, "keys beginning with 'aws:' are reserved"),
        ({"AWS:owner": "me"}, "keys beginning with 'aws:' are reserved"),
        ({"k" * 129: "v"}, "a tag key must have 1 to 128 characters"),
        ({"": "v"}, "a tag key must have 1 to 128 characters"),
        ({"k": "v" * 257}, "a tag value can have at most 256 characters"),
    ],
    ids=["aws-prefix", "aws-prefix-upper-case", "long-key", "empty-key", "long-value"],
)
def test_invalid_tags_are_bad_requests_everywhere(
    apigateway: Any, tagged: str, tags: dict[str, str], fragment: str
) -> None:
    with pytest.raises(apigateway.exceptions.BadRequestException) as at_generation:
        apigateway.generate_client_certificate(tags=tags)
    with pytest.raises(apigateway.exceptions.BadRequestException) as when_tagging:
        apigateway.tag_resource(resourceArn=tagged, tags=tags)
    for raised in (at_generation, when_tagging):
        code, message, status = error_of(raised)
        assert (code, status) == ("BadRequestException", BAD_REQUEST)
        assert fragment in message
    assert tags_of(apigateway, tagged) == {"team": "edge", "env": "test"}
    assert len(apigateway.get_client_certificates()["items"]) == 1


def test_tag_keys_and_values_at_their_limits_are_accepted(apigateway: Any, tagged: str) -> None:
    apigateway.tag_resource(resourceArn=tagged, tags={"k" * 128: "v" * 256, "empty": ""})
    assert tags_of(apigateway, tagged)["k" * 128] == "v" * 256


def test_more_than_50_tags_is_a_bad_request(apigateway: Any, tagged: str) -> None:
    apigateway.tag_resource(resourceArn=tagged, tags={f"k{i}": "v" for i in range(48)})
    with pytest.raises(apigateway.exceptions.BadRequestException) as raised:
        apigateway.tag_resource(resourceArn=tagged, tags={"one": "v", "too": "v", "many": "v"})
    code, message, status = error_of(raised)
    assert (code, status) == ("BadRequestException", BAD_REQUEST)
    assert "53 tags" in message
    assert len(tags_of(apigateway, tagged)) == 50


def test_generating_with_more_than_50_tags_is_a_bad_request(apigateway: Any) -> None:
    with pytest.raises(apigateway.exceptions.BadRequestException):
        apigateway.generate_client_certificate(tags={f"k{i}": "v" for i in range(51)})
    assert apigateway.get_client_certificates()["items"] == []


def test_tags_of_other_api_gateway_resources_are_left_to_moto_when_it_runs() -> None:
    moto = pytest.importorskip("moto")

    with moto.mock_aws(), mock_apigateway() as cm:
        client = boto3.client("apigateway", region_name="us-east-1")
        api_id = client.create_rest_api(name="left-to-moto")["id"]
        arn = f"arn:aws:apigateway:us-east-1::/restapis/{api_id}"
        # moto's own answer, not certmock's: moto 5 keeps no REST API tags under this ARN
        # (NotFoundException), and its first releases had not implemented the call (a bare 404).
        with pytest.raises(ClientError) as raised:
            client.tag_resource(resourceArn=arn, tags={"team": "platform"})
        assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404
        assert "certmock" not in raised.value.response["Error"]["Message"]
        assert cm.calls == []
