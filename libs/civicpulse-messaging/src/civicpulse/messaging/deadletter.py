"""Dead-letter records: why an event left the pipeline, never what it contained.

Each record built is counted (DEAD_LETTERS, by stage and reason) and logged in one line with its
stage, reason, partner and kind: never its event key, the partner's event id or a payload. Its
callers publish every record they build (a failed publish naks the message, and its record is
built, and counted, again when it comes back).
"""

from __future__ import annotations

import logging
from datetime import datetime

from google.protobuf.timestamp_pb2 import Timestamp

from civicpulse.events.v1 import events_pb2
from civicpulse.messaging.consumer import Item
from civicpulse.messaging.publisher import Outgoing
from civicpulse.messaging.topology import deadletter_subject
from civicpulse.runtime import metrics

log = logging.getLogger(__name__)


def dead_letter(
    stage: str,
    reason: str,
    *,
    partner: str = "",
    event_key: str = "",
    kind: int = 0,
    partner_event_id: str = "",
    detail: str = "",
    at: datetime,
    item: Item | None = None,
) -> Outgoing:
    """A record for the DEADLETTER stream; `item` (the one rejected) gives its stream, sequence and position."""
    rejected_at = Timestamp()
    rejected_at.FromDatetime(at)
    record = events_pb2.DeadLetter(
        stage=stage,
        partner=partner,
        event_key=event_key,
        kind=kind,
        partner_event_id=partner_event_id,
        reason=reason,
        detail=detail,
        rejected_at=rejected_at,
    )
    if item is not None and item.message.metadata is not None:
        record.stream = item.message.metadata.stream
        record.stream_sequence = item.message.metadata.sequence.stream
        record.event_index = item.index
    metrics.DEAD_LETTERS.labels(stage, reason).inc()
    kind_name = events_pb2.EventKind.Name(kind) if kind in events_pb2.EventKind.values() else str(kind)
    log.warning(
        "dead letter at %s: %s",
        stage,
        reason,
        extra={"fields": {"stage": stage, "reason": reason, "partner": partner or None, "kind": kind_name}},
    )
    # Same event, same stage: one record, however often the message is redelivered.
    if event_key:
        msg_id = f"{stage}:{event_key}"
    elif record.stream_sequence:
        msg_id = f"{stage}:{record.stream}:{record.stream_sequence}:{record.event_index}"
    else:
        msg_id = None
    return Outgoing(deadletter_subject(stage), record.SerializeToString(), msg_id)
