"""The inventory of what certmock serves, against the installed botocore model.

On the reviewed botocore and older ones the inventory is strict: every operation and every input
member of a served operation is listed, and (on the reviewed release) every listed name exists.
On a newer botocore, drift is not a failure: ``tests/drift_report.py`` reports it at the end of
the run. Every name here is read from the installed model, never copied.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import subprocess
import sys
import warnings
from pathlib import Path
from types import ModuleType
from typing import Any

import boto3
import pytest
from botocore import xform_name
from botocore.model import StructureShape
from botocore.utils import ArgumentGenerator

import certmock as certmock_package
from certmock import IgnoredMemberWarning, Mock, inventory
from certmock.__main__ import main
from certmock.botocore_models import service_model
from certmock.inventory import (
    REVIEWED_BOTOCORE,
    Served,
    ServiceInventory,
    drift,
    drift_report,
    installed_botocore,
    is_newer_than_reviewed,
    not_served,
    served,
    version_key,
)
from certmock.services import registry
from tests.helpers import REGION, create_ca

INVENTORIES = registry.inventories()
SERVICES = sorted(INVENTORIES)
INSTALLED = installed_botocore()
NEWER = is_newer_than_reviewed()
ROOT = Path(__file__).resolve().parent.parent

strict = pytest.mark.skipif(
    NEWER,
    reason=f"botocore {INSTALLED} is newer than the reviewed {REVIEWED_BOTOCORE}: drift is "
    "reported at the end of the run (tests/drift_report.py), not failed",
)
on_reviewed = pytest.mark.skipif(
    INSTALLED != REVIEWED_BOTOCORE,
    reason=f"listed names are checked against botocore {REVIEWED_BOTOCORE} only",
)
on_newer = pytest.mark.skipif(
    not NEWER, reason=f"botocore {INSTALLED} is not newer than {REVIEWED_BOTOCORE}"
)


def model_operations(service: str) -> frozenset[str]:
    return frozenset(service_model(service).operation_names)


def input_members(service: str, operation: str) -> frozenset[str]:
    shape = service_model(service).operation_model(operation).input_shape
    return frozenset(shape.members) if shape is not None else frozenset()


def without_member(listed: ServiceInventory, operation: str, member: str) -> ServiceInventory:
    entry = listed.served[operation]
    changed = dataclasses.replace(entry, honoured=entry.honoured - {member})
    return dataclasses.replace(listed, served={**listed.served, operation: changed})


def without_operation(listed: ServiceInventory, operation: str) -> ServiceInventory:
    return dataclasses.replace(
        listed,
        served={k: v for k, v in listed.served.items() if k != operation},
        not_served={k: v for k, v in listed.not_served.items() if k != operation},
    )


def serving(monkeypatch: pytest.MonkeyPatch, replacement: ServiceInventory) -> None:
    """Serve ``replacement.service`` with ``replacement`` as its inventory."""
    original = registry.definition
    current = original(replacement.service)
    assert current is not None
    patched = dataclasses.replace(current, inventory=replacement)
    monkeypatch.setattr(
        registry,
        "definition",
        lambda name: patched if name == replacement.service else original(name),
    )


def nothing_served(service: str) -> ServiceInventory:
    """An inventory of the installed model that serves nothing: it has no drift."""
    every = " ".join(model_operations(service))
    return ServiceInventory(service, served={}, not_served=not_served("why", every))


def pretend_installed(monkeypatch: pytest.MonkeyPatch, version: str) -> None:
    monkeypatch.setattr(inventory, "installed_botocore", lambda: version)


# -- the inventory and the installed model ---------------------------------------------------
@pytest.mark.parametrize("service", SERVICES)
def test_the_served_operations_are_the_handlers(service: str) -> None:
    definition = registry.definition(service)
    assert definition is not None
    assert set(INVENTORIES[service].served) == set(definition.handlers)


@strict
@pytest.mark.parametrize("service", SERVICES)
def test_every_operation_of_the_model_is_served_or_listed_as_not_served(service: str) -> None:
    unlisted = model_operations(service) - INVENTORIES[service].listed()
    assert not unlisted, f"{service}: operations in neither list: {', '.join(sorted(unlisted))}"


@strict
@pytest.mark.parametrize("service", SERVICES)
def test_every_input_member_of_a_served_operation_is_honoured_or_ignored(service: str) -> None:
    unlisted = [
        f"{operation}.{member}"
        for operation, entry in sorted(INVENTORIES[service].served.items())
        if operation in model_operations(service)
        for member in sorted(input_members(service, operation))
        if member not in entry.honoured and member not in entry.ignored
    ]
    assert not unlisted, f"{service}: members in neither list: {', '.join(unlisted)}"


@on_reviewed
@pytest.mark.parametrize("service", SERVICES)
def test_every_listed_operation_is_in_the_reviewed_model(service: str) -> None:
    unknown = INVENTORIES[service].listed() - model_operations(service)
    assert not unknown, f"{service}: not in botocore {INSTALLED}: {', '.join(sorted(unknown))}"


@on_reviewed
@pytest.mark.parametrize("service", SERVICES)
def test_every_listed_member_is_in_the_reviewed_model(service: str) -> None:
    unknown = [
        f"{operation}.{member}"
        for operation, entry in sorted(INVENTORIES[service].served.items())
        for member in sorted(entry.honoured | entry.ignored.keys())
        if member not in input_members(service, operation)
    ]
    assert not unknown, f"{service}: not in botocore {INSTALLED}: {', '.join(unknown)}"


@pytest.mark.parametrize("service", SERVICES)
def test_every_reason_says_something(service: str) -> None:
    listed = INVENTORIES[service]
    reasons = [*listed.not_served.values()]
    reasons += [reason for entry in listed.served.values() for reason in entry.ignored.values()]
    assert all(len(reason.split()) >= 3 for reason in reasons)


# -- building an inventory --------------------------------------------------------------------
def test_a_member_cannot_be_both_honoured_and_ignored() -> None:
    with pytest.raises(ValueError, match="members both honoured and ignored: Filters"):
        served("Filters Marker", ignored={"Filters": "not supported by AWS either"})


def test_an_operation_cannot_be_both_served_and_not_served() -> None:
    with pytest.raises(ValueError, match="rds: operations both served and not served: Op"):
        ServiceInventory("rds", served={"Op": served()}, not_served=not_served("why", "Op"))


def test_an_inventory_cannot_be_changed_after_it_is_built() -> None:
    listed = ServiceInventory("rds", served={"Op": served("A")}, not_served={"Other": "why"})
    with pytest.raises(TypeError):
        listed.not_served["Op"] = "why"  # type: ignore[index]
    with pytest.raises(TypeError):
        listed.served["Op"].ignored["A"] = "why"  # type: ignore[index]


def test_names_are_separated_by_any_whitespace() -> None:
    assert served(" A\n  B ") == Served(frozenset({"A", "B"}))
    assert not_served("why", "\n X Y\n") == {"X": "why", "Y": "why"}


@pytest.mark.parametrize(
    ("version", "key"),
    [("1.44.5", (1, 44, 5)), ("1.44.18", (1, 44, 18)), ("2.0.0.dev1", (2, 0, 0))],
)
def test_versions_compare_by_number(version: str, key: tuple[int, int, int]) -> None:
    assert version_key(version) == key


def test_a_version_that_is_not_a_release_is_refused() -> None:
    with pytest.raises(ValueError, match="not a botocore version: 'latest'"):
        version_key("latest")


def _patch_release(step: int) -> str:
    """The reviewed release with its patch number moved by ``step``."""
    major, minor, patch = version_key(REVIEWED_BOTOCORE)
    return f"{major}.{minor}.{patch + step}"


@pytest.mark.parametrize(
    ("version", "newer"),
    [(_patch_release(-1), False), (REVIEWED_BOTOCORE, False), (_patch_release(+1), True)],
)
def test_only_a_later_release_is_newer(version: str, newer: bool) -> None:
    assert is_newer_than_reviewed(version) is newer


# -- finding drift ----------------------------------------------------------------------------
def a_served_operation_with_members(service: str) -> tuple[str, str]:
    """The first served operation of the installed model that has input members, and its
    first member."""
    for operation in sorted(INVENTORIES[service].served):
        if operation in model_operations(service) and input_members(service, operation):
            return operation, sorted(input_members(service, operation))[0]
    raise AssertionError(f"{service} serves no operation with input members")


@pytest.mark.parametrize("service", SERVICES)
def test_drift_finds_an_operation_the_inventory_does_not_list(service: str) -> None:
    operation = sorted(model_operations(service))[0]
    found = drift(without_operation(INVENTORIES[service], operation))
    assert operation in found.new_operations
    assert found.unlisted


@pytest.mark.parametrize("service", SERVICES)
def test_drift_finds_a_member_the_inventory_does_not_list(service: str) -> None:
    operation, member = a_served_operation_with_members(service)
    found = drift(without_member(INVENTORIES[service], operation, member))
    assert f"{operation}.{member}" in found.new_members


def test_drift_finds_listed_names_the_model_does_not_have() -> None:
    listed = INVENTORIES["acm-pca"]
    operation, _ = a_served_operation_with_members("acm-pca")
    entry = listed.served[operation]
    widened = dataclasses.replace(
        listed,
        served={**listed.served, operation: dataclasses.replace(entry, ignored={"Nope": "why"})},
        not_served={"NoSuchOperation": "why"},
    )
    found, before = drift(widened), drift(listed)
    # On a botocore older than the inventory, listed newer names are gone already.
    assert set(found.gone_operations) - set(before.gone_operations) == {"NoSuchOperation"}
    assert set(found.gone_members) - set(before.gone_members) == {f"{operation}.Nope"}


def test_drift_leaves_the_members_of_an_operation_the_model_lacks_alone() -> None:
    future = ServiceInventory("rds", served={"FutureOperation": served("FutureMember")})
    found = drift(future)
    assert found.gone_operations == ("FutureOperation",)
    assert found.gone_members == ()


# -- the drift report ---------------------------------------------------------------------------
def test_the_report_lists_what_the_installed_model_adds() -> None:
    report = drift_report(INVENTORIES.values())
    assert report.startswith(f"certmock drift report: botocore {INSTALLED} is installed")
    for service, listed in INVENTORIES.items():
        for operation in sorted(model_operations(service) - listed.listed()):
            assert f"\n    {operation}\n" in report
        for operation in sorted(set(listed.served) & model_operations(service)):
            entry = listed.served[operation]
            for member in input_members(service, operation) - entry.honoured - entry.ignored.keys():
                assert f"\n    {operation}.{member}\n" in report


@strict
def test_on_the_reviewed_release_and_older_ones_the_report_finds_no_drift() -> None:
    assert drift_report(INVENTORIES.values()).endswith(
        "No drift: every operation and input member of the served services is listed.\n"
    )


def test_a_newer_release_is_reported_per_service(monkeypatch: pytest.MonkeyPatch) -> None:
    pretend_installed(monkeypatch, "1.99.0")
    operation, member = a_served_operation_with_members("acm-pca")
    report = drift_report([without_member(INVENTORIES["acm-pca"], operation, member)])
    lines = report.splitlines()
    assert lines[0] == (
        "certmock drift report: botocore 1.99.0 is installed, newer than the release "
        f"certmock's inventory was reviewed against ({REVIEWED_BOTOCORE})."
    )
    assert "IgnoredMemberWarning" in lines[1]
    assert lines[2] == "acm-pca:"
    assert f"    {operation}.{member}" in lines


def test_a_newer_release_reports_listed_names_it_no_longer_has(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pretend_installed(monkeypatch, "1.99.0")
    listed = dataclasses.replace(INVENTORIES["rds"], not_served={"RemovedOperation": "why"})
    report = drift_report([listed])
    assert "  listed operations no longer in the model (1):\n    RemovedOperation\n" in report


def test_an_older_release_does_not_report_names_it_does_not_have_yet(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pretend_installed(monkeypatch, "1.35.0")
    rds = INVENTORIES["rds"]
    listed = dataclasses.replace(rds, not_served={**rds.not_served, "FutureOperation": "why"})
    report = drift_report([listed])
    assert "FutureOperation" not in report
    assert "older than the release certmock's inventory was reviewed against" in report


def test_a_service_without_drift_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    pretend_installed(monkeypatch, "1.99.0")
    operation = sorted(model_operations("rds"))[0]
    report = drift_report([without_operation(INVENTORIES["rds"], operation), nothing_served("rds")])
    assert report.endswith("rds: no drift\n")


def test_on_the_reviewed_release_an_inventory_that_lists_everything_has_no_drift(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pretend_installed(monkeypatch, REVIEWED_BOTOCORE)
    assert drift_report([nothing_served("acm-pca"), nothing_served("rds")]) == (
        f"certmock drift report: botocore {REVIEWED_BOTOCORE} is installed, the release "
        f"certmock's inventory was reviewed against ({REVIEWED_BOTOCORE}).\n"
        "No drift: every operation and input member of the served services is listed.\n"
    )


def test_python_m_certmock_drift_prints_the_report(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["drift"]) == 0
    assert capsys.readouterr().out == drift_report(registry.inventories().values())


def test_python_m_certmock_drift_exits_0() -> None:
    finished = subprocess.run(
        [sys.executable, "-m", "certmock", "drift"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.startswith(f"certmock drift report: botocore {INSTALLED}")


def test_the_report_is_printed_at_the_end_of_a_pytest_run_on_a_newer_botocore(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    pretend_installed(monkeypatch, "1.99.0")
    pytester.makepyfile("def test_nothing():\n    pass\n")
    result = pytester.runpytest_inprocess("-p", "tests.drift_report", "-p", "no:randomly")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*certmock drift*", "certmock drift report: botocore 1.99.0 *"])


@strict
def test_nothing_is_printed_at_the_end_of_a_pytest_run_on_the_reviewed_botocore(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile("def test_nothing():\n    pass\n")
    result = pytester.runpytest_inprocess("-p", "tests.drift_report", "-p", "no:randomly")
    result.assert_outcomes(passed=1)
    assert "certmock drift" not in result.stdout.str()


# -- warnings at run time ---------------------------------------------------------------------
def test_the_warning_is_public() -> None:
    assert certmock_package.IgnoredMemberWarning is IgnoredMemberWarning
    assert issubclass(IgnoredMemberWarning, UserWarning)
    assert "IgnoredMemberWarning" in certmock_package.__all__


@pytest.mark.usefixtures("certmock")
def test_a_declared_ignored_member_warns_with_its_reason() -> None:
    rds = boto3.client("rds", region_name="us-west-2")
    reason = INVENTORIES["rds"].served["DescribeCertificates"].ignored["Filters"]
    filters = [{"Name": "certificate-id", "Values": ["rds-ca-rsa2048-g1"]}]
    with pytest.warns(IgnoredMemberWarning) as caught:
        found = rds.describe_certificates(Filters=filters)
    assert [str(w.message) for w in caught] == [
        f"certmock ignores rds DescribeCertificates.Filters: {reason}"
    ]
    assert found["Certificates"]


@pytest.mark.usefixtures("certmock")
def test_each_ignored_member_of_a_call_warns() -> None:
    apigateway = boto3.client("apigateway", region_name=REGION)
    generated = apigateway.generate_client_certificate(tags={"k": "v"})
    arn = f"arn:aws:apigateway:{REGION}::/clientcertificates/{generated['clientCertificateId']}"
    with pytest.warns(IgnoredMemberWarning) as caught:
        assert apigateway.get_tags(resourceArn=arn, limit=1, position="x")["tags"] == {"k": "v"}
    assert [str(w.message).split(":")[0] for w in caught] == [
        "certmock ignores apigateway GetTags.limit",
        "certmock ignores apigateway GetTags.position",
    ]


@pytest.mark.usefixtures("certmock")
def test_honoured_members_do_not_warn() -> None:
    rds = boto3.client("rds", region_name="us-west-2")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        rds.describe_certificates(CertificateIdentifier="rds-ca-rsa2048-g1", MaxRecords=20)


def test_a_member_missing_from_the_inventory_is_new_on_a_newer_botocore(
    pca: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    serving(
        monkeypatch, without_member(INVENTORIES["acm-pca"], "CreateCertificateAuthority", "Tags")
    )
    pretend_installed(monkeypatch, "1.99.0")
    with pytest.warns(IgnoredMemberWarning) as caught:
        create_ca(pca, Tags=[{"Key": "team", "Value": "pki"}])
    assert [str(w.message) for w in caught] == [
        "certmock ignores acm-pca CreateCertificateAuthority.Tags: new since botocore "
        f"{REVIEWED_BOTOCORE} (installed: 1.99.0); certmock does not act on it yet"
    ]


def test_a_member_missing_from_the_inventory_of_the_reviewed_botocore_is_unlisted(
    pca: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    serving(
        monkeypatch, without_member(INVENTORIES["acm-pca"], "CreateCertificateAuthority", "Tags")
    )
    pretend_installed(monkeypatch, REVIEWED_BOTOCORE)
    with pytest.warns(IgnoredMemberWarning, match="not in certmock's inventory; certmock does not"):
        create_ca(pca, Tags=[{"Key": "team", "Value": "pki"}])


def test_an_operation_missing_from_the_inventory_warns_for_every_member(
    pca: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    listed = without_operation(INVENTORIES["acm-pca"], "ListCertificateAuthorities")
    serving(monkeypatch, listed)
    with pytest.warns(IgnoredMemberWarning, match=r"ListCertificateAuthorities\.MaxResults"):
        pca.list_certificate_authorities(MaxResults=5)


@pytest.mark.usefixtures("certmock")
def test_under_the_default_filter_a_member_warns_once() -> None:
    rds = boto3.client("rds", region_name="us-west-2")
    filters = [{"Name": "certificate-id", "Values": ["rds-ca-rsa2048-g1"]}]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")
        rds.describe_certificates(Filters=filters)
        rds.describe_certificates(Filters=filters)
    assert len([w for w in caught if w.category is IgnoredMemberWarning]) == 1


def test_warnings_as_errors_stop_the_call(certmock: Mock) -> None:
    rds = boto3.client("rds", region_name="us-west-2")
    with warnings.catch_warnings():
        warnings.simplefilter("error", IgnoredMemberWarning)
        with pytest.raises(IgnoredMemberWarning, match=r"DescribeCertificates\.Filters"):
            rds.describe_certificates(Filters=[{"Name": "certificate-id", "Values": ["x"]}])
    assert [call.operation for call in certmock.calls] == []


def input_shape(service: str, operation: str) -> StructureShape:
    shape = service_model(service).operation_model(operation).input_shape
    assert shape is not None
    return shape


NEW_MEMBERS_WITHOUT_REQUIRED = [
    (service, *new.split("."))
    for service in SERVICES
    for new in drift(INVENTORIES[service]).new_members
    if not input_shape(service, new.split(".")[0]).required_members
]


@on_newer
@pytest.mark.skipif(not NEW_MEMBERS_WITHOUT_REQUIRED, reason="no new member to send alone")
@pytest.mark.parametrize(("service", "operation", "member"), NEW_MEMBERS_WITHOUT_REQUIRED)
@pytest.mark.usefixtures("certmock")
def test_a_member_newer_than_the_reviewed_botocore_warns(
    service: str, operation: str, member: str
) -> None:
    value = ArgumentGenerator().generate_skeleton(input_shape(service, operation).members[member])
    new_client: Any = boto3.client  # a service name read from the model, not a literal
    method = getattr(new_client(service, region_name=REGION), xform_name(operation))
    with pytest.warns(IgnoredMemberWarning, match=f"{operation}.{member}: new since botocore"):
        method(**{member: value})


# -- the docs' coverage tables ----------------------------------------------------------------
def load_docs_hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("coverage_hook", ROOT / "docs/hooks/coverage.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("service", SERVICES)
def test_the_docs_hook_replaces_the_placeholder_with_the_coverage_table(service: str) -> None:
    hook = load_docs_hook()
    page = f"# Title\n\n<!-- certmock-coverage: {service} -->\n\nAfter.\n"
    rendered: str = hook.on_page_markdown(page, page=None, config=None, files=None)
    assert "certmock-coverage" not in rendered
    assert f"botocore {INSTALLED}" in rendered
    listed = INVENTORIES[service]
    for operation in model_operations(service):
        assert f"`{operation}`" in rendered
    installed = model_operations(service)
    for operation, entry in listed.served.items():
        for member, reason in entry.ignored.items():
            # The table shows what the installed model has; an older one lacks newer members.
            if operation in installed and member in input_members(service, operation):
                assert f"`{member}`: {reason}" in rendered
    assert rendered.endswith("\n\nAfter.\n")


def test_the_docs_hook_refuses_a_service_certmock_does_not_serve() -> None:
    hook = load_docs_hook()
    with pytest.raises(ValueError, match="no certmock inventory for 's3'; there are: acm, "):
        hook.on_page_markdown("<!-- certmock-coverage: s3 -->", page=None, config=None, files=None)


@pytest.mark.parametrize("page", sorted((ROOT / "docs/services").glob("*.md")))
def test_every_service_page_has_a_coverage_placeholder(page: Path) -> None:
    assert "<!-- certmock-coverage: " in page.read_text()
