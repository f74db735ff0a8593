"""The zones a city's cells are grouped in for the agenda, subscriptions and access rights.

Named zones come from a GeoJSON FeatureCollection next to the city profile (police districts,
community areas): every analysis cell of the study area belongs to the zone whose polygon holds the
cell's centre, and cells outside every polygon to one named remainder zone. A profile that names
no zones falls back on the H3 parents of its cells at `zone_resolution`.

Both kinds answer the same questions (`ZoneMap`); an unknown zone id raises KeyError.
"""

from __future__ import annotations

import copy
import json
import logging
import re
from collections import Counter
from pathlib import Path
from typing import Any, Protocol

import h3
from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator

log = logging.getLogger(__name__)

# Names that become NATS subject tokens and URL segments: areas and zones.
AREA_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
NAME_RULE = "lower case letters, digits, '-' or '_' (at most 64)"
PROFILE_DIRECTORY = "profile_directory"  # the validation context key CityProfile.load gives


class RemainderZone(BaseModel):
    """The zone of the cells no named zone holds (the study area is drawn more loosely)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    name: str

    @field_validator("id")
    @classmethod
    def _a_name(cls, value: str) -> str:
        if not AREA_NAME.fullmatch(value):
            raise ValueError(f"{value!r} must be {NAME_RULE}")
        return value


class ZoneSource(BaseModel):
    """The profile's `zones:` block: which file, which properties hold each zone's id and name."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    # A GeoJSON FeatureCollection of Polygons and MultiPolygons (longitude, latitude); a relative
    # path is read from the profile's own directory.
    file: Path
    id_property: str = "id"
    name_property: str = "name"
    remainder: RemainderZone

    @field_validator("file")
    @classmethod
    def _beside_the_profile(cls, value: Path, info: ValidationInfo) -> Path:
        if value.is_absolute():
            return value
        directory = (info.context or {}).get(PROFILE_DIRECTORY)
        if directory is None:
            raise ValueError(
                f"{str(value)!r} is relative: load the profile with CityProfile.load(path) so it is read "
                "beside the profile, or give an absolute path"
            )
        return Path(directory) / value


class ZoneMap(Protocol):
    zones: frozenset[str]
    remainder_zone: str | None

    def zone_of(self, cell: str) -> str: ...
    def zone_name(self, zone: str) -> str: ...
    def zone_geometry(self, zone: str) -> dict[str, Any]: ...
    def zone_cells(self, zone: str) -> frozenset[str]: ...


class H3Zones:
    """Zones as the H3 parents of the study area's cells: the fallback when no zones are named."""

    remainder_zone = None

    def __init__(self, cells: frozenset[str], zone_resolution: int) -> None:
        self._resolution = zone_resolution
        members: dict[str, set[str]] = {}
        for cell in cells:
            members.setdefault(h3.cell_to_parent(cell, zone_resolution), set()).add(cell)
        self._cells = {zone: frozenset(c) for zone, c in members.items()}
        self.zones = frozenset(self._cells)

    def zone_of(self, cell: str) -> str:
        return h3.cell_to_parent(cell, self._resolution)

    def zone_name(self, zone: str) -> str:
        self._known(zone)
        return zone

    def zone_geometry(self, zone: str) -> dict[str, Any]:
        self._known(zone)
        ring = [[lng, lat] for lat, lng in h3.cell_to_boundary(zone)]
        return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}

    def zone_cells(self, zone: str) -> frozenset[str]:
        return self._cells[zone]

    def _known(self, zone: str) -> None:
        if zone not in self._cells:
            raise KeyError(zone)


