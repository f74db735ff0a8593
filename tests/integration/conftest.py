"""Real PostgreSQL and NATS JetStream for integration tests: one PostgreSQL per session with a
fresh database per test, and a fresh NATS server per test (it starts in a few milliseconds)."""

from __future__ import annotations

import uuid

import pytest

from civicpulse.db.migrate import migrate
from civicpulse.devstack.nats_server import NatsServer
from civicpulse.devstack.postgres import PostgresServer
from civicpulse.messaging.connection import connect
from civicpulse.messaging.provision import provision
from support import IN_PROCESS


@pytest.fixture(scope="session")
def postgres(tmp_path_factory):
    server = PostgresServer(tmp_path_factory.mktemp("postgres"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def empty_database(postgres) -> str:
    return postgres.create_database(f"test_{uuid.uuid4().hex[:12]}")


@pytest.fixture
async def database_url(empty_database) -> str:
    await migrate(empty_database)
    return empty_database


@pytest.fixture
def nats_server(tmp_path):
    server = NatsServer(tmp_path / "nats")
    server.start()
    yield server
    server.stop()


@pytest.fixture
async def nats_url(nats_server) -> str:
    """A NATS server with every stream provisioned."""
    nc = await connect(nats_server.url, "test-provision")
    await provision(nc.jetstream())
    await nc.close()
    return nats_server.url


@pytest.fixture
async def js(nats_url):
    nc = await connect(nats_url, "test-client")
    yield nc.jetstream()
    await nc.close()


@pytest.fixture
async def ingestion_app(nats_url):
    """The ingestion service in-process, its clock at the end of the Houston data."""
    from datetime import UTC, datetime

    from ingestion.app import IngestionApp
    from ingestion.settings import IngestionSettings
    from support import CONFIG

    settings = IngestionSettings(
        grpc_host="127.0.0.1",
        **IN_PROCESS,
        grpc_port=0,
        nats_url=nats_url,
        city_profile=CONFIG / "cities" / "houston.yaml",
        partners_file=CONFIG / "partners.yaml",
        max_batch_size=10,
    )
    app = IngestionApp(settings, clock=lambda: datetime(2010, 8, 31, 12, tzinfo=UTC))
    await app.start()
    yield app
    await app.stop()


@pytest.fixture
async def pipeline(nats_url, database_url, tmp_path):
    """Pseudonymisation and the feature store in-process, on the Houston profile and partners."""
    from civicpulse.devstack.keys import write_key_file
    from feature_store.app import FeatureStoreApp
    from feature_store.settings import FeatureStoreSettings
    from pseudonymisation.app import PseudonymisationApp
    from pseudonymisation.settings import PseudonymisationSettings
    from support import CONFIG

    city = CONFIG / "cities" / "houston.yaml"
    common = dict(grpc_host="127.0.0.1", **IN_PROCESS, grpc_port=0, nats_url=nats_url, city_profile=city)
    write_key_file(tmp_path / "keys.yaml", CONFIG / "partners.yaml")
    pseudo = PseudonymisationApp(
        PseudonymisationSettings(**common, partners_file=CONFIG / "partners.yaml", keys_file=tmp_path / "keys.yaml")
    )
    store = FeatureStoreApp(FeatureStoreSettings(**common, database_url=database_url, chunk_rows=100))
    await store.start()
    await pseudo.start()
    yield store
    await pseudo.stop()
    await store.stop()
