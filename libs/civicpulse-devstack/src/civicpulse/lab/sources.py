"""What the local stack replays for a city, declared as data in datasets/<city>/sources.yaml:

    sources:
      - partner: houston-police                     # a partner of the city's partners file
        file: houston_crime_2010_ggmap.csv.gz       # in the sources file's folder
        mapping: config/mappings/houston-crime.yaml # from the repository's root

Each source's rows become events through its mapping file (`civicpulse.client.mapping`), as
civicpulse-backfill reads them; the sources are replayed in the order listed, each partner
calling with its demo token. Nothing here knows a city, a partner or a column.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict

from civicpulse.client.mapping import Mapping, rows
from civicpulse.devstack.callers import demo_token
from civicpulse.devstack.stack import REPO_ROOT
from civicpulse.events.v1 import events_pb2

DATASETS = REPO_ROOT / "datasets"
SOURCES_FILE = "sources.yaml"
Replayed = list[tuple[str, Iterator[events_pb2.PartnerEvent]]]


class Source(BaseModel):
    """A partner's file, and the mapping that turns its rows into the partner's events."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    partner: str
    file: Path
    mapping: Path

    @property
    def token(self) -> str:
        return demo_token(self.partner)

    def events(self, limit: int | None = None) -> Iterator[events_pb2.PartnerEvent]:
        """The file's events in file order (a row the mapping skips makes none); only the first
        `limit` when given. The mapping is read now, the file as the events are taken."""
        mapping = Mapping.load(self.mapping)
        made = (event for _, event in mapping.events(rows(self.file, mapping.format)) if event is not None)
        return islice(made, limit)


class CitySources(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    sources: list[Source]

    @classmethod
    def load(cls, path: Path) -> CitySources:
        """The sources of `path`, each file found in its folder and each mapping from the repository's root."""
        with open(path, encoding="utf-8") as handle:
            declared = cls.model_validate(yaml.safe_load(handle))
        found = [s.model_copy(update={"file": path.parent / s.file, "mapping": REPO_ROOT / s.mapping}) for s in declared.sources]
        return cls(sources=found)

    def source(self, partner: str) -> Source:
        for source in self.sources:
            if source.partner == partner:
                return source
        raise ValueError(f"no source sent by {partner!r}; the sources' partners: {', '.join(s.partner for s in self.sources)}")

    def replayed(self, limits: dict[str, int | None] | None = None) -> Replayed:
        """(token, events) of each source, in order, as `replay` and `run_scenario` take them;
        `limits` (partner -> n) keeps only the first n events of each of that partner's sources."""
        limits = limits or {}
        for partner in limits:
            self.source(partner)  # a partner with no source is a mistake, not "no limit"
        return [(source.token, source.events(limits.get(source.partner))) for source in self.sources]


def city_sources(city: str) -> CitySources:
    """datasets/<city>/sources.yaml."""
    return CitySources.load(DATASETS / city / SOURCES_FILE)
