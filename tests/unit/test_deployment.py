"""The Helm chart, the Dockerfile and skaffold.yaml, checked offline against each other and the code.

No cluster, no Docker: Helm comes from tools/get_helm.py (the binary inside a pinned wheel),
`helm lint --strict` and `helm template` run locally, and the rendered manifests, the one
parametrised Dockerfile (with each service's build arguments from skaffold.yaml) and skaffold.yaml
are parsed and compared with the services' packages and settings. The NetworkPolicies are checked
in test_network_policies.py, kubernetes-validate and checkov in test_chart_validation.py.
"""

from __future__ import annotations

import fnmatch
import importlib
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from chart_support import (
    CALLER_SERVICES,
    CHART,
    CONFIG_FILES,
    DATABASE_SERVICES,
    GET_HELM,
    SERVICES,
    TLS_DIR,
    WEB_SERVICES,
    by_kind,
    camel,
    container,
    load_get_helm,
    package,
    render,
    secret_volumes,
    set_files,
)

from civicpulse.runtime.catalogue import BY_NAME
from support import CONFIG, REPO_ROOT

LIBS = ["civicpulse-protos", "civicpulse-runtime", "civicpulse-messaging", "civicpulse-db"]
HOOK_SETTINGS = {
    "civicpulse.messaging.provision": "civicpulse.messaging.provision:ProvisionSettings",
    "civicpulse.db.migrate": "civicpulse.db.migrate:MigrateSettings",
}


def settings_class(service: str) -> str:
    """Where a service's settings live: <package>.settings, the one class there named *Settings."""
    module = importlib.import_module(f"{BY_NAME[service].package}.settings")
    [name] = [n for n, v in vars(module).items() if n.endswith("Settings") and getattr(v, "__module__", "") == module.__name__]
    return f"{module.__name__}:{name}"


def fields_of(target: str) -> set[str]:
    module, cls = target.split(":")
    return set(getattr(importlib.import_module(module), cls).model_fields)


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


def test_chart_renders_with_its_defaults_and_the_two_files(helm, manifests):
    kinds = sorted({d["kind"] for d in manifests})
    assert kinds == [
        "ConfigMap",
        "Deployment",
        "Job",
        "NetworkPolicy",
        "Pod",  # the helm test
        "PodDisruptionBudget",
        "Service",
        "ServiceAccount",
    ]
    assert len(by_kind(manifests, "Deployment")) == len(SERVICES) == len(by_kind(manifests, "Service"))


