"""A consumer's batch mixes messages of many traces; each trace goes on through the batch.

The batch span is the child of its first message's publisher; every other publisher gets a child
span of its own, linked to the batch span; what is published while the batch is current, or from
a message's own span, continues that trace.
"""

from types import SimpleNamespace

import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from civicpulse.messaging.publisher import Outgoing, Publisher
from civicpulse.messaging.tracing import TRACEPARENT, MessageSpans, span_of, traceparent


@pytest.fixture
def traced():
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    return provider.get_tracer("test"), exporter


def published_by(tracer, name: str):
    """A message as the bus delivers it, published under a span of its own trace."""
    with tracer.start_as_current_span(name) as span:
        message = SimpleNamespace(headers=Publisher._headers(Outgoing("s", b"", None)))
    return message, span.get_span_context()


def test_each_trace_of_a_batch_goes_on_through_it(traced):
    tracer, exporter = traced
    first, first_publisher = published_by(tracer, "call A")
    same_call = SimpleNamespace(headers=dict(first.headers))
    other, other_publisher = published_by(tracer, "call B")
    untraced = SimpleNamespace(headers=None)
    exporter.clear()

    with MessageSpans.open(tracer, "durable process", [first, same_call, other, untraced]) as spans:
        made_in_batch = Outgoing("next", b"", None)
        mine = {name: span_of(m) for name, m in [("first", first), ("same", same_call), ("other", other), ("none", untraced)]}

    finished = {s.context.span_id: s for s in exporter.get_finished_spans()}
    batch = finished[spans.batch.get_span_context().span_id]
    assert batch.context.trace_id == first_publisher.trace_id and batch.parent.span_id == first_publisher.span_id
    assert {link.context.span_id for link in batch.links} == {first_publisher.span_id, other_publisher.span_id}
    [own] = [s for s in finished.values() if s is not batch]
    assert own.context.trace_id == other_publisher.trace_id and own.parent.span_id == other_publisher.span_id
    assert [link.context.span_id for link in own.links] == [batch.context.span_id]
    assert mine["first"] is mine["same"] is mine["none"] is spans.batch and mine["other"] is spans.others[0]
    assert made_in_batch.traceparent == traceparent(batch.context)
    assert trace.get_current_span() is trace.INVALID_SPAN, "the batch is current only inside"


def test_a_message_carries_the_trace_it_was_made_in_not_the_one_it_is_published_in(traced):
    tracer, _ = traced
    with tracer.start_as_current_span("scoring call") as scoring:
        kept = Outgoing("scores", b"", "u1")
    with tracer.start_as_current_span("relay round"):
        headers = Publisher._headers(kept)
    assert headers[TRACEPARENT] == traceparent(scoring.get_span_context()) and headers["Nats-Msg-Id"] == "u1"
    assert Outgoing("s", b"", None).traceparent is None and TRACEPARENT not in Publisher._headers(Outgoing("s", b"", None))
