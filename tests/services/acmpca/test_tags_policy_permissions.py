"""Tags, resource policies and ACM permissions on a certificate authority."""

from __future__ import annotations

import json
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from certmock import Mock
from tests.helpers import REGION, create_ca
from tests.model_facts import enum, enum_set, input_member, maximum, pattern, service_operations


def message(raised: pytest.ExceptionInfo[ClientError]) -> str:
    text: str = raised.value.response["Error"]["Message"]
    return text


def tags_of(pca: Any, arn: str) -> list[dict[str, str]]:
    listed: list[dict[str, str]] = pca.list_tags(CertificateAuthorityArn=arn)["Tags"]
    return listed


def deleted_ca(pca: Any) -> str:
    arn = create_ca(pca)
    pca.delete_certificate_authority(CertificateAuthorityArn=arn)
    return arn


# -- tags ----------------------------------------------------------------------------------
def test_tags_given_at_creation_are_listed_in_order(pca: Any) -> None:
    tags = [{"Key": "team", "Value": "pki"}, {"Key": "env", "Value": "test"}]
    assert tags_of(pca, create_ca(pca, Tags=tags)) == tags


def test_tagging_adds_and_overwrites(pca: Any) -> None:
    arn = create_ca(pca, Tags=[{"Key": "team", "Value": "pki"}])
    pca.tag_certificate_authority(
        CertificateAuthorityArn=arn,
        Tags=[{"Key": "team", "Value": "platform"}, {"Key": "cost", "Value": "42"}],
    )
    assert tags_of(pca, arn) == [
        {"Key": "team", "Value": "platform"},
        {"Key": "cost", "Value": "42"},
    ]


def test_untag_without_a_value_removes_the_key(pca: Any) -> None:
    arn = create_ca(pca, Tags=[{"Key": "team", "Value": "pki"}, {"Key": "env", "Value": "x"}])
    pca.untag_certificate_authority(CertificateAuthorityArn=arn, Tags=[{"Key": "team"}])
    assert tags_of(pca, arn) == [{"Key": "env", "Value": "x"}]


def test_untag_with_a_value_removes_only_an_exact_match(pca: Any) -> None:
    arn = create_ca(pca, Tags=[{"Key": "team", "Value": "pki"}, {"Key": "env", "Value": "x"}])
    pca.untag_certificate_authority(
        CertificateAuthorityArn=arn,
        Tags=[{"Key": "team", "Value": "other"}, {"Key": "env", "Value": "x"}],
    )
    assert tags_of(pca, arn) == [{"Key": "team", "Value": "pki"}]


def test_untagging_absent_keys_is_not_an_error(pca: Any) -> None:
    arn = create_ca(pca)
    pca.untag_certificate_authority(CertificateAuthorityArn=arn, Tags=[{"Key": "nope"}])
    assert tags_of(pca, arn) == []


def test_more_than_50_tags_on_a_ca_is_too_many(pca: Any) -> None:
    arn = create_ca(pca, Tags=[{"Key": f"k{i}", "Value": "v"} for i in range(45)])
    with pytest.raises(pca.exceptions.TooManyTagsException) as raised:
        pca.tag_certificate_authority(
            CertificateAuthorityArn=arn, Tags=[{"Key": f"n{i}", "Value": "v"} for i in range(6)]
        )
    assert "51 tags" in message(raised)
    assert len(tags_of(pca, arn)) == 45


@pytest.mark.parametrize("operation", ["create", "tag"])
def test_aws_prefixed_keys_are_invalid(pca: Any, operation: str) -> None:
    tags = [{"Key": "aws:reserved", "Value": "x"}]
    arn = create_ca(pca)

    def attempt() -> None:
        if operation == "create":
            create_ca(pca, Tags=tags)
        else:
            pca.tag_certificate_authority(CertificateAuthorityArn=arn, Tags=tags)

    with pytest.raises(pca.exceptions.InvalidTagException) as raised:
        attempt()
    assert "aws:reserved" in message(raised)


