"""Provisioning, deduplicating publisher and the pull consumer's ack / nak / term / dead-letter paths."""

import asyncio

import pytest
from nats.js.api import RetentionPolicy

from civicpulse.messaging.connection import connect, require_streams
from civicpulse.messaging.consumer import ACK, ConsumerSpec, PullConsumer, nak, term
from civicpulse.messaging.provision import provision
from civicpulse.messaging.publisher import Outgoing, Publisher
from civicpulse.messaging.topology import ALL_STREAMS, RAW, StreamSpec
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


async def work_queue(js, unique, bodies):
    spec_stream = StreamSpec(f"T{unique}", f"t{unique}", RetentionPolicy.WORK_QUEUE, 600, 60, "test")
    await js.add_stream(spec_stream.config())
    await Publisher(js).publish_batch([Outgoing(f"t{unique}.x", body, None) for body in bodies])
    return ConsumerSpec(
        stream=spec_stream.name,
        durable=f"c{unique}",
        filter_subject=f"t{unique}.>",
        ack_wait=2,
        retry_delays=(0.05, 0.1),
        batch_size=100,
    )


async def until(condition, timeout=20.0):
    for _ in range(int(timeout / 0.05)):
        if condition():
            return True
        await asyncio.sleep(0.05)
    return False


async def test_consumer_acks_terms_and_naks_per_message(js, unique):
    spec = await work_queue(js, unique, [b"good", b"rejected", b"later"])
    seen: list[bytes] = []

    async def handler(batch):
        seen.extend(i.message.data for i in batch)
        first_try = seen.count(b"later") == 1
        return [
            ACK
            if i.value.data == b"good"
            else term("rejected")
            if i.value.data == b"rejected"
            else nak(0.05)
            if first_try
            else ACK
            for i in batch
        ]

    async def no_poison(item, reason):
        raise AssertionError("nothing here is poison")

    consumer = PullConsumer(js, spec, handler, no_poison, fetch_timeout=0.2)
    await consumer.start()
    assert await until(lambda: seen.count(b"later") == 2)
    await consumer.stop()
    assert seen.count(b"good") == 1 and seen.count(b"rejected") == 1
    # Work queue: acked and terminated messages are gone; nothing is left waiting.
    assert (await js.stream_info(spec.stream)).state.messages == 0


async def test_one_poison_message_is_isolated_and_the_rest_of_its_batch_goes_through(js, unique):
    bodies = [f"ok-{i}".encode() for i in range(40)]
    bodies.insert(23, b"poison")
    spec = await work_queue(js, unique, bodies)
    stored: list[bytes] = []
    poisoned: list[tuple[bytes, int, str]] = []

    async def handler(batch):
        if any(i.message.data == b"poison" for i in batch):  # like a database refusing one row of a transaction
            raise ValueError("cannot store this batch")
        stored.extend(i.message.data for i in batch)
        return [ACK for _ in batch]

    async def on_poison(item, reason):
        poisoned.append((item.message.data, item.message.metadata.sequence.stream, reason))

    consumer = PullConsumer(js, spec, handler, on_poison, fetch_timeout=0.2)
    await consumer.start()
    assert await until(lambda: len(stored) == 40 and poisoned)
    await consumer.stop()
    assert sorted(stored) == sorted(bodies[:23] + bodies[24:])
    assert poisoned == [(b"poison", 24, "ValueError")]  # its stream sequence, for inspection and replay
    assert (await js.stream_info(spec.stream)).state.messages == 0


async def test_a_transient_failure_is_retried_as_long_as_it_lasts_and_never_dead_lettered(js, unique):
    spec = await work_queue(js, unique, [b"a", b"b", b"c"])
    attempts = [0]
    stored: list[bytes] = []

    async def handler(batch):
        attempts[0] += 1
        if attempts[0] <= 12:  # far more tries than any fixed max_deliver would allow
            raise OSError("database unreachable")
        stored.extend(i.message.data for i in batch)
        return [ACK for _ in batch]

    async def on_poison(item, reason):
        raise AssertionError(f"a transient failure was dead-lettered: {reason}")

    consumer = PullConsumer(js, spec, handler, on_poison, fetch_timeout=0.2)
    await consumer.start()
    assert await until(lambda: sorted(stored) == [b"a", b"b", b"c"], timeout=30)
    await consumer.stop()
    info = await js.consumer_info(spec.stream, spec.durable)
    # The ack wait is the one configured (no BackOff list to replace it), deliveries unlimited.
    assert info.config.ack_wait == 2 and not info.config.backoff and info.config.max_deliver == -1


