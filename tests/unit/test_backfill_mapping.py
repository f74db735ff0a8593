"""Mapping files turn a partner's rows into events: the committed ones make, field for field, the
events the demo's hand-written converters made of the same files before the mappings replaced them."""

import hashlib
import json
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

import pytest
from pydantic import ValidationError

from civicpulse.client.backfill import Progress, load, report
from civicpulse.client.mapping import Mapping, rows
from civicpulse.events.v1 import events_pb2
from civicpulse.ingestion.v1 import ingestion_pb2
from support import CONFIG, REPO_ROOT

HOUSTON = REPO_ROOT / "datasets" / "houston"
CHICAGO = REPO_ROOT / "datasets" / "chicago"
GAMES = CHICAGO / "cubs_whitesox_home_games_2000_2018_retrosheet.csv"
MAPPINGS = CONFIG / "mappings"


def digest(events: Iterable[events_pb2.PartnerEvent]) -> str:
    """SHA-256 of the events in order, each serialised deterministically after its length (4 bytes, big-endian)."""
    sha = hashlib.sha256()
    for event in events:
        data = event.SerializeToString(deterministic=True)
        sha.update(len(data).to_bytes(4, "big") + data)
    return sha.hexdigest()


# Each mapping on its file: rows read, rows skipped, and the digest of the events made. Recorded
# from the converters of civicpulse.devstack.partners (deleted since), after checking that each
# mapping made exactly their events, in order, on the whole file.
RECORDED = [
    ("houston-crime.yaml", HOUSTON / "houston_crime_2010_ggmap.csv.gz", 86_314, 0,
     "bffd1acb40b7b73310446533946bffb10b20a1587b0e12bfd7b315dc66f7a134"),
    ("astros-games.yaml", HOUSTON / "astros_home_games_2010_retrosheet.csv", 81, 0,
     "862868f3f6091c8ec0a968d25d5bde5f41057338d506c233dc1b94f97389de5a"),
    ("chicago-311.yaml", CHICAGO / "chicago_311_sanitation_code_complaints.csv.gz", 74_401, 0,
     "cda1caf7824bc677072e406a6d91580eed7ec236054a7b40c3b9d7866e3f6996"),
    ("chicago-weather.yaml", CHICAGO / "chicago_daily_weather_2011_2014_food_inspections_repo.csv", 1_310, 0,
     "039526147023b2d548b926a52e438287d10d4fb85abe7701ecda1f0c4a00dabf"),
    ("chicago-games.yaml", GAMES, 3_080, 1,  # Tokyo skipped, doubleheaders staggered
     "0891e313f4ad7c6f9effaafb319cc8f544d763b74cc3b7763179bfb66c172f97"),
]  # fmt: skip


@pytest.mark.parametrize(("mapping_file", "path", "read", "skipped", "sha256"), RECORDED, ids=[r[0] for r in RECORDED])
def test_each_mapping_makes_the_events_the_converters_made(mapping_file, path, read, skipped, sha256):
    mapping = Mapping.load(MAPPINGS / mapping_file)
    made = list(mapping.events(rows(path, mapping.format)))
    assert [number for number, _ in made] == list(range(1, read + 1))
    assert sum(event is None for _, event in made) == skipped
    assert digest(event for _, event in made if event is not None) == sha256


def test_the_first_crime_row_s_event():
    mapping = Mapping.load(MAPPINGS / "houston-crime.yaml")
    event = mapping.event(next(rows(HOUSTON / "houston_crime_2010_ggmap.csv.gz", "csv")))
    assert event == events_pb2.PartnerEvent(
        partner_event_id="hpd-b0247817ed3c6c5aabdf",
        kind=events_pb2.EVENT_KIND_INCIDENT_REPORT,
        category="murder",
        occurred_at={"seconds": int(datetime(2010, 1, 1, 6, tzinfo=UTC).timestamp())},  # 00:00 in Houston (CST)
        location=events_pb2.GeoPoint(latitude=29.6779015, longitude=-95.4373883),
        address="9650 marlive ln",
        count=1,
        attributes={"premise": "apartment parking lot", "beat": "15E30"},
    )


