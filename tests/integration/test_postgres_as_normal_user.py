"""The local PostgreSQL also runs for a developer who is not root (no runuser, no chown).

Every other test runs as whoever runs pytest; on CI that is root, so this one drops to
``nobody`` to cover the normal-user path. The devstack's server modules use the standard
library and psycopg only, so any Python 3.11 the unprivileged user can execute will do, with
this environment's site-packages on its path.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

import psycopg
import pytest

from support import REPO_ROOT

pytestmark = pytest.mark.integration
USER = "nobody"
DEVSTACK_SRC = REPO_ROOT / "libs" / "civicpulse-devstack" / "src"
SITE_PACKAGES = Path(psycopg.__file__).parent.parent
CHILD_PATH = os.pathsep.join([str(DEVSTACK_SRC), str(SITE_PACKAGES)])

CHILD = """
import json, os, sys
sys.path[:0] = sys.argv[1].split(os.pathsep)
from civicpulse.devstack.postgres import PostgresServer
server = PostgresServer(sys.argv[2]).start()
print(json.dumps({"euid": os.geteuid(), "dsn": server.dsn(), "data_dir": str(server.data_dir)}), flush=True)
sys.stdin.readline()  # serve until the test closes our stdin
server.stop()
print(json.dumps({"stopped": not server.running}), flush=True)
"""


def as_user(argv: list[str]) -> list[str]:
    return ["runuser", "-u", USER, "--", *argv]


def usable_interpreter() -> str:
    """A Python 3.11+ that ``nobody`` can run and that can read the repository."""
    probe = f"import os, sys; sys.path[:0] = {CHILD_PATH!r}.split(os.pathsep); import civicpulse.devstack.postgres, psycopg"
    for candidate in ("/usr/bin/python3", shutil.which("python3.11"), shutil.which("python3")):
        if not candidate:
            continue
        ok = subprocess.run(
            as_user([candidate, "-c", f"import sys; assert sys.version_info >= (3, 11); {probe}"]), capture_output=True
        )
        if ok.returncode == 0:
            return candidate
    pytest.skip(f"no Python 3.11 that {USER!r} can run with {CHILD_PATH} readable")


def owner_uid(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("Uid:"):
            return int(line.split()[1])
    raise AssertionError(f"no Uid line for {pid}")


def test_postgres_runs_and_stops_as_a_normal_user():
    if os.geteuid() != 0:
        pytest.skip("pytest already runs as a normal user: every PostgreSQL test covers this path")
    python = usable_interpreter()
    nobody = pwd.getpwnam(USER)
    base_dir = Path(tempfile.mkdtemp(prefix="civicpulse-nobody-"))
    os.chown(base_dir, nobody.pw_uid, nobody.pw_gid)
    child = subprocess.Popen(
        as_user([python, "-c", CHILD, CHILD_PATH, str(base_dir / "pg")]),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        started = json.loads(child.stdout.readline() or "{}")
        assert started, f"the server did not start as {USER}: {child.stderr.read() if child.poll() is not None else ''}"
        assert started["euid"] == nobody.pw_uid
        postmaster = int((Path(started["data_dir"]) / "postmaster.pid").read_text().split()[0])
        assert owner_uid(postmaster) == nobody.pw_uid, "the server must run as the calling user, not through runuser"
        with psycopg.connect(started["dsn"]) as conn:
            assert conn.execute("SELECT current_user, 6 * 7").fetchone() == ("postgres", 42)

        child.stdin.close()
        assert json.loads(child.stdout.readline()) == {"stopped": True}
        assert child.wait(timeout=30) == 0
        assert not Path(f"/proc/{postmaster}").exists(), "the postmaster survived stop()"
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        shutil.rmtree(base_dir, ignore_errors=True)
