"""Every stream the platform uses, declared once in code. Provisioning creates them; services check them."""

from __future__ import annotations

from dataclasses import dataclass

from nats.js.api import DiscardPolicy, RetentionPolicy, StorageType, StreamConfig

HOUR = 3600.0
DAY = 24 * HOUR


@dataclass(frozen=True)
class StreamSpec:
    name: str
    subjects: tuple[str, ...]
    retention: RetentionPolicy
    max_age: float
    duplicate_window: float
    description: str
    # Bounds: -1 is none. With `bounded_per_subject`, a subject at its bound refuses new messages
    # (one partner's flood cannot fill the stream for the others) instead of dropping old ones.
    max_bytes: int = -1
    max_msgs_per_subject: int = -1
    bounded_per_subject: bool = False

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
    ("raw.v1.>",),
    RetentionPolicy.WORK_QUEUE,
    DAY,
    DAY,
    "Raw partner events (personal data; work queue)",
    max_bytes=4 << 30,
    max_msgs_per_subject=20_000,
    bounded_per_subject=True,
)
EVENTS = StreamSpec("EVENTS", ("events.v1.>",), RetentionPolicy.LIMITS, 30 * DAY, 2 * HOUR, "Pseudonymised events")
# Free-form text an agreement keeps for a declared purpose, strictly scrubbed: apart from EVENTS,
# and kept hours, not days (the feature store holds it for the agreement's short text retention).
TEXTS = StreamSpec(
    "TEXTS", ("texts.v1.>",), RetentionPolicy.LIMITS, 6 * HOUR, 2 * HOUR, "Scrubbed free text kept for a declared purpose"
)
SCORES = StreamSpec("SCORES", ("scores.v1.>",), RetentionPolicy.LIMITS, 7 * DAY, 2 * HOUR, "Risk updates per zone")
NOTIFICATIONS = StreamSpec(
    "NOTIFICATIONS", ("notify.v1.>",), RetentionPolicy.LIMITS, 7 * DAY, 2 * HOUR, "Notifications per subscriber"
)
DEADLETTER = StreamSpec(
    "DEADLETTER", ("deadletter.v1.>",), RetentionPolicy.LIMITS, 30 * DAY, 2 * HOUR, "Rejected events: reason only, no payload"
)

ALL_STREAMS: tuple[StreamSpec, ...] = (RAW, EVENTS, TEXTS, SCORES, NOTIFICATIONS, DEADLETTER)


def subject_token(text: str) -> str:
    """Makes a value safe as one subject token (no dots, spaces or wildcards)."""
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in text) or "_"
