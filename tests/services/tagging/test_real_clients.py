"""The tagging API as clients nobody here wrote use it: moto alongside, and Cloud Custodian."""

from __future__ import annotations

from typing import Any

import boto3
import pytest

from certmock import mock_all
from tests.services.tagging.helpers import ACM, APIGATEWAY, REGION, listed


def test_with_moto_alongside_moto_s_resources_and_certmock_s_are_listed_together() -> None:
    moto = pytest.importorskip("moto")
    # moto keeps its taggable resources behind this module from 5.2 (moto_source.py).
    pytest.importorskip("moto.core.resource_tagging")
    with moto.mock_aws(), mock_all():
        sns = boto3.client("sns", region_name=REGION)
        topic = sns.create_topic(Name="orders", Tags=[{"Key": "team", "Value": "edge"}])
        topic_arn = topic["TopicArn"]
        certificate = ACM.create({"team": "edge"})
        client_certificate = APIGATEWAY.create({"team": "core"})
        tagging = boto3.client("resourcegroupstaggingapi", region_name=REGION)
        assert listed(tagging, TagFilters=[{"Key": "team", "Values": ["edge"]}]) == {
            certificate: {"team": "edge"},
            topic_arn: {"team": "edge"},
        }
        assert client_certificate in listed(tagging)
        # TagResources reaches moto's resource through moto's own backend.
        answer = tagging.tag_resources(ResourceARNList=[topic_arn], Tags={"env": "prod"})
        assert answer["FailedResourcesMap"] == {}
        tags = sns.list_tags_for_resource(ResourceArn=topic_arn)["Tags"]
        assert {tag["Key"]: tag["Value"] for tag in tags} == {"team": "edge", "env": "prod"}


def test_a_cloud_custodian_tag_filter_matches_exactly_the_tagged_certificates(
    tmp_path: Any,
) -> None:
    pytest.importorskip("c7n")
    from c7n.config import Config
    from c7n.policy import Policy
    from c7n.resources import load_resources

    load_resources(("aws.acm-certificate",))
    with mock_all() as cm:
        tagged = {ACM.create({"team": "edge"}) for _ in range(2)}
        ACM.create({"team": "core"})
        ACM.create({})
        config = Config.empty(region=REGION, output_dir=str(tmp_path), account_id="123456789012")
        policy = Policy(
            {
                "name": "edge-certificates",
                "resource": "aws.acm-certificate",
                "filters": [{"tag:team": "edge"}],
            },
            config,
        )
        matched = policy.run()
    assert {resource["CertificateArn"] for resource in matched} == tagged
    # c7n read the tags through the Resource Groups Tagging API, as it does against AWS.
    assert ("resourcegroupstaggingapi", "GetResources") in {
        (call.service, call.operation) for call in cm.calls
    }
