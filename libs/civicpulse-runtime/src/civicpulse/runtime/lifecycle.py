"""Runs a service until SIGTERM/SIGINT, then shuts it down in order."""

from __future__ import annotations

import asyncio
import logging
import signal
from typing import Protocol

log = logging.getLogger(__name__)


class Service(Protocol):
    async def start(self) -> None:
        """Connects dependencies, starts consumers and the gRPC server, then reports SERVING."""

    async def stop(self) -> None:
        """Not ready -> stop consumers -> drain NATS -> stop gRPC with grace -> close pools."""


async def serve(service: Service) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    try:
        await service.start()
        log.info("started")
        await stop.wait()
        log.info("stopping")
    finally:
        await service.stop()
        log.info("stopped")


def run(service: Service) -> None:
    asyncio.run(serve(service))
