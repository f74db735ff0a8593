"""The ingestion service in-process on a real gRPC port and a real NATS server."""

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from civicpulse.events.v1 import events_pb2
from civicpulse.ingestion.v1 import ingestion_pb2 as pb
from civicpulse.ingestion.v1 import ingestion_pb2_grpc
from factories import partner_event
from ingestion.domain import batch_id
from support import POLICE

pytestmark = pytest.mark.integration


@pytest.fixture
async def ingestion(ingestion_app):
    async with grpc.aio.insecure_channel(f"127.0.0.1:{ingestion_app.grpc.port}") as channel:
        yield channel


async def test_health_reports_serving(ingestion):
    reply = await health_pb2_grpc.HealthStub(ingestion).Check(health_pb2.HealthCheckRequest(), timeout=5)
    assert reply.status == health_pb2.HealthCheckResponse.SERVING


async def test_each_event_gets_its_status_in_order(ingestion, js):
    stub = ingestion_pb2_grpc.IngestionServiceStub(ingestion)
    request = pb.IngestEventsRequest(
        events=[partner_event("a"), partner_event("b", location=None), partner_event("a"), partner_event("c")]
    )
    reply = await stub.IngestEvents(request, metadata=POLICE, timeout=10)
    assert [r.status for r in reply.results] == [
        pb.EVENT_STATUS_ACCEPTED,
        pb.EVENT_STATUS_REJECTED,
        pb.EVENT_STATUS_DUPLICATE,
        pb.EVENT_STATUS_ACCEPTED,
    ]
    assert [(v.field, v.reason) for v in reply.results[1].violations] == [("location", "required")]
    assert (reply.accepted, reply.duplicates, reply.rejected) == (2, 1, 1)
    # A retry of the whole call is safe: everything already accepted comes back as duplicate.
    retry = await stub.IngestEvents(
        pb.IngestEventsRequest(events=[partner_event("a"), partner_event("c")]), metadata=POLICE, timeout=10
    )
    assert retry.duplicates == 2
    # The accepted events of a call travel together: one message, in call order.
    info = await js.stream_info("RAW")
    assert info.state.messages == 1
    message = await js.get_msg("RAW", seq=info.state.first_seq)
    assert message.subject == "raw.v1.houston-police.incident_report"
    batch = events_pb2.RawEventBatch.FromString(message.data)
    assert message.headers["Nats-Msg-Id"] == batch_id("houston-police", batch)
    assert (batch.partner, [e.partner_event_id for e in batch.events]) == ("houston-police", ["a", "c"])
    # Resent in another call, an event is accepted again; the store keeps its first copy.
    again = await stub.IngestEvents(
        pb.IngestEventsRequest(events=[partner_event("a"), partner_event("d")]), metadata=POLICE, timeout=10
    )
    assert again.accepted == 2


async def test_one_bad_event_never_fails_the_call_and_unknown_fields_are_dropped(ingestion, js):
    """A time no datetime can hold, once the whole call's INTERNAL, is now one event's violation;
    a field this API does not know is dropped, said, and not forwarded."""
    from google.protobuf.internal import encoder

    beyond = partner_event("far")
    beyond.occurred_at.seconds = 253402300800  # year 10000
    extra = events_pb2.PartnerEvent.FromString(
        partner_event("extra").SerializeToString() + encoder.TagBytes(999, 2) + encoder._VarintBytes(5) + b"hello"
    )
    # protobuf keeps an unknown field when it serializes: the server receives field 999.
    request = pb.IngestEventsRequest(events=[partner_event("fine"), beyond, extra])
    reply = await ingestion_pb2_grpc.IngestionServiceStub(ingestion).IngestEvents(request, metadata=POLICE, timeout=10)
    assert [r.status for r in reply.results] == [pb.EVENT_STATUS_ACCEPTED, pb.EVENT_STATUS_REJECTED, pb.EVENT_STATUS_ACCEPTED]
    assert [(v.field, v.reason) for v in reply.results[1].violations] == [("occurred_at", "out_of_range")]
    assert [(n.field, n.reason) for n in reply.results[2].notices] == [("#999", "unknown_field")]
    info = await js.stream_info("RAW")
    batch = events_pb2.RawEventBatch.FromString((await js.get_msg("RAW", seq=info.state.last_seq)).data)
    assert [e.partner_event_id for e in batch.events] == ["fine", "extra"]
    assert b"hello" not in batch.SerializeToString()


