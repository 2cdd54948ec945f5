"""certmock.validation against botocore's own models: AWS's wording, paths and Java patterns."""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import boto3
import botocore.session
import pytest
from botocore.awsrequest import AWSResponse
from botocore.model import ServiceModel, Shape, ShapeResolver, StructureShape

import certmock
from certmock import validation
from certmock.dispatch import serve
from certmock.errors import ServiceError
from certmock.protocols import WireRequest
from certmock.services import apigateway
from certmock.services.definition import ExtraConstraint, ModelGaps, ServiceDefinition
from certmock.validation import java_patterns, validate
from tests.model_facts import enum_set, input_member, maximum, minimum, pattern

CA_ARN = (
    "arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/"
    "11111111-2222-3333-4444-555555555555"
)
# The constraints under test are read from the installed models, never copied from them.
ARN_PATTERN = pattern(
    input_member("acm-pca", "DescribeCertificateAuthority", "CertificateAuthorityArn")
)
TAG_PATTERN = pattern(input_member("acm-pca", "TagCertificateAuthority", "Tags", "member", "Value"))
DELETION_DAYS = input_member("acm-pca", "DeleteCertificateAuthority", "PermanentDeletionTimeInDays")
SUBJECT = {"CommonName": "example.com", "Country": "US", "Organization": "Example"}

_session = botocore.session.get_session()


def service(name: str) -> ServiceModel:
    return _session.get_service_model(name)


ACM_PCA = service("acm-pca")


def error_for(
    operation: str,
    model: ServiceModel = ACM_PCA,
    error_code: str = "ValidationException",
    **params: Any,
) -> ServiceError:
    with pytest.raises(ServiceError) as caught:
        validate(model.operation_model(operation).input_shape, params, error_code)
    return caught.value


def message_for(operation: str, model: ServiceModel = ACM_PCA, **params: Any) -> str:
    return error_for(operation, model, **params).message


def one_error(value: str, path: str, constraint: str) -> str:
    return (
        f"1 validation error detected: {value} at '{path}' failed to satisfy constraint: "
        f"{constraint}"
    )


def shape_with_pattern(pattern: str) -> StructureShape:
    """An input whose only member ``Value`` is a string constrained by ``pattern``."""
    shape_map: dict[str, Any] = {
        "Input": {"type": "structure", "members": {"Value": {"shape": "Text"}}},
        "Text": {"type": "string", "pattern": pattern},
    }
    resolver = ShapeResolver(shape_map)
    shape = resolver.get_shape_by_name("Input")
    assert isinstance(shape, StructureShape)
    return shape


def matches(shape: StructureShape, value: str) -> bool:
    try:
        validate(shape, {"Value": value})
    except ServiceError:
        return False
    return True


# -- the wording ---------------------------------------------------------------------------------


def test_value_above_maximum() -> None:
    most = maximum(DELETION_DAYS)

    message = message_for(
        "DeleteCertificateAuthority",
        CertificateAuthorityArn=CA_ARN,
        PermanentDeletionTimeInDays=most + 1,
    )

    assert message == (
        f"1 validation error detected: Value '{most + 1}' at 'permanentDeletionTimeInDays' "
        f"failed to satisfy constraint: Member must have value less than or equal to {most}"
    )


def test_value_below_minimum() -> None:
    least = minimum(DELETION_DAYS)

    message = message_for(
        "DeleteCertificateAuthority",
        CertificateAuthorityArn=CA_ARN,
        PermanentDeletionTimeInDays=least - 1,
    )

    assert message == one_error(
        f"Value '{least - 1}'",
        "permanentDeletionTimeInDays",
        f"Member must have value greater than or equal to {least}",
    )


def test_pattern_violation_in_a_list_of_structures() -> None:
    message = message_for(
        "TagCertificateAuthority",
        CertificateAuthorityArn=CA_ARN,
        Tags=[{"Key": "team", "Value": "a*b"}],
    )

    assert message == one_error(
        "Value 'a*b'",
        "tags.1.member.value",
        f"Member must satisfy regular expression pattern: {TAG_PATTERN}",
    )