def test_the_tokyo_opener_is_skipped_and_a_doubleheader_staggered():
    made = list(games_mapping().events(rows(GAMES, "csv")))
    assert made[0] == (1, None)  # 2000-03-30 at the Tokyo Dome: not a Chicago event
    doubleheader = {e.partner_event_id: e for _, e in made if e and e.partner_event_id.startswith("cubs-2000-08-25-")}
    # A day doubleheader at Wrigley Field: 13:20 CDT, then 30 minutes after the first one's 3 hours.
    assert starts(doubleheader["cubs-2000-08-25-1"]) == datetime(2000, 8, 25, 18, 20, tzinfo=UTC)
    assert starts(doubleheader["cubs-2000-08-25-2"]) == datetime(2000, 8, 25, 21, 50, tzinfo=UTC)
    assert len(doubleheader) == 2


def test_unreadable_values_are_left_for_ingestion_to_name():
    mapping = Mapping.load(MAPPINGS / "houston-crime.yaml")
    row = next(rows(HOUSTON / "houston_crime_2010_ggmap.csv.gz", "csv"))
    event = mapping.event({**row, "time_utc": "yesterday", "lat": "north", "number": "several"})
    assert not event.HasField("occurred_at") and not event.HasField("location")
    assert event.count == -1  # answered "count: out_of_range"


def test_json_lines_are_read_like_csv(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text('{"id": 7, "what": "noise"}\n\n{"id": 8, "what": null}\n')
    assert list(rows(path, "jsonl")) == [{"id": "7", "what": "noise"}, {"id": "8", "what": ""}]


GAME = {"kind": "scheduled_event", "partner_event_id": {"column": "id"}, "category": {"value": "sports_match"}}


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"kind": "gossip", "partner_event_id": {"column": "id"}, "category": {"value": "x"}}, "not one of"),
        ({"kind": "incident_report", "partner_event_id": {"column": "id", "value": "x"}, "category": {"value": "x"}}, "one of"),
        ({"kind": "incident_report", "partner_event_id": {"column": "id"}, "category": {"value": "x"}, "colour": 1}, "colour"),
        ({**GAME, "location": {"column": "park_id"}}, "column and points"),
        ({**GAME, "location": {"latitude": "lat", "point": [1, 2]}}, "column and points"),
        ({**GAME, "skip": [{"column": "park_id"}]}, "values"),
        ({**GAME, "derived": {"row_number": {"value": "1"}}}, "template's own name"),
    ],
)
def test_a_wrong_mapping_is_refused_with_its_reason(document, message):
    with pytest.raises(ValidationError, match=message):
        Mapping.model_validate(document)


def games_mapping() -> Mapping:
    return Mapping.load(MAPPINGS / "chicago-games.yaml")


def game(**columns: str) -> dict[str, str]:
    row = {"date": "2005-06-01", "game_num": "0", "dow": "Wed", "visitor": "NYA", "home": "CHA", "park_id": "CHI12"}
    return {**row, "day_night": "N", "attendance": "30000", "duration_min": "180", "v_score": "1", "h_score": "2", **columns}


def test_a_skip_rule_leaves_the_row_out():
    assert games_mapping().event(game(home="CHN", park_id="TOK01")) is None
    assert games_mapping().event(game(park_id=" TOK01 ")) is None  # compared stripped
    assert games_mapping().event(game()) is not None


def test_a_location_looked_up_by_a_column_is_unset_for_a_value_not_listed():
    mapping = games_mapping()
    assert mapping.event(game()).location == events_pb2.GeoPoint(latitude=41.8299, longitude=-87.6338)
    unknown = mapping.event(game(park_id="MIL06"))
    assert not unknown.HasField("location")  # ingestion answers "location: required"
    assert unknown.attributes["venue"] == "MIL06"  # the venue map lets an unknown park through


