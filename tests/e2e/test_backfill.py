"""civicpulse-backfill loads the whole Houston crime file through the running stack, is killed
(-9) half-way, resumes from its checkpoint, and in the end every row is accounted for: the report
adds up, and every event not rejected is stored exactly once."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time

import psycopg
import pytest

from civicpulse.client.mapping import Mapping, rows
from civicpulse.devstack.callers import demo_token
from civicpulse.devstack.stack import LocalStack
from support import CONFIG, REPO_ROOT

pytestmark = pytest.mark.e2e
FILE = REPO_ROOT / "datasets" / "houston" / "houston_crime_2010_ggmap.csv.gz"
MAPPING = CONFIG / "mappings" / "houston-crime.yaml"
PARTNER = "houston-police"


def backfill(stack: LocalStack, checkpoint) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "civicpulse.client.backfill",
        str(FILE),
        "--mapping",
        str(MAPPING),
        "--address",
        stack.addresses["ingestion"],
        "--ca",
        str(stack.ca.ca_file),
        "--checkpoint",
        str(checkpoint),
        "--batch-size",
        "200",
    ]
    env = {**os.environ, "CIVICPULSE_TOKEN": demo_token(PARTNER)}
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def answered(checkpoint) -> int:
    try:
        return json.loads(checkpoint.read_text())["rows"]
    except (OSError, ValueError):
        return 0


async def stored_keys(stack: LocalStack, partner: str = PARTNER) -> set[str]:
    async with await psycopg.AsyncConnection.connect(stack.database_url) as conn:
        cur = await conn.execute("SELECT event_key FROM features.events WHERE partner = %s", (partner,))
        return {row[0] for row in await cur.fetchall()}


async def test_a_killed_backfill_resumes_without_losing_or_doubling_an_event(tmp_path):
    total = sum(1 for _ in rows(FILE, "csv"))
    checkpoint = tmp_path / "crimes.checkpoint.json"
    async with LocalStack(tmp_path / "stack") as stack:
        first = backfill(stack, checkpoint)
        deadline = time.monotonic() + 120
        while answered(checkpoint) < total // 2 and first.poll() is None and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
        first.send_signal(signal.SIGKILL)
        first.wait()
        cut = answered(checkpoint)
        assert total // 2 <= cut < total, f"the load was not cut half-way ({cut} of {total} rows answered)"

        second = backfill(stack, checkpoint)
        out, err = second.communicate(timeout=600)
        assert second.returncode == 0, err
        final = json.loads(out.strip().splitlines()[-1])
        counts = final["counts"]
        assert final["complete"] and final["rows"] == total
        assert counts["accepted"] + counts["duplicate"] + counts["rejected"] + counts["skipped"] == total, out
        assert sum(final["rejected_by_reason"].values()) == counts["rejected"]
        assert "adds up" in out

        # The books, id by id: every event not rejected stored exactly once, nothing else.
        mapping = Mapping.load(MAPPING)
        ids = {event.partner_event_id for _, event in mapping.events(rows(FILE, "csv")) if event is not None}
        rejected_log = checkpoint.with_suffix(".rejected.jsonl").read_text().splitlines()
        rejected = {json.loads(line)["partner_event_id"] for line in rejected_log}
        assert len(rejected_log) == counts["rejected"]
        expected = {stack.event_key(PARTNER, i) for i in ids - rejected}
        deadline = time.monotonic() + 180
        while (keys := await stored_keys(stack)) != expected and time.monotonic() < deadline:
            await asyncio.sleep(0.5)
        assert keys == expected, (len(keys), len(expected))


async def test_the_chicago_311_file_loads_with_a_report_that_adds_up(tmp_path):
    from civicpulse.client.backfill import load
    from civicpulse.client.connection import IngestionClient
    from civicpulse.devstack.stack import CONFIG_DIR

    path = REPO_ROOT / "datasets" / "chicago" / "chicago_311_sanitation_code_complaints.csv.gz"
    mapping_file = CONFIG / "mappings" / "chicago-311.yaml"
    stack = LocalStack(
        tmp_path / "stack",
        city_profile=CONFIG_DIR / "cities" / "chicago.yaml",
        partners_file=CONFIG_DIR / "partners-chicago.yaml",
    )
    async with stack:
        checkpoint = tmp_path / "311.checkpoint.json"
        async with IngestionClient(stack.addresses["ingestion"], stack.ca.ca_file, demo_token("chicago-311")) as client:
            progress = await load(path, mapping_file, client, checkpoint, show_progress=False)
        counts = progress.as_dict()["counts"]
        assert progress.complete and progress.rows == sum(1 for _ in rows(path, "csv"))
        assert sum(counts.values()) == progress.rows and sum(progress.rejected_by_reason.values()) == counts["rejected"]
        assert progress.rejected_by_reason == {"location: required": 24}  # rows without coordinates, as the evaluation finds
        mapping = Mapping.load(mapping_file)
        ids = {event.partner_event_id for _, event in mapping.events(rows(path, "csv")) if event is not None}
        rejected = {
            json.loads(line)["partner_event_id"] for line in checkpoint.with_suffix(".rejected.jsonl").read_text().splitlines()
        }
        expected = {stack.event_key("chicago-311", i) for i in ids - rejected}
        deadline = time.monotonic() + 180
        while (keys := await stored_keys(stack, "chicago-311")) != expected and time.monotonic() < deadline:
            await asyncio.sleep(0.5)
        assert keys == expected, (len(keys), len(expected))

        # The city's other partners' files, through their mappings: every row accounted for.
        for partner, data, mapping_name, skipped in (
            ("chicago-weather", "chicago_daily_weather_2011_2014_food_inspections_repo.csv", "chicago-weather.yaml", 0),
            ("chicago-events-office", "cubs_whitesox_home_games_2000_2018_retrosheet.csv", "chicago-games.yaml", 1),
        ):
            data_file = path.parent / data
            async with IngestionClient(stack.addresses["ingestion"], stack.ca.ca_file, demo_token(partner)) as client:
                progress = await load(
                    data_file, CONFIG / "mappings" / mapping_name, client, tmp_path / f"{partner}.json", show_progress=False
                )
            counts = progress.as_dict()["counts"]
            assert progress.complete and sum(counts.values()) == progress.rows == sum(1 for _ in rows(data_file, "csv"))
            assert (counts["rejected"], counts["skipped"]) == (0, skipped), counts  # the Tokyo game is not Chicago's
