"""The rendered chart passes kubernetes-validate (strict, against the newest bundled Kubernetes schemas)
and checkov, offline, from the venv `make chart-tools` builds from tools/chart-tools.lock.

The chart is rendered as a user would install it: into a namespace, with the city profile and
partner agreements, every image pinned by digest and traces exported; and so again with monitoring
(PodMonitors, the dashboard, the alerts) and autoscaling on. kubernetes-validate has no schema for
those custom resources (PodMonitor, PrometheusRule, ScaledObject): it validates every other object,
says so for them, and tests/unit/test_monitoring*.py check their structure. checkov's skipped checks are
in charts/civicpulse/.checkov.yaml, each justified in the chart's README.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess

import pytest
import yaml
from chart_support import (
    CHART,
    MONITORING_VALUES,
    SERVICES,
    TOOL_PINS,
    camel,
    chart_tool,
    kubernetes_validate,
    set_files,
)

from support import REPO_ROOT

CHECKOV_CONFIG = CHART / ".checkov.yaml"
# What a user sets: a namespace, every image by digest, traces to a collector.
USER_VALUES = [
    "--namespace",
    "civicpulse",
    *(arg for s in SERVICES for arg in ("--set", f"{camel(s)}.image.digest=sha256:{hashlib.sha256(s.encode()).hexdigest()}")),
    "--set",
    "otlpEndpoint=http://otel-collector:4317",
]
# Kinds of CustomResourceDefinitions (the Prometheus Operator's, KEDA's): no bundled schema.
CUSTOM_KINDS = {
    ("monitoring.coreos.com/v1", "PodMonitor"),
    ("monitoring.coreos.com/v1", "PrometheusRule"),
    ("keda.sh/v1alpha1", "ScaledObject"),
}


@pytest.fixture(scope="module")
def rendered(helm, tmp_path_factory):
    """The chart as a user installs it (without and with monitoring and autoscaling), and as a developer
    debugs it locally (plaintext)."""
    directory = tmp_path_factory.mktemp("rendered")
    files = {}
    for name, extra in {
        "installed": [],
        "plaintext": ["--set", "tls.enabled=false", "--set", "scoring.featureStoreTokenSecret.name=scoring-token"],
        "monitored": MONITORING_VALUES,
    }.items():
        out = helm("template", "civicpulse", str(CHART), *set_files(), *USER_VALUES, *extra).stdout
        files[name] = directory / name / "manifests.yaml"
        files[name].parent.mkdir()
        files[name].write_text(out)
    return files


@pytest.mark.parametrize("variant", ["installed", "plaintext", "monitored"])
def test_manifests_are_valid_kubernetes_objects(rendered, variant):
    manifests = rendered[variant]
    documents = [d for d in yaml.safe_load_all(manifests.read_text()) if d]
    result = kubernetes_validate(manifests)
    assert result.returncode == 0 and "ERROR" not in result.stdout + result.stderr, result.stdout + result.stderr
    assert len(documents) > 30  # the whole chart was there to validate
    # What it could not validate: exactly the custom resources, one line each, and nothing else.
    unvalidated = re.findall(
        r"^WARN \S+ Couldn't find schema for kind (\w+) with api version (\S+) for kubernetes version",
        result.stdout + result.stderr,
        re.M,
    )
    custom = sorted((d["apiVersion"], d["kind"]) for d in documents if (d["apiVersion"], d["kind"]) in CUSTOM_KINDS)
    assert sorted((version, kind) for kind, version in unvalidated) == custom
    assert len((result.stdout + result.stderr).strip().splitlines()) == len(unvalidated), result.stdout + result.stderr
    if variant == "monitored":
        assert {kind for _, kind in custom} == {kind for _, kind in CUSTOM_KINDS}


@pytest.mark.parametrize("variant", ["installed", "monitored"])
def test_checkov_finds_nothing_but_the_justified_skips(rendered, variant):
    manifests = rendered[variant]
    # Offline: no call to the vendor's platform, no update check.
    env = {**os.environ, "BC_SKIP_MAPPING": "TRUE", "CKV_SKIP_PACKAGE_UPDATE_CHECK": "true"}
    result = subprocess.run(
        [chart_tool("checkov"), "--config-file", str(CHECKOV_CONFIG), "--file", str(manifests), "--output", "json"],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
        cwd=manifests.parent,
    )
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"checkov gave no report (exit {result.returncode}):\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    reports = report if isinstance(report, list) else [report]
    failed = [f"{c['check_id']} {c['resource']}: {c['check_name']}" for r in reports for c in r["results"]["failed_checks"]]
    assert failed == [], "\n".join(failed)
    for r in reports:
        assert r["summary"]["parsing_errors"] == 0 and r["summary"]["passed"] > 0, r["summary"]
    documents = [d for d in yaml.safe_load_all(manifests.read_text()) if d]
    assert sum(r["summary"]["resource_count"] for r in reports) >= len(documents)  # every object (and container) was read
    assert result.returncode == 0, result.stderr[-3000:]


def test_every_skipped_check_is_justified_in_the_readme(rendered):
    """Skipped everywhere (.checkov.yaml) or on one object (its checkov.io/skip annotations): each in the README."""
    skipped = yaml.safe_load(CHECKOV_CONFIG.read_text())["skip-check"]
    documents = [d for d in yaml.safe_load_all(rendered["installed"].read_text()) if d]
    for document in documents:
        for key, value in (document["metadata"].get("annotations") or {}).items():
            if key.startswith("checkov.io/skip"):
                skipped.append(value.split("=", 1)[0])
    assert skipped and all(re.fullmatch(r"CKV2?_K8S_\d+", check) for check in skipped)
    readme = (CHART / "README.md").read_text()
    justified = dict(re.findall(r"^\| `(CKV2?_K8S_\d+)` \| (.{20,}?) \|$", readme, re.M))
    assert sorted(justified) == sorted(skipped), "the README's table of skipped checks and the chart's skips disagree"


def test_the_tools_are_pinned_with_hashes_and_without_an_index():
    lock = (REPO_ROOT / "tools" / "chart-tools.lock").read_text()
    entries = re.findall(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+) \\$", lock, re.M)
    assert {name: version for name, version in entries if name in TOOL_PINS} == TOOL_PINS
    blocks = re.split(r"\n(?=[A-Za-z0-9])", lock.split("\n", 2)[2].strip())
    for block in blocks:
        assert "--hash=sha256:" in block, block.splitlines()[0]
    assert "--index-url" not in lock and "--extra-index-url" not in lock and "://" not in lock
