"""Applies each service's SQL migrations, in order, once.

Services declare their migrations as an entry point in the group `civicpulse.migrations`
(name: the service, value: a package holding NNN_name.sql files). A file named
NNN_name.timescaledb.sql is applied only with TimescaleDB; NNN_name.postgres.sql only without.

    python -m civicpulse.db.migrate [--service NAME ...]    # reads CIVICPULSE_DATABASE_URL
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import re
from dataclasses import dataclass
from importlib import resources
from importlib.metadata import entry_points

import psycopg
from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from civicpulse.db.timescale import enable_timescaledb
from civicpulse.runtime.logging import configure_logging
from civicpulse.runtime.settings import load_settings

log = logging.getLogger(__name__)
FILE_PATTERN = re.compile(r"^(\d{3})_([a-z0-9_]+?)(?:\.(timescaledb|postgres))?\.sql$")
LOCK_KEY = 0x63697669  # one migrator at a time across replicas and Jobs


@dataclass(frozen=True)
class Migration:
    service: str
    version: int
    name: str
    variant: str | None
    sql: str


def discover(services: list[str] | None = None) -> dict[str, str]:
    found = {ep.name: ep.value for ep in entry_points(group="civicpulse.migrations")}
    if services:
        missing = sorted(set(services) - set(found))
        if missing:
            raise SystemExit(f"no migrations registered for {', '.join(missing)}; known: {', '.join(sorted(found))}")
        return {name: found[name] for name in services}
    return found


def load(service: str, package: str, timescaledb: bool) -> list[Migration]:
    migrations = []
    for entry in resources.files(package).iterdir():
        match = FILE_PATTERN.match(entry.name)
        if not match:
            continue
        version, name, variant = int(match[1]), match[2], match[3]
        if variant == "timescaledb" and not timescaledb or variant == "postgres" and timescaledb:
            continue
        migrations.append(Migration(service, version, name, variant, entry.read_text(encoding="utf-8")))
    migrations.sort(key=lambda m: m.version)
    versions = [m.version for m in migrations]
    if len(versions) != len(set(versions)):
        raise SystemExit(f"{service}: two migrations share a version in {package}")
    return migrations


async def migrate(url: str, services: list[str] | None = None) -> list[str]:
    applied: list[str] = []
    async with await psycopg.AsyncConnection.connect(url, autocommit=True) as conn:
        timescaledb = await enable_timescaledb(conn)
        await conn.execute("SELECT pg_advisory_lock(%s)", (LOCK_KEY,))
        try:
            await conn.execute(
                "CREATE TABLE IF NOT EXISTS public.civicpulse_migrations ("
                " service text NOT NULL, version int NOT NULL, name text NOT NULL,"
                " applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (service, version))"
            )
            for service, package in sorted(discover(services).items()):
                cur = await conn.execute("SELECT version FROM public.civicpulse_migrations WHERE service = %s", (service,))
                done = {row[0] for row in await cur.fetchall()}
                for m in load(service, package, timescaledb):
                    if m.version in done:
                        continue
                    async with conn.transaction():
                        await conn.execute(m.sql)
                        await conn.execute(
                            "INSERT INTO public.civicpulse_migrations (service, version, name) VALUES (%s, %s, %s)",
                            (service, m.version, m.name),
                        )
                    applied.append(f"{service} {m.version:03d}_{m.name}{'.' + m.variant if m.variant else ''}")
        finally:
            await conn.execute("SELECT pg_advisory_unlock(%s)", (LOCK_KEY,))
    return applied


class MigrateSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CIVICPULSE_", extra="ignore")
    database_url: SecretStr


def main() -> None:
    configure_logging("migrate")
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--service", action="append", help="only this service (repeatable)")
    args = parser.parse_args()
    settings = load_settings(MigrateSettings)
    for line in asyncio.run(migrate(settings.database_url.get_secret_value(), args.service)):
        log.info("applied %s", line)


if __name__ == "__main__":
    main()
