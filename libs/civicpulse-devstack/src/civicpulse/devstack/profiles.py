"""A city profile with some of its settings changed, written beside a run (tests, benchmarks).

A short slice of history cannot hold the city's held-out periods: a test trains on two weeks of
test time where the city judges on two months. The variant keeps everything else, the zones file
included (named by its absolute path, so that the copy reads the same file).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


def profile_variant(base: Path, directory: Path, changes: dict[str, Any]) -> Path:
    """`base` with each top-level section of `changes` updated (a mapping merged into the section,
    anything else replacing it), written to `directory`; the copy's path."""
    document = yaml.safe_load(base.read_text(encoding="utf-8"))
    for section, value in changes.items():
        if isinstance(value, dict) and isinstance(document.get(section), dict):
            document[section] = {**document[section], **value}
        else:
            document[section] = value
    zones = document.get("zones")
    if isinstance(zones, dict) and "file" in zones:
        zones["file"] = str((base.absolute().parent / zones["file"]).resolve())
    directory.mkdir(parents=True, exist_ok=True)
    copy = directory / f"{base.stem}-variant.yaml"
    copy.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return copy


# Held-out periods a two- or three-month slice of history holds (tests, the read benchmark): the
# code path is the city's, the periods shorter; the gate judges on as many windows as there are.
SHORT_HELD_OUT = {"evaluation": {"test_days": 14, "validation_days": 14, "min_independent_windows": 7}}
