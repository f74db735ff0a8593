"""The bus, declared once: each stream with its subjects, each service's subscriptions and what
it publishes.

Provisioning creates these streams; each service checks the streams it uses exist at start
(`streams_of`); the NATS permissions (`permissions.py`) are derived from the subscriptions and
publications below; services bind a subscription to its handler and decoder next to the
handler (`Subscriber`). No subject is written anywhere else: the builders below make them.
"""

from __future__ import annotations

from dataclasses import dataclass

from nats.js.api import DiscardPolicy, RetentionPolicy, StorageType, StreamConfig

from civicpulse.messaging.consumer import ConsumerSpec, PullConsumer, Unpack, whole

HOUR = 3600.0
DAY = 24 * HOUR


def subject_token(text: str) -> str:
    """Makes a value safe as one subject token (no dots, spaces or wildcards)."""
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in text) or "_"


@dataclass(frozen=True)
class StreamSpec:
    name: str
    root: str  # every subject of the stream is <root>.<tokens...>
    retention: RetentionPolicy
    max_age: float
    duplicate_window: float
    description: str
    # Bounds: -1 is none. With `bounded_per_subject`, a subject at its bound refuses new messages
    # (one partner's flood cannot fill the stream for the others) instead of dropping old ones.
    max_bytes: int = -1
    max_msgs_per_subject: int = -1
    bounded_per_subject: bool = False

    @property
    def all_subjects(self) -> str:
        return f"{self.root}.>"

    @property
    def subjects(self) -> tuple[str, ...]:
        return (self.all_subjects,)

    def subject(self, *tokens: str) -> str:
        """One subject of this stream, each token made safe."""
        return ".".join((self.root, *(subject_token(t) for t in tokens)))

    def config(self, replicas: int = 1) -> StreamConfig:
        return StreamConfig(
            name=self.name,
            description=self.description,
            subjects=list(self.subjects),
            retention=self.retention,
            max_age=self.max_age,
            duplicate_window=self.duplicate_window,
            storage=StorageType.FILE,
            discard=DiscardPolicy.NEW if self.bounded_per_subject else DiscardPolicy.OLD,
            discard_new_per_subject=self.bounded_per_subject,
            max_bytes=self.max_bytes,
            max_msgs_per_subject=self.max_msgs_per_subject,
            num_replicas=replicas,
        )


# Raw partner data may hold personal data: a work queue, read only by pseudonymisation, kept at
# most a day. Its duplicate window spans that day so a partner's retry is never accepted twice.
# Bounded per subject (raw.v1.<partner>.<kind>): 20,000 messages of up to a call each, and 4 GiB
# in all; beyond, ingestion answers RESOURCE_EXHAUSTED and the partner retries later.
RAW = StreamSpec(
    "RAW",
    "raw.v1",
    RetentionPolicy.WORK_QUEUE,
    DAY,
    DAY,
    "Raw partner events (personal data; work queue)",
    max_bytes=4 << 30,
    max_msgs_per_subject=20_000,
    bounded_per_subject=True,
)
EVENTS = StreamSpec("EVENTS", "events.v1", RetentionPolicy.LIMITS, 30 * DAY, 2 * HOUR, "Pseudonymised events")
# Free-form text an agreement keeps for a declared purpose, strictly scrubbed: apart from EVENTS,
# and kept hours, not days (the feature store holds it for the agreement's short text retention).
TEXTS = StreamSpec(
    "TEXTS", "texts.v1", RetentionPolicy.LIMITS, 6 * HOUR, 2 * HOUR, "Scrubbed free text kept for a declared purpose"
)
SCORES = StreamSpec("SCORES", "scores.v1", RetentionPolicy.LIMITS, 7 * DAY, 2 * HOUR, "Risk updates per zone")
NOTIFICATIONS = StreamSpec(
    "NOTIFICATIONS", "notify.v1", RetentionPolicy.LIMITS, 7 * DAY, 2 * HOUR, "Notifications per subscriber"
)
DEADLETTER = StreamSpec(
    "DEADLETTER", "deadletter.v1", RetentionPolicy.LIMITS, 30 * DAY, 2 * HOUR, "Rejected events: reason only, no payload"
)

ALL_STREAMS: tuple[StreamSpec, ...] = (RAW, EVENTS, TEXTS, SCORES, NOTIFICATIONS, DEADLETTER)


