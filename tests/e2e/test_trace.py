"""One trace per event path, exported over OTLP with TLS to the local stack's in-process receiver:
a partner's IngestEvents call, the bus messages of every hop, the rows the feature store writes,
and a score to the notification it caused.

What is parent/child and what is a link:

- IngestEvents (server span) -> RAW message (traceparent header) -> pseudonymisation's batch span
  -> EVENTS message -> feature store's batch span -> its database statements: parent/child all the
  way. A consumer's batch span is the child of its first message's publisher; each other
  publisher in the batch gets its own child span around the same settlement, linked to the batch
  span (messaging.tracing.MessageSpans). Events of several calls merged into one output message
  continue the first call's trace; the others' traces end at their own span, linked to it.
- ScoreCells (server span) -> outbox rows (each keeps the traceparent of the call that stored it)
  -> SCORES message -> notification's batch span -> "deliver risk update" (one per update) ->
  the subscriber's message on NOTIFICATIONS, which carries that span's traceparent: parent/child.
- A score reads aggregates of many events: it is neither a child of the events' traces nor linked
  to them. So that the test can follow one trace from a partner's call to a notification, it
  makes both calls in the same trace: it opens a root span ("partner session", exported to the
  same receiver) and sends its W3C traceparent as gRPC metadata on IngestEvents and on ScoreCells.
  Both server spans are children of that root; everything else hangs below them.
"""

import asyncio
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from opentelemetry import propagate
from opentelemetry.trace import SpanContext

from civicpulse.devstack.callers import SCHEDULER
from civicpulse.devstack.otlp_receiver import ReceivedSpan
from civicpulse.devstack.profiles import SHORT_HELD_OUT, profile_variant
from civicpulse.devstack.stack import LocalStack
from civicpulse.ingestion.v1 import ingestion_pb2, ingestion_pb2_grpc
from civicpulse.lab.replay import ReplayTally
from civicpulse.lab.scenario import POLICE, POLICE_TOKEN, Subscriber, Summary, bearer, replay_partners, timestamp, train
from civicpulse.lab.sources import city_sources
from civicpulse.messaging.connection import connect
from civicpulse.messaging.topology import NOTIFICATIONS
from civicpulse.messaging.tracing import TRACEPARENT, publisher_of
from civicpulse.runtime.telemetry import tracer_provider
from civicpulse.scoring.v1 import scoring_pb2, scoring_pb2_grpc

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(1200)]
# History enough to train a model that passes the gate (as tests/e2e/test_pipeline.py), then the
# partner's traced call: the next police events of the data.
SLICE = 45_000
TRACED = 200


