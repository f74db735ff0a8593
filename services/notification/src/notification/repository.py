"""SQL of the notification service: subscriptions and the append-only audit log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from psycopg import sql
from psycopg_pool import AsyncConnectionPool

from civicpulse.runtime import metrics
from notification.deliveries import Delivery
from notification.domain import Subscription

# The audit log's columns are the Delivery record's fields.
RECORD_DELIVERIES = sql.SQL("INSERT INTO notification.deliveries ({}) VALUES ({}) ON CONFLICT DO NOTHING").format(
    sql.SQL(", ").join(map(sql.Identifier, Delivery.columns())), sql.SQL(", ").join(sql.Placeholder() * len(Delivery.columns()))
)


@dataclass(frozen=True)
class Delivered:
    """A recorded delivery, as an acknowledgement needs it."""

    subscriber: str
    zone: str
    max_risk_level: int
    delivered_at: datetime


class NotificationRepository:
    def __init__(self, pool: AsyncConnectionPool) -> None:
        self._pool = pool

    async def save_subscription(self, subscription: Subscription, now: datetime) -> None:
        with metrics.timed(metrics.DB_WRITE_SECONDS, operation="subscription"):
            async with self._pool.connection() as conn:
                await conn.execute(
                    "INSERT INTO notification.subscriptions (subscriber, zones, min_risk_level, updated_at)"
                    " VALUES (%s, %s, %s, %s) ON CONFLICT (subscriber) DO UPDATE"
                    " SET zones = excluded.zones, min_risk_level = excluded.min_risk_level, updated_at = excluded.updated_at",
                    (subscription.subscriber, sorted(subscription.zones), subscription.min_risk_level, now),
                )

    async def subscription(self, subscriber: str) -> Subscription | None:
        async with self._pool.connection() as conn:
            cur = await conn.execute(
                "SELECT zones, min_risk_level FROM notification.subscriptions WHERE subscriber = %s", (subscriber,)
            )
            row = await cur.fetchone()
        return Subscription(subscriber, frozenset(row[0]), row[1]) if row else None

    async def subscriptions(self) -> list[Subscription]:
        async with self._pool.connection() as conn:
            cur = await conn.execute("SELECT subscriber, zones, min_risk_level FROM notification.subscriptions")
            return [Subscription(s, frozenset(z), level) for s, z, level in await cur.fetchall()]

    async def record_deliveries(self, deliveries: list[Delivery]) -> int:
        """Appends to the audit log; a delivery already recorded (a redelivered update) changes nothing.
        Returns how many are new, which NOTIFICATIONS_SENT counts here, once each, as they are committed."""
        if not deliveries:
            return 0
        with metrics.timed(metrics.DB_WRITE_SECONDS, operation="deliveries"):
            async with self._pool.connection() as conn, conn.cursor() as cur:
                await cur.executemany(RECORD_DELIVERIES, [d.values() for d in deliveries])
                recorded = max(cur.rowcount, 0)
        metrics.NOTIFICATIONS_SENT.inc(recorded)
        return recorded

    async def delivery(self, notification_id: str) -> Delivered | None:
        async with self._pool.connection() as conn:
            cur = await conn.execute(
                "SELECT subscriber, zone, max_risk_level, delivered_at FROM notification.deliveries WHERE notification_id = %s",
                (notification_id,),
            )
            row = await cur.fetchone()
        return Delivered(*row) if row else None

    async def acknowledge(self, notification_id: str, subscriber: str, note: str, now: datetime) -> bool:
        """The audit row names the caller its credentials name; a note goes apart, erasable. Returns
        whether it is the notification's first acknowledgement (a second is recorded too)."""
        with metrics.timed(metrics.DB_WRITE_SECONDS, operation="acknowledgement"):
            async with self._pool.connection() as conn, conn.transaction():
                cur = await conn.execute(
                    "SELECT NOT EXISTS (SELECT 1 FROM notification.acknowledgements WHERE notification_id = %s)",
                    (notification_id,),
                )
                first = (await cur.fetchone())[0]
                await conn.execute(
                    "INSERT INTO notification.acknowledgements (notification_id, subscriber, acknowledged_by, acknowledged_at)"
                    " VALUES (%s, %s, %s, %s)",
                    (notification_id, subscriber, subscriber, now),
                )
                if note:
                    await conn.execute(
                        "INSERT INTO notification.acknowledgement_notes (notification_id, subscriber, note, written_at)"
                        " VALUES (%s, %s, %s, %s)",
                        (notification_id, subscriber, note, now),
                    )
        return first

    async def unacknowledged(self, delivered_from: datetime, delivered_before: datetime) -> dict[str, int]:
        """Per subscriber, the notifications delivered in [from, before) that none acknowledged."""
        async with self._pool.connection() as conn:
            cur = await conn.execute(
                "SELECT d.subscriber, count(*) FROM notification.deliveries d"
                " WHERE d.delivered_at >= %s AND d.delivered_at < %s AND NOT EXISTS"
                " (SELECT 1 FROM notification.acknowledgements a WHERE a.notification_id = d.notification_id)"
                " GROUP BY d.subscriber",
                (delivered_from, delivered_before),
            )
            return dict(await cur.fetchall())
