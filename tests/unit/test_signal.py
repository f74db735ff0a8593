"""The card's police-generated share follows which partners sent the events each feature reads, as
their agreements declare it, whatever the kind."""

import pytest

from civicpulse.runtime.city import Target
from civicpulse.runtime.model_card import FeatureDefinition
from feature_store.registry import FEATURES
from scoring.signal import KindSenders, police_fraction, signal_by_source

DEFINITIONS = [FeatureDefinition(**vars(f)) for f in FEATURES]
# Every feature weighs alike: a source's share is its number of features over all of them.
EVEN = {f.name: 1 / len(FEATURES) for f in FEATURES}


def share_of(source: str) -> float:
    return sum(EVEN[f.name] for f in FEATURES if f.source == source)


def targets(city, kind: str, categories: list[str]):
    return city.model_copy(update={"targets": [Target(kind=kind, categories=categories)]})


def test_a_city_whose_police_send_traffic_disruptions_has_a_police_generated_share(city):
    traffic = targets(city, "traffic_disruption", ["accident", "closure"])
    # 80 of the 100 traffic disruptions stored came from the police, the rest from the roads department.
    senders = {"traffic_disruption": KindSenders(100, 80), "citizen_request": KindSenders(500, 0)}
    signal = signal_by_source(EVEN, DEFINITIONS, traffic, senders)
    assert signal.police_generated_share == pytest.approx(0.8 * share_of("target")) and signal.police_generated_share > 0
    assert signal.other_sources_share == pytest.approx(1 - 0.8 * share_of("target"))
    assert signal.by_source["traffic_disruption"] == pytest.approx(share_of("target"))
    assert sum(signal.by_source.values()) == pytest.approx(1.0)


def test_police_data_the_model_does_not_read_counts_for_nothing(city):
    requests = targets(city, "citizen_request", ["noise"])
    # The police send every incident report; the model reads citizen requests and scheduled events.
    senders = {
        "incident_report": KindSenders(10_000, 10_000),
        "citizen_request": KindSenders(500, 0),
        "scheduled_event": KindSenders(40, 0),
    }
    signal = signal_by_source(EVEN, DEFINITIONS, requests, senders)
    assert signal.police_generated_share == 0.0 and signal.other_sources_share == 1.0
    # Nor does the kind alone make data police-generated: incident reports from no police partner.
    reports = signal_by_source(EVEN, DEFINITIONS, city, {"incident_report": KindSenders(300, 0)})
    assert reports.police_generated_share == 0.0


def test_scheduled_events_a_police_partner_announced_count_and_calendar_features_never(city):
    senders = {"incident_report": KindSenders(200, 200), "scheduled_event": KindSenders(10, 5)}
    signal = signal_by_source(EVEN, DEFINITIONS, city, senders)
    expected = share_of("target") + 0.5 * share_of("scheduled_event")
    assert signal.police_generated_share == pytest.approx(expected) and expected < 1.0
    assert share_of("calendar") > 0 and signal.by_source["calendar"] == pytest.approx(share_of("calendar"))


def test_several_target_kinds_weigh_by_their_events_and_unmeasured_shares_count_for_none(city):
    senders = {"incident_report": KindSenders(300, 300), "traffic_disruption": KindSenders(100, 0)}
    assert police_fraction(["incident_report", "traffic_disruption"], senders) == pytest.approx(0.75)
    assert police_fraction(["crowd_count"], senders) == 0.0  # nothing held of it
    assert police_fraction(["incident_report"], {"incident_report": KindSenders(0, 0)}) == 0.0
    count = next(f for f in DEFINITIONS if f.source == "target")
    calendar = next(f for f in DEFINITIONS if f.source == "calendar")
    # A share the evaluation could not measure (no contribution at all) is None on the card.
    signal = signal_by_source({count.name: None, calendar.name: 1.0}, [count, calendar], city, senders)
    assert signal.police_generated_share == 0.0 and signal.by_source == {"incident_report": 0.0, "calendar": 1.0}
    assert signal.by_feature == {count.name: None, calendar.name: 1.0}