async def until(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not await condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not after {timeout:.0f} s")
        await asyncio.sleep(0.25)


def ancestry(span: ReceivedSpan, by_id: dict[str, ReceivedSpan]) -> list[ReceivedSpan]:
    """The span and its parents up to its root, by parent ids; raises if a parent was never received."""
    chain = [span]
    while chain[-1].parent_span_id:
        parent = chain[-1].parent_span_id
        assert parent in by_id, f"{chain[-1].service} span {chain[-1].name!r} has a parent that no service exported"
        chain.append(by_id[parent])
    return chain


def hops(chain: list[ReceivedSpan]) -> list[tuple[str, str]]:
    return [(s.service, s.name) for s in reversed(chain)]


async def test_a_partner_call_and_the_notification_it_led_to_are_one_trace(tmp_path, monkeypatch):
    # Services export every 200 ms instead of every 5 s: the spans are in soon after the work.
    monkeypatch.setenv("OTEL_BSP_SCHEDULE_DELAY", "200")
    police = list(city_sources("houston").source(POLICE).events(SLICE + TRACED))
    history, traced = police[:SLICE], police[SLICE:]
    last = max(e.occurred_at.ToDatetime() for e in police)
    issue_time = datetime(last.year, last.month, last.day, tzinfo=ZoneInfo("America/Chicago"))
    stack = LocalStack(
        tmp_path / "stack",
        city_profile=profile_variant(LocalStack.city_profile, tmp_path, SHORT_HELD_OUT),
        overrides={"scoring": {"TRAINING_STEP_HOURS": "24"}},
        traces=True,
    )
    async with stack:
        receiver = stack.trace_receiver
        assert receiver.tls and stack.ca is not None
        # The partner's side of the trace, exported to the same receiver over TLS.
        session = tracer_provider("partner-session", stack.otlp_endpoint, tls=stack.tls_files("partner-session"))
        async with (
            stack.endpoint("notification").channel() as notify_channel,
            stack.endpoint("scoring", certificate=SCHEDULER).channel() as scoring_channel,
            stack.endpoint("ingestion").channel() as ingestion_channel,
        ):
            subscriber = await Subscriber.start(notify_channel, 2, lambda note: None)
            scoring = scoring_pb2_grpc.ScoringServiceStub(scoring_channel)
            try:
                summary = Summary()
                await replay_partners(stack, [(POLICE_TOKEN, history)], summary)
                accepted = summary.events_accepted
                await until(lambda: landed(stack, accepted), 300, "the history stored")
                trained = await train(scoring, issue_time, 0, summary)
                assert trained.status == scoring_pb2.MODEL_STATUS_ACTIVE, trained.gate_reason

                with session.get_tracer("test").start_as_current_span("partner session") as root:
                    carrier: dict[str, str] = {}
                    propagate.inject(carrier)
                    in_trace = tuple(carrier.items())
                    response = await ingestion_pb2_grpc.IngestionServiceStub(ingestion_channel).IngestEvents(
                        ingestion_pb2.IngestEventsRequest(events=traced), metadata=bearer(POLICE_TOKEN) + in_trace, timeout=60
                    )
                    tally = ReplayTally()
                    tally.add(response)
                    assert tally.accepted > 0, tally
                    await until(lambda: landed(stack, accepted + tally.accepted), 120, "the traced events stored")
                    await scoring.ScoreCells(
                        scoring_pb2.ScoreCellsRequest(issue_time=timestamp(issue_time)), metadata=in_trace, timeout=900
                    )
                    await subscriber.all_delivered(stack, summary)
                assert summary.notifications_received > 0
            finally:
                await subscriber.stop()
        assert session.force_flush(10_000)
        session.shutdown()
        trace_id = f"{root.get_span_context().trace_id:032x}"

        def in_trace_spans() -> list[ReceivedSpan]:
            return [s for s in receiver.spans() if s.trace_id == trace_id]

        async def stored_and_delivered() -> bool:
            # A batch span ends, and is exported, after the spans of its work: wait for parents too.
            spans = in_trace_spans()
            ids = {s.span_id for s in spans}
            if any(s.parent_span_id and s.parent_span_id not in ids for s in spans):
                return False
            names = {s.name for s in spans}
            stored = any(s.service == "feature-store" and s.attributes.get("db.system") == "postgresql" for s in spans)
            return stored and {"deliver risk update", "send notification"} <= names

        await until(stored_and_delivered, 30, "the services' spans exported")
        delivered = await notification_publishers(stack, [note.sequence for note in subscriber.received])

    spans = in_trace_spans()
    by_id = {s.span_id: s for s in spans}
    [session_root] = [s for s in spans if not s.parent_span_id]
    assert (session_root.service, session_root.name) == ("partner-session", "partner session")
    # ONE connected trace: every span of it reaches the partner session's root through parent ids.
    for span in spans:
        assert ancestry(span, by_id)[-1] is session_root

    # The partner's call -> RAW -> pseudonymisation -> EVENTS -> the feature store's statements.
    stored = [s for s in spans if s.service == "feature-store" and s.attributes.get("db.system") == "postgresql"]
    path = hops(ancestry(stored[0], by_id))
    services = [service for service, _ in path]
    assert path[1] == ("ingestion", "/civicpulse.ingestion.v1.IngestionService/IngestEvents"), path
    assert services.index("ingestion") < services.index("pseudonymisation") < services.index("feature-store"), path
    assert any(name.endswith(" process") for service, name in path if service == "pseudonymisation"), path

    # The score -> SCORES -> notification -> the notification as delivered to the subscriber.
    delivering = [s for s in spans if s.name == "deliver risk update"]
    path = hops(ancestry(delivering[0], by_id))
    assert path[1] == ("scoring", "/civicpulse.scoring.v1.ScoringService/ScoreCells"), path
    assert [service for service, _ in path][-2:] == ["notification", "notification"], path
    # What the subscriber received carries the trace on: the stream's message names its delivery span.
    assert {f"{p.span_id:016x}" for p in delivered if f"{p.trace_id:032x}" == trace_id} & {s.span_id for s in delivering}
    # ... and its last hop, the subscriber's stream, is in the trace under a delivery.
    sent = [s for s in spans if s.name == "send notification"]
    assert sent and all(s.service == "notification" and s.parent_span_id in {d.span_id for d in delivering} for s in sent)


async def landed(stack: LocalStack, count: int) -> bool:
    return await stack.events_landed() >= count


async def notification_publishers(stack: LocalStack, sequences: list[int]) -> list[SpanContext]:
    """The span that published each of these notifications, from their messages on the stream."""
    nc = await connect(stack.bus_access(), "trace-test")
    try:
        messages = [await nc.jetstream().get_msg(NOTIFICATIONS.name, sequence) for sequence in sequences]
    finally:
        await nc.close()
    assert all(m.headers and TRACEPARENT in m.headers for m in messages), "every notification carries its trace"
    return [publisher_of(m.headers) for m in messages]
