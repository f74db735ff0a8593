"""The outbox relay publishes each risk update into its score's trace: the trace the update carries
when it has one, else a span of the relay's round (a scheduled run is no call)."""

from datetime import UTC, datetime

import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from civicpulse.messaging.publisher import Outgoing
from civicpulse.messaging.tracing import traceparent
from scoring.outbox import OutboxRelay


@pytest.fixture(scope="module")
def spans():
    exporter = InMemorySpanExporter()
    provider = trace.get_tracer_provider()
    if not hasattr(provider, "add_span_processor"):
        provider = TracerProvider()
        trace.set_tracer_provider(provider)
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    return exporter


class Outbox:
    """The repository's outbox, in memory."""

    def __init__(self, rows: list[Outgoing]) -> None:
        self.rows = rows
        self.published: list[str] = []

    async def unpublished(self, limit: int) -> list[Outgoing]:
        return [r for r in self.rows if r.msg_id not in self.published][:limit]

    async def mark_published(self, ids: list[str], at: datetime) -> None:
        self.published += ids


class Bus:
    def __init__(self) -> None:
        self.sent: list[Outgoing] = []

    async def publish_batch(self, messages: list[Outgoing]) -> list[None]:
        self.sent += messages
        return [None for _ in messages]


async def test_updates_keep_their_scores_trace_and_the_others_join_the_rounds(spans):
    with trace.get_tracer("test").start_as_current_span("score cells") as scoring:
        scored = Outgoing("scores.v1.z1", b"", "u1")
    unscored = Outgoing("scores.v1.z2", b"", "u2")
    bus = Bus()
    relay = OutboxRelay(Outbox([scored, unscored]), bus, lambda: datetime(2026, 1, 1, tzinfo=UTC))

    assert await relay.flush() == 2

    [round_span] = [s for s in spans.get_finished_spans() if s.name == "publish risk updates"]
    assert round_span.parent is None, "a round outside any call is a trace of its own"
    by_id = {m.msg_id: m.traceparent for m in bus.sent}
    assert by_id == {"u1": traceparent(scoring.get_span_context()), "u2": traceparent(round_span.context)}