def test_derived_values_feed_templates_and_leave_the_file_s_columns_and_digest_alone():
    mapping = games_mapping()
    assert mapping.event(game()).partner_event_id == "whitesox-2005-06-01-0"
    assert mapping.event(game(home="CHN")).partner_event_id == "cubs-2005-06-01-0"
    assert mapping.event(game()).attributes["home_team"] == "CHA"
    document = {
        **GAME,
        "derived": {"team": {"column": "home", "map": {"CHA": "whitesox"}}, "label": {"template": "{team}/{visitor}"}},
        "partner_event_id": {"template": "{row_digest}"},
        "attributes": {"label": {"column": "label"}},
    }
    with_derived, without = (
        Mapping.model_validate(document),
        Mapping.model_validate({**document, "derived": {}, "attributes": {}}),
    )
    event = with_derived.event(game())
    assert event.attributes["label"] == "whitesox/NYA"  # a derived value reads the ones before it
    assert event.partner_event_id == without.event(game()).partner_event_id


def starts(event: events_pb2.PartnerEvent) -> datetime:
    return event.starts_at.ToDatetime(tzinfo=UTC)


def test_a_stagger_books_rows_sharing_a_key_one_after_another():
    mapping = games_mapping()
    rows_ = [game(game_num="1"), game(game_num="2"), game(game_num="3"), game(game_num="1", day_night="D"), game(home="CHN")]
    first, second, third, day, cubs = [event for _, event in mapping.events(rows_)]
    assert starts(first) == datetime(2005, 6, 2, 0, 10, tzinfo=UTC)  # 19:10 in Chicago (CDT)
    assert starts(second) - starts(first) == starts(third) - starts(second) == timedelta(minutes=210)
    assert second.ends_at.ToDatetime(tzinfo=UTC) - starts(second) == timedelta(hours=3)
    assert second.occurred_at == second.starts_at
    assert starts(day) == datetime(2005, 6, 1, 18, 20, tzinfo=UTC) and starts(cubs) == starts(first)  # other keys
    assert mapping.event(game(game_num="2")).starts_at == first.starts_at  # one row alone is the first of its key


def test_a_stagger_counts_elapsed_time_across_a_clock_change():
    # Night of 2005-10-29/30: Chicago's clocks go back at 02:00. 23:50 CDT + 210 min = 02:20 CST.
    document = {**GAME, "starts_at": {"column": "at", "timezone": "America/Chicago", "stagger": {"key": "k", "minutes": 210}}}
    mapping = Mapping.model_validate(document)
    first, second = [event for _, event in mapping.events([{"id": "a", "at": "2005-10-29T23:50"}, {"id": "b", "at": "x"}])]
    assert starts(first) == datetime(2005, 10, 30, 4, 50, tzinfo=UTC) and not second.HasField("starts_at")
    (_, third), (_, fourth) = mapping.events([{"id": "a", "at": "2005-10-29T23:50"}, {"id": "b", "at": "2005-10-29T23:50"}])
    assert starts(fourth) - starts(third) == timedelta(minutes=210)


def test_resuming_after_the_first_game_of_a_doubleheader_gives_the_same_times():
    mapping = games_mapping()
    whole = list(mapping.events(rows(GAMES, "csv")))
    first_game = next(n for n, event in whole if event and event.partner_event_id == "cubs-2000-08-25-1")
    resumed = list(mapping.events(rows(GAMES, "csv"), after=first_game))
    assert resumed == whole[first_game:]
    assert starts(resumed[0][1]) - starts(whole[first_game - 1][1]) == timedelta(minutes=210)


def test_a_mapping_fills_the_area_organiser_announcement_issue_time_and_contact():
    document = {
        "kind": "scheduled_event",
        "partner_event_id": {"column": "id"},
        "category": {"value": "market"},
        "area": {"column": "district", "transform": "slug"},
        "organiser_type": {"value": "association"},
        "announced_at": {"column": "declared", "format": "%d/%m/%Y", "timezone": "America/Chicago"},
        "issued_at": {"column": "issued", "timezone": "UTC"},
        "contact": {"name": {"column": "who"}, "phone": {"column": "phone", "transform": "strip"}, "email": {"column": "mail"}},
    }
    mapping = Mapping.model_validate(document)
    row = {"id": "m1", "district": "West Loop", "declared": "01/06/2014", "issued": "2014-06-02T06:00", "who": "A. Resident"}
    event = mapping.event({**row, "phone": " 312 555 0100 ", "mail": ""})
    assert event.area == "west_loop" and event.organiser_type == "association"
    assert event.announced_at.ToDatetime(tzinfo=UTC) == datetime(2014, 6, 1, 5, tzinfo=UTC)
    assert event.issued_at.ToDatetime(tzinfo=UTC) == datetime(2014, 6, 2, 6, tzinfo=UTC)
    assert event.contact == events_pb2.Contact(name="A. Resident", phone="312 555 0100")
    unknown = mapping.event({**row, "declared": "June", "who": "", "phone": "", "mail": ""})
    assert not unknown.HasField("announced_at") and not unknown.HasField("contact")  # nothing to reach anyone by
    forecast = Mapping.model_validate({**GAME, "kind": "weather_forecast", "issued_at": {"column": "issued"}})
    assert forecast.event({"id": "f", "issued": "2014-06-02T06:00"}).kind == events_pb2.EVENT_KIND_WEATHER_FORECAST


