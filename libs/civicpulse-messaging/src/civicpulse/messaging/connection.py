"""Connecting to NATS and checking that the streams a service needs exist."""

from __future__ import annotations

import logging
import ssl
from collections.abc import Iterable
from dataclasses import dataclass

import nats
from nats.aio.client import Client
from nats.js import JetStreamContext
from nats.js.errors import NotFoundError

from civicpulse.messaging.permissions import inbox_prefix
from civicpulse.messaging.topology import StreamSpec
from civicpulse.runtime.errors import FailedPrecondition

log = logging.getLogger(__name__)


class _QuietTlsClose(logging.Filter):
    """asyncio warns on every TLS connection nats-py closes ("returning true from eof_received()
    has no effect when using ssl"): a harmless quirk of the two, not worth a line per close."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "eof_received() has no effect when using ssl" not in record.getMessage()


logging.getLogger("asyncio").addFilter(_QuietTlsClose())


@dataclass(frozen=True)
class BusAccess:
    """Where the bus is and how this process proves who it is: its NATS user, over TLS."""

    url: str
    user: str | None = None
    password: str | None = None
    tls: ssl.SSLContext | None = None

    @classmethod
    def of(cls, settings, tls_context: ssl.SSLContext | None = None) -> BusAccess:
        """From settings with nats_url, nats_user and nats_password."""
        password = settings.nats_password.get_secret_value() if settings.nats_password else None
        return cls(settings.nats_url, settings.nats_user, password, tls_context)


async def connect(access: BusAccess | str, name: str, attempts: int = -1) -> Client:
    """A connection that reconnects for ever once made; `attempts` bounds the tries to make it
    (-1: for ever, as a service does while the bus starts; a command gives up and says so)."""

    async def on_error(exc: Exception) -> None:
        log.warning("nats error: %s", exc)

    if isinstance(access, str):
        access = BusAccess(access)
    options = {}
    if access.user:
        # Replies come back on the user's own inbox prefix, the only one it may read.
        options.update(user=access.user, password=access.password, inbox_prefix=inbox_prefix(access.user))
    if access.tls is not None:
        options["tls"] = access.tls
    return await nats.connect(
        access.url,
        name=name,
        max_reconnect_attempts=attempts,
        reconnect_time_wait=1,
        error_cb=on_error,
        connect_timeout=5,
        **options,
    )


async def require_streams(js: JetStreamContext, specs: Iterable[StreamSpec]) -> None:
    """Streams are provisioned once, not created ad hoc: a missing one stops the service."""
    for spec in specs:
        try:
            await js.stream_info(spec.name)
        except NotFoundError:
            raise FailedPrecondition(
                f"stream {spec.name} does not exist: run `python -m civicpulse.messaging.provision`"
            ) from None


async def open_jetstream(
    resources, access: BusAccess | str, name: str, streams: Iterable[StreamSpec]
) -> tuple[Client, JetStreamContext]:
    """Connects, checks the streams, and registers the drain on the app's exit stack."""
    nc = await connect(access, name)
    resources.push_async_callback(nc.drain)
    js = nc.jetstream()
    await require_streams(js, streams)
    return nc, js
