"""Images install only the run-time part of the lock: enough to run, nothing of the dev tools."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from support import REPO_ROOT

spec = importlib.util.spec_from_file_location("runtime_requirements", REPO_ROOT / "tools" / "runtime_requirements.py")
runtime_requirements = importlib.util.module_from_spec(spec)
spec.loader.exec_module(runtime_requirements)

LOCK = (REPO_ROOT / "requirements.lock").read_text()
SERVICES = sorted(p.name for p in (REPO_ROOT / "services").iterdir() if (p / "pyproject.toml").exists())
LIBS = ["civicpulse-protos", "civicpulse-runtime", "civicpulse-messaging", "civicpulse-db"]
DEV_ONLY = {"pytest", "pytest-asyncio", "pytest-timeout", "ruff", "buf-bin", "grpcio-tools", "mypy-protobuf", "hatchling"}
# Imported inside functions, so walking the modules does not reach them.
LAZY_IMPORTS = ["opentelemetry.exporter.otlp.proto.grpc.trace_exporter", "opentelemetry.instrumentation.grpc"]


def roots(service: str) -> list[str]:
    return [*LIBS, f"civicpulse-{service}"]  # what every image installs (see services/Dockerfile)


def pinned(lock: str) -> set[str]:
    return set(runtime_requirements.lock_entries(lock))


@pytest.mark.parametrize("service", SERVICES)
def test_the_runtime_lock_is_the_lock_without_dev_tools(service):
    runtime = runtime_requirements.runtime_lock(LOCK, roots(service))
    names = pinned(runtime)
    assert {"grpcio", "protobuf", "nats-py", "psycopg", "opentelemetry-sdk"} <= names
    assert names < pinned(LOCK) and not names & DEV_ONLY
    assert ("xgboost-cpu" in names) == (service == "scoring")
    entries = runtime_requirements.lock_entries(LOCK)
    for name, entry in runtime_requirements.lock_entries(runtime).items():
        assert entry == entries[name] and "--hash=sha256:" in entry, name
    assert runtime.splitlines()[0].startswith("# Run-time part") and f"civicpulse-{service}" in runtime.splitlines()[0]


def test_a_requirement_missing_from_the_lock_is_an_error():
    lock_without_grpcio = "\n".join(e for n, e in runtime_requirements.lock_entries(LOCK).items() if n != "grpcio")
    with pytest.raises(SystemExit, match="no entry for grpcio"):
        runtime_requirements.runtime_lock(lock_without_grpcio, roots("ingestion"))


def uv() -> str:
    found = shutil.which("uv") or str(Path.home() / ".local" / "bin" / "uv")
    if not os.access(found, os.X_OK):
        pytest.skip("uv is not installed (make setup installs it)")
    return found


IMPORT_EVERYTHING = """
import importlib, importlib.util, pkgutil, sys
import civicpulse
for package in (civicpulse, importlib.import_module(sys.argv[1])):
    for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
for name in sys.argv[2:]:
    importlib.import_module(name)
assert importlib.util.find_spec("pytest") is None, "a dev tool is installed"
"""


@pytest.mark.parametrize("service", SERVICES)
def test_a_service_imports_everything_it_uses_from_the_runtime_lock_alone(service, tmp_path):
    lock = tmp_path / "runtime.lock"
    lock.write_text(runtime_requirements.runtime_lock(LOCK, roots(service)))
    venv = tmp_path / "venv"
    subprocess.run([uv(), "venv", "--quiet", "--python", "3.11", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    subprocess.run([uv(), "pip", "install", "--quiet", "--python", python, "--require-hashes", "-r", str(lock)], check=True)
    sources = [REPO_ROOT / "libs" / lib / "src" for lib in LIBS] + [REPO_ROOT / "services" / service / "src"]
    env = {"PATH": os.environ["PATH"], "PYTHONPATH": os.pathsep.join(map(str, sources))}
    package = service.replace("-", "_")
    result = subprocess.run([python, "-c", IMPORT_EVERYTHING, package, *LAZY_IMPORTS], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