def test_list_items_are_numbered_from_one() -> None:
    message = message_for(
        "TagCertificateAuthority",
        CertificateAuthorityArn=CA_ARN,
        Tags=[{"Key": "ok", "Value": "fine"}, {"Key": "bad", "Value": "no!"}],
    )

    assert "at 'tags.2.member.value'" in message


@pytest.mark.parametrize("text", ["ключ", "日本語", "café au lait", "Ελληνικά 2024", "x=y+z@a:b/c"])
def test_unicode_letters_and_allowed_symbols_satisfy_the_tag_pattern(text: str) -> None:
    validate(
        ACM_PCA.operation_model("TagCertificateAuthority").input_shape,
        {"CertificateAuthorityArn": CA_ARN, "Tags": [{"Key": text, "Value": text}]},
    )


def test_enum_violation() -> None:
    owners = input_member("acm-pca", "ListCertificateAuthorities", "ResourceOwner")

    message = message_for("ListCertificateAuthorities", ResourceOwner="BOGUS")

    assert message == one_error(
        "Value 'BOGUS'", "resourceOwner", f"Member must satisfy enum value set: {enum_set(owners)}"
    )


def test_string_too_long() -> None:
    most = maximum(input_member("acm-pca", "TagCertificateAuthority", "Tags", "member", "Key"))
    key = "k" * (most + 1)

    message = message_for(
        "TagCertificateAuthority", CertificateAuthorityArn=CA_ARN, Tags=[{"Key": key}]
    )

    assert message == one_error(
        f"Value '{key}'",
        "tags.1.member.key",
        f"Member must have length less than or equal to {most}",
    )


def test_list_too_long_prints_the_list() -> None:
    most = maximum(input_member("acm-pca", "TagCertificateAuthority", "Tags"))
    tags = [{"Key": f"k{i}", "Value": "v"} for i in range(most + 1)]

    message = message_for("TagCertificateAuthority", CertificateAuthorityArn=CA_ARN, Tags=tags)

    rendered = "[" + ", ".join(f"{{Key=k{i}, Value=v}}" for i in range(most + 1)) + "]"
    assert message == one_error(
        f"Value '{rendered}'", "tags", f"Member must have length less than or equal to {most}"
    )


def test_empty_blob_is_printed_as_aws_prints_a_byte_buffer() -> None:
    message = message_for(
        "IssueCertificate",
        CertificateAuthorityArn=CA_ARN,
        Csr=b"",
        SigningAlgorithm="SHA256WITHRSA",
        Validity={"Value": 365, "Type": "DAYS"},
    )

    least = minimum(input_member("acm-pca", "IssueCertificate", "Csr"))
    assert message == one_error(
        "Value 'java.nio.HeapByteBuffer[pos=0 lim=0 cap=0]'",
        "csr",
        f"Member must have length greater than or equal to {least}",
    )


def test_nested_structure_path() -> None:
    most = maximum(
        input_member(
            "acm-pca",
            "CreateCertificateAuthority",
            "CertificateAuthorityConfiguration",
            "Subject",
            "CommonName",
        )
    )
    common_name = "c" * (most + 1)

    message = message_for(
        "CreateCertificateAuthority",
        CertificateAuthorityType="ROOT",
        CertificateAuthorityConfiguration={
            "KeyAlgorithm": "RSA_2048",
            "SigningAlgorithm": "SHA256WITHRSA",
            "Subject": {"CommonName": common_name},
        },
    )

    assert message == one_error(
        f"Value '{common_name}'",
        "certificateAuthorityConfiguration.subject.commonName",
        f"Member must have length less than or equal to {most}",
    )


def test_required_member_missing() -> None:
    message = message_for("DescribeCertificateAuthority")

    assert message == one_error("Value null", "certificateAuthorityArn", "Member must not be null")


def test_required_member_of_a_list_item_missing() -> None:
    message = message_for(
        "TagCertificateAuthority", CertificateAuthorityArn=CA_ARN, Tags=[{"Value": "v"}]
    )

    assert message == one_error("Value null", "tags.1.member.key", "Member must not be null")


