"""A new city is files only: a town the code has never seen, written as files into a folder laid out
like the repository (a profile, its partners' agreements, a mapping, datasets/<city>/sources.yaml
and a CSV), is evaluated by `make evaluate`'s command as a data engineer would run it, with no
code change: the whole stack, the replay, the books, the training and the model card."""

from __future__ import annotations

import csv
import json
import random
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import yaml

from support import REPO_ROOT

pytestmark = pytest.mark.e2e

NAME = "riverton"
CENTRE = (45.2, 5.7)  # somewhere in the Alps: a town of a few square kilometres
ISSUE_DAY = datetime(2021, 5, 1)
DAYS = 100
TEST_ROWS = 7  # rows the partner marks as tests: the mapping's skip rule leaves them out


def profile() -> dict:
    lat, lon = CENTRE
    ring = [[lon - 0.03, lat - 0.02], [lon + 0.03, lat - 0.02], [lon + 0.03, lat + 0.02], [lon - 0.03, lat + 0.02]]
    return {
        "name": "Riverton",
        "timezone": "Europe/Paris",
        "holidays": {"country": "FR"},
        "h3_resolution": 8,
        "boundary": {"type": "Polygon", "coordinates": [[*ring, ring[0]]]},
        "vocabulary": {"incident_report": ["theft", "fight"], "scheduled_event": ["market"]},
        "targets": [{"kind": "incident_report", "categories": ["theft", "fight"]}],
        "languages": ["fr"],
        "evaluation": {"test_days": 14, "validation_days": 14, "min_independent_windows": 7, "bias_margin": 0.1},
    }


def agreements() -> dict:
    return {
        "policy_version": "1",
        "partners": {
            "riverton-police": {
                "name": "Riverton municipal police",
                "police_generated": True,
                "agreement": {
                    "purpose": "Forecast pressure on public space from past incident reports, per place and hour.",
                    "key_domain": "riverton",
                    "kinds": {
                        "incident_report": {
                            "categories": ["theft", "fight"],
                            "fields": {
                                "partner_event_id": "pseudonymise",
                                "occurred_at": "generalise",
                                "location": "generalise",
                                "count": "keep",
                            },
                            "retention_days": 1095,
                        }
                    },
                },
            }
        },
    }


MAPPING = {
    "format": "csv",
    "kind": "incident_report",
    "partner_event_id": {"column": "ref", "prefix": "rv-"},
    "category": {"column": "type", "transform": "lower"},
    "occurred_at": {"column": "when", "format": "%d/%m/%Y %H:%M", "timezone": "Europe/Paris"},
    "location": {"latitude": "lat", "longitude": "lon"},
    "skip": [{"column": "status", "values": ["test"]}],
}


def incidents() -> list[dict[str, str]]:
    """Thefts at a few places, more on Fridays and Saturdays; fights at night near the station."""
    rng = random.Random(19)
    lat, lon = CENTRE
    places = [(lat + rng.uniform(-0.015, 0.015), lon + rng.uniform(-0.025, 0.025)) for _ in range(8)]
    rows, ref = [], 0
    for day in range(DAYS):
        date = ISSUE_DAY - timedelta(days=DAYS - day)
        weekend = date.weekday() in (4, 5)
        for rank, (plat, plon) in enumerate(places):
            for _ in range(rng.choices([0, 1, 2, 3], weights=[3, 3, 2 if weekend else 1, rank % 3])[0]):
                ref += 1
                at = date + timedelta(minutes=rng.randrange(8 * 60, 23 * 60))
                kind = "Fight" if rank == 0 and at.hour >= 20 else "Theft"
                rows.append(row(ref, kind, at, plat, plon, "closed"))
    for k in range(TEST_ROWS):
        ref += 1
        rows.append(row(ref, "Theft", ISSUE_DAY - timedelta(days=30 + k), lat, lon, "test"))
    return rows


def row(ref: int, kind: str, at: datetime, lat: float, lon: float, status: str) -> dict[str, str]:
    return {
        "ref": str(ref),
        "type": kind,
        "when": at.strftime("%d/%m/%Y %H:%M"),
        "lat": f"{lat:.5f}",
        "lon": f"{lon:.5f}",
        "status": status,
    }


def write_city(root: Path) -> int:
    """The town's files under `root`, laid out as in the repository; the rows written."""
    (root / "config" / "cities").mkdir(parents=True)
    (root / "config" / "mappings").mkdir()
    (root / "datasets" / NAME).mkdir(parents=True)
    (root / "config" / "cities" / f"{NAME}.yaml").write_text(yaml.safe_dump(profile()))
    (root / "config" / f"partners-{NAME}.yaml").write_text(yaml.safe_dump(agreements()))
    (root / "config" / "mappings" / f"{NAME}-incidents.yaml").write_text(yaml.safe_dump(MAPPING))
    rows = incidents()
    with open(root / "datasets" / NAME / "incidents.csv", "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    sources = {
        "profile": f"config/cities/{NAME}.yaml",
        "partners": f"config/partners-{NAME}.yaml",
        "evaluate": {"issue_time": ISSUE_DAY.isoformat(), "description": "Riverton's incident reports, early 2021"},
        "sources": [{"partner": "riverton-police", "file": "incidents.csv", "mapping": f"config/mappings/{NAME}-incidents.yaml"}],
    }
    (root / "datasets" / NAME / "sources.yaml").write_text(yaml.safe_dump(sources))
    return len(rows)


def test_a_city_written_as_files_only_is_evaluated_end_to_end(tmp_path):
    root = tmp_path / "clone"
    written = write_city(root)
    code = subprocess.run(["grep", "-rli", NAME, "libs", "services"], cwd=REPO_ROOT, capture_output=True, text=True)
    assert code.stdout == "", f"the code names the town: {code.stdout}"
    run_dir = REPO_ROOT / ".run" / "evaluate" / NAME
    # As docs/new-city.md says to run it, the files kept outside the repository (ROOT).
    done = subprocess.run(
        ["make", "--no-print-directory", "evaluate", f"CITY={NAME}", f"ROOT={root}"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    printed = done.stdout
    assert "evaluating riverton: Riverton's incident reports, early 2021" in printed
    assert "the 14 days before test it, the 14 before them validate it" in printed
    assert "replaying source 1 (riverton-police)" in printed and "training:" in printed, printed

    summary = json.loads((run_dir / "summary.json").read_text())
    assert summary["events_accounted"] and summary["events_lost"] == 0
    assert summary["events_sent"] == written - TEST_ROWS and summary["events_stored"] == summary["events_accepted"]
    assert summary["mapping_notes"] == {"incidents.csv: skipped by skip[0]": TEST_ROWS}, summary["mapping_notes"]
    # The version just trained is in the summary whatever the gate decided, band by band.
    assert summary["model_status"] in {"active", "rejected", "awaiting_approval"}
    day1 = summary["trained_model_bands"]["day1"]
    assert day1["issue_times"] == 14 and day1["pai5"]["ratio"] is not None
    card = json.loads((run_dir / "card.json").read_text())
    assert card["city"] == "Riverton" and card["model_version"] == summary["model_version"]
    assert (run_dir / "card.md").read_text().startswith(f"# Model card: {summary['model_version']}")


def test_evaluate_names_the_cities_there_are_when_asked_for_another(tmp_path):
    root = tmp_path / "clone"
    write_city(root)
    done = subprocess.run(
        [sys.executable, "-m", "civicpulse.lab.evaluate", "--city", "atlantis", "--root", str(root)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2 and "no city 'atlantis'" in done.stderr and NAME in done.stderr, done.stderr