async def test_an_attribute_with_a_line_break_is_tidied_alone_and_its_event_kept(ingestion, js):
    """A line break in an attribute value once rejected the whole event: now the value is
    normalised (or, with another control character, dropped), the partner told in notices."""
    broken = partner_event("multi-line")
    broken.attributes["premise"] = "road / street\r\n / sidewalk"
    broken.attributes["beat"] = "12D10\x00"
    reply = await ingestion_pb2_grpc.IngestionServiceStub(ingestion).IngestEvents(
        pb.IngestEventsRequest(events=[broken]), metadata=POLICE, timeout=10
    )
    assert reply.results[0].status == pb.EVENT_STATUS_ACCEPTED
    assert sorted((n.field, n.reason) for n in reply.results[0].notices) == [
        ("attributes[beat]", "control_characters"),
        ("attributes[premise]", "line_breaks_normalised"),
    ]
    info = await js.stream_info("RAW")
    batch = events_pb2.RawEventBatch.FromString((await js.get_msg("RAW", seq=info.state.last_seq)).data)
    assert dict(batch.events[0].attributes) == {"premise": "road / street / sidewalk"}


async def test_unknown_partners_are_refused(ingestion):
    stub = ingestion_pb2_grpc.IngestionServiceStub(ingestion)
    for metadata in ((), (("authorization", "Bearer stolen"),)):
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await stub.IngestEvents(pb.IngestEventsRequest(events=[partner_event("x")]), metadata=metadata, timeout=5)
        assert caught.value.code() == grpc.StatusCode.UNAUTHENTICATED


async def test_an_oversized_batch_is_refused_with_a_reason(ingestion):
    stub = ingestion_pb2_grpc.IngestionServiceStub(ingestion)
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.IngestEvents(
            pb.IngestEventsRequest(events=[partner_event(str(i)) for i in range(11)]), metadata=POLICE, timeout=5
        )
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "at most 10 events" in caught.value.details()


class WithMetadata(grpc.StreamStreamClientInterceptor):
    def __init__(self, metadata) -> None:
        self._metadata = metadata

    def intercept_stream_stream(self, continuation, details, requests):
        return continuation(details._replace(metadata=self._metadata), requests)


async def test_reflection_lists_the_api_and_health_to_anyone(ingestion_app):
    """The schemas are the published protos; a caller with a wrong token reads them, makes its call,
    and hears why that is refused (a refused reflection reads as "service not found")."""
    import asyncio

    from grpc_reflection.v1alpha.proto_reflection_descriptor_database import ProtoReflectionDescriptorDatabase

    def services(metadata) -> set[str]:
        with grpc.insecure_channel(f"127.0.0.1:{ingestion_app.grpc.port}") as plain:
            channel = grpc.intercept_channel(plain, WithMetadata(metadata))
            return set(ProtoReflectionDescriptorDatabase(channel).get_services())

    for metadata in (POLICE, (), (("authorization", "Bearer misspelt"),)):
        assert {"civicpulse.ingestion.v1.IngestionService", "grpc.health.v1.Health"} <= await asyncio.to_thread(
            services, metadata
        )


def retry_delay(error: grpc.aio.AioRpcError) -> float:
    """The RetryInfo the server attached to its status, in seconds."""
    from google.rpc import error_details_pb2, status_pb2

    details = dict(error.trailing_metadata())["grpc-status-details-bin"]
    for detail in status_pb2.Status.FromString(details).details:
        if detail.Is(error_details_pb2.RetryInfo.DESCRIPTOR):
            info = error_details_pb2.RetryInfo()
            detail.Unpack(info)
            return info.retry_delay.ToMilliseconds() / 1000
    raise AssertionError("no RetryInfo")


@pytest.fixture
async def limited_ingestion(start_ingestion):
    """Ingestion whose police partner may send 5 events per second, 10 at once."""
    app = await start_ingestion(rate_limits={"houston-police": {"events_per_second": 5, "burst": 10}})
    async with grpc.aio.insecure_channel(f"127.0.0.1:{app.grpc.port}") as channel:
        yield channel