class Ingestion:
    """Answers batches as ingestion would for these rows (no location: rejected), in order; the line
    may drop after some answers, before the next batch is answered."""

    def __init__(self, answers_before_dropping: int | None = None) -> None:
        self.answered: list[events_pb2.PartnerEvent] = []
        self.answers_left = answers_before_dropping

    async def backfill(self, batches):
        async for position, events in batches:
            if self.answers_left == 0:
                raise ConnectionError("the line dropped")
            self.answers_left = None if self.answers_left is None else self.answers_left - 1
            self.answered.extend(events)
            yield ingestion_pb2.BackfillEventsResponse(
                position=position, answer=ingestion_pb2.IngestEventsResponse(results=[answer(e) for e in events])
            )


def answer(event: events_pb2.PartnerEvent) -> ingestion_pb2.EventResult:
    if event.HasField("location"):
        return ingestion_pb2.EventResult(partner_event_id=event.partner_event_id, status=ingestion_pb2.EVENT_STATUS_ACCEPTED)
    required = ingestion_pb2.FieldViolation(field="location", reason="required")
    return ingestion_pb2.EventResult(
        partner_event_id=event.partner_event_id, status=ingestion_pb2.EVENT_STATUS_REJECTED, violations=[required]
    )


async def test_a_load_cut_in_a_doubleheader_resumes_with_the_same_times_and_counts_skipped_rows(tmp_path):
    # The first 130 games: the Tokyo opener (row 1), the 2000-08-25 doubleheader (rows 126-127), a park not listed.
    with open(GAMES, encoding="utf-8") as handle:
        lines = handle.readlines()[:131]
    fields = lines[130].split(",")
    lines[130] = ",".join([*fields[:5], "XYZ01", *fields[6:]])  # row 130's park_id
    path = tmp_path / "games.csv"
    path.write_text("".join(lines))
    checkpoint = tmp_path / "games.checkpoint.json"
    first, second = Ingestion(answers_before_dropping=1), Ingestion()

    with pytest.raises(ConnectionError):
        await load(path, MAPPINGS / "chicago-games.yaml", first, checkpoint, batch_size=126, show_progress=False)
    assert Progress.load(checkpoint).as_dict()["counts"] == {"accepted": 125, "duplicate": 0, "rejected": 0, "skipped": 1}
    progress = await load(path, MAPPINGS / "chicago-games.yaml", second, checkpoint, batch_size=126, show_progress=False)

    whole = [event for _, event in games_mapping().events(rows(path, "csv")) if event is not None]
    assert first.answered + second.answered == whole
    assert [e.partner_event_id for e in second.answered[:1]] == ["cubs-2000-08-25-2"]
    assert progress.complete and progress.rows == 130
    assert progress.as_dict()["counts"] == {"accepted": 128, "duplicate": 0, "rejected": 1, "skipped": 1}
    assert "adds up: accepted + duplicate + rejected + skipped = 130" in report(progress)
    logged = [json.loads(line) for line in checkpoint.with_suffix(".rejected.jsonl").read_text().splitlines()]
    assert [(r["row"], r["violations"]) for r in logged] == [(130, ["location: required"])]


