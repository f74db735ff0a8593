"""The chart, its values, skaffold.yaml and the hook Jobs agree with the service catalogue.

civicpulse.runtime.catalogue declares each service once; the chart keeps what it needs of it
(`civicpulse.services` in templates/_helpers.tpl) and one block of values per service. Adding a
service is one entry in the catalogue; these tests say what else must follow.
"""

from __future__ import annotations

import json

import pytest
import yaml
from chart_support import CALLER_SERVICES, CHART, RELEASE, by_kind, container, render

from civicpulse.runtime.catalogue import GRPC_PORT, HTTPS_PORT, METRICS_PORT, MTLS_PORT, SERVICES, MountedFile
from support import REPO_ROOT

VALUES = yaml.safe_load((CHART / "values.yaml").read_text())
SCHEMA = json.loads((CHART / "values.schema.json").read_text())


@pytest.fixture(scope="module")
def manifests(helm) -> list[dict]:
    return render(helm, "--namespace", RELEASE)


def service_blocks(values: dict) -> set[str]:
    """The top-level values that are a service's block (each has replicaCount and image)."""
    return {key for key, block in values.items() if isinstance(block, dict) and {"replicaCount", "image"} <= block.keys()}


def test_values_have_exactly_one_block_per_catalogue_service():
    keys = [service.values_key for service in SERVICES]
    assert len(set(keys)) == len(keys)
    assert service_blocks(VALUES) == set(keys)
    for key in keys:  # each refused when misspelt, as every other value
        assert key in SCHEMA["required"]
        assert SCHEMA["properties"][key].get("$ref") or SCHEMA["properties"][key]["additionalProperties"] is False


def test_skaffold_builds_exactly_the_catalogues_images():
    config = yaml.safe_load((REPO_ROOT / "skaffold.yaml").read_text())
    artifacts = {artifact["image"]: artifact for artifact in config["build"]["artifacts"]}
    assert len(artifacts) == len(config["build"]["artifacts"])
    assert set(artifacts) == {service.image for service in SERVICES}
    [release] = config["deploy"]["helm"]["releases"]
    for service in SERVICES:
        args = artifacts[service.image]["docker"]["buildArgs"]
        assert args == {"SERVICE": service.name, "PACKAGE": service.package}, service.name
        assert (REPO_ROOT / "services" / args["SERVICE"] / "src" / args["PACKAGE"] / "__main__.py").is_file()
        token = service.image.replace("-", "_")
        assert release["setValueTemplates"][f"{service.values_key}.image.repository"] == f"{{{{.IMAGE_REPO_{token}}}}}"
        assert release["setValueTemplates"][f"{service.values_key}.image.tag"] == f"{{{{.IMAGE_TAG_{token}}}}}"
    assert {key.split(".")[0] for key in release["setValueTemplates"]} == {service.values_key for service in SERVICES}


def test_migration_jobs_exist_exactly_for_the_database_services(helm, manifests):
    jobs = by_kind(manifests, "Job")
    migrations = {name.removeprefix(f"{RELEASE}-migrate-") for name in jobs if name.startswith(f"{RELEASE}-migrate-")}
    assert migrations == {service.name for service in SERVICES if service.database}
    assert set(jobs) - {f"{RELEASE}-migrate-{name}" for name in migrations} == {f"{RELEASE}-provision-streams"}
    for service in SERVICES:
        if service.database:
            job = container(jobs[f"{RELEASE}-migrate-{service.name}"])
            assert job["args"] == ["civicpulse.db.migrate", "--service", service.name]
            assert job["image"].split(":")[0].endswith(service.image)


def test_the_rendered_deployments_are_exactly_the_catalogues_services(manifests):
    deployments = by_kind(manifests, "Deployment")
    assert set(deployments) == {f"{RELEASE}-{service.name}" for service in SERVICES}
    policies = by_kind(manifests, "NetworkPolicy")
    for service in SERVICES:
        deployment = deployments[f"{RELEASE}-{service.name}"]
        main = container(deployment)
        assert main["name"] == service.name and main["image"].split(":")[0] == service.image
        assert deployment["spec"]["selector"]["matchLabels"]["app.kubernetes.io/name"] == service.name
        env = {var["name"].removeprefix(service.env_prefix): var for var in main["env"]}
        assert all(var["name"].startswith(service.env_prefix) for var in main["env"])
        # Every process serves /metrics on the catalogue's port, named for the PodMonitor.
        assert env["METRICS_PORT"]["value"] == str(METRICS_PORT), service.name
        assert {"name": "metrics", "containerPort": METRICS_PORT, "protocol": "TCP"} in main["ports"], service.name
        if service.web:  # HTTPS for browsers, not on the bus
            assert env["HTTP_PORT"]["value"] == str(HTTPS_PORT) and not {"NATS_USER", "GRPC_PORT"} & env.keys()
            assert [p["containerPort"] for p in main["ports"]] == [HTTPS_PORT, METRICS_PORT]
        else:
            assert env["NATS_USER"]["value"] == service.bus_user
            assert env["GRPC_PORT"]["value"] == str(GRPC_PORT) and env["GRPC_MTLS_PORT"]["value"] == str(MTLS_PORT)
        # The files it reads: the catalogue's (the callers file only for services someone calls).
        read = {file for file in MountedFile if file.value in env}
        expected = {file for file in service.files if file is not MountedFile.CALLERS or service.name in CALLER_SERVICES}
        assert read == expected, service.name
        assert ("DATABASE_URL" in env) == service.database, service.name
        # The services it calls: their address, and egress to their pods' gRPC ports.
        addresses = {name.removesuffix("_ADDRESS") for name in env if name.endswith("_ADDRESS")}
        assert addresses == {called.upper().replace("-", "_") for called in service.calls}, service.name
        egress = policies[f"{RELEASE}-{service.name}"]["spec"]["egress"]
        reached = {
            peer["podSelector"]["matchLabels"].get("app.kubernetes.io/name")
            for rule in egress
            for peer in rule["to"]
            if {"protocol": "TCP", "port": GRPC_PORT} in rule["ports"]
        }
        assert reached == set(service.calls), service.name


def test_every_catalogue_service_is_asked_by_the_helm_test(manifests):
    # A web service answers HTTPS: the test and its kubelet ask GET /healthz.
    [pod] = by_kind(manifests, "Pod").values()
    asked = sorted(
        f"https://{RELEASE}-{service.name}:{HTTPS_PORT}/healthz" if service.web else f"{RELEASE}-{service.name}:{GRPC_PORT}"
        for service in SERVICES
    )
    assert sorted(container(pod)["args"]) == asked
    for service in SERVICES:
        if service.web:
            probe = container(by_kind(manifests, "Deployment")[f"{RELEASE}-{service.name}"])["readinessProbe"]
            assert probe["httpGet"] == {"path": "/healthz", "port": "https", "scheme": "HTTPS"}
