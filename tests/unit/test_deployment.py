"""The Helm chart, the Dockerfiles and skaffold.yaml, checked offline against each other and the code."""

from __future__ import annotations

import importlib
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from support import CONFIG, REPO_ROOT

CHART = REPO_ROOT / "charts" / "civicpulse"
SERVICES = sorted(p.name for p in (REPO_ROOT / "services").iterdir() if (p / "pyproject.toml").exists())
SETTINGS = {
    "ingestion": "ingestion.settings:IngestionSettings",
    "pseudonymisation": "pseudonymisation.settings:PseudonymisationSettings",
    "feature-store": "feature_store.settings:FeatureStoreSettings",
    "scoring": "scoring.settings:ScoringSettings",
    "notification": "notification.settings:NotificationSettings",
}


def camel(name: str) -> str:
    head, *rest = name.split("-")
    return head + "".join(part.title() for part in rest)


@pytest.fixture(scope="module")
def helm(tmp_path_factory):
    home = tmp_path_factory.mktemp("helm")
    binary = Path(sys.executable).parent / "helm"
    if not binary.exists():
        subprocess.run([sys.executable, REPO_ROOT / "tools" / "get_helm.py", home / "bin"], check=True)
        binary = home / "bin" / "helm"
    env = {**os.environ, **{f"HELM_{k}_HOME": str(home / k.lower()) for k in ("CACHE", "CONFIG", "DATA")}}

    def run(*args: str, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run([binary, *args], capture_output=True, text=True, env=env)
        if check:
            assert result.returncode == 0, result.stdout + result.stderr
        return result

    return run


def render(helm, *args: str) -> list[dict]:
    files = [
        "--set-file",
        f"config.cityProfile={CONFIG / 'cities' / 'houston.yaml'}",
        "--set-file",
        f"config.partners={CONFIG / 'partners.yaml'}",
        "--set-file",
        f"config.subscribers={CONFIG / 'subscribers.yaml'}",
    ]
    out = helm("template", "civicpulse", str(CHART), *files, *args).stdout
    return [doc for doc in yaml.safe_load_all(out) if doc]


def by_kind(docs, kind):
    return {d["metadata"]["name"]: d for d in docs if d["kind"] == kind}


def test_chart_lints_strictly(helm):
    helm("lint", "--strict", str(CHART))


def test_one_hardened_deployment_and_service_per_service(helm):
    docs = render(helm)
    deployments, services = by_kind(docs, "Deployment"), by_kind(docs, "Service")
    assert sorted(deployments) == sorted(f"civicpulse-{s}" for s in SERVICES) == sorted(services)
    for name, deployment in deployments.items():
        pod = deployment["spec"]["template"]["spec"]
        assert pod["automountServiceAccountToken"] is False
        assert pod["securityContext"]["runAsNonRoot"] is True
        assert pod["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault"
        [container] = pod["containers"]
        assert container["readinessProbe"]["grpc"]["port"] == 50051 == container["livenessProbe"]["grpc"]["port"]
        context = container["securityContext"]
        assert context["readOnlyRootFilesystem"] and not context["allowPrivilegeEscalation"]
        assert context["capabilities"]["drop"] == ["ALL"]
        assert services[name]["spec"]["ports"][0]["port"] == 50051


def test_every_env_var_is_a_setting_of_its_service(helm):
    for name, deployment in by_kind(render(helm), "Deployment").items():
        service = name.removeprefix("civicpulse-")
        module, cls = SETTINGS[service].split(":")
        fields = set(getattr(importlib.import_module(module), cls).model_fields)
        prefix = f"CIVICPULSE_{service.replace('-', '_').upper()}_"
        for env in deployment["spec"]["template"]["spec"]["containers"][0]["env"]:
            assert env["name"].startswith(prefix), env["name"]
            assert env["name"].removeprefix(prefix).lower() in fields, env["name"]


def test_config_files_are_mounted_from_one_configmap(helm):
    [configmap] = by_kind(render(helm), "ConfigMap").values()
    assert yaml.safe_load(configmap["data"]["city-profile.yaml"])["name"] == "Houston"
    assert "houston-police" in yaml.safe_load(configmap["data"]["partners.yaml"])["partners"]


def test_hook_jobs_provision_streams_then_migrate(helm):
    jobs = by_kind(render(helm), "Job")
    weights = {name: job["metadata"]["annotations"]["helm.sh/hook-weight"] for name, job in jobs.items()}
    assert weights == {
        "civicpulse-provision-streams": "0",
        "civicpulse-migrate-feature-store": "1",
        "civicpulse-migrate-scoring": "1",
        "civicpulse-migrate-notification": "1",
    }
    args = jobs["civicpulse-migrate-scoring"]["spec"]["template"]["spec"]["containers"][0]["args"]
    assert args == ["civicpulse.db.migrate", "--service", "scoring"]


def test_unknown_values_are_refused(helm):
    result = helm("template", "x", str(CHART), "--set", "featureStore.replicas=2", check=False)
    assert result.returncode != 0 and "replicas" in result.stderr


def test_a_disabled_service_is_not_deployed(helm):
    docs = render(helm, "--set", "scoring.enabled=false")
    assert "civicpulse-scoring" not in by_kind(docs, "Deployment")
    assert "civicpulse-migrate-scoring" not in by_kind(docs, "Job")


def test_skaffold_builds_every_service_and_feeds_the_chart():
    config = yaml.safe_load((REPO_ROOT / "skaffold.yaml").read_text())
    artifacts = {a["image"]: a for a in config["build"]["artifacts"]}
    assert sorted(artifacts) == sorted(f"civicpulse-{s}" for s in SERVICES)
    values = yaml.safe_load((CHART / "values.yaml").read_text())
    templates = config["deploy"]["helm"]["releases"][0]["setValueTemplates"]
    for service in SERVICES:
        assert (REPO_ROOT / artifacts[f"civicpulse-{service}"]["docker"]["dockerfile"]).exists()
        key = camel(service)
        assert key in values
        token = f"civicpulse_{service.replace('-', '_')}"
        assert templates[f"{key}.image.repository"] == f"{{{{.IMAGE_REPO_{token}}}}}"


@pytest.mark.parametrize("service", SERVICES)
def test_dockerfile_runs_the_service_with_what_it_depends_on(service):
    text = (REPO_ROOT / "services" / service / "Dockerfile").read_text()
    [module] = re.findall(r'ENTRYPOINT \["python", "-m", "([a-z_]+)"\]', text)
    assert (REPO_ROOT / "services" / service / "src" / module / "__main__.py").exists()
    assert "--require-hashes -r requirements.lock" in text and "USER 10001" in text

    def workspace_deps(path: Path) -> set[str]:
        deps = tomllib.loads(path.read_text())["project"]["dependencies"]
        direct = {d for d in deps if d.startswith("civicpulse-")}
        return direct.union(*(workspace_deps(REPO_ROOT / "libs" / d / "pyproject.toml") for d in direct))

    for dependency in workspace_deps(REPO_ROOT / "services" / service / "pyproject.toml"):
        assert f"libs/{dependency}" in text, f"{service} image lacks {dependency}"
