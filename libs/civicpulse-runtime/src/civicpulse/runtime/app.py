"""The shape every service's composition root shares.

Resources enter an exit stack in start order and leave it in reverse. Services start in the
order pool -> NATS -> gRPC server (NOT_SERVING) -> consumers, then report SERVING; so stopping
runs: NOT_SERVING -> stop consumers -> stop gRPC with grace (in-flight calls may still publish)
-> drain NATS -> close the pool.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable, Iterable, Sequence
from contextlib import AsyncExitStack

import grpc

from civicpulse.runtime import catalogue, metrics
from civicpulse.runtime.access import AccessInterceptor, CallerRegistry, MethodRights
from civicpulse.runtime.agreements import PartnerRegistry
from civicpulse.runtime.city import CityProfile
from civicpulse.runtime.clock import Clock, system_clock
from civicpulse.runtime.grpc_server import GrpcServer, create_server
from civicpulse.runtime.lifecycle import run
from civicpulse.runtime.logging import configure_logging
from civicpulse.runtime.settings import ServiceSettings, load_settings
from civicpulse.runtime.telemetry import configure_telemetry
from civicpulse.runtime.tls import TlsFiles, tls_files

log = logging.getLogger(__name__)


class ServiceApp:
    """A service's composition root. `class IngestionApp(ServiceApp, service="ingestion")` takes the
    service's name and settings from the catalogue."""

    name: str = "service"
    settings_class: type[ServiceSettings] = ServiceSettings
    # How often the consumers' health is looked at.
    consumer_check_seconds: float = 5.0

    def __init_subclass__(cls, service: str | None = None, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        if service is not None:
            entry = catalogue.service(service)
            cls.name, cls.settings_class = entry.name, entry.settings_class()

    def __init__(self, settings: ServiceSettings, clock: Clock = system_clock) -> None:
        self.settings = settings
        self.clock = clock
        self.resources = AsyncExitStack()
        self.grpc: GrpcServer | None = None
        self.tls: TlsFiles | None = tls_files(settings)
        self._callers: CallerRegistry | None = None
        self._consumers: list = []
        self._healthy = True
        self.metrics_port: int | None = None

    async def build(self) -> None:
        """Opens the service's resources, in start order; calls serve_grpc once."""
        raise NotImplementedError

    @functools.cache  # noqa: B019 - one app per process, read once at start
    def city(self) -> CityProfile:
        """The city profile this deployment serves."""
        return CityProfile.load(self.settings.city_profile)

    @functools.cache  # noqa: B019
    def partners(self) -> PartnerRegistry:
        """The partners and their agreements (services that read the partners file)."""
        return PartnerRegistry.load(self.settings.partners_file)

    async def open_database(self):
        """A connection pool as this service's runtime role, closed on exit."""
        from civicpulse.db.pool import open_app_pool  # runtime does not depend on the database library

        s = self.settings
        return await open_app_pool(self.resources, s.database_url.get_secret_value(), self.name, s.database_pool_max)

    def callers(self) -> CallerRegistry:
        """Who may call this service (the callers file), read once and shared by its parts."""
        if self._callers is None:
            self._callers = CallerRegistry(self.settings.callers_file)
        return self._callers

    def bus_access(self):
        """This service's NATS user, over TLS unless in plaintext mode."""
        from civicpulse.messaging.connection import BusAccess  # runtime does not depend on messaging

        return BusAccess.of(self.settings, self.tls.client_context() if self.tls else None)

    async def open_bus(self):
        """This service's NATS connection and JetStream context, once the streams the bus topology
        says it uses exist; drained on exit."""
        from civicpulse.messaging.connection import open_jetstream
        from civicpulse.messaging.topology import streams_of

        return await open_jetstream(self.resources, self.bus_access(), self.name, streams_of(self.name))

    async def serve_grpc(
        self,
        register: Iterable[Callable[[grpc.aio.Server], None]],
        service_names: Sequence[str],
        rights: MethodRights | None = None,
    ) -> GrpcServer:
        """Serves the servicers; each method only to the roles `rights` names, from the callers file."""
        s = self.settings
        registry = self.callers() if rights else CallerRegistry.of({})
        self.grpc = create_server(
            register,
            service_names,
            s.grpc_host,
            s.grpc_port,
            access=AccessInterceptor(registry, rights or {}),
            credentials=self.tls.server_credentials(require_client_certificate=False) if self.tls else None,
            mtls_port=s.grpc_mtls_port,
            mtls_credentials=self.tls.server_credentials(require_client_certificate=True) if self.tls else None,
            max_receive_bytes=s.grpc_max_receive_bytes,
        )
        # The health servicer starts out SERVING; nothing is ready until start() says so.
        await self.grpc.set_serving(False)
        await self.grpc.server.start()
        self.resources.push_async_callback(self.grpc.server.stop, self.settings.shutdown_grace_seconds)
        return self.grpc

    async def serve_api(
        self,
        add_servicer: Callable[[object, grpc.aio.Server], None],
        servicer,
        rights: MethodRights,
        *more: tuple[Callable[[object, grpc.aio.Server], None], object, MethodRights],
    ) -> GrpcServer:
        """Serves the service's APIs (its catalogue entry names them, in this order): `add_servicer`
        from the generated stubs with its servicer and rights, then each further (add, servicer, rights)."""
        apis = [(add_servicer, servicer, rights), *more]
        names = catalogue.service(self.name).apis
        if len(apis) != len(names):
            raise ValueError(f"{self.name} serves {len(apis)} APIs but the catalogue names {len(names)}: {', '.join(names)}")
        register = [functools.partial(add, s) for add, s, _ in apis]  # add(servicer, server)
        return await self.serve_grpc(register, names, {m: roles for *_, r in apis for m, roles in r.items()})

    def serve_metrics(self, host: str) -> int | None:
        """Serves /metrics on the metrics port (TLS with the service's certificate unless plaintext),
        stopped on exit; returns the port bound. A port that cannot be bound is logged as an error and
        the service serves its callers without metrics: they watch it, they do not run it."""
        tls = {} if self.tls is None else {"certfile": str(self.tls.cert_file), "keyfile": str(self.tls.key_file)}
        port, address = self.settings.metrics_port, host.strip("[]")
        try:
            try:
                server = metrics.serve_metrics(port, address, **tls)
            except OSError:
                if address not in ("::", ""):
                    raise
                # Every address, where the pod has no IPv6 (gRPC falls back the same way).
                server = metrics.serve_metrics(port, "0.0.0.0", **tls)
        except OSError as exc:
            variable = f"{self.settings.model_config.get('env_prefix', '')}METRICS_PORT"
            log.error("no metrics: port %d cannot be served (%s); free it or set %s (0: any free port)", port, exc, variable)
            return None
        self.resources.callback(server.server_close)
        self.resources.callback(server.shutdown)
        self.metrics_port = server.server_port
        return self.metrics_port

    def run_in_background(self, loop: Callable[[asyncio.Event], Awaitable[None]]) -> None:
        """Runs `loop(stop)` until the service stops: `stop` is set, and the loop awaited, on exit."""
        stop = asyncio.Event()
        task = asyncio.create_task(loop(stop))

        async def stop_loop() -> None:
            stop.set()
            await task

        self.resources.push_async_callback(stop_loop)

    def run_periodically(self, name: str, every_seconds: float, work: Callable[[], Awaitable[object]]) -> None:
        """Runs `work` now, then every `every_seconds` until the service stops. A failure is logged
        (`name` says what failed) and the work is tried again at the next turn; a stop waits for the
        turn in progress."""

        async def loop(stop: asyncio.Event) -> None:
            while not stop.is_set():
                try:
                    outcome = await work()
                    if isinstance(outcome, str):
                        log.info("%s: %s", name, outcome)
                except Exception as exc:
                    log.warning("%s failed; trying again in %.0f s: %s", name, every_seconds, exc, exc_info=True)
                try:
                    await asyncio.wait_for(stop.wait(), timeout=every_seconds)
                except TimeoutError:
                    pass

        self.run_in_background(loop)

    async def start_consumer(self, consumer) -> None:
        """Starts a bus consumer, stops it in order on exit, and lets its health count in the service's."""
        await consumer.start()
        self.resources.push_async_callback(consumer.stop)
        self._consumers.append(consumer)

    async def start(self) -> None:
        try:
            await self.build()
            if self.grpc is None:
                raise RuntimeError(f"{self.name} built no gRPC server")
            self.serve_metrics(self.settings.grpc_host)
            await self.grpc.set_serving(True)
            if self._consumers:
                watchdog = asyncio.create_task(self._watch_consumers(), name=f"{self.name}-watchdog")
                self.resources.push_async_callback(_cancel, watchdog)
        except BaseException:
            await self.resources.aclose()
            raise
        log.info(
            "serving on port %d, metrics on port %s",
            self.grpc.port,
            self.metrics_port or "none",
            extra={"fields": {"grpc_port": self.grpc.port, "metrics_port": self.metrics_port}},
        )

    async def _watch_consumers(self) -> None:
        """A consumer that is stuck or makes no progress (a batch held past its ack wait) makes the
        service NOT_SERVING, which readiness and liveness probes see."""
        while True:
            await asyncio.sleep(self.consumer_check_seconds)
            stuck = [_consumer_name(c) for c in self._consumers if not c.healthy()]
            healthy = not stuck
            if healthy != self._healthy:
                self._healthy = healthy
                log.warning(
                    "consumers %s",
                    "healthy again" if healthy else f"making no progress ({', '.join(stuck)}): reporting NOT_SERVING",
                    extra={"fields": {"stuck_consumers": stuck}},
                )
                await self.grpc.set_serving(healthy)

    async def stop(self) -> None:
        if self.grpc is not None:
            await self.grpc.set_serving(False)
        await self.resources.aclose()


def _consumer_name(consumer) -> str:
    """A bus consumer's stream and durable; any other (anything with start, stop and healthy) its class."""
    spec = getattr(consumer, "spec", None)
    return f"{spec.stream}/{spec.durable}" if spec is not None else type(consumer).__name__


async def _cancel(task: asyncio.Task) -> None:
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)


def main(app_class: type[ServiceApp]) -> None:
    """A service process: settings from the environment, logging and telemetry, then run until SIGTERM."""
    settings = load_settings(app_class.settings_class)
    configure_logging(app_class.name, settings.log_level)
    configure_telemetry(app_class.name, settings)
    run(app_class(settings))
