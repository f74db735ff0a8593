"""One trace follows an event across the bus: the consumer's span links to the publisher's."""

import asyncio

import pytest
from nats.js.api import RetentionPolicy
from opentelemetry import trace
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from civicpulse.db.pool import open_pool
from civicpulse.messaging.consumer import ACK, ConsumerSpec, PullConsumer
from civicpulse.messaging.publisher import Outgoing, Publisher
from civicpulse.messaging.topology import StreamSpec
from civicpulse.runtime.telemetry import configure_telemetry

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def spans():
    exporter = InMemorySpanExporter()
    provider = trace.get_tracer_provider()
    if not hasattr(provider, "add_span_processor"):
        provider = configure_telemetry("tests")
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    return exporter


async def test_consumer_span_links_to_the_publishing_span(js, unique, spans):
    stream = StreamSpec(f"TR{unique}", f"tr{unique}", RetentionPolicy.WORK_QUEUE, 600, 60, "test")
    await js.add_stream(stream.config())
    tracer = trace.get_tracer("test")
    with tracer.start_as_current_span("partner call") as parent:
        await Publisher(js).publish(Outgoing(f"tr{unique}.x", b"payload", "m1"))
    trace_id = parent.get_span_context().trace_id

    handled = asyncio.Event()

    async def handler(batch):
        handled.set()
        return [ACK for _ in batch]

    async def nothing(message, reason):
        raise AssertionError("nothing here is poison")

    consumer = PullConsumer(js, ConsumerSpec(stream.name, f"d{unique}", f"tr{unique}.>"), handler, nothing, fetch_timeout=0.2)
    await consumer.start()
    await asyncio.wait_for(handled.wait(), timeout=10)
    await consumer.stop()
    processed = [s for s in spans.get_finished_spans() if s.name == f"d{unique} process"]
    assert processed and any(link.context.trace_id == trace_id for link in processed[0].links)


async def test_database_statements_are_spans_of_the_current_trace(database_url, spans):
    pool = await open_pool(database_url, "tracing-test", max_size=1)
    try:
        with trace.get_tracer("test").start_as_current_span("feature request") as parent:
            async with pool.connection() as conn:
                await conn.execute("SELECT %s::int", (42,))
    finally:
        await pool.close()
    trace_id = parent.get_span_context().trace_id
    statements = [s for s in spans.get_finished_spans() if s.context.trace_id == trace_id and s.name != "feature request"]
    assert [s.attributes.get("db.system") for s in statements] == ["postgresql"]
    assert statements[0].parent.span_id == parent.get_span_context().span_id
    assert "42" not in str(dict(statements[0].attributes)), "parameters never reach the traces"
