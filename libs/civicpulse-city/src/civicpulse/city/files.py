"""A city's files: everything the tools know about a city, read from files only (docs/new-city.md).

A city named <city> is a folder `datasets/<city>/` holding its partners' files and `sources.yaml`:

    profile: config/cities/houston.yaml          # the city profile (boundary, zones, vocabulary, evaluation)
    partners: config/partners.yaml               # its partners' agreements
    evaluate:                                    # what `make evaluate CITY=<city>` judges
      issue_time: 2010-09-01T00:00               # train as of this local time (the profile's time zone):
                                                 # the end of the data; the profile's evaluation says
                                                 # how many days before it test and validate
      description: Houston police incident reports, January-August 2010
    sources:                                     # what the local stack replays, in this order
      - partner: houston-police                  # a partner of the partners file
        file: houston_crime_2010_ggmap.csv.gz    # in this folder
        mapping: config/mappings/houston-crime.yaml

Paths other than the files are read from the root: the folder that holds `datasets/` (the
repository, or wherever a city's files were copied with the same layout). Nothing here knows a
city: `cities(root)` finds them by their `sources.yaml`.
"""

from __future__ import annotations

from datetime import datetime
from functools import cached_property
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from civicpulse.runtime.agreements import PartnerRegistry
from civicpulse.runtime.city import CityProfile

DATASETS = "datasets"
SOURCES_FILE = "sources.yaml"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Strict):
    """A partner's file, and the mapping that turns its rows into the partner's events."""

    partner: str
    file: Path  # in the city's folder
    mapping: Path  # from the root


class Evaluate(Strict):
    """The period `make evaluate` judges: a model trained as of `issue_time`, the city's local time."""

    issue_time: datetime = Field(description="naive: read in the profile's time zone")
    description: str = ""


class CityFiles(Strict):
    """datasets/<city>/sources.yaml, with every path resolved (`CityFiles.load`)."""

    name: str = ""
    root: Path = Path(".")
    profile: Path
    partners: Path
    evaluate: Evaluate | None = None
    sources: list[Source] = Field(min_length=1)

    @classmethod
    def load(cls, root: Path, name: str) -> CityFiles:
        """The city `name` under `root`; a missing or malformed file is a ValueError that names it."""
        path = root / DATASETS / name / SOURCES_FILE
        if not path.is_file():
            known = ", ".join(cities(root)) or "none"
            raise ValueError(f"no city {name!r}: {path} does not exist (cities with a {SOURCES_FILE}: {known})")
        with open(path, encoding="utf-8") as handle:
            document = yaml.safe_load(handle) or {}
        try:
            declared = cls.model_validate(document)
        except ValueError as error:
            raise ValueError(f"{path}: {error}") from None
        folder = path.parent
        return declared.model_copy(
            update={
                "name": name,
                "root": root,
                "profile": root / declared.profile,
                "partners": root / declared.partners,
                "sources": [
                    s.model_copy(update={"file": folder / s.file, "mapping": root / s.mapping}) for s in declared.sources
                ],
            }
        )

    @property
    def folder(self) -> Path:
        return self.root / DATASETS / self.name

    @cached_property
    def city(self) -> CityProfile:
        return CityProfile.load(self.profile)

    @cached_property
    def agreements(self) -> PartnerRegistry:
        return PartnerRegistry.load(self.partners)

    @property
    def issue_time(self) -> datetime:
        """When `make evaluate` trains, in the city's time zone. ValueError when the file does not say."""
        if self.evaluate is None:
            raise ValueError(f"{self.folder / SOURCES_FILE} has no `evaluate:` section: say as of when to train (issue_time)")
        moment = self.evaluate.issue_time
        return moment.replace(tzinfo=self.city.tz) if moment.tzinfo is None else moment.astimezone(self.city.tz)

    def source(self, partner: str) -> Source:
        for source in self.sources:
            if source.partner == partner:
                return source
        raise ValueError(f"no source sent by {partner!r}; the sources' partners: {', '.join(s.partner for s in self.sources)}")


def cities(root: Path) -> list[str]:
    """Every city under `root`: the folders of datasets/ that hold a sources.yaml, by name."""
    return sorted(p.parent.name for p in (root / DATASETS).glob(f"*/{SOURCES_FILE}"))
