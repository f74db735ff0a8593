"""The feature store's reads for the scoring service's read API, on a real feature store with real
PostgreSQL: the agenda (scheduled events overlapping a period) and the observed counts of the city's
targets per cell, zone and period, with the counts the agreements do not let publish withheld."""

from __future__ import annotations

from collections import Counter
from contextlib import AsyncExitStack
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import grpc
import h3
import pytest
import yaml
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from civicpulse.db.pool import open_app_pool
from civicpulse.featurestore.v1 import feature_store_pb2 as fs
from civicpulse.featurestore.v1 import feature_store_pb2_grpc
from civicpulse.runtime.agreements import PartnerRegistry
from civicpulse.runtime.city import CityProfile
from civicpulse.runtime.clock import to_datetime
from civicpulse.runtime.settings import SecretStr
from factories import DOWNTOWN, event_row, scheduled_row
from feature_store.app import FeatureStoreApp
from feature_store.observed import min_published_count
from feature_store.repository import FeatureRepository
from feature_store.settings import FeatureStoreSettings
from scoring.errors import FeatureStoreRefused
from scoring.feature_client import FeatureStoreClient
from support import CONFIG, IN_PROCESS, OPERATOR_TOKEN, POLICE, SCORING_TOKEN, bearer, ts

pytestmark = pytest.mark.integration
DISPATCH = bearer("demo-police-dispatch-app-token")  # an application
SCORING = bearer(SCORING_TOKEN)
T = datetime(2010, 8, 2, tzinfo=UTC)  # a Monday, midnight UTC
# The Houston police agreement: counts below 3 for one place and period are not published.
MIN_COUNT = 3


@dataclass(frozen=True)
class Store:
    address: str
    stub: feature_store_pb2_grpc.FeatureStoreServiceStub


@pytest.fixture
async def start_store(nats_url, database_url):
    """Starts feature stores on the test's database with these settings; each stops after the test."""
    stores = []

    async def start(**settings) -> Store:
        store = FeatureStoreApp(
            FeatureStoreSettings(
                grpc_host="127.0.0.1",
                **IN_PROCESS,
                grpc_port=0,
                nats_url=nats_url,
                city_profile=CONFIG / "cities" / "houston.yaml",
                database_url=database_url,
                # The rows are of 2010, received then: retention would delete them at once.
                retention_check_minutes=0,
                **settings,
            )
        )
        await store.start()
        stores.append(store)
        address = f"127.0.0.1:{store.grpc.port}"
        channel = grpc.aio.insecure_channel(address)
        resources.push_async_callback(channel.close)
        return Store(address, feature_store_pb2_grpc.FeatureStoreServiceStub(channel))

    async with AsyncExitStack() as resources:
        yield start
    for store in reversed(stores):
        await store.stop()


async def stored(database_url, events=(), scheduled=()) -> None:
    async with AsyncExitStack() as resources:
        repository = FeatureRepository(await open_app_pool(resources, database_url, "test-reads"))
        await repository.store(list(events), list(scheduled))


@pytest.fixture(scope="module")
def places(city):
    """Three cells of the city: a (downtown) and b in one zone, c in another."""
    a = city.cell_of(DOWNTOWN.latitude, DOWNTOWN.longitude)
    near = sorted(c for c in h3.grid_disk(a, 6) if c in city.cells and c != a)
    b = next(c for c in near if city.zone_of(c) == city.zone_of(a))
    c = next(c for c in near if city.zone_of(c) != city.zone_of(a))
    return a, b, c


def violations(error: grpc.aio.AioRpcError) -> list[tuple[str, str]]:
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT, error
    found = []
    for packed in rpc_status.from_call(error).details:
        if packed.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad = error_details_pb2.BadRequest()
            packed.Unpack(bad)
            found += [(v.field, v.reason) for v in bad.field_violations]
    return found


async def refusal(call) -> grpc.aio.AioRpcError:
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await call
    return caught.value


# --- the agenda --------------------------------------------------------------------------------