def test_a_tag_value_outside_the_model_pattern_is_a_validation_error(pca: Any) -> None:
    with pytest.raises(ClientError) as raised:
        create_ca(pca, Tags=[{"Key": "ok", "Value": "fine"}, {"Key": "k", "Value": "a*b"}])
    tag_value = input_member("acm-pca", "CreateCertificateAuthority", "Tags", "member", "Value")
    assert message(raised) == (
        "1 validation error detected: Value 'a*b' at 'tags.2.member.value' failed to satisfy "
        f"constraint: Member must satisfy regular expression pattern: {pattern(tag_value)}"
    )


def test_tags_may_use_letters_of_any_script(pca: Any) -> None:
    arn = create_ca(pca, Tags=[{"Key": "Größe", "Value": "日本"}])
    assert tags_of(pca, arn) == [{"Key": "Größe", "Value": "日本"}]


@pytest.mark.parametrize(
    ("operation", "arguments"),
    [
        ("tag_certificate_authority", {"Tags": [{"Key": "k", "Value": "v"}]}),
        ("untag_certificate_authority", {"Tags": [{"Key": "k"}]}),
        ("list_tags", {}),
        ("list_permissions", {}),
        ("create_permission", {"Principal": "acm.amazonaws.com", "Actions": ["IssueCertificate"]}),
        ("delete_permission", {"Principal": "acm.amazonaws.com"}),
    ],
)
def test_a_deleted_ca_refuses_tag_and_permission_operations(
    pca: Any, operation: str, arguments: dict[str, Any]
) -> None:
    arn = deleted_ca(pca)
    with pytest.raises(pca.exceptions.InvalidStateException) as raised:
        getattr(pca, operation)(CertificateAuthorityArn=arn, **arguments)
    assert "The certificate authority is in the DELETED state" in message(raised)


def test_tags_pages_follow_max_results(pca: Any) -> None:
    arn = create_ca(pca, Tags=[{"Key": f"k{i:02}", "Value": "v"} for i in range(7)])
    pages = pca.get_paginator("list_tags").paginate(
        CertificateAuthorityArn=arn, PaginationConfig={"PageSize": 3}
    )
    assert [[tag["Key"] for tag in page["Tags"]] for page in pages] == [
        ["k00", "k01", "k02"],
        ["k03", "k04", "k05"],
        ["k06"],
    ]


# -- resource policies --------------------------------------------------------------------
def policy_for(arn: str, account: str = "210987654321") -> str:
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "ShareWithAccount",
                    "Effect": "Allow",
                    "Principal": {"AWS": account},
                    "Action": [
                        "acm-pca:DescribeCertificateAuthority",
                        "acm-pca:GetCertificate",
                        "acm-pca:ListPermissions",
                        "acm-pca:ListTags",
                    ],
                    "Resource": arn,
                }
            ],
        }
    )


def test_a_policy_is_stored_and_returned(pca: Any) -> None:
    arn = create_ca(pca)
    pca.put_policy(ResourceArn=arn, Policy=policy_for(arn))
    assert json.loads(pca.get_policy(ResourceArn=arn)["Policy"]) == json.loads(policy_for(arn))


def test_get_policy_without_one_is_resource_not_found(pca: Any) -> None:
    with pytest.raises(pca.exceptions.ResourceNotFoundException):
        pca.get_policy(ResourceArn=create_ca(pca))


def test_delete_policy_removes_it_and_deleting_none_succeeds(pca: Any) -> None:
    arn = create_ca(pca)
    pca.put_policy(ResourceArn=arn, Policy=policy_for(arn))
    pca.delete_policy(ResourceArn=arn)
    pca.delete_policy(ResourceArn=arn)
    with pytest.raises(pca.exceptions.ResourceNotFoundException):
        pca.get_policy(ResourceArn=arn)


@pytest.mark.parametrize(
    ("policy", "reason"),
    [
        ("{not json", "not valid JSON"),
        ("[]", "must be a JSON object"),
        ('{"Version": "2012-10-17"}', "has no Statement"),
        ('{"Statement": [{"Effect": "Maybe"}]}', "Effect Allow or Deny"),
        (
            '{"Statement": [{"Effect": "Allow", "Action": "acm-pca:*", "Resource": "*"}]}',
            "has no Principal",
        ),
        ('{"Statement": ["Allow everything"]}', "Statement 1 is not a JSON object"),
        (
            '{"Statement": [{"Effect": "Allow", "Principal": "*", "Resource": "*"}]}',
            "Statement 1 has no Action",
        ),
        (
            '{"Statement": {"Effect": "Allow", "Principal": "*", "Action": "acm-pca:*"}}',
            "Statement 1 has no Resource",
        ),
    ],
)
def test_a_policy_that_is_not_a_json_policy_is_invalid(pca: Any, policy: str, reason: str) -> None:
    with pytest.raises(pca.exceptions.InvalidPolicyException) as raised:
        pca.put_policy(ResourceArn=create_ca(pca), Policy=policy)
    assert message(raised).startswith(
        "The resource policy is invalid or is missing a required statement."
    )
    assert reason in message(raised)