@pytest.mark.parametrize(
    "given, missing",
    [
        ((), "config.cityProfile"),
        (("--set-file", f"config.cityProfile={CONFIG_FILES['config.cityProfile']}"), "config.partners"),
        (("--set-file", f"config.partners={CONFIG_FILES['config.partners']}"), "config.cityProfile"),
    ],
)
def test_rendering_stops_without_the_city_profile_or_the_partners(helm, given, missing):
    """Every service reads both files at start: an install without them would only crash-loop."""
    result = helm("template", "civicpulse", str(CHART), *given, check=False)
    assert result.returncode != 0 and f"{missing} is empty" in result.stderr, result.stderr
    assert f"--set-file {missing}=" in result.stderr
    # `helm lint` still passes (it reports `fail` without failing), so the bare chart can be linted.
    assert f"{missing} is empty" in helm("lint", "--strict", str(CHART), *given).stderr


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
        service = name.removeprefix("civicpulse-")
        web = service in WEB_SERVICES
        if web:  # HTTPS for browsers; the kubelet asks GET /healthz itself
            assert main["ports"] == [
                {"name": "https", "containerPort": 8443, "protocol": "TCP"},
                {"name": "metrics", "containerPort": 9464, "protocol": "TCP"},
            ]
            for probe in (main["readinessProbe"], main["livenessProbe"]):
                assert probe["httpGet"] == {"path": "/healthz", "port": "https", "scheme": "HTTPS"}
        else:
            assert main["ports"] == [
                {"name": "grpc", "containerPort": 50051, "protocol": "TCP"},
                {"name": "grpc-mtls", "containerPort": 50052, "protocol": "TCP"},
                {"name": "metrics", "containerPort": 9464, "protocol": "TCP"},
            ]
        # The kubelet's gRPC probe cannot speak TLS: the image's healthcheck module asks grpc.health.v1
        # over TLS, with the service's own settings, for the name of its Service.
        for probe in (main["readinessProbe"], main["livenessProbe"]) if not web else ():
            assert probe["exec"]["command"] == [
                *("python", "-m", "civicpulse.runtime.healthcheck"),
                *("--service", service, "--server-name", name),
            ]
            assert probe["timeoutSeconds"] > 4  # the module's own deadline
        context = main["securityContext"]
        assert context["readOnlyRootFilesystem"] is True and context["allowPrivilegeEscalation"] is False
        assert context["capabilities"]["drop"] == ["ALL"]
        assert main["resources"]["requests"] and main["resources"]["limits"]["memory"]
        # Selector and pod labels agree, and the Service selects exactly this Deployment's pods.
        selector = deployment["spec"]["selector"]["matchLabels"]
        assert selector.items() <= deployment["spec"]["template"]["metadata"]["labels"].items()
        service = services[name]
        assert service["spec"]["selector"] == selector
        assert service["spec"]["ports"] == (
            [{"name": "https", "port": 8443, "targetPort": "https", "protocol": "TCP", "appProtocol": "https"}]
            if web
            else [
                {"name": "grpc", "port": 50051, "targetPort": "grpc", "protocol": "TCP", "appProtocol": "grpc"},
                {"name": "grpc-mtls", "port": 50052, "targetPort": "grpc-mtls", "protocol": "TCP", "appProtocol": "grpc"},
            ]
        )
    selectors = [tuple(sorted(d["spec"]["selector"]["matchLabels"].items())) for d in deployments.values()]
    assert len(set(selectors)) == len(selectors), "two Deployments share a selector"


def test_every_env_var_is_a_setting_of_its_service(manifests):
    for name, deployment in by_kind(manifests, "Deployment").items():
        service = name.removeprefix("civicpulse-")
        fields = fields_of(settings_class(service))
        prefix = BY_NAME[service].env_prefix
        env = {var["name"].removeprefix(prefix).lower(): var for var in container(deployment)["env"]}
        for var in container(deployment)["env"]:
            assert var["name"].startswith(prefix) and var["name"].removeprefix(prefix).lower() in fields, var["name"]
        # A required setting without a default is always given, secrets from Secrets only.
        assert {"city_profile", "log_level"} <= env.keys()
        if service in WEB_SERVICES:  # HTTPS, and not on the bus
            assert env["http_port"]["value"] == "8443" and not {"nats_url", "nats_user", "grpc_port"} & env.keys()
        else:
            assert env["grpc_port"]["value"] == "50051" and env["grpc_mtls_port"]["value"] == "50052"
        assert "plaintext" not in env
        assert {env[f"tls_{f}_file"]["value"] for f in ("cert", "key", "ca")} == {
            f"{TLS_DIR}/{k}" for k in ("tls.crt", "tls.key", "ca.crt")
        }
        # Each service on the bus is its own NATS user, with its own password.
        if service not in WEB_SERVICES:
            assert env["nats_user"]["value"] == service
            assert env["nats_password"]["valueFrom"]["secretKeyRef"] == {"name": "civicpulse-nats", "key": f"{service}-password"}
        assert ("callers_file" in env) == (service in CALLER_SERVICES)
        assert ("database_url" in env) == (service in DATABASE_SERVICES)
        if "database_url" in env:  # its runtime role's URL, never the owner's
            assert env["database_url"]["valueFrom"]["secretKeyRef"] == {"name": "civicpulse-database", "key": f"{service}-url"}
        for secret in ("database_url", "nats_password", "feature_store_token"):
            if secret in env:
                assert "value" not in env[secret] and env[secret]["valueFrom"]["secretKeyRef"]["name"]