class NamedZones:
    """Zones read from a GeoJSON file; a cell belongs to the zone holding its centre.

    Where two zones' polygons overlap and both hold a centre, the smallest id has the cell (the
    overlap is logged). Zones holding no cell of the study area are still zones: real places a
    caller may name, with an empty agenda. The remainder is always a zone, so that `zone_of` has
    an answer for every cell.
    """

    def __init__(self, source: ZoneSource, cells: frozenset[str], resolution: int) -> None:
        self.source = source
        self.remainder_zone = source.remainder.id
        self._resolution = resolution
        features = _read_features(source)
        self._names = {zone: name for zone, name, _ in features}
        self._names[self.remainder_zone] = source.remainder.name
        self._geometries = {zone: geometry for zone, _, geometry in features}
        # Every cell whose centre a polygon holds, inside the study area or not: zone_of is a lookup.
        self._inside: dict[str, str] = {}
        overlaps: Counter[tuple[str, str]] = Counter()
        for zone, _, geometry in sorted(features, key=lambda feature: feature[0]):
            for cell in _cells_of(zone, geometry, source, resolution):
                first = self._inside.setdefault(cell, zone)
                if first != zone:
                    overlaps[first, zone] += 1
        self.overlaps = dict(overlaps)
        members: dict[str, set[str]] = {zone: set() for zone in self._names}
        for cell in cells:
            members[self._inside.get(cell, self.remainder_zone)].add(cell)
        self._cells = {zone: frozenset(c) for zone, c in members.items()}
        self.zones = frozenset(self._names)
        if overlaps:
            log.warning(
                "zones of %s overlap; each shared cell goes to the smallest id: %s",
                source.file.name,
                ", ".join(f"{a}/{b}: {n} cells" for (a, b), n in sorted(overlaps.items())),
            )
        log.info(
            "%d zones from %s; %d of %d cells lie in none and form %r",
            len(features),
            source.file.name,
            len(self._cells[self.remainder_zone]),
            len(cells),
            self.remainder_zone,
        )

    def zone_of(self, cell: str) -> str:
        zone = self._inside.get(cell)
        if zone is not None:
            return zone
        if h3.get_resolution(cell) != self._resolution:
            return self.zone_of(h3.latlng_to_cell(*h3.cell_to_latlng(cell), self._resolution))
        return self.remainder_zone

    def zone_name(self, zone: str) -> str:
        return self._names[zone]

    def zone_geometry(self, zone: str) -> dict[str, Any]:
        if zone == self.remainder_zone:
            # The union of the remainder's cells (an empty MultiPolygon when it holds none).
            return json.loads(json.dumps(h3.cells_to_geo(sorted(self._cells[zone]))))
        return copy.deepcopy(self._geometries[zone])

    def zone_cells(self, zone: str) -> frozenset[str]:
        return self._cells[zone]


def _cells_of(zone: str, geometry: dict[str, Any], source: ZoneSource, resolution: int) -> set[str]:
    """The cells whose centre the polygon holds (a MultiPolygon: the union of its polygons')."""
    try:
        return h3.geo_to_cells(geometry, resolution)
    except (ValueError, TypeError, h3.H3BaseException) as error:
        raise ValueError(f"zones.file {source.file}: zone {zone!r}: not a valid polygon ({error})") from None


def _read_features(source: ZoneSource) -> list[tuple[str, str, dict[str, Any]]]:
    """(id, name, geometry) of every feature, checked; a ValueError names the file and the feature."""
    where = f"zones.file {source.file}"
    try:
        document = json.loads(source.file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"{where}: no such file (a relative path is read beside the profile)") from None
    except (OSError, ValueError) as error:
        raise ValueError(f"{where}: not readable as JSON: {error}") from None
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise ValueError(f"{where}: must be a GeoJSON FeatureCollection")
    features, seen = [], set()
    for number, feature in enumerate(document.get("features") or []):
        properties = feature.get("properties") or {}
        zone, name = properties.get(source.id_property), properties.get(source.name_property)
        at = f"{where}: feature {number}"
        if not isinstance(zone, str) or not AREA_NAME.fullmatch(zone):
            raise ValueError(f"{at}: {source.id_property} {zone!r} must be {NAME_RULE}")
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"{at} ({zone}): give a {source.name_property}")
        if zone in seen:
            raise ValueError(f"{at}: zone id {zone!r} is used twice")
        if zone == source.remainder.id:
            raise ValueError(f"{at}: zone id {zone!r} is the remainder's id")
        geometry = feature.get("geometry") or {}
        if geometry.get("type") not in ("Polygon", "MultiPolygon") or not geometry.get("coordinates"):
            raise ValueError(f"{at} ({zone}): the geometry must be a Polygon or a MultiPolygon")
        seen.add(zone)
        features.append((zone, name, {"type": geometry["type"], "coordinates": geometry["coordinates"]}))
    if not features:
        raise ValueError(f"{where}: holds no zone")
    return features
