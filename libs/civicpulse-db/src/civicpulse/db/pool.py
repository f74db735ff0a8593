"""The async connection pool. Always `async with pool.connection() as conn:`."""

from __future__ import annotations

from opentelemetry.instrumentation.psycopg import PsycopgInstrumentor
from psycopg import AsyncConnection, AsyncCursor
from psycopg_pool import AsyncConnectionPool


async def _traced(conn: AsyncConnection) -> None:
    # Every statement becomes a client span of the current trace (no SQL comments, no parameters).
    PsycopgInstrumentor.instrument_connection(conn)


async def _alive(conn: AsyncConnection) -> None:
    """A round trip before the pool lends a connection; a plain cursor keeps it out of the traces."""
    autocommit = conn.autocommit
    if not autocommit:
        await conn.set_autocommit(True)
    try:
        await AsyncCursor(conn).execute("")
    finally:
        if not autocommit:
            await conn.set_autocommit(False)


async def open_pool(url: str, name: str, max_size: int = 10) -> AsyncConnectionPool:
    pool = AsyncConnectionPool(
        url,
        min_size=1,
        max_size=max_size,
        open=False,
        name=name,
        configure=_traced,
        # A connection is checked before it is lent: after a database restart the broken ones are
        # replaced at once instead of failing the next statements until the pool notices.
        check=_alive,
        # Reconnection backs off exponentially without a cap until this timeout: kept short, an
        # attempt gives up soon and the next client's wait starts a fresh one at a short delay, so
        # the service is back within seconds of the database, however long the outage was.
        reconnect_timeout=30,
        # UTC sessions: hour buckets and timestamps never depend on a server default.
        kwargs={"application_name": name, "autocommit": False, "options": "-c TimeZone=UTC"},
    )
    await pool.open(wait=True, timeout=30)
    return pool


async def open_app_pool(resources, url: str, name: str, max_size: int = 10) -> AsyncConnectionPool:
    """Opens the pool and registers its closing on the app's exit stack."""
    pool = await open_pool(url, name, max_size)
    resources.push_async_callback(pool.close)
    return pool
