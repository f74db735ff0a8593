"""The code keeps one style: ruff's checks and formatting, as configured in pyproject.toml; the
tests share code only through their helpers (support, factories, conftest fixtures)."""

import ast
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


TESTS = REPO_ROOT / "tests"
# The builders the tests once each wrote for themselves, under names that did not say what they made.
FORMER_FACTORIES = {"incident", "event"}


def _parsed(path: Path) -> ast.Module:
    return ast.parse(path.read_text(), filename=str(path))


def test_no_test_module_imports_another():
    """What tests share lives in support.py, factories.py or a conftest.py fixture: importing a
    test module runs its tests' module code again and ties one test file to another's names."""
    test_modules = {path.stem for path in TESTS.rglob("test_*.py")}
    found = []
    for path in sorted(TESTS.rglob("*.py")):
        for node in ast.walk(_parsed(path)):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module]
            else:
                continue
            for name in names:
                if name.split(".")[-1] in test_modules or name.split(".")[0] == "conftest":
                    found.append(f"{path.relative_to(REPO_ROOT)}:{node.lineno} imports {name}")
    assert found == []


def test_test_data_is_built_by_the_factories_module():
    """One builder per kind of test data, in tests/factories.py: no other test file defines a
    function of the same name, or an `incident()` or `event()` of its own."""
    factories = TESTS / "factories.py"
    builders = {node.name for node in _parsed(factories).body if isinstance(node, ast.FunctionDef)}
    assert {"partner_event", "pseudonymised_event", "event_row"} <= builders
    reserved = {name for name in builders if not name.startswith("_")} | FORMER_FACTORIES
    found = []
    for path in sorted(TESTS.rglob("*.py")):
        if path == factories:
            continue
        for node in ast.walk(_parsed(path)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name in reserved:
                found.append(f"{path.relative_to(REPO_ROOT)}:{node.lineno} defines {node.name}()")
    assert found == []