async def test_scheduled_events_overlapping_the_period_by_start_time(start_store, database_url, places, unique):
    a, _, c = places
    hours = lambda n: T + timedelta(hours=n)  # noqa: E731
    game = scheduled_row(
        f"{unique}-inside",
        cell=a,
        starts_at=hours(18),
        ends_at=hours(21),
        expected_attendance=41_000,
        area="minute-maid-park",
        organiser_type="sports_club",
    )
    market = scheduled_row(f"{unique}-elsewhere", category="market", cell=c, starts_at=hours(30), ends_at=hours(36))
    overlapping = [
        scheduled_row(f"{unique}-festival", category="festival", starts_at=hours(-24), ends_at=hours(72)),  # spans it
        scheduled_row(f"{unique}-night", starts_at=hours(-2), ends_at=hours(1)),  # ends inside
        game,
        market,
        scheduled_row(f"{unique}-late", starts_at=hours(47), ends_at=hours(50)),  # starts inside
    ]
    outside = [
        scheduled_row(f"{unique}-before", starts_at=hours(-3), ends_at=T),  # ends where the period starts
        scheduled_row(f"{unique}-after", starts_at=hours(48)),  # starts where it ends
    ]
    await stored(database_url, scheduled=[*outside, *reversed(overlapping)])
    stub = (await start_store()).stub

    request = fs.ListScheduledEventsRequest(start=ts(T), end=ts(hours(48)))
    response = await stub.ListScheduledEvents(request, metadata=SCORING, timeout=30)
    assert [e.event_key for e in response.events] == [e.event_key for e in overlapping] and not response.truncated
    listed = next(e for e in response.events if e.event_key == game.event_key)
    assert (listed.area, listed.organiser_type, listed.expected_attendance) == ("minute-maid-park", "sports_club", 41_000)
    assert (listed.category, listed.cell, listed.partner) == ("sports_match", a, "houston-events-office")
    assert (to_datetime(listed.starts_at), to_datetime(listed.ends_at)) == (hours(18), hours(21))

    request.cells.append(c)
    response = await stub.ListScheduledEvents(request, metadata=SCORING, timeout=30)
    assert [e.event_key for e in response.events] == [market.event_key]


async def test_a_busy_period_is_cut_and_says_so(start_store, database_url, unique):
    await stored(database_url, scheduled=[scheduled_row(f"{unique}-{i}", starts_at=T + timedelta(hours=i)) for i in range(5)])
    stub = (await start_store(scheduled_max_events=3)).stub
    request = fs.ListScheduledEventsRequest(start=ts(T), end=ts(T + timedelta(days=1)))
    response = await stub.ListScheduledEvents(request, metadata=SCORING, timeout=30)
    assert [e.event_key for e in response.events] == [f"{unique}-{i}" for i in range(3)] and response.truncated
    request.end.CopyFrom(ts(T + timedelta(hours=3)))
    response = await stub.ListScheduledEvents(request, metadata=SCORING, timeout=30)
    assert len(response.events) == 3 and not response.truncated  # exactly as many as one answer holds


# --- observed counts ---------------------------------------------------------------------------


def incidents(places, unique: str) -> list:
    """Target events (some counting several), events that are no targets, and events just outside
    [T, T + 14 days)."""
    a, b, c = places

    def at(cell, day, hour, category="theft", count=1, **fields):
        key = f"{unique}-{cell}-{day}-{hour}-{category}"
        return event_row(
            key, cell=cell, occurred_at=T + timedelta(days=day, hours=hour), category=category, count=count, **fields
        )

    return [
        at(a, 0, 10),
        at(a, 1, 3, "burglary", count=2),
        at(a, 6, 23, "robbery"),
        at(a, 7, 0),
        at(b, 2, 12, "auto_theft"),
        at(b, 3, 12),
        at(b, 8, 1),
        at(b, 9, 1),
        at(b, 13, 23),
        at(c, 4, 4),
        at(c, 10, 5, "aggravated_assault", count=5),
        at(c, 11, 6),
        # No targets: a category the city does not forecast, another kind.
        at(a, 1, 5, "rape"),
        at(a, 2, 5, "noise", partner="houston-311", kind="citizen_request"),
        # Outside the period.
        at(a, -1, 23),
        at(a, 14, 0),
        at(c, 20, 0),
    ]