def test_several_errors_are_counted_and_joined_in_model_order() -> None:
    def member(name: str) -> Shape:
        return input_member("acm-pca", "RevokeCertificate", name)

    serial = "s" * (maximum(member("CertificateSerial")) + 1)

    message = message_for(
        "RevokeCertificate",
        RevocationReason="BECAUSE",
        CertificateSerial=serial,
        CertificateAuthorityArn="not-an-arn",
    )

    errors = {
        "CertificateAuthorityArn": "Value 'not-an-arn' at 'certificateAuthorityArn' failed to "
        "satisfy constraint: Member must satisfy regular expression pattern: "
        f"{pattern(member('CertificateAuthorityArn'))}",
        "CertificateSerial": f"Value '{serial}' at 'certificateSerial' failed to satisfy "
        "constraint: Member must have length less than or equal to "
        f"{maximum(member('CertificateSerial'))}",
        "RevocationReason": "Value 'BECAUSE' at 'revocationReason' failed to satisfy "
        f"constraint: Member must satisfy enum value set: {enum_set(member('RevocationReason'))}",
    }
    revoke = input_member("acm-pca", "RevokeCertificate")
    assert isinstance(revoke, StructureShape)
    in_model_order = [errors[name] for name in revoke.members if name in errors]
    assert message == "3 validation errors detected: " + "; ".join(in_model_order)


def test_every_failing_constraint_of_a_member_is_reported_length_before_pattern() -> None:
    country = input_member(
        "acm-pca",
        "CreateCertificateAuthority",
        "CertificateAuthorityConfiguration",
        "Subject",
        "Country",
    )
    # Digits, one more than the model allows: too long, and outside its letters-only pattern.
    value = "1" * (maximum(country) + 1)

    message = message_for(
        "CreateCertificateAuthority",
        CertificateAuthorityType="ROOT",
        CertificateAuthorityConfiguration={
            "KeyAlgorithm": "RSA_2048",
            "SigningAlgorithm": "SHA256WITHRSA",
            "Subject": {"Country": value},
        },
    )

    path = "certificateAuthorityConfiguration.subject.country"
    assert message == (
        "2 validation errors detected: "
        f"Value '{value}' at '{path}' failed to satisfy constraint: "
        f"Member must have length less than or equal to {maximum(country)}; "
        f"Value '{value}' at '{path}' failed to satisfy constraint: "
        f"Member must satisfy regular expression pattern: {pattern(country)}"
    )


def test_error_code_is_the_one_asked_for() -> None:
    error = error_for("DescribeCertificateAuthority", error_code="ValidationError")

    assert error.code == "ValidationError"
    assert error.message.startswith("1 validation error detected: ")


def test_default_error_code_is_validation_exception() -> None:
    assert error_for("DescribeCertificateAuthority").code == "ValidationException"


# -- maps and sensitive members ------------------------------------------------------------------


def test_bad_map_keys_are_reported_once_against_the_map() -> None:
    # The wording EventBridge returns for this very input.
    paths = {"de onde?": "$.detail.sourceIPAddress", "ok": "$.detail.eventName"}

    message = message_for(
        "PutTargets",
        service("events"),
        Rule="rule",
        Targets=[
            {
                "Id": "1",
                "Arn": "arn:aws:sns:us-east-1:123456789012:topic",
                "InputTransformer": {"InputPathsMap": paths, "InputTemplate": "<x>"},
            }
        ],
    )

    key = input_member(
        "events", "PutTargets", "Targets", "member", "InputTransformer", "InputPathsMap", "key"
    )
    assert message == one_error(
        "Value '{de onde?=$.detail.sourceIPAddress, ok=$.detail.eventName}'",
        "targets.1.member.inputTransformer.inputPathsMap",
        "Map keys must satisfy constraint: "
        f"[Member must have length less than or equal to {maximum(key)}, "
        f"Member must have length greater than or equal to {minimum(key)}, "
        f"Member must satisfy regular expression pattern: {pattern(key)}]",
    )


