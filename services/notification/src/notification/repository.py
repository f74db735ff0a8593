"""SQL of the notification service: subscriptions and the append-only audit log."""

from __future__ import annotations

from datetime import datetime

from psycopg import sql
from psycopg_pool import AsyncConnectionPool

from notification.deliveries import Delivery
from notification.domain import Subscription

# The audit log's columns are the Delivery record's fields.
RECORD_DELIVERIES = sql.SQL("INSERT INTO notification.deliveries ({}) VALUES ({}) ON CONFLICT DO NOTHING").format(
    sql.SQL(", ").join(map(sql.Identifier, Delivery.columns())), sql.SQL(", ").join(sql.Placeholder() * len(Delivery.columns()))
)


class NotificationRepository:
    def __init__(self, pool: AsyncConnectionPool) -> None:
        self._pool = pool

    async def save_subscription(self, subscription: Subscription, now: datetime) -> None:
        async with self._pool.connection() as conn:
            await conn.execute(
                "INSERT INTO notification.subscriptions (subscriber, zones, min_risk_level, updated_at)"
                " VALUES (%s, %s, %s, %s) ON CONFLICT (subscriber) DO UPDATE"
                " SET zones = excluded.zones, min_risk_level = excluded.min_risk_level, updated_at = excluded.updated_at",
                (subscription.subscriber, sorted(subscription.zones), subscription.min_risk_level, now),
            )

    async def subscriptions(self) -> list[Subscription]:
        async with self._pool.connection() as conn:
            cur = await conn.execute("SELECT subscriber, zones, min_risk_level FROM notification.subscriptions")
            return [Subscription(s, frozenset(z), level) for s, z, level in await cur.fetchall()]

    async def record_deliveries(self, deliveries: list[Delivery]) -> None:
        """Appends to the audit log; a delivery already recorded (a redelivered update) changes nothing."""
        if not deliveries:
            return
        async with self._pool.connection() as conn, conn.cursor() as cur:
            await cur.executemany(RECORD_DELIVERIES, [d.values() for d in deliveries])

    async def delivery_subscriber(self, notification_id: str) -> str | None:
        async with self._pool.connection() as conn:
            cur = await conn.execute(
                "SELECT subscriber FROM notification.deliveries WHERE notification_id = %s", (notification_id,)
            )
            row = await cur.fetchone()
            return row[0] if row else None

    async def acknowledge(self, notification_id: str, subscriber: str, note: str, now: datetime) -> None:
        """The audit row names the caller its credentials name; a note goes apart, erasable."""
        async with self._pool.connection() as conn, conn.transaction():
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
