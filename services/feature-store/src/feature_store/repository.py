"""SQL of the feature store. Idempotent writes: a redelivered event changes nothing."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from psycopg import sql
from psycopg_pool import AsyncConnectionPool

from civicpulse.db.timescale import timescaledb_enabled
from civicpulse.runtime.city import Target
from feature_store.domain import ScheduledEvent


@dataclass(frozen=True)
class EventRow:
    event_key: str
    partner: str
    kind: str
    category: str
    cell: str
    occurred_at: datetime
    count: int
    received_at: datetime
    attributes: dict[str, str]
    key_id: str = ""
    # What its free text showed, as the city declares signals: signal -> count.
    signals: dict[str, int] = field(default_factory=dict)
    # The event's keys under older keys still held: a resend after a rotation is still a duplicate.
    also_known_as: tuple[str, ...] = ()
    area: str = ""
    # The end of the period a record covers (from occurred_at), and a forecast's issue time.
    ends_at: datetime | None = None
    issued_at: datetime | None = None


@dataclass(frozen=True)
class TextRow:
    """A free-form text kept, strictly scrubbed, for its agreement's declared purpose."""

    event_key: str
    partner: str
    kind: str
    category: str
    received_at: datetime
    key_id: str
    policy_version: str
    text: str
    attributes: dict[str, str]


@dataclass(frozen=True)
class ScheduledRow:
    event_key: str
    partner: str
    category: str
    cell: str
    starts_at: datetime
    ends_at: datetime
    expected_attendance: int
    received_at: datetime
    attributes: dict[str, str]
    key_id: str = ""
    also_known_as: tuple[str, ...] = ()
    area: str = ""
    organiser_type: str = ""
    announced_at: datetime | None = None


# One statement per batch: the keys not yet known (under any key still held) win their place in
# the registry, and only their events are written. Columns travel as binary arrays (%b): a
# seventh of the client's cost of text ones.
STORE_EVENTS = """
WITH batch AS (
    SELECT DISTINCT ON (event_key) *
    FROM unnest(%b::text[], %b::text[], %b::text[], %b::text[], %b::text[], %b::timestamptz[], %b::int[],
                %b::timestamptz[], %b::jsonb[], %b::text[], %b::jsonb[], %b::text[], %b::timestamptz[], %b::timestamptz[])
        AS b (event_key, partner, kind, category, cell, occurred_at, count, received_at, attributes, key_id, signals,
              area, ends_at, issued_at)
    ORDER BY event_key
), known AS (
    SELECT a.event_key FROM unnest(%b::text[], %b::text[]) AS a (event_key, alias)
    JOIN features.event_keys k ON k.event_key = a.alias
), fresh AS (
    INSERT INTO features.event_keys (event_key, occurred_at)
    SELECT event_key, occurred_at FROM batch WHERE event_key NOT IN (SELECT event_key FROM known)
    ON CONFLICT DO NOTHING
    RETURNING event_key
)
INSERT INTO features.events (event_key, partner, kind, category, cell, occurred_at, count, received_at, attributes,
                             key_id, signals, area, ends_at, issued_at)
SELECT b.event_key, b.partner, b.kind, b.category, b.cell, b.occurred_at, b.count, b.received_at, b.attributes,
       b.key_id, b.signals, b.area, b.ends_at, b.issued_at
FROM batch b JOIN fresh USING (event_key)
ON CONFLICT DO NOTHING
"""
# A text is stored once; a redelivered one changes nothing.
STORE_TEXTS = """
INSERT INTO features.event_texts (event_key, partner, kind, category, received_at, key_id, policy_version, text, attributes)
SELECT * FROM unnest(%b::text[], %b::text[], %b::text[], %b::text[], %b::timestamptz[], %b::text[], %b::text[], %b::text[],
                     %b::jsonb[])
ON CONFLICT (event_key) DO NOTHING
"""
STORE_SCHEDULED = """
INSERT INTO features.scheduled_events (event_key, partner, category, cell, starts_at, ends_at, expected_attendance,
                                       received_at, attributes, key_id, area, organiser_type, announced_at)
SELECT %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s
WHERE NOT EXISTS (SELECT 1 FROM features.scheduled_events WHERE event_key = ANY(%s))
ON CONFLICT (event_key) DO NOTHING
"""


