"""Metrics, dashboards and alerts in the chart: each service exposes /metrics and a PodMonitor scrapes it
over TLS; the Grafana dashboard and the PrometheusRule query only the families civicpulse.runtime.metrics
declares (every expression parsed with promql_parser), every family has a panel, and every alert links to
its section of docs/operations.md.

kubernetes-validate has no schema for the Prometheus Operator's kinds (test_chart_validation.py checks
every other object of the same rendering with it): their structure is checked here, field by field, as
the operator's CustomResourceDefinitions (monitoring.coreos.com/v1) declare it.
"""

from __future__ import annotations

import json
import re

import pytest
from chart_support import (
    CHART,
    DASHBOARD,
    DURATION,
    METADATA,
    MONITORING_VALUES,
    NAME,
    OPERATIONS,
    RELEASE,
    RUNBOOK_URL,
    SERVICES,
    WEB_SERVICES,
    alert_rules,
    by_kind,
    check_shape,
    container,
    dashboard_queries,
    exposition_names,
    monitoring_metric_names,
    pod_spec,
    query_metric_names,
    render,
    set_files,
)

from civicpulse.runtime import metrics
from civicpulse.runtime.catalogue import METRICS_PORT

NAMESPACE = "city"
# Labels a series carries besides its family's own: the scrape's, and a histogram's buckets.
SCRAPE_LABELS = {"namespace", "pod", "service", "container", "instance", "job", "le"}
# Each alert the issue asks for, and the families its expression must read.
EXPECTED_ALERTS = {
    "CivicpulseConsumerBacklogGrowing": {"civicpulse_consumer_pending_messages"},
    "CivicpulseDeadLetter": {"civicpulse_dead_letters_total"},
    "CivicpulseErrorRate": {"civicpulse_requests_total"},
    "CivicpulsePartnerSilent": {
        "civicpulse_partner_last_event_received_timestamp_seconds",
        "civicpulse_partner_expected_interval_seconds",
    },
    "CivicpulseNoScore": {"civicpulse_scores_last_run_timestamp_seconds", "civicpulse_score_period_seconds"},
    "CivicpulseModelStale": {"civicpulse_model_trained_timestamp_seconds", "civicpulse_model_retrain_period_seconds"},
    "CivicpulseGateFailed": {"civicpulse_model_decisions_total"},
    "CivicpulseNotificationUnacknowledged": {"civicpulse_notifications_overdue"},
    "CivicpulseConsumerUnhealthy": {"civicpulse_consumer_healthy"},
}


@pytest.fixture(scope="module")
def monitored(helm) -> list[dict]:
    return render(helm, "--namespace", NAMESPACE, *MONITORING_VALUES)


@pytest.fixture(scope="module")
def dashboard() -> dict:
    return json.loads(DASHBOARD.read_text())


# --- the custom resources' structure ----------------------------------------------------------


# monitoring.coreos.com/v1 PodMonitor: the fields the chart sets (the CRD's names and types).
PODMONITOR = {
    "apiVersion": {"monitoring.coreos.com/v1"},
    "kind": {"PodMonitor"},
    "metadata": METADATA,
    "spec": {
        "selector": {"matchLabels": dict},
        "namespaceSelector": {"matchNames": [str]},
        "podMetricsEndpoints": [
            {
                "port": NAME,
                "path": r"/.*",
                "interval": DURATION,
                "scheme": {"http", "https"},
                "?tlsConfig": {"ca": {"secret": {"name": NAME, "key": r"[-._a-zA-Z0-9]+"}}, "serverName": NAME},
                "relabelings": [{"sourceLabels": [str], "targetLabel": r"[a-zA-Z_][a-zA-Z0-9_]*"}],
            }
        ],
    },
}
# monitoring.coreos.com/v1 PrometheusRule.
PROMETHEUSRULE = {
    "apiVersion": {"monitoring.coreos.com/v1"},
    "kind": {"PrometheusRule"},
    "metadata": METADATA,
    "spec": {
        "groups": [
            {
                "name": str,
                "rules": [
                    {
                        "alert": r"[A-Z][A-Za-z0-9]*",
                        "expr": str,
                        "for": DURATION,
                        "labels": {"severity": {"warning", "critical"}},
                        "annotations": {"summary": str, "description": str, "runbook_url": r"https?://\S+#[a-z0-9-]+"},
                    }
                ],
            }
        ]
    },
}


