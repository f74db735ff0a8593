"""Creates or updates every declared stream. Run once per deployment (a Helm hook Job, or the devstack).

python -m civicpulse.messaging.provision     # reads CIVICPULSE_NATS_URL, CIVICPULSE_STREAM_REPLICAS
"""

from __future__ import annotations

import asyncio
import logging
import ssl
from pathlib import Path

from nats.js import JetStreamContext
from nats.js.errors import NotFoundError
from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from civicpulse.messaging.connection import BusAccess, connect
from civicpulse.messaging.topology import ALL_STREAMS, StreamSpec
from civicpulse.runtime.logging import configure_logging
from civicpulse.runtime.settings import load_settings

log = logging.getLogger(__name__)


class ProvisionSettings(BaseSettings):
    """The one-shot bus tools' settings (provisioning, dead letters): CIVICPULSE_NATS_URL and so on."""

    model_config = SettingsConfigDict(env_prefix="CIVICPULSE_", extra="ignore")
    nats_url: str = "tls://127.0.0.1:4222"
    nats_user: str | None = None
    nats_password: SecretStr | None = None
    # The CA that verifies the NATS server, and this tool's client certificate (PEM files).
    tls_ca_file: Path | None = None
    tls_cert_file: Path | None = None
    tls_key_file: Path | None = None
    stream_replicas: int = Field(1, ge=1, le=5)

    def bus_access(self) -> BusAccess:
        tls = None
        if self.tls_ca_file:
            tls = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=str(self.tls_ca_file))
            if self.tls_cert_file and self.tls_key_file:
                tls.load_cert_chain(str(self.tls_cert_file), str(self.tls_key_file))
        return BusAccess.of(self, tls)


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
    nc = await connect(settings.bus_access(), "civicpulse-provision")
    try:
        for line in await provision(nc.jetstream(), settings.stream_replicas):
            log.info(line)
    finally:
        await nc.drain()


if __name__ == "__main__":
    configure_logging("provision")
    asyncio.run(main())
