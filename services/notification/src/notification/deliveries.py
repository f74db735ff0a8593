"""Deciding the deliveries of a risk update: notification's one use case. Pure.

A risk update of a zone goes to each subscriber whose subscription wants it (its zones, its minimum
level) and whose credentials, as they stand now, let it see the zone (revoked: nothing). Each
delivery is one row of the append-only audit log and one notification on the subscriber's stream,
under the same id: the bus's duplicate window and the log's key make a redelivered update change
nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from datetime import datetime

from civicpulse.runtime.access import Caller
from civicpulse.runtime.clock import to_datetime
from civicpulse.scoring.v1 import scoring_pb2
from notification.domain import Subscription, may_receive, notification_id


@dataclass(frozen=True)
class Delivery:
    """One notification of one update to one subscriber, as the audit log records it."""

    notification_id: str
    subscriber: str
    update_id: str
    zone: str
    max_risk_level: int
    model_version: str
    issue_time: datetime
    delivered_at: datetime

    @classmethod
    def columns(cls) -> tuple[str, ...]:
        """The audit log's columns, in the order of `values()`."""
        return tuple(f.name for f in fields(cls))

    def values(self) -> tuple:
        return tuple(getattr(self, name) for name in self.columns())


def deliveries_of(
    update: scoring_pb2.ZoneRiskUpdate,
    subscriptions: Iterable[Subscription],
    caller_of: Callable[[str], Caller | None],
    now: datetime,
) -> list[Delivery]:
    """Who receives `update`, delivered at `now`; `caller_of` gives a subscriber's credentials as
    they stand now (None once revoked)."""
    receivers = [
        s.subscriber
        for s in subscriptions
        if s.wants(update.zone, update.max_risk_level) and may_receive(caller_of(s.subscriber), update.zone)
    ]
    if not receivers:
        return []
    issue_time = to_datetime(update.issue_time)
    return [
        Delivery(
            notification_id(subscriber, update.update_id),
            subscriber,
            update.update_id,
            update.zone,
            update.max_risk_level,
            update.model_version,
            issue_time,
            now,
        )
        for subscriber in receivers
    ]