def test_the_structural_checker_refuses_what_it_should():
    assert check_shape({"a": 1}, {"a": int}, "x") == []
    assert check_shape({"a": 1, "b": 2}, {"a": int}, "x") == ["x.b: not a field of this object"]
    assert check_shape({}, {"a": int, "?b": str}, "x") == ["x.a: required"]
    assert check_shape({"a": [1, "2"]}, {"a": [int]}, "x") == ["x.a[1]: '2' is not a int"]
    assert check_shape({"a": True}, {"a": int}, "x") and check_shape("HTTP", {"http"}, "x") and check_shape("1x", DURATION, "x")


# --- every service exposes its metrics --------------------------------------------------------------


def test_every_deployment_serves_metrics_on_the_catalogues_port(monitored):
    for service in SERVICES:
        main = container(by_kind(monitored, "Deployment")[f"{RELEASE}-{service}"])
        assert {"name": "metrics", "containerPort": METRICS_PORT, "protocol": "TCP"} in main["ports"], service
        prefix = f"CIVICPULSE_{service.upper().replace('-', '_')}_"
        assert {"name": f"{prefix}METRICS_PORT", "value": str(METRICS_PORT)} in main["env"], service


def test_a_podmonitor_scrapes_each_service_over_tls_verifying_its_certificate(monitored):
    monitors = by_kind(monitored, "PodMonitor")
    assert set(monitors) == {f"{RELEASE}-{service}" for service in SERVICES}
    deployments = by_kind(monitored, "Deployment")
    for service in SERVICES:
        monitor = monitors[f"{RELEASE}-{service}"]
        assert check_shape(monitor, PODMONITOR, monitor["metadata"]["name"]) == []
        deployment = deployments[f"{RELEASE}-{service}"]
        pod_labels = deployment["spec"]["template"]["metadata"]["labels"]
        selector = monitor["spec"]["selector"]["matchLabels"]
        assert selector.items() <= pod_labels.items(), service  # it selects the service's pods
        for other in set(SERVICES) - {service}:  # and no other service's
            other_labels = deployments[f"{RELEASE}-{other}"]["spec"]["template"]["metadata"]["labels"]
            assert not selector.items() <= other_labels.items(), (service, other)
        assert monitor["spec"]["namespaceSelector"] == {"matchNames": [NAMESPACE]}
        [endpoint] = monitor["spec"]["podMetricsEndpoints"]
        assert endpoint["port"] in {p["name"] for p in container(deployment)["ports"]} and endpoint["path"] == "/metrics"
        assert endpoint["scheme"] == "https"
        # The CA of the Secret the service itself mounts, and the name its certificate carries (its Service's).
        mounted = {v["secret"]["secretName"] for v in pod_spec(deployment)["volumes"] if "secret" in v}
        assert endpoint["tlsConfig"]["ca"]["secret"] == {"name": f"{RELEASE}-{service}-tls", "key": "ca.crt"}
        assert endpoint["tlsConfig"]["ca"]["secret"]["name"] in mounted
        assert endpoint["tlsConfig"]["serverName"] in by_kind(monitored, "Service")