def test_config_files_are_mounted_from_one_configmap(manifests):
    [configmap] = by_kind(manifests, "ConfigMap").values()
    files = {"city-profile.yaml", "partners.yaml", CONFIG_FILES["config.cityZones"].name}  # the zones the profile names
    assert set(configmap["data"]) == files
    for deployment in by_kind(manifests, "Deployment").values():
        pod = deployment["spec"]["template"]["spec"]
        [volume] = [v for v in pod["volumes"] if "configMap" in v]
        assert volume["configMap"]["name"] == configmap["metadata"]["name"]
        [mount] = [m for m in container(deployment)["volumeMounts"] if m["name"] == volume["name"]]
        assert mount["mountPath"] == "/etc/civicpulse" and mount["readOnly"] is True
        for var in container(deployment)["env"]:
            if var["name"].endswith(("_CITY_PROFILE", "_PARTNERS_FILE")):
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


def test_secrets_are_files_readable_by_the_pod_group_only(manifests):
    workloads = {**by_kind(manifests, "Deployment"), **by_kind(manifests, "Job"), **by_kind(manifests, "Pod")}
    for name, workload in workloads.items():
        for secret, (volume, mount) in secret_volumes(workload).items():
            assert volume["secret"]["defaultMode"] == 0o440, (name, secret)
            assert mount["readOnly"] is True, (name, secret)
            assert volume["secret"]["items"], (name, secret)  # only the keys it needs


def test_pseudonymisation_keys_are_a_file_from_a_secret_and_no_other_service_mounts_it(manifests):
    for name, deployment in by_kind(manifests, "Deployment").items():
        secrets = secret_volumes(deployment)
        if not name.endswith("pseudonymisation"):
            assert "civicpulse-pseudonymisation-keys" not in secrets, name
            continue
        volume, mount = secrets["civicpulse-pseudonymisation-keys"]
        assert volume["secret"]["items"] == [{"key": "keys.yaml", "path": "keys.yaml"}]
        env = {var["name"]: var for var in container(deployment)["env"]}
        assert env["CIVICPULSE_PSEUDONYMISATION_KEYS_FILE"]["value"] == mount["mountPath"] + "/keys.yaml"
        assert not any("KEY" in var and "FILE" not in var for var in env)  # no key in the environment


def test_the_callers_file_comes_from_the_access_secret_to_the_services_with_methods(manifests):
    for name, deployment in by_kind(manifests, "Deployment").items():
        service = name.removeprefix("civicpulse-")
        secrets = secret_volumes(deployment)
        env = {var["name"]: var for var in container(deployment)["env"]}
        variable = f"CIVICPULSE_{package(service).upper()}_CALLERS_FILE"
        if service not in CALLER_SERVICES:
            assert "civicpulse-access" not in secrets and variable not in env, name
            continue
        volume, mount = secrets["civicpulse-access"]
        assert volume["secret"]["items"] == [{"key": "callers.yaml", "path": "callers.yaml"}]
        assert env[variable]["value"] == mount["mountPath"] + "/callers.yaml"


def test_no_credential_is_in_the_configmap_or_the_values(manifests):
    [configmap] = by_kind(manifests, "ConfigMap").values()
    for file, text in configmap["data"].items():
        for word in ("token_sha256", "password", "PRIVATE KEY", "callers:"):
            assert word not in text, (file, word)

    def leaves(node):
        if isinstance(node, dict):
            for child in node.values():
                yield from leaves(child)
        elif isinstance(node, list):
            for child in node:
                yield from leaves(child)
        else:
            yield node

    for value in leaves(yaml.safe_load((CHART / "values.yaml").read_text())):
        if isinstance(value, str):  # Secrets are named, never given
            assert not re.search(r"[0-9a-f]{64}|PRIVATE KEY|://[^/@]*@", value), value


