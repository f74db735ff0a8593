"""The examples of README.md and docs/*.md, run as written against `make up` (with the demo data),
which then stops on Ctrl-C: what a partner's or an application's engineer would paste is what works.

An example is a fenced `sh` or `python` block right after a `<!-- example: <name> -->` line."""

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
DOCS = [REPO_ROOT / "README.md", *sorted((REPO_ROOT / "docs").glob("*.md"))]
SEQUENCE_FILE = RUN_DIR / "dispatch.sequence"  # where the application example keeps its place


def examples_by_file() -> dict[str, dict[str, tuple[str, str]]]:
    """File (relative to the repository) -> example name -> (language, code)."""
    found: dict[str, dict[str, tuple[str, str]]] = {}
    for path in DOCS:
        for m in EXAMPLE.finditer(path.read_text()):
            found.setdefault(str(path.relative_to(REPO_ROOT)), {})[m["name"]] = (m["language"], m["code"])
    return found


def examples() -> dict[str, tuple[str, str]]:
    return {name: example for by_name in examples_by_file().values() for name, example in by_name.items()}


def argv(language: str, code: str) -> list[str]:
    return ["bash", "-euo", "pipefail", "-c", code] if language == "sh" else [sys.executable, "-u", "-c", code]


def run(language: str, code: str) -> subprocess.CompletedProcess:
    return subprocess.run(argv(language, code), cwd=REPO_ROOT, capture_output=True, text=True, timeout=900)


def run_example(name: str) -> subprocess.CompletedProcess:
    done = run(*examples()[name])
    assert done.returncode == 0, done.stderr
    return done


def read_until(process: subprocess.Popen, marker: str, count: int, timeout: float) -> list[str]:
    """The lines a running example prints until `count` of them hold `marker`."""
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    for line in process.stdout:
        lines.append(line)
        if sum(marker in each for each in lines) >= count or time.monotonic() > deadline:
            break
    return lines


def stop(process: subprocess.Popen) -> str:
    process.terminate()
    return process.communicate(timeout=30)[0]


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
    assert process.poll() is None and "Ctrl-C stops the stack." in lines[-1], "".join(lines)
    yield process, lines
    if process.poll() is None:  # a test failed before Ctrl-C: stop the stack as Ctrl-C would, never orphan it
        process.send_signal(signal.SIGINT)
        try:
            process.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_the_docs_have_their_examples_where_a_reader_looks_for_them():
    assert {path: set(by_name) for path, by_name in examples_by_file().items()} == {
        "docs/partners.md": {
            "ingest with buf curl",
            "ingest from Python",
            "a market in a named area",
            "send a batch with civicpulse-client",
            "backfill the Houston crime file",
        },
        "docs/evaluation.md": {"train with buf curl (make up LOAD=demo)"},
        "docs/new-city.md": {
            "propose a boundary",
            "check a city's files",
            "check one file",
            "check a profile and its agreements",
        },
        "docs/applications.md": {"subscribe and acknowledge from Python", "score with buf curl", "agenda with buf curl"},
    }
    named = [m["name"] for path in DOCS for m in EXAMPLE.finditer(path.read_text())]
    assert len(named) == len(set(named)), "two examples share a name"


def test_make_up_prints_where_everything_is_and_who_may_call(up):
    _, lines = up
    printed = "".join(lines)
    described = json.loads((RUN_DIR / "stack.json").read_text())
    assert described["services"]["ingestion"]["tls"] == f"127.0.0.1:{BASE_PORT}"
    assert described["callers"]["houston-police"]["token"] == "demo-houston-police-token"
    assert "demo-houston-police-token" in printed and f"127.0.0.1:{BASE_PORT}" in printed and "buf curl" in printed
    assert "events accepted and landed" in printed


