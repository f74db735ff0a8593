"""README's API examples, run as written against `make up` (with the demo data), which then stops
on Ctrl-C: what a partner's engineer would paste is what works."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import time

import pytest

from civicpulse.devstack.ports import port_open
from civicpulse.lab.up import BASE_PORT, RUN_DIR
from support import REPO_ROOT

pytestmark = pytest.mark.e2e
EXAMPLE = re.compile(r"<!-- example: (?P<name>[^>]*?) -->\n```(?P<language>sh|python)\n(?P<code>.*?)```", re.S)


def examples() -> dict[str, tuple[str, str]]:
    text = (REPO_ROOT / "README.md").read_text()
    return {m["name"]: (m["language"], m["code"]) for m in EXAMPLE.finditer(text)}


def run(language: str, code: str) -> subprocess.CompletedProcess:
    argv = ["bash", "-euo", "pipefail", "-c", code] if language == "sh" else [sys.executable, "-c", code]
    return subprocess.run(argv, cwd=REPO_ROOT, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def up():
    process = subprocess.Popen(
        [sys.executable, "-m", "civicpulse.lab.up", "--load-demo"],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    deadline = time.monotonic() + 600
    for line in process.stdout:
        lines.append(line)
        if "Ctrl-C stops the stack." in line or time.monotonic() > deadline:
            break
    assert process.poll() is None, "".join(lines)
    yield process, lines
    if process.poll() is None:
        process.kill()
        process.wait()


def test_the_readme_has_its_examples():
    assert set(examples()) == {
        "ingest with buf curl",
        "ingest from Python",
        "a market in a named area",
        "send a batch with civicpulse-client",
        "train with buf curl (make up LOAD=demo)",
        "backfill the Houston crime file",
    }


def test_make_up_prints_where_everything_is_and_who_may_call(up):
    _, lines = up
    printed = "".join(lines)
    described = json.loads((RUN_DIR / "stack.json").read_text())
    assert described["services"]["ingestion"]["tls"] == f"127.0.0.1:{BASE_PORT}"
    assert described["callers"]["houston-police"]["token"] == "demo-houston-police-token"
    assert "demo-houston-police-token" in printed and f"127.0.0.1:{BASE_PORT}" in printed and "buf curl" in printed
    assert "events accepted and landed" in printed


def test_the_readme_examples_work_as_written(up):
    found = examples()
    language, code = found["ingest with buf curl"]
    done = run(language, code)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["results"][0]["status"] == "EVENT_STATUS_ACCEPTED", done.stdout

    language, code = found["ingest from Python"]
    done = run(language, code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[:2] == ["hpd-2", "EVENT_STATUS_ACCEPTED"], done.stdout

    language, code = found["send a batch with civicpulse-client"]
    done = run(language, code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "Totals(accepted=3, duplicate=0, rejected=1)",
        "hpd-batch-3 [('location', 'outside_city')]",
    ], done.stdout

    language, code = found["a market in a named area"]
    done = run(language, code)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["results"][0]["status"] == "EVENT_STATUS_ACCEPTED", done.stdout

    language, code = found["backfill the Houston crime file"]
    done = run(language, code)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["complete"] and sum(report["counts"].values()) == report["rows"] > 80_000, done.stdout
    # `make up LOAD=demo` sent the same rows: the load finds them there.
    assert report["counts"]["duplicate"] > report["counts"]["accepted"], done.stdout

    language, code = found["train with buf curl (make up LOAD=demo)"]
    done = run(language, code)
    assert done.returncode == 0, done.stderr
    trained = json.loads(done.stdout)
    assert trained["modelVersion"] and trained["status"].startswith("MODEL_STATUS_"), done.stdout


def test_ctrl_c_stops_the_whole_stack(up):
    process, _ = up
    process.send_signal(signal.SIGINT)
    rest = process.communicate(timeout=120)[0]
    assert process.returncode == 0, rest
    assert "stopped" in rest
    assert not any(port_open(BASE_PORT + offset) for offset in range(5))
