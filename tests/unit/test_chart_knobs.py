"""The knobs a platform team turns, each rendered: pull secrets, scheduling, pod metadata, the
Service, the Ingress, the helm test and NOTES.txt; and the schema refusing their misspellings."""

from __future__ import annotations

import pytest
import yaml
from chart_support import (
    CHART,
    RELEASE,
    SERVICES,
    by_kind,
    camel,
    container,
    kubernetes_validate,
    pod_spec,
    render,
    set_files,
)

# Every knob at once: the scheduling of a tainted node pool, a private registry, annotations for a
# service mesh, a load balancer for ingestion and an Ingress beside it.
ALL_KNOBS = {
    "imagePullSecrets": [{"name": "registry"}],
    "hooks": {
        "nodeSelector": {"pool": "jobs"},
        "tolerations": [{"key": "pool", "operator": "Equal", "value": "jobs", "effect": "NoSchedule"}],
        "affinity": {"nodeAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": []}},
    },
    "scoring": {
        "imagePullSecrets": [{"name": "registry"}, {"name": "scoring-registry"}],
        "podAnnotations": {"mesh.example/inject": "true", "checksum/config": "mine"},
        "podLabels": {"team": "forecasting"},
        "nodeSelector": {"pool": "compute"},
        "tolerations": [{"key": "pool", "operator": "Exists", "effect": "NoSchedule"}],
        "affinity": {
            "podAntiAffinity": {
                "preferredDuringSchedulingIgnoredDuringExecution": [
                    {
                        "weight": 100,
                        "podAffinityTerm": {
                            "topologyKey": "kubernetes.io/hostname",
                            "labelSelector": {"matchLabels": {"app.kubernetes.io/name": "scoring"}},
                        },
                    }
                ]
            }
        },
        "resources": {"requests": {"cpu": "2", "memory": "4Gi"}, "limits": {"memory": "12Gi"}},
        "service": {"type": "ClusterIP", "annotations": {"mesh.example/port": "50051"}},
    },
    "ingestion": {
        "service": {"type": "LoadBalancer", "annotations": {"lb.example/internal": "false"}},
        "ingress": {
            "enabled": True,
            "className": "nginx",
            "annotations": {"nginx.ingress.kubernetes.io/backend-protocol": "GRPCS"},
            "hosts": ["ingest.city.example", "ingest2.city.example"],
            "tls": [{"hosts": ["ingest.city.example"], "secretName": "ingest-tls"}],
        },
    },
}


@pytest.fixture(scope="module")
def knobs_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("values") / "knobs.yaml"
    path.write_text(yaml.safe_dump(ALL_KNOBS))
    return path


@pytest.fixture(scope="module")
def defaults(helm) -> list[dict]:
    return render(helm, "--namespace", RELEASE)


@pytest.fixture(scope="module")
def turned(helm, knobs_file) -> list[dict]:
    return render(helm, "--namespace", RELEASE, "-f", str(knobs_file))


def workloads(docs: list[dict]) -> dict[str, dict]:
    return {**by_kind(docs, "Deployment"), **by_kind(docs, "Job"), **by_kind(docs, "Pod")}


def test_defaults_add_nothing_a_pod_spec_would_not_have(defaults):
    for name, workload in workloads(defaults).items():
        pod = pod_spec(workload)
        assert not {"imagePullSecrets", "nodeSelector", "tolerations", "affinity"} & pod.keys(), name
    for service in by_kind(defaults, "Service").values():
        assert service["spec"]["type"] == "ClusterIP" and "annotations" not in service["metadata"]
    assert by_kind(defaults, "Ingress") == {}


