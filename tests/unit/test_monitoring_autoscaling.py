"""Autoscaling on backlog: with <service>.autoscaling.enabled, a KEDA ScaledObject scales each consumer on
the pending messages of its durable consumer, on every stream it reads (civicpulse.messaging.topology
declares them: the chart's "consumes" must agree), and the Deployment leaves its replicas to KEDA.

kubernetes-validate has no schema for keda.sh/v1alpha1: the ScaledObject's structure is checked here,
field by field as KEDA's CustomResourceDefinition and its nats-jetstream scaler declare them.
"""

from __future__ import annotations

from collections import defaultdict

import pytest
from chart_support import (
    CHART,
    METADATA,
    MONITORING_VALUES,
    NAME,
    RELEASE,
    SERVICES,
    by_kind,
    camel,
    check_shape,
    render,
    set_files,
)

from civicpulse.messaging.topology import SUBSCRIPTIONS

NAMESPACE = "city"
# Per consumer service, the (stream, durable) pairs it reads: the durable is named after the service.
CONSUMES: dict[str, set[tuple[str, str]]] = defaultdict(set)
for subscription in SUBSCRIPTIONS:
    CONSUMES[subscription.service].add((subscription.stream.name, subscription.durable))
CONSUMERS = sorted(CONSUMES)
# The nats-jetstream trigger's metadata: every value a string, as KEDA reads them.
SCALEDOBJECT = {
    "apiVersion": {"keda.sh/v1alpha1"},
    "kind": {"ScaledObject"},
    "metadata": METADATA,
    "spec": {
        "scaleTargetRef": {"apiVersion": {"apps/v1"}, "kind": {"Deployment"}, "name": NAME},
        "minReplicaCount": int,
        "maxReplicaCount": int,
        "pollingInterval": int,
        "cooldownPeriod": int,
        "triggers": [
            {
                "type": {"nats-jetstream"},
                "name": NAME,
                "metadata": {
                    "natsServerMonitoringEndpoint": r"[A-Za-z0-9.-]+:[0-9]+",
                    "account": r"\S+",
                    "stream": r"[A-Z][A-Z0-9_]*",
                    "consumer": NAME,
                    "lagThreshold": r"[1-9][0-9]*",
                    "useHttps": {"true", "false"},
                },
            }
        ],
    },
}


@pytest.fixture(scope="module")
def scaled(helm) -> list[dict]:
    return render(helm, "--namespace", NAMESPACE, *MONITORING_VALUES)


def test_the_topology_has_consumers_to_scale():
    assert {"pseudonymisation", "feature-store", "notification"} <= set(CONSUMERS) <= set(SERVICES)
    assert len(CONSUMES["feature-store"]) == 2  # EVENTS and TEXTS: one trigger each


@pytest.mark.parametrize("service", CONSUMERS)
def test_each_consumer_scales_on_its_durables_pending_messages(scaled, service):
    scaled_object = by_kind(scaled, "ScaledObject")[f"{RELEASE}-{service}"]
    assert check_shape(scaled_object, SCALEDOBJECT, scaled_object["metadata"]["name"]) == []
    spec = scaled_object["spec"]
    assert spec["scaleTargetRef"]["name"] in by_kind(scaled, "Deployment")
    assert spec["scaleTargetRef"]["name"] == f"{RELEASE}-{service}"
    assert (spec["minReplicaCount"], spec["maxReplicaCount"]) == (2, 6)
    triggers = spec["triggers"]
    assert {(t["metadata"]["stream"], t["metadata"]["consumer"]) for t in triggers} == CONSUMES[service]
    assert len(triggers) == len(CONSUMES[service]) and len({t["name"] for t in triggers}) == len(triggers)
    for trigger in triggers:
        assert trigger["metadata"]["natsServerMonitoringEndpoint"] == f"nats-headless.{NAMESPACE}.svc:8222"
        assert trigger["metadata"]["account"] == "$G" and trigger["metadata"]["useHttps"] == "false"
        assert trigger["metadata"]["lagThreshold"] == "5000"


def test_only_the_consumers_are_scaled(scaled):
    assert set(by_kind(scaled, "ScaledObject")) == {f"{RELEASE}-{service}" for service in CONSUMERS}


def test_an_autoscaled_deployment_leaves_its_replicas_to_keda(scaled, manifests):
    deployments, default = by_kind(scaled, "Deployment"), by_kind(manifests, "Deployment")
    for service in SERVICES:
        name = f"{RELEASE}-{service}"
        assert ("replicas" in deployments[name]["spec"]) == (service not in CONSUMERS), service
        assert "replicas" in default[name]["spec"], service  # off by default: replicaCount holds


