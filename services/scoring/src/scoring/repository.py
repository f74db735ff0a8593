"""SQL of the scoring service: the model registry and the forecasts.

The model card and the feature definitions are typed records everywhere else; here they become
JSON and back.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import asdict, dataclass
from datetime import datetime

from psycopg import sql
from psycopg.types.json import Jsonb
from psycopg_pool import AsyncConnectionPool

from civicpulse.messaging.publisher import Outgoing
from civicpulse.runtime import metrics
from civicpulse.runtime.model_card import FeatureDefinition, FeatureFamily, ModelCard
from scoring.errors import ModelNotFound, WrongModelStatus
from scoring.explain import Factor
from scoring.model import TrainedModel, load_model


@dataclass
class SavedModel:
    version: str
    trained_at: datetime
    issue_time: datetime
    model: TrainedModel
    status: str
    gate_reason: str
    card: ModelCard
    card_markdown: str
    features: list[FeatureDefinition]
    families: list[FeatureFamily]


@dataclass(frozen=True)
class ModelRow:
    version: str
    status: str
    trained_at: datetime
    issue_time: datetime
    card: ModelCard
    gate_reason: str
    card_markdown: str

    @classmethod
    def of(cls, row: tuple) -> ModelRow:
        version, status, trained_at, issue_time, card, gate_reason, card_markdown = row
        return cls(version, status, trained_at, issue_time, ModelCard.from_dict(card), gate_reason, card_markdown)


@dataclass(frozen=True)
class CellForecast:
    cell: str
    zone: str
    peak_target_time: datetime
    expected_count: float
    risk_level: int
    factors: list[Factor]
    expected_count_30d: float = 0.0


class ScoringRepository:
    def __init__(self, pool: AsyncConnectionPool) -> None:
        self._pool = pool

    @asynccontextmanager
    async def exclusive(self, name: str) -> AsyncIterator[bool]:
        """A PostgreSQL advisory lock shared by every replica; yields whether this one got it.

        It belongs to the connection's session, so a replica that dies mid-run releases it.
        """
        async with self._pool.connection() as conn:
            await conn.set_autocommit(True)
            cur = await conn.execute("SELECT pg_try_advisory_lock(hashtextextended(%s, 0))", (name,))
            held = (await cur.fetchone())[0]
            try:
                yield held
            finally:
                if held:
                    await conn.execute("SELECT pg_advisory_unlock(hashtextextended(%s, 0))", (name,))
                await conn.set_autocommit(False)

    async def newest_model(self) -> tuple[str, datetime] | None:
        """The newest trained version (whatever its status) and when it was trained."""
        async with self._pool.connection() as conn:
            cur = await conn.execute("SELECT model_version, trained_at FROM scoring.models ORDER BY trained_at DESC LIMIT 1")
            return await cur.fetchone()

    async def has_forecast(self, issue_time: datetime, version: str) -> bool:
        async with self._pool.connection() as conn:
            cur = await conn.execute(
                "SELECT EXISTS (SELECT 1 FROM scoring.cell_forecasts WHERE issue_time = %s AND model_version = %s)",
                (issue_time, version),
            )
            return (await cur.fetchone())[0]

    async def save_model(self, saved: SavedModel, decision: str, operator: str, at: datetime) -> str:
        """Stores a version with its status; an active one retires the previous active version.

        The same data trains the same model, hence the same version: stored once, its status kept.
        Returns the version's status.
        """
        with metrics.timed(metrics.DB_WRITE_SECONDS, operation="model"):
            return await self._save_model(saved, decision, operator, at)

    async def _save_model(self, saved: SavedModel, decision: str, operator: str, at: datetime) -> str:
        m = saved.model
        async with self._pool.connection() as conn, conn.transaction():
            await conn.execute("LOCK TABLE scoring.models IN SHARE ROW EXCLUSIVE MODE")
            cur = await conn.execute("SELECT status FROM scoring.models WHERE model_version = %s", (saved.version,))
            existing = await cur.fetchone()
            if existing is not None:
                return existing[0]
            if saved.status == "active":
                await self._retire_active(conn, operator, at)
            await conn.execute(
                "INSERT INTO scoring.models (model_version, trained_at, issue_time, feature_names, params, level_thresholds,"
                " booster, status, card, card_markdown, features, families, calibration, gate_reason)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                (
                    saved.version,
                    saved.trained_at,
                    saved.issue_time,
                    Jsonb(m.feature_names),
                    Jsonb(m.params),
                    Jsonb(m.level_thresholds),
                    m.serialise(),
                    saved.status,
                    Jsonb(saved.card.as_dict()),
                    saved.card_markdown,
                    Jsonb([asdict(f) for f in saved.features]),
                    Jsonb([asdict(f) for f in saved.families]),
                    Jsonb(list(m.calibration)),
                    saved.gate_reason,
                ),
            )
            await self._decide(conn, saved.version, decision, operator, saved.gate_reason, at)
        return saved.status

    async def change_status(self, version: str, expected: tuple[str, ...], decision: str, operator: str, note: str, at):
        """Makes `version` active if its status is one of `expected`; raises ModelNotFound or WrongModelStatus."""
        with metrics.timed(metrics.DB_WRITE_SECONDS, operation="model_status"):
            await self._change_status(version, expected, decision, operator, note, at)

    async def _change_status(self, version: str, expected: tuple[str, ...], decision: str, operator: str, note: str, at):
        async with self._pool.connection() as conn, conn.transaction():
            await conn.execute("LOCK TABLE scoring.models IN SHARE ROW EXCLUSIVE MODE")
            cur = await conn.execute("SELECT status FROM scoring.models WHERE model_version = %s", (version,))
            row = await cur.fetchone()
            if row is None:
                raise ModelNotFound(version)
            if row[0] not in expected:
                raise WrongModelStatus(version, row[0], expected)
            await self._retire_active(conn, operator, at)
            await conn.execute("UPDATE scoring.models SET status = 'active' WHERE model_version = %s", (version,))
            await self._decide(conn, version, decision, operator, note, at)

    async def _retire_active(self, conn, operator: str, at: datetime) -> None:
        cur = await conn.execute("UPDATE scoring.models SET status = 'retired' WHERE status = 'active' RETURNING model_version")
        for (old,) in await cur.fetchall():
            await self._decide(conn, old, "retired", operator, "replaced by another version", at)

    @staticmethod
    async def _decide(conn, version: str, decision: str, operator: str, note: str, at: datetime) -> None:
        await conn.execute(
            "INSERT INTO scoring.model_decisions (model_version, decision, operator, note, decided_at)"
            " VALUES (%s, %s, %s, %s, %s)",
            (version, decision, operator, note, at),
        )

    async def models(self) -> list[ModelRow]:
        async with self._pool.connection() as conn:
            cur = await conn.execute(
                "SELECT model_version, status, trained_at, issue_time, card, gate_reason, card_markdown"
                " FROM scoring.models ORDER BY trained_at DESC, model_version"
            )
            return [ModelRow.of(row) for row in await cur.fetchall()]

    async def model_row(self, version: str | None) -> ModelRow | None:
        """A version's registry row; None as version means the active one."""
        where = "model_version = %s" if version else "status = 'active'"
        async with self._pool.connection() as conn:
            cur = await conn.execute(
                "SELECT model_version, status, trained_at, issue_time, card, gate_reason, card_markdown"
                f" FROM scoring.models WHERE {where}",
                (version,) if version else (),
            )
            row = await cur.fetchone()
        return ModelRow.of(row) if row else None

    async def awaiting_approval(self) -> str | None:
        """The newest version that passed the gate and waits for an operator."""
        async with self._pool.connection() as conn:
            cur = await conn.execute(
                "SELECT model_version FROM scoring.models WHERE status = 'awaiting_approval' ORDER BY trained_at DESC LIMIT 1"
            )
            row = await cur.fetchone()
        return row[0] if row else None

    async def decisions(self, version: str) -> list[tuple[str, str, str, datetime]]:
        async with self._pool.connection() as conn:
            cur = await conn.execute(
                "SELECT decision, operator, note, decided_at FROM scoring.model_decisions WHERE model_version = %s ORDER BY id",
                (version,),
            )
            return await cur.fetchall()

    async def active_model(self) -> tuple[str, TrainedModel, list[FeatureFamily]] | None:
        """The active version, its model and its feature families (for explanations)."""
        async with self._pool.connection() as conn:
            cur = await conn.execute(
                "SELECT model_version, booster, feature_names, params, calibration, level_thresholds, families"
                " FROM scoring.models WHERE status = 'active'"
            )
            row = await cur.fetchone()
        if row is None:
            return None
        name, raw, names, params, calibration, thresholds, families = row
        model = load_model(bytes(raw), names, params, calibration, thresholds)
        return name, model, [FeatureFamily(**f) for f in families]

    async def save_scores(
        self, issue_time: datetime, version: str, forecast, data_freshness: datetime | None, outbox: list[Outgoing]
    ) -> tuple[int, int]:
        """Hourly rows (cell, zone, target_time, expected_count, risk_level), daily rows (cell, zone, lead_day,
        window_start, expected_count, risk_level) and each cell's peak. Rewriting a forecast replaces it."""
        with metrics.timed(metrics.DB_WRITE_SECONDS, operation="scores"):
            await self._save_scores(issue_time, version, forecast, data_freshness, outbox)
        return len(forecast.rows), len(forecast.daily_rows)

    async def _save_scores(
        self, issue_time: datetime, version: str, forecast, data_freshness: datetime | None, outbox: list[Outgoing]
    ) -> None:
        rows, daily, forecasts = forecast.rows, forecast.daily_rows, forecast.cells
        async with self._pool.connection() as conn, conn.transaction():
            # Two replicas writing the same forecast take turns instead of colliding on its keys.
            await conn.execute(
                "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (f"scoring.forecast|{issue_time.isoformat()}|{version}",)
            )
            await conn.execute(
                "DELETE FROM scoring.risk_scores WHERE issue_time = %s AND model_version = %s", (issue_time, version)
            )
            for table in ("cell_forecasts", "daily_scores"):
                await conn.execute(
                    sql.SQL("DELETE FROM scoring.{} WHERE issue_time = %s AND model_version = %s").format(sql.Identifier(table)),
                    (issue_time, version),
                )
            async with conn.cursor().copy(
                "COPY scoring.risk_scores (issue_time, model_version, cell, zone, target_time, expected_count, risk_level)"
                " FROM STDIN"
            ) as copy:
                for cell, zone, target_time, expected, level in rows:
                    await copy.write_row((issue_time, version, cell, zone, target_time, expected, level))
            async with conn.cursor().copy(
                "COPY scoring.daily_scores (issue_time, model_version, cell, zone, lead_day, window_start, expected_count,"
                " risk_level, data_freshness) FROM STDIN"
            ) as copy:
                for row in daily:
                    await copy.write_row((issue_time, version, *row, data_freshness))
            async with conn.cursor() as cur:
                await cur.executemany(
                    "INSERT INTO scoring.cell_forecasts (issue_time, model_version, cell, zone, peak_target_time,"
                    " expected_count, risk_level, factors, data_freshness) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
                    [
                        (
                            issue_time,
                            version,
                            f.cell,
                            f.zone,
                            f.peak_target_time,
                            f.expected_count,
                            f.risk_level,
                            json.dumps([asdict(factor) for factor in f.factors]),
                            data_freshness,
                        )
                        for f in forecasts
                    ],
                )
            # In the same transaction: what is stored will be published (see OutboxRelay).
            async with conn.cursor() as cur:
                await cur.executemany(
                    "INSERT INTO scoring.outbox (update_id, subject, payload, traceparent) VALUES (%s, %s, %s, %s)"
                    " ON CONFLICT DO NOTHING",
                    [(o.msg_id, o.subject, o.payload, o.traceparent) for o in outbox],
                )

    async def last_scored_at(self) -> datetime | None:
        """When scores were last stored, by any replica: the newest risk update the outbox holds was
        written in the same transaction (a new hour's updates are new rows)."""
        async with self._pool.connection() as conn:
            cur = await conn.execute("SELECT max(created_at) FROM scoring.outbox")
            return (await cur.fetchone())[0]

    async def unpublished(self, limit: int) -> list[Outgoing]:
        async with self._pool.connection() as conn:
            cur = await conn.execute(
                "SELECT update_id, subject, payload, traceparent FROM scoring.outbox WHERE published_at IS NULL"
                " ORDER BY created_at, update_id LIMIT %s",
                (limit,),
            )
            # Each update published in the trace of the score that stored it, whichever round sends it.
            return [
                Outgoing(subject, bytes(payload), update, parent) for update, subject, payload, parent in await cur.fetchall()
            ]

    async def mark_published(self, update_ids: list[str], at: datetime) -> None:
        with metrics.timed(metrics.DB_WRITE_SECONDS, operation="outbox"):
            await self._mark_published(update_ids, at)

    async def _mark_published(self, update_ids: list[str], at: datetime) -> None:
        async with self._pool.connection() as conn:
            await conn.execute(
                "UPDATE scoring.outbox SET published_at = %s WHERE update_id = ANY(%s) AND published_at IS NULL",
                (at, update_ids),
            )
