"""Pseudonymisation and the feature store in-process on real NATS and PostgreSQL."""

from datetime import UTC, datetime, timedelta

import grpc
import numpy as np
import psycopg
import pytest
import yaml
from prometheus_client import REGISTRY

from civicpulse.devstack.keys import write_key_file
from civicpulse.events.v1 import events_pb2
from civicpulse.featurestore.v1 import feature_store_pb2 as fs
from civicpulse.featurestore.v1 import feature_store_pb2_grpc
from civicpulse.messaging.consumer import Item
from civicpulse.messaging.publisher import Outgoing, Publisher
from civicpulse.runtime.agreements import PartnerRegistry
from civicpulse.runtime.city import CityProfile
from factories import events_message, partner_event, pseudonymised_event, raw_message
from feature_store.app import FeatureStoreApp
from feature_store.settings import FeatureStoreSettings
from pseudonymisation.app import PseudonymisationApp
from pseudonymisation.consumer import RawEventHandler, unpack
from pseudonymisation.domain import Policy
from pseudonymisation.keys import Keyring
from pseudonymisation.scrubber import Scrubber
from pseudonymisation.settings import PseudonymisationSettings
from support import CONFIG, IN_PROCESS, SCORING_TOKEN, channel_as, eventually, scalar, ts

pytestmark = pytest.mark.integration
WITHHELD = "civicpulse_fields_withheld_total"
T0 = datetime(2010, 5, 3, 12, tzinfo=UTC)
CITY = CONFIG / "cities" / "houston.yaml"


def report(event_id: str, hours_before: float, **fields) -> events_pb2.PartnerEvent:
    """A police report `hours_before` T0, with an address pseudonymisation must not let through."""
    return partner_event(event_id, occurred_at=T0 - timedelta(hours=hours_before), address="secret street", **fields)


def raw_batch(*events: events_pb2.PartnerEvent) -> Outgoing:
    """A RAW message as ingestion publishes it at T0: the accepted events of one call."""
    return raw_message(*events, received_at=T0)


def raw(event_id, hours_before, **fields) -> Outgoing:
    return raw_batch(report(event_id, hours_before, **fields))


async def test_raw_events_become_stored_places_or_dead_letters(pipeline, js, database_url):
    writes = {"operation": "events"}
    timed_before = REGISTRY.get_sample_value("civicpulse_db_write_duration_seconds_count", writes) or 0
    publisher = Publisher(js)
    events = [report(f"e{i}", hours_before=i + 1) for i in range(30)]
    events.insert(12, report("far", 1, location=events_pb2.GeoPoint(latitude=37.3, longitude=-99.5)))
    await publisher.publish_batch([raw_batch(*events[:20]), raw_batch(*events[20:])])
    assert await eventually(lambda: _stored_is(database_url, 30))
    dead = await js.subscribe("deadletter.v1.>", ordered_consumer=True)
    record = events_pb2.DeadLetter.FromString((await dead.next_msg(timeout=5)).data)
    assert (record.stage, record.reason) == ("pseudonymisation", "outside_city_boundary")
    assert (record.stream, record.stream_sequence, record.event_index) == ("RAW", 1, 12)
    assert b"secret" not in record.SerializeToString() and record.event_key
    async with await psycopg.AsyncConnection.connect(database_url) as conn:
        cur = await conn.execute("SELECT DISTINCT cell, attributes::text FROM features.events")
        rows = await cur.fetchall()
    assert len(rows) == 1 and rows[0][0].startswith("88")  # one resolution-8 cell, no address anywhere
    # Each write transaction is timed once (a batch of events, not each event).
    timed = REGISTRY.get_sample_value("civicpulse_db_write_duration_seconds_count", writes) - timed_before
    assert 1 <= timed < len(events)
    assert REGISTRY.get_sample_value("civicpulse_db_write_duration_seconds_sum", writes) > 0
    # The RAW work queue is empty once everything is processed.
    assert await eventually(lambda: _raw_empty(js))


async def _stored_is(url, n):
    return await scalar(url, "SELECT count(*) FROM features.events") == n


async def _raw_empty(js):
    return (await js.stream_info("RAW")).state.messages == 0


async def test_a_redelivered_event_is_stored_once(pipeline, js, database_url):
    event = pseudonymised_event("k" * 32, occurred_at=T0, cell="88446c0a0bfffff")
    # Published twice without a message id, as a redelivery past the bus's duplicate window would be.
    publisher = Publisher(js)
    for _ in range(2):
        await publisher.publish(events_message(event))
    assert await eventually(lambda: _stored_is(database_url, 1))
    assert await eventually(lambda: _consumer_done(js))
    assert await scalar(database_url, "SELECT count(*) FROM features.events") == 1


async def _consumer_done(js):
    info = await js.consumer_info("EVENTS", "feature-store")
    return info.num_pending == 0 and info.num_ack_pending == 0 and info.delivered.stream_seq >= 2


