"""Reads RAW batches, publishes pseudonymised events to EVENTS, the texts an agreement keeps (scrubbed)
to TEXTS, and rejections to DEADLETTER."""

from __future__ import annotations

import asyncio
import functools
import hashlib
from collections import Counter
from collections.abc import Callable
from datetime import datetime

from nats.aio.msg import Msg

from civicpulse.events.v1 import events_pb2
from civicpulse.messaging.consumer import ACK, Item, Outcome, term
from civicpulse.messaging.deadletter import dead_letter
from civicpulse.messaging.publisher import Outgoing, Publisher, runs_within
from civicpulse.messaging.topology import PSEUDONYMISATION_READS_RAW, Subscriber, events_subject, texts_subject
from civicpulse.runtime import metrics
from civicpulse.runtime.agreements import kind_name
from pseudonymisation.domain import (
    Incoming,
    Policy,
    Rejection,
    pseudonymise,
    texts_to_scrub,
    unpack_raw,
)
from pseudonymisation.scrubber import Scrubber

STAGE = "pseudonymisation"
# The field label of an attribute no agreement declares: its name is the partner's to choose, so it
# is not a label value (the values of a label stay few and known).
UNDECLARED_ATTRIBUTE = "attributes.*"


def unpack(message: Msg) -> list[Incoming]:
    return unpack_raw(message.data)


@functools.lru_cache(maxsize=4096)
def _events_subject(kind: int, category: str) -> str:
    """The subject of a kind and category (from the city's vocabulary, checked at the door: few)."""
    return events_subject(kind_name(kind), category)


def content_id(batch: events_pb2.PseudonymisedEventBatch | events_pb2.ScrubbedTextBatch) -> str:
    """The same events (or texts) in the same order make the same message: a redelivered batch is
    dropped by the bus."""
    if isinstance(batch, events_pb2.ScrubbedTextBatch):
        prefix, keys = "texts:", "".join(text.event_key for text in batch.texts)
    else:
        prefix, keys = "events:", "".join(event.event_key for event in batch.events)  # fixed-length keys
    return prefix + hashlib.sha256(keys.encode()).hexdigest()[:32]


class RawEventHandler:
    def __init__(
        self,
        policy: Policy,
        scrubber: Scrubber,
        publisher: Publisher,
        clock: Callable[[], datetime],
    ) -> None:
        self._policy = policy
        self._scrubber = scrubber
        self._publisher = publisher
        self._clock = clock

    async def __call__(self, items: list[Item]) -> list[Outcome]:
        # Every text of the batch that may only travel scrubbed, scrubbed in one pass (off the event
        # loop: a model reads them). A failure raises: the consumer isolates the event, which is
        # dead-lettered, never published raw.
        texts = [text for item in items for text in texts_to_scrub(item.value, self._policy)]
        scrubbed = dict(zip(texts, await asyncio.to_thread(self._scrubber.scrub, texts), strict=True)) if texts else {}
        outgoing: list[Outgoing] = []
        outcomes: list[Outcome] = []
        by_subject: dict[str, list[events_pb2.PseudonymisedEvent]] = {}
        texts_by_subject: dict[str, list[events_pb2.ScrubbedText]] = {}
        # Fields and attributes the policy withheld, by partner and field: what partners send that
        # they should not, or that the policy does not yet declare.
        withheld: Counter[tuple[str, str]] = Counter()
        for item in items:
            raw: Incoming = item.value
            result = pseudonymise(raw, self._policy, scrubbed)
            if isinstance(result, Rejection):
                outgoing.append(self._dead_letter(item, result.reason, result.detail))
                outcomes.append(term(result.reason))
                continue
            withheld.update((raw.partner, _field_label(name, reason)) for name, reason in result.withheld)
            by_subject.setdefault(_events_subject(result.event.kind, result.event.category), []).append(result.event)
            if result.text is not None:
                texts_by_subject.setdefault(texts_subject(kind_name(result.text.kind)), []).append(result.text)
            outcomes.append(ACK)
        for subject, events in by_subject.items():
            for start, end in runs_within([e.ByteSize() for e in events], self._publisher.batch_bytes):
                batch = events_pb2.PseudonymisedEventBatch(events=events[start:end])
                outgoing.append(Outgoing(subject, batch.SerializeToString(), content_id(batch)))
        for subject, kept in texts_by_subject.items():
            for start, end in runs_within([t.ByteSize() for t in kept], self._publisher.batch_bytes):
                batch = events_pb2.ScrubbedTextBatch(texts=kept[start:end])
                outgoing.append(Outgoing(subject, batch.SerializeToString(), content_id(batch)))
        # If the bus fails, RAW keeps the batch and redelivers it; message ids and the store's keys
        # make republishing safe.
        await self._publisher.publish_batch(outgoing)
        # Counted once per batch and kind of field, and only once published: a batch tried again
        # is not counted twice.
        for (partner, name), count in withheld.items():
            metrics.FIELDS_WITHHELD.labels(partner, name).inc(count)
        return outcomes

    async def poisoned(self, item: Item, cause: str) -> None:
        """A raw event that makes pseudonymisation itself fail (or a message that cannot be read):
        rejected, fail closed, with the cause."""
        reason = "unprocessable" if item.value is not None else "unparseable"
        await self._publisher.publish(self._dead_letter(item, reason, cause))

    def _dead_letter(self, item: Item, reason: str, detail: str) -> Outgoing:
        """Names the event (partner, kind, the partner's id, its key) and the reason; never its content."""
        subject = item.message.subject
        partner = subject.split(".")[2] if subject.count(".") >= 3 else ""
        key, kind, partner_event_id = "", 0, ""
        if item.value is not None:
            raw: Incoming = item.value
            partner, kind, partner_event_id = raw.partner, raw.event.kind, raw.event.partner_event_id
            key = self._policy.event_key(raw.partner, partner_event_id)
        return dead_letter(
            STAGE,
            reason,
            partner=partner,
            event_key=key,
            kind=kind,
            partner_event_id=partner_event_id,
            detail=detail,
            at=self._clock(),
            item=item,
        )


def _field_label(name: str, reason: str) -> str:
    """A withheld field's label: its name, or UNDECLARED_ATTRIBUTE for an attribute no agreement names."""
    return UNDECLARED_ATTRIBUTE if reason == "no_policy" and name.startswith("attributes.") else name


# Its subscription: raw partner calls (one message per call, unpacked into its events) to RawEventHandler.
RAW_SUBSCRIBER = Subscriber(PSEUDONYMISATION_READS_RAW, decode=unpack)