def test_each_service_mounts_its_own_tls_secret(helm, manifests):
    for name, deployment in by_kind(manifests, "Deployment").items():
        volume, mount = secret_volumes(deployment)[f"{name}-tls"]
        assert mount["mountPath"] == TLS_DIR
        assert {i["key"] for i in volume["secret"]["items"]} == {"tls.crt", "tls.key", "ca.crt"}
    docs = render(helm, "--set", "scoring.tlsSecret=scoring-from-vault")
    assert "scoring-from-vault" in secret_volumes(by_kind(docs, "Deployment")["civicpulse-scoring"])


def scoring_env(docs: list[dict]) -> dict[str, dict]:
    return {
        v["name"].removeprefix("CIVICPULSE_SCORING_"): v
        for v in container(by_kind(docs, "Deployment")["civicpulse-scoring"])["env"]
    }


def test_scoring_shows_its_certificate_on_the_feature_stores_mutual_tls_port_or_a_token(helm, manifests):
    env = scoring_env(manifests)
    assert env["FEATURE_STORE_ADDRESS"]["value"] == "civicpulse-feature-store:50052" and "FEATURE_STORE_TOKEN" not in env
    docs = render(helm, "--set", "scoring.featureStoreTokenSecret.name=scoring-token")
    env = scoring_env(docs)
    assert env["FEATURE_STORE_ADDRESS"]["value"] == "civicpulse-feature-store:50051"
    assert env["FEATURE_STORE_TOKEN"]["valueFrom"]["secretKeyRef"] == {"name": "scoring-token", "key": "token"}


def test_without_tls_everything_is_plaintext_for_local_debugging_only(helm):
    result = helm("template", "x", str(CHART), *set_files(), "--set", "tls.enabled=false", check=False)
    assert result.returncode != 0 and "scoring.featureStoreTokenSecret" in result.stderr, result.stderr
    docs = render(helm, "--set", "tls.enabled=false", "--set", "scoring.featureStoreTokenSecret.name=scoring-token")
    for name, deployment in by_kind(docs, "Deployment").items():
        main, prefix = container(deployment), f"CIVICPULSE_{package(name.removeprefix('civicpulse-')).upper()}_"
        env = {v["name"].removeprefix(prefix): v for v in main["env"]}
        assert env["PLAINTEXT"]["value"] == "true" and not {"GRPC_MTLS_PORT", "TLS_CERT_FILE", "TLS_CA_FILE"} & env.keys()
        if name.removeprefix("civicpulse-") in WEB_SERVICES:
            assert [p["containerPort"] for p in main["ports"]] == [8443, 9464]
            assert main["readinessProbe"]["httpGet"]["scheme"] == "HTTP" == main["livenessProbe"]["httpGet"]["scheme"]
        else:
            assert [p["containerPort"] for p in main["ports"]] == [50051, 9464]
            assert main["readinessProbe"]["grpc"] == {"port": 50051} == main["livenessProbe"]["grpc"]
        assert not any(s.endswith("-tls") for s in secret_volumes(deployment)), name
    for job in by_kind(docs, "Job").values():
        assert secret_volumes(job) == {} and not any("TLS" in v["name"] for v in container(job)["env"])
    assert scoring_env(docs)["FEATURE_STORE_ADDRESS"]["value"] == "civicpulse-feature-store:50051"


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
        # TLS from the hooks' own Secret: the CA (NATS's and PostgreSQL's) and a client certificate.
        [(secret, (_, mount))] = secret_volumes(job).items()
        assert secret == "civicpulse-hooks-tls" and mount["mountPath"] == TLS_DIR
        env = {var["name"]: var for var in main["env"]}
        if name.startswith("civicpulse-migrate-"):
            service = name.removeprefix("civicpulse-migrate-")
            # The migrations ship in the service package: the service's own image applies them, as the owner.
            assert main["args"] == ["civicpulse.db.migrate", "--service", service]
            assert main["image"].split(":")[0].endswith(f"civicpulse-{service}")
            [var] = main["env"]
            assert var["name"] == "CIVICPULSE_DATABASE_URL"
            assert var["valueFrom"]["secretKeyRef"] == {"name": "civicpulse-database", "key": "owner-url"}
        else:
            assert main["args"] == ["civicpulse.messaging.provision"]
            assert env["CIVICPULSE_NATS_USER"]["value"] == "provision"
            assert env["CIVICPULSE_NATS_PASSWORD"]["valueFrom"]["secretKeyRef"] == {
                "name": "civicpulse-nats",
                "key": "provision-password",
            }
            assert env["CIVICPULSE_TLS_CA_FILE"]["value"] == f"{TLS_DIR}/ca.crt"
            assert env["CIVICPULSE_TLS_CERT_FILE"]["value"] == f"{TLS_DIR}/tls.crt"
            assert env["CIVICPULSE_TLS_KEY_FILE"]["value"] == f"{TLS_DIR}/tls.key"