def test_podmonitor_knobs_and_plaintext(helm):
    docs = render(
        helm,
        "--set",
        "monitoring.podMonitor.enabled=true",
        "--set",
        "monitoring.podMonitor.caSecret.name=cluster-ca",
        "--set",
        "monitoring.podMonitor.labels.release=kube-prometheus-stack",
        "--set",
        "monitoring.podMonitor.interval=15s",
    )
    for monitor in by_kind(docs, "PodMonitor").values():
        [endpoint] = monitor["spec"]["podMetricsEndpoints"]
        assert endpoint["tlsConfig"]["ca"]["secret"] == {"name": "cluster-ca", "key": "ca.crt"} and endpoint["interval"] == "15s"
        assert monitor["metadata"]["labels"]["release"] == "kube-prometheus-stack"
    plaintext = render(
        helm,
        "--set",
        "monitoring.podMonitor.enabled=true",
        "--set",
        "tls.enabled=false",
        "--set",
        "scoring.featureStoreTokenSecret.name=t",
    )
    for monitor in by_kind(plaintext, "PodMonitor").values():
        [endpoint] = monitor["spec"]["podMetricsEndpoints"]
        assert endpoint["scheme"] == "http" and "tlsConfig" not in endpoint
    disabled = render(helm, "--set", "monitoring.podMonitor.enabled=true", "--set", "scoring.enabled=false")
    assert (
        f"{RELEASE}-scoring" not in by_kind(disabled, "PodMonitor") and len(by_kind(disabled, "PodMonitor")) == len(SERVICES) - 1
    )


def test_monitoring_is_off_by_default(manifests):
    kinds = {doc["kind"] for doc in manifests}
    assert not kinds & {"PodMonitor", "PrometheusRule", "ScaledObject"}
    assert f"{RELEASE}-dashboards" not in by_kind(manifests, "ConfigMap")


# --- the alerts ------------------------------------------------------------------------------------


def operations_anchors() -> set[str]:
    """The anchors of docs/operations.md's headings, as a Markdown renderer makes them (tests/unit/test_docs.py's rule)."""
    text = re.sub(r"^```.*?^```", "", OPERATIONS.read_text(), flags=re.S | re.M)
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in re.findall(r"^#{1,6} (.+)$", text, re.M)}


def test_the_rule_is_well_formed_and_has_every_alert(monitored):
    [rule] = by_kind(monitored, "PrometheusRule").values()
    assert check_shape(rule, PROMETHEUSRULE, rule["metadata"]["name"]) == []
    names = [r["alert"] for r in alert_rules(monitored)]
    assert sorted(names) == sorted(EXPECTED_ALERTS) and len(set(names)) == len(names)


@pytest.mark.parametrize("alert", sorted(EXPECTED_ALERTS))
def test_each_alert_parses_reads_its_families_in_the_release_namespace_and_links_its_runbook(monitored, alert):
    import promql_parser

    [rule] = [r for r in alert_rules(monitored) if r["alert"] == alert]
    names = query_metric_names(rule["expr"])  # raises when it does not parse
    declared = exposition_names()
    assert names <= declared.keys(), f"{alert} reads what no service exports: {names - declared.keys()}"
    assert names == EXPECTED_ALERTS[alert]
    assert_labels_exist(rule["expr"], declared)
    # Every selector reads the release's namespace only (two installs, two sets of alerts).
    selectors = []
    promql_parser.walk(
        promql_parser.parse(rule["expr"]),
        lambda node: selectors.append(node) if isinstance(node, promql_parser.VectorSelector) else None,
    )
    for selector in selectors:
        matchers = {(m.name, str(m.op), m.value) for m in selector.matchers.matchers}
        assert ("namespace", "MatchOp.Equal", NAMESPACE) in matchers, (alert, selector)
    url, _, anchor = rule["annotations"]["runbook_url"].partition("#")
    assert url == RUNBOOK_URL and anchor == alert.lower()
    assert anchor in operations_anchors(), f"docs/operations.md has no section {alert} for the alert's runbook link"
    assert rule["labels"]["severity"] in {"warning", "critical"}


