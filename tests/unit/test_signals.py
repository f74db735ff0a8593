"""Free text reduced to the city's declared signals: what is counted, and what the profile refuses."""

import pytest
from pydantic import ValidationError

from civicpulse.runtime.city import CityProfile
from pseudonymisation.signals import SignalFinder, fold

# A French city's call-centre signals, as its profile would declare them.
FRENCH = {
    "rixe": ["rixe", "rixes", "bagarre", "bagarres", "se battent"],
    "tapage": ["tapage", "tapage nocturne", "bruit", "musique forte"],
    "depot_sauvage": ["dépôt sauvage", "dépôts sauvages", "encombrants"],
}


def test_words_and_phrases_are_counted_whole_ignoring_case_accents_and_spacing():
    find = SignalFinder(FRENCH)
    text = "TAPAGE NOCTURNE au 3e, encore du Tapage ; des jeunes se  battent. Depots  sauvages rue X, encombrants."
    assert find(text) == {"tapage": 2, "rixe": 1, "depot_sauvage": 2}


def test_a_word_inside_another_is_not_counted():
    assert SignalFinder(FRENCH)("bruitage, rixeur, tapages") == {}


def test_the_longest_phrase_wins_and_counts_once():
    assert SignalFinder(FRENCH)("tapage nocturne") == {"tapage": 1}


def test_a_phrase_declared_under_two_signals_is_refused():
    with pytest.raises(ValueError, match="shows both"):
        SignalFinder({"tapage": ["bruit"], "rixe": ["Bruit"]})


def test_folding_keeps_letters_and_drops_accents_and_apostrophe_forms():
    assert fold("Dépôt  d’ÉPAVES") == "depot d'epaves"


def test_nothing_declared_finds_nothing():
    assert SignalFinder({})("tapage") == {}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"languages": ["French"]}, "ISO 639"),
        ({"signals": {"unknown_kind": {"noise": ["noise"]}}}, "not in the vocabulary"),
        ({"signals": {"citizen_request": {"Noise!": ["noise"]}}}, "lower snake case"),
        ({"signals": {"citizen_request": {"noise": []}}}, "at least one"),
        ({"signals": {"citizen_request": {"noise": ["  "]}}}, "none empty"),
    ],
)
def test_the_profile_refuses_signals_it_cannot_apply(city, change, message):
    document = {**city.model_dump(mode="json"), **change}
    with pytest.raises(ValidationError, match=message):
        CityProfile.model_validate(document)
