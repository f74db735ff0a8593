"""SQL of the feature store. Idempotent writes: a redelivered event changes nothing."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from psycopg import sql
from psycopg_pool import AsyncConnectionPool

from civicpulse.db.timescale import timescaledb_enabled
from civicpulse.runtime import metrics
from civicpulse.runtime.city import Target
from feature_store.domain import ScheduledEvent
from feature_store.rows import EventRow, ScheduledRow, TextRow, arrays, columns, values

__all__ = ["DataStatus", "EventRow", "FeatureRepository", "KindSenders", "ScheduledRow", "TextRow"]


def _names(row_class: type, prefix: str | None = None) -> sql.Composable:
    return sql.SQL(", ").join(sql.Identifier(*([prefix] if prefix else []), c.name) for c in columns(row_class))


def _unnest(row_class: type) -> sql.Composable:
    """unnest() of one binary array (%b) per column: a seventh of the client's cost of text ones."""
    return sql.SQL("unnest({})").format(
        sql.SQL(", ").join(sql.SQL("%b::{}[]").format(sql.SQL(c.sql_type)) for c in columns(row_class))
    )


# One statement per batch: the keys not yet known (under any key still held) win their place in
# the registry, and only their events are written.
STORE_EVENTS = sql.SQL("""
WITH batch AS (
    SELECT DISTINCT ON (event_key) *
    FROM {unnest} AS b ({names})
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
INSERT INTO features.events ({names})
SELECT {batch_names}
FROM batch b JOIN fresh USING (event_key)
ON CONFLICT DO NOTHING
""").format(unnest=_unnest(EventRow), names=_names(EventRow), batch_names=_names(EventRow, "b"))
# A text is stored once; a redelivered one changes nothing.
STORE_TEXTS = sql.SQL("INSERT INTO features.event_texts ({}) SELECT * FROM {} ON CONFLICT (event_key) DO NOTHING").format(
    _names(TextRow), _unnest(TextRow)
)
# A scheduled event known under any of its keys is stored once.
STORE_SCHEDULED = sql.SQL(
    "INSERT INTO features.scheduled_events ({}) SELECT {}"
    " WHERE NOT EXISTS (SELECT 1 FROM features.scheduled_events WHERE event_key = ANY(%s))"
    " ON CONFLICT (event_key) DO NOTHING"
).format(_names(ScheduledRow), sql.SQL(", ").join(sql.Placeholder() * len(columns(ScheduledRow))))


# Scheduled events whose [starts_at, ends_at) overlaps [start, end), by start time; one with no
# length counts where it starts.
LIST_SCHEDULED = sql.SQL(
    "SELECT {} FROM features.scheduled_events"
    " WHERE starts_at < %(end)s AND (ends_at > %(start)s OR starts_at >= %(start)s)"
    " AND (%(cells)s::text[] IS NULL OR cell = ANY(%(cells)s))"
    " ORDER BY starts_at, event_key LIMIT %(limit)s"
).format(_names(ScheduledRow))
# Target counts per cell and period in [start, end): periods of `stride` from start (date_bin: plain
# PostgreSQL, the same answer with or without TimescaleDB), or the whole of it without one.
OBSERVED_COUNTS = """
SELECT cell,
       CASE WHEN %(stride)s::interval IS NULL THEN %(start)s::timestamptz
            ELSE date_bin(%(stride)s::interval, occurred_at, %(start)s::timestamptz) END AS period_start,
       sum(count)::bigint
FROM features.events
WHERE ({is_target}) AND occurred_at >= %(start)s AND occurred_at < %(end)s
  AND (%(cells)s::text[] IS NULL OR cell = ANY(%(cells)s))
GROUP BY 1, 2
"""


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


@dataclass(frozen=True)
class KindSenders:
    """The events of one kind stored, and those the police-generated partners sent: each event
    weighed by its count (what the features add up), a scheduled event by one."""

    kind: str
    events: int
    police_generated_events: int