def test_bad_map_values_are_reported_once_against_the_map() -> None:
    writes_per_table = input_member("dynamodb", "BatchWriteItem", "RequestItems", "value")
    writes = [
        {"DeleteRequest": {"Key": {"pk": {"S": str(i)}}}}
        for i in range(maximum(writes_per_table) + 1)
    ]

    message = message_for("BatchWriteItem", service("dynamodb"), RequestItems={"t": writes})

    assert message.endswith(
        "at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: "
        f"[Member must have length less than or equal to {maximum(writes_per_table)}, "
        f"Member must have length greater than or equal to {minimum(writes_per_table)}]"
    )


def test_inside_a_map_value_the_path_names_the_key() -> None:
    message = message_for(
        "BatchWriteItem", service("dynamodb"), RequestItems={"t": [{"DeleteRequest": {}}]}
    )

    assert message == one_error(
        "Value null", "requestItems.t.member.1.member.deleteRequest.key", "Member must not be null"
    )


def test_sensitive_values_are_left_out_of_the_message() -> None:
    message = message_for("Encrypt", service("kms"), KeyId="alias/k", Plaintext=b"")

    least = minimum(input_member("kms", "Encrypt", "Plaintext"))
    assert message == one_error(
        "Value", "plaintext", f"Member must have length greater than or equal to {least}"
    )


# -- patterns ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "arn",
    [
        "not-an-arn",
        CA_ARN + "!",  # a prefix matches; the whole value must
        " " + CA_ARN,
        CA_ARN.replace("certificate-authority", "certificate-authorité"),  # Java's \w is ASCII
    ],
)
def test_arn_pattern_must_match_the_whole_value(arn: str) -> None:
    message = message_for("DescribeCertificateAuthority", CertificateAuthorityArn=arn)

    assert message == one_error(
        f"Value '{arn}'",
        "certificateAuthorityArn",
        f"Member must satisfy regular expression pattern: {ARN_PATTERN}",
    )


@pytest.mark.parametrize(
    ("pattern", "accepted", "rejected"),
    [
        (r"\p{Alpha}+", "abcXYZ", "é"),  # POSIX classes are ASCII in Java
        (r"\p{Punct}+", "$+<=>^`|~", "«"),
        (r"[\p{Print}&&[^|:/]]+", "a b", "a|b"),  # class intersection
        (r"[\u0020-\uD7FF\uD800\uDC00-\uDBFF\uDFFF]+", "a😀", "\t"),  # surrogate pairs
        (r"[\x{0022}a]+", 'a"', "b"),
        (r"\A[a-z]+\z", "abc", "abcZ"),
        (r"^(\p{LD}|\p{Punct}| )+$", "é1 !", "\t"),
        (r"[\w\s]+", "a_1 \t", "\u00a0"),  # \s is ASCII too
    ],
)
def test_java_pattern_semantics(pattern: str, accepted: str, rejected: str) -> None:
    shape = shape_with_pattern(pattern)

    assert matches(shape, accepted)
    assert not matches(shape, rejected)


def test_a_pattern_regex_cannot_compile_is_not_enforced() -> None:
    shape = shape_with_pattern("[unclosed")

    assert matches(shape, "anything")


@pytest.mark.parametrize("name", ["acm-pca", "acm", "rds", "apigateway", "iam", "kms"])
def test_every_pattern_of_the_emulated_services_compiles(name: str) -> None:
    model = service(name)
    patterns = {
        model.shape_for(shape_name).metadata.get("pattern") for shape_name in model.shape_names
    }

    assert all(java_patterns.matcher(p) is not None for p in patterns if p is not None)