def test_image_pull_secrets_are_global_plus_the_images_services_own(turned):
    for name, workload in workloads(turned).items():
        secrets = pod_spec(workload)["imagePullSecrets"]
        runs_scoring = container(workload)["image"].split(":")[0] == "civicpulse-scoring"
        expected = [{"name": "registry"}, *([{"name": "scoring-registry"}] if runs_scoring else [])]
        assert secrets == expected, name  # once each, the global first
    assert "scoring-registry" in str(by_kind(turned, "Job")[f"{RELEASE}-migrate-scoring"])


def test_scheduling_goes_to_its_services_pods_and_the_hooks_to_theirs(turned):
    scoring = ALL_KNOBS["scoring"]
    hooks = ALL_KNOBS["hooks"]
    for name, workload in workloads(turned).items():
        pod = pod_spec(workload)
        if workload["kind"] != "Deployment":  # hook Jobs and the test Pod
            assert (pod["nodeSelector"], pod["tolerations"], pod["affinity"]) == (
                hooks["nodeSelector"],
                hooks["tolerations"],
                hooks["affinity"],
            ), name
        elif name == f"{RELEASE}-scoring":
            assert (pod["nodeSelector"], pod["tolerations"], pod["affinity"]) == (
                scoring["nodeSelector"],
                scoring["tolerations"],
                scoring["affinity"],
            )
        else:
            assert not {"nodeSelector", "tolerations", "affinity"} & pod.keys(), name


def test_pod_annotations_and_labels_are_added_to_the_charts(defaults, turned):
    before = by_kind(defaults, "Deployment")[f"{RELEASE}-scoring"]
    after = by_kind(turned, "Deployment")[f"{RELEASE}-scoring"]
    annotations = after["spec"]["template"]["metadata"]["annotations"]
    assert annotations["mesh.example/inject"] == "true"
    # The config checksum stays the chart's: it rolls the pods when the ConfigMap changes.
    assert annotations["checksum/config"] == before["spec"]["template"]["metadata"]["annotations"]["checksum/config"]
    labels = after["spec"]["template"]["metadata"]["labels"]
    assert labels == {**before["spec"]["template"]["metadata"]["labels"], "team": "forecasting"}
    assert after["spec"]["selector"] == before["spec"]["selector"]  # selectors never change
    others = by_kind(turned, "Deployment")[f"{RELEASE}-notification"]["spec"]["template"]["metadata"]
    assert "team" not in others["labels"] and set(others["annotations"]) == {"checksum/config"}


def test_resources_per_service(turned):
    deployments = by_kind(turned, "Deployment")
    assert container(deployments[f"{RELEASE}-scoring"])["resources"] == ALL_KNOBS["scoring"]["resources"]
    assert container(deployments[f"{RELEASE}-ingestion"])["resources"]["limits"] == {"memory": "512Mi"}


def test_service_type_and_annotations(turned):
    services = by_kind(turned, "Service")
    ingestion = services[f"{RELEASE}-ingestion"]
    assert ingestion["spec"]["type"] == "LoadBalancer"
    assert ingestion["metadata"]["annotations"] == {"lb.example/internal": "false"}
    assert services[f"{RELEASE}-scoring"]["metadata"]["annotations"] == {"mesh.example/port": "50051"}
    assert services[f"{RELEASE}-feature-store"]["spec"]["type"] == "ClusterIP"


def test_an_ingress_sends_every_path_of_each_host_to_ingestions_grpc_port(turned):
    [ingress] = by_kind(turned, "Ingress").values()
    assert ingress["apiVersion"] == "networking.k8s.io/v1" and ingress["metadata"]["name"] == f"{RELEASE}-ingestion"
    spec = ingress["spec"]
    assert spec["ingressClassName"] == "nginx" and spec["tls"] == ALL_KNOBS["ingestion"]["ingress"]["tls"]
    assert ingress["metadata"]["annotations"] == {"nginx.ingress.kubernetes.io/backend-protocol": "GRPCS"}
    assert [rule["host"] for rule in spec["rules"]] == ALL_KNOBS["ingestion"]["ingress"]["hosts"]
    service = by_kind(turned, "Service")[f"{RELEASE}-ingestion"]
    for rule in spec["rules"]:
        [path] = rule["http"]["paths"]
        assert path["path"] == "/" and path["pathType"] == "Prefix"
        backend = path["backend"]["service"]
        assert backend["name"] == service["metadata"]["name"]
        assert backend["port"]["name"] in {port["name"] for port in service["spec"]["ports"]} == {"grpc", "grpc-mtls"}


