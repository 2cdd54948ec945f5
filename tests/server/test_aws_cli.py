"""The AWS CLI v1 (``python -m awscli``) against a certmock server, in a subprocess, as a
shell script would run it: every output form it offers, its waiters, its paginator options
and its exit status and message on errors.

awscli 1.46 and later carry their own copy of botocore (``awscli.botocore``), so the CLI
speaks its own models whatever botocore this interpreter (and so the server) has; earlier
releases pin botocore exactly. The ``tests-clients`` nox session installs it; elsewhere these
tests skip."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.x509 import verification

from certmock.remote import Remote
from tests.model_facts import error_code
from tests.server.outside_clients import (
    certificates,
    csr,
    environment,
    explain,
    private_pem,
    rsa_key,
    run,
    unavailable,
)

REGION = "eu-west-1"
PKI_ACCOUNT = "333300000001"  # each scenario has an account of its own on the shared server
LISTING_ACCOUNT = "333300000002"
ERROR_ACCOUNT = "333300000003"
TEMPLATE = "arn:aws:acm-pca:::template/{}/V1"
DNS_NAME = "cli.example.com"
REQUESTED = ("a.cli.example.com", "b.cli.example.com", "c.cli.example.com")
_AWSCLI = importlib.util.find_spec("awscli")


def _output_formats() -> list[str]:
    """The ``--output`` choices the installed CLI declares (v1: json, text, table)."""
    if _AWSCLI is None or _AWSCLI.origin is None:
        return ["json", "text", "table"]
    declared = json.loads((Path(_AWSCLI.origin).parent / "data" / "cli.json").read_text())
    choices: list[str] = declared["options"]["output"]["choices"]
    return choices


@pytest.fixture(scope="module", autouse=True)  # module: set up before the module's fixtures
def _awscli_installed() -> None:
    if _AWSCLI is None:
        unavailable("awscli is not installed in this interpreter (nox -s tests-clients has it)")


class Cli:
    """``aws SERVICE COMMAND --option value ...`` as one account, against the server; keyword
    options become ``--options`` (``certificate_arn=`` is ``--certificate-arn``)."""

    def __init__(self, remote: Remote, account: str, workdir: Path, endpoint: bool = True) -> None:
        self.remote = remote
        self.endpoint = endpoint
        """Pass ``--endpoint-url``; else the CLI finds the server from ``AWS_ENDPOINT_URL``."""
        self.account = account
        self.workdir = workdir
        self.env = environment(remote, account, REGION)

    def __call__(self, *args: str, output: str = "json", **options: str) -> str:
        done = self.run(*args, output=output, **options)
        assert done.returncode == 0, explain(done)
        return done.stdout

    def run(
        self, *args: str, output: str = "json", **options: str
    ) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "awscli", *args, "--output", output]
        for name, value in options.items():
            command += [f"--{name.replace('_', '-')}", value]
        if self.endpoint:
            command += ["--endpoint-url", self.remote.url]
        return run(command, self.env, cwd=self.workdir)

    def json(self, *args: str, **options: str) -> Any:
        return json.loads(self(*args, **options))

    def text(self, *args: str, **options: str) -> str:
        return self(*args, output="text", **options).strip()

    def file(self, name: str, content: bytes | str) -> str:
        path = self.workdir / name
        path.write_bytes(content.encode() if isinstance(content, str) else content)
        return f"fileb://{path}"


def _cli(remote: Remote, account: str, factory: pytest.TempPathFactory) -> Cli:
    return Cli(remote, account, factory.mktemp(f"aws-{account}"))


@pytest.fixture(scope="module")
def pki(certmock_server: Remote, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A root CA made, self-signed and imported, then an end-entity certificate issued from
    it, all through the CLI and its waiters."""
    aws = _cli(certmock_server, PKI_ACCOUNT, tmp_path_factory)
    configuration = {
        "KeyAlgorithm": "RSA_2048",
        "SigningAlgorithm": "SHA256WITHRSA",
        "Subject": {"CommonName": "certmock cli root", "Organization": "certmock"},
    }
    ca = aws.text(
        "acm-pca",
        "create-certificate-authority",
        certificate_authority_type="ROOT",
        certificate_authority_configuration=json.dumps(configuration),
        query="CertificateAuthorityArn",
    )
    aws("acm-pca", "wait", "certificate-authority-csr-created", certificate_authority_arn=ca)
    ca_csr = aws.text("acm-pca", "get-certificate-authority-csr", certificate_authority_arn=ca)

    def issue(request: str, template: str, validity: str) -> dict[str, Any]:
        issued = aws.text(
            "acm-pca",
            "issue-certificate",
            certificate_authority_arn=ca,
            csr=request,
            signing_algorithm="SHA256WITHRSA",
            template_arn=TEMPLATE.format(template),
            validity=validity,
            query="CertificateArn",
        )
        located = {"certificate_authority_arn": ca, "certificate_arn": issued}
        aws("acm-pca", "wait", "certificate-issued", **located)
        got: dict[str, Any] = aws.json("acm-pca", "get-certificate", **located)
        return {"arn": issued, **got}

    root = issue(aws.file("ca.csr", ca_csr + "\n"), "RootCACertificate", "Value=10,Type=YEARS")
    aws(
        "acm-pca",
        "import-certificate-authority-certificate",
        certificate_authority_arn=ca,
        certificate=aws.file("root.pem", root["Certificate"]),
    )
    key = rsa_key()
    leaf_csr = aws.file("leaf.csr", csr(key, DNS_NAME))
    leaf = issue(leaf_csr, "EndEntityServerAuthCertificate", "Value=90,Type=DAYS")
    return {"ca": ca, "root": root, "leaf": leaf, "key": private_pem(key), "cli": aws}