def counted_in_the_test(city, events, period_days: int, shown=None, zones=None) -> tuple[dict, dict, int]:
    """Cell and zone counts of target events in [T, T + 14 days), each from MIN_COUNT up, and the
    events of the cell counts left out."""
    targets = {(t.kind, category) for t in city.targets for category in t.categories}
    end = T + timedelta(days=14)
    cells, zone_counts = Counter(), Counter()
    for event in events:
        if (event.kind, event.category) not in targets or not T <= event.occurred_at < end:
            continue
        period = T + (event.occurred_at - T) // timedelta(days=period_days) * timedelta(days=period_days) if period_days else T
        if shown is None or event.cell in shown:
            cells[event.cell, period] += event.count
        if zones is None or city.zone_of(event.cell) in zones:
            zone_counts[city.zone_of(event.cell), period] += event.count
    withheld = sum(n for n in cells.values() if n < MIN_COUNT)
    published = lambda counts: {key: n for key, n in counts.items() if n >= MIN_COUNT}  # noqa: E731
    return published(cells), published(zone_counts), withheld


def answered(response: fs.GetObservedCountsResponse) -> tuple[dict, dict, int]:
    cells = {(c.cell, to_datetime(c.period_start)): c.count for c in response.cell_counts}
    zones = {(z.zone, to_datetime(z.period_start)): z.count for z in response.zone_counts}
    assert all(not c.zone for c in response.cell_counts) and all(not z.cell for z in response.zone_counts)
    return cells, zones, response.withheld_cell_events


async def test_observed_counts_per_cell_zone_and_period_with_small_counts_withheld(
    start_store, database_url, city, places, unique
):
    events = incidents(places, unique)
    await stored(database_url, events)
    stub = (await start_store()).stub
    a, b, c = places
    fortnight = dict(start=ts(T), end=ts(T + timedelta(days=14)))
    for period_days in (7, 1, 0):
        request = fs.GetObservedCountsRequest(**fortnight, period_days=period_days)
        response = await stub.GetObservedCounts(request, metadata=SCORING, timeout=30)
        assert answered(response) == counted_in_the_test(city, events, period_days), period_days
        assert response.min_published_count == MIN_COUNT
        assert to_datetime(response.newest_event_at) == max(e.occurred_at for e in events)

    # By week: what the test's count says, written out.
    week = dict(period_days=7)
    cells, zones, withheld = answered(
        await stub.GetObservedCounts(fs.GetObservedCountsRequest(**fortnight, **week), metadata=SCORING)
    )
    second = T + timedelta(days=7)
    assert cells == {(a, T): 4, (b, second): 3, (c, second): 6}
    # a's second week (1), b's first (2), c's first (1): left out, never shown as zero.
    assert withheld == 4 and (a, second) not in cells and (b, T) not in cells
    assert zones[city.zone_of(a), T] == 6 and (city.zone_of(c), T) not in zones

    # One cell named: its counts alone, and its zone over every cell of the zone.
    request = fs.GetObservedCountsRequest(**fortnight, **week, cells=[a])
    response = await stub.GetObservedCounts(request, metadata=SCORING, timeout=30)
    assert answered(response) == counted_in_the_test(city, events, 7, shown={a}, zones={city.zone_of(a)})
    assert answered(response)[1] == {(city.zone_of(a), T): 6, (city.zone_of(a), second): 4}


