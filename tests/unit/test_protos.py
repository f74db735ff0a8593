"""One proto source, one generated package: lint passes and the committed code is current."""

import filecmp
import os
import subprocess
import sys
from pathlib import Path

from support import REPO_ROOT

BIN = Path(sys.executable).parent


def test_buf_lint_passes():
    result = subprocess.run([BIN / "buf", "lint"], cwd=REPO_ROOT / "protos", capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_generated_code_is_current(tmp_path):
    env = {**os.environ, "PYTHON": sys.executable}
    subprocess.run([REPO_ROOT / "tools" / "gen_protos.sh", tmp_path], check=True, env=env, capture_output=True)
    committed = REPO_ROOT / "libs" / "civicpulse-protos" / "src"
    fresh = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert fresh == sorted(p.relative_to(committed) for p in committed.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    stale = [str(p) for p in fresh if not filecmp.cmp(tmp_path / p, committed / p, shallow=False)]
    assert not stale, f"run `make proto`: stale generated files {stale}"