def test_a_deleted_ca_refuses_policies(pca: Any) -> None:
    arn = deleted_ca(pca)
    with pytest.raises(pca.exceptions.InvalidStateException):
        pca.put_policy(ResourceArn=arn, Policy=policy_for(arn))


def test_a_policy_shares_a_ca_with_another_account(pca: Any, certmock: Mock) -> None:
    arn = create_ca(pca, Tags=[{"Key": "shared", "Value": "yes"}])
    other = boto3.client(
        "acm-pca", region_name=REGION, aws_access_key_id="210987654321", aws_secret_access_key="x"
    )
    assert (
        other.list_certificate_authorities(ResourceOwner="OTHER_ACCOUNTS")["CertificateAuthorities"]
        == []
    )
    pca.put_policy(ResourceArn=arn, Policy=policy_for(arn))
    shared = other.list_certificate_authorities(ResourceOwner="OTHER_ACCOUNTS")
    assert [ca["Arn"] for ca in shared["CertificateAuthorities"]] == [arn]
    described = other.describe_certificate_authority(CertificateAuthorityArn=arn)
    assert described["CertificateAuthority"]["OwnerAccount"] == "123456789012"
    assert other.list_tags(CertificateAuthorityArn=arn)["Tags"] == [
        {"Key": "shared", "Value": "yes"}
    ]
    with pytest.raises(ClientError) as raised:
        other.delete_certificate_authority(CertificateAuthorityArn=arn)
    assert raised.value.response["Error"]["Code"] == "AccessDeniedException"


def test_a_deny_statement_overrides_an_allow(pca: Any) -> None:
    arn = create_ca(pca)
    document = json.loads(policy_for(arn))
    document["Statement"].append(
        {
            "Effect": "Deny",
            "Principal": {"AWS": "210987654321"},
            "Action": "acm-pca:Describe*",
            "Resource": "*",
        }
    )
    pca.put_policy(ResourceArn=arn, Policy=json.dumps(document))
    other = boto3.client(
        "acm-pca", region_name=REGION, aws_access_key_id="210987654321", aws_secret_access_key="x"
    )
    with pytest.raises(ClientError) as raised:
        other.describe_certificate_authority(CertificateAuthorityArn=arn)
    assert raised.value.response["Error"]["Code"] == "AccessDeniedException"


@pytest.mark.parametrize(
    ("principal", "shared"),
    [
        ("*", True),
        ({"AWS": "*"}, True),
        ({"AWS": "arn:aws:iam::210987654321:root"}, True),
        ({"AWS": ["111111111111", "arn:aws:iam::210987654321:role/issuer"]}, True),
        ({"AWS": "arn:aws:iam::2109876543210:root"}, False),
        ({"Service": "acm.amazonaws.com"}, False),
    ],
    ids=["star", "aws-star", "root-arn", "role-arn-in-a-list", "longer-account", "service"],
)
def test_a_policy_shares_with_the_principals_that_name_the_account(
    pca: Any, principal: Any, shared: bool
) -> None:
    arn = create_ca(pca)
    document = json.loads(policy_for(arn))
    document["Statement"][0]["Principal"] = principal
    pca.put_policy(ResourceArn=arn, Policy=json.dumps(document))
    other = boto3.client(
        "acm-pca", region_name=REGION, aws_access_key_id="210987654321", aws_secret_access_key="x"
    )
    listed = other.list_certificate_authorities(ResourceOwner="OTHER_ACCOUNTS")
    assert [ca["Arn"] for ca in listed["CertificateAuthorities"]] == ([arn] if shared else [])