# Scheduled events are a kind of their own, in their own table.
SENDERS_BY_KIND = """
SELECT kind, sum(count)::bigint, coalesce(sum(count) FILTER (WHERE partner = ANY(%(police)s::text[])), 0)::bigint
FROM features.events GROUP BY kind
UNION ALL
SELECT 'scheduled_event', count(*), count(*) FILTER (WHERE partner = ANY(%(police)s::text[]))
FROM features.scheduled_events HAVING count(*) > 0
"""


class FeatureRepository:
    def __init__(self, pool: AsyncConnectionPool) -> None:
        self._pool = pool

    async def store(self, events: list[EventRow], scheduled: list[ScheduledRow]) -> None:
        """One transaction per batch: all of it is stored, or none and the batch is redelivered.

        An event key already stored keeps its first copy, even if a resend carries other times.
        Timed from taking a connection to the commit (db_write_duration_seconds{operation="events"}).
        """
        with metrics.timed(metrics.DB_WRITE_SECONDS, operation="events"):
            async with self._pool.connection() as conn, conn.cursor() as cur:
                if events:
                    await cur.execute(STORE_EVENTS, arrays(events) + _aliases(events))
                if scheduled:
                    await cur.executemany(STORE_SCHEDULED, [(*values(s), list(s.also_known_as)) for s in scheduled])

    async def store_texts(self, texts: list[TextRow]) -> None:
        with metrics.timed(metrics.DB_WRITE_SECONDS, operation="texts"):
            async with self._pool.connection() as conn:
                await conn.execute(STORE_TEXTS, arrays(texts))

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

    async def scheduled_overlapping(
        self, start: datetime, end: datetime, cells: Sequence[str] | None, limit: int
    ) -> list[ScheduledRow]:
        """Up to `limit` scheduled events overlapping [start, end), in these cells (None: any), by start time."""
        names = [c.name for c in columns(ScheduledRow)]
        async with self._pool.connection() as conn:
            cur = await conn.execute(
                LIST_SCHEDULED, {"start": start, "end": end, "cells": list(cells) if cells is not None else None, "limit": limit}
            )
            return [ScheduledRow(**dict(zip(names, row, strict=True))) for row in await cur.fetchall()]

    async def observed_counts(
        self, targets: list[Target], start: datetime, end: datetime, stride: timedelta | None, cells: Sequence[str] | None
    ) -> list[tuple[str, datetime, int]]:
        """(cell, period start, count) of the city's target events in [start, end), per period of
        `stride` from start (None: one period), in these cells (None: any)."""
        query = sql.SQL(OBSERVED_COUNTS).format(is_target=_is_target(targets))
        parameters = {"start": start, "end": end, "stride": stride, "cells": list(cells) if cells is not None else None}
        async with self._pool.connection() as conn:
            cur = await conn.execute(query, parameters)
            return await cur.fetchall()

    async def newest_event_at(self) -> datetime | None:
        """When the newest event stored occurred (data freshness, as the data status says it)."""
        async with self._pool.connection() as conn:
            cur = await conn.execute("SELECT max(occurred_at) FROM features.events")
            return (await cur.fetchone())[0]

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

    async def senders_by_kind(self, police_generated: Collection[str]) -> list[KindSenders]:
        """Per kind stored, its events and those the `police_generated` partners sent, by kind."""
        async with self._pool.connection() as conn:
            cur = await conn.execute(SENDERS_BY_KIND, {"police": sorted(police_generated)})
            totals: dict[str, tuple[int, int]] = {}
            for kind, events, police in await cur.fetchall():
                before = totals.get(kind, (0, 0))
                totals[kind] = (before[0] + events, before[1] + police)
        return [KindSenders(kind, events, police) for kind, (events, police) in sorted(totals.items())]


def _is_target(targets: list[Target]) -> sql.Composable:
    return sql.SQL("({})").format(
        sql.SQL(" OR ").join(
            sql.SQL("(kind = {} AND category = ANY({}))").format(sql.Literal(t.kind), sql.Literal(t.categories)) for t in targets
        )
    )
