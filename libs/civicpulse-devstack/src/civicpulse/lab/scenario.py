"""The demo scenario, end to end, against a running stack: replay, account, train, score, notify.

Used by `make demo` on the whole Houston data and by the end-to-end test on a slice of it.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime

import grpc
import psycopg
from google.protobuf.timestamp_pb2 import Timestamp

from civicpulse.devstack.callers import DISPATCH_APP, SCHEDULER, demo_token
from civicpulse.devstack.stack import LocalStack
from civicpulse.events.v1 import events_pb2
from civicpulse.lab.books import count_books
from civicpulse.lab.jobs import progress_line
from civicpulse.lab.jobs import train as train_and_wait
from civicpulse.lab.replay import ReplayTally, replay
from civicpulse.messaging.connection import BusAccess, connect
from civicpulse.messaging.topology import DEADLETTER
from civicpulse.notification.v1 import notification_pb2, notification_pb2_grpc
from civicpulse.runtime.access import CallerRegistry
from civicpulse.runtime.model_card import Band, ModelCard, to_plain
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
    # The version just trained, promoted or not: per band, how it was judged and its PAI@5 %.
    trained_model_bands: dict[str, dict] = field(default_factory=dict)
    # What the mappings noted in the partners' files: rows that made no event, by file and the rule
    # that left them out; times a daylight-saving change made odd, by field and how they were resolved.
    mapping_notes: dict[str, int] = field(default_factory=dict)
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
    progress: Callable[[str], None] = lambda line: print(line, flush=True),
    noted: Counter | None = None,
) -> Summary:
    """The stages in order: an application subscribes; partners replay; the books balance; scoring
    trains and judges; if a version is active, it scores and the application is notified.
    `noted` is the counter the partners' events fill as their mappings read the files (rows left
    out by rule, times a clock change made odd)."""
    summary = Summary()
    dead = DeadLetterTally()
    dead_nc = await dead.follow(stack.bus_access())
    # The application calls with its token; the demo drives scoring as the scheduler would, proving
    # who it is with its client certificate on scoring's mutual-TLS port.
    async with (
        stack.endpoint("notification").channel() as notify_channel,
        stack.endpoint("scoring", certificate=SCHEDULER).channel() as scoring_channel,
    ):
        subscriber = await Subscriber.start(notify_channel, min_risk_level, show)
        scoring = scoring_pb2_grpc.ScoringServiceStub(scoring_channel)
        try:
            with stage(summary, "replay"):
                tallies = await replay_partners(stack, partners, summary, progress)
                summary.mapping_notes = dict(sorted((noted or {}).items()))
            with stage(summary, "settle"):
                await settle(stack, tallies, dead, summary, settle_timeout)
            with stage(summary, "train"):
                trained = await train(scoring, issue_time, test_days, summary, progress)
            if trained.status != scoring_pb2.MODEL_STATUS_ACTIVE:
                # Nothing scores but the active version: with none, there is nothing to score or notify.
                return summary
            with stage(summary, "score"):
                await score(scoring, issue_time, summary)
            with stage(summary, "notify"):
                await subscriber.all_delivered(stack, summary)
        finally:
            await subscriber.stop()
            await dead_nc.close()
    return summary


def replay_line(number: int, partner: str, tally: ReplayTally, done: bool = False) -> str:
    rejected = sum(tally.rejected.values())
    state = "done" if done else "..."
    return (
        f"  replaying source {number} ({partner}): {tally.sent} events sent, {tally.accepted} accepted,"
        f" {tally.duplicate} duplicate, {rejected} rejected {state}"
    )


@contextmanager
def stage(summary: Summary, name: str):
    """Times one stage into summary.seconds."""
    started = time.monotonic()
    try:
        yield
    finally:
        summary.seconds[name] = round(time.monotonic() - started, 2)


@dataclass
class Subscriber:
    """The dispatch application: subscribed at the start, listening to its stream throughout."""

    received: list[notification_pb2.SubscribeResponse]
    listener: asyncio.Task

    @classmethod
    async def start(cls, channel, min_risk_level: int, show: Callable[[notification_pb2.SubscribeResponse], None]):
        notifications = notification_pb2_grpc.NotificationServiceStub(channel)
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

        return cls(received, asyncio.create_task(listen()))

    async def all_delivered(self, stack: LocalStack, summary: Summary, timeout: float = 60.0) -> None:
        """Waits until every audited delivery has reached the subscriber (and the count stays put)."""
        clock = time.monotonic
        deadline = clock() + timeout
        stable_since, last = clock(), -1
        while clock() < deadline:
            audited = await audited_deliveries(stack.database_url, DISPATCH_APP)
            if audited != last:
                stable_since, last = clock(), audited
            if len(self.received) >= audited and clock() - stable_since > 2.0:
                break
            await asyncio.sleep(0.25)
        summary.notifications_audited = last
        summary.notifications_received = len(self.received)

    async def stop(self) -> None:
        self.listener.cancel()
        await asyncio.gather(self.listener, return_exceptions=True)


async def replay_partners(
    stack: LocalStack,
    partners: list[tuple[str, Iterable[events_pb2.PartnerEvent]]],
    summary: Summary,
    progress: Callable[[str], None] = lambda line: None,
) -> dict[str, ReplayTally]:
    """Each partner's events through ingestion with its token; the tallies per partner. Says how
    far each source has got as it goes (`progress`), every few seconds and at its end."""
    callers = CallerRegistry.of(stack.callers)
    tallies: dict[str, ReplayTally] = {}
    for number, (token, events) in enumerate(partners, 1):
        partner = callers.authenticate(bearer(token)).id
        tally = await replay(
            stack.endpoint("ingestion"), token, events, on_progress=lambda t, p=partner, n=number: progress(replay_line(n, p, t))
        )
        progress(replay_line(number, partner, tally, done=True))
        tallies.setdefault(partner, ReplayTally()).merge(tally)
    total = ReplayTally()
    for each in tallies.values():
        total.merge(each)
    summary.events_sent, summary.events_accepted, summary.events_duplicate = total.sent, total.accepted, total.duplicate
    summary.events_rejected = {f"ingestion: {k}": v for k, v in sorted(total.rejected.items())}
    return tallies


async def settle(
    stack: LocalStack, tallies: dict[str, ReplayTally], dead: DeadLetterTally, summary: Summary, timeout: float
) -> None:
    """Every accepted event ends stored or dead-lettered: waits until the books balance, then
    counts them event id by event id (stored once, or dead-lettered with a reason)."""
    deadline = time.monotonic() + timeout
    while True:
        summary.events_stored = await stored_events(stack.database_url)
        if summary.events_stored + sum(dead.reasons.values()) >= summary.events_accepted or time.monotonic() > deadline:
            break
        await asyncio.sleep(0.5)
    books = await count_books(stack, tallies)
    summary.events_stored, summary.events_dead_lettered = books.stored, books.dead_lettered
    summary.events_lost, summary.events_doubled = books.lost, books.doubled
    summary.events_rejected.update(books.dead_letter_reasons)
    summary.events_accounted = books.balanced


async def train(
    scoring, issue_time: datetime, test_days: int, summary: Summary, progress: Callable[[str], None] = lambda line: None
):
    """Trains and judges a version as the scheduler would, saying how the job goes; the card of the
    version that scores."""
    trained = await train_and_wait(
        scoring,
        scoring_pb2.TrainModelRequest(issue_time=timestamp(issue_time), test_days=test_days),
        on_progress=lambda job: progress(f"  training: {progress_line(job)}"),
        timeout=1800,
    )
    summary.model_version, summary.training_rows = trained.model_version, trained.training_rows
    summary.model_status = scoring_pb2.ModelStatus.Name(trained.status).removeprefix("MODEL_STATUS_").lower()
    summary.gate_reason = trained.gate_reason
    # The card of the version that scores: this one if it passed the gate, else the one still active.
    active = trained.model_version if trained.status == scoring_pb2.MODEL_STATUS_ACTIVE else ""
    try:
        reply = await scoring.GetModelCard(scoring_pb2.GetModelCardRequest(model_version=active))
        bands = ModelCard.from_json(reply.card_json).bands
    except grpc.aio.AioRpcError:
        bands = {}  # no version is active
    trained_card = await scoring.GetModelCard(scoring_pb2.GetModelCardRequest(model_version=trained.model_version))
    summary.card_json, summary.card_markdown = trained_card.card_json, trained_card.card_markdown
    summary.model_ratios = {band: pai5_figures(entry) for band, entry in bands.items() if entry.measured}
    summary.trained_model_bands = {
        band: {**{k: v for k, v in to_plain(entry).items() if not isinstance(v, dict | list)}, "pai5": pai5_figures(entry)}
        for band, entry in ModelCard.from_json(trained_card.card_json).bands.items()
    }
    return trained


def pai5_figures(band: Band) -> dict:
    """The band's PAI@5 %: model, best baseline, their ratio and its interval (not every baseline)."""
    return {k: v for k, v in to_plain(band.pai5).items() if k != "baselines"}


async def score(scoring, issue_time: datetime, summary: Summary) -> None:
    scored = await scoring.ScoreCells(scoring_pb2.ScoreCellsRequest(issue_time=timestamp(issue_time)), timeout=900)
    summary.cells_scored, summary.scores_stored = scored.cells_scored, scored.scores_stored
    summary.daily_scores_stored = scored.daily_scores_stored
    summary.zones_published = scored.zones_published
