"""docs/mappings.md stays true: every YAML example is a mapping that loads, and every option of
the format is documented there."""

import re

import pytest
import yaml

from civicpulse.client import mapping as mapping_module
from civicpulse.client.mapping import DaylightSaving, Mapping
from support import REPO_ROOT

DOC = REPO_ROOT / "docs" / "mappings.md"
YAML_BLOCK = re.compile(r"^```yaml\n(.*?)^```", re.S | re.M)
# What a fragment of the format is completed with to be a whole mapping.
BASE = {"kind": "incident_report", "partner_event_id": {"column": "id"}, "category": {"column": "type"}}
OPTION_MODELS = [
    Mapping,
    mapping_module.KindRule,
    mapping_module.Value,
    mapping_module.Moment,
    mapping_module.Later,
    mapping_module.TimeOfDay,
    mapping_module.Stagger,
    mapping_module.Place,
    mapping_module.Rule,
    mapping_module.Contact,
    mapping_module.CsvDialect,
    DaylightSaving,
]


def examples() -> list[str]:
    return YAML_BLOCK.findall(DOC.read_text())


@pytest.mark.parametrize("example", examples(), ids=lambda text: text.splitlines()[0][:40])
def test_every_yaml_example_loads_as_a_mapping(example):
    document = {**BASE, **yaml.safe_load(example)}
    if "kinds" in document:
        del document["kind"]
    Mapping.model_validate(document)


def test_there_are_examples_of_each_part_of_the_format():
    keys = {key for example in examples() for key in yaml.safe_load(example)}
    assert {"format", "kind", "kinds", "derived", "keep", "skip", "daylight_saving", "location", "starts_at"} <= keys


def option_names() -> set[str]:
    names = set()
    for model in OPTION_MODELS:
        names |= {field.alias or name for name, field in model.model_fields.items()}
    return names


def test_every_option_and_resolution_is_documented():
    text = DOC.read_text()
    documented = set(re.findall(r"`([a-z_]+)", text)) | set(re.findall(r"\b([a-z_]+):", text))
    resolutions = {value for field in DaylightSaving.model_fields.values() for value in field.annotation.__args__}
    assert option_names() | resolutions | {"jsonl", "csv", "slug", "lower", "strip"} <= documented
