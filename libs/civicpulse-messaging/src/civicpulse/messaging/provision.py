"""Creates or updates every declared stream. Run once per deployment (a Helm hook Job, or the devstack).

python -m civicpulse.messaging.provision     # reads CIVICPULSE_NATS_URL, CIVICPULSE_STREAM_REPLICAS
"""

from __future__ import annotations

import asyncio
import logging

from nats.js import JetStreamContext
from nats.js.errors import NotFoundError
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from civicpulse.messaging.connection import connect
from civicpulse.messaging.streams import ALL_STREAMS, StreamSpec
from civicpulse.runtime.logging import configure_logging
from civicpulse.runtime.settings import load_settings

log = logging.getLogger(__name__)


class ProvisionSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CIVICPULSE_", extra="ignore")
    nats_url: str = "nats://127.0.0.1:4222"
    stream_replicas: int = Field(1, ge=1, le=5)


async def provision(js: JetStreamContext, replicas: int = 1, specs: tuple[StreamSpec, ...] = ALL_STREAMS) -> list[str]:
    done = []
    for spec in specs:
        config = spec.config(replicas)
        try:
            await js.stream_info(spec.name)
            await js.update_stream(config)
            done.append(f"updated {spec.name}")
        except NotFoundError:
            await js.add_stream(config)
            done.append(f"created {spec.name}")
    return done


async def main() -> None:
    settings = load_settings(ProvisionSettings)
    nc = await connect(settings.nats_url, "civicpulse-provision")
    try:
        for line in await provision(nc.jetstream(), settings.stream_replicas):
            log.info(line)
    finally:
        await nc.drain()


if __name__ == "__main__":
    configure_logging("provision")
    asyncio.run(main())
