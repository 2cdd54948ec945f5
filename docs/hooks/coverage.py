"""mkdocs hook: each ``<!-- certmock-coverage: SERVICE -->`` in a page becomes that service's
coverage table, generated when the site is built from certmock's inventory and the installed
botocore model, so no page carries a hand-written list of operations or a count."""

from __future__ import annotations

import re
from typing import Any

from certmock.botocore_models import service_model
from certmock.inventory import REVIEWED_BOTOCORE, drift, installed_botocore
from certmock.services.registry import inventories

PLACEHOLDER = re.compile(r"<!-- certmock-coverage: (?P<service>[\w-]+) -->")
NEW = f"new since botocore {REVIEWED_BOTOCORE}, not reviewed yet"


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    return PLACEHOLDER.sub(lambda found: coverage(found["service"]), markdown)


def coverage(service: str) -> str:
    known = inventories()
    listed = known.get(service)
    if listed is None:
        raise ValueError(
            f"no certmock inventory for {service!r}; there are: {', '.join(sorted(known))}"
        )
    model = service_model(service)
    operations = sorted(model.operation_names)
    new_members = drift(listed).new_members
    rows: list[tuple[str, str, str]] = []
    not_served: dict[str, list[str]] = {}
    for operation in operations:
        entry = listed.served.get(operation)
        if entry is None:
            reason = listed.not_served.get(operation, NEW)
            not_served.setdefault(reason, []).append(operation)
            continue
        shape = model.operation_model(operation).input_shape
        members = shape.members if shape is not None else {}
        ignored = [
            f"`{member}`: {reason}"
            for member, reason in sorted(entry.ignored.items())
            if member in members
        ]
        ignored += [
            f"`{new.split('.', 1)[1]}`: {NEW}"
            for new in new_members
            if new.split(".", 1)[0] == operation
        ]
        rows.append((f"`{operation}`", "served", "<br>".join(ignored)))
    for reason, names in not_served.items():
        rows.append((", ".join(f"`{name}`" for name in names), f"not served: {reason}", ""))
    served = sum(1 for operation in operations if operation in listed.served)
    lines = [
        f"Generated from certmock's inventory and the `{service}` model of botocore "
        f"{installed_botocore()} when this page was built: {served} of {len(operations)} "
        f"operations served. certmock's inventory was reviewed against botocore "
        f"{REVIEWED_BOTOCORE}. A served operation acts on every input member not listed as "
        "ignored here; an ignored member is accepted, and a request that carries it gets an "
        "`IgnoredMemberWarning` (see [Coverage](../coverage.md)).",
        "",
        "| operation | status | input members accepted but ignored |",
        "| --- | --- | --- |",
        *(f"| {name} | {status} | {ignored} |" for name, status, ignored in rows),
    ]
    return "\n".join(lines)
