"""GenerateClientCertificate, GetClientCertificate(s), UpdateClientCertificate and
DeleteClientCertificate as a user sees them through boto3."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import boto3
import freezegun
import pytest
from cryptography import x509

from certmock import Mock
from tests.model_facts import enum_set, input_member
from tests.services.apigateway.helpers import (
    BAD_REQUEST,
    NOT_FOUND,
    NOW,
    answered_with,
    error_of,
    generate,
    listed_ids,
)

pytestmark = pytest.mark.certmock(now=NOW)

UNKNOWN_ID = ("NotFoundException", "Invalid Client Certificate identifier specified", NOT_FOUND)


def without_metadata(answer: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in answer.items() if key != "ResponseMetadata"}


# -- GenerateClientCertificate ---------------------------------------------------------------
def test_generate_returns_the_certificate_with_its_dates_and_description(apigateway: Any) -> None:
    generated = apigateway.generate_client_certificate(description="backend mTLS")
    assert generated["description"] == "backend mTLS"
    assert generated["createdDate"] == NOW
    assert generated["expirationDate"] == NOW.replace(year=2027)
    assert generated["pemEncodedCertificate"].startswith("-----BEGIN CERTIFICATE-----\n")
    assert "tags" not in generated


def test_generate_answers_201_created(apigateway: Any) -> None:
    generated = apigateway.generate_client_certificate()
    assert generated["ResponseMetadata"]["HTTPStatusCode"] == answered_with(
        "GenerateClientCertificate"
    )


def test_a_certificate_without_a_description_has_none(apigateway: Any) -> None:
    assert "description" not in apigateway.generate_client_certificate()


def test_ids_are_six_lowercase_letters_or_digits_and_all_different(apigateway: Any) -> None:
    ids = [generate(apigateway) for _ in range(8)]
    assert all(re.fullmatch(r"[a-z0-9]{6}", found) for found in ids)
    assert len(set(ids)) == len(ids)


@pytest.mark.certmock(now=NOW, seed=7)
def test_the_same_seed_gives_the_same_ids(certmock: Mock) -> None:
    runs = []
    for _ in range(2):
        certmock.reset()  # a new world with the same seed
        client = boto3.client("apigateway", region_name="eu-west-1")
        runs.append([generate(client) for _ in range(3)])
    assert runs[0] == runs[1]


def test_expiration_is_365_days_after_creation_on_the_virtual_clock(
    apigateway: Any, certmock: Mock
) -> None:
    certmock.clock.advance(days=10, hours=3)
    generated = apigateway.generate_client_certificate()
    assert generated["createdDate"] == certmock.clock.now()
    assert (generated["expirationDate"] - generated["createdDate"]).total_seconds() == 31_536_000


@pytest.mark.certmock(now=NOW + dt.timedelta(microseconds=500_000))
def test_dates_are_whole_seconds_even_when_the_clock_is_not(apigateway: Any) -> None:
    generated = apigateway.generate_client_certificate()
    assert generated["createdDate"] == NOW
    assert generated["expirationDate"] == NOW.replace(year=2027)


@pytest.mark.certmock
def test_an_unfrozen_clock_follows_freezegun(apigateway: Any) -> None:
    with freezegun.freeze_time("2030-05-01T08:00:00Z"):
        generated = apigateway.generate_client_certificate()
    assert generated["createdDate"] == dt.datetime(2030, 5, 1, 8, tzinfo=dt.timezone.utc)
    certificate = x509.load_pem_x509_certificate(generated["pemEncodedCertificate"].encode())
    assert certificate.not_valid_before_utc == generated["createdDate"]


# -- GetClientCertificate ----------------------------------------------------------------------
def test_get_returns_what_generate_returned(apigateway: Any) -> None:
    generated = apigateway.generate_client_certificate(description="d", tags={"team": "edge"})
    found = apigateway.get_client_certificate(clientCertificateId=generated["clientCertificateId"])
    assert without_metadata(found) == without_metadata(generated)


def test_an_expired_certificate_is_still_there(apigateway: Any, certmock: Mock) -> None:
    client_certificate_id = generate(apigateway)
    certmock.clock.advance(days=400)
    found = apigateway.get_client_certificate(clientCertificateId=client_certificate_id)
    assert found["expirationDate"] < certmock.clock.now()
    assert listed_ids(apigateway) == [client_certificate_id]


def test_get_of_an_unknown_id_is_not_found(apigateway: Any) -> None:
    with pytest.raises(apigateway.exceptions.NotFoundException) as raised:
        apigateway.get_client_certificate(clientCertificateId="nosuch")
    assert error_of(raised) == UNKNOWN_ID


def test_certificates_belong_to_one_region(apigateway: Any) -> None:
    client_certificate_id = generate(apigateway)
    elsewhere = boto3.client("apigateway", region_name="us-east-1")
    assert listed_ids(elsewhere) == []
    with pytest.raises(elsewhere.exceptions.NotFoundException):
        elsewhere.get_client_certificate(clientCertificateId=client_certificate_id)


def test_certificates_belong_to_one_account(apigateway: Any) -> None:
    generate(apigateway)
    other_account = boto3.client(
        "apigateway",
        region_name="eu-west-1",
        aws_access_key_id="210987654321",
        aws_secret_access_key="x",
    )
    assert listed_ids(other_account) == []


# -- GetClientCertificates ---------------------------------------------------------------------
def test_list_returns_every_certificate_oldest_first(apigateway: Any) -> None:
    ids = [generate(apigateway) for _ in range(3)]
    answer = apigateway.get_client_certificates()
    assert [item["clientCertificateId"] for item in answer["items"]] == ids
    assert "position" not in answer


def test_listed_certificates_are_complete(apigateway: Any) -> None:
    generated = apigateway.generate_client_certificate(description="d", tags={"k": "v"})
    (listed,) = apigateway.get_client_certificates()["items"]
    assert listed == without_metadata(generated)


def test_an_empty_list_has_no_items(apigateway: Any) -> None:
    assert apigateway.get_client_certificates()["items"] == []


# -- UpdateClientCertificate -------------------------------------------------------------------
def test_replacing_the_description_changes_it(apigateway: Any) -> None:
    client_certificate_id = generate(apigateway, description="old")
    updated = apigateway.update_client_certificate(
        clientCertificateId=client_certificate_id,
        patchOperations=[{"op": "replace", "path": "/description", "value": "new"}],
    )
    assert updated["description"] == "new"
    found = apigateway.get_client_certificate(clientCertificateId=client_certificate_id)
    assert found["description"] == "new"


def test_update_leaves_the_certificate_and_dates_alone(apigateway: Any) -> None:
    generated = apigateway.generate_client_certificate()
    updated = apigateway.update_client_certificate(
        clientCertificateId=generated["clientCertificateId"],
        patchOperations=[{"op": "replace", "path": "/description", "value": "new"}],
    )
    for member in ("pemEncodedCertificate", "createdDate", "expirationDate"):
        assert updated[member] == generated[member]


def test_operations_apply_in_order(apigateway: Any) -> None:
    client_certificate_id = generate(apigateway)
    updated = apigateway.update_client_certificate(
        clientCertificateId=client_certificate_id,
        patchOperations=[
            {"op": "replace", "path": "/description", "value": "first"},
            {"op": "replace", "path": "/description", "value": "second"},
        ],
    )
    assert updated["description"] == "second"


def test_replacing_the_description_without_a_value_clears_it(apigateway: Any) -> None:
    client_certificate_id = generate(apigateway, description="old")
    updated = apigateway.update_client_certificate(
        clientCertificateId=client_certificate_id,
        patchOperations=[{"op": "replace", "path": "/description"}],
    )
    assert "description" not in updated


def test_an_update_without_operations_changes_nothing(apigateway: Any) -> None:
    client_certificate_id = generate(apigateway, description="kept")
    updated = apigateway.update_client_certificate(clientCertificateId=client_certificate_id)
    assert updated["description"] == "kept"


@pytest.mark.parametrize(
    ("operation", "message"),
    [
        (
            {"op": "replace", "path": "/pemEncodedCertificate", "value": "x"},
            "Invalid patch path  '/pemEncodedCertificate' specified for op 'replace'. "
            "Must be one of: [/description]",
        ),
        (
            {"op": "replace", "path": "/expirationDate", "value": "x"},
            "Invalid patch path  '/expirationDate' specified for op 'replace'. "
            "Must be one of: [/description]",
        ),
        (
            {"op": "add", "path": "/description", "value": "x"},
            "Invalid patch path  '/description' specified for op 'add'. "
            "Please choose supported operations",
        ),
        (
            {"op": "remove", "path": "/description"},
            "Invalid patch path  '/description' specified for op 'remove'. "
            "Please choose supported operations",
        ),
        (
            {"op": "copy", "path": "/description", "from": "/clientCertificateId"},
            "Invalid patch path  '/description' specified for op 'copy'. "
            "Please choose supported operations",
        ),
    ],
)
def test_unsupported_patch_operations_and_paths_are_bad_requests(
    apigateway: Any, operation: dict[str, str], message: str
) -> None:
    client_certificate_id = generate(apigateway, description="kept")
    with pytest.raises(apigateway.exceptions.BadRequestException) as raised:
        apigateway.update_client_certificate(
            clientCertificateId=client_certificate_id, patchOperations=[operation]
        )
    assert error_of(raised) == ("BadRequestException", message, BAD_REQUEST)


def test_one_bad_operation_refuses_the_whole_update(apigateway: Any) -> None:
    client_certificate_id = generate(apigateway, description="kept")
    with pytest.raises(apigateway.exceptions.BadRequestException):
        apigateway.update_client_certificate(
            clientCertificateId=client_certificate_id,
            patchOperations=[
                {"op": "replace", "path": "/description", "value": "new"},
                {"op": "replace", "path": "/tags", "value": "x"},
            ],
        )
    found = apigateway.get_client_certificate(clientCertificateId=client_certificate_id)
    assert found["description"] == "kept"


def test_an_op_outside_the_model_enum_fails_validation(apigateway: Any) -> None:
    client_certificate_id = generate(apigateway)
    with pytest.raises(apigateway.exceptions.BadRequestException) as raised:
        apigateway.update_client_certificate(
            clientCertificateId=client_certificate_id,
            patchOperations=[{"op": "set", "path": "/description", "value": "x"}],
        )
    ops = input_member("apigateway", "UpdateClientCertificate", "patchOperations", "member", "op")
    assert error_of(raised) == (
        "BadRequestException",
        "1 validation error detected: Value 'set' at 'patchOperations.1.member.op' failed to "
        f"satisfy constraint: Member must satisfy enum value set: {enum_set(ops)}",
        BAD_REQUEST,
    )


def test_update_of_an_unknown_id_is_not_found(apigateway: Any) -> None:
    with pytest.raises(apigateway.exceptions.NotFoundException) as raised:
        apigateway.update_client_certificate(
            clientCertificateId="nosuch",
            patchOperations=[{"op": "replace", "path": "/description", "value": "x"}],
        )
    assert error_of(raised) == UNKNOWN_ID


# -- DeleteClientCertificate -------------------------------------------------------------------
def test_delete_answers_202_and_the_certificate_is_gone(apigateway: Any) -> None:
    kept, deleted = generate(apigateway), generate(apigateway)
    answer = apigateway.delete_client_certificate(clientCertificateId=deleted)
    assert answer["ResponseMetadata"]["HTTPStatusCode"] == answered_with("DeleteClientCertificate")
    assert listed_ids(apigateway) == [kept]
    with pytest.raises(apigateway.exceptions.NotFoundException) as raised:
        apigateway.get_client_certificate(clientCertificateId=deleted)
    assert error_of(raised) == UNKNOWN_ID


def test_deleting_twice_is_not_found(apigateway: Any) -> None:
    client_certificate_id = generate(apigateway)
    apigateway.delete_client_certificate(clientCertificateId=client_certificate_id)
    with pytest.raises(apigateway.exceptions.NotFoundException) as raised:
        apigateway.delete_client_certificate(clientCertificateId=client_certificate_id)
    assert error_of(raised) == UNKNOWN_ID


def test_every_call_is_recorded_with_its_parameters_and_outcome(
    apigateway: Any, certmock: Mock
) -> None:
    generate(apigateway, description="d")
    with pytest.raises(apigateway.exceptions.NotFoundException):
        apigateway.delete_client_certificate(clientCertificateId="nosuch")
    generated, refused = certmock.calls[-2:]
    assert (generated.service, generated.operation) == ("apigateway", "GenerateClientCertificate")
    assert generated.parameters == {"description": "d"}
    assert generated.ok
    assert refused.error is not None
    assert refused.error.code == "NotFoundException"
