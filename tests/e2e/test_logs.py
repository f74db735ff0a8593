"""The logs of a run of the whole stack, as a platform team reads them: every line a service writes
is one JSON object; each call has its line (method, caller, status, duration, counts, trace id),
each settled batch its acknowledgement line; and no line holds an identifier that was sent (names,
phones, e-mails, plates, addresses, the partners' event ids) nor a secret (tokens, bus passwords,
pseudonymisation keys).

The events put identifiers in every string field, as a mistaken integration of the demo's call
centre would (test_no_identifier_leaks.py searches the database, the bus and every file the same
way). gRPC's C core writes its own diagnostics to stderr, which the local stack keeps in the same file:
those lines are not the service's and are left out of the JSON check (not of the search).
"""

from __future__ import annotations

import asyncio
import json
import re
from datetime import UTC, datetime, timedelta

import grpc
import pytest
from google.protobuf.timestamp_pb2 import Timestamp
from metrics_support import console_status

from civicpulse.devstack.callers import demo_token
from civicpulse.devstack.stack import LocalStack
from civicpulse.events.v1 import events_pb2
from civicpulse.ingestion.v1 import ingestion_pb2, ingestion_pb2_grpc
from civicpulse.lab.replay import replay
from civicpulse.messaging import topology
from civicpulse.runtime.catalogue import SERVICES
from support import bearer, eventually, scalar

pytestmark = pytest.mark.e2e
INGEST = "/civicpulse.ingestion.v1.IngestionService/IngestEvents"
PARTNER = "houston-311"  # the demo's call centre: its agreement drops contacts and addresses, keeps signals
TOKEN = demo_token(PARTNER)
# Made-up identifiers, each spelt as a partner would send it.
IDENTIFIERS = {
    "person": ["Marguerite Oyelaran-Fitzpatrick"],
    "phone": ["+1 713 555 0142", "7135550142"],
    "email": ["m.oyelaran@example.org"],
    "plate": ["TXK-4821"],
    "street": ["4412 Westheimer Rd"],
    "birth date": ["1961-03-27"],
}
SENT = 20
# A line of gRPC's C core (absl log format): "I1208 00:55:46.956339   19143 file.cc:1403] ...".
GRPC_CORE = re.compile(r"^[IWEF]\d{4} \d\d:\d\d:\d\d\.\d+\s+\d+ \S+:\d+\] ")


def calls() -> list[events_pb2.PartnerEvent]:
    """Requests with an identifier in each string field, and one refused at the door (an e-mail as its category)."""
    occurred = Timestamp()
    occurred.FromDatetime(datetime.now(UTC) - timedelta(hours=2))
    person, phone, email = IDENTIFIERS["person"][0], IDENTIFIERS["phone"][0], IDENTIFIERS["email"][0]
    text = (
        f"{person} (born {IDENTIFIERS['birth date'][0]}) calls about a loud party at {IDENTIFIERS['street'][0]}, "
        f"car {IDENTIFIERS['plate'][0]} blocking the street; call back on {phone} or {email}"
    )
    events = [
        events_pb2.PartnerEvent(
            partner_event_id=f"req-{number}-{IDENTIFIERS['phone'][1]}",
            kind=events_pb2.EVENT_KIND_CITIZEN_REQUEST,
            category="noise",
            occurred_at=occurred,
            location=events_pb2.GeoPoint(latitude=29.7604 + number * 1e-4, longitude=-95.3698),
            address=f"{IDENTIFIERS['street'][0]}, Houston TX 77027",
            free_text=text,
            contact=events_pb2.Contact(name=person, phone=phone, email=email),
            count=1,
        )
        for number in range(SENT)
    ]
    refused = events_pb2.PartnerEvent(
        partner_event_id="req-category", kind=events_pb2.EVENT_KIND_CITIZEN_REQUEST, category=email, occurred_at=occurred
    )
    refused.location.CopyFrom(events[0].location)
    return [*events, refused]


