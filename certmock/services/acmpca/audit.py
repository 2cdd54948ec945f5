"""Audit report content, as CreateCertificateAuthorityAuditReport writes it to S3 (fact sheet
§3.3; samples in the AWS Private CA user guide page "Using audit reports").

One row per certificate the CA issued, revoked or not, in the order given. The JSON form is a
top-level array of objects whose revocation keys (and ``requestedByServicePrincipal``) are
present only when they have a value; the CSV form has every column, empty when there is no value.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from types import MappingProxyType

from certmock.pki.certs import serial_colon_hex
from certmock.pki.names import rfc2253
from certmock.services.acmpca.records import IssuedCertificate

COLUMNS = (
    "awsAccountId",
    "requestedByServicePrincipal",
    "certificateArn",
    "serial",
    "subject",
    "notBefore",
    "notAfter",
    "issuedAt",
    "revokedAt",
    "revocationReason",
    "templateArn",
)
"""The CSV header and the JSON key order (both as in AWS's samples)."""

CONTENT_TYPES: Mapping[str, str] = MappingProxyType({"JSON": "application/json", "CSV": "text/csv"})
"""The S3 object's Content-Type for each ``AuditReportResponseFormat``."""

_EXTENSIONS = {"JSON": "json", "CSV": "csv"}
_SUBJECT = COLUMNS.index("subject")


def _check_format(response_format: str) -> str:
    extension = _EXTENSIONS.get(response_format)
    if extension is None:
        raise ValueError(
            f"Unknown audit report format {response_format!r}; expected one of"
            f" {', '.join(_EXTENSIONS)}."
        )
    return extension


def report_key(ca_id: str, report_id: str, response_format: str) -> str:
    """The report's S3 key: ``audit-report/<CA-ID>/<report-id>.json`` (or ``.csv``)."""
    return f"audit-report/{ca_id}/{report_id}.{_check_format(response_format)}"


def _timestamp(moment: datetime) -> str:
    # AWS writes whole seconds with a numeric UTC offset: 2020-03-02T21:43:57+0000.
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+0000")


def _fields(record: IssuedCertificate) -> dict[str, str]:
    """The row's non-empty values, keyed and ordered as :data:`COLUMNS`."""
    if (record.revoked_at is None) != (record.revocation_reason is None):
        # The user guide's CSV sample has a reason without a date; its JSON sample has both.
        # A report with half a revocation would only mislead, so refuse the record.
        raise ValueError(
            f"{record.arn} has revoked_at={record.revoked_at!r} but"
            f" revocation_reason={record.revocation_reason!r}; set both or neither."
        )
    certificate = record.certificate
    values = {
        "awsAccountId": record.account_id,
        "requestedByServicePrincipal": record.requested_by,
        "certificateArn": record.arn,
        "serial": serial_colon_hex(record.serial),
        "subject": rfc2253(certificate.subject),
        "notBefore": _timestamp(certificate.not_valid_before_utc),
        "notAfter": _timestamp(certificate.not_valid_after_utc),
        "issuedAt": _timestamp(record.issued_at),
        "revokedAt": _timestamp(record.revoked_at) if record.revoked_at is not None else None,
        "revocationReason": record.revocation_reason,
        "templateArn": record.template_arn,
    }
    return {column: value for column, value in values.items() if value is not None}


def _json(records: Iterable[IssuedCertificate]) -> bytes:
    rows = [_fields(record) for record in records]
    # Compact like the sample's "key":"value" pairs; non-ASCII subjects stay readable UTF-8.
    return json.dumps(rows, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _csv(records: Iterable[IssuedCertificate]) -> bytes:
    # AWS's sample quotes the subject and nothing else, so cells are quoted only when they must
    # be (QUOTE_MINIMAL) while the subject is always quoted, even a lone "CN=x" without a comma
    # (inferred: every sample subject has commas). The csv module quotes per writer, not per
    # column, so each line is written in three parts by two writers sharing the buffer. Lines
    # end in CRLF (RFC 4180; AWS's line ending is not documented).
    buffer = io.StringIO()
    minimal = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="")
    always = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="")
    minimal.writerow(COLUMNS)
    buffer.write("\r\n")
    for record in records:
        fields = _fields(record)
        cells = [fields.get(column, "") for column in COLUMNS]
        minimal.writerow(cells[:_SUBJECT])
        buffer.write(",")
        always.writerow(cells[_SUBJECT : _SUBJECT + 1])
        buffer.write(",")
        minimal.writerow(cells[_SUBJECT + 1 :])
        buffer.write("\r\n")
    return buffer.getvalue().encode("utf-8")


def render_report(records: Iterable[IssuedCertificate], response_format: str) -> bytes:
    """The audit report for ``records`` in ``response_format`` (``JSON`` or ``CSV``), UTF-8.

    Columns: awsAccountId, requestedByServicePrincipal (the record's ``requested_by``, e.g.
    ``acm.amazonaws.com``), certificateArn, serial (colon hex), subject (RFC 2253, most
    specific first), notBefore, notAfter, issuedAt, revokedAt, revocationReason, templateArn;
    timestamps in UTC as ``2020-03-02T21:43:57+0000``. Naive datetimes are taken as UTC.
    Raises ValueError for an unknown format or a record with only one of revoked_at and
    revocation_reason.
    """
    _check_format(response_format)
    return _json(records) if response_format == "JSON" else _csv(records)
