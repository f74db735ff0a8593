"""Provisioning, deduplicating publisher and the pull consumer's ack / nak / term / dead-letter paths."""

import asyncio

import pytest
from nats.js.api import RetentionPolicy

from civicpulse.messaging.connection import connect, require_streams
from civicpulse.messaging.consumer import ACK, ConsumerSpec, PullConsumer, nak, term
from civicpulse.messaging.provision import provision
from civicpulse.messaging.publisher import Outgoing, Publisher
from civicpulse.messaging.streams import ALL_STREAMS, RAW, StreamSpec
from civicpulse.runtime.errors import FailedPrecondition

pytestmark = pytest.mark.integration


async def test_provisioning_creates_then_updates_every_stream(nats_server):
    nc = await connect(nats_server.url, "t")
    js = nc.jetstream()
    with pytest.raises(FailedPrecondition, match="RAW does not exist"):
        await require_streams(js, [RAW])
    assert await provision(js) == [f"created {s.name}" for s in ALL_STREAMS]
    assert await provision(js) == [f"updated {s.name}" for s in ALL_STREAMS]
    await require_streams(js, ALL_STREAMS)
    info = await js.stream_info("RAW")
    assert info.config.retention == RetentionPolicy.WORK_QUEUE and info.config.max_age == 86400
    await nc.close()


async def test_a_message_id_is_accepted_once(js, unique):
    publisher = Publisher(js)
    acks = await publisher.publish_batch(
        [
            Outgoing(f"raw.v1.p.{unique}", b"a", "p:1"),
            Outgoing(f"raw.v1.p.{unique}", b"b", "p:2"),
            Outgoing(f"raw.v1.p.{unique}", b"a", "p:1"),
        ]
    )
    assert [bool(a.duplicate) for a in acks] == [False, False, True]
    again = await publisher.publish(Outgoing(f"raw.v1.p.{unique}", b"a", "p:1"))
    assert again.duplicate
    assert (await js.stream_info("RAW")).state.messages == 2


async def test_consumer_acks_terms_and_dead_letters_exhausted_messages(js, unique):
    spec_stream = StreamSpec(f"T{unique}", (f"t{unique}.>",), RetentionPolicy.WORK_QUEUE, 600, 60, "test")
    await js.add_stream(spec_stream.config())
    publisher = Publisher(js)
    await publisher.publish_batch([Outgoing(f"t{unique}.x", body, None) for body in (b"good", b"poison", b"flaky")])

    seen: list[bytes] = []
    exhausted: list[tuple[bytes, str]] = []

    async def handler(batch):
        seen.extend(m.data for m in batch)
        return [ACK if m.data == b"good" else term("poison") if m.data == b"poison" else nak(0.05) for m in batch]

    async def on_exhausted(messages, reason):
        exhausted.extend((m.data, reason) for m in messages)

    spec = ConsumerSpec(
        stream=spec_stream.name,
        durable=f"c{unique}",
        filter_subject=f"t{unique}.>",
        ack_wait=2,
        max_deliver=3,
        backoff=(0.05, 0.05),
        batch_size=10,
    )
    consumer = PullConsumer(js, spec, handler, on_exhausted, fetch_timeout=0.2)
    await consumer.start()
    for _ in range(100):
        if exhausted:
            break
        await asyncio.sleep(0.1)
    await consumer.stop()
    assert seen.count(b"good") == 1 and seen.count(b"poison") == 1
    assert seen.count(b"flaky") == 3
    assert exhausted == [(b"flaky", "max_deliver_exceeded")]
    # Work queue: acked and terminated messages are gone; nothing is left waiting.
    assert (await js.stream_info(spec_stream.name)).state.messages == 0
