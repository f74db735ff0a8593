"""The console in a browser, as the people it serves use it, over the whole stack on a slice of the
real Houston data: the duty operator signs in, moves through the map's days, opens a zone and reads
the same figures the API gives; the agenda shows two events booked at the same place at the same
time as a conflict; the page speaks French on demand; the mediation team sees its three zones and
nothing else. No request leaves the console's origin. Screenshots of every view go to
.run/console/, with the first paint and a zone click's round trip (printed, not judged)."""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
from playwright.async_api import Page, Request, expect

from civicpulse.devstack.callers import MEDIATION_APP, OPERATOR, demo_token
from civicpulse.devstack.profiles import SHORT_HELD_OUT, profile_variant
from civicpulse.devstack.stack import LocalStack
from civicpulse.events.v1 import events_pb2
from civicpulse.lab import screenshots
from civicpulse.lab.scenario import EVENTS_OFFICE, EVENTS_OFFICE_TOKEN, POLICE, POLICE_TOKEN, bearer, run_scenario, timestamp
from civicpulse.lab.sources import city_sources
from civicpulse.runtime.city import CityProfile
from civicpulse.scoring.v1 import forecasts_pb2, forecasts_pb2_grpc
from support import REPO_ROOT

pytestmark = pytest.mark.e2e
SLICE = 45_000  # as the pipeline test: enough history to train and judge a model
OUT = REPO_ROOT / ".run" / "console"
CITY_TZ = ZoneInfo("America/Chicago")
AREA = "minute-maid-park"
TIMINGS: dict[str, float] = {}


@dataclass
class Console:
    url: str
    stack: LocalStack
    issue_time: datetime
    conflict_date: str  # the city day of the two overlapping events


def overlapping_events(issue_time: datetime) -> tuple[str, list[events_pb2.PartnerEvent]]:
    """Two events booked at the same named area, overlapping in time, six days after the issue time."""
    day = (issue_time + timedelta(days=6)).date()
    evening = datetime(day.year, day.month, day.day, 18, tzinfo=CITY_TZ)

    def booked(event_id: str, category: str, organiser: str, attendance: int, start: datetime, hours: int):
        return events_pb2.PartnerEvent(
            partner_event_id=event_id,
            kind=events_pb2.EVENT_KIND_SCHEDULED_EVENT,
            category=category,
            area=AREA,
            starts_at=timestamp(start),
            ends_at=timestamp(start + timedelta(hours=hours)),
            occurred_at=timestamp(start),
            expected_attendance=attendance,
            organiser_type=organiser,
            announced_at=timestamp(issue_time - timedelta(days=20)),
        )

    return day.isoformat(), [
        booked("console-match", "sports_match", "sports_club", 30_000, evening, 4),
        booked("console-concert", "concert", "commercial", 20_000, evening + timedelta(hours=2), 4),
    ]


@pytest.fixture(scope="module")
def chromium() -> str:
    try:
        return screenshots.chromium_path()
    except RuntimeError as missing:
        pytest.fail(str(missing), pytrace=False)


@pytest.fixture(scope="module")
async def console(tmp_path_factory, chromium) -> Console:
    houston = city_sources("houston")
    police = list(houston.source(POLICE).events(SLICE))
    last = max(e.occurred_at.ToDatetime() for e in police)
    issue_time = datetime(last.year, last.month, last.day, tzinfo=CITY_TZ)
    games = list(houston.source(EVENTS_OFFICE).events(10))
    conflict_date, booked = overlapping_events(issue_time)
    run_dir = tmp_path_factory.mktemp("console")
    stack = LocalStack(
        run_dir / "stack",
        city_profile=profile_variant(LocalStack.city_profile, run_dir, SHORT_HELD_OUT),
        overrides={"scoring": {"TRAINING_STEP_HOURS": "24"}},
    )
    async with stack:
        summary = await run_scenario(
            stack,
            [(POLICE_TOKEN, police), (EVENTS_OFFICE_TOKEN, games + booked)],
            issue_time,
            min_risk_level=2,
            settle_timeout=120,
            progress=lambda line: None,
        )
        assert summary.model_status == "active", summary.gate_reason
        assert "console" in stack.addresses, "the stack starts no console: is it in the catalogue?"
        yield Console(stack.url("console").rstrip("/"), stack, issue_time, conflict_date)