def test_make_up_prints_how_to_reach_the_bus_and_the_line_works(up):
    _, lines = up
    described = json.loads((RUN_DIR / "stack.json").read_text())
    line = next(each.strip() for each in lines if each.strip().endswith("civicpulse-deadletters list"))
    assert described["bus"]["url"] in line and "CIVICPULSE_NATS_PASSWORD=" in line
    done = subprocess.run(line, shell=True, cwd=REPO_ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr  # the stack's bus, reached with what was printed (no dead letter yet)


@pytest.mark.parametrize(
    ("header", "said"),
    [
        (
            "-H 'authorization: Bearer demo-houston-polise-token' --reflect-header 'authorization: Bearer demo-houston-polise-token'",  # noqa: E501
            "unknown token",
        ),
        ("", "no credentials"),
    ],
    ids=["misspelt token", "no token"],
)
def test_buf_curl_without_a_good_token_is_told_why(up, header, said):
    ca = json.loads((RUN_DIR / "stack.json").read_text())["ca"]
    done = subprocess.run(
        f".venv/bin/buf curl --protocol grpc --cacert {ca} {header} -d '{{\"events\": []}}' "
        f"https://127.0.0.1:{BASE_PORT}/civicpulse.ingestion.v1.IngestionService/IngestEvents",
        shell=True,
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0 and said in done.stderr, done.stderr


def test_the_partners_examples_work_as_written(up):
    done = run_example("ingest with buf curl")
    assert json.loads(done.stdout)["results"][0]["status"] == "EVENT_STATUS_ACCEPTED", done.stdout

    done = run_example("ingest from Python")
    assert done.stdout.split()[:2] == ["hpd-2", "EVENT_STATUS_ACCEPTED"], done.stdout

    done = run_example("send a batch with civicpulse-client")
    assert done.stdout.splitlines() == [
        "Totals(accepted=3, duplicate=0, rejected=1)",
        "hpd-batch-3 [('location', 'outside_city')]",
    ], done.stdout

    done = run_example("a market in a named area")
    assert json.loads(done.stdout)["results"][0]["status"] == "EVENT_STATUS_ACCEPTED", done.stdout

    done = run_example("backfill the Houston crime file")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["complete"] and sum(report["counts"].values()) == report["rows"] > 80_000, done.stdout
    # `make up LOAD=demo` sent the same rows: the load finds them there.
    assert report["counts"]["duplicate"] > report["counts"]["accepted"], done.stdout


def test_the_train_example_works_as_written(up):
    done = run_example("train with buf curl (make up LOAD=demo)")
    job = json.loads(done.stdout)["job"]
    assert job["state"] == "JOB_STATE_SUCCEEDED" and job["percent"] == 100, done.stdout
    assert job["training"]["modelVersion"] and job["training"]["status"] == "MODEL_STATUS_ACTIVE", done.stdout
    # The job was followed on its way: running, at a stage, with its percent.
    assert re.search(r"^JOB_STATE_RUNNING \d+% \w", done.stderr, re.M), done.stderr


def test_the_application_example_subscribes_is_notified_acknowledges_and_resumes(up):
    """After training: the application subscribes, the operator scores, the application prints and
    acknowledges each notification; started again, it goes on after the last one it handled."""
    SEQUENCE_FILE.unlink(missing_ok=True)
    language, code = examples()["subscribe and acknowledge from Python"]
    application = subprocess.Popen(
        argv(language, code), cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        lines = read_until(application, "subscribed as", 1, 60)
        assert "subscribed as police-dispatch-app from level 3" in "".join(lines), "".join(lines)

        scored = json.loads(run_example("score with buf curl").stdout)
        assert int(scored.get("zonesPublished", 0)) > 0 and int(scored.get("cellsScored", 0)) > 0, scored

        lines += read_until(application, "acknowledged by", 2, 120)
    finally:
        lines += stop(application).splitlines(keepends=True)
    printed = "".join(lines)
    assert "acknowledged by police-dispatch-app at 20" in printed, printed
    notified = [int(n) for n in re.findall(r"^notification (\d+): zone \S+ level [345]$", printed, re.M)]
    assert len(notified) >= 2 and notified == sorted(set(notified)), printed
    handled = int(SEQUENCE_FILE.read_text())
    assert handled in notified, printed

    # Started again, it resumes after the last notification it handled: no repeats.
    application = subprocess.Popen(
        argv(language, code), cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        again = read_until(application, "subscribed as", 1, 60)
        time.sleep(5)
    finally:
        again += stop(application).splitlines(keepends=True)
    resumed = [int(n) for n in re.findall(r"^notification (\d+):", "".join(again), re.M)]
    assert all(n > handled for n in resumed), "".join(again)


def test_the_agenda_example_works_as_written(up):
    """After scoring: the mediation team's agenda, a week of each of its zones and no other's."""
    agenda = json.loads(run_example("agenda with buf curl").stdout)
    rows = agenda["rows"]
    assert 0 < len(rows) <= 3 and all(len(row["entries"]) == 7 for row in rows), agenda
    assert [entry["leadDay"] for entry in rows[0]["entries"]] == list(range(1, 8)), agenda
    assert agenda["origin"]["modelVersion"] and len(agenda["levels"]) == 5, agenda


def test_ctrl_c_stops_the_whole_stack(up):
    process, _ = up
    process.send_signal(signal.SIGINT)
    rest = process.communicate(timeout=120)[0]
    assert process.returncode == 0, rest
    assert "stopped" in rest
    assert not any(port_open(BASE_PORT + offset) for offset in range(5))


# docs/new-city.md: the data engineer's commands need no stack.


def test_the_boundary_example_proposes_houston_s_boundary_leaving_no_point_out():
    printed = run_example("propose a boundary").stdout
    assert "boundary:\n  type: Polygon" in printed
    said = printed.replace("\n# ", " ")  # the comment's lines, as one text
    assert re.search(r"Left out, by the profile's rule [^:]*: 0 of \d+ points \(0\.00 %\)", said), printed


def test_the_check_examples_report_what_the_docs_say():
    chicago = run_example("check a city's files").stdout
    assert "row 8221: location: required" in chicago and "2 rejected (location: required 2)" in chicago, chicago
    one_file = run_example("check one file").stdout
    assert "houston-police" in one_file and "500 rows read" in one_file, one_file
    marseille = run_example("check a profile and its agreements").stdout
    assert "Marseille" in marseille, marseille
