"""What the local stack replays for a city: the sources of datasets/<city>/sources.yaml
(`civicpulse.city.files`), each partner calling with its demo token.

Each source's rows become events through its mapping file (`civicpulse.client.mapping`), as
civicpulse-backfill reads them; the sources are replayed in the order listed. Nothing here knows
a city, a partner or a column.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from civicpulse.city import files
from civicpulse.city.files import CityFiles
from civicpulse.client.mapping import Mapping
from civicpulse.devstack.callers import demo_token
from civicpulse.devstack.stack import REPO_ROOT
from civicpulse.events.v1 import events_pb2

Replayed = list[tuple[str, Iterator[events_pb2.PartnerEvent]]]


class Source(files.Source):
    """A partner's file, read through its mapping, sent with the partner's demo token."""

    @property
    def token(self) -> str:
        return demo_token(self.partner)

    def events(self, limit: int | None = None, noted: Counter | None = None) -> Iterator[events_pb2.PartnerEvent]:
        """The file's events in file order; only the first `limit` when given. A row the mapping
        leaves out makes none: `noted` counts it by the rule's name, and the times a clock change
        made odd by field and resolution. The mapping is read now, the file as the events are taken."""
        mapping = Mapping.load(self.mapping)

        def made() -> Iterator[events_pb2.PartnerEvent]:
            for row in mapping.read(mapping.rows(self.file)):
                if noted is not None:
                    noted.update(f"{self.file.name}: daylight saving: {case}" for case in row.daylight_saving)
                    if row.event is None:
                        noted[f"{self.file.name}: skipped by {row.skipped_by}"] += 1
                if row.event is not None:
                    yield row.event

        return islice(made(), limit)


class CitySources:
    """A city's sources, in the order declared."""

    def __init__(self, city: CityFiles) -> None:
        self.city = city
        self.sources = [Source(**s.model_dump()) for s in city.sources]
        # Rows the mappings left out by rule, and times made odd by a clock change, as they are read.
        self.noted: Counter[str] = Counter()

    def source(self, partner: str) -> Source:
        for source in self.sources:
            if source.partner == partner:
                return source
        self.city.source(partner)  # raises, naming the partners that do send files
        raise AssertionError

    def replayed(self, limits: dict[str, int | None] | None = None) -> Replayed:
        """(token, events) of each source, in order, as `replay` and `run_scenario` take them;
        `limits` (partner -> n) keeps only the first n events of each of that partner's sources."""
        limits = limits or {}
        for partner in limits:
            self.source(partner)  # a partner with no source is a mistake, not "no limit"
        return [(s.token, s.events(limits.get(s.partner), self.noted)) for s in self.sources]


def city_sources(city: str, root: Path = REPO_ROOT) -> CitySources:
    """datasets/<city>/sources.yaml under `root` (the repository unless given)."""
    return CitySources(CityFiles.load(root, city))
