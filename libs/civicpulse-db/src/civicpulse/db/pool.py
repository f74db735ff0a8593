"""The async connection pool. Always `async with pool.connection() as conn:`."""

from __future__ import annotations

from dataclasses import dataclass

from opentelemetry.instrumentation.psycopg import PsycopgInstrumentor
from psycopg import AsyncConnection, AsyncCursor
from psycopg_pool import AsyncConnectionPool


@dataclass(frozen=True)
class SessionTimeouts:
    """How long a session may wait for a lock, and sit idle inside a transaction, before PostgreSQL
    gives up on it: a paused or hung replica holding row locks cannot hold the others for longer.
    Either failure is a transient one (`civicpulse.runtime.errors.dependency_failure`): the work is
    tried again, never dead-lettered."""

    # A statement waiting this long for a lock fails with SQLSTATE 55P03 (lock_not_available).
    lock_seconds: float = 5.0
    # A session idle this long inside a transaction is ended (SQLSTATE 25P03), its locks released.
    idle_in_transaction_seconds: float = 30.0

    def options(self) -> str:
        """The libpq `options` that set them for every session of the pool."""
        return (
            f"-c lock_timeout={round(self.lock_seconds * 1000)}"
            f" -c idle_in_transaction_session_timeout={round(self.idle_in_transaction_seconds * 1000)}"
        )


SESSION_TIMEOUTS = SessionTimeouts()


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


async def open_pool(url: str, name: str, max_size: int = 10, timeouts: SessionTimeouts = SESSION_TIMEOUTS) -> AsyncConnectionPool:
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
        kwargs={"application_name": name, "autocommit": False, "options": f"-c TimeZone=UTC {timeouts.options()}"},
    )
    await pool.open(wait=True, timeout=30)
    return pool


async def open_app_pool(resources, url: str, name: str, max_size: int = 10) -> AsyncConnectionPool:
    """Opens the pool and registers its closing on the app's exit stack."""
    pool = await open_pool(url, name, max_size)
    resources.push_async_callback(pool.close)
    return pool