async def test_a_long_batch_is_not_redelivered_while_it_is_handled(js, unique):
    spec = await work_queue(js, unique, [b"slow"])
    calls = [0]

    async def handler(batch):
        calls[0] += 1
        await asyncio.sleep(5)  # 2.5 times the ack wait: progress reports keep it ours
        return [ACK for _ in batch]

    async def on_poison(item, reason):
        raise AssertionError("not poison")

    consumer = PullConsumer(js, spec, handler, on_poison, fetch_timeout=0.2)
    await consumer.start()
    assert await until(lambda: calls[0] == 1)
    await asyncio.sleep(7)
    await consumer.stop()
    assert calls[0] == 1 and (await js.stream_info(spec.stream)).state.messages == 0


async def test_the_loop_survives_its_own_errors_and_says_when_it_is_stuck(js, unique):
    spec = await work_queue(js, unique, [b"x"])
    handled = asyncio.Event()

    async def handler(batch):
        handled.set()
        return [ACK for _ in batch]

    async def on_poison(item, reason):
        raise AssertionError("not poison")

    consumer = PullConsumer(js, spec, handler, on_poison, fetch_timeout=0.2, stall_seconds=1.0)
    # A crash of the loop itself, outside any handler, restarts it instead of ending it silently.
    real_process = consumer._process

    async def crash_once(batch):
        consumer._process = real_process
        raise RuntimeError("a bug in the loop")

    consumer._process = crash_once
    await consumer.start()
    assert await until(lambda: consumer.restarts == 1)
    await asyncio.wait_for(handled.wait(), timeout=10)  # the message came back after the ack wait
    assert await until(consumer.healthy)
    # A loop stuck in a handler is reported, so health turns NOT_SERVING and liveness restarts the pod.
    await Publisher(js).publish(Outgoing(f"t{unique}.x", b"stuck", None))
    stuck = asyncio.Event()

    async def hang(batch):
        await stuck.wait()
        return [ACK for _ in batch]

    consumer.handler = hang
    assert await until(lambda: not consumer.healthy(), timeout=10)
    stuck.set()
    await consumer.stop()


async def test_a_poison_event_inside_a_message_is_isolated_and_its_neighbours_go_through(js, unique):
    """Messages carry several events: the bad one is dead-lettered alone, with its position."""
    spec = await work_queue(js, unique, [b"a,b,c", b"d,poison,e,f", b"g"])
    stored: list[str] = []
    poisoned: list[tuple[int, int, str]] = []

    async def handler(items):
        if any(i.value == "poison" for i in items):
            raise ValueError("cannot store this batch")
        stored.extend(i.value for i in items)
        return [ACK for _ in items]

    async def on_poison(item, reason):
        poisoned.append((item.message.metadata.sequence.stream, item.index, reason))

    def unpack(message):
        if message.data == b"g":
            return []  # a message with nothing in it is done with
        return message.data.decode().split(",")

    consumer = PullConsumer(js, spec, handler, on_poison, unpack=unpack, fetch_timeout=0.2)
    await consumer.start()
    assert await until(lambda: len(stored) == 6 and poisoned)
    await consumer.stop()
    assert sorted(stored) == ["a", "b", "c", "d", "e", "f"]
    assert poisoned == [(2, 1, "ValueError")]
    # Every message is settled: acked (its good events stored, the bad one dead-lettered) or empty.
    assert (await js.stream_info(spec.stream)).state.messages == 0


async def test_a_message_that_cannot_be_unpacked_is_poison_as_a_whole(js, unique):
    spec = await work_queue(js, unique, [b"ok", b"\xff"])
    stored: list[str] = []
    poisoned: list[tuple[bytes, object, str]] = []

    async def handler(items):
        stored.extend(i.value for i in items)
        return [ACK for _ in items]

    async def on_poison(item, reason):
        poisoned.append((item.message.data, item.value, reason))

    consumer = PullConsumer(js, spec, handler, on_poison, unpack=lambda m: [m.data.decode()], fetch_timeout=0.2)
    await consumer.start()
    assert await until(lambda: stored and poisoned)
    await consumer.stop()
    assert stored == ["ok"] and poisoned == [(b"\xff", None, "UnicodeDecodeError")]
    assert (await js.stream_info(spec.stream)).state.messages == 0
