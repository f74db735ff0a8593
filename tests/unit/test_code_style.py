"""The code keeps one style: ruff's checks and formatting, as configured in pyproject.toml."""

import subprocess
import sys
from pathlib import Path

from support import REPO_ROOT

RUFF = Path(sys.executable).parent / "ruff"
TREES = ["libs", "services", "tests", "tools"]


def test_ruff_check_passes():
    result = subprocess.run([RUFF, "check", *TREES], cwd=REPO_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_code_is_formatted():
    result = subprocess.run([RUFF, "format", "--check", *TREES], cwd=REPO_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
