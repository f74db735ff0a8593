"""Where the model's signal comes from: its features' shares by source, and how much is police-generated."""

from __future__ import annotations

from civicpulse.runtime.city import CityProfile
from civicpulse.runtime.model_card import FeatureDefinition, Signal

# Event kinds that police services produce: the card says how much of the signal comes from them.
POLICE_KINDS = frozenset({"incident_report"})


def signal_by_source(by_feature: dict[str, float | None], features: list[FeatureDefinition], city: CityProfile) -> Signal:
    target_kinds = sorted({t.kind for t in city.targets})
    shares: dict[str, float] = {}
    for feature in features:
        key = "+".join(target_kinds) if feature.source == "target" else feature.source
        shares[key] = shares.get(key, 0.0) + by_feature.get(feature.name, 0.0)
    police = sum(v for k, v in shares.items() if set(k.split("+")) <= POLICE_KINDS)
    return Signal(dict(by_feature), shares, police, 1.0 - police)