# What each message is published on.
def raw_subject(partner_id: str, kind: str) -> str:
    """A partner's call's events of one kind: bounded per subject, so per partner and kind."""
    return RAW.subject(partner_id, kind)


def events_subject(kind: str, category: str) -> str:
    return EVENTS.subject(kind, category)


def texts_subject(kind: str) -> str:
    return TEXTS.subject(kind)


def scores_subject(zone: str) -> str:
    return SCORES.subject(zone)


def notify_subject(subscriber: str) -> str:
    return NOTIFICATIONS.subject(subscriber)


def deadletter_subject(stage: str) -> str:
    """Each stage writes its dead letters under its own name (the service's)."""
    return DEADLETTER.subject(stage)


@dataclass(frozen=True)
class Subscription:
    """A service's durable consumer of a whole stream: the durable is the service's name."""

    service: str
    stream: StreamSpec
    # Whether an operator may replay its dead letters from the stream (never RAW: personal data).
    replayable: bool = True

    @property
    def durable(self) -> str:
        return self.service

    def spec(self, batch_size: int) -> ConsumerSpec:
        return ConsumerSpec(
            stream=self.stream.name, durable=self.durable, filter_subject=self.stream.all_subjects, batch_size=batch_size
        )


@dataclass(frozen=True)
class ServiceBus:
    """What one service does on the bus, as its NATS user."""

    service: str
    subscriptions: tuple[Subscription, ...] = ()
    publishes: tuple[StreamSpec, ...] = ()
    # Streams it reads per caller with ordered (ephemeral) consumers, e.g. a subscriber's notifications.
    streams_to_callers: tuple[StreamSpec, ...] = ()
    description: str = ""

    @property
    def dead_letters(self) -> bool:
        return DEADLETTER in self.publishes

    @property
    def streams(self) -> tuple[StreamSpec, ...]:
        """Every stream it touches, which must exist before it starts."""
        seen = [s.stream for s in self.subscriptions] + list(self.publishes) + list(self.streams_to_callers)
        return tuple(dict.fromkeys(seen))


PSEUDONYMISATION_READS_RAW = Subscription("pseudonymisation", RAW, replayable=False)
FEATURE_STORE_READS_EVENTS = Subscription("feature-store", EVENTS)
FEATURE_STORE_READS_TEXTS = Subscription("feature-store", TEXTS, replayable=False)
NOTIFICATION_READS_SCORES = Subscription("notification", SCORES)

BUS: tuple[ServiceBus, ...] = (
    ServiceBus("ingestion", publishes=(RAW,), description="publishes accepted partner events, raw, to RAW"),
    ServiceBus(
        "pseudonymisation",
        (PSEUDONYMISATION_READS_RAW,),
        (EVENTS, TEXTS, DEADLETTER),
        description="the only reader of RAW; publishes pseudonymised events and scrubbed texts",
    ),
    ServiceBus(
        "feature-store",
        (FEATURE_STORE_READS_EVENTS, FEATURE_STORE_READS_TEXTS),
        (DEADLETTER,),
        description="stores pseudonymised events and scrubbed texts",
    ),
    ServiceBus("scoring", publishes=(SCORES,), description="publishes risk updates per zone"),
    ServiceBus(
        "notification",
        (NOTIFICATION_READS_SCORES,),
        (NOTIFICATIONS, DEADLETTER),
        streams_to_callers=(NOTIFICATIONS,),
        description="turns risk updates into notifications per subscriber and streams them",
    ),
)

BUS_OF: dict[str, ServiceBus] = {bus.service: bus for bus in BUS}
SUBSCRIPTIONS: tuple[Subscription, ...] = tuple(s for bus in BUS for s in bus.subscriptions)


def streams_of(service: str) -> tuple[StreamSpec, ...]:
    """The streams `service` needs to exist at start."""
    return BUS_OF[service].streams


@dataclass(frozen=True)
class Subscriber:
    """A subscription bound to how its messages decode, declared next to the handler that takes them."""

    subscription: Subscription
    decode: Unpack = whole

    def consumer(self, js, handler, batch_size: int) -> PullConsumer:
        """A pull consumer delivering batches to `handler(items)`; poison goes to `handler.poisoned`."""
        return PullConsumer(js, self.subscription.spec(batch_size), handler, handler.poisoned, self.decode)
