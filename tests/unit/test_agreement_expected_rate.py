"""An agreement's expected rate: how long a partner may go without sending a kind."""

from datetime import timedelta

import pytest
import yaml
from pydantic import ValidationError

from civicpulse.runtime.agreements import PartnerRegistry
from support import CONFIG


def registry(tmp_path, change) -> PartnerRegistry:
    document = yaml.safe_load((CONFIG / "partners.yaml").read_text(encoding="utf-8"))
    change(document["partners"])
    path = tmp_path / "partners.yaml"
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    return PartnerRegistry.load(path)


def test_the_demo_agreements_say_how_often_their_feeds_send():
    partners = PartnerRegistry.load(CONFIG / "partners.yaml").partners
    assert partners["houston-police"].agreement.expected_intervals() == {"incident_report": timedelta(hours=6)}
    assert partners["houston-weather"].agreement.expected_intervals() == {
        "weather_observation": timedelta(hours=3),
        "weather_forecast": timedelta(hours=3),
    }
    # A partner that sends only when something is planned expects nothing.
    assert partners["houston-events-office"].agreement.expected_intervals() == {}


def test_a_kind_s_own_interval_wins_over_the_agreement_s(tmp_path):
    def change(partners):
        weather = partners["houston-weather"]["agreement"]
        weather["kinds"]["weather_forecast"]["expected_every"] = "45m"
        weather["expected_every"] = "90s"

    agreement = registry(tmp_path, change).partners["houston-weather"].agreement
    assert agreement.expected_intervals() == {
        "weather_observation": timedelta(seconds=90),
        "weather_forecast": timedelta(minutes=45),
    }


@pytest.mark.parametrize("value", ["6 hours", "0h", "1.5h", "6H", "", 6])
def test_an_interval_that_is_not_one_names_the_partner_and_the_key(tmp_path, value):
    def change(partners):
        partners["houston-police"]["agreement"]["kinds"]["incident_report"]["expected_every"] = value

    with pytest.raises(ValidationError) as refused:
        registry(tmp_path, change)
    message = str(refused.value)
    assert "houston-police" in message and "incident_report.expected_every" in message
    assert "a whole number and a unit s, m, h or d" in message


def test_an_agreement_written_out_reads_back_the_same():
    partners = PartnerRegistry.load(CONFIG / "partners.yaml")
    document = partners.model_dump(mode="json")
    assert document["partners"]["houston-police"]["agreement"]["expected_every"] == "6h"
    assert PartnerRegistry.model_validate(document) == partners