# -- valid input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("operation", "params"),
    [
        ("DescribeCertificateAuthority", {"CertificateAuthorityArn": CA_ARN}),
        (
            "DeleteCertificateAuthority",
            {
                "CertificateAuthorityArn": CA_ARN,
                "PermanentDeletionTimeInDays": minimum(DELETION_DAYS),
            },
        ),
        (
            "ListCertificateAuthorities",
            {
                "MaxResults": maximum(
                    input_member("acm-pca", "ListCertificateAuthorities", "MaxResults")
                ),
                "ResourceOwner": "OTHER_ACCOUNTS",
            },
        ),
        (
            "TagCertificateAuthority",
            {
                "CertificateAuthorityArn": CA_ARN,
                "Tags": [{"Key": "env", "Value": ""}, {"Key": "team", "Value": "pki"}],
            },
        ),
        (
            "CreateCertificateAuthority",
            {
                "CertificateAuthorityType": "ROOT",
                "CertificateAuthorityConfiguration": {
                    "KeyAlgorithm": "EC_prime256v1",
                    "SigningAlgorithm": "SHA256WITHECDSA",
                    "Subject": SUBJECT,
                },
                "IdempotencyToken": "token-1",
                "Tags": [{"Key": "env", "Value": "test"}],
            },
        ),
        (
            "IssueCertificate",
            {
                "CertificateAuthorityArn": CA_ARN,
                "Csr": b"-----BEGIN CERTIFICATE REQUEST-----",
                "SigningAlgorithm": "SHA256WITHRSA",
                "Validity": {"Value": 365, "Type": "DAYS"},
                "ApiPassthrough": {"Subject": SUBJECT},
            },
        ),
        ("ListCertificateAuthorities", {}),
    ],
)
def test_valid_input_passes(operation: str, params: dict[str, Any]) -> None:
    validate(ACM_PCA.operation_model(operation).input_shape, params)


def test_recursive_shapes_validate() -> None:
    item = {"pk": {"S": "a"}, "nested": {"M": {"list": {"L": [{"M": {"n": {"N": "1"}}}]}}}}

    validate(
        service("dynamodb").operation_model("PutItem").input_shape,
        {"TableName": "table", "Item": item},
    )


def test_operation_without_input() -> None:
    validate(None, {})


def test_values_of_the_wrong_type_are_left_to_the_wire_layer() -> None:
    validate(
        ACM_PCA.operation_model("DeleteCertificateAuthority").input_shape,
        {"CertificateAuthorityArn": 12345, "PermanentDeletionTimeInDays": "31"},
    )


# -- extra constraints: limits AWS enforces that the model lacks ----------------------------------

ACM = service("acm")
PUT_ACCOUNT_CONFIGURATION = ACM.operation_model("PutAccountConfiguration").input_shape
DAYS = input_member("acm", "PutAccountConfiguration", "ExpiryEvents", "DaysBeforeExpiry")


def days_bound(minimum: int | None = None, maximum: int | None = None) -> ExtraConstraint:
    return ExtraConstraint(
        "PutAccountConfiguration", "ExpiryEvents.DaysBeforeExpiry", minimum, maximum
    )


def account_configuration_error(days: int, *bounds: ExtraConstraint, **params: Any) -> ServiceError:
    params.setdefault("IdempotencyToken", "token")
    with pytest.raises(ServiceError) as caught:
        validate(
            PUT_ACCOUNT_CONFIGURATION,
            {**params, "ExpiryEvents": {"DaysBeforeExpiry": days}},
            "ValidationException",
            bounds,
        )
    return caught.value


def test_an_extra_maximum_is_worded_as_a_model_range_with_the_paths_casing() -> None:
    error = account_configuration_error(46, days_bound(maximum=45))

    assert error.code == "ValidationException"
    assert error.message == (
        "1 validation error detected: Value '46' at 'expiryEvents.daysBeforeExpiry' failed to "
        "satisfy constraint: Member must have value less than or equal to 45"
    )


def test_an_extra_minimum_tightens_the_models_own() -> None:
    least = minimum(DAYS)

    error = account_configuration_error(least, days_bound(minimum=least + 4))

    assert error.message == one_error(
        f"Value '{least}'",
        "expiryEvents.daysBeforeExpiry",
        f"Member must have value greater than or equal to {least + 4}",
    )