def test_a_checkpoint_written_before_skip_rules_still_loads(tmp_path):
    checkpoint = tmp_path / "old.checkpoint.json"
    counts = {"accepted": 8, "duplicate": 1, "rejected": 1}
    saved = {
        "file": "f.csv",
        "identity": "1:ab",
        "rows": 10,
        "counts": counts,
        "rejected_by_reason": {"x: y": 1},
        "complete": True,
    }
    checkpoint.write_text(json.dumps(saved))
    progress = Progress.load(checkpoint)
    assert progress.as_dict()["counts"] == {**counts, "skipped": 0}
    assert "adds up" in report(progress)


LOG = REPO_ROOT / "tests" / "data" / "mappings" / "main-courante-2023.csv"
LOG_MAPPING = REPO_ROOT / "tests" / "data" / "mappings" / "main-courante-2023.yaml"


async def test_a_load_cut_and_resumed_counts_skipped_rows_by_rule_events_by_kind_and_clock_changes(tmp_path):
    checkpoint = tmp_path / "log.checkpoint.json"
    with pytest.raises(ConnectionError):  # after rows 1-3: two incidents and a collision, two odd times
        await load(LOG, LOG_MAPPING, Ingestion(answers_before_dropping=1), checkpoint, batch_size=3, show_progress=False)
    cut = Progress.load(checkpoint).as_dict()
    assert (cut["rows"], cut["skipped_by_rule"], cut["events_by_kind"]) == (
        3,
        {},
        {"incident_report": 2, "traffic_disruption": 1},
    )
    assert cut["daylight_saving"] == {"occurred_at: ambiguous -> earlier": 1, "occurred_at: nonexistent -> shift_forward": 1}

    progress = await load(LOG, LOG_MAPPING, Ingestion(), checkpoint, batch_size=3, show_progress=False)
    saved = Progress.load(checkpoint).as_dict()
    assert saved == progress.as_dict() and progress.complete
    assert saved["counts"] == {"accepted": 5, "duplicate": 0, "rejected": 1, "skipped": 4}  # row 9 has no location
    assert saved["skipped_by_rule"] == {"cancelled": 1, "minor": 1, "no_kind": 1, "year_2023": 1}
    assert saved["events_by_kind"] == {"incident_report": 3, "traffic_disruption": 3}
    assert saved["daylight_saving"] == {
        "occurred_at: ambiguous -> earlier": 1,
        "occurred_at: ambiguous -> later": 1,
        "occurred_at: nonexistent -> shift_forward": 1,
    }
    lines = report(progress).splitlines()
    skipped = lines.index(f"  {'skipped':10} {4:>10}")
    assert [line.split() for line in lines[skipped + 1 : skipped + 5]] == [
        ["cancelled", "1"], ["minor", "1"], ["no_kind", "1"], ["year_2023", "1"],
    ]  # fmt: skip
    assert any(line.split() == ["location:", "required", "1"] for line in lines)
    assert [line.split() for line in lines if line.startswith("    occurred_at")] == [
        ["occurred_at:", "ambiguous", "->", "earlier", "1"],
        ["occurred_at:", "ambiguous", "->", "later", "1"],
        ["occurred_at:", "nonexistent", "->", "shift_forward", "1"],
    ]
    assert "  adds up: accepted + duplicate + rejected + skipped = 10" in lines
    documented = (REPO_ROOT / "docs" / "mappings.md").read_text().split("```text\n", 1)[1].split("```", 1)[0]
    assert documented.splitlines() == [f"tests/data/mappings/{LOG.name}: 10 rows", *lines[1:]]  # docs/mappings.md shows it


def test_a_checkpoint_written_before_rules_were_named_loads_without_breakdowns(tmp_path):
    checkpoint = tmp_path / "old.checkpoint.json"
    counts = {"accepted": 8, "duplicate": 0, "rejected": 1, "skipped": 1}
    saved = {
        "file": "f.csv",
        "identity": "1:ab",
        "rows": 10,
        "counts": counts,
        "rejected_by_reason": {"x: y": 1},
        "complete": True,
    }
    checkpoint.write_text(json.dumps(saved))
    progress = Progress.load(checkpoint)
    assert progress.as_dict() == {**saved, "skipped_by_rule": {}, "events_by_kind": {}, "daylight_saving": {}}
    assert "adds up" in report(progress) and "->" not in report(progress)
