"""civicpulse-client against the real ingestion service (in-process, real NATS): any number of events
in batches of the service's size, typed answers, and refusals waited out as the server says."""

import time

import grpc
import pytest

from civicpulse.client import EventStatus, IngestionClient, SendFailed, Totals
from civicpulse.client.connection import CHANNEL_OPTIONS
from civicpulse.events.v1 import events_pb2
from factories import partner_event
from support import POLICE_TOKEN

pytestmark = pytest.mark.integration


async def client_of(app) -> IngestionClient:
    channel = grpc.aio.insecure_channel(f"127.0.0.1:{app.grpc.port}", options=CHANNEL_OPTIONS)
    return IngestionClient.from_channel(channel, POLICE_TOKEN)


async def events_on_the_bus(js) -> int:
    info = await js.stream_info("RAW")
    batches = [await js.get_msg("RAW", seq=s) for s in range(info.state.first_seq, info.state.last_seq + 1)]
    return sum(len(events_pb2.RawEventBatch.FromString(m.data).events) for m in batches)


async def test_thousands_of_events_in_the_services_batches_with_every_answer(start_ingestion, js):
    app = await start_ingestion(max_batch=500)
    events = [partner_event(f"many-{i}") for i in range(2500)]
    for i in (7, 1234, 2499):
        events[i].ClearField("location")  # an incident says where it happened
    events[11].partner_event_id = events[10].partner_event_id  # twice in one call
    try:
        async with await client_of(app) as client:
            # The client's batches of 1,000 are more than this service takes: it says so, with its
            # maximum, and the client sends 500 at a time from then on.
            result = await client.send(events)
            assert result.totals == Totals(accepted=2496, duplicate=1, rejected=3)
            assert (result.calls, result.attempts) == (5, 6)
            assert [e.partner_event_id for e in result.events] == [e.partner_event_id for e in events]
            assert [(r.partner_event_id, [(v.field, v.reason) for v in r.violations]) for r in result.rejected] == [
                (f"many-{i}", [("location", "required")]) for i in (7, 1234, 2499)
            ]
            assert result.by_id()["many-10"].status is EventStatus.ACCEPTED
            assert await events_on_the_bus(js) == 2496
            # Sending them all again is safe: each is recognised.
            again = await client.send(events, batch_size=500)
            assert again.totals == Totals(accepted=0, duplicate=2497, rejected=3) and again.attempts == 5
            assert await events_on_the_bus(js) == 2496
    finally:
        await app.stop()


@pytest.fixture
async def limited(start_ingestion):
    """The police may send 5 events a second, 10 at once, 10 per call."""
    return await start_ingestion(rate_limits={"houston-police": {"events_per_second": 5, "burst": 10}})


async def test_a_rate_limit_is_waited_out_as_the_server_says(limited):
    async with await client_of(limited) as client:
        started = time.monotonic()
        result = await client.send([partner_event(f"slow-{i}") for i in range(30)], batch_size=10)
        took = time.monotonic() - started
    assert result.totals == Totals(accepted=30) and result.calls == 3
    # Each of the last two calls was refused once with RetryInfo (2 s for 10 more tokens), then
    # went through at the first retry: the server's delay, not a guess.
    assert result.attempts == 5 and 3.5 <= took < 6


async def test_a_wait_longer_than_the_deadline_is_not_waited(limited):
    async with await client_of(limited) as client:
        started = time.monotonic()
        with pytest.raises(SendFailed) as caught:
            await client.send([partner_event(f"hurried-{i}") for i in range(30)], batch_size=10, deadline=1.0)
        assert time.monotonic() - started < 1.0
    failed = caught.value
    assert failed.error.code() == grpc.StatusCode.RESOURCE_EXHAUSTED and failed.error.refusal.reason == "RATE_LIMITED"
    assert 1.0 < failed.error.refusal.retry_delay <= 2.0 and failed.error.attempts == 1
    assert failed.answered.totals == Totals(accepted=10) and failed.unanswered == 20


async def test_backfill_answers_are_typed(limited):
    async def batches():
        yield 5, [partner_event("b1"), partner_event("b2", location=None)]
        yield 9, [partner_event("b3")]

    async with await client_of(limited) as client:
        answers = [a async for a in client.backfill_answers(batches(), timeout=30)]
    assert [(a.position, a.totals) for a in answers] == [(5, Totals(accepted=1, rejected=1)), (9, Totals(accepted=1))]
    assert answers[0].rejected[0].violations[0].reason == "required"