async def test_the_scoring_client_reads_the_agenda_and_the_counts(start_store, database_url, places, unique):
    events = incidents(places, unique)
    await stored(database_url, events, [scheduled_row(f"{unique}-game", starts_at=T + timedelta(hours=19))])
    store = await start_store(scheduled_max_events=1)
    client = FeatureStoreClient(store.address, timeout=30, token=SecretStr(SCORING_TOKEN))
    try:
        day = timedelta(days=1)
        assert [e.event_key for e in await client.scheduled_events(T, T + day)] == [f"{unique}-game"]
        assert await client.scheduled_events(T, T + day, cells=[places[2]]) == []
        await stored(database_url, scheduled=[scheduled_row(f"{unique}-concert", category="concert", starts_at=T)])
        with pytest.raises(FeatureStoreRefused, match="more than 1 scheduled events"):
            await client.scheduled_events(T, T + day)  # an agenda is never silently incomplete

        counts = await client.observed_counts(T, T + 14 * day, period_days=7)
        assert (counts.min_published_count, counts.withheld_cell_events) == (MIN_COUNT, 4)
        whole = await client.observed_counts(T, T + 14 * day, cells=[places[0]])
        assert [(c.cell, c.count) for c in whole.cell_counts] == [(places[0], 5)]
        with pytest.raises(FeatureStoreRefused, match="not_whole_day"):
            await client.observed_counts(T + timedelta(hours=1), T + day)
    finally:
        await client.close()


# --- bad arguments and callers -----------------------------------------------------------------


async def test_bad_arguments_are_named_field_by_field(start_store, database_url, places, unique):
    await stored(database_url, incidents(places, unique))
    stub = (await start_store(counts_max_rows=5)).stub
    day = timedelta(days=1)

    async def agenda(**fields) -> list[tuple[str, str]]:
        return violations(await refusal(stub.ListScheduledEvents(fs.ListScheduledEventsRequest(**fields), metadata=SCORING)))

    async def counts(**fields) -> list[tuple[str, str]]:
        return violations(await refusal(stub.GetObservedCounts(fs.GetObservedCountsRequest(**fields), metadata=SCORING)))

    assert await agenda() == [("start", "required"), ("end", "required")]
    assert await agenda(start=ts(T), end=ts(T)) == [("end", "not_after_start")]
    assert await agenda(start=ts(T), end=ts(T + 63 * day)) == [("end", "span_too_long")]
    assert await agenda(start=ts(T), end=ts(T + day), cells=["8826e1aaa9fffff"]) == [("cells", "not_in_city")]
    far = ts(T)
    far.seconds = 253402300800  # the year 10000
    assert await agenda(start=ts(T), end=far) == [("end", "out_of_range")]

    assert await counts(end=ts(T)) == [("start", "required")]
    assert await counts(start=ts(T + timedelta(hours=5)), end=ts(T + day)) == [("start", "not_whole_day")]
    assert await counts(start=ts(T + day), end=ts(T)) == [("end", "not_after_start")]
    assert await counts(start=ts(T), end=ts(T + 367 * day)) == [("end", "span_too_long")]
    assert await counts(start=ts(T), end=ts(T + day), period_days=367, cells=["x"]) == [
        ("period_days", "out_of_range"),
        ("cells", "not_in_city"),
    ]
    assert await counts(start=ts(T), end=ts(T + day), period_days=-1) == [("period_days", "out_of_range")]
    # More counts than one answer holds (5 here): 3 cells and 3 zones by week, 3 cells and 2 zones over the fortnight.
    fortnight = dict(start=ts(T), end=ts(T + 14 * day))
    assert await counts(**fortnight, period_days=7) == [("period_days", "too_many_rows")]
    assert len((await stub.GetObservedCounts(fs.GetObservedCountsRequest(**fortnight), metadata=SCORING)).cell_counts) == 3


async def test_applications_and_partners_are_refused_operators_admitted(start_store):
    stub = (await start_store()).stub
    agenda = fs.ListScheduledEventsRequest(start=ts(T), end=ts(T + timedelta(days=1)))
    counts = fs.GetObservedCountsRequest(start=ts(T), end=ts(T + timedelta(days=1)))
    for caller in (DISPATCH, POLICE):
        for call in (stub.ListScheduledEvents(agenda, metadata=caller), stub.GetObservedCounts(counts, metadata=caller)):
            assert (await refusal(call)).code() == grpc.StatusCode.PERMISSION_DENIED
    operator = bearer(OPERATOR_TOKEN)
    assert not (await stub.ListScheduledEvents(agenda, metadata=operator, timeout=30)).events
    assert (await stub.GetObservedCounts(counts, metadata=operator, timeout=30)).min_published_count == MIN_COUNT


