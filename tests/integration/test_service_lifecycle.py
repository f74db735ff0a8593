"""Readiness and failure at start, shared by every service through ServiceApp."""

import asyncio

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from civicpulse.runtime.app import ServiceApp
from civicpulse.runtime.errors import FailedPrecondition
from civicpulse.runtime.settings import ServiceSettings
from ingestion.app import IngestionApp
from ingestion.settings import IngestionSettings
from support import CONFIG, IN_PROCESS

pytestmark = pytest.mark.integration


async def health(port: int) -> int:
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        reply = await health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=5)
        return reply.status


class SlowApp(ServiceApp):
    """Its dependencies take a while: it must not look ready meanwhile."""

    def __init__(self, settings, gate: asyncio.Event) -> None:
        super().__init__(settings)
        self.gate = gate
        self.closed = False

    async def build(self) -> None:
        await self.serve_grpc([], [])

        async def close() -> None:
            self.closed = True

        self.resources.push_async_callback(close)
        await self.gate.wait()


async def test_not_serving_until_ready_and_resources_closed_on_stop():
    gate = asyncio.Event()
    app = SlowApp(
        ServiceSettings(grpc_host="127.0.0.1", **IN_PROCESS, grpc_port=0, city_profile=CONFIG / "cities" / "houston.yaml"), gate
    )
    starting = asyncio.create_task(app.start())
    while app.grpc is None:
        await asyncio.sleep(0.01)
    assert await health(app.grpc.port) == health_pb2.HealthCheckResponse.NOT_SERVING
    gate.set()
    await starting
    assert await health(app.grpc.port) == health_pb2.HealthCheckResponse.SERVING
    await app.stop()
    assert app.closed


async def test_health_watch_streams_the_status_as_it_changes():
    """Health/Watch, as load balancers and kubelets' gRPC probes may use it: NOT_SERVING while the
    service builds, then SERVING, on one stream."""
    gate = asyncio.Event()
    app = SlowApp(
        ServiceSettings(grpc_host="127.0.0.1", **IN_PROCESS, grpc_port=0, city_profile=CONFIG / "cities" / "houston.yaml"), gate
    )
    starting = asyncio.create_task(app.start())
    while app.grpc is None:
        await asyncio.sleep(0.01)
    async with grpc.aio.insecure_channel(f"127.0.0.1:{app.grpc.port}") as channel:
        watch = health_pb2_grpc.HealthStub(channel).Watch(health_pb2.HealthCheckRequest(), timeout=20)
        first = await anext(aiter(watch))
        assert first.status == health_pb2.HealthCheckResponse.NOT_SERVING
        gate.set()
        await starting
        second = await anext(aiter(watch))
        assert second.status == health_pb2.HealthCheckResponse.SERVING
        watch.cancel()
    await app.stop()


async def test_a_service_refuses_to_start_without_its_streams(nats_server):
    settings = IngestionSettings(
        grpc_host="127.0.0.1",
        **IN_PROCESS,
        grpc_port=0,
        nats_url=nats_server.url,
        city_profile=CONFIG / "cities" / "houston.yaml",
        partners_file=CONFIG / "partners.yaml",
    )
    app = IngestionApp(settings)
    with pytest.raises(FailedPrecondition, match="stream RAW does not exist"):
        await app.start()


class Consumer:
    """Stands for a bus consumer: what ServiceApp asks of one is start, stop and healthy."""

    def __init__(self) -> None:
        self.ok = True
        self.stopped = False

    async def start(self) -> None:
        pass

    async def stop(self) -> None:
        self.stopped = True

    def healthy(self) -> bool:
        return self.ok


class ConsumingApp(ServiceApp):
    consumer_check_seconds = 0.1

    def __init__(self, settings, consumer: Consumer) -> None:
        super().__init__(settings)
        self.consumer = consumer

    async def build(self) -> None:
        await self.serve_grpc([], [])
        await self.start_consumer(self.consumer)


async def test_a_stuck_consumer_turns_the_service_not_serving_and_back():
    consumer = Consumer()
    app = ConsumingApp(
        ServiceSettings(grpc_host="127.0.0.1", **IN_PROCESS, grpc_port=0, city_profile=CONFIG / "cities" / "houston.yaml"),
        consumer,
    )
    await app.start()
    try:
        assert await health(app.grpc.port) == health_pb2.HealthCheckResponse.SERVING
        consumer.ok = False
        await asyncio.sleep(0.5)
        assert await health(app.grpc.port) == health_pb2.HealthCheckResponse.NOT_SERVING
        consumer.ok = True
        await asyncio.sleep(0.5)
        assert await health(app.grpc.port) == health_pb2.HealthCheckResponse.SERVING
    finally:
        await app.stop()
    assert consumer.stopped
