"""Replaying the recorded-response corpus against certmock.

An entry (``corpus/<service>/<name>.json``) names a state (``setup``), a call (``operation``
with ``request``) and what AWS answered (``response``). This module builds the state through
boto3, makes the call and lists every difference between the answer and the recording.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import boto3
from botocore import xform_name
from cryptography import x509

from certmock import Mock
from tests.recorded.certificates import imported_certificate
from tests.services.acmpca.pki import csr, template_arn

CORPUS = Path(__file__).parent / "corpus"
REGION = "eu-west-1"
_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_REGION = r"[a-z]{2}(?:-[a-z]+)+-\d"

# A recorded value "<volatile:KIND>" was different on every run (an ARN, a date, a key): the
# replay checks its type and form instead of its value.
_PATTERNS: dict[str, str] = {
    "acm-certificate-arn": rf"arn:aws:acm:{_REGION}:\d{{12}}:certificate/{_UUID}",
    "pca-ca-arn": rf"arn:aws:acm-pca:{_REGION}:\d{{12}}:certificate-authority/{_UUID}",
    "account-id": r"\d{12}",
    "uuid": _UUID,
    "hex-serial": r"[0-9a-f]{2}(?::[0-9a-f]{2})*",
    "decimal": r"\d+",
    "dns-record-name": r"_[0-9a-z]+\.[^\s]+\.",
    "dns-record-value": r"_[0-9a-z]+\.[^\s]+\.",
    "sha1-hex": r"[0-9a-f]{40}",
    "apigateway-id": r"[0-9a-z]+",
    "audit-report-key": rf"audit-report/{_UUID}/{_UUID}\.(?:json|csv)",
    "string": r".+",
}


def entries() -> Iterator[tuple[str, dict[str, Any]]]:
    """Every corpus entry, as ``(service/name, entry)``, in file order."""
    for path in sorted(CORPUS.glob("*/*.json")):
        entry: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        yield f"{path.parent.name}/{path.stem}", entry


class Replay:
    """One entry's run: the clients, the values the setup saved, and the call's answer."""

    def __init__(self, mock: Mock, entry: dict[str, Any]) -> None:
        self.mock = mock
        self.entry = entry
        self.region: str = entry.get("region", REGION)
        self.saved: dict[str, Any] = {}
        self._clients: dict[str, Any] = {}

    def client(self, service: str) -> Any:
        if service not in self._clients:
            make: Callable[..., Any] = boto3.client
            self._clients[service] = make(service, region_name=self.region)
        return self._clients[service]

    # -- placeholders ------------------------------------------------------------------
    def resolve(self, value: Any) -> Any:
        """``value`` with each ``${name}`` replaced by what the setup saved under ``name``;
        ``${name.id}`` is the last ``/`` segment of the saved value (a CA's or report's id)."""
        if isinstance(value, dict):
            return {key: self.resolve(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self.resolve(item) for item in value]
        if isinstance(value, str) and "${" in value:
            whole = re.fullmatch(r"\$\{([\w.]+)\}", value)
            if whole:
                return self._lookup(whole.group(1))
            return re.sub(r"\$\{([\w.]+)\}", lambda m: str(self._lookup(m.group(1))), value)
        return value

    def _lookup(self, name: str) -> Any:
        if name.endswith(".id"):
            return str(self.saved[name[: -len(".id")]]).rsplit("/", 1)[1]
        return self.saved[name]

    # -- setup -------------------------------------------------------------------------
    def run_setup(self) -> None:
        for step in self.entry["setup"]["steps"]:
            kind = next(key for key in _STEPS if key in step)
            _STEPS[kind](self, step)

    def call(self) -> dict[str, Any]:
        method = getattr(self.client(self.entry["service"]), xform_name(self.entry["operation"]))
        answer: dict[str, Any] = method(**self.resolve(self.entry["request"]))
        answer.pop("ResponseMetadata", None)
        return answer


def _call_step(replay: Replay, step: dict[str, Any]) -> None:
    service, operation = step["call"].split(".", 1)
    answer = getattr(replay.client(service), operation)(**replay.resolve(step.get("params", {})))
    for name, key in step.get("save", {}).items():
        replay.saved[name] = answer[key]


def _import_step(replay: Replay, step: dict[str, Any]) -> None:
    certificate, key = imported_certificate(step["import_certificate"])
    request: dict[str, Any] = {"Certificate": certificate, "PrivateKey": key}
    request.update(replay.resolve(step.get("params", {})))
    replay.saved[step["save"]] = replay.client("acm").import_certificate(**request)[
        "CertificateArn"
    ]


def _generate_step(replay: Replay, step: dict[str, Any]) -> None:
    """Make the certificate and key an ImportCertificate request carries: ``${certificate_pem}``
    and ``${key_pem}``."""
    certificate, key = imported_certificate(step["generate_certificate"])
    replay.saved["certificate_pem"], replay.saved["key_pem"] = certificate, key


def _validate_step(replay: Replay, step: dict[str, Any]) -> None:
    replay.mock.acm.validate(replay.resolve(step["validate"]))


def _advance_step(replay: Replay, step: dict[str, Any]) -> None:
    replay.mock.clock.advance(seconds=float(step["advance_seconds"]))


def _activate_step(replay: Replay, step: dict[str, Any]) -> None:
    """Install a CA certificate: self-signed for a root, signed by ``parent`` otherwise."""
    pca = replay.client("acm-pca")
    ca = replay.resolve(step["activate_ca"])
    parent = replay.resolve(step.get("parent", ca))
    validity = step.get("validity", {"Type": "YEARS", "Value": 2})
    template = "RootCACertificate" if parent == ca else "SubordinateCACertificate_PathLen0"
    issued = pca.issue_certificate(
        CertificateAuthorityArn=parent,
        Csr=pca.get_certificate_authority_csr(CertificateAuthorityArn=ca)["Csr"],
        SigningAlgorithm=step.get("signing_algorithm", "SHA256WITHRSA"),
        TemplateArn=template_arn(template),
        Validity=validity,
    )["CertificateArn"]
    pca.get_waiter("certificate_issued").wait(CertificateAuthorityArn=parent, CertificateArn=issued)
    answer = pca.get_certificate(CertificateAuthorityArn=parent, CertificateArn=issued)
    request = {"CertificateAuthorityArn": ca, "Certificate": answer["Certificate"]}
    if parent != ca:
        request["CertificateChain"] = answer["CertificateChain"]
    pca.import_certificate_authority_certificate(**request)


def _issue_step(replay: Replay, step: dict[str, Any]) -> None:
    """Issue an end-entity certificate (EndEntityCertificate/V1) from the CA
    ``issue_certificate`` names, for a generated CSR; ``save`` keeps its ARN."""
    pca = replay.client("acm-pca")
    ca = replay.resolve(step["issue_certificate"])
    issued = pca.issue_certificate(
        CertificateAuthorityArn=ca,
        Csr=csr(step.get("common_name", "service.example.com")),
        SigningAlgorithm=step.get("signing_algorithm", "SHA256WITHRSA"),
        TemplateArn=template_arn("EndEntityCertificate"),
        Validity=step.get("validity", {"Type": "DAYS", "Value": 365}),
    )["CertificateArn"]
    pca.get_waiter("certificate_issued").wait(CertificateAuthorityArn=ca, CertificateArn=issued)
    replay.saved[step["save"]] = issued


_STEPS: dict[str, Callable[[Replay, dict[str, Any]], None]] = {
    "call": _call_step,
    "import_certificate": _import_step,
    "generate_certificate": _generate_step,
    "validate": _validate_step,
    "advance_seconds": _advance_step,
    "activate_ca": _activate_step,
    "issue_certificate": _issue_step,
}


# -- comparison ----------------------------------------------------------------------------
def differences(replay: Replay, expected: Any, actual: Any) -> list[str]:
    """Every way ``actual`` differs from the recorded ``expected``: a missing or extra key at
    any level, a list of another length, a value, or a volatile value of the wrong form."""
    found: list[str] = []
    _compare(replay, expected, actual, "", found)
    for relation in replay.entry.get("relations", []):
        found.extend(_relation(actual, relation))
    return found


def _compare(replay: Replay, expected: Any, actual: Any, path: str, found: list[str]) -> None:
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            found.append(f"{path or '.'}: expected an object, got {actual!r}")
            return
        _compare_objects(replay, expected, actual, path, found)
    elif isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            found.append(f"{path}: expected {len(expected)} items, got {actual!r}")
            return
        if path in replay.entry.get("unordered", []):
            expected, actual = _sorted(replay.resolve(expected)), _sorted(actual)
        for index, (item, got) in enumerate(zip(expected, actual, strict=True)):
            _compare(replay, item, got, f"{path}[{index}]", found)
    elif isinstance(expected, str) and expected.startswith("<datetime:"):
        # A recorded timestamp that is not volatile (an RDS CA's validity): compared exactly.
        wanted_time = dt.datetime.fromisoformat(expected[len("<datetime:") : -1])
        if actual != wanted_time:
            found.append(f"{path}: expected {wanted_time.isoformat()}, got {actual!r}")
    elif isinstance(expected, str) and expected.startswith("<volatile:"):
        problem = _volatile_problem(expected[len("<volatile:") : -1], actual)
        if problem:
            found.append(f"{path}: {problem}")
    else:
        wanted = replay.resolve(expected)
        if wanted != actual or type(wanted) is not type(actual):
            found.append(f"{path}: expected {wanted!r}, got {actual!r}")


def _compare_objects(
    replay: Replay, expected: dict[str, Any], actual: dict[str, Any], path: str, found: list[str]
) -> None:
    # Keys AWS began to return after the recording was made, with their later-recorded value
    # (None: any value); see the entry's own evidence for each.
    later: dict[str, Any] = replay.entry.get("added_since_recording", {})
    generic = re.sub(r"\[\d+\]", "[]", path)
    for key in sorted(set(expected) | set(actual)):
        where = f"{path}.{key}" if path else key
        if key not in actual:
            found.append(f"{where}: missing (AWS returned {expected[key]!r})")
        elif key not in expected:
            added = f"{generic}.{key}" if generic else key
            if added not in later:
                found.append(f"{where}: not in AWS's answer (got {actual[key]!r})")
            elif later[added] is not None and later[added] != actual[key]:
                found.append(f"{where}: expected {later[added]!r}, got {actual[key]!r}")
        else:
            _compare(replay, expected[key], actual[key], where, found)


def _sorted(items: list[Any]) -> list[Any]:
    return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, default=str))


def _volatile_problem(kind: str, actual: Any) -> str | None:
    if kind == "datetime":
        good = isinstance(actual, dt.datetime) and actual.tzinfo is not None
        return None if good else f"expected an aware datetime, got {actual!r}"
    if kind in ("pem-certificate", "pem-chain"):
        return _pem_problem(kind, actual)
    if kind == "boolean":
        return None if isinstance(actual, bool) else f"expected a boolean, got {actual!r}"
    pattern = _PATTERNS[kind]
    if isinstance(actual, str) and re.fullmatch(pattern, actual):
        return None
    return f"expected a {kind} ({pattern}), got {actual!r}"


def _pem_problem(kind: str, actual: Any) -> str | None:
    try:
        certificates = x509.load_pem_x509_certificates(str(actual).encode())
    except ValueError:
        return f"expected a {kind}, got {actual!r}"
    if kind == "pem-certificate" and len(certificates) != 1:
        return f"expected one PEM certificate, got {len(certificates)}"
    return None


def _relation(actual: dict[str, Any], relation: dict[str, Any]) -> list[str]:
    """A relation between two volatile values the recording shows (e.g. a validity length)."""
    start, end = (_at(actual, path) for path in relation["seconds_between"])
    seconds = (end - start).total_seconds()
    if seconds != relation["equals"]:
        between = " and ".join(relation["seconds_between"])
        return [f"{between}: {seconds} s apart, AWS's were {relation['equals']} s apart"]
    return []


def _at(found: Any, path: str) -> Any:
    for step in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        found = found[int(step[1:-1])] if step.startswith("[") else found[step]
    return found