class Requests:
    """Every request a page makes, to check that none leaves the console's origin."""

    def __init__(self, page: Page, origin: str):
        self.origin = origin
        self.urls: list[str] = []
        page.on("request", self.record)

    def record(self, request: Request) -> None:
        self.urls.append(request.url)

    def elsewhere(self) -> list[str]:
        own = urlsplit(self.origin)
        return [u for u in self.urls if not u.startswith(("data:", "blob:")) and urlsplit(u)[:2] != own[:2]]


async def signed_in(launched, console: Console, caller: str, locale: str = "en-US") -> tuple[Page, Requests]:
    context = await screenshots.new_context(launched, locale=locale)
    page = await context.new_page()
    requests = Requests(page, console.url)
    await screenshots.sign_in(page, console.url, demo_token(caller))
    await screenshots.wait_for_map(page)
    return page, requests


async def forecast_of(console: Console, caller: str, zone_id: str) -> forecasts_pb2.GetForecastResponse:
    async with console.stack.endpoint("scoring").channel() as channel:
        stub = forecasts_pb2_grpc.ForecastServiceStub(channel)
        request = forecasts_pb2.GetForecastRequest(zone_id=zone_id)
        return await stub.GetForecast(request, metadata=bearer(demo_token(caller)), timeout=10)


async def click_inside(page: Page, testid: str) -> None:
    """A real click on a point of the shape that the shape itself receives (a polygon's box centre
    may lie outside it, or under a neighbour)."""
    point = await page.evaluate(
        """(testid) => {
            const shape = document.querySelector(`[data-testid="${testid}"]`);
            const box = shape.getBoundingClientRect();
            for (let i = 1; i < 12; i++) for (let j = 1; j < 12; j++) {
                const x = box.left + (box.width * i) / 12, y = box.top + (box.height * j) / 12;
                if (document.elementFromPoint(x, y) === shape) return [x, y];
            }
            return null;
        }""",
        testid,
    )
    assert point, f"no visible point of {testid} to click"
    await page.mouse.click(*point)


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def write_timings() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "timings.json").write_text(json.dumps(TIMINGS, indent=2) + "\n")
    print(f"console timings (ms): {TIMINGS}")