def test_each_runbook_section_names_panels_of_the_dashboard(dashboard):
    """What to check: each alert's section sends the reader to panels that exist."""
    titles = {panel["title"] for panel in dashboard["panels"]}
    text = OPERATIONS.read_text()
    for alert in EXPECTED_ALERTS:
        section = text.split(f"\n### {alert}\n", 1)[1].split("\n#", 1)[0]
        flat = section.replace("\n", " ")
        named = {title for title in titles if f'"{title}"' in flat}
        assert named, f"the runbook of {alert} names no panel of the dashboard"
        for part in ("**What it means.**", "**What to check.**", "**What to do.**"):
            assert part in section, (alert, part)


def test_alerts_need_the_runbook_address(helm):
    result = helm("template", RELEASE, str(CHART), *set_files(), "--set", "monitoring.alerts.enabled=true", check=False)
    assert result.returncode != 0 and "runbookUrl" in result.stderr, result.stderr
    result = helm(
        "template", RELEASE, str(CHART), *set_files(), "--set", "monitoring.alerts.runbookUrl=docs/operations.md", check=False
    )
    assert result.returncode != 0 and "schema" in result.stderr and "runbookUrl" in result.stderr, result.stderr


def test_alert_thresholds_come_from_the_values(helm):
    docs = render(
        helm,
        *MONITORING_VALUES,
        "--set-json",  # --set reads 0.2 as a string
        "monitoring.alerts.errorRatio=0.2",
        "--set",
        "monitoring.alerts.backlogMessages=7777",
        "--set",
        "monitoring.alerts.labels.role=alert-rules",
    )
    rules = {r["alert"]: r["expr"] for r in alert_rules(docs)}
    assert rules["CivicpulseErrorRate"].rstrip().endswith("> 0.2")
    assert rules["CivicpulseConsumerBacklogGrowing"].rstrip().endswith("> 7777")
    [rule] = by_kind(docs, "PrometheusRule").values()
    assert rule["metadata"]["labels"]["role"] == "alert-rules"


# --- the dashboard ---------------------------------------------------------------------------------


def label_names(family: str) -> set[str]:
    """The labels a family of civicpulse.runtime.metrics declares."""
    [collector] = [
        c
        for c in vars(metrics).values()
        if hasattr(c, "describe") and hasattr(c, "_labelnames") and any(f.name == family for f in c.describe())
    ]
    return set(collector._labelnames)


def assert_labels_exist(query: str, declared: dict[str, str]) -> None:
    """Every label the query matches or groups by is one of its families' or the scrape's."""
    import promql_parser

    families = {declared[name] for name in query_metric_names(query)}
    known = SCRAPE_LABELS.union(*(label_names(family) for family in families))
    used: set[str] = set()

    def visit(node) -> None:
        if isinstance(node, promql_parser.VectorSelector):
            used.update(m.name for m in node.matchers.matchers if m.name != "__name__")
        elif isinstance(node, promql_parser.AggregateExpr) and node.modifier:
            used.update(node.modifier.labels)
        elif isinstance(node, promql_parser.BinaryExpr) and node.modifier and node.modifier.matching:
            used.update(node.modifier.matching.labels)

    promql_parser.walk(promql_parser.parse(query), visit)
    assert used <= known, f"{query}: labels no family of it has: {used - known}"


def test_the_dashboard_is_in_a_configmap_for_grafanas_sidecar(monitored, helm):
    configmap = by_kind(monitored, "ConfigMap")[f"{RELEASE}-dashboards"]
    assert configmap["metadata"]["labels"]["grafana_dashboard"] == "1"
    assert json.loads(configmap["data"]["civicpulse.json"]) == json.loads(DASHBOARD.read_text())
    docs = render(
        helm,
        "--set",
        "monitoring.dashboards.enabled=true",
        "--set",
        "monitoring.dashboards.labels.grafana_dashboard=null",
        "--set",
        "monitoring.dashboards.labels.dashboards=city",
        "--set",
        "monitoring.dashboards.annotations.grafana_folder=civicpulse",
    )
    configmap = by_kind(docs, "ConfigMap")[f"{RELEASE}-dashboards"]
    assert configmap["metadata"]["labels"]["dashboards"] == "city" and "grafana_dashboard" not in configmap["metadata"]["labels"]
    assert configmap["metadata"]["annotations"] == {"grafana_folder": "civicpulse"}


