"""SQL of the scoring service: the model registry and the forecasts."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime

from psycopg.types.json import Jsonb
from psycopg_pool import AsyncConnectionPool

from scoring.model import TrainedModel, load_model


@dataclass(frozen=True)
class CellForecast:
    cell: str
    zone: str
    peak_target_time: datetime
    expected_count: float
    risk_level: int
    factors: list[dict]


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
        """The newest model's version and when it was trained."""
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

    async def save_model(self, version: str, trained_at: datetime, issue_time: datetime, model: TrainedModel) -> None:
        async with self._pool.connection() as conn:
            await conn.execute(
                "INSERT INTO scoring.models (model_version, trained_at, issue_time, feature_names, params,"
                " level_thresholds, metrics, booster) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)"
                " ON CONFLICT (model_version) DO NOTHING",
                (
                    version,
                    trained_at,
                    issue_time,
                    Jsonb(model.feature_names),
                    Jsonb(model.params),
                    Jsonb(model.level_thresholds),
                    Jsonb(model.metrics),
                    model.serialise(),
                ),
            )

    async def load_model(self, version: str | None) -> tuple[str, TrainedModel] | None:
        query = "SELECT model_version, booster, feature_names, level_thresholds, params, metrics FROM scoring.models " + (
            "WHERE model_version = %s" if version else "ORDER BY trained_at DESC LIMIT 1"
        )
        async with self._pool.connection() as conn:
            cur = await conn.execute(query, (version,) if version else ())
            row = await cur.fetchone()
        if row is None:
            return None
        name, raw, names, thresholds, params, metrics = row
        return name, load_model(bytes(raw), names, thresholds, params, metrics)

    async def save_scores(
        self, issue_time: datetime, version: str, rows, forecasts: list[CellForecast], data_freshness: datetime | None
    ) -> int:
        """rows: (cell, zone, target_time, expected_count, risk_level). Rewriting a forecast replaces it."""
        async with self._pool.connection() as conn, conn.transaction():
            # Two replicas writing the same forecast take turns instead of colliding on its keys.
            await conn.execute(
                "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (f"scoring.forecast|{issue_time.isoformat()}|{version}",)
            )
            await conn.execute(
                "DELETE FROM scoring.risk_scores WHERE issue_time = %s AND model_version = %s", (issue_time, version)
            )
            await conn.execute(
                "DELETE FROM scoring.cell_forecasts WHERE issue_time = %s AND model_version = %s", (issue_time, version)
            )
            async with conn.cursor().copy(
                "COPY scoring.risk_scores (issue_time, model_version, cell, zone, target_time, expected_count, risk_level)"
                " FROM STDIN"
            ) as copy:
                for cell, zone, target_time, expected, level in rows:
                    await copy.write_row((issue_time, version, cell, zone, target_time, expected, level))
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
                            json.dumps(f.factors),
                            data_freshness,
                        )
                        for f in forecasts
                    ],
                )
        return len(rows)
