"""What ingestion counts: events by partner, kind, outcome and reason, once per call; when each
partner and kind last sent; how often their agreements expect them; a summary of each call's
rejections in the log, without an id or a value."""

import logging
import uuid

import grpc
import pytest
from prometheus_client import REGISTRY

from civicpulse.ingestion.v1 import ingestion_pb2 as pb
from civicpulse.ingestion.v1 import ingestion_pb2_grpc
from factories import INGESTION_NOW, partner_event
from support import POLICE

pytestmark = pytest.mark.integration

PARTNER = "houston-police"
KIND = "incident_report"


def sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def events_counted(outcome: str, reason: str = "") -> float:
    return sample("civicpulse_events_total", partner=PARTNER, kind=KIND, outcome=outcome, reason=reason)


async def test_a_call_s_events_are_counted_by_outcome_and_reason(ingestion_app, caplog):
    caplog.set_level(logging.INFO, logger="ingestion.accept")
    prefix = uuid.uuid4().hex[:8]
    outcomes = [("accepted", ""), ("duplicate", ""), ("rejected", "required"), ("rejected", "unknown_category")]
    before = {key: events_counted(*key) for key in outcomes}
    tidied_before = sample("civicpulse_attributes_tidied_total", partner=PARTNER, reason="line_breaks_normalised")
    tidied = partner_event(f"{prefix}-c")
    tidied.attributes["beat"] = "15E\n30"
    events = [
        partner_event(f"{prefix}-a"),
        partner_event(f"{prefix}-a"),  # twice in one call: the second is a duplicate
        partner_event(f"{prefix}-b", location=None),  # where it happened is required
        partner_event(f"{prefix}-secret-id", category="jaywalking"),  # not a category of the city
        tidied,
    ]
    async with grpc.aio.insecure_channel(f"127.0.0.1:{ingestion_app.grpc.port}") as channel:
        reply = await ingestion_pb2_grpc.IngestionServiceStub(channel).IngestEvents(
            pb.IngestEventsRequest(events=events), metadata=POLICE, timeout=10
        )
    assert (reply.accepted, reply.duplicates, reply.rejected) == (2, 1, 2)
    counted = {key: events_counted(*key) - before[key] for key in outcomes}
    assert counted == {
        ("accepted", ""): 2,
        ("duplicate", ""): 1,
        ("rejected", "required"): 1,
        ("rejected", "unknown_category"): 1,
    }
    assert sample("civicpulse_attributes_tidied_total", partner=PARTNER, reason="line_breaks_normalised") - tidied_before == 1
    # When the newest event was received (the service's clock), and how often the agreement expects one.
    assert (
        sample("civicpulse_partner_last_event_received_timestamp_seconds", partner=PARTNER, kind=KIND)
        == INGESTION_NOW.timestamp()
    )
    assert sample("civicpulse_partner_expected_interval_seconds", partner=PARTNER, kind=KIND) == 6 * 3600
    assert sample("civicpulse_partner_expected_interval_seconds", partner="houston-weather", kind="weather_forecast") == 3 * 3600
    # One summary line for the call's rejections: counts by reason, never an event's id or value.
    [line] = [r for r in caplog.records if r.name == "ingestion.accept"]
    assert line.levelno == logging.INFO
    assert line.fields == {"partner": PARTNER, "events": 5, "rejected": {"required": 1, "unknown_category": 1}}
    assert prefix not in line.getMessage() and "jaywalking" not in line.getMessage()


async def test_a_call_without_rejections_logs_no_summary_and_an_unknown_kind_is_counted_as_such(ingestion_app, caplog):
    caplog.set_level(logging.INFO, logger="ingestion.accept")
    prefix = uuid.uuid4().hex[:8]
    labels = {"partner": PARTNER, "kind": "unknown", "outcome": "rejected", "reason": "required"}
    before = sample("civicpulse_events_total", **labels)
    async with grpc.aio.insecure_channel(f"127.0.0.1:{ingestion_app.grpc.port}") as channel:
        stub = ingestion_pb2_grpc.IngestionServiceStub(channel)
        await stub.IngestEvents(pb.IngestEventsRequest(events=[partner_event(f"{prefix}-a")]), metadata=POLICE, timeout=10)
        assert not [r for r in caplog.records if r.name == "ingestion.accept"]
        unknown = partner_event(f"{prefix}-b")
        unknown.kind = 999  # a kind this version of the API does not know
        reply = await stub.IngestEvents(pb.IngestEventsRequest(events=[unknown]), metadata=POLICE, timeout=10)
    assert reply.results[0].status == pb.EVENT_STATUS_REJECTED
    assert sample("civicpulse_events_total", **labels) - before == 1
