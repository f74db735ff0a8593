"""Marseille's profile and partners, as a new city's engineer commits them before any event is sent:
they load, their zones cover the study area, and every partner's events pass ingestion and
pseudonymisation under the profile."""

import json
from datetime import UTC, date, datetime, timedelta

import h3
import pytest

from civicpulse.events.v1 import events_pb2
from civicpulse.runtime.agreements import PartnerRegistry, kind_name
from civicpulse.runtime.city import CityProfile
from factories import partner_event
from ingestion.domain import Rules, validate
from pseudonymisation.domain import Policy, Pseudonymised, pseudonymise
from pseudonymisation.keys import KeyFile, Keyring
from support import CONFIG

PROFILE = CONFIG / "cities" / "marseille.yaml"
ZONES_FILE = CONFIG / "cities" / "marseille-zones.geojson"
PARTNERS = CONFIG / "partners-marseille.yaml"
ARRONDISSEMENTS = [f"marseille-{n:02}" for n in range(1, 17)]
REMAINDER = "hors-arrondissements"

# A well-known place of each arrondissement (latitude, longitude), in order from the 1er to the 16e:
# La Canebière, La Joliette, la Belle de Mai, les Cinq-Avenues, la Baille, Castellane, Endoume, the
# Orange Vélodrome, Mazargues, La Capelette, La Valentine, Saint-Barnabé, Château-Gombert, Le Canet,
# Saint-Antoine, L'Estaque.
PLACES = [
    (43.2970, 5.3800),
    (43.3040, 5.3680),
    (43.3125, 5.3870),
    (43.3060, 5.4000),
    (43.2900, 5.4000),
    (43.2856, 5.3838),
    (43.2830, 5.3600),
    (43.2698, 5.3959),
    (43.2450, 5.4050),
    (43.2830, 5.4130),
    (43.3000, 5.4850),
    (43.3050, 5.4250),
    (43.3560, 5.4440),
    (43.3280, 5.3850),
    (43.3700, 5.3870),
    (43.3630, 5.3150),
]
FRIOUL, RIOU = (43.2797, 5.3063), (43.1770, 5.3880)  # islands of the 7e and the 8e, left out of the boundary
NEIGHBOURS = {"Aubagne": (43.2927, 5.5707), "Cassis": (43.2150, 5.5380), "Allauch": (43.3360, 5.4820)}
NOW = datetime(2026, 12, 7, 12, tzinfo=UTC)


@pytest.fixture(scope="module")
def marseille() -> CityProfile:
    return CityProfile.load(PROFILE)


@pytest.fixture(scope="module")
def marseille_partners() -> PartnerRegistry:
    return PartnerRegistry.load(PARTNERS)


def test_the_profile_names_the_16_arrondissements_in_french_and_the_remainder(marseille):
    assert marseille.name == "Marseille" and marseille.timezone == "Europe/Paris" and marseille.h3_resolution == 8
    assert marseille.zones == {*ARRONDISSEMENTS, REMAINDER} and marseille.remainder_zone == REMAINDER
    assert marseille.languages == ["fr"] and marseille.promotion.require_operator_approval
    names = ["1er arrondissement"] + [f"{n}e arrondissement" for n in range(2, 17)]
    assert [marseille.zone_name(zone) for zone in ARRONDISSEMENTS] == names
    # The file says where it comes from, and each arrondissement its INSEE code and quartiers.
    document = json.loads(ZONES_FILE.read_text(encoding="utf-8"))
    assert "data.ampmetropole.fr" in document["description"] and "README" in document["description"]
    properties = [feature["properties"] for feature in document["features"]]
    assert [p["insee"] for p in properties] == [f"132{n:02}" for n in range(1, 17)]
    assert sum(len(p["quartiers"]) for p in properties) == 111
    assert ZONES_FILE.stat().st_size < 300_000


def test_every_cell_lies_in_exactly_one_zone_and_most_in_an_arrondissement(marseille):
    members = {zone: marseille.zone_cells(zone) for zone in marseille.zones}
    assert sum(len(cells) for cells in members.values()) == len(marseille.cells)
    assert frozenset().union(*members.values()) == marseille.cells
    assert all(marseille.zone_of(cell) == zone for zone, cells in members.items() for cell in cells)
    assert all(members[zone] for zone in ARRONDISSEMENTS), "an arrondissement holds no cell"
    assert 380 <= len(marseille.cells) <= 420  # 399 at the time of writing
    inside = len(marseille.cells) - len(members[REMAINDER])
    assert 0.78 <= inside / len(marseille.cells) <= 0.85  # 323 of 399 (81 %): the rest is sea and the buffer's edge


def test_a_place_of_each_arrondissement_lies_in_its_zone_and_the_neighbours_outside(marseille):
    for zone, (latitude, longitude) in zip(ARRONDISSEMENTS, PLACES, strict=True):
        cell = marseille.cell_of(latitude, longitude)
        assert cell in marseille.cells and marseille.zone_of(cell) == zone, (zone, latitude, longitude)
    for town, point in NEIGHBOURS.items():
        assert marseille.cell_of(*point) not in marseille.cells, town


