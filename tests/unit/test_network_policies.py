"""The chart's NetworkPolicies allow exactly the flows the architecture needs, and nothing else.

The chart is rendered with helm (no cluster), and a small evaluator of the NetworkPolicy semantics
(networking.k8s.io/v1: isolation by policy type, peers, ports; policies add up) answers "may this
pod reach that one on this port" for a world of pods: the release's services, hook Jobs and helm test Pod, their
dependencies (NATS, PostgreSQL, the OTLP collector, kube-dns), operators, strangers in and out of
the namespace, partners and the rest of the internet, Prometheus and its neighbours, and KEDA's
operator. Every answer of the matrix is asserted.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field

import pytest
from chart_support import (
    DATABASE_SERVICES,
    GRPC_SERVICES,
    MONITORING_VALUES,
    RELEASE,
    SERVICES,
    WEB_SERVICES,
    by_kind,
    pod_spec,
    render,
)

from civicpulse.runtime.catalogue import METRICS_PORT

NAMESPACE = "civicpulse"

# --- the evaluator -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pod:
    labels: dict[str, str]
    namespace: str = NAMESPACE
    named_ports: dict[str, int] = field(default_factory=dict)

    def __hash__(self) -> int:
        return hash((tuple(sorted(self.labels.items())), self.namespace))


@dataclass(frozen=True)
class External:
    ip: str


Endpoint = Pod | External


def namespace_labels(namespace: str) -> dict[str, str]:
    return {"kubernetes.io/metadata.name": namespace}


def selects(selector: dict | None, labels: dict[str, str]) -> bool:
    """A LabelSelector; {} selects everything."""
    selector = selector or {}
    if any(labels.get(k) != v for k, v in (selector.get("matchLabels") or {}).items()):
        return False
    for expression in selector.get("matchExpressions") or []:
        key, operator, values = expression["key"], expression["operator"], expression.get("values", [])
        ok = {
            "In": key in labels and labels[key] in values,
            "NotIn": key not in labels or labels[key] not in values,
            "Exists": key in labels,
            "DoesNotExist": key not in labels,
        }[operator]
        if not ok:
            return False
    return True


def policy_types(policy: dict) -> set[str]:
    spec = policy["spec"]
    return set(spec.get("policyTypes") or (["Ingress"] + (["Egress"] if "egress" in spec else [])))


def applies_to(policy: dict, pod: Pod) -> bool:
    return policy["metadata"]["namespace"] == pod.namespace and selects(policy["spec"]["podSelector"], pod.labels)


def peer_matches(peer: dict, policy_namespace: str, endpoint: Endpoint) -> bool:
    if "ipBlock" in peer:
        if not isinstance(endpoint, External):
            return False  # pods are matched by selectors here (ipBlock on pod IPs is implementation-defined)
        ip = ipaddress.ip_address(endpoint.ip)
        block = peer["ipBlock"]
        inside = ip.version == ipaddress.ip_network(block["cidr"]).version and ip in ipaddress.ip_network(block["cidr"])
        excepted = any(
            ip.version == ipaddress.ip_network(e).version and ip in ipaddress.ip_network(e) for e in block.get("except", [])
        )
        return inside and not excepted
    if not isinstance(endpoint, Pod):
        return False
    if "namespaceSelector" in peer:
        namespace_ok = selects(peer["namespaceSelector"], namespace_labels(endpoint.namespace))
    else:
        namespace_ok = endpoint.namespace == policy_namespace
    return namespace_ok and selects(peer.get("podSelector"), endpoint.labels)


def port_matches(ports: list[dict] | None, port: int, protocol: str, destination: Endpoint) -> bool:
    if not ports:
        return True  # no ports: every port
    for entry in ports:
        if entry.get("protocol", "TCP") != protocol:
            continue
        if "port" not in entry:
            return True
        value = entry["port"]
        if isinstance(value, str):  # a named port of the destination pod
            if isinstance(destination, Pod) and destination.named_ports.get(value) == port:
                return True
            continue
        if value <= port <= entry.get("endPort", value):
            return True
    return False


def rule_admits(
    rule: dict, direction: str, policy_namespace: str, peer: Endpoint, port: int, protocol: str, destination: Endpoint
):
    peers = rule.get(direction)
    peer_ok = not peers or any(peer_matches(p, policy_namespace, peer) for p in peers)  # none: every peer
    return peer_ok and port_matches(rule.get("ports"), port, protocol, destination)


def may_leave(policies: list[dict], source: Endpoint, destination: Endpoint, port: int, protocol: str) -> bool:
    if not isinstance(source, Pod):
        return True
    isolating = [p for p in policies if applies_to(p, source) and "Egress" in policy_types(p)]
    if not isolating:
        return True
    return any(
        rule_admits(rule, "to", p["metadata"]["namespace"], destination, port, protocol, destination)
        for p in isolating
        for rule in p["spec"].get("egress") or []
    )


def may_enter(policies: list[dict], source: Endpoint, destination: Endpoint, port: int, protocol: str) -> bool:
    if not isinstance(destination, Pod):
        return True
    isolating = [p for p in policies if applies_to(p, destination) and "Ingress" in policy_types(p)]
    if not isolating:
        return True
    return any(
        rule_admits(rule, "from", p["metadata"]["namespace"], source, port, protocol, destination)
        for p in isolating
        for rule in p["spec"].get("ingress") or []
    )


def may_connect(policies: list[dict], source: Endpoint, destination: Endpoint, port: int, protocol: str = "TCP") -> bool:
    """Whether a connection from source to destination:port is allowed at both ends."""
    return may_leave(policies, source, destination, port, protocol) and may_enter(policies, source, destination, port, protocol)


# --- the evaluator on hand-written policies ------------------------------------------------------


def policy(spec: dict, namespace: str = NAMESPACE) -> dict:
    return {"kind": "NetworkPolicy", "metadata": {"name": "p", "namespace": namespace}, "spec": spec}


def test_the_evaluator_follows_the_networkpolicy_semantics():
    web, db, other = Pod({"app": "web"}, named_ports={"http": 8080}), Pod({"app": "db"}), Pod({"app": "x"}, namespace="elsewhere")
    internet = External("198.51.100.1")
    assert may_connect([], web, db, 5432)  # nothing selects a pod: not isolated
    deny_egress = policy({"podSelector": {"matchLabels": {"app": "web"}}, "policyTypes": ["Egress"]})
    assert not may_connect([deny_egress], web, db, 5432) and may_connect([deny_egress], db, web, 8080)
    # Rules add up across policies; an omitted `to` means every destination.
    anywhere_443 = policy({"podSelector": {}, "policyTypes": ["Egress"], "egress": [{"ports": [{"port": 443}]}]})
    assert may_connect([deny_egress, anywhere_443], web, internet, 443) and not may_connect(
        [deny_egress, anywhere_443], web, db, 80
    )
    # policyTypes defaults to Ingress; a podSelector peer means the policy's namespace only.
    from_web = policy(
        {"podSelector": {"matchLabels": {"app": "db"}}, "ingress": [{"from": [{"podSelector": {"matchLabels": {"app": "web"}}}]}]}
    )
    assert policy_types(from_web) == {"Ingress"}
    assert may_connect([from_web], web, db, 5432) and not may_connect(
        [from_web], Pod({"app": "web"}, namespace="elsewhere"), db, 5432
    )
    everything_elsewhere = {
        "namespaceSelector": {
            "matchExpressions": [{"key": "kubernetes.io/metadata.name", "operator": "NotIn", "values": [NAMESPACE]}]
        }
    }
    from_elsewhere = policy({"podSelector": {}, "ingress": [{"from": [everything_elsewhere]}]})
    assert may_connect([from_elsewhere], other, db, 1) and not may_connect([from_elsewhere], web, db, 1)
    # Named ports resolve on the destination; protocols must agree; ipBlock with except.
    named = policy({"podSelector": {}, "ingress": [{"ports": [{"port": "http"}]}]})
    assert may_connect([named], db, web, 8080) and not may_connect([named], db, web, 8081)
    assert not may_connect([named], db, web, 8080, "UDP")
    block = policy(
        {
            "podSelector": {},
            "policyTypes": ["Egress"],
            "egress": [{"to": [{"ipBlock": {"cidr": "10.0.0.0/8", "except": ["10.1.0.0/16"]}}]}],
        }
    )
    assert may_connect([block], web, External("10.2.3.4"), 1) and not may_connect([block], web, External("10.1.3.4"), 1)
    assert not may_connect([block], web, External("2001:db8::1"), 1)


# --- the world ------------------------------------------------------------------------------------

NATS = Pod({"app.kubernetes.io/name": "nats"})
POSTGRES = Pod({"app.kubernetes.io/name": "postgresql"})
COLLECTOR = Pod({"app.kubernetes.io/name": "opentelemetry-collector"})
KUBE_DNS = Pod({"k8s-app": "kube-dns"}, namespace="kube-system")
OTHER_KUBE_SYSTEM = Pod({"k8s-app": "metrics-server"}, namespace="kube-system")
OPERATOR = Pod({"civicpulse.io/role": "operator"})
SCHEDULER = Pod({"civicpulse.io/role": "scheduler"})
APPLICATION = Pod({"civicpulse.io/role": "application"})
OPERATOR_ELSEWHERE = Pod({"civicpulse.io/role": "operator"}, namespace="other-team")
STRANGER = Pod({"app": "something-else"})
STRANGER_ELSEWHERE = Pod({"app": "something-else"}, namespace="other-team")
PARTNER = External("203.0.113.10")
INTERNET = External("93.184.216.34")
CLIENTS = {
    "operator": OPERATOR,
    "scheduler": SCHEDULER,
    "application": APPLICATION,
    "operator-elsewhere": OPERATOR_ELSEWHERE,
    "stranger": STRANGER,
    "stranger-elsewhere": STRANGER_ELSEWHERE,
    "partner": PARTNER,
}
# Who might try the metrics port: Prometheus where the defaults expect it, and pods that are not it.
PROMETHEUS = Pod({"app.kubernetes.io/name": "prometheus"}, namespace="monitoring")
SCRAPERS = {
    "prometheus": PROMETHEUS,
    "grafana-beside-prometheus": Pod({"app.kubernetes.io/name": "grafana"}, namespace="monitoring"),
    "prometheus-elsewhere": Pod({"app.kubernetes.io/name": "prometheus"}, namespace="other-team"),
    "prometheus-in-the-namespace": Pod({"app.kubernetes.io/name": "prometheus"}),
}
# KEDA's operator asks NATS's monitoring endpoint (port 8222) for each durable's pending count.
KEDA = Pod({"app.kubernetes.io/name": "keda-operator"}, namespace="keda")
HOOKS = ["provision-streams", *(f"migrate-{s}" for s in sorted(DATABASE_SERVICES))]
TEST = "test-health"  # the helm test Pod


def release_pods(docs: list[dict]) -> dict[str, Pod]:
    """Every pod the release runs, services, hook Jobs and the test Pod, by name (its workload's, without the release)."""
    pods = {}
    for kind in ("Deployment", "Job", "Pod"):
        for name, workload in by_kind(docs, kind).items():
            metadata = workload["spec"]["template"]["metadata"] if kind != "Pod" else workload["metadata"]
            ports = {p["name"]: p["containerPort"] for c in pod_spec(workload)["containers"] for p in c.get("ports", [])}
            pods[name.removeprefix(f"{RELEASE}-")] = Pod(metadata["labels"], NAMESPACE, ports)
    return pods


def policies_of(docs: list[dict]) -> list[dict]:
    return list(by_kind(docs, "NetworkPolicy").values())


def destinations(pods: dict[str, Pod], mtls: bool = True) -> dict[str, tuple[Endpoint, int, str]]:
    """What a pod might try to reach: named destination -> (endpoint, port, protocol)."""
    found = {
        "dns": (KUBE_DNS, 53, "UDP"),
        "dns-tcp": (KUBE_DNS, 53, "TCP"),
        "nats": (NATS, 4222, "TCP"),
        "postgresql": (POSTGRES, 5432, "TCP"),
        "otlp": (COLLECTOR, 4317, "TCP"),
        "nats-other-port": (NATS, 8222, "TCP"),
        "other-kube-system": (OTHER_KUBE_SYSTEM, 53, "UDP"),
        "stranger": (STRANGER, 8080, "TCP"),
        "internet": (INTERNET, 443, "TCP"),
        "partner": (PARTNER, 443, "TCP"),
    }
    for service in SERVICES:
        if service in pods:
            found[service] = (pods[service], port_of(service), "TCP")
            if mtls and service not in WEB_SERVICES:
                found[f"{service}-mtls"] = (pods[service], 50052, "TCP")
    return found


def port_of(service: str) -> int:
    """Where a service is reached: its gRPC TLS port, or a web service's HTTPS port."""
    return 8443 if service in WEB_SERVICES else 50051


def reachable(docs: list[dict], source: Endpoint, mtls: bool = True) -> set[str]:
    pods, policies = release_pods(docs), policies_of(docs)
    return {
        name
        for name, (endpoint, port, protocol) in destinations(pods, mtls).items()
        if may_connect(policies, source, endpoint, port, protocol)
    }


def callers(docs: list[dict], service: str, port: int) -> set[str]:
    """Who may open a connection to a service's port: clients outside the release and the release's own pods."""
    pods, policies = release_pods(docs), policies_of(docs)
    everyone = {**CLIENTS, **{name: pod for name, pod in pods.items() if name != service}}
    return {name for name, endpoint in everyone.items() if may_connect(policies, endpoint, pods[service], port)}


DNS = {"dns", "dns-tcp"}
# What each pod of the release may reach: DNS, NATS, PostgreSQL, the feature store; nothing else.
EXPECTED_EGRESS = {
    "ingestion": DNS | {"nats"},
    "pseudonymisation": DNS | {"nats"},
    "feature-store": DNS | {"nats", "postgresql"},
    "scoring": DNS | {"nats", "postgresql", "feature-store", "feature-store-mtls"},
    "notification": DNS | {"nats", "postgresql"},
    "console": DNS | {"scoring"},  # scoring's TLS port, with each person's token; no NATS
    "provision-streams": DNS | {"nats"},
    "migrate-feature-store": DNS | {"postgresql"},
    "migrate-scoring": DNS | {"postgresql"},
    "migrate-notification": DNS | {"postgresql"},
    TEST: DNS | set(SERVICES),  # each service's TLS (or HTTPS) port, where its health is asked
}
PUBLIC = {"operator", "scheduler", "application", "operator-elsewhere", "stranger", "stranger-elsewhere", "partner"}
# Who may reach each service's gRPC ports (TLS and mutual TLS alike; and the test Pod the TLS port).
EXPECTED_CALLERS = {
    "ingestion": PUBLIC,  # partners
    "notification": PUBLIC,  # applications
    "scoring": {"operator", "scheduler", "application", "console"},  # labelled pods of the namespace, and the console
    "console": PUBLIC,  # people's browsers, through the ingress controller
    "feature-store": {"scoring"},
    "pseudonymisation": set(),
}
# Callers that reach a service's TLS port only: the console calls with each person's token, never a certificate.
TLS_ONLY = {"console"}


@pytest.fixture(scope="module")
def default_docs(helm) -> list[dict]:
    return render(helm, "--namespace", NAMESPACE)


@pytest.fixture(scope="module")
def traced_docs(helm) -> list[dict]:
    return render(helm, "--namespace", NAMESPACE, "--set", "otlpEndpoint=http://otel-collector:4317")


# --- the chart's policies -------------------------------------------------------------------------


def test_every_pod_of_the_release_is_isolated_both_ways(default_docs):
    pods, policies = release_pods(default_docs), policies_of(default_docs)
    assert set(pods) == set(SERVICES) | set(HOOKS) | {TEST}
    [deny] = [p for p in policies if p["metadata"]["name"] == f"{RELEASE}-default-deny"]
    assert policy_types(deny) == {"Ingress", "Egress"} and not deny["spec"].get("ingress") and not deny["spec"].get("egress")
    for name, pod in pods.items():
        assert applies_to(deny, pod), name
        own = [p for p in policies if applies_to(p, pod) and p is not deny]
        assert len(own) == 1 and policy_types(own[0]) == {"Ingress", "Egress"}, name


def test_no_egress_to_anywhere(default_docs, traced_docs):
    for docs in (default_docs, traced_docs):
        for policy_ in policies_of(docs):
            for rule in policy_["spec"].get("egress") or []:
                assert rule.get("to"), f"{policy_['metadata']['name']}: an egress rule to every destination"
                assert rule.get("ports"), f"{policy_['metadata']['name']}: an egress rule to every port"
                for peer in rule["to"]:
                    assert peer.get("podSelector") or peer.get("ipBlock"), f"{policy_['metadata']['name']}: a whole namespace"
                    if "ipBlock" in peer:
                        assert ipaddress.ip_network(peer["ipBlock"]["cidr"]).prefixlen > 0


@pytest.mark.parametrize("source", sorted(EXPECTED_EGRESS))
def test_each_pod_reaches_exactly_what_it_needs(default_docs, source):
    pods = release_pods(default_docs)
    assert reachable(default_docs, pods[source]) == EXPECTED_EGRESS[source]


@pytest.mark.parametrize("source", sorted(EXPECTED_EGRESS))
def test_traces_go_to_the_collector_only_when_exported(traced_docs, source):
    pods = release_pods(traced_docs)
    expected = EXPECTED_EGRESS[source] | ({"otlp"} if source in SERVICES else set())
    assert reachable(traced_docs, pods[source]) == expected


@pytest.mark.parametrize("service", SERVICES)
def test_each_service_is_reached_only_by_its_callers(default_docs, service):
    if service in WEB_SERVICES:  # on its HTTPS port only
        assert callers(default_docs, service, 8443) == EXPECTED_CALLERS[service] | {TEST}
        assert callers(default_docs, service, 50051) == set() == callers(default_docs, service, 50052)
    else:
        assert callers(default_docs, service, 50051) == EXPECTED_CALLERS[service] | {TEST}
        assert callers(default_docs, service, 50052) == EXPECTED_CALLERS[service] - TLS_ONLY
        assert callers(default_docs, service, 8443) == set()
    # And on no other port, by anyone; the metrics port by none of them either.
    assert callers(default_docs, service, 8080) == set()
    assert callers(default_docs, service, METRICS_PORT) == set()


def test_only_scoring_and_the_migrations_and_the_database_services_reach_postgresql(default_docs):
    pods = release_pods(default_docs)
    policies = policies_of(default_docs)
    allowed = {name for name, pod in pods.items() if may_connect(policies, pod, POSTGRES, 5432)}
    assert allowed == {"feature-store", "scoring", "notification", *(h for h in HOOKS if h.startswith("migrate-"))}
    # Nothing outside the release is let in by it, either: strangers reach no pod of the release.
    for name, pod in pods.items():
        for port in (50051, 50052, 5432, 4222):
            assert not may_connect(policies, STRANGER_ELSEWHERE, pod, port) or name in {"ingestion", "notification"}


def test_dependencies_and_clients_are_configurable(helm):
    docs = render(
        helm,
        "--namespace",
        NAMESPACE,
        # A managed database outside the cluster, NATS in its own namespace, partners from one network.
        "--set",
        "networkPolicy.database.peers[0].ipBlock.cidr=10.20.0.0/16",
        "--set",
        "networkPolicy.database.port=6432",
        "--set",
        "networkPolicy.nats.peers[0].namespaceSelector.matchLabels.kubernetes\\.io/metadata\\.name=messaging",
        "--set",
        "networkPolicy.nats.peers[0].podSelector.matchLabels.app\\.kubernetes\\.io/name=nats",
        "--set",
        "ingestion.allowedClients[0].ipBlock.cidr=198.51.100.0/24",
        "--set-json",
        'scoring.allowedClients=[{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "other-team"}}}]',
    )
    pods, policies = release_pods(docs), policies_of(docs)
    managed = External("10.20.1.5")
    for name, pod in pods.items():
        expected = name in {"feature-store", "scoring", "notification"} or name.startswith("migrate-")
        assert may_connect(policies, pod, managed, 6432) == expected, name
        assert not may_connect(policies, pod, managed, 5432) and not may_connect(policies, pod, POSTGRES, 5432), name
        nats_elsewhere = Pod(NATS.labels, namespace="messaging")
        assert may_connect(policies, pod, nats_elsewhere, 4222) == (name in GRPC_SERVICES or name == "provision-streams"), name
        assert not may_connect(policies, pod, NATS, 4222), name
    assert may_connect(policies, External("198.51.100.7"), pods["ingestion"], 50051)
    # PARTNER (203.0.113.10) and every pod are outside 198.51.100.0/24: only the test Pod asks its health.
    assert callers(docs, "ingestion", 50051) == {TEST} and callers(docs, "ingestion", 50052) == set()
    assert callers(docs, "scoring", 50052) == {"operator-elsewhere", "stranger-elsewhere"}
    assert callers(docs, "notification", 50052) == PUBLIC


def test_allowed_clients_may_be_an_explicit_empty_list(helm):
    docs = render(
        helm, "--namespace", NAMESPACE, "--set-json", "ingestion.allowedClients=[]", "--set-json", "scoring.allowedClients=[]"
    )
    # The services that call one are let in whatever its allowedClients say.
    assert callers(docs, "ingestion", 50052) == set() == callers(docs, "scoring", 50052)
    assert callers(docs, "ingestion", 50051) == {TEST} and callers(docs, "scoring", 50051) == {TEST, "console"}
    assert callers(docs, "notification", 50051) == PUBLIC | {TEST}


def test_without_tls_there_is_no_mutual_tls_port_to_allow(helm):
    docs = render(
        helm,
        "--namespace",
        NAMESPACE,
        "--set",
        "tls.enabled=false",
        "--set",
        "scoring.featureStoreTokenSecret.name=scoring-token",
    )
    pods, policies = release_pods(docs), policies_of(docs)
    assert reachable(docs, pods["scoring"], mtls=False) == DNS | {"nats", "postgresql", "feature-store"}
    assert not may_connect(policies, pods["scoring"], pods["feature-store"], 50052)
    assert callers(docs, "feature-store", 50051) == {"scoring", TEST}


def test_hook_policies_exist_before_their_jobs(default_docs):
    jobs = {**by_kind(default_docs, "Job"), **by_kind(default_docs, "Pod")}
    assert f"{RELEASE}-{TEST}" in jobs
    for name, job in jobs.items():
        policy_ = by_kind(default_docs, "NetworkPolicy")[name]
        annotations = policy_["metadata"]["annotations"]
        assert annotations["helm.sh/hook"] == job["metadata"]["annotations"]["helm.sh/hook"]
        assert int(annotations["helm.sh/hook-weight"]) < int(job["metadata"]["annotations"]["helm.sh/hook-weight"])
        assert annotations["helm.sh/hook-delete-policy"] == job["metadata"]["annotations"]["helm.sh/hook-delete-policy"]
        assert "before-hook-creation" in annotations["helm.sh/hook-delete-policy"]


def test_policies_can_be_left_out(helm):
    docs = render(helm, "--namespace", NAMESPACE, "--set", "networkPolicy.enabled=false")
    assert by_kind(docs, "NetworkPolicy") == {}
    assert reachable(docs, release_pods(docs)["ingestion"]) == set(destinations(release_pods(docs)))


def test_a_disabled_service_takes_its_policy_along(helm):
    docs = render(helm, "--namespace", NAMESPACE, "--set", "scoring.enabled=false")
    assert f"{RELEASE}-scoring" not in by_kind(docs, "NetworkPolicy")
    assert callers(docs, "feature-store", 50052) == set()  # no scoring pod left to call it
    assert reachable(docs, release_pods(docs)[TEST]) == DNS | (set(SERVICES) - {"scoring"})


def test_without_the_helm_test_no_pod_is_let_in_for_it(helm):
    docs = render(helm, "--namespace", NAMESPACE, "--set", "helmTest.enabled=false")
    assert TEST not in release_pods(docs) and f"{RELEASE}-{TEST}" not in by_kind(docs, "NetworkPolicy")
    for service in SERVICES:
        for port in (port_of(service),) if service in WEB_SERVICES else (50051, 50052):
            expected = EXPECTED_CALLERS[service] - (TLS_ONLY if port == 50052 else set())
            assert callers(docs, service, port) == expected, (service, port)
    labels = {"app.kubernetes.io/name": TEST, "app.kubernetes.io/instance": RELEASE, "app.kubernetes.io/part-of": "civicpulse"}
    assert not any(may_connect(policies_of(docs), Pod(labels), pod, 50051) for pod in release_pods(docs).values())


# --- metrics and autoscaling ----------------------------------------------------------------------


def scrapers(docs: list[dict], service: str, port: int = METRICS_PORT) -> set[str]:
    """Which of the would-be scrapers may open a connection to a service's port."""
    pods, policies = release_pods(docs), policies_of(docs)
    return {name for name, pod in SCRAPERS.items() if may_connect(policies, pod, pods[service], port)}


@pytest.mark.parametrize("service", SERVICES)
def test_only_prometheus_in_the_monitoring_namespace_reaches_the_metrics_port(default_docs, service):
    assert scrapers(default_docs, service) == {"prometheus"}
    assert release_pods(default_docs)[service].named_ports["metrics"] == METRICS_PORT
    # The rule lets Prometheus in on that port only: elsewhere it is a stranger like any other.
    public = set(EXPECTED_CALLERS[service]) >= PUBLIC
    for port in (50051, 50052, 8443, 8080):
        expected = public and (port == port_of(service) or (port == 50052 and service not in WEB_SERVICES))
        assert ("prometheus" in scrapers(default_docs, service, port)) == expected, (service, port)


def test_the_scrapers_are_configurable(helm):
    docs = render(
        helm,
        "--namespace",
        NAMESPACE,
        "--set-json",
        'networkPolicy.monitoring.peers=[{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "other-team"}}}]',
    )
    for service in SERVICES:
        assert scrapers(docs, service) == {"prometheus-elsewhere"}, service


def test_autoscaling_and_monitoring_change_no_flow(helm, default_docs):
    """KEDA scales through the Kubernetes API and reads NATS's monitoring port, not the release's pods;
    the monitoring objects are no pods: turned on, they leave every policy as it was."""
    docs = render(helm, "--namespace", NAMESPACE, *MONITORING_VALUES)
    assert by_kind(docs, "ScaledObject") and by_kind(docs, "PodMonitor")
    assert policies_of(docs) == policies_of(default_docs)
    assert release_pods(docs) == release_pods(default_docs)
    policies, pods = policies_of(docs), release_pods(docs)
    # NATS's monitoring endpoint is NATS's own to open to KEDA (the chart's README says so): the
    # release's policies select neither NATS's pods nor KEDA's, so they never stand in the way ...
    assert may_connect(policies, KEDA, NATS, 8222)
    # ... while no pod of the release reaches it, and KEDA reaches only what is open to anyone.
    assert not any(may_connect(policies, pod, NATS, 8222) for pod in pods.values())
    for name, pod in pods.items():
        for port in (50051, 50052, 8443, METRICS_PORT):
            open_to_anyone = may_connect(policies, STRANGER_ELSEWHERE, pod, port)
            assert may_connect(policies, KEDA, pod, port) == open_to_anyone, (name, port)
