"""The demo scenario, end to end, against a running stack: replay, account, train, score, notify.

Used by `make demo` on the whole Houston data and by the end-to-end test on a slice of it.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime

import grpc
import psycopg
from google.protobuf.timestamp_pb2 import Timestamp

from civicpulse.devstack.callers import DISPATCH_APP, SCHEDULER, demo_token
from civicpulse.devstack.stack import LocalStack
from civicpulse.events.v1 import events_pb2
from civicpulse.lab.books import count_books
from civicpulse.lab.replay import ReplayTally, replay
from civicpulse.messaging.connection import BusAccess, connect
from civicpulse.messaging.topology import DEADLETTER
from civicpulse.notification.v1 import notification_pb2, notification_pb2_grpc
from civicpulse.runtime.access import CallerRegistry
from civicpulse.scoring.v1 import scoring_pb2, scoring_pb2_grpc

log = logging.getLogger(__name__)

# The Houston demo's partners (datasets/houston/sources.yaml). Demo-only tokens: the local stack's
# callers file holds their SHA-256 digests (devstack/callers.py).
POLICE = "houston-police"
EVENTS_OFFICE = "houston-events-office"
POLICE_TOKEN = demo_token(POLICE)
EVENTS_OFFICE_TOKEN = demo_token(EVENTS_OFFICE)
DISPATCH_APP_TOKEN = demo_token(DISPATCH_APP)


@dataclass
class Summary:
    events_sent: int = 0
    events_accepted: int = 0
    events_duplicate: int = 0
    events_rejected: dict[str, int] = field(default_factory=dict)
    # Per event id: accepted ids stored (once), dead-lettered, neither (lost), stored twice (doubled).
    events_stored: int = 0
    events_dead_lettered: int = 0
    events_lost: int = 0
    events_doubled: int = 0
    events_accounted: bool = False
    model_version: str = ""
    training_rows: int = 0
    model_status: str = ""
    gate_reason: str = ""
    # The active model's PAI@5 % against the best baseline per band: ratio and 95 % interval.
    model_ratios: dict[str, dict] = field(default_factory=dict)
    daily_scores_stored: int = 0
    card_json: str = field(default="", repr=False)
    card_markdown: str = field(default="", repr=False)
    cells_scored: int = 0
    scores_stored: int = 0
    zones_published: int = 0
    notifications_received: int = 0
    notifications_audited: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict:
        result = asdict(self)
        del result["card_json"], result["card_markdown"]  # written on their own as the model card
        return result


def bearer(token: str) -> tuple[tuple[str, str]]:
    return (("authorization", f"Bearer {token}"),)


def timestamp(moment: datetime) -> Timestamp:
    ts = Timestamp()
    ts.FromDatetime(moment)
    return ts


class DeadLetterTally:
    """Counts dead-letter records by stage and reason, from the DEADLETTER stream."""

    def __init__(self) -> None:
        self.reasons: Counter[str] = Counter()

    async def follow(self, bus: BusAccess):
        nc = await connect(bus, "demo-deadletters")

        async def count(message) -> None:
            record = events_pb2.DeadLetter.FromString(message.data)
            self.reasons[f"{record.stage}: {record.reason}"] += 1

        await nc.jetstream().subscribe(DEADLETTER.all_subjects, cb=count, ordered_consumer=True)
        return nc


async def stored_events(database_url: str) -> int:
    async with await psycopg.AsyncConnection.connect(database_url) as conn:
        cur = await conn.execute(
            "SELECT (SELECT count(*) FROM features.events) + (SELECT count(*) FROM features.scheduled_events)"
        )
        return (await cur.fetchone())[0]


async def audited_deliveries(database_url: str, subscriber: str) -> int:
    async with await psycopg.AsyncConnection.connect(database_url) as conn:
        cur = await conn.execute("SELECT count(*) FROM notification.deliveries WHERE subscriber = %s", (subscriber,))
        return (await cur.fetchone())[0]


async def run_scenario(
    stack: LocalStack,
    partners: list[tuple[str, Iterable[events_pb2.PartnerEvent]]],
    issue_time: datetime,
    min_risk_level: int = 3,
    test_days: int = 0,
    settle_timeout: float = 600.0,
    show: Callable[[notification_pb2.SubscribeResponse], None] = lambda n: None,
) -> Summary:
    summary = Summary()
    clock = time.monotonic
    dead = DeadLetterTally()
    dead_nc = await dead.follow(stack.bus_access())
    # The application calls with its token; the demo drives scoring as the scheduler would, proving
    # who it is with its client certificate on scoring's mutual-TLS port.
    async with (
        stack.endpoint("notification").channel() as notify_channel,
        stack.endpoint("scoring", certificate=SCHEDULER).channel() as scoring_channel,
    ):
        notifications = notification_pb2_grpc.NotificationServiceStub(notify_channel)
        await notifications.CreateSubscription(
            notification_pb2.CreateSubscriptionRequest(min_risk_level=min_risk_level),
            metadata=bearer(DISPATCH_APP_TOKEN),
            timeout=10,
        )
        received: list[notification_pb2.SubscribeResponse] = []
        stream = notifications.Subscribe(notification_pb2.SubscribeRequest(), metadata=bearer(DISPATCH_APP_TOKEN))

        async def listen() -> None:
            async for note in stream:
                received.append(note)
                show(note)

        listener = asyncio.create_task(listen())
        try:
            started = clock()
            callers = CallerRegistry.of(stack.callers)
            tallies: dict[str, ReplayTally] = {}
            for token, events in partners:
                tally = await replay(stack.endpoint("ingestion"), token, events)
                tallies.setdefault(callers.authenticate(bearer(token)).id, ReplayTally()).merge(tally)
            tally = ReplayTally()
            for each in tallies.values():
                tally.merge(each)
            summary.seconds["replay"] = round(clock() - started, 2)
            summary.events_sent, summary.events_accepted, summary.events_duplicate = tally.sent, tally.accepted, tally.duplicate

            # Every accepted event ends stored or dead-lettered: wait until the books balance.
            started = clock()
            deadline = clock() + settle_timeout
            while True:
                summary.events_stored = await stored_events(stack.database_url)
                if summary.events_stored + sum(dead.reasons.values()) >= summary.events_accepted or clock() > deadline:
                    break
                await asyncio.sleep(0.5)
            summary.seconds["settle"] = round(clock() - started, 2)
            # The books, event id by event id: stored once, or dead-lettered with a reason.
            books = await count_books(stack, tallies)
            summary.events_stored, summary.events_dead_lettered = books.stored, books.dead_lettered
            summary.events_lost, summary.events_doubled = books.lost, books.doubled
            summary.events_rejected = {f"ingestion: {k}": v for k, v in sorted(tally.rejected.items())}
            summary.events_rejected.update(books.dead_letter_reasons)
            summary.events_accounted = books.balanced

            scoring = scoring_pb2_grpc.ScoringServiceStub(scoring_channel)
            started = clock()
            trained = await scoring.TrainModel(
                scoring_pb2.TrainModelRequest(issue_time=timestamp(issue_time), test_days=test_days), timeout=1800
            )
            summary.seconds["train"] = round(clock() - started, 2)
            summary.model_version, summary.training_rows = trained.model_version, trained.training_rows
            summary.model_status = scoring_pb2.ModelStatus.Name(trained.status).removeprefix("MODEL_STATUS_").lower()
            summary.gate_reason = trained.gate_reason
            # The card of the version that scores: this one if it passed the gate, else the one still active.
            active = trained.model_version if trained.status == scoring_pb2.MODEL_STATUS_ACTIVE else ""
            try:
                card = json.loads((await scoring.GetModelCard(scoring_pb2.GetModelCardRequest(model_version=active))).card_json)
            except grpc.aio.AioRpcError:
                card = {"bands": {}}  # no version is active
            trained_card = await scoring.GetModelCard(scoring_pb2.GetModelCardRequest(model_version=trained.model_version))
            summary.card_json, summary.card_markdown = trained_card.card_json, trained_card.card_markdown
            summary.model_ratios = {
                band: {k: entry["pai5"][k] for k in ("model", "best_baseline", "best_baseline_name", "ratio", "ratio_ci95")}
                for band, entry in card["bands"].items()
                if entry.get("measured", True)
            }

            if trained.status != scoring_pb2.MODEL_STATUS_ACTIVE:
                # Nothing scores but the active version: with none, there is nothing to score or notify.
                return summary
            started = clock()
            scored = await scoring.ScoreCells(scoring_pb2.ScoreCellsRequest(issue_time=timestamp(issue_time)), timeout=900)
            summary.seconds["score"] = round(clock() - started, 2)
            summary.cells_scored, summary.scores_stored = scored.cells_scored, scored.scores_stored
            summary.daily_scores_stored = scored.daily_scores_stored
            summary.zones_published = scored.zones_published

            # Notifications: wait until every audited delivery has reached the subscriber.
            started = clock()
            deadline = clock() + 60
            stable_since, last = clock(), -1
            while clock() < deadline:
                audited = await audited_deliveries(stack.database_url, DISPATCH_APP)
                if audited != last:
                    stable_since, last = clock(), audited
                if len(received) >= audited and clock() - stable_since > 2.0:
                    break
                await asyncio.sleep(0.25)
            summary.seconds["notify"] = round(clock() - started, 2)
            summary.notifications_audited = last
            summary.notifications_received = len(received)
        finally:
            listener.cancel()
            await asyncio.gather(listener, return_exceptions=True)
            await dead_nc.close()
    return summary