def test_the_consoles_ingress_sends_browsers_to_its_https_port(helm):
    docs = render(
        helm,
        *("--set", "console.ingress.enabled=true", "--set", "console.ingress.hosts[0]=console.city.example"),
        *("--set", "console.ingress.annotations.nginx\\.ingress\\.kubernetes\\.io/backend-protocol=HTTPS"),
    )
    [ingress] = by_kind(docs, "Ingress").values()
    assert ingress["metadata"]["name"] == f"{RELEASE}-console"
    [rule] = ingress["spec"]["rules"]
    [path] = rule["http"]["paths"]
    assert rule["host"] == "console.city.example" and path["backend"]["service"]["port"] == {"name": "https"}
    service = by_kind(docs, "Service")[f"{RELEASE}-console"]
    https = {"name": "https", "port": 8443, "targetPort": "https", "protocol": "TCP", "appProtocol": "https"}
    assert service["spec"]["ports"] == [https]


def test_no_ingress_for_a_disabled_service(helm, knobs_file):
    docs = render(helm, "-f", str(knobs_file), "--set", "ingestion.enabled=false")
    assert by_kind(docs, "Ingress") == {}


def test_every_knob_at_once_makes_valid_kubernetes_objects(helm, knobs_file, tmp_path):
    manifests = tmp_path / "manifests.yaml"
    manifests.write_text(helm("template", RELEASE, str(CHART), *set_files(), "-f", str(knobs_file)).stdout)
    result = kubernetes_validate(manifests)
    assert result.returncode == 0 and "ERROR" not in result.stdout + result.stderr, result.stdout + result.stderr


@pytest.mark.parametrize(
    "setting, offending",
    [
        ("scoring.service.port=1", "port"),
        ("scoring.service.type=ExternalName", "type"),
        ("ingestion.ingress.path=/x", "path"),
        ("ingestion.ingress.enabled=true", "hosts"),  # enabled without a host
        ("ingestion.ingress.hosts[0]=Not_A_Host", "hosts"),
        ("featureStore.ingress.enabled=true", "ingress"),  # only ingestion has one (the console will)
        ("hooks.nodeselector.pool=x", "nodeselector"),
        ("scoring.affinity.nodeAfinity.x=y", "nodeAfinity"),
        ("scoring.tolerations[0].operator=Maybe", "operator"),
        ("scoring.imagePullSecrets[0].secret=x", "secret"),
        ("imagePullSecrets[0].name=registry", None),  # accepted: the one way to name a pull Secret
        ("scoring.podLabels.app\\.kubernetes\\.io/name=other", "app.kubernetes.io/name"),  # the chart's selector labels
        ("helmTest.enable=false", "enable"),
    ],
)
def test_misspelt_or_wrong_knobs_are_refused(helm, setting, offending):
    result = helm("template", "x", str(CHART), *set_files(), "--set", setting, check=offending is None)
    if offending:
        assert result.returncode != 0 and "schema" in result.stderr and offending in result.stderr, result.stderr


def test_a_pull_secret_needs_a_name(helm):
    for secrets in ('[{"name": ""}]', "[{}]", '["registry"]'):
        result = helm("template", "x", str(CHART), *set_files(), "--set-json", f"imagePullSecrets={secrets}", check=False)
        assert result.returncode != 0 and "schema" in result.stderr, secrets


