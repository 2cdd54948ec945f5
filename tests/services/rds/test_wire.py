"""What travels on the wire: query-protocol XML answers and <ErrorResponse> refusals."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from typing import Any

import pytest

from certmock import Mock
from tests.model_facts import error_fault, success_status, xml_namespace
from tests.services.rds.helpers import certificate_not_found

pytestmark = pytest.mark.certmock(now=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))

NS = f"{{{xml_namespace('rds')}}}"


class Wire:
    """The HTTP responses an rds client received, in order."""

    def __init__(self, client: Any) -> None:
        self.responses: list[Any] = []
        client.meta.events.register("after-call.rds", self._record)

    def _record(self, http_response: Any, **_: Any) -> None:
        self.responses.append(http_response)

    def last(self) -> tuple[int, dict[str, str], ET.Element]:
        response = self.responses[-1]
        return response.status_code, dict(response.headers), ET.fromstring(response.content)


def _path(path: str) -> str:
    """``A/B`` with every step in the RDS namespace."""
    return "/".join(NS + step for step in path.split("/"))


def text(root: ET.Element, path: str) -> str | None:
    found = root.find(_path(path))
    return None if found is None else found.text


def test_describe_certificates_answers_with_a_query_protocol_document(rds: Any) -> None:
    wire = Wire(rds)
    rds.describe_certificates()
    status, headers, root = wire.last()
    assert status == success_status("rds", "DescribeCertificates")
    assert root.tag == f"{NS}DescribeCertificatesResponse"
    assert [child.tag for child in root] == [
        f"{NS}DescribeCertificatesResult",
        f"{NS}ResponseMetadata",
    ]
    assert text(root, "DescribeCertificatesResult/DefaultCertificateForNewLaunches") == (
        "rds-ca-rsa2048-g1"
    )
    members = root.findall(_path("DescribeCertificatesResult/Certificates/Certificate"))
    assert len(members) == 3
    assert text(root, "ResponseMetadata/RequestId") == headers["x-amzn-RequestId"]
    assert root.find(_path("DescribeCertificatesResult/Marker")) is None


def test_timestamps_are_iso_8601_in_utc_and_booleans_lower_case(rds: Any) -> None:
    wire = Wire(rds)
    rds.modify_certificates(CertificateIdentifier="rds-ca-ecc384-g1")
    _, _, root = wire.last()
    assert root.tag == f"{NS}ModifyCertificatesResponse"
    certificate = "ModifyCertificatesResult/Certificate"
    assert text(root, f"{certificate}/ValidFrom") == "2021-05-24T22:06:59Z"
    assert text(root, f"{certificate}/CustomerOverrideValidTill") == "2121-05-24T23:06:59Z"
    assert text(root, f"{certificate}/CustomerOverride") == "true"


def test_a_refusal_is_a_query_error_response_with_the_request_id_beside_the_error(
    rds: Any,
) -> None:
    wire = Wire(rds)
    with pytest.raises(rds.exceptions.CertificateNotFoundFault):
        rds.describe_certificates(CertificateIdentifier="rds-ca-2019")
    status, headers, root = wire.last()
    code, message, modeled_status = certificate_not_found("rds-ca-2019")
    assert status == modeled_status
    assert root.tag == f"{NS}ErrorResponse"
    assert [child.tag for child in root] == [f"{NS}Error", f"{NS}RequestId"]
    assert text(root, "Error/Type") == error_fault("rds", "CertificateNotFoundFault")
    assert text(root, "Error/Code") == code
    assert text(root, "Error/Message") == message
    assert text(root, "RequestId") == headers["x-amzn-RequestId"]


def test_every_call_is_recorded_with_its_parameters_and_outcome(rds: Any, certmock: Mock) -> None:
    rds.describe_certificates(CertificateIdentifier="rds-ca-rsa4096-g1")
    with pytest.raises(rds.exceptions.CertificateNotFoundFault):
        rds.modify_certificates(CertificateIdentifier="rds-ca-2015")
    described, refused = certmock.calls[-2:]
    assert (described.service, described.operation) == ("rds", "DescribeCertificates")
    assert described.parameters == {"CertificateIdentifier": "rds-ca-rsa4096-g1"}
    assert described.ok
    assert refused.operation == "ModifyCertificates"
    assert refused.error is not None
    assert refused.error.code == "CertificateNotFoundFault"