def test_a_looser_extra_bound_leaves_the_models_own_in_force() -> None:
    least = minimum(DAYS)

    error = account_configuration_error(least - 1, days_bound(minimum=least - 5))

    assert error.message == one_error(
        f"Value '{least - 1}'",
        "expiryEvents.daysBeforeExpiry",
        f"Member must have value greater than or equal to {least}",
    )


def test_values_within_the_extra_bounds_pass() -> None:
    bounds = (days_bound(1, 45),)
    for days in (1, 45):
        validate(
            PUT_ACCOUNT_CONFIGURATION,
            {"IdempotencyToken": "t", "ExpiryEvents": {"DaysBeforeExpiry": days}},
            "ValidationException",
            bounds,
        )


def test_extra_and_model_violations_combine_in_model_order() -> None:
    # IdempotencyToken comes after ExpiryEvents in the model.
    token = input_member("acm", "PutAccountConfiguration", "IdempotencyToken")
    too_long = "t" * (maximum(token) + 1)

    error = account_configuration_error(46, days_bound(maximum=45), IdempotencyToken=too_long)

    assert error.message == (
        "2 validation errors detected: Value '46' at 'expiryEvents.daysBeforeExpiry' failed to "
        "satisfy constraint: Member must have value less than or equal to 45; "
        f"Value '{too_long}' at 'idempotencyToken' failed to satisfy constraint: Member must "
        f"have length less than or equal to {maximum(token)}"
    )


def test_without_the_extra_constraints_the_model_alone_applies() -> None:
    validate(
        PUT_ACCOUNT_CONFIGURATION,
        {"IdempotencyToken": "t", "ExpiryEvents": {"DaysBeforeExpiry": 46}},
    )


def test_an_extra_bound_on_a_string_limits_its_length() -> None:
    bound = ExtraConstraint("GenerateClientCertificate", "description", maximum=3)
    shape = service("apigateway").operation_model("GenerateClientCertificate").input_shape

    with pytest.raises(ServiceError) as caught:
        validate(shape, {"description": "four"}, "BadRequestException", (bound,))

    assert caught.value.message == one_error(
        "Value 'four'", "description", "Member must have length less than or equal to 3"
    )


def test_an_extra_bound_through_a_list_applies_to_every_item() -> None:
    shape_map: dict[str, Any] = {
        "Input": {"type": "structure", "members": {"Items": {"shape": "Items"}}},
        "Items": {"type": "list", "member": {"shape": "Item"}},
        "Item": {"type": "structure", "members": {"Count": {"shape": "Count"}}},
        "Count": {"type": "integer"},
    }
    shape = ShapeResolver(shape_map).get_shape_by_name("Input")
    bound = ExtraConstraint("Op", "Items.Count", maximum=5)

    with pytest.raises(ServiceError) as caught:
        validate(shape, {"Items": [{"Count": 5}, {"Count": 6}]}, "ValidationException", (bound,))

    assert caught.value.message == one_error(
        "Value '6'", "items.2.member.count", "Member must have value less than or equal to 5"
    )


def test_the_shape_bound_elsewhere_keeps_only_its_model_constraints() -> None:
    # Two members of one shape: only the bounded path carries the extra bound.
    shape_map: dict[str, Any] = {
        "Input": {
            "type": "structure",
            "members": {"First": {"shape": "Pair"}, "Second": {"shape": "Pair"}},
        },
        "Pair": {"type": "structure", "members": {"Count": {"shape": "Count"}}},
        "Count": {"type": "integer"},
    }
    shape = ShapeResolver(shape_map).get_shape_by_name("Input")
    bound = ExtraConstraint("Op", "First.Count", maximum=5)
    params = {"First": {"Count": 6}, "Second": {"Count": 6}}

    with pytest.raises(ServiceError) as caught:
        validate(shape, params, "ValidationException", (bound,))

    assert caught.value.message == one_error(
        "Value '6'", "first.count", "Member must have value less than or equal to 5"
    )


def test_a_bound_on_a_member_the_installed_model_lacks_is_not_applied() -> None:
    bound = ExtraConstraint("PutAccountConfiguration", "ExpiryEvents.NotInThisModel", maximum=1)
    validate(
        PUT_ACCOUNT_CONFIGURATION,
        {"IdempotencyToken": "t", "ExpiryEvents": {"DaysBeforeExpiry": 46}},
        "ValidationException",
        (bound,),
    )


