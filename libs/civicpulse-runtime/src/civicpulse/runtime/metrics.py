"""Every metric the platform exports, declared once, served on a Prometheus endpoint per process.

The chart's dashboard and alert rules name these families (a test checks them against a running
stack). Labels name places, partners, kinds, stages and reasons: never a person, a free text or
an event id, so that a label's values stay few and public. A process exports the families it
updates; the others stay empty (labelled) or at zero.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from prometheus_client import Counter, Gauge, Histogram

NAMESPACE = "civicpulse"

# Seconds: from a cache hit to a slow database write or a long training.
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)

# --- calls (every gRPC service and the console's HTTP API) ---
REQUESTS = Counter("requests", "Calls answered, by method and status code.", ["method", "code"], namespace=NAMESPACE)
REQUEST_SECONDS = Histogram(
    "request_duration_seconds", "Time to answer a call, by method.", ["method"], namespace=NAMESPACE, buckets=LATENCY_BUCKETS
)

# --- events at the door (ingestion) ---
# outcome: accepted | duplicate | rejected; reason: the rejection's reason code ("" otherwise).
EVENTS = Counter(
    "events",
    "Events received, by partner, kind, outcome and reason.",
    ["partner", "kind", "outcome", "reason"],
    namespace=NAMESPACE,
)
# A partner gone silent: time() minus this, against the agreement's expected interval below.
PARTNER_LAST_EVENT = Gauge(
    "partner_last_event_received_timestamp_seconds",
    "When the newest event of this partner and kind was received (Unix time).",
    ["partner", "kind"],
    namespace=NAMESPACE,
)
PARTNER_EXPECTED_INTERVAL = Gauge(
    "partner_expected_interval_seconds",
    "The longest a partner's agreement expects between two events of a kind.",
    ["partner", "kind"],
    namespace=NAMESPACE,
)
# Attributes tidied alone at the door (reason: line_breaks_normalised | control_characters), their events kept.
ATTRIBUTES_TIDIED = Counter(
    "attributes_tidied",
    "Partner attributes normalised or dropped, their events kept.",
    ["partner", "reason"],
    namespace=NAMESPACE,
)

# --- the bus (every consumer) ---
# A durable is named after its service, which may read several streams (feature-store: EVENTS and
# TEXTS): the stream tells them apart.
CONSUMER = ["stream", "durable"]
CONSUMER_PENDING = Gauge(
    "consumer_pending_messages", "Messages not yet delivered to a durable consumer.", CONSUMER, namespace=NAMESPACE
)
CONSUMER_ACK_PENDING = Gauge(
    "consumer_ack_pending_messages", "Messages delivered but not yet acknowledged, per durable.", CONSUMER, namespace=NAMESPACE
)
CONSUMER_REDELIVERIES = Counter(
    "consumer_redeliveries", "Messages delivered more than once, per durable.", CONSUMER, namespace=NAMESPACE
)
CONSUMER_HEALTHY = Gauge(
    "consumer_healthy", "1 while a consumer makes progress, 0 when it is stuck.", CONSUMER, namespace=NAMESPACE
)
DEAD_LETTERS = Counter(
    "dead_letters", "Items that left the pipeline, by stage and reason.", ["stage", "reason"], namespace=NAMESPACE
)

# --- the database ---
DB_WRITE_SECONDS = Histogram(
    "db_write_duration_seconds",
    "Time of a write transaction, by what it writes.",
    ["operation"],
    namespace=NAMESPACE,
    buckets=LATENCY_BUCKETS,
)

# --- pseudonymisation ---
FIELDS_WITHHELD = Counter(
    "fields_withheld", "Fields withheld by partner agreement, by partner and field.", ["partner", "field"], namespace=NAMESPACE
)

# --- the model (scoring) ---
MODEL_VERSION = Gauge("model_version", "The version of the model that scores (0: none).", namespace=NAMESPACE)
MODEL_TRAINED = Gauge("model_trained_timestamp_seconds", "When the scoring model was trained (Unix time).", namespace=NAMESPACE)
MODEL_RETRAIN_PERIOD = Gauge(
    "model_retrain_period_seconds", "How often the city profile says the model is retrained.", namespace=NAMESPACE
)
# outcome: promoted | awaiting_approval | rejected | failed
MODEL_DECISIONS = Counter("model_decisions", "Trainings ended, by the gate's outcome.", ["outcome"], namespace=NAMESPACE)
TRAINING_SECONDS = Histogram(
    "training_duration_seconds",
    "Time to train and judge a model.",
    namespace=NAMESPACE,
    buckets=(1, 5, 10, 30, 60, 120, 300, 600, 1200, 3600),
)
SCORES_LAST_RUN = Gauge("scores_last_run_timestamp_seconds", "When the cells were last scored (Unix time).", namespace=NAMESPACE)
SCORE_PERIOD = Gauge("score_period_seconds", "How often the cells are scored.", namespace=NAMESPACE)
# The active version's exact name (model_version holds only its issue hour as a number).
MODEL_INFO = Gauge("model_info", "The version of the model that scores, as a label (value 1).", ["version"], namespace=NAMESPACE)

# --- notifications ---
NOTIFICATIONS_SENT = Counter("notifications_sent", "Notifications delivered to a subscriber.", namespace=NAMESPACE)
NOTIFICATIONS_ACKNOWLEDGED = Counter(
    "notifications_acknowledged", "Notifications a subscriber acknowledged.", namespace=NAMESPACE
)
ACKNOWLEDGE_SECONDS = Histogram(
    "notification_acknowledge_seconds",
    "Time from a notification's delivery to its acknowledgement.",
    namespace=NAMESPACE,
    buckets=(1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600),
)
NOTIFICATIONS_OVERDUE = Gauge(
    "notifications_overdue",
    "Notifications not acknowledged within the profile's delay.",
    namespace=NAMESPACE,
)
SUBSCRIBERS = Gauge("subscribers_connected", "Subscription streams open now.", namespace=NAMESPACE)


@contextmanager
def timed(histogram: Histogram, **labels: str) -> Iterator[None]:
    """Observes the time the block takes, in seconds (also when it raises)."""
    started = time.perf_counter()
    try:
        yield
    finally:
        (histogram.labels(**labels) if labels else histogram).observe(time.perf_counter() - started)


def serve_metrics(port: int, host: str = "", certfile: str | None = None, keyfile: str | None = None):
    """Serves /metrics on `port` (0: a free one), over TLS with the service's certificate when given;
    returns the server (`server_port`: the port bound; `shutdown()` stops it). A thread of its own:
    a scrape never waits for the event loop."""
    from prometheus_client import start_http_server

    server, _thread = start_http_server(port, addr=host or "0.0.0.0", certfile=certfile, keyfile=keyfile)
    return server