# -- permissions ---------------------------------------------------------------------------
def test_a_permission_for_acm_is_listed_with_its_policy(pca: Any) -> None:
    arn = create_ca(pca)
    pca.create_permission(
        CertificateAuthorityArn=arn,
        Principal="acm.amazonaws.com",
        Actions=["IssueCertificate", "GetCertificate", "ListPermissions"],
        SourceAccount="123456789012",
    )
    (permission,) = pca.list_permissions(CertificateAuthorityArn=arn)["Permissions"]
    assert permission["CertificateAuthorityArn"] == arn
    assert permission["Principal"] == "acm.amazonaws.com"
    assert permission["Actions"] == ["IssueCertificate", "GetCertificate", "ListPermissions"]
    assert permission["SourceAccount"] == "123456789012"
    statement = json.loads(permission["Policy"])["Statement"][0]
    assert statement["Principal"] == {"Service": "acm.amazonaws.com"}
    assert statement["Resource"] == arn


def test_the_same_permission_twice_already_exists(pca: Any) -> None:
    arn = create_ca(pca)
    pca.create_permission(
        CertificateAuthorityArn=arn, Principal="acm.amazonaws.com", Actions=["IssueCertificate"]
    )
    with pytest.raises(pca.exceptions.PermissionAlreadyExistsException) as raised:
        pca.create_permission(
            CertificateAuthorityArn=arn, Principal="acm.amazonaws.com", Actions=["GetCertificate"]
        )
    assert message(raised).startswith(
        "The designated permission has already been given to the user"
    )


def test_only_acm_can_be_given_permissions(pca: Any) -> None:
    with pytest.raises(ClientError) as raised:
        pca.create_permission(
            CertificateAuthorityArn=create_ca(pca),
            Principal="lambda.amazonaws.com",
            Actions=["IssueCertificate"],
        )
    assert raised.value.response["Error"]["Code"] == "ValidationException"
    assert "acm.amazonaws.com" in message(raised)


def test_an_unknown_action_is_a_validation_error(pca: Any) -> None:
    actions = input_member("acm-pca", "CreatePermission", "Actions", "member")
    # An operation of the service that the model does not let a permission grant.
    refused = next(name for name in service_operations("acm-pca") if name not in enum(actions))
    with pytest.raises(ClientError) as raised:
        pca.create_permission(
            CertificateAuthorityArn=create_ca(pca),
            Principal="acm.amazonaws.com",
            Actions=[refused],
        )
    assert message(raised) == (
        f"1 validation error detected: Value '{refused}' at 'actions.1.member' failed to satisfy "
        f"constraint: Member must satisfy enum value set: {enum_set(actions)}"
    )


def test_deleting_a_permission_removes_it(pca: Any) -> None:
    arn = create_ca(pca)
    pca.create_permission(
        CertificateAuthorityArn=arn, Principal="acm.amazonaws.com", Actions=["IssueCertificate"]
    )
    pca.delete_permission(CertificateAuthorityArn=arn, Principal="acm.amazonaws.com")
    assert pca.list_permissions(CertificateAuthorityArn=arn)["Permissions"] == []


def test_deleting_a_missing_permission_is_resource_not_found(pca: Any) -> None:
    with pytest.raises(pca.exceptions.ResourceNotFoundException):
        pca.delete_permission(CertificateAuthorityArn=create_ca(pca), Principal="acm.amazonaws.com")


def test_permissions_paginate(pca: Any) -> None:
    arn = create_ca(pca)
    pca.create_permission(
        CertificateAuthorityArn=arn, Principal="acm.amazonaws.com", Actions=["IssueCertificate"]
    )
    pages = list(
        pca.get_paginator("list_permissions").paginate(
            CertificateAuthorityArn=arn, PaginationConfig={"PageSize": 1}
        )
    )
    assert [len(page["Permissions"]) for page in pages] == [1]


# -- listing -------------------------------------------------------------------------------
def test_list_pages_through_every_ca_once(pca: Any) -> None:
    arns = [create_ca(pca) for _ in range(7)]
    pages = list(
        pca.get_paginator("list_certificate_authorities").paginate(PaginationConfig={"PageSize": 3})
    )
    assert [len(page["CertificateAuthorities"]) for page in pages] == [3, 3, 1]
    assert [ca["Arn"] for page in pages for ca in page["CertificateAuthorities"]] == arns