def test_every_dashboard_query_parses_and_names_only_exported_families(dashboard):
    declared = exposition_names()
    queries = dashboard_queries(dashboard)
    assert len(queries) > 20
    for query in queries:
        names = query_metric_names(query)
        assert names and names <= declared.keys(), f"{query} reads what no service exports: {names - declared.keys()}"
        assert_labels_exist(query, declared)


def test_every_family_has_a_panel(dashboard):
    declared = exposition_names()
    shown = {declared.get(name) for query in dashboard_queries(dashboard) for name in query_metric_names(query)}
    assert set(declared.values()) - shown == set(), "families of civicpulse.runtime.metrics no panel shows"


def test_every_panel_reads_the_chosen_data_source_and_namespace(dashboard):
    variables = {v["name"]: v for v in dashboard["templating"]["list"]}
    assert variables["datasource"]["type"] == "datasource" and variables["datasource"]["query"] == "prometheus"
    ids = [panel["id"] for panel in dashboard["panels"]]
    assert len(set(ids)) == len(ids)
    for panel in dashboard["panels"]:
        if panel["type"] == "row":
            continue
        assert panel["datasource"]["uid"] == "${datasource}" and panel["targets"], panel["title"]
        for target in panel["targets"]:
            assert 'namespace="$namespace"' in target["expr"], (panel["title"], target["expr"])
        position = panel["gridPos"]
        assert position["x"] + position["w"] <= 24


def test_monitoring_metric_names_are_what_the_dashboard_and_alerts_read(monitored, dashboard):
    names = monitoring_metric_names()
    queries = dashboard_queries(dashboard) + [rule["expr"] for rule in alert_rules(monitored)]
    assert names == set().union(*(query_metric_names(q) for q in queries))
    assert names <= exposition_names().keys()
    assert {"civicpulse_requests_total", "civicpulse_request_duration_seconds_bucket"} <= names
    assert not any(name.endswith("_created") for name in names)


def test_the_promql_names_map_to_the_families_exposition_suffixes():
    names = exposition_names()
    assert names["civicpulse_requests_total"] == "civicpulse_requests"  # a counter
    assert {names[f"civicpulse_request_duration_seconds{s}"] for s in ("_bucket", "_sum", "_count")} == {
        "civicpulse_request_duration_seconds"
    }
    assert names["civicpulse_consumer_pending_messages"] == "civicpulse_consumer_pending_messages"  # a gauge
    assert "civicpulse_requests" not in names and "civicpulse_request_duration_seconds" not in names
    with pytest.raises(ValueError):
        query_metric_names("sum(rate(civicpulse_requests_total[5m]")


def test_web_services_are_scraped_like_the_others(monitored):
    for service in WEB_SERVICES:
        assert f"{RELEASE}-{service}" in by_kind(monitored, "PodMonitor")


def test_the_values_schema_refuses_misspelt_monitoring_keys(helm):
    for setting in (
        "monitoring.podMonitor.enable=true",
        "monitoring.alerts.errorRatio=2",
        "monitoring.podMonitor.interval=soon",
        "networkPolicy.monitoring.peers=null",
    ):
        result = helm("template", RELEASE, str(CHART), *set_files(), "--set", setting, check=False)
        assert result.returncode != 0 and "schema" in result.stderr, (setting, result.stderr)
    result = helm("template", RELEASE, str(CHART), *set_files(), "--set-json", "networkPolicy.monitoring.peers=[]", check=False)
    assert result.returncode != 0 and "schema" in result.stderr, result.stderr