@pytest.fixture(scope="module")
def listing(
    certmock_server: Remote, tmp_path_factory: pytest.TempPathFactory, pki: dict[str, Any]
) -> dict[str, Any]:
    """In an account of their own: the PCA's leaf imported into ACM, three certificates
    requested (the first validated), two API Gateway client certificates."""
    aws = _cli(certmock_server, LISTING_ACCOUNT, tmp_path_factory)
    imported = aws.text(
        "acm",
        "import-certificate",
        certificate=aws.file("leaf.pem", pki["leaf"]["Certificate"]),
        private_key=aws.file("leaf.key", pki["key"]),
        certificate_chain=aws.file("chain.pem", pki["leaf"]["CertificateChain"]),
        query="CertificateArn",
    )
    requested = [_request(aws, name) for name in REQUESTED]
    certmock_server.acm.validate(requested[0])
    clients = [
        aws.text(
            "apigateway",
            "generate-client-certificate",
            description=f"cli {n}",
            query="clientCertificateId",
        )
        for n in (1, 2)
    ]
    return {"cli": aws, "imported": imported, "requested": requested, "client_certs": clients}


def _request(aws: Cli, name: str) -> str:
    return aws.text(
        "acm",
        "request-certificate",
        domain_name=name,
        validation_method="DNS",
        query="CertificateArn",
    )


def test_the_root_ca_becomes_active_after_importing_its_own_certificate(pki: Any) -> None:
    status = pki["cli"].text(
        "acm-pca",
        "describe-certificate-authority",
        certificate_authority_arn=pki["ca"],
        query="CertificateAuthority.Status",
    )
    assert status == "ACTIVE"


def test_the_issued_certificate_chains_to_the_root(pki: Any) -> None:
    [root] = certificates(pki["root"]["Certificate"])
    [leaf] = certificates(pki["leaf"]["Certificate"])
    assert certificates(pki["leaf"]["CertificateChain"]) == [root]
    verifier = (
        verification.PolicyBuilder()
        .store(verification.Store([root]))
        .time(leaf.not_valid_before_utc + dt.timedelta(minutes=1))
        .build_server_verifier(x509.DNSName(DNS_NAME))
    )
    assert verifier.verify(leaf, []) == [leaf, root]


def test_the_root_certificate_is_what_the_ca_reports(pki: Any) -> None:
    command = ("acm-pca", "get-certificate-authority-certificate")
    installed = pki["cli"].json(*command, certificate_authority_arn=pki["ca"])
    assert certificates(installed["Certificate"]) == certificates(pki["root"]["Certificate"])


