"""The whole platform on one machine: PostgreSQL, NATS with JetStream and the services as processes.

The same code serves `make demo` and the end-to-end tests. It runs as a deployment does: TLS on
every connection (a throwaway CA), a NATS user per service with its least rights and no anonymous
access, a database owner for the migrations and a runtime role per service, and a callers file
that says who may call which method. `plaintext=True` drops TLS, for local debugging only.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import signal
import ssl
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import grpc
import psycopg
from grpc_health.v1 import health_pb2, health_pb2_grpc

from civicpulse.db.migrate import migrate
from civicpulse.devstack.callers import demo_callers, write_callers_file
from civicpulse.devstack.certificates import CertificateAuthority
from civicpulse.devstack.endpoint import Endpoint
from civicpulse.devstack.keys import event_key, write_key_file
from civicpulse.devstack.nats_server import NatsServer
from civicpulse.devstack.otlp_receiver import OtlpReceiver
from civicpulse.devstack.ports import free_ports, port_open
from civicpulse.devstack.postgres import PostgresServer
from civicpulse.devstack.processes import ManagedProcess
from civicpulse.messaging.connection import BusAccess, connect
from civicpulse.messaging.permissions import USERS, authorization
from civicpulse.messaging.provision import provision
from civicpulse.messaging.topology import DEADLETTER
from civicpulse.runtime.access import Caller
from civicpulse.runtime.agreements import PartnerRegistry
from civicpulse.runtime.catalogue import SERVICES, MountedFile, Service, service
from civicpulse.runtime.city import CityProfile
from civicpulse.runtime.tls import TlsFiles

REPO_ROOT = Path(__file__).resolve().parents[5]
CONFIG_DIR = REPO_ROOT / "config"


# The database's owner: runs the migrations, owns schemas, tables and triggers.
DATABASE_OWNER = "civicpulse_owner"
# The local stack's own NATS user (counting, pausing, reading streams in tests): never in a deployment.
HARNESS = "devstack"

# A service's mutual-TLS port is this much above its port when the stack has a base port,
# and its metrics port this much.
MTLS_OFFSET = 100
METRICS_OFFSET = 200


@dataclass
class LocalStack:
    base_dir: Path
    city_profile: Path = CONFIG_DIR / "cities" / "houston.yaml"
    partners_file: Path = CONFIG_DIR / "partners.yaml"
    # Extra settings per service name, e.g. {"scoring": {"TRAINING_DAYS": "7"}}.
    overrides: dict[str, dict[str, str]] = field(default_factory=dict)
    start_timeout: float = 90.0
    # Local debugging only: no TLS (bus users and method rights still hold).
    plaintext: bool = False
    # Fixed ports (`make up`): each service at base_port + its catalogue port offset, its mutual-TLS
    # port 100 higher. None: free ports, so that stacks can run side by side (tests).
    base_port: int | None = None
    # Traces: with `traces`, every service exports to an in-process OTLP receiver (`trace_receiver`,
    # over TLS with a certificate of the stack's CA); else to `otlp_endpoint` if set (a collector
    # whose certificate the stack's CA signed, or a plaintext one for a plaintext stack).
    traces: bool = False
    otlp_endpoint: str | None = None
    trace_receiver: OtlpReceiver | None = field(default=None, init=False)
    # Acknowledgements that survive a crash: PostgreSQL commits and JetStream writes synced to disk
    # first. False only where speed matters more and the caller says so (a benchmark's comparison).
    durable: bool = True

    postgres: PostgresServer | None = field(default=None, init=False)
    nats: NatsServer | None = field(default=None, init=False)
    database_url: str = field(default="", init=False)  # as the superuser, for the tests' look inside
    addresses: dict[str, str] = field(default_factory=dict, init=False)
    mtls_addresses: dict[str, str] = field(default_factory=dict, init=False)  # client certificate required
    metrics_addresses: dict[str, str] = field(default_factory=dict, init=False)  # process name -> its /metrics
    callers: dict[str, Caller] = field(default_factory=dict, init=False)
    ca: CertificateAuthority | None = field(default=None, init=False, repr=False)
    bus_passwords: dict[str, str] = field(default_factory=dict, init=False, repr=False)
    processes: dict[str, ManagedProcess] = field(default_factory=dict, init=False)
    specs: dict[str, Service] = field(default_factory=dict, init=False)  # process name -> its service
    # Throwaway keys per key domain; known here so that a test can compute the keys of what it sent.
    keys: dict[str, str] = field(default_factory=dict, init=False, repr=False)
    key_domains: dict[str, str] = field(default_factory=dict, init=False)  # partner -> key domain

    @property
    def key_file(self) -> Path:
        return self.base_dir / "secrets" / "keys.yaml"

    @property
    def callers_file(self) -> Path:
        return self.base_dir / "secrets" / "callers.yaml"

    def tls_files(self, name: str) -> TlsFiles | None:
        """The certificate the CA issued to `name` (a service, a caller, the harness), or None in plaintext."""
        if self.ca is None:
            return None
        directory = self.ca.directory
        if not (directory / f"{name}.pem").exists():
            self.ca.issue(name)
        return TlsFiles(directory / f"{name}.pem", directory / f"{name}.key", self.ca.ca_file)

    def endpoint(self, service: str, certificate: str | None = None) -> Endpoint:
        """How a client reaches a service: TLS verified against the stack's CA; with `certificate`,
        the mutual-TLS port and that caller's certificate, which then says who calls."""
        if self.ca is None:
            return Endpoint(self.addresses[service])
        if certificate is None:
            return Endpoint(self.addresses[service], grpc.ssl_channel_credentials(self.ca.ca_file.read_bytes()))
        return Endpoint(self.mtls_addresses[service], self.tls_files(certificate).channel_credentials())

    def url(self, service: str) -> str:
        """Where a browser reaches a web service (the console): https, verified against the stack's CA."""
        return f"{'http' if self.ca is None else 'https'}://{self.addresses[service]}/"

    def metrics_url(self, name: str) -> str:
        """Where a service process serves its Prometheus metrics: https (verified against the stack's
        CA) unless the stack is plaintext."""
        return f"{'http' if self.ca is None else 'https'}://{self.metrics_addresses[name]}/metrics"

    def bus_access(self, user: str = HARNESS) -> BusAccess:
        """A NATS connection as `user` (by default the stack's harness, which may do anything)."""
        tls = self.tls_files(HARNESS)
        return BusAccess(self.nats.url, user, self.bus_passwords[user], tls.client_context() if tls else None)

    def event_key(self, partner: str, partner_event_id: str) -> str:
        """The event key pseudonymisation gives (partner, event id) in this stack."""
        return event_key(self.keys[self.key_domains[partner]], partner, partner_event_id)

    async def start(self) -> LocalStack:
        self.base_dir.mkdir(parents=True, exist_ok=True)
        self.keys = write_key_file(self.key_file, self.partners_file)
        registry = PartnerRegistry.load(self.partners_file) if self.partners_file.exists() else PartnerRegistry(partners={})
        self.key_domains = {pid: partner.agreement.key_domain for pid, partner in registry.partners.items()}
        self.callers = demo_callers(registry, CityProfile.load(self.city_profile))
        write_callers_file(self.callers_file, self.callers)
        if not self.plaintext:
            self.ca = CertificateAuthority(self.base_dir / "secrets" / "tls")
        self.bus_passwords = {name: secrets.token_urlsafe(18) for name in [u.name for u in USERS] + [HARNESS]}
        try:
            if self.traces:
                self.trace_receiver = OtlpReceiver.start(self.tls_files("otlp"))
                self.otlp_endpoint = self.trace_receiver.endpoint
            await self._start_servers()
            await self._prepare_database()
            nc = await connect(self.bus_access("provision"), "devstack-provision")
            try:
                await provision(nc.jetstream())
            finally:
                await nc.close()
            await self._start_services()
        except BaseException:
            await self.stop()
            raise
        return self

    def _server_tls(self, name: str) -> tuple[Path, Path, Path] | None:
        tls = self.tls_files(name)
        return (tls.cert_file, tls.key_file, tls.ca_file) if tls else None

    async def _start_servers(self) -> None:
        bus_users = authorization({u.name: self.bus_passwords[u.name] for u in USERS})
        bus_users["users"].append(
            {
                "user": HARNESS,
                "password": self.bus_passwords[HARNESS],
                "permissions": {"publish": {"allow": [">"]}, "subscribe": {"allow": [">"]}},
            }
        )
        self.postgres = PostgresServer(self.base_dir / "postgres", tls=self._server_tls("postgres"), durable=self.durable)
        self.nats = NatsServer(
            self.base_dir / "nats", tls=self._server_tls("nats"), authorization=bus_users, durable=self.durable
        )
        # One after the other: each picks free ports, and a port picked but not yet bound could be picked twice.
        await asyncio.to_thread(self.nats.start)
        await asyncio.to_thread(self.postgres.start)

    async def _prepare_database(self) -> None:
        """The owner runs the migrations (which create each service's runtime role and its grants);
        each service then logs in as its own member of that role."""
        async with await psycopg.AsyncConnection.connect(self.postgres.dsn(), autocommit=True) as conn:
            await conn.execute(f"CREATE ROLE {DATABASE_OWNER} LOGIN CREATEROLE")
            await conn.execute(f"CREATE DATABASE civicpulse OWNER {DATABASE_OWNER}")
        self.database_url = self.postgres.dsn("civicpulse")
        async with await psycopg.AsyncConnection.connect(self.database_url, autocommit=True) as conn:
            from civicpulse.db.timescale import enable_timescaledb  # an extension needs the superuser

            await enable_timescaledb(conn)
        await migrate(self.postgres.dsn("civicpulse", user=DATABASE_OWNER))
        async with await psycopg.AsyncConnection.connect(self.database_url, autocommit=True) as conn:
            for spec in SERVICES:
                if spec.database:
                    await conn.execute(f"CREATE ROLE {spec.database_role} LOGIN IN ROLE civicpulse_{spec.database_role}")

    def service_env(self, spec: Service, port: int, mtls_port: int, metrics_port: int = 0) -> dict[str, str]:
        p = spec.env_prefix
        if spec.web:  # HTTPS for browsers; not on the bus
            env = {f"{p}HTTP_HOST": "127.0.0.1", f"{p}HTTP_PORT": str(port), f"{p}SHUTDOWN_GRACE_SECONDS": "2"}
        else:
            env = {
                f"{p}GRPC_HOST": "127.0.0.1",
                f"{p}GRPC_PORT": str(port),
                f"{p}NATS_URL": self.nats.url,
                f"{p}NATS_USER": spec.bus_user,
                f"{p}NATS_PASSWORD": self.bus_passwords[spec.bus_user],
                f"{p}SHUTDOWN_GRACE_SECONDS": "2",
            }
        env[f"{p}METRICS_PORT"] = str(metrics_port)
        files = {
            MountedFile.CITY_PROFILE: self.city_profile,
            MountedFile.CALLERS: self.callers_file,
            MountedFile.PARTNERS: self.partners_file,
            MountedFile.KEYS: self.key_file,
        }
        env.update({f"{p}{file.value}": str(files[file]) for file in spec.files})
        tls = self.tls_files(spec.name)
        if tls is None:
            env[f"{p}PLAINTEXT"] = "true"
        else:
            if not spec.web:
                env[f"{p}GRPC_MTLS_PORT"] = str(mtls_port)
            env.update({f"{p}TLS_CERT_FILE": str(tls.cert_file), f"{p}TLS_KEY_FILE": str(tls.key_file)})
            env[f"{p}TLS_CA_FILE"] = str(tls.ca_file)
        if self.otlp_endpoint and not spec.web:  # the web console exports no traces
            env[f"{p}OTLP_ENDPOINT"] = self.otlp_endpoint
        if spec.database:
            env[f"{p}DATABASE_URL"] = self.postgres.dsn("civicpulse", user=spec.database_role)
        for callee in spec.calls:
            # A caller proves who it is with its certificate, on the callee's mutual-TLS port.
            setting = f"{p}{callee.upper().replace('-', '_')}_"
            if spec.web:  # on the TLS port, with the signed-in person's own token
                env[f"{setting}ADDRESS"] = self.addresses[callee]
            elif tls is None:
                env[f"{setting}ADDRESS"] = self.addresses[callee]
                env[f"{setting}TOKEN"] = f"demo-{spec.name}-token"
            else:
                env[f"{setting}ADDRESS"] = self.mtls_addresses[callee]
        env.update({f"{p}{key}": value for key, value in self.overrides.get(spec.name, {}).items()})
        return env

    async def _start_services(self) -> None:
        # Reserved together: a port freed and asked for again before its service binds it would repeat.
        if self.base_port is None:
            ports = free_ports(3 * len(SERVICES))
            triples = list(zip(ports[::3], ports[1::3], ports[2::3], strict=True))
        else:
            triples = [self._fixed_ports(spec.name) for spec in SERVICES]
        for spec, (port, mtls_port, metrics_port) in zip(SERVICES, triples, strict=True):
            await self._launch(spec, spec.name, port, mtls_port, metrics_port)
        await asyncio.gather(*(self._wait_serving(name) for name in self.processes))

    def _fixed_ports(self, name: str) -> tuple[int, int, int]:
        port = self.base_port + service(name).port_offset
        wanted = (port,) if service(name).web else (port, port + MTLS_OFFSET)  # a web service has no mutual-TLS port
        taken = [p for p in (*wanted, port + METRICS_OFFSET) if port_open(p)]
        if taken:
            raise RuntimeError(f"port {taken[0]} for {name} is in use: stop what holds it, or choose another base port")
        return port, port + MTLS_OFFSET, port + METRICS_OFFSET

    async def _launch(self, spec: Service, name: str, port: int, mtls_port: int, metrics_port: int) -> None:
        self.specs[name] = spec
        self.addresses[name] = f"127.0.0.1:{port}"
        self.metrics_addresses[name] = f"127.0.0.1:{metrics_port}"
        if not spec.web:
            self.mtls_addresses[name] = f"127.0.0.1:{mtls_port}"
        env = {k: v for k, v in os.environ.items() if not k.startswith("CIVICPULSE_")}
        env.update(self.service_env(spec, port, mtls_port, metrics_port))
        process = ManagedProcess(
            name, [sys.executable, "-m", spec.package], env=env, log_path=self.base_dir / "logs" / f"{name}.log", cwd=REPO_ROOT
        )
        self.processes[name] = process
        await asyncio.to_thread(process.start)

    async def start_replica(self, name: str) -> str:
        """Another process of a service, as a second pod would be: same settings, its own port.
        Returns the replica's name, for `stop_service`."""
        spec = service(name)
        replica = f"{name}-{sum(1 for n in self.processes if n.startswith(name)) + 1}"
        await self._launch(spec, replica, *free_ports(3))
        await self._wait_serving(replica)
        return replica

    async def _wait_serving(self, name: str) -> None:
        if self.specs[name].web:
            await self._wait_healthy(name)
            return
        deadline = time.monotonic() + self.start_timeout
        async with self.endpoint(name).channel() as channel:
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

    async def _wait_healthy(self, name: str) -> None:
        """A web service is ready when GET /healthz answers 200 over HTTPS (verified against the CA)."""
        context = ssl.create_default_context(cafile=str(self.ca.ca_file)) if self.ca else None
        url = f"{self.url(name)}healthz"
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if not self.processes[name].alive:
                raise RuntimeError(f"{name} exited during start:\n{self.processes[name].log_tail()}")
            if await asyncio.to_thread(_answers_ok, url, context):
                return
            await asyncio.sleep(0.2)
        raise TimeoutError(f"{name} not serving after {self.start_timeout:.0f} s:\n{self.processes[name].log_tail()}")

    async def stream_messages(self, stream: str) -> int:
        """How many messages a stream holds now."""
        nc = await connect(self.bus_access(), "devstack-count")
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
        return stored + await self.stream_messages(DEADLETTER.name)

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
        if self.trace_receiver is not None:  # what it received stays readable
            await asyncio.to_thread(self.trace_receiver.stop)

    async def __aenter__(self) -> LocalStack:
        return await self.start()

    async def __aexit__(self, *exc) -> None:
        await self.stop()


def _answers_ok(url: str, context: ssl.SSLContext | None) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1, context=context) as answer:
            return answer.status == 200
    except (urllib.error.URLError, OSError):
        return False