async def test_a_partner_over_its_rate_is_told_when_to_retry(limited_ingestion):
    stub = ingestion_pb2_grpc.IngestionServiceStub(limited_ingestion)
    first = await stub.IngestEvents(
        pb.IngestEventsRequest(events=[partner_event(f"r{i}") for i in range(8)]), metadata=POLICE, timeout=10
    )
    assert first.accepted == 8
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.IngestEvents(
            pb.IngestEventsRequest(events=[partner_event(f"s{i}") for i in range(8)]), metadata=POLICE, timeout=10
        )
    assert caught.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
    assert 0.5 < retry_delay(caught.value) <= 1.3  # 6 more tokens at 5 a second, less the time since


async def test_a_partner_whose_share_of_the_bus_is_full_is_told_to_retry(ingestion, js):
    """RAW is bounded per partner and kind: a flood from one partner stops at its own bound."""
    config = (await js.stream_info("RAW")).config
    config.max_msgs_per_subject = 1
    await js.update_stream(config)
    stub = ingestion_pb2_grpc.IngestionServiceStub(ingestion)
    assert (
        await stub.IngestEvents(pb.IngestEventsRequest(events=[partner_event("b1")]), metadata=POLICE, timeout=10)
    ).accepted == 1
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.IngestEvents(pb.IngestEventsRequest(events=[partner_event("b2")]), metadata=POLICE, timeout=10)
    assert caught.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED and retry_delay(caught.value) == 5.0
    assert "houston-police" in caught.value.details()


async def _batches(batches):
    for position, events in batches:
        yield pb.BackfillEventsRequest(position=position, events=events)


async def test_backfill_answers_each_batch_in_order_with_its_position(ingestion, js):
    stub = ingestion_pb2_grpc.IngestionServiceStub(ingestion)
    batches = [
        (10, [partner_event("h1"), partner_event("h2")]),
        (20, [partner_event("h3", location=None), partner_event("h4")]),
        (30, [partner_event("h1"), partner_event("h5")]),  # h1 again, in another batch: accepted, stored once
    ]
    answers = [a async for a in stub.BackfillEvents(_batches(batches), metadata=POLICE, timeout=30)]
    assert [a.position for a in answers] == [10, 20, 30]
    assert [(a.answer.accepted, a.answer.duplicates, a.answer.rejected) for a in answers] == [(2, 0, 0), (1, 0, 1), (2, 0, 0)]
    assert [(v.field, v.reason) for v in answers[1].answer.results[0].violations] == [("location", "required")]
    # The same stream sent again (a resumed load that overlaps): each batch is recognised.
    again = [a async for a in stub.BackfillEvents(_batches(batches), metadata=POLICE, timeout=30)]
    assert [a.answer.duplicates for a in again] == [2, 1, 2]
    assert (await js.stream_info("RAW")).state.messages == 3


async def test_backfill_keeps_to_the_agreement_rate_instead_of_refusing(limited_ingestion):
    import time

    stub = ingestion_pb2_grpc.IngestionServiceStub(limited_ingestion)
    batches = [(i, [partner_event(f"p{i}-{j}") for j in range(10)]) for i in range(3)]  # 30 events at 5/s, 10 at once
    started = time.monotonic()
    answers = [a async for a in stub.BackfillEvents(_batches(batches), metadata=POLICE, timeout=30)]
    assert [a.answer.accepted for a in answers] == [10, 10, 10]
    assert time.monotonic() - started >= 3.5  # the burst, then 20 more at 5 a second


async def test_backfill_is_for_partners_and_bounded_per_batch(ingestion):
    stub = ingestion_pb2_grpc.IngestionServiceStub(ingestion)
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        [a async for a in stub.BackfillEvents(_batches([(1, [partner_event("x")])]), timeout=10)]
    assert caught.value.code() == grpc.StatusCode.UNAUTHENTICATED
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        too_many = [(1, [partner_event(f"t{i}") for i in range(11)])]  # the fixture allows 10 per batch
        [a async for a in stub.BackfillEvents(_batches(too_many), metadata=POLICE, timeout=10)]
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT and "at most 10" in caught.value.details()
