"""The feature store's consumer under poison input and a database outage, on real NATS and PostgreSQL:
one bad event is dead-lettered alone with its cause and sequence, and an outage loses nothing."""

import asyncio
import time
from datetime import UTC, datetime, timedelta

import psycopg
import pytest

from civicpulse.db.migrate import migrate
from civicpulse.devstack.postgres import PostgresServer
from civicpulse.events.v1 import events_pb2
from civicpulse.messaging.publisher import Outgoing, Publisher
from factories import events_message, pseudonymised_event
from feature_store.app import FeatureStoreApp
from feature_store.settings import FeatureStoreSettings
from support import CONFIG, IN_PROCESS, eventually, scalar

pytestmark = pytest.mark.integration
T0 = datetime(2010, 5, 3, 12, tzinfo=UTC)


def pseudonymised(number: int, attributes: dict[str, str] | None = None) -> events_pb2.PseudonymisedEvent:
    """Event `number`: its key says its number, and it happened `number` minutes before T0."""
    return pseudonymised_event(
        f"key-{number:05d}", occurred_at=T0 - timedelta(minutes=number), attributes=attributes or {"premise": "parking lot"}
    )


def numbered(number: int) -> Outgoing:
    """Event `number` alone in an EVENTS message, its key as the message id."""
    return events_message(pseudonymised(number), msg_id=f"key-{number:05d}")


async def dead_letters(js) -> list[events_pb2.DeadLetter]:
    count = (await js.stream_info("DEADLETTER")).state.messages
    records = []
    for sequence in range(1, count + 1):
        records.append(events_pb2.DeadLetter.FromString((await js.get_msg("DEADLETTER", sequence)).data))
    return records


def store_settings(nats_url, database_url) -> FeatureStoreSettings:
    return FeatureStoreSettings(
        grpc_host="127.0.0.1",
        **IN_PROCESS,
        grpc_port=0,
        nats_url=nats_url,
        city_profile=CONFIG / "cities" / "houston.yaml",
        database_url=database_url,
        batch_size=100,
    )


async def test_one_unstorable_event_is_dead_lettered_alone_and_its_message_is_stored(nats_url, js, database_url):
    events = [pseudonymised(i) for i in range(60)]
    events[37] = pseudonymised(37, {"premise": "bad\x00value"})  # jsonb refuses \\u0000
    # Three messages of 20 events: the bad one is the 18th of the second.
    await Publisher(js).publish_batch([events_message(*events[k : k + 20]) for k in range(0, 60, 20)])
    store = FeatureStoreApp(store_settings(nats_url, database_url))
    await store.start()
    try:
        assert await eventually(lambda: _count(database_url, 59), timeout=60)
        assert await eventually(lambda: _has_dead_letter(js), timeout=30)
    finally:
        await store.stop()
    [record] = await dead_letters(js)
    assert record.stage == "feature-store" and record.reason == "unstorable"
    assert record.event_key == "key-00037" and record.partner == "houston-police"
    assert record.detail.startswith("UntranslatableCharacter") and "22P05" in record.detail
    assert (record.stream, record.stream_sequence, record.event_index) == ("EVENTS", 2, 17)
    assert await scalar(database_url, "SELECT count(*) FROM features.events WHERE event_key = 'key-00037'") == 0


async def test_a_database_outage_loses_nothing_and_dead_letters_nothing(nats_url, js, tmp_path):
    postgres = PostgresServer(tmp_path / "pg-outage")
    postgres.start()
    try:
        database_url = postgres.create_database("outage")
        await migrate(database_url)
        store = FeatureStoreApp(store_settings(nats_url, database_url))
        await store.start()
        try:
            await Publisher(js).publish_batch([numbered(i) for i in range(100)])
            assert await eventually(lambda: _count(database_url, 100), timeout=60)
            postgres.stop(keep_data=True)
            await Publisher(js).publish_batch([numbered(i) for i in range(100, 400)])
            await asyncio.sleep(20)  # many failed tries: far more than the old max_deliver allowed
            postgres.start()
            back = time.monotonic()
            assert await eventually(lambda: _count(database_url, 400), timeout=90)
            print(f"stored again {time.monotonic() - back:.1f} s after the database came back")
        finally:
            await store.stop()
        assert (await js.stream_info("DEADLETTER")).state.messages == 0
        assert await scalar(database_url, "SELECT count(DISTINCT event_key) FROM features.events") == 400
    finally:
        postgres.stop()


