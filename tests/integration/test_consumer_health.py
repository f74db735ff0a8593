"""A bus consumer's health and metrics on a real NATS server: a handler that makes no progress
turns the consumer (and its service) unhealthy within the ack wait; redeliveries are counted;
the pending and ack-pending gauges follow the backlog; each settled batch is one log line."""

from __future__ import annotations

import asyncio
import logging

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from nats.js.api import RetentionPolicy

from civicpulse.messaging.consumer import ACK, ConsumerSpec, PullConsumer, nak
from civicpulse.messaging.publisher import Outgoing, Publisher
from civicpulse.messaging.topology import StreamSpec
from civicpulse.runtime import metrics
from civicpulse.runtime.app import ServiceApp
from civicpulse.runtime.settings import ServiceSettings
from support import CONFIG, IN_PROCESS

pytestmark = pytest.mark.integration

ACK_WAIT = 2.0


async def work_queue(js, unique: str, count: int, batch_size: int = 100) -> ConsumerSpec:
    stream = StreamSpec(f"H{unique}", f"h{unique}", RetentionPolicy.WORK_QUEUE, 600, 60, "test")
    await js.add_stream(stream.config())
    await Publisher(js).publish_batch([Outgoing(f"h{unique}.x", str(i).encode(), None) for i in range(count)])
    return ConsumerSpec(
        stream=stream.name,
        durable=f"d{unique}",
        filter_subject=f"h{unique}.>",
        ack_wait=ACK_WAIT,
        retry_delays=(0.05,),
        batch_size=batch_size,
    )


async def until(condition, timeout: float = 20.0) -> bool:
    for _ in range(int(timeout / 0.05)):
        if condition():
            return True
        await asyncio.sleep(0.05)
    return False


def gauge(family, spec: ConsumerSpec) -> float:
    return family.labels(spec.stream, spec.durable)._value.get()


async def no_poison(item, reason):
    raise AssertionError(f"not poison: {reason}")


async def test_a_blocked_handler_turns_the_consumer_unhealthy_within_the_ack_wait_and_the_gauges_show_the_backlog(js, unique):
    spec = await work_queue(js, unique, 10, batch_size=2)
    release = asyncio.Event()
    batches: list[int] = []

    async def blocked(items):
        batches.append(len(items))
        await release.wait()  # e.g. waiting on row locks another replica holds
        return [ACK for _ in items]

    consumer = PullConsumer(js, spec, blocked, no_poison, fetch_timeout=0.2, monitor_seconds=0.2)
    await consumer.start()
    try:
        assert await until(lambda: batches == [2])
        held_since = asyncio.get_running_loop().time()
        assert consumer.healthy()  # a batch in hand is not yet a problem
        # The backlog as the bus sees it: two delivered and unacknowledged, eight waiting.
        assert await until(lambda: (gauge(metrics.CONSUMER_PENDING, spec), gauge(metrics.CONSUMER_ACK_PENDING, spec)) == (8, 2))
        assert await until(lambda: not consumer.healthy(), timeout=ACK_WAIT + 2)
        assert asyncio.get_running_loop().time() - held_since < ACK_WAIT + 1
        assert await until(lambda: gauge(metrics.CONSUMER_HEALTHY, spec) == 0, timeout=2)
        release.set()
        assert await until(consumer.healthy, timeout=5)
        assert await until(lambda: gauge(metrics.CONSUMER_PENDING, spec) == 0 and gauge(metrics.CONSUMER_ACK_PENDING, spec) == 0)
        assert await until(lambda: gauge(metrics.CONSUMER_HEALTHY, spec) == 1, timeout=2)
    finally:
        release.set()
        await consumer.stop()
    assert sum(batches) == 10


async def test_redeliveries_are_counted_and_each_batch_is_one_acknowledgement_line(js, unique, caplog):
    spec = await work_queue(js, unique, 3)
    tries: dict[bytes, int] = {}

    async def once_again(items):
        outcomes = []
        for item in items:
            tries[item.value.data] = tries.get(item.value.data, 0) + 1
            outcomes.append(nak(0.05) if tries[item.value.data] == 1 and item.value.data == b"1" else ACK)
        return outcomes

    before = metrics.CONSUMER_REDELIVERIES.labels(spec.stream, spec.durable)._value.get()
    caplog.set_level(logging.INFO, logger="civicpulse.messaging.consumer")
    consumer = PullConsumer(js, spec, once_again, no_poison, fetch_timeout=0.2)
    await consumer.start()
    try:
        assert await until(lambda: tries.get(b"1") == 2)
        assert await until(lambda: (metrics.CONSUMER_REDELIVERIES.labels(spec.stream, spec.durable)._value.get()) == before + 1)
    finally:
        await consumer.stop()
    lines = [r.fields for r in caplog.records if getattr(r, "fields", {}).get("durable") == spec.durable]
    assert (lines[0]["messages"], lines[0]["acked"], lines[0]["naked"], lines[0]["termed"]) == (3, 2, 1, 0)
    assert lines[0]["items"] == 3 and lines[0]["redelivered"] == 0 and lines[0]["duration_ms"] >= 0
    assert (lines[1]["messages"], lines[1]["acked"], lines[1]["redelivered"]) == (1, 1, 1)
    assert all(set(line) >= {"stream", "durable", "messages", "items", "acked", "naked", "termed"} for line in lines)


class Blocked(ServiceApp):
    """A service whose one consumer's handler blocks."""

    consumer_check_seconds = 0.2

    def __init__(self, settings, consumer: PullConsumer) -> None:
        super().__init__(settings)
        self.consumer = consumer

    async def build(self) -> None:
        await self.serve_grpc([], [])
        await self.start_consumer(self.consumer)


async def test_a_consumer_that_makes_no_progress_makes_its_service_not_serving(js, unique):
    spec = await work_queue(js, unique, 1)
    release = asyncio.Event()

    async def blocked(items):
        await release.wait()
        return [ACK for _ in items]

    consumer = PullConsumer(js, spec, blocked, no_poison, fetch_timeout=0.2)
    settings = ServiceSettings(**IN_PROCESS, city_profile=CONFIG / "cities" / "houston.yaml", grpc_host="127.0.0.1", grpc_port=0)
    app = Blocked(settings, consumer)
    await app.start()
    try:
        assert app.metrics_port  # served on a free port in tests
        async with grpc.aio.insecure_channel(f"127.0.0.1:{app.grpc.port}") as channel:
            health = health_pb2_grpc.HealthStub(channel)

            async def status() -> int:
                return (await health.Check(health_pb2.HealthCheckRequest())).status

            assert await status() == health_pb2.HealthCheckResponse.SERVING
            for _ in range(int((ACK_WAIT + 3) / 0.1)):
                if await status() == health_pb2.HealthCheckResponse.NOT_SERVING:
                    break
                await asyncio.sleep(0.1)
            assert await status() == health_pb2.HealthCheckResponse.NOT_SERVING
            release.set()
            for _ in range(50):
                if await status() == health_pb2.HealthCheckResponse.SERVING:
                    break
                await asyncio.sleep(0.1)
            assert await status() == health_pb2.HealthCheckResponse.SERVING
    finally:
        release.set()
        await app.stop()
