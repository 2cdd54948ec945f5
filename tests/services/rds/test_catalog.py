"""The CA list ships as a data file in the package, and every value in it names its source."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest


def load() -> dict[str, Any]:
    data_file = resources.files("certmock.services.rds").joinpath(
        "data/certificate_authorities.json"
    )
    loaded: dict[str, Any] = json.loads(data_file.read_text(encoding="utf-8"))
    return loaded


def test_the_ca_list_is_a_package_resource_that_describes_its_derivation() -> None:
    data = load()
    assert data["sources"]
    assert "SYNTHETIC" in data["derivation"]


@pytest.mark.parametrize(
    "authority", load()["certificate_authorities"], ids=lambda a: a["certificate_identifier"]
)
def test_every_published_value_names_a_source_the_file_lists(authority: dict[str, Any]) -> None:
    sources = load()["sources"]
    for values in authority["regions"].values():
        assert values["source"].split()[0] in sources


def test_every_default_for_new_launches_names_a_source_the_file_lists() -> None:
    data = load()
    for period in data["system_default_for_new_launches"]:
        assert period["source"].split()[0] in data["sources"]