async def test_feature_matrix_over_grpc(pipeline, js, database_url):
    await Publisher(js).publish_batch([raw(f"m{i}", hours_before=i + 1) for i in range(5)])
    assert await eventually(lambda: _stored_is(database_url, 5))
    async with channel_as(f"127.0.0.1:{pipeline.grpc.port}", SCORING_TOKEN) as channel:
        stub = feature_store_pb2_grpc.FeatureStoreServiceStub(channel)
        request = fs.GetFeatureMatrixRequest(issue_times=[ts(T0)], lead_days=list(range(1, 31)))
        chunks = [c async for c in stub.GetFeatureMatrix(request, timeout=60)]
        names = [f.name for f in chunks[0].features]
        assert {f.family for f in chunks[0].features} <= {f.name for f in chunks[0].families}
        cells = [c for chunk in chunks for c in chunk.cells]
        values = np.concatenate([np.frombuffer(chunk.values, "<f4") for chunk in chunks]).reshape(len(cells), len(names))
        # The study area: the events' cell and its six neighbours, for each of 30 days.
        assert len(chunks) > 1 and len(cells) == 7 * 30
        status = await stub.GetDataStatus(fs.GetDataStatusRequest(), timeout=5)
        assert status.events_stored == 5 and status.newest_event_at.ToDatetime(tzinfo=UTC) == T0 - timedelta(hours=1)
        assert status.oldest_target_event_at.ToDatetime(tzinfo=UTC) == T0 - timedelta(hours=5)
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            bad = fs.GetFeatureMatrixRequest(issue_times=[ts(T0)], lead_days=[0, 31], cells=["8826e1aaa9fffff"])
            [c async for c in stub.GetFeatureMatrix(bad, timeout=10)]
        assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert values[:, names.index("count_24h")].max() == 5.0


async def test_a_text_the_scrubber_cannot_handle_fails_closed(nats_url, js, database_url, tmp_path, monkeypatch):
    """A scrubber failure on one event: that event is dead-lettered with its partner id and the
    cause, never published raw; its neighbours go through, their texts scrubbed."""
    document = yaml.safe_load((CONFIG / "partners.yaml").read_text())
    kind = document["partners"]["houston-police"]["agreement"]["kinds"]["incident_report"]
    kind["fields"]["free_text"] = "scrub"
    kind["text"] = {"purpose": "Analysts read the reports to check their categories.", "retention_days": 7}
    partners = tmp_path / "partners.yaml"
    partners.write_text(yaml.safe_dump(document))
    write_key_file(tmp_path / "keys.yaml", partners)
    real_scrub = Scrubber.scrub

    def fragile(self, texts):
        if any("boom" in text for text in texts):
            raise RuntimeError("the scrubber broke")
        return real_scrub(self, texts)

    monkeypatch.setattr(Scrubber, "scrub", fragile)
    common = dict(grpc_host="127.0.0.1", **IN_PROCESS, grpc_port=0, nats_url=nats_url, city_profile=CITY)
    pseudo = PseudonymisationApp(PseudonymisationSettings(**common, partners_file=partners, keys_file=tmp_path / "keys.yaml"))
    store = FeatureStoreApp(FeatureStoreSettings(**common, database_url=database_url))
    await store.start()
    await pseudo.start()
    try:
        events = [report(f"s{i}", hours_before=i + 1) for i in range(3)]
        events[0].free_text = "Jean Dupont a appelé du 06 12 34 56 78"
        events[1].free_text = "boom 07 98 76 54 32"
        await Publisher(js).publish(raw_batch(*events))
        assert await eventually(lambda: _stored_is(database_url, 2))
        dead = await js.subscribe("deadletter.v1.>", ordered_consumer=True)
        record = events_pb2.DeadLetter.FromString((await dead.next_msg(timeout=10)).data)
    finally:
        await pseudo.stop()
        await store.stop()
    assert (record.reason, record.partner_event_id, record.partner) == ("unprocessable", "s1", "houston-police")
    assert record.detail == "RuntimeError" and b"07 98" not in record.SerializeToString()
    # The kept text lives apart from its event, scrubbed; the event itself carries none.
    assert await eventually(lambda: _texts_stored(database_url, 1))
    texts = await scalar(database_url, "SELECT string_agg(text, '|' ORDER BY text) FROM features.event_texts")
    assert texts == "<PERSON> a appelé du <PHONE>"
    keys = await scalar(
        database_url, "SELECT count(*) FROM features.event_texts t JOIN features.events e USING (event_key, partner)"
    )
    assert keys == 1


async def _texts_stored(url: str, count: int) -> bool:
    return await scalar(url, "SELECT count(*) FROM features.event_texts") == count


async def test_what_the_policy_withholds_is_counted(js, tmp_path):
    """Each field or attribute dropped for want of a policy, or for a value outside its declaration,
    is counted by partner and field (civicpulse_fields_withheld_total), once per batch published;
    an attribute no agreement names is counted under `attributes.*`, never under its own name."""
    write_key_file(tmp_path / "keys.yaml", CONFIG / "partners.yaml")
    policy = Policy(
        PartnerRegistry.load(CONFIG / "partners.yaml"), CityProfile.load(CITY), Keyring.load(tmp_path / "keys.yaml"), "1"
    )
    handler = RawEventHandler(policy, Scrubber(None), Publisher(js), lambda: T0)
    fields = ("address", "attributes.*", "attributes.caller", "attributes.premise")
    before = {f: REGISTRY.get_sample_value(WITHHELD, {"partner": "houston-police", "field": f}) or 0 for f in fields}
    events = [report(f"w{i}", hours_before=1) for i in range(3)]
    events[0].attributes["caller"] = "Jean Dupont"  # no policy
    events[1].attributes["premise"] = "chez Jean Dupont"  # outside the vocabulary
    await Publisher(js).publish(raw_batch(*events))
    subscription = await js.pull_subscribe("raw.v1.>", durable="withheld-test", stream="RAW")
    [message] = await subscription.fetch(1, timeout=5)
    await handler([Item(message, i, value) for i, value in enumerate(unpack(message))])
    counted = {
        f: (REGISTRY.get_sample_value(WITHHELD, {"partner": "houston-police", "field": f}) or 0) - before[f] for f in fields
    }
    assert counted == {"address": 3, "attributes.*": 1, "attributes.caller": 0, "attributes.premise": 1}
