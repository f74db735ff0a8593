"""A service's work lives in its use-case and domain modules, which hold no bus or gRPC concerns:
they import neither gRPC nor NATS, nor their own service's servicer, handlers or composition root. The transport lives
in the modules every service names alike (STYLE.md: grpc_api, consumer, publisher, app, __main__)
and in the few adapters declared below, each for what it says."""

import ast
from pathlib import Path

import pytest

from civicpulse.runtime.catalogue import SERVICES
from support import REPO_ROOT

TRANSPORT = {"grpc_api", "consumer", "publisher", "app", "__main__"}
ADAPTERS = {
    "notification": {"subscriber_stream"},  # a subscriber's notifications, read from its bus subject
    "console": {"scoring_client"},  # the scoring service's gRPC client, called as the signed-in person
    "scoring": {"feature_client", "read_api"},  # the feature store's gRPC client; the read API's servicer
}
# Each service's one place of work, which the check must reach.
USE_CASES = {
    "ingestion": "accept",
    "pseudonymisation": "domain",
    "feature-store": "matrix",
    "scoring": "forecaster",
    "notification": "deliveries",
    "console": "sessions",
}
# Packages of the wire: gRPC (and its health, reflection and status helpers) and NATS.
WIRE = {"grpc", "grpc_health", "grpc_reflection", "grpc_status", "nats"}


def _modules(package_dir: Path) -> dict[str, Path]:
    return {path.stem: path for path in sorted(package_dir.glob("*.py")) if path.stem != "__init__"}


def _imported(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


@pytest.mark.parametrize("service", SERVICES, ids=lambda s: s.name)
def test_use_case_and_domain_modules_hold_no_bus_or_grpc_concern(service):
    modules = _modules(REPO_ROOT / "services" / service.name / "src" / service.package)
    wire_side = TRANSPORT | ADAPTERS.get(service.name, set())
    work = {name: path for name, path in modules.items() if name not in wire_side}
    assert USE_CASES[service.name] in work
    transport = {f"{service.package}.{name}" for name in TRANSPORT}  # an adapter's types may be named
    found = {
        f"{name} imports {module}"
        for name, path in work.items()
        for module in _imported(path)
        if module.split(".")[0] in WIRE or module in transport
    }
    assert not found, sorted(found)


def test_every_service_has_its_use_case():
    assert set(USE_CASES) == {s.name for s in SERVICES}