def test_only_the_migrations_read_the_owner_url_which_may_live_in_a_secret_of_its_own(helm, manifests):
    for deployment in by_kind(manifests, "Deployment").values():
        assert not any(
            v.get("valueFrom", {}).get("secretKeyRef", {}).get("key") == "owner-url" for v in container(deployment)["env"]
        )
    docs = render(helm, "--set", "database.ownerSecret=civicpulse-database-owner", "--set", "hooks.tlsSecret=hooks-tls")
    for name, job in by_kind(docs, "Job").items():
        if name.startswith("civicpulse-migrate-"):
            [var] = container(job)["env"]
            assert var["valueFrom"]["secretKeyRef"] == {"name": "civicpulse-database-owner", "key": "owner-url"}
        assert set(secret_volumes(job)) == {"hooks-tls"}


@pytest.mark.parametrize(
    "setting, offending",
    [
        ("featureStore.replicas=2", "replicas"),
        ("featurestore.replicaCount=2", "featurestore"),
        ("scoring.image.name=x", "name"),
        ("nats.address=nats://x:4222", "address"),
        ("scoring.resources.request.cpu=1", "request"),
        ("ingestion.scheduleMinutes=5", "scheduleMinutes"),
        ("config.subscribers=x", "subscribers"),
        ("database.secretKey=url", "secretKey"),
        ("featureStore.allowedClients=anywhere", "allowedClients"),
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
        "scoring.image.digest=latest",
        "scoring.image.digest=sha256:abc",
        "tls.enabled=maybe",
        "ingestion.allowedClients=everyone",
        "networkPolicy.nats.port=0",
    ):
        result = helm("template", "x", str(CHART), *set_files(), "--set", setting, check=False)
        assert result.returncode != 0 and "values don't meet the specifications of the schema" in result.stderr, setting


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
        "scoring.extraEnv[0].name=CIVICPULSE_SCORING_TRAINING_DAYS",
    ]
    args = [arg for setting in settings for arg in ("--set", setting)]
    docs = render(helm, *args, "--set-string", "scoring.extraEnv[0].value=48")
    deployments = by_kind(docs, "Deployment")
    scoring = container(deployments["civicpulse-scoring"])
    assert scoring["image"] == "elsewhere/scoring:abc123" and scoring["imagePullPolicy"] == "Always"
    assert {"name": "CIVICPULSE_SCORING_TRAINING_DAYS", "value": "48"} in scoring["env"]
    assert container(deployments["civicpulse-ingestion"])["image"] == "registry.example.org/civicpulse/civicpulse-ingestion:0.1.0"
    assert container(by_kind(docs, "Job")["civicpulse-migrate-scoring"])["image"] == "elsewhere/scoring:abc123"


def test_images_can_be_pinned_by_digest(helm):
    digest = "sha256:" + "ab" * 32
    docs = render(helm, "--set", f"scoring.image.digest={digest}", "--set", "scoring.image.tag=ignored")
    assert container(by_kind(docs, "Deployment")["civicpulse-scoring"])["image"] == f"civicpulse-scoring@{digest}"
    assert container(by_kind(docs, "Job")["civicpulse-migrate-scoring"])["image"] == f"civicpulse-scoring@{digest}"
    assert container(by_kind(docs, "Deployment")["civicpulse-notification"])["image"] == "civicpulse-notification:0.1.0"


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


