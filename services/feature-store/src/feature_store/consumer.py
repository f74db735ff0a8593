"""Reads EVENTS into the store (scheduled events to their own table, everything else to events), and
TEXTS, the scrubbed texts kept for a declared purpose, into their own table."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from nats.aio.msg import Msg

from civicpulse.events.v1 import events_pb2
from civicpulse.messaging.consumer import ACK, Item, Outcome
from civicpulse.messaging.deadletter import dead_letter
from civicpulse.messaging.publisher import Publisher
from civicpulse.messaging.topology import FEATURE_STORE_READS_EVENTS, FEATURE_STORE_READS_TEXTS, Subscriber
from feature_store.repository import FeatureRepository
from feature_store.rows import EventRow, ScheduledRow, TextRow, row_of

STAGE = "feature-store"
log = logging.getLogger(__name__)


def to_rows(event: events_pb2.PseudonymisedEvent) -> EventRow | ScheduledRow:
    """Scheduled events to their own table, every other kind to events."""
    return row_of(ScheduledRow if event.kind == events_pb2.EVENT_KIND_SCHEDULED_EVENT else EventRow, event)


def unpack(message: Msg) -> list[events_pb2.PseudonymisedEvent]:
    return list(events_pb2.PseudonymisedEventBatch.FromString(message.data).events)


def unpack_texts(message: Msg) -> list[events_pb2.ScrubbedText]:
    return list(events_pb2.ScrubbedTextBatch.FromString(message.data).texts)


# Its subscriptions: pseudonymised events to EventStoreHandler, scrubbed texts to TextStoreHandler.
EVENTS_SUBSCRIBER = Subscriber(FEATURE_STORE_READS_EVENTS, decode=unpack)
TEXTS_SUBSCRIBER = Subscriber(FEATURE_STORE_READS_TEXTS, decode=unpack_texts)


def to_text_row(text: events_pb2.ScrubbedText) -> TextRow:
    return row_of(TextRow, text)


class EventStoreHandler:
    def __init__(self, repository: FeatureRepository, publisher: Publisher, clock: Callable[[], datetime]) -> None:
        self._repository = repository
        self._publisher = publisher
        self._clock = clock

    async def __call__(self, items: list[Item]) -> list[Outcome]:
        events: list[EventRow] = []
        scheduled: list[ScheduledRow] = []
        for item in items:
            row = to_rows(item.value)  # a bad value raises: the consumer isolates the event that causes it
            (scheduled if isinstance(row, ScheduledRow) else events).append(row)
        # A failure raises: the consumer retries the batch if it is transient, else isolates the culprit.
        await self._repository.store(events, scheduled)
        return [ACK] * len(items)

    async def poisoned(self, item: Item, cause: str) -> None:
        """The one event of a batch that the store refuses (e.g. a value jsonb cannot hold), or a
        message that cannot be read."""
        event: events_pb2.PseudonymisedEvent | None = item.value
        reason = "unstorable" if event is not None else "unparseable"
        await self._publisher.publish(
            dead_letter(
                STAGE,
                reason,
                partner=event.partner if event is not None else "",
                event_key=event.event_key if event is not None else "",
                kind=event.kind if event is not None else 0,
                detail=cause,
                at=self._clock(),
                item=item,
            )
        )


class TextStoreHandler:
    """Stores the scrubbed texts; a text the store refuses is dead-lettered like an event."""

    def __init__(self, repository: FeatureRepository, events: EventStoreHandler) -> None:
        self._repository = repository
        self._events = events

    async def __call__(self, items: list[Item]) -> list[Outcome]:
        await self._repository.store_texts([to_text_row(item.value) for item in items])
        return [ACK] * len(items)

    async def poisoned(self, item: Item, cause: str) -> None:
        await self._events.poisoned(item, cause)
