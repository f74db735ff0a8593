"""The whole platform on one machine: PostgreSQL, NATS with JetStream and the five services as processes.

The same code serves `make demo` and the end-to-end tests.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import grpc
import psycopg
from grpc_health.v1 import health_pb2, health_pb2_grpc

from civicpulse.db.migrate import migrate
from civicpulse.devstack.keys import event_key, write_key_file
from civicpulse.devstack.nats_server import NatsServer
from civicpulse.devstack.ports import free_ports
from civicpulse.devstack.postgres import PostgresServer
from civicpulse.devstack.processes import ManagedProcess
from civicpulse.messaging.connection import connect
from civicpulse.messaging.provision import provision
from civicpulse.runtime.agreements import PartnerRegistry

REPO_ROOT = Path(__file__).resolve().parents[5]
CONFIG_DIR = REPO_ROOT / "config"


@dataclass(frozen=True)
class ServiceSpec:
    name: str  # kebab-case, as in the chart
    package: str
    env_prefix: str
    database: bool


# Start order: what others call first (feature-store before scoring), the door last.
SERVICES = (
    ServiceSpec("feature-store", "feature_store", "CIVICPULSE_FEATURE_STORE_", True),
    ServiceSpec("scoring", "scoring", "CIVICPULSE_SCORING_", True),
    ServiceSpec("notification", "notification", "CIVICPULSE_NOTIFICATION_", True),
    ServiceSpec("pseudonymisation", "pseudonymisation", "CIVICPULSE_PSEUDONYMISATION_", False),
    ServiceSpec("ingestion", "ingestion", "CIVICPULSE_INGESTION_", False),
)


@dataclass
class LocalStack:
    base_dir: Path
    city_profile: Path = CONFIG_DIR / "cities" / "houston.yaml"
    partners_file: Path = CONFIG_DIR / "partners.yaml"
    subscribers_file: Path = CONFIG_DIR / "subscribers.yaml"
    # Extra settings per service name, e.g. {"scoring": {"TRAINING_DAYS": "7"}}.
    overrides: dict[str, dict[str, str]] = field(default_factory=dict)
    start_timeout: float = 90.0

    postgres: PostgresServer | None = field(default=None, init=False)
    nats: NatsServer | None = field(default=None, init=False)
    database_url: str = field(default="", init=False)
    addresses: dict[str, str] = field(default_factory=dict, init=False)
    processes: dict[str, ManagedProcess] = field(default_factory=dict, init=False)
    # Throwaway keys per key domain; known here so that a test can compute the keys of what it sent.
    keys: dict[str, str] = field(default_factory=dict, init=False, repr=False)
    key_domains: dict[str, str] = field(default_factory=dict, init=False)  # partner -> key domain

    @property
    def key_file(self) -> Path:
        return self.base_dir / "secrets" / "keys.yaml"

    def event_key(self, partner: str, partner_event_id: str) -> str:
        """The event key pseudonymisation gives (partner, event id) in this stack."""
        return event_key(self.keys[self.key_domains[partner]], partner, partner_event_id)

    async def start(self) -> LocalStack:
        self.base_dir.mkdir(parents=True, exist_ok=True)
        self.keys = write_key_file(self.key_file, self.partners_file)
        if self.partners_file.exists():
            registry = PartnerRegistry.load(self.partners_file)
            self.key_domains = {pid: partner.agreement.key_domain for pid, partner in registry.partners.items()}
        try:
            await self._start_servers()
            await migrate(self.database_url)
            nc = await connect(self.nats.url, "devstack-provision")
            try:
                await provision(nc.jetstream())
            finally:
                await nc.close()
            await self._start_services()
        except BaseException:
            await self.stop()
            raise
        return self

    async def _start_servers(self) -> None:
        self.postgres = PostgresServer(self.base_dir / "postgres")
        self.nats = NatsServer(self.base_dir / "nats")
        # One after the other: each picks free ports, and a port picked but not yet bound could be picked twice.
        await asyncio.to_thread(self.nats.start)
        await asyncio.to_thread(self.postgres.start)
        self.database_url = await asyncio.to_thread(self.postgres.create_database, "civicpulse")

    def service_env(self, spec: ServiceSpec, port: int) -> dict[str, str]:
        p = spec.env_prefix
        env = {
            f"{p}GRPC_HOST": "127.0.0.1",
            f"{p}GRPC_PORT": str(port),
            f"{p}NATS_URL": self.nats.url,
            f"{p}CITY_PROFILE": str(self.city_profile),
            f"{p}SHUTDOWN_GRACE_SECONDS": "2",
        }
        if spec.database:
            env[f"{p}DATABASE_URL"] = self.database_url
        if spec.name in ("ingestion", "pseudonymisation", "feature-store"):
            env[f"{p}PARTNERS_FILE"] = str(self.partners_file)
        if spec.name == "pseudonymisation":
            env[f"{p}KEYS_FILE"] = str(self.key_file)
        if spec.name == "scoring":
            env[f"{p}FEATURE_STORE_ADDRESS"] = self.addresses["feature-store"]
        if spec.name == "notification":
            env[f"{p}SUBSCRIBERS_FILE"] = str(self.subscribers_file)
        env.update({f"{p}{key}": value for key, value in self.overrides.get(spec.name, {}).items()})
        return env

    async def _start_services(self) -> None:
        # Reserved together: a port freed and asked for again before its service binds it would repeat.
        for spec, port in zip(SERVICES, free_ports(len(SERVICES)), strict=True):
            await self._launch(spec, spec.name, port)
        await asyncio.gather(*(self._wait_serving(name) for name in self.processes))

    async def _launch(self, spec: ServiceSpec, name: str, port: int) -> None:
        self.addresses[name] = f"127.0.0.1:{port}"
        env = {k: v for k, v in os.environ.items() if not k.startswith("CIVICPULSE_")}
        env.update(self.service_env(spec, port))
        process = ManagedProcess(
            name, [sys.executable, "-m", spec.package], env=env, log_path=self.base_dir / "logs" / f"{name}.log", cwd=REPO_ROOT
        )
        self.processes[name] = process
        await asyncio.to_thread(process.start)

    async def start_replica(self, name: str) -> str:
        """Another process of a service, as a second pod would be: same settings, its own port.
        Returns the replica's name, for `stop_service`."""
        spec = next(s for s in SERVICES if s.name == name)
        replica = f"{name}-{sum(1 for n in self.processes if n.startswith(name)) + 1}"
        await self._launch(spec, replica, free_ports(1)[0])
        await self._wait_serving(replica)
        return replica

    async def _wait_serving(self, name: str) -> None:
        deadline = time.monotonic() + self.start_timeout
        async with grpc.aio.insecure_channel(self.addresses[name]) as channel:
            stub = health_pb2_grpc.HealthStub(channel)
            while time.monotonic() < deadline:
                if not self.processes[name].alive:
                    raise RuntimeError(f"{name} exited during start:\n{self.processes[name].log_tail()}")
                try:
                    reply = await stub.Check(health_pb2.HealthCheckRequest(), timeout=1)
                    if reply.status == health_pb2.HealthCheckResponse.SERVING:
                        return
                except grpc.aio.AioRpcError:
                    pass
                await asyncio.sleep(0.2)
        raise TimeoutError(f"{name} not serving after {self.start_timeout:.0f} s:\n{self.processes[name].log_tail()}")

    async def stream_messages(self, stream: str) -> int:
        """How many messages a stream holds now."""
        nc = await connect(self.nats.url, "devstack-count")
        try:
            return (await nc.jetstream().stream_info(stream)).state.messages
        finally:
            await nc.close()

    async def events_landed(self) -> int:
        """Events stored by the feature store plus every dead letter: where accepted events end."""
        async with await psycopg.AsyncConnection.connect(self.database_url) as conn:
            cur = await conn.execute(
                "SELECT (SELECT count(*) FROM features.events) + (SELECT count(*) FROM features.scheduled_events)"
            )
            stored = (await cur.fetchone())[0]
        return stored + await self.stream_messages("DEADLETTER")

    async def postgres_dump(self) -> str:
        """The platform's database, schema and rows, as plain SQL."""
        return await asyncio.to_thread(self.postgres.dump, "civicpulse")

    async def stop_service(self, name: str, kill: bool = False) -> None:
        """Stops one service (SIGTERM, or SIGKILL with `kill`); `start_service` brings it back on its port."""
        process = self.processes[name]
        if kill and process.pid is not None:
            os.killpg(process.pid, signal.SIGKILL)
        await asyncio.to_thread(process.stop)

    async def start_service(self, name: str) -> None:
        await asyncio.to_thread(self.processes[name].start)
        await self._wait_serving(name)

    async def stop(self) -> None:
        """Services first (newest first, SIGTERM then SIGKILL), then NATS, then PostgreSQL."""
        for name in reversed(list(self.processes)):
            await asyncio.to_thread(self.processes[name].stop)
        self.processes.clear()
        if self.nats is not None:
            await asyncio.to_thread(self.nats.stop)
        if self.postgres is not None:
            await asyncio.to_thread(self.postgres.stop)

    async def __aenter__(self) -> LocalStack:
        return await self.start()

    async def __aexit__(self, *exc) -> None:
        await self.stop()