# --- skaffold.yaml and the Dockerfile ----------------------------------------------------------------

DOCKERFILE = REPO_ROOT / "services" / "Dockerfile"


def skaffold() -> dict:
    return yaml.safe_load((REPO_ROOT / "skaffold.yaml").read_text())


def build_args(service: str) -> dict[str, str]:
    [artifact] = [a for a in skaffold()["build"]["artifacts"] if a["image"] == f"civicpulse-{service}"]
    return artifact["docker"]["buildArgs"]


def test_skaffold_builds_every_service_from_the_one_dockerfile_and_feeds_the_chart():
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
        assert (REPO_ROOT / artifact["docker"]["dockerfile"]).resolve() == DOCKERFILE
        assert artifact["docker"]["buildArgs"] == {"SERVICE": service, "PACKAGE": package(service)}
        key, token = camel(service), f"civicpulse_{package(service)}"
        assert {"repository", "tag", "digest"} <= values[key]["image"].keys()
        assert templates[f"{key}.image.repository"] == f"{{{{.IMAGE_REPO_{token}}}}}"
        assert templates[f"{key}.image.tag"] == f"{{{{.IMAGE_TAG_{token}}}}}"
    for key, path in release.get("setFiles", {}).items():
        assert key in CONFIG_FILES and (REPO_ROOT / path).resolve() == CONFIG_FILES[key].resolve(), key


def test_there_is_one_dockerfile_taking_the_service_as_build_arguments():
    assert [p.relative_to(REPO_ROOT).as_posix() for p in REPO_ROOT.glob("services/**/Dockerfile")] == ["services/Dockerfile"]
    text = DOCKERFILE.read_text()
    assert set(re.findall(r"^ARG (\w+)$", text, re.M)) == {"SERVICE", "PACKAGE"}
    # The lock's layer comes before the service is named, so every service's build shares it.
    assert text.index("pip install --no-deps --require-hashes -r requirements.lock") < text.index("ARG SERVICE")
    for arg in ("SERVICE", "PACKAGE"):
        assert f'test -n "${{{arg}}}"' in text, f"a build without {arg} must fail"


def dockerfile(service: str) -> str:
    """The Dockerfile as skaffold builds it for this service: its build arguments substituted."""
    text = DOCKERFILE.read_text()
    for arg, value in build_args(service).items():
        text = text.replace(f"${{{arg}}}", value)
    return text


@pytest.mark.parametrize("service", SERVICES)
def test_dockerfile_runs_the_service_with_what_it_depends_on(service):
    text = dockerfile(service)
    assert "${" not in text.replace('"$@"', ""), "a build argument skaffold does not pass"
    assert re.search(r"^FROM python:3\.11-slim\b", text, re.M)
    # The entry point: `python -m <package>` from a script written at build time.
    [module] = re.findall(r"exec python -m %s \"\$@\"\\n' \"([a-z_]+)\"", text)
    assert module == package(service)
    assert re.search(r'^ENTRYPOINT \["civicpulse-service"\]$', text, re.M)
    assert (REPO_ROOT / "services" / service / "src" / module / "__main__.py").is_file()
    # The probes' and the helm test's module is checked at build time, beside the service's package.
    assert f'find_spec(m) is None for m in sys.argv[1:]))" \\\n        "{module}" civicpulse.runtime.healthcheck' in text
    assert (REPO_ROOT / "libs" / "civicpulse-runtime" / "src" / "civicpulse" / "runtime" / "healthcheck.py").is_file()
    # Built from the whole lock; run with its run-time part only (tests/unit/test_runtime_requirements.py).
    assert "pip install --no-deps --require-hashes -r requirements.lock" in text
    assert "pip install --no-deps --require-hashes -r /wheels/runtime.lock" in text
    [roots] = re.findall(r"python runtime_requirements.py \\\n\s+(.+?) \\\n\s+< requirements.lock", text)
    assert roots.split() == [*LIBS, f"civicpulse-{service}"]
    [run_stage] = re.findall(r"^FROM python:3\.11-slim$(.*)", text, re.M | re.S)
    assert "requirements.lock" not in run_stage.replace("runtime.lock", ""), "the run stage must not install the whole lock"
    assert re.search(r"^USER 10001(:10001)?$", text, re.M) and "--uid 10001" in text
    assert re.search(r"^EXPOSE 50051 50052 8443 9464$", text, re.M)
    # The console's wheel ships the front end's assets, bundled in a stage of their own from the npm lock.
    assert "npm ci" in text and "services/console/src/console/static/dist" in text
    assert re.search(r"^COPY config/ /etc/civicpulse/?$", text, re.M)
    # Every image holds the four shared libs (so provisioning and migrations run from any of them)...
    for lib in LIBS:
        assert f"libs/{lib}" in text, f"{service} image lacks {lib}"
    assert f"COPY services/{service}/ services/{service}/" in text

    # ...which covers every workspace package the service depends on.
    def workspace_deps(path: Path) -> set[str]:
        deps = tomllib.loads(path.read_text())["project"]["dependencies"]
        direct = {re.split(r"[<>=!~ \[;]", d)[0] for d in deps if d.startswith("civicpulse-")}
        return direct.union(*(workspace_deps(REPO_ROOT / "libs" / d / "pyproject.toml") for d in direct))

    assert workspace_deps(REPO_ROOT / "services" / service / "pyproject.toml") <= set(LIBS)


