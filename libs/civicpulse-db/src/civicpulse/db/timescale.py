"""Detects TimescaleDB: the feature store uses it when present and plain PostgreSQL otherwise."""

from __future__ import annotations

import psycopg


async def timescaledb_available(conn: psycopg.AsyncConnection) -> bool:
    cur = await conn.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'")
    return await cur.fetchone() is not None


async def timescaledb_enabled(conn: psycopg.AsyncConnection) -> bool:
    cur = await conn.execute("SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'")
    return await cur.fetchone() is not None


async def enable_timescaledb(conn: psycopg.AsyncConnection) -> bool:
    """Creates the extension when the server has it (it must be in shared_preload_libraries)."""
    if not await timescaledb_available(conn):
        return False
    try:
        await conn.execute("CREATE EXTENSION IF NOT EXISTS timescaledb")
    except psycopg.Error:
        await conn.rollback()
        return False
    return True