async def test_operator_moves_through_days_and_reads_a_zone(console: Console):
    async with screenshots.browser() as launched:
        page, requests = await signed_in(launched, console, OPERATOR)
        paint = await page.evaluate("performance.getEntriesByName('first-contentful-paint').map(e => e.startTime)")
        if paint:
            TIMINGS["first_contentful_paint_ms"] = round(paint[0], 1)

        # Day 1 first; the slider moves to day 3: the map asks for day 3, the legend says so.
        legend = page.get_by_test_id("legend-when")
        await expect(legend).to_have_attribute("data-lead-day", "1")
        day1_label = await legend.inner_text()
        async with page.expect_request(
            lambda r: "/api/riskmap" in r.url and parse_qs(urlsplit(r.url).query).get("lead_day") == ["3"]
        ):
            await page.get_by_test_id("slider").fill("3")
        await expect(legend).to_have_attribute("data-lead-day", "3")
        assert await legend.inner_text() != day1_label
        await expect(page.get_by_test_id("slider-label")).to_contain_text("3")

        # A zone's panel: the figures of day 3 are the API's, for this caller.
        shape = page.locator('[data-testid^="shape-"]').first
        zone_id = (await shape.get_attribute("data-testid")).removeprefix("shape-")
        started = time.perf_counter()
        await click_inside(page, f"shape-{zone_id}")
        panel = page.get_by_test_id("zone-panel")
        await expect(panel).to_have_attribute("data-state", "ready")
        await expect(panel).to_have_attribute("data-place", zone_id)
        TIMINGS["zone_click_to_panel_ms"] = round(1000 * (time.perf_counter() - started), 1)
        direct = await forecast_of(console, OPERATOR, zone_id)
        day3 = next(d for d in direct.days if d.lead_day == 3)
        expected = float(await page.get_by_test_id("panel-expected").get_attribute("data-value"))
        assert expected == pytest.approx(day3.expected_count, rel=1e-9, abs=1e-12)
        assert await page.get_by_test_id("panel-level").get_attribute("data-value") == str(day3.risk_level)
        assert await page.get_by_test_id("panel-band").get_attribute("data-value") == forecasts_pb2.Band.Name(day3.band)
        assert await page.get_by_test_id("panel-model").inner_text() == direct.origin.model_version
        meaning = next(m for m in direct.daily_levels if m.risk_level == day3.risk_level)
        await expect(page.get_by_test_id("panel-meaning")).to_have_text(meaning.words_en)
        await expect(page.get_by_test_id("panel-track")).to_have_text(direct.track_record.words_en)
        if direct.reasons:
            await expect(page.get_by_test_id("reason").first).to_contain_text(direct.reasons[0].words_en)

        # French on demand: the header, the legend and the panel's words.
        await page.get_by_test_id("lang-switch").click()
        await expect(page.get_by_test_id("nav-map")).to_have_text("Carte")
        await expect(page.get_by_test_id("legend-when")).to_contain_text("Jour 3")
        await expect(page.get_by_test_id("legend-level-1")).to_contain_text("Niveau 1")
        await expect(page.get_by_test_id("panel-meaning")).to_have_text(meaning.words_fr)
        assert await page.evaluate("document.documentElement.lang") == "fr"
        OUT.mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(OUT / "map-fr-panel.png"))

        assert requests.elsewhere() == []
        assert any("/api/forecast" in u for u in requests.urls)
    write_timings()


async def test_agenda_flags_the_two_events_booked_at_the_same_place(console: Console):
    async with screenshots.browser() as launched:
        page, requests = await signed_in(launched, console, OPERATOR)
        await page.get_by_test_id("nav-agenda").click()
        await page.get_by_test_id("agenda-grid").wait_for()
        day = page.get_by_test_id(f"agenda-day-{console.conflict_date}")
        await expect(day).to_have_class(re.compile(r"\bhas-conflict\b"))
        await day.click()
        panel = page.get_by_test_id("day-panel")
        await expect(panel).to_have_attribute("data-date", console.conflict_date)
        conflicts = panel.get_by_test_id("conflict")
        await expect(conflicts.first).to_be_visible()
        async with console.stack.endpoint("scoring").channel() as channel:
            agenda = await forecasts_pb2_grpc.ForecastServiceStub(channel).GetAgenda(
                forecasts_pb2.GetAgendaRequest(days=30), metadata=bearer(demo_token(OPERATOR)), timeout=10
            )
        ours = [c for c in agenda.conflicts if console.conflict_date in c.local_dates and c.area == AREA]
        assert ours, [c.words_en for c in agenda.conflicts]
        await expect(panel).to_contain_text(ours[0].words_en)
        # Both events are listed with who organises them and how many are expected.
        await expect(panel.locator(".event.has-conflict")).to_have_count(2)
        await expect(panel).to_contain_text("sports_club")
        await expect(panel).to_contain_text("30,000")
        # The zone's cell of that day is marked too.
        cell = page.get_by_test_id(f"agenda-cell-{ours[0].zone_id}-{console.conflict_date}")
        await expect(cell).to_have_class(re.compile(r"\bhas-conflict\b"))
        assert requests.elsewhere() == []