def test_the_boundary_holds_every_mainland_cell_of_the_arrondissements_but_leaves_the_islands_out(marseille):
    left_out = {}
    for zone in ARRONDISSEMENTS:
        centred = set(h3.geo_to_cells(marseille.zone_geometry(zone), marseille.h3_resolution))
        if centred - marseille.cells:
            left_out[zone] = len(centred - marseille.cells)
    assert left_out == {"marseille-07": 2, "marseille-08": 1}  # the cells centred on the Frioul and on Riou
    # An island is still in its arrondissement, but outside the study area: its events are refused.
    for point, zone in [(FRIOUL, "marseille-07"), (RIOU, "marseille-08")]:
        cell = marseille.cell_of(*point)
        assert cell not in marseille.cells and marseille.zone_of(cell) == zone


def test_holidays_are_those_of_metropolitan_france(marseille):
    assert marseille.is_holiday(date(2026, 7, 14)) and not marseille.is_holiday(date(2026, 7, 13))
    assert marseille.is_holiday(date(2026, 5, 8))  # Victoire 1945
    assert not marseille.is_holiday(date(2026, 4, 3))  # Good Friday: Alsace-Moselle only
    assert not marseille.is_holiday(date(2026, 12, 26))


def test_named_areas_lie_in_their_arrondissements(marseille):
    assert marseille.zone_of(marseille.area_cell("orange-velodrome")) == "marseille-08"
    assert marseille.zone_of(marseille.area_cell("parc-borely")) == "marseille-08"
    assert marseille.area_capacity("orange-velodrome") == 67394 and marseille.area_capacity("vieux-port") is None


def test_every_partner_sends_only_what_the_vocabulary_declares(marseille, marseille_partners):
    assert {kind_name(k) for k in events_pb2.EventKind.values() if k} == set(marseille.vocabulary)
    sent: dict[str, set[str]] = {}
    for partner_id, partner in marseille_partners.partners.items():
        assert partner.agreement.kinds, partner_id
        for kind, agreement in partner.agreement.kinds.items():
            assert kind in marseille.vocabulary, (partner_id, kind)
            assert set(agreement.categories) <= set(marseille.vocabulary[kind]), (partner_id, kind)
            sent.setdefault(kind, set()).update(agreement.categories)
    # Every category of the vocabulary has a partner that may send it, and so has every target; but
    # traffic disruptions: no traffic partner has an agreement yet.
    assert {kind: set(categories) for kind, categories in marseille.vocabulary.items() if kind != "traffic_disruption"} == sent
    assert all(set(target.categories) <= sent[target.kind] for target in marseille.targets)
    assert marseille_partners.police_generated == {"marseille-police-municipale"}
    police = marseille_partners.get("marseille-police-municipale").agreement
    assert police.publication.min_count == 3 and police.kinds["incident_report"].sensitive_categories == ["violence_sexuelle"]
    assert marseille_partners.get("marseille-operateur-telecom").agreement.publication.min_count == 20


def _as_sent(partner_id: str, kind: str, category: str, free_text: bool) -> events_pb2.PartnerEvent:
    """One event of the kind, at La Canebière, with what the partner would send of it."""
    start = NOW - timedelta(hours=3)
    fields = {
        "kind": events_pb2.EventKind.Value(f"EVENT_KIND_{kind.upper()}"),
        "category": category,
        "occurred_at": start,
        "location": events_pb2.GeoPoint(latitude=PLACES[0][0], longitude=PLACES[0][1]),
        "address": None,
        "count": 50 if kind == "crowd_count" else 1,
    }
    if kind in ("scheduled_event", "weather_forecast", "crowd_count"):
        fields |= {"starts_at": start, "ends_at": start + timedelta(hours=1)}
    if kind == "scheduled_event":
        fields |= {"expected_attendance": 2000, "organiser_type": "association", "announced_at": start - timedelta(days=20)}
    if kind == "weather_forecast":
        fields["issued_at"] = start - timedelta(hours=6)
    if free_text:
        fields["free_text"] = "Tapage nocturne et bagarre devant chez moi, rappelez M. Dupont au 06 12 34 56 78"
    return partner_event(f"{partner_id}-{category}", **fields)


def test_each_partner_s_events_pass_ingestion_and_pseudonymisation_under_the_profile(marseille, marseille_partners):
    # What the services build at start from the two files: a policy needs the profile's signals for
    # every kind whose free text is reduced to them.
    keys = {"current": "k1", "keys": {"k1": "a" * 64}}
    keyring = Keyring.of(KeyFile.model_validate({"domains": {"police": keys, "city-services": keys}}))
    policy = Policy(marseille_partners, marseille, keyring, marseille_partners.policy_version)
    rules = Rules(marseille, timedelta(minutes=10), 20)
    canebiere = marseille.cell_of(*PLACES[0])
    for partner_id, partner in marseille_partners.partners.items():
        for kind, agreement in partner.agreement.kinds.items():
            signals = agreement.fields.get("free_text") == "signals"
            for category in agreement.categories:
                event = _as_sent(partner_id, kind, category, free_text=signals)
                assert validate(event, partner, rules, NOW) == [], (partner_id, kind, category)
                out = pseudonymise(events_pb2.RawEvent(partner=partner_id, event=event), policy)
                assert isinstance(out, Pseudonymised), (partner_id, kind, category, out)
                assert out.event.cell == canebiere and marseille.zone_of(out.event.cell) == "marseille-01"
                if signals:
                    assert b"Dupont" not in out.event.SerializeToString()
                    assert out.event.signals, (partner_id, kind)
    # The request's text, in French, becomes its counts.
    request = _as_sent("marseille-allo-mairie", "citizen_request", "bruit", free_text=True)
    out = pseudonymise(events_pb2.RawEvent(partner="marseille-allo-mairie", event=request), policy)
    assert dict(out.event.signals) == {"bruit": 1, "rixe": 1}
