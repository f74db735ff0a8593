"""The civicpulse ingestion API for partners: a client with TLS, retries, typed batches and the streaming backfill."""

from civicpulse.client.batches import BackfillAnswer, EventOutcome, EventStatus, SendFailed, SendResult, Totals
from civicpulse.client.connection import SERVICE_CONFIG, IngestionClient
from civicpulse.client.mapping import Mapping
from civicpulse.client.retry import CallFailed, RetryPolicy
from civicpulse.client.status import Precondition, Refusal, Violation

__all__ = [
    "SERVICE_CONFIG",
    "BackfillAnswer",
    "CallFailed",
    "EventOutcome",
    "EventStatus",
    "IngestionClient",
    "Mapping",
    "Precondition",
    "Refusal",
    "RetryPolicy",
    "SendFailed",
    "SendResult",
    "Totals",
    "Violation",
]