async def test_mediation_team_sees_only_its_zones(console: Console):
    async with screenshots.browser() as launched:
        page, requests = await signed_in(launched, console, MEDIATION_APP)
        session = await page.evaluate("fetch('/api/session').then(r => r.json())")
        assert len(session["zones"]) == 3 and not session["all_zones"]
        # On a tablet held upright: the map's controls stay large enough for a finger.
        await page.set_viewport_size({"width": 800, "height": 1280})
        for testid in ("slider", "lang-switch", "kind-cell", "mode-hour", "nav-agenda"):
            box = await page.get_by_test_id(testid).bounding_box()
            assert box and box["height"] >= 44 and box["x"] + box["width"] <= 800, (testid, box)
        shapes = page.locator('[data-testid^="shape-"]')
        await expect(shapes).to_have_count(3)
        shown = {(await shapes.nth(i).get_attribute("data-testid")).removeprefix("shape-") for i in range(3)}
        assert shown == set(session["zones"])
        other = next(z for z in sorted(CityProfile.load(console.stack.city_profile).zones) if z not in shown)
        await page.goto(f"{console.url}/#/zone/{other}")
        await expect(page.get_by_test_id("not-found")).to_be_visible()
        # Its own zone's page opens.
        mine = sorted(shown)[0]
        await page.goto(f"{console.url}/#/zone/{mine}")
        await page.get_by_test_id("zone-chart").wait_for()
        # On days the model never saw: what it expected here against what was observed, per day.
        held_out = page.get_by_test_id("zone-heldout-chart")
        await expect(page.get_by_test_id("zone-track")).to_be_visible()
        missing = page.get_by_test_id("zone-heldout-none")  # a card without the zone's series says so
        assert not await missing.count(), await missing.inner_text()
        await held_out.wait_for()
        assert int(await held_out.get_attribute("data-datasets")) >= 2
        card = json.loads((await page.evaluate("fetch('/api/card').then(r => r.json())"))["card_json"])
        series = next(z for z in card["bands"]["day1"]["zone_series"] if z["zone"] == mine)
        assert (await held_out.get_attribute("data-start"), await held_out.get_attribute("data-end")) == (
            series["dates"][0],
            series["dates"][-1],
        )
        assert requests.elsewhere() == []


async def test_the_model_page_says_what_each_band_rests_on(console: Console):
    async with screenshots.browser() as launched:
        page, requests = await signed_in(launched, console, OPERATOR)
        await page.goto(f"{console.url}/#/model")
        basis = page.get_by_test_id("band-basis")
        await basis.wait_for()
        card = json.loads((await page.evaluate("fetch('/api/card').then(r => r.json())"))["card_json"])
        day1 = card["bands"]["day1"]
        # The next 24 hours: as many windows as daily issue times, enough to be judged.
        words = await basis.inner_text()
        assert (
            f"Judged on {day1['issue_times']} daily issue times: {day1['independent_windows']} independent 1-day windows" in words
        )
        assert day1["judged"] and "shown, not judged" not in words
        # Days 2-7 on a two-week test period: overlapping six-day windows, too few to rely on.
        days2_7 = card["bands"]["days2_7"]
        await page.get_by_test_id("band-days2_7").click()
        await expect(basis).to_contain_text(f"{days2_7['independent_windows']} independent 6-day windows")
        assert days2_7["judged"] is False and days2_7["independent_windows"] < card["gate"]["min_independent_windows"]
        await expect(basis).to_contain_text(f"the city asks for {card['gate']['min_independent_windows']}")
        assert requests.elsewhere() == []


async def test_the_register_says_which_partners_data_is_police_generated(console: Console):
    async with screenshots.browser() as launched:
        page, requests = await signed_in(launched, console, OPERATOR)
        await page.goto(f"{console.url}/#/register")
        police = page.get_by_test_id(f"register-partner-{POLICE}")
        await expect(police).to_contain_text("Police-generated data")
        await expect(police.get_by_test_id("register-police-generated")).to_have_text("yes")
        events_office = page.get_by_test_id(f"register-partner-{EVENTS_OFFICE}")
        await expect(events_office.get_by_test_id("register-police-generated")).to_have_text("no")
        assert requests.elsewhere() == []


async def test_screenshots_of_every_view(console: Console):
    written = await screenshots.take_screenshots(console.url, demo_token(OPERATOR), OUT)
    assert [p.name for p in written] == ["map.png", "agenda.png", "zone.png", "model.png", "register.png", "map-fr.png"]
    for path in written:
        assert path.stat().st_size > 10_000, path
    assert Path(OUT / "map.png").exists()
