"""The bus and the services are each declared once, and everything else follows from them."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from civicpulse.devstack.stack import LocalStack
from civicpulse.messaging import permissions, topology
from civicpulse.runtime import catalogue
from civicpulse.runtime.catalogue import MountedFile
from support import REPO_ROOT

TOPOLOGY = REPO_ROOT / "libs/civicpulse-messaging/src/civicpulse/messaging/topology.py"
ROOTS = tuple(stream.root for stream in topology.ALL_STREAMS)
SUBJECT = re.compile(rf"^({'|'.join(re.escape(r) for r in ROOTS)})(\.|$)")


def code_files() -> list[Path]:
    files = [p for tree in ("services", "libs") for p in (REPO_ROOT / tree).rglob("*.py")]
    return [p for p in files if "_pb2" not in p.name and ".venv" not in p.parts and p != TOPOLOGY]


def subject_literals(source: str) -> list[str]:
    """String constants, and the literal parts of f-strings, that start like a subject of a stream."""
    constants = (n.value for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Constant) and isinstance(n.value, str))
    return sorted(text for text in constants if SUBJECT.match(text))


def test_no_subject_is_written_outside_the_topology():
    offenders = {str(p.relative_to(REPO_ROOT)): hits for p in code_files() if (hits := subject_literals(p.read_text()))}
    assert offenders == {}


def test_the_subject_check_catches_plain_and_formatted_subjects():
    source = 'a = "scores.v1.>"\nb = f"notify.v1.{x}"\nc = "events.v1"\nd = "eventsv1"\ne = f"{x}.raw.v1"\n'
    assert subject_literals(source) == ["events.v1", "notify.v1.", "scores.v1.>"]


def test_subjects_are_built_from_their_stream_and_made_safe():
    assert topology.raw_subject("houston-police", "incident_report") == "raw.v1.houston-police.incident_report"
    assert topology.events_subject("incident_report", "theft") == "events.v1.incident_report.theft"
    assert topology.scores_subject("zone 7.a") == "scores.v1.zone_7_a"
    assert topology.deadletter_subject("feature-store") == "deadletter.v1.feature-store"
    for stream in topology.ALL_STREAMS:
        assert stream.subjects == (f"{stream.root}.>",)


def test_every_service_on_the_bus_is_in_the_catalogue_and_has_its_user():
    # Every service but the web ones (the console speaks HTTPS to browsers and gRPC to scoring).
    assert {bus.service for bus in topology.BUS} == {s.name for s in catalogue.SERVICES if not s.web}
    users = [user.name for user in permissions.USERS]
    assert users == ["provision", *(bus.service for bus in topology.BUS), "deadletters"]
    for bus in topology.BUS:
        assert catalogue.service(bus.service).bus_user == bus.service


def test_permissions_follow_the_subscriptions_and_publications():
    for bus in topology.BUS:
        user = permissions.BY_NAME[bus.service]
        for subscription in bus.subscriptions:
            assert f"$JS.ACK.{subscription.stream.name}.{subscription.durable}.>" in user.publish
        for stream in bus.publishes:
            expected = topology.deadletter_subject(bus.service) if stream is topology.DEADLETTER else stream.all_subjects
            assert expected in user.publish
        # Nothing else publishes to a stream: no right beyond what the topology declares.
        published = {p for p in user.publish if SUBJECT.match(p)}
        assert published == {
            topology.deadletter_subject(bus.service) if s is topology.DEADLETTER else s.all_subjects for s in bus.publishes
        }
    # Raw partner data is never replayed by the operators' tool.
    assert topology.RAW.all_subjects not in permissions.BY_NAME["deadletters"].publish


def subscribers() -> dict[str, list[topology.Subscriber]]:
    """Each service's Subscriber declarations, found in its consumer module."""
    found: dict[str, list[topology.Subscriber]] = {}
    for service in catalogue.SERVICES:
        try:
            module = importlib.import_module(f"{service.package}.consumer")
        except ModuleNotFoundError:
            continue
        found[service.name] = [v for v in vars(module).values() if isinstance(v, topology.Subscriber)]
    return found


def test_each_subscription_is_bound_once_to_a_handler_of_its_own_service():
    bound = [(name, s.subscription) for name, declared in subscribers().items() for s in declared]
    assert sorted((s.service, s.stream.name) for _, s in bound) == sorted(
        (s.service, s.stream.name) for s in topology.SUBSCRIPTIONS
    )
    assert all(name == subscription.service for name, subscription in bound)


def fake_stack(tmp_path: Path, plaintext: bool) -> LocalStack:
    stack = LocalStack(tmp_path, plaintext=plaintext)
    stack.nats = SimpleNamespace(url="nats://127.0.0.1:4222")
    stack.postgres = SimpleNamespace(dsn=lambda database, user: f"postgresql://{user}@127.0.0.1/{database}")
    stack.bus_passwords = {s.bus_user: "secret" for s in catalogue.SERVICES}
    stack.addresses = {s.name: "127.0.0.1:1" for s in catalogue.SERVICES}
    stack.mtls_addresses = {s.name: "127.0.0.1:2" for s in catalogue.SERVICES}
    return stack


@pytest.mark.parametrize("service", catalogue.SERVICES, ids=lambda s: s.name)
def test_the_local_stack_gives_each_service_only_settings_it_has_from_the_catalogue(service, tmp_path):
    env = fake_stack(tmp_path, plaintext=True).service_env(service, 1, 2)
    fields = set(service.settings_class().model_fields)
    names = {key.removeprefix(service.env_prefix).lower() for key in env}
    assert all(key.startswith(service.env_prefix) for key in env)
    assert names <= fields, names - fields
    for file in MountedFile:
        assert (f"{service.env_prefix}{file.value}" in env) == service.reads(file)
    assert (f"{service.env_prefix}DATABASE_URL" in env) == service.database
    assert env.get(f"{service.env_prefix}NATS_USER") == (None if service.web else service.bus_user)
    assert (f"{service.env_prefix}HTTP_PORT" in env) == service.web


def test_the_catalogue_names_exactly_the_service_packages():
    directories = {p.parent.name for p in (REPO_ROOT / "services").glob("*/pyproject.toml")}
    assert directories == set(catalogue.BY_NAME)
    for service in catalogue.SERVICES:
        assert (REPO_ROOT / "services" / service.name / "src" / service.package / "__main__.py").exists()
        assert importlib.import_module(f"{service.package}.app")


# A service's API modules, in the order the catalogue names their gRPC services.
API_MODULES = {"scoring": ("grpc_api", "read_api")}


@pytest.mark.parametrize("service", [s for s in catalogue.SERVICES if s.apis], ids=lambda s: s.name)
def test_the_catalogue_names_the_apis_each_service_serves(service):
    modules = API_MODULES.get(service.name, ("grpc_api",))
    names = tuple(importlib.import_module(f"{service.package}.{m}").SERVICE_NAME for m in modules)
    assert names == service.apis
