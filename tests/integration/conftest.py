"""Real PostgreSQL and NATS JetStream for integration tests: one PostgreSQL per session with a
fresh database per test, and a fresh NATS server per test (it starts in a few milliseconds).

Both run non-durable (`durable=False`: no fsync, nothing synced before an acknowledgement), for
speed: these tests never crash a server, so nothing they check depends on what reaches the disk.
The local stack (`make up`, `make demo`, the fault suite) and tests/integration/test_durability.py
run them durable."""

from __future__ import annotations

import uuid

import pytest

from civicpulse.db.migrate import migrate
from civicpulse.devstack.nats_server import NatsServer
from civicpulse.devstack.postgres import PostgresServer
from civicpulse.messaging.connection import connect
from civicpulse.messaging.provision import provision
from support import CONFIG, IN_PROCESS


@pytest.fixture(scope="session")
def postgres(tmp_path_factory):
    server = PostgresServer(tmp_path_factory.mktemp("postgres"), durable=False)  # fast: see the module's docstring
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
    server = NatsServer(tmp_path / "nats", durable=False)  # fast: see the module's docstring
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
async def start_ingestion(nats_url, tmp_path):
    """Starts the ingestion service in-process, its clock at `INGESTION_NOW`, with the demo partners,
    some with other rate limits (`{partner: {"events_per_second": ..., "burst": ...}}`) and some left
    out; each one started is stopped after the test."""
    import yaml

    from factories import INGESTION_NOW
    from ingestion.app import IngestionApp
    from ingestion.settings import IngestionSettings

    started = []

    async def start(max_batch: int = 10, rate_limits=None, without=()) -> IngestionApp:
        document = yaml.safe_load((CONFIG / "partners.yaml").read_text())
        for partner, limit in (rate_limits or {}).items():
            document["partners"][partner]["rate_limit"] = limit
        for partner in without:
            del document["partners"][partner]
        partners_file = tmp_path / f"partners-{len(started)}.yaml"
        partners_file.write_text(yaml.safe_dump(document))
        settings = IngestionSettings(
            grpc_host="127.0.0.1",
            **IN_PROCESS,
            grpc_port=0,
            nats_url=nats_url,
            city_profile=CONFIG / "cities" / "houston.yaml",
            partners_file=partners_file,
            max_batch_size=max_batch,
        )
        app = IngestionApp(settings, clock=lambda: INGESTION_NOW)
        await app.start()
        started.append(app)
        return app

    yield start
    for app in reversed(started):
        await app.stop()


@pytest.fixture
async def ingestion_app(start_ingestion):
    """The ingestion service in-process, its clock at the end of the Houston data, 10 events a call."""
    return await start_ingestion()


@pytest.fixture
async def pipeline(nats_url, database_url, tmp_path):
    """Pseudonymisation and the feature store in-process, on the Houston profile and partners."""
    from civicpulse.devstack.keys import write_key_file
    from feature_store.app import FeatureStoreApp
    from feature_store.settings import FeatureStoreSettings
    from pseudonymisation.app import PseudonymisationApp
    from pseudonymisation.settings import PseudonymisationSettings

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


@pytest.fixture
async def feature_store_with_history(nats_url, js, database_url, city, tmp_path):
    """Starts a feature store holding the synthetic city's history (`synthetic_city.history`, ending
    at `HISTORY_END`) and gives scoring settings for it; the store stops after the test."""
    from synthetic_city import DAYS, HISTORY_END, history

    from civicpulse.devstack.profiles import profile_variant
    from civicpulse.messaging.publisher import Publisher
    from feature_store.app import FeatureStoreApp
    from feature_store.settings import FeatureStoreSettings
    from scoring.settings import ScoringSettings
    from support import SCORING_TOKEN, eventually, scalar

    stores = []

    async def start(with_events: bool = True, days: int = DAYS) -> ScoringSettings:
        common = dict(
            grpc_host="127.0.0.1", **IN_PROCESS, grpc_port=0, nats_url=nats_url, city_profile=CONFIG / "cities" / "houston.yaml"
        )
        store = FeatureStoreApp(FeatureStoreSettings(**common, database_url=database_url))
        await store.start()
        stores.append(store)
        messages, _ = history(city, HISTORY_END, with_events=with_events, days=days)
        await Publisher(js).publish_batch(messages)
        stored = "SELECT (SELECT count(*) FROM features.events) + (SELECT count(*) FROM features.scheduled_events)"

        async def all_stored() -> bool:
            return await scalar(database_url, stored) == len(messages)

        assert await eventually(all_stored, timeout=60)
        # A week of test time and a week of validation: the synthetic history is two months long.
        held_out = {"evaluation": {"test_days": 7, "validation_days": 7, "min_independent_windows": 7}}
        return ScoringSettings(
            **{**common, "city_profile": profile_variant(CONFIG / "cities" / "houston.yaml", tmp_path, held_out)},
            database_url=database_url,
            feature_store_address=f"127.0.0.1:{store.grpc.port}",
            feature_store_token=SCORING_TOKEN,
            training_step_hours=12,
            boost_rounds=300,
            learning_rate=0.1,
            schedule_minutes=60,
        )

    yield start
    for store in stores:
        await store.stop()