def _one_line_strings(document: Any) -> Iterator[str]:
    """The scalar strings of a JSON answer that every output form prints whole."""
    if isinstance(document, (dict, list)):
        for value in document.values() if isinstance(document, dict) else document:
            yield from _one_line_strings(value)
    elif isinstance(document, str) and "\n" not in document and document:
        yield document


COMMANDS: dict[str, Callable[[Any, Any], tuple[Cli, tuple[str, ...]]]] = {
    "DescribeCertificateAuthority": lambda pki, listing: (
        pki["cli"],
        ("acm-pca", "describe-certificate-authority", "--certificate-authority-arn", pki["ca"]),
    ),
    "DescribeCertificate": lambda _, listing: (
        listing["cli"],
        ("acm", "describe-certificate", "--certificate-arn", listing["imported"]),
    ),
    "ListCertificates": lambda pki, listing: (listing["cli"], ("acm", "list-certificates")),
    "DescribeCertificates": lambda pki, listing: (listing["cli"], ("rds", "describe-certificates")),
    "GetClientCertificates": lambda _, got: (got["cli"], ("apigateway", "get-client-certificates")),
}


@pytest.mark.parametrize("output", [f for f in _output_formats() if f != "json"])
@pytest.mark.parametrize("operation", sorted(COMMANDS))
def test_every_output_form_shows_what_the_json_answer_holds(
    pki: Any, listing: Any, operation: str, output: str
) -> None:
    aws, command = COMMANDS[operation](pki, listing)
    answer = aws.json(*command)
    shown = aws(*command, output=output)
    values = list(_one_line_strings(answer))
    assert values, f"{operation} answered nothing to compare: {answer}"
    missing = [value for value in values if value not in shown]
    assert not missing, f"--output {output} lacks {missing}:\n{shown}"
    if output == "table":
        assert operation in shown.splitlines()[1], shown


def test_text_output_puts_each_certificate_on_a_row_of_its_own(listing: Any) -> None:
    rows = [
        line.split("\t") for line in listing["cli"].text("acm", "list-certificates").splitlines()
    ]
    arns = sorted(row[1] for row in rows if row[0] == "CERTIFICATESUMMARYLIST")
    assert arns == sorted([listing["imported"], *listing["requested"]])


def test_list_certificates_pages_with_page_size_and_max_items(
    certmock_server: Remote, listing: Any
) -> None:
    aws = listing["cli"]
    before = len(_list_calls(certmock_server))
    first = aws.json("acm", "list-certificates", "--page-size", "1", "--max-items", "2")
    rest = aws.json(
        "acm", "list-certificates", "--page-size", "1", "--starting-token", first["NextToken"]
    )
    arns = [s["CertificateArn"] for page in (first, rest) for s in page["CertificateSummaryList"]]
    assert len(first["CertificateSummaryList"]) == 2
    assert "NextToken" not in rest
    assert sorted(arns) == sorted([listing["imported"], *listing["requested"]])
    sent = _list_calls(certmock_server)[before:]
    assert {call.parameters.get("MaxItems") for call in sent} == {1}
    assert len(sent) >= len(arns)  # one certificate a page


def _list_calls(remote: Remote) -> list[Any]:
    return [
        call
        for call in remote.calls
        if call.operation == "ListCertificates" and call.account_id == LISTING_ACCOUNT
    ]


def test_describe_certificate_shows_the_imported_and_the_validated_certificates(
    listing: Any, pki: Any
) -> None:
    aws = listing["cli"]
    imported = aws.json("acm", "describe-certificate", "--certificate-arn", listing["imported"])
    [leaf] = certificates(pki["leaf"]["Certificate"])
    assert imported["Certificate"]["Type"] == "IMPORTED"
    assert imported["Certificate"]["DomainName"] == DNS_NAME
    assert int(imported["Certificate"]["Serial"].replace(":", ""), 16) == leaf.serial_number
    validated = aws.json(
        "acm", "describe-certificate", "--certificate-arn", listing["requested"][0]
    )
    assert validated["Certificate"]["Status"] == "ISSUED"