@pytest.mark.parametrize("service", SERVICES)
def test_every_service_has_the_same_knobs(helm, service):
    key = camel(service)
    settings = [f"{key}.nodeSelector.pool=p", f"{key}.podLabels.team=t", f"{key}.service.type=NodePort"]
    docs = render(helm, *(arg for setting in settings for arg in ("--set", setting)))
    deployment = by_kind(docs, "Deployment")[f"{RELEASE}-{service}"]
    assert pod_spec(deployment)["nodeSelector"] == {"pool": "p"}
    assert deployment["spec"]["template"]["metadata"]["labels"]["team"] == "t"
    assert by_kind(docs, "Service")[f"{RELEASE}-{service}"]["spec"]["type"] == "NodePort"


# --- the helm test and NOTES.txt ---------------------------------------------------------------------


def test_the_helm_test_pod_asks_each_enabled_service_through_its_service(helm, defaults):
    [pod] = by_kind(defaults, "Pod").values()
    assert pod["metadata"]["annotations"]["helm.sh/hook"] == "test"
    # Kept after a success (until the next run) so that `helm test --logs` can print its answers.
    assert pod["metadata"]["annotations"]["helm.sh/hook-delete-policy"] == "before-hook-creation"
    main = container(pod)
    assert main["command"] == ["python", "-m", "civicpulse.runtime.healthcheck"]
    services = by_kind(defaults, "Service")
    assert sorted(main["args"]) == sorted(
        f"{name}:50051" if s["spec"]["ports"][0]["name"] == "grpc" else f"https://{name}:8443/healthz"  # the console's
        for name, s in services.items()
    )
    assert main["env"] == [{"name": "CIVICPULSE_TLS_CA_FILE", "value": "/etc/civicpulse-tls/ca.crt"}]
    [volume] = pod_spec(pod)["volumes"]
    assert volume["secret"]["secretName"] == f"{RELEASE}-hooks-tls"
    assert volume["secret"]["items"] == [{"key": "ca.crt", "path": "ca.crt"}]  # the CA only, no key
    assert pod_spec(pod)["restartPolicy"] == "Never" and pod_spec(pod)["automountServiceAccountToken"] is False
    plaintext = ("--set", "tls.enabled=false", "--set", "scoring.featureStoreTokenSecret.name=t")
    [pod] = by_kind(render(helm, "--set", "notification.enabled=false", *plaintext), "Pod").values()
    main = container(pod)
    assert f"{RELEASE}-notification:50051" not in main["args"] and len(main["args"]) == len(SERVICES) - 1
    assert f"http://{RELEASE}-console:8443/healthz" in main["args"]  # plaintext, for local debugging only
    assert main["env"] == [{"name": "CIVICPULSE_PLAINTEXT", "value": "true"}] and "volumes" not in pod_spec(pod)
    assert by_kind(render(helm, "--set", "helmTest.enabled=false"), "Pod") == {}


def notes(helm, *args: str) -> str:
    out = helm("install", RELEASE, str(CHART), "--dry-run=client", "--namespace", "city", *set_files(), *args).stdout
    return out.split("NOTES:", 1)[1]


def test_notes_say_what_was_installed_and_how_to_check_it(helm):
    text = notes(helm, "--set", "ingestion.ingress.enabled=true", "--set", "ingestion.ingress.hosts[0]=ingest.city.example")
    for service in SERVICES:
        assert f"{RELEASE}-{service} " in text
    assert "helm test civicpulse --namespace city" in text
    assert "Ingress to ingestion: ingest.city.example" in text
    assert "charts/civicpulse/README.md" in text and "docs/" in text
    assert "WARNING" not in text
    text = notes(helm, "--set", "scoring.enabled=false", "--set", "helmTest.enabled=false")
    assert f"{RELEASE}-scoring" not in text and "helm test" not in text
    text = notes(helm, "--set", "tls.enabled=false", "--set", "scoring.featureStoreTokenSecret.name=t")
    assert "WARNING: tls.enabled=false" in text and "plaintext" in text