def _event_columns(e: EventRow) -> tuple:
    return (
        e.event_key,
        e.partner,
        e.kind,
        e.category,
        e.cell,
        e.occurred_at,
        e.count,
        e.received_at,
        json.dumps(e.attributes) if e.attributes else "{}",
        e.key_id,
        json.dumps(e.signals) if e.signals else "{}",
        e.area,
        e.ends_at,
        e.issued_at,
    )


def _aliases(events: list[EventRow]) -> list[list[str]]:
    pairs = [(e.event_key, alias) for e in events for alias in e.also_known_as]
    return [[key for key, _ in pairs], [alias for _, alias in pairs]]


@dataclass(frozen=True)
class DataStatus:
    events_stored: int
    scheduled_events_stored: int
    newest_event_at: datetime | None
    timescaledb: bool
    oldest_target_event_at: datetime | None = None


class FeatureRepository:
    def __init__(self, pool: AsyncConnectionPool) -> None:
        self._pool = pool

    async def store(self, events: list[EventRow], scheduled: list[ScheduledRow]) -> None:
        """One transaction per batch: all of it is stored, or none and the batch is redelivered.

        An event key already stored keeps its first copy, even if a resend carries other times.
        """
        async with self._pool.connection() as conn, conn.cursor() as cur:
            if events:
                columns = [list(column) for column in zip(*(_event_columns(e) for e in events), strict=True)]
                await cur.execute(STORE_EVENTS, columns + _aliases(events))
            if scheduled:
                await cur.executemany(
                    STORE_SCHEDULED,
                    [
                        (
                            s.event_key,
                            s.partner,
                            s.category,
                            s.cell,
                            s.starts_at,
                            s.ends_at,
                            s.expected_attendance,
                            s.received_at,
                            json.dumps(s.attributes),
                            s.key_id,
                            s.area,
                            s.organiser_type,
                            s.announced_at,
                            list(s.also_known_as),
                        )
                        for s in scheduled
                    ],
                )

    async def store_texts(self, texts: list[TextRow]) -> None:
        columns = [
            (
                t.event_key,
                t.partner,
                t.kind,
                t.category,
                t.received_at,
                t.key_id,
                t.policy_version,
                t.text,
                json.dumps(t.attributes),
            )
            for t in texts
        ]
        async with self._pool.connection() as conn:
            await conn.execute(STORE_TEXTS, [list(column) for column in zip(*columns, strict=True)])

    async def target_counts(self, targets: list[Target], start: datetime, end: datetime) -> list[tuple[str, int, float]]:
        """(cell, unix hour, count) of the city's target events in [start, end)."""
        is_target = _is_target(targets)
        query = sql.SQL(
            "SELECT cell, (floor(extract(epoch FROM occurred_at) / 3600))::bigint AS hour, sum(count)::float8"
            " FROM features.events WHERE ({}) AND occurred_at >= %s AND occurred_at < %s GROUP BY 1, 2"
        ).format(is_target)
        async with self._pool.connection() as conn:
            cur = await conn.execute(query, (start, end))
            return await cur.fetchall()

    async def scheduled_events(self, start: datetime, end: datetime) -> list[ScheduledEvent]:
        async with self._pool.connection() as conn:
            cur = await conn.execute(
                "SELECT cell, starts_at, ends_at, expected_attendance FROM features.scheduled_events"
                " WHERE ends_at >= %s AND starts_at < %s",
                (start, end),
            )
            return [ScheduledEvent(*row) for row in await cur.fetchall()]

    async def status(self, targets: list[Target]) -> DataStatus:
        query = sql.SQL(
            "SELECT (SELECT count(*) FROM features.events), (SELECT count(*) FROM features.scheduled_events),"
            " (SELECT max(occurred_at) FROM features.events),"
            " (SELECT min(occurred_at) FROM features.events WHERE {})"
        ).format(_is_target(targets))
        async with self._pool.connection() as conn:
            cur = await conn.execute(query)
            events, scheduled, newest, oldest = await cur.fetchone()
            return DataStatus(events, scheduled, newest, await timescaledb_enabled(conn), oldest)


def _is_target(targets: list[Target]) -> sql.Composable:
    return sql.SQL("({})").format(
        sql.SQL(" OR ").join(
            sql.SQL("(kind = {} AND category = ANY({}))").format(sql.Literal(t.kind), sql.Literal(t.categories)) for t in targets
        )
    )