def test_a_fresh_dns_request_shows_its_validation_record(pki: Any) -> None:
    # Right after the request: certmock's DNS validation completes 60 s (of the server's
    # running clock) after it, far more than these two calls take.
    aws = pki["cli"]
    requested = _request(aws, "pending.cli.example.com")
    described = aws.json("acm", "describe-certificate", "--certificate-arn", requested)
    assert described["Certificate"]["Status"] == "PENDING_VALIDATION"
    [option] = described["Certificate"]["DomainValidationOptions"]
    assert option["DomainName"] == "pending.cli.example.com"
    assert option["ResourceRecord"]["Name"].endswith(".pending.cli.example.com.")


def test_get_client_certificates_lists_the_generated_ones(listing: Any) -> None:
    aws = listing["cli"]
    listed = aws.json("apigateway", "get-client-certificates", "--page-size", "1")
    assert [item["clientCertificateId"] for item in listed["items"]] == listing["client_certs"]
    assert [item["description"] for item in listed["items"]] == ["cli 1", "cli 2"]
    for item in listed["items"]:
        assert certificates(item["pemEncodedCertificate"])


def test_rds_describe_certificates_names_the_default_among_them(listing: Any) -> None:
    answer = listing["cli"].json("rds", "describe-certificates")
    identifiers = [c["CertificateIdentifier"] for c in answer["Certificates"]]
    assert answer["DefaultCertificateForNewLaunches"] in identifiers


def test_the_cli_finds_the_server_through_aws_endpoint_url(listing: Any) -> None:
    configured = listing["cli"]
    aws = Cli(configured.remote, configured.account, configured.workdir, endpoint=False)
    listed = aws.json("acm", "list-certificates")
    assert listing["imported"] in [s["CertificateArn"] for s in listed["CertificateSummaryList"]]


def _missing_ca(cli: Cli) -> str:
    nowhere = "00000000-0000-0000-0000-000000000000"
    return f"arn:aws:acm-pca:{REGION}:{cli.account}:certificate-authority/{nowhere}"


ERRORS: dict[str, tuple[str, str, Callable[[Cli], tuple[str, ...]]]] = {
    "missing CA": (
        "acm-pca",
        "ResourceNotFoundException",
        lambda cli: (
            "describe-certificate-authority",
            "--certificate-authority-arn",
            _missing_ca(cli),
        ),
    ),
    "malformed ACM ARN": (
        "acm",
        "InvalidArnException",
        lambda cli: (
            "describe-certificate",
            "--certificate-arn",
            f"arn:aws:acm:{REGION}:{cli.account}:nothing-here",
        ),
    ),
    "missing client certificate": (
        "apigateway",
        "NotFoundException",
        lambda cli: ("get-client-certificate", "--client-certificate-id", "nosuchcert"),
    ),
}


@pytest.mark.parametrize("case", sorted(ERRORS))
def test_a_service_error_exits_non_zero_naming_the_aws_error_code(
    certmock_server: Remote, tmp_path: Path, case: str
) -> None:
    service, shape, arguments = ERRORS[case]
    aws = Cli(certmock_server, ERROR_ACCOUNT, tmp_path)
    done = aws.run(service, *arguments(aws))
    # The CLI's documented return codes: 255 for a service error in v1 (254 in v2).
    assert done.returncode in (254, 255), explain(done)
    assert f"({error_code(service, shape)})" in done.stderr, explain(done)
    assert done.stdout == ""


def test_a_waiter_on_a_missing_ca_fails_naming_the_error(
    certmock_server: Remote, tmp_path: Path
) -> None:
    aws = Cli(certmock_server, ERROR_ACCOUNT, tmp_path)
    waiting = ("acm-pca", "wait", "certificate-authority-csr-created")
    done = aws.run(*waiting, certificate_authority_arn=_missing_ca(aws))
    assert done.returncode == 255, explain(done)
    assert "CertificateAuthorityCSRCreated failed" in done.stderr, explain(done)
    assert error_code("acm-pca", "ResourceNotFoundException") in done.stderr, explain(done)