async def execute(database_url: str, statement: str) -> None:
    async with await psycopg.AsyncConnection.connect(database_url, autocommit=True) as conn:
        await conn.execute(statement)


async def _count(database_url: str, expected: int) -> bool:
    try:
        return await scalar(database_url, "SELECT count(*) FROM features.events") == expected
    except Exception:
        return False


async def _has_dead_letter(js) -> bool:
    return (await js.stream_info("DEADLETTER")).state.messages > 0


async def test_a_late_resend_with_another_time_keeps_the_first_copy(nats_url, js, database_url):
    first = numbered(7)
    corrected = pseudonymised(7)
    corrected.occurred_at.FromDatetime(T0 - timedelta(days=3))  # the partner corrected the time
    # A resend past the bus's duplicate window carries no message id the stream remembers.
    late = events_message(corrected)
    store = FeatureStoreApp(store_settings(nats_url, database_url))
    await store.start()
    try:
        await Publisher(js).publish_batch([first, numbered(8)])
        assert await eventually(lambda: _count(database_url, 2), timeout=30)
        # Thrice, twice in one message.
        await Publisher(js).publish_batch([late, late, events_message(corrected, pseudonymised(9))])
        assert await eventually(lambda: _count(database_url, 3), timeout=30)
        await asyncio.sleep(1.0)
    finally:
        await store.stop()
    assert await scalar(database_url, "SELECT count(*) FROM features.events WHERE event_key = 'key-00007'") == 1
    kept = await scalar(database_url, "SELECT occurred_at FROM features.events WHERE event_key = 'key-00007'")
    assert kept == T0 - timedelta(minutes=7)
    assert (await js.stream_info("DEADLETTER")).state.messages == 0


async def test_a_dead_letter_is_replayed_once_its_cause_is_fixed(nats_url, js, database_url):
    from civicpulse.messaging.replay_deadletters import dead_letters, replay

    store = FeatureStoreApp(store_settings(nats_url, database_url))
    await store.start()
    try:
        await execute(database_url, "ALTER TABLE features.events ADD CONSTRAINT no_rain CHECK (count < 5)")
        heavy = pseudonymised(1)
        heavy.count = 9  # refused by the (here, deliberately wrong) constraint: a bug in the store
        await Publisher(js).publish(events_message(pseudonymised(2), heavy))
        assert await eventually(lambda: _count(database_url, 1), timeout=30)
        assert await eventually(lambda: _has_dead_letter(js), timeout=30)
        [record] = await dead_letters(js, stage="feature-store")
        assert record.detail.startswith("CheckViolation") and (record.stream, record.event_index) == ("EVENTS", 1)
        await execute(database_url, "ALTER TABLE features.events DROP CONSTRAINT no_rain")  # the fix ships
        assert (await replay(js, [record])).replayed == 1
        assert await eventually(lambda: _count(database_url, 2), timeout=30)
        assert (await replay(js, [record])).replayed == 1  # a second replay stores nothing twice
        await asyncio.sleep(1.0)
    finally:
        await store.stop()
    assert await scalar(database_url, "SELECT count(*) FROM features.events") == 2
    assert await scalar(database_url, "SELECT count FROM features.events WHERE event_key = 'key-00001'") == 9


async def test_a_resend_after_a_key_rotation_is_still_a_duplicate(nats_url, js, database_url):
    """After a rotation the same event has a new key; it names its old one, which the store knows."""
    first = pseudonymised(11)
    rotated = pseudonymised(11)
    rotated.event_key, rotated.key_id = "rotated-key-00011", "police-2"
    rotated.also_known_as.append(first.event_key)
    store = FeatureStoreApp(store_settings(nats_url, database_url))
    await store.start()
    try:
        await Publisher(js).publish(events_message(first))
        assert await eventually(lambda: _count(database_url, 1), timeout=30)
        await Publisher(js).publish(events_message(rotated, pseudonymised(12)))
        assert await eventually(lambda: _count(database_url, 2), timeout=30)
        await asyncio.sleep(1.0)
    finally:
        await store.stop()
    assert await scalar(database_url, "SELECT count(*) FROM features.events WHERE event_key LIKE '%00011'") == 1
    assert await scalar(database_url, "SELECT count(*) FROM features.events WHERE event_key = 'rotated-key-00011'") == 0