def test_the_disruption_budgets_stay_consistent(scaled):
    """Each autoscaled Deployment keeps its budget, on the same pods, letting one replica go at a time:
    at KEDA's minimum (at least 1, the schema says) a drain still proceeds."""
    budgets, deployments = by_kind(scaled, "PodDisruptionBudget"), by_kind(scaled, "Deployment")
    for service in CONSUMERS:
        budget = budgets[f"{RELEASE}-{service}"]["spec"]
        pod_labels = deployments[f"{RELEASE}-{service}"]["spec"]["template"]["metadata"]["labels"]
        assert budget["selector"]["matchLabels"].items() <= pod_labels.items()
        assert budget == {"maxUnavailable": 1, "selector": budget["selector"]}
        scaled_object = by_kind(scaled, "ScaledObject")[f"{RELEASE}-{service}"]["spec"]
        assert scaled_object["minReplicaCount"] >= budget["maxUnavailable"]


def test_autoscaling_knobs(helm):
    docs = render(
        helm,
        "--namespace",
        NAMESPACE,
        "--set",
        "featureStore.autoscaling.enabled=true",
        "--set",
        "featureStore.autoscaling.minReplicas=3",
        "--set",
        "featureStore.autoscaling.maxReplicas=12",
        "--set",
        "featureStore.autoscaling.lagThreshold=250",
        "--set",
        "autoscaling.nats.monitoringEndpoint=nats-headless.messaging.svc:8222",
        "--set",
        "autoscaling.nats.useHttps=true",
        "--set",
        "autoscaling.pollingInterval=10",
    )
    [scaled_object] = by_kind(docs, "ScaledObject").values()  # only the feature store's
    spec = scaled_object["spec"]
    assert (spec["minReplicaCount"], spec["maxReplicaCount"], spec["pollingInterval"]) == (3, 12, 10)
    for trigger in spec["triggers"]:
        assert trigger["metadata"]["natsServerMonitoringEndpoint"] == "nats-headless.messaging.svc:8222"
        assert trigger["metadata"]["useHttps"] == "true" and trigger["metadata"]["lagThreshold"] == "250"
    assert "replicas" in by_kind(docs, "Deployment")[f"{RELEASE}-notification"]["spec"]
    # A disabled service takes its ScaledObject along.
    off = render(helm, "--set", "featureStore.autoscaling.enabled=true", "--set", "featureStore.enabled=false")
    assert by_kind(off, "ScaledObject") == {}


@pytest.mark.parametrize(
    "setting, offending",
    [
        ("scoring.autoscaling.enabled=true", "autoscaling"),  # no durable consumer to scale on
        ("ingestion.autoscaling.enabled=true", "autoscaling"),
        ("featureStore.autoscaling.minReplicas=0", "minReplicas"),
        ("featureStore.autoscaling.lagThresold=10", "lagThresold"),
        ("autoscaling.nats.monitoringEndpoint=http://nats:8222", "monitoringEndpoint"),
    ],
)
def test_wrong_autoscaling_values_are_refused(helm, setting, offending):
    result = helm("template", RELEASE, str(CHART), *set_files(), "--set", setting, check=False)
    assert result.returncode != 0 and "schema" in result.stderr and offending in result.stderr, result.stderr


def test_a_maximum_below_the_minimum_is_refused_with_its_values(helm):
    key = camel("notification")
    result = helm(
        "template",
        RELEASE,
        str(CHART),
        *set_files(),
        "--set",
        f"{key}.autoscaling.enabled=true",
        "--set",
        f"{key}.autoscaling.minReplicas=4",
        "--set",
        f"{key}.autoscaling.maxReplicas=2",
        check=False,
    )
    assert result.returncode != 0 and "notification.autoscaling: maxReplicas (2) is below minReplicas (4)" in result.stderr


def test_the_notes_say_which_services_keda_scales(helm):
    out = helm(
        "install",
        RELEASE,
        str(CHART),
        "--dry-run=client",
        "--namespace",
        NAMESPACE,
        *set_files(),
        "--set",
        "pseudonymisation.autoscaling.enabled=true",
    ).stdout
    notes = out.split("NOTES:", 1)[1]
    assert f"{RELEASE}-pseudonymisation  (2-6 replicas scaled by KEDA on its backlog" in notes
    assert f"{RELEASE}-ingestion  (2 replicas" in notes