def dockerignored(path: str) -> bool:
    """Whether .dockerignore keeps a path of the repository out of the build context (its patterns, simplified)."""
    patterns = [line.strip() for line in (REPO_ROOT / ".dockerignore").read_text().splitlines()]
    patterns = [p for p in patterns if p and not p.startswith("#")]
    assert not any(p.startswith("!") for p in patterns), "an exception would need a real matcher"
    parts = path.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    for pattern in patterns:
        for candidate in prefixes:  # a directory's pattern covers everything in it
            if fnmatch.fnmatchcase(candidate, pattern) or (
                pattern.startswith("**/")
                and any(fnmatch.fnmatchcase("/".join(parts[i:]), pattern[3:]) for i in range(len(parts)))
            ):
                return True
    return False


def test_no_credential_can_enter_an_image():
    for path in (
        "config/callers.yaml",
        "config/callers-production.yaml",
        "config/keys.yaml",
        "config/tls/ingestion.key",
        "config/tls/ca.pem",
        "config/tls/tls.crt",
        "services/scoring/src/scoring/token.env",
        ".env",
        ".venv-chart-tools/bin/checkov",
    ):
        assert dockerignored(path), f"{path} would be sent to the Docker build"
    for path in ("config/partners.yaml", "config/cities/houston.yaml", "requirements.lock", "libs/civicpulse-db/pyproject.toml"):
        assert not dockerignored(path), f"the images need {path}"
    # And what the images copy from config/ holds no credential.
    for path in CONFIG.rglob("*"):
        if path.is_file() and not dockerignored(path.relative_to(REPO_ROOT).as_posix()):
            text = path.read_text(errors="replace")
            assert "token_sha256" not in text and "PRIVATE KEY" not in text and "password" not in text.lower(), path


def test_images_agree_with_the_chart(manifests):
    """The chart runs as the images' user, on the ports they expose, with config where they keep it."""
    for deployment in by_kind(manifests, "Deployment").values():
        service = container(deployment)["name"]
        text = dockerfile(service)
        pod = deployment["spec"]["template"]["spec"]
        [user] = re.findall(r"^USER (\d+)", text, re.M)
        assert pod["securityContext"]["runAsUser"] == int(user)
        [ports] = re.findall(r"^EXPOSE ([\d ]+)$", text, re.M)
        assert {p["containerPort"] for p in container(deployment)["ports"]} <= {int(p) for p in ports.split()}
        assert container(deployment)["image"].split(":")[0].endswith(f"civicpulse-{service}")
