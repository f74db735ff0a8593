"""Connecting to NATS and checking that the streams a service needs exist."""

from __future__ import annotations

import logging
from collections.abc import Iterable

import nats
from nats.aio.client import Client
from nats.js import JetStreamContext
from nats.js.errors import NotFoundError

from civicpulse.messaging.streams import StreamSpec
from civicpulse.runtime.errors import FailedPrecondition

log = logging.getLogger(__name__)


async def connect(url: str, name: str) -> Client:
    async def on_error(exc: Exception) -> None:
        log.warning("nats error: %s", exc)

    return await nats.connect(
        url, name=name, max_reconnect_attempts=-1, reconnect_time_wait=1, error_cb=on_error, connect_timeout=5
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


async def open_jetstream(resources, url: str, name: str, streams: Iterable[StreamSpec]) -> tuple[Client, JetStreamContext]:
    """Connects, checks the streams, and registers the drain on the app's exit stack."""
    nc = await connect(url, name)
    resources.push_async_callback(nc.drain)
    js = nc.jetstream()
    await require_streams(js, streams)
    return nc, js