def entries(name: str, text: str) -> list[dict]:
    """The service's lines, each a JSON object (the C core's lines left out)."""
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or GRPC_CORE.match(line):
            continue
        try:
            found.append(json.loads(line))
        except ValueError:
            pytest.fail(f"{name}'s log, line {number}, is not JSON: {line[:300]}")
    return found


async def test_every_line_is_json_every_call_is_logged_and_no_line_holds_an_identifier_or_a_secret(tmp_path):
    sent = calls()
    stack = LocalStack(tmp_path / "stack")
    stolen = "a-stolen-token-0123456789"
    async with stack:
        tally = await replay(stack.endpoint("ingestion"), TOKEN, sent)
        assert (tally.accepted, sum(tally.rejected.values())) == (SENT, 1)
        async with stack.endpoint("ingestion").channel() as channel:
            with pytest.raises(grpc.aio.AioRpcError) as refused:
                await ingestion_pb2_grpc.IngestionServiceStub(channel).IngestEvents(
                    ingestion_pb2.IngestEventsRequest(events=sent[:1]), metadata=bearer(stolen), timeout=10
                )
            assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED
        assert await asyncio.to_thread(console_status, stack, "/api/session") == 401
        assert await eventually(lambda: _stored(stack.database_url, SENT), timeout=60)
        await asyncio.sleep(1.0)  # the last batches' lines written
        logs = {name: process.log_path.read_text(encoding="utf-8", errors="replace") for name, process in stack.processes.items()}
        secrets = [TOKEN, stolen, *stack.bus_passwords.values(), *stack.keys.values()]
    lines = {name: entries(name, text) for name, text in logs.items()}
    assert set(lines) == {spec.name for spec in SERVICES}
    for name, found in lines.items():
        assert found and all(e["service"] == name and e["level"] and e["message"] is not None for e in found), name

    # Each call: one line with its method, caller, status, duration and counts, in its trace.
    ingest = [e for e in lines["ingestion"] if e["logger"] == "civicpulse.calls" and e["method"] == INGEST]
    accepted = [e for e in ingest if e["code"] == "OK"]
    assert accepted and all(e["caller"] == PARTNER and e["duration_ms"] >= 0 and e.get("trace_id") for e in accepted)
    assert sum(e["request_items"] for e in accepted) == sum(e["response_items"] for e in accepted) == len(sent)
    [unknown] = [e for e in ingest if e["code"] == "UNAUTHENTICATED"]
    assert unknown["caller"] is None and "request_items" not in unknown  # refused before its request was read
    assert not any(e.get("method", "").startswith("/grpc.health") for found in lines.values() for e in found)
    [session] = [e for e in lines["console"] if e["logger"] == "civicpulse.calls"]
    assert (session["method"], session["code"], session["caller"]) == ("GET /api/session", "401", None)

    # Each settled batch: the acknowledgement line of its durable, whose items add up.
    for bus in topology.BUS:
        for sub in bus.subscriptions:
            batches = [e for e in lines[bus.service] if e.get("durable") == sub.durable and e.get("stream") == sub.stream.name]
            if sub.stream in (topology.RAW, topology.EVENTS):
                assert sum(e["items"] for e in batches if e["naked"] == 0) >= SENT, (sub, batches)
                assert all(e["messages"] == e["acked"] + e["naked"] + e["termed"] + e["acknowledgement_failed"] for e in batches)

    # Not one identifier sent, nor one secret, in any line of any service (the C core's included).
    needles = [v for values in IDENTIFIERS.values() for v in values] + [e.partner_event_id for e in sent] + secrets
    found = {name: [n for n in needles if n.lower() in text.lower()] for name, text in logs.items()}
    assert {name: hits for name, hits in found.items() if hits} == {}


async def _stored(url: str, count: int) -> bool:
    return await scalar(url, "SELECT count(*) FROM features.events") == count