# --- who decides the smallest published count --------------------------------------------------


def test_the_strictest_agreement_whose_events_are_counted_decides(partners, city):
    assert min_published_count(partners, city.targets) == MIN_COUNT

    def with_min_counts(**min_counts) -> PartnerRegistry:
        document = partners.model_dump(mode="json")
        for partner, min_count in min_counts.items():
            document["partners"][partner]["agreement"]["publication"] = {"min_count": min_count}
        return PartnerRegistry.model_validate(document)

    # The 311 requests are no Houston target: their agreement does not decide; the police's does.
    assert min_published_count(with_min_counts(**{"houston-311": 10}), city.targets) == MIN_COUNT
    assert min_published_count(with_min_counts(**{"houston-police": 5}), city.targets) == 5
    assert min_published_count(with_min_counts(**{"houston-police": 1}), city.targets) == 1
    chicago = CityProfile.load(CONFIG / "cities" / "chicago.yaml")
    assert min_published_count(PartnerRegistry.load(CONFIG / "partners-chicago.yaml"), chicago.targets) == 3


# --- who sent the events: the police-generated share per kind ----------------------------------


async def test_the_data_status_says_per_kind_how_many_events_police_generated_partners_sent(
    start_store, database_url, partners, unique, tmp_path
):
    def sent(key: str, partner: str, kind: str, count: int, category: str = "theft"):
        return event_row(f"{unique}-{key}", partner, kind=kind, category=category, count=count)

    events = [
        sent("police-theft", "houston-police", "incident_report", 3),
        sent("311-theft", "houston-311", "incident_report", 1),
        # The police log traffic incidents too; another partner sends the rest.
        sent("police-accident", "houston-police", "traffic_disruption", 2, "accident"),
        sent("roads-closure", "houston-roads", "traffic_disruption", 2, "closure"),
        sent("311-noise", "houston-311", "citizen_request", 5, "noise"),
    ]
    scheduled = [
        scheduled_row(f"{unique}-game"),
        scheduled_row(f"{unique}-fair", category="festival"),
        scheduled_row(f"{unique}-march", "houston-police", category="demonstration"),
    ]
    await stored(database_url, events, scheduled)
    store = await start_store()
    client = FeatureStoreClient(store.address, timeout=30, token=SecretStr(SCORING_TOKEN))
    try:
        # Events weigh their counts, a scheduled event one; only houston-police says police_generated.
        assert {k: (s.events, s.police_generated_events) for k, s in (await client.senders_by_kind()).items()} == {
            "incident_report": (4, 3),
            "traffic_disruption": (4, 2),
            "citizen_request": (5, 0),
            "scheduled_event": (3, 1),
        }
    finally:
        await client.close()

    # The agreements decide, not the kind: declared otherwise, the same events read otherwise.
    document = partners.model_dump(mode="json")
    document["partners"]["houston-police"]["police_generated"] = False
    document["partners"]["houston-311"]["police_generated"] = True
    (tmp_path / "partners.yaml").write_text(yaml.safe_dump(document))
    stub = (await start_store(partners_file=tmp_path / "partners.yaml")).stub
    status = await stub.GetDataStatus(fs.GetDataStatusRequest(), metadata=bearer(OPERATOR_TOKEN), timeout=30)
    assert [(k.kind, k.events, k.police_generated_events) for k in status.senders_by_kind] == [
        ("citizen_request", 5, 5),
        ("incident_report", 4, 1),
        ("scheduled_event", 3, 0),
        ("traffic_disruption", 4, 0),
    ]


async def test_a_store_with_no_event_names_no_kind(start_store):
    stub = (await start_store()).stub
    status = await stub.GetDataStatus(fs.GetDataStatusRequest(), metadata=SCORING, timeout=30)
    assert list(status.senders_by_kind) == [] and status.events_stored == 0