def test_a_page_never_holds_more_than_100(pca: Any) -> None:
    for _ in range(101):
        create_ca(pca)
    most = maximum(input_member("acm-pca", "ListCertificateAuthorities", "MaxResults"))
    first = pca.list_certificate_authorities(MaxResults=most)
    assert len(first["CertificateAuthorities"]) == 100
    rest = pca.list_certificate_authorities(MaxResults=most, NextToken=first["NextToken"])
    assert len(rest["CertificateAuthorities"]) == 1
    assert "NextToken" not in rest


def test_a_ca_created_between_pages_is_neither_lost_nor_repeated(pca: Any) -> None:
    first_arns = [create_ca(pca) for _ in range(2)]
    first = pca.list_certificate_authorities(MaxResults=1)
    pca.delete_certificate_authority(CertificateAuthorityArn=first_arns[0])
    late = create_ca(pca)
    rest = pca.list_certificate_authorities(MaxResults=10, NextToken=first["NextToken"])
    assert [ca["Arn"] for ca in rest["CertificateAuthorities"]] == [first_arns[1], late]


@pytest.mark.parametrize("token", ["garbage", "Y2VydG1vY2svdjEvdGFncy8x"])
def test_a_token_that_is_not_from_this_listing_is_invalid(pca: Any, token: str) -> None:
    create_ca(pca)
    with pytest.raises(pca.exceptions.InvalidNextTokenException) as raised:
        pca.list_certificate_authorities(NextToken=token)
    assert "ListCertificateAuthorities" in message(raised)


def test_a_bad_tags_token_is_a_validation_error_as_list_tags_models_no_token_error(
    pca: Any,
) -> None:
    modeled = {
        shape.name for shape in pca.meta.service_model.operation_model("ListTags").error_shapes
    }
    assert "InvalidNextTokenException" not in modeled
    arn = create_ca(pca)
    with pytest.raises(ClientError) as raised:
        pca.list_tags(CertificateAuthorityArn=arn, NextToken="garbage")
    assert raised.value.response["Error"]["Code"] == "ValidationException"
    assert "ListTags" in message(raised)


def test_each_account_and_region_has_its_own_cas(certmock: Mock) -> None:
    here = boto3.client("acm-pca", region_name=REGION)
    create_ca(here)
    elsewhere = boto3.client("acm-pca", region_name="ap-south-1")
    other_account = boto3.client(
        "acm-pca", region_name=REGION, aws_access_key_id="210987654321", aws_secret_access_key="x"
    )
    assert elsewhere.list_certificate_authorities()["CertificateAuthorities"] == []
    assert other_account.list_certificate_authorities()["CertificateAuthorities"] == []


@pytest.mark.parametrize(
    "owners",
    [
        ["210987654321", "210987654321", "310987654321", "310987654321"],
        ["310987654321", "310987654321", "210987654321", "210987654321"],
        ["310987654321", "210987654321", "310987654321", "210987654321"],
    ],
    ids=["owners-in-order", "owners-reversed", "owners-interleaved"],
)
def test_shared_cas_of_several_accounts_page_without_loss(
    certmock: Mock, owners: list[str]
) -> None:
    me = "123456789012"
    shared = []
    for owner in owners:
        client = boto3.client(
            "acm-pca", region_name=REGION, aws_access_key_id=owner, aws_secret_access_key="x"
        )
        arn = create_ca(client)
        client.put_policy(ResourceArn=arn, Policy=policy_for(arn, account=me))
        shared.append(arn)
    pages = (
        boto3.client("acm-pca", region_name=REGION)
        .get_paginator("list_certificate_authorities")
        .paginate(ResourceOwner="OTHER_ACCOUNTS", PaginationConfig={"PageSize": 1})
    )
    assert [ca["Arn"] for page in pages for ca in page["CertificateAuthorities"]] == shared


def test_policy_actions_match_without_regard_to_case(pca: Any) -> None:
    arn = create_ca(pca)
    document = json.loads(policy_for(arn))
    document["Statement"][0]["Action"] = "ACM-PCA:describecertificateauthority"
    pca.put_policy(ResourceArn=arn, Policy=json.dumps(document))
    other = boto3.client(
        "acm-pca", region_name=REGION, aws_access_key_id="210987654321", aws_secret_access_key="x"
    )
    assert other.describe_certificate_authority(CertificateAuthorityArn=arn)
