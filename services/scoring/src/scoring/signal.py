"""Where the model's signal comes from: its features' shares by source, and how much is police-generated.

A feature's share is its share of the model's mean absolute contribution on held-out time. Its
source says which events it reads: "target" (the city profile's target events), an event kind
("scheduled_event"), or none ("calendar", "forecast": how the question is asked). Which partners'
data is police-generated is declared in their agreements (`police_generated`), not guessed from
the kind: a city whose police send traffic disruptions has police-generated traffic data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from civicpulse.runtime.city import CityProfile
from civicpulse.runtime.model_card import FeatureDefinition, Signal

# What the card's police-generated share is, in words.
POLICE_GENERATED_SHARE = (
    "the share of the model's signal that comes from events sent by partners whose agreements say their"
    " data is police-generated: over the features, each feature's share times the fraction of the events"
    " it reads (as the feature store holds them, each weighed by its count) that those partners sent;"
    " calendar and forecast features read no event"
)


@dataclass(frozen=True)
class KindSenders:
    """The events of one kind the feature store holds, and those police-generated partners sent."""

    events: int
    police_generated_events: int


def police_fraction(kinds: Sequence[str], senders_by_kind: Mapping[str, KindSenders]) -> float:
    """The fraction of the events of these kinds that police-generated partners sent; 0 without events."""
    held = [senders_by_kind[k] for k in kinds if k in senders_by_kind]
    events = sum(s.events for s in held)
    return sum(s.police_generated_events for s in held) / events if events > 0 else 0.0


def signal_by_source(
    by_feature: Mapping[str, float | None],
    features: Sequence[FeatureDefinition],
    city: CityProfile,
    senders_by_kind: Mapping[str, KindSenders],
) -> Signal:
    """The shares by source (the target's kinds joined by "+") and the police-generated share
    (`POLICE_GENERATED_SHARE`); a feature without a measured share counts for none."""
    target_kinds = sorted({t.kind for t in city.targets})
    shares: dict[str, float] = {}
    police = 0.0
    for feature in features:
        kinds = target_kinds if feature.source == "target" else [feature.source]
        share = by_feature.get(feature.name) or 0.0
        source = "+".join(kinds)
        shares[source] = shares.get(source, 0.0) + share
        police += share * police_fraction(kinds, senders_by_kind)
    return Signal(dict(by_feature), shares, police, 1.0 - police)