def test_a_shape_is_compiled_once_per_set_of_extra_bounds() -> None:
    bounds = (days_bound(maximum=45),)
    params = {"IdempotencyToken": "t", "ExpiryEvents": {"DaysBeforeExpiry": 1}}
    validate(PUT_ACCOUNT_CONFIGURATION, params, "ValidationException", bounds)
    entry = validation._compiled[id(PUT_ACCOUNT_CONFIGURATION)]
    compiled = entry.bounded[bounds]

    validate(PUT_ACCOUNT_CONFIGURATION, params, "ValidationException", (days_bound(maximum=45),))

    assert entry.bounded[bounds] is compiled
    assert validation._compiled[id(PUT_ACCOUNT_CONFIGURATION)].walk is entry.walk


# Through boto3: botocore serialises, dispatch passes the definition's constraints.


def test_api_gateways_limit_is_an_extra_constraint_enforced_through_boto3() -> None:
    with certmock.mock_apigateway():
        client = boto3.client("apigateway", region_name="eu-west-1")
        with pytest.raises(client.exceptions.BadRequestException) as raised:
            client.get_client_certificates(limit=501)
    assert raised.value.response["Error"]["Message"] == one_error(
        "Value '501'", "limit", "Member must have value less than or equal to 500"
    )


class _Body:
    def __init__(self, body: bytes) -> None:
        self._body = body

    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self._body


def _answer_with(definition: ServiceDefinition, operation_name: str) -> Any:
    """A before-send handler serving ``operation_name`` with ``definition``."""

    def answer(request: Any, **_: Any) -> AWSResponse:
        url = urlsplit(request.url)
        headers = {
            name.lower(): value.decode() if isinstance(value, bytes) else str(value)
            for name, value in request.headers.items()
        }
        body = request.body or b""
        wire = WireRequest(
            request.method,
            url.path,
            url.query,
            headers,
            body.encode() if isinstance(body, str) else bytes(body),
        )
        response = serve(definition, operation_name, wire, "123456789012", "eu-west-1")
        raw_headers: Any = response.headers
        return AWSResponse(request.url, response.status, raw_headers, _Body(response.body))

    return answer


def test_a_definitions_extra_constraints_reach_validation_through_boto3() -> None:
    operation_name = "GenerateClientCertificate"
    bounded = dataclasses.replace(
        apigateway.DEFINITION,
        gaps=dataclasses.replace(
            apigateway.DEFINITION.gaps,
            constraints=(ExtraConstraint(operation_name, "description", maximum=3),),
        ),
    )
    with certmock.mock_apigateway():
        client = boto3.client("apigateway", region_name="eu-west-1")
        # botocore takes the first answer: this one, ahead of certmock's own hook.
        client.meta.events.register_first(
            f"before-send.api-gateway.{operation_name}", _answer_with(bounded, operation_name)
        )
        assert client.generate_client_certificate(description="abc")["description"] == "abc"
        with pytest.raises(client.exceptions.BadRequestException) as raised:
            client.generate_client_certificate(description="abcd")
    assert raised.value.response["Error"]["Message"] == one_error(
        "Value 'abcd'", "description", "Member must have length less than or equal to 3"
    )


def test_an_operation_without_extra_constraints_gets_none() -> None:
    gaps = ModelGaps(constraints=(ExtraConstraint("Other", "limit", maximum=1),))
    assert gaps.constraints_for("GetClientCertificates") == ()


# -- the cache -----------------------------------------------------------------------------------


def test_a_compiled_shape_is_forgotten_with_the_shape() -> None:
    model = _session.get_service_model("acm-pca")
    shape = model.operation_model("DescribeCertificateAuthority").input_shape
    key = id(shape)
    validate(shape, {"CertificateAuthorityArn": CA_ARN})
    assert key in validation._compiled

    del model, shape
    gc.collect()

    assert key not in validation._compiled
