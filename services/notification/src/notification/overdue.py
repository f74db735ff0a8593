"""Notifications nobody acknowledged in time, counted from the audit log for the overdue alert.

Overdue: delivered more than the city profile's `notifications.acknowledge_within_minutes` ago,
less than its `overdue_for_hours` ago, never acknowledged, to an application that still holds
credentials (one whose credentials were revoked cannot acknowledge any more). Every replica counts
the same database, so each exports the same figure.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from civicpulse.runtime import metrics
from civicpulse.runtime.access import Caller
from civicpulse.runtime.city import Notifications
from notification.repository import NotificationRepository

log = logging.getLogger(__name__)


class OverdueNotifications:
    # How often the service's periodic work counts them.
    every_seconds = 60.0

    def __init__(
        self,
        repository: NotificationRepository,
        expected: Notifications,
        caller_of: Callable[[str], Caller | None],
        clock: Callable[[], datetime],
    ) -> None:
        self._repository = repository
        self._expected = expected
        self._caller_of = caller_of
        self._clock = clock
        self._said: dict[str, int] = {}

    async def count(self) -> int:
        """Sets NOTIFICATIONS_OVERDUE; logs the overdue per subscriber when that changed."""
        now = self._clock()
        waiting = await self._repository.unacknowledged(
            now - timedelta(hours=self._expected.overdue_for_hours),
            now - timedelta(minutes=self._expected.acknowledge_within_minutes),
        )
        overdue = {subscriber: n for subscriber, n in waiting.items() if self._caller_of(subscriber) is not None}
        total = sum(overdue.values())
        metrics.NOTIFICATIONS_OVERDUE.set(total)
        if overdue != self._said:
            self._said = overdue
            log.info(
                "%d notifications not acknowledged within %d minutes",
                total,
                self._expected.acknowledge_within_minutes,
                extra={
                    "fields": {
                        "event": "notifications_overdue",
                        "overdue": total,
                        "by_subscriber": overdue,
                        "acknowledge_within_minutes": self._expected.acknowledge_within_minutes,
                    }
                },
            )
        return total
