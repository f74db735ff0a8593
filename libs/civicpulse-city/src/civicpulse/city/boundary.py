"""Propose a city's boundary from where its events really happen (docs/new-city.md).

The procedure the Houston and Chicago profiles describe, as a tool: the H3 cells of a file's points
(duplicates removed; optionally only the points within a radius of a centre, to leave geocoding
errors out), the concave hull of the cells' centres, buffered, simplified to at most N vertices and
rounded to 3 decimals (about 100 m); with zones, the union of the zones and that hull, so that a
park or a reserve inside a named zone, where no event happened, is not left out.

Distances: the hull, the buffer and the simplification are computed in a local frame where a
degree of longitude is shrunk by the cosine of the points' mean latitude, so that both axes are
degrees of latitude, 111.2 km each (within 0.5 % from the equator to the poles): `--buffer-km 1.5`
is a margin of 1.5 / 111.2 = 0.0135 degrees of latitude in every direction. The radius of the
outlier cut is in plain degrees, as the profiles' comments measure it.

What the boundary leaves out is measured by the profile's own rule (`polygon_cells`: a cell counts
when its centre lies inside the polygon). Should simplifying and rounding leave a cell of a point
or of a zone out, the outline is widened by the simplification's tolerance and simplified again,
until every cell is held. A boundary is one polygon: zones lying apart from the hull are joined to
it when less than two buffers away (`joined`), and named with where they lie otherwise.
"""

from __future__ import annotations

import json
import math
import textwrap
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import h3
import shapely
from shapely.affinity import scale
from shapely.geometry import MultiPoint, Polygon, mapping, shape
from shapely.geometry.polygon import orient

from civicpulse.city.check import shown
from civicpulse.client.mapping import Mapping, rows
from civicpulse.runtime.city import Boundary, polygon_cells

KM_PER_DEGREE = 111.2  # of latitude, anywhere on Earth to within 0.5 %
DECIMALS = 3  # about 100 m: what a boundary drawn from cells needs
MAX_WIDENINGS = 8


@dataclass(frozen=True)
class Outline:
    """How the boundary is drawn from the points."""

    resolution: int = 8
    buffer_km: float = 1.5
    concave_ratio: float = 0.1  # shapely's concave_hull ratio: 1 is the convex hull
    vertices: int = 40
    centre: tuple[float, float] | None = None  # latitude, longitude
    radius_deg: float | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.resolution <= 15:
            raise ValueError(f"--resolution {self.resolution}: an H3 resolution is 0 to 15 (a city profile takes 5 to 10)")
        if self.buffer_km < 0:
            raise ValueError(f"--buffer-km {self.buffer_km}: a margin is 0 or more")
        if not 0 <= self.concave_ratio <= 1:
            raise ValueError(f"--concave-ratio {self.concave_ratio}: 0 (the tightest hull) to 1 (the convex hull)")
        if self.vertices < 4:
            raise ValueError(f"--vertices {self.vertices}: a boundary needs at least 4")
        if (self.centre is None) != (self.radius_deg is None) or (self.radius_deg is not None and self.radius_deg <= 0):
            raise ValueError("give a centre and a radius above 0 together, or neither")

    def within(self, latitude: float, longitude: float) -> bool:
        if self.centre is None:
            return True
        return math.dist((latitude, longitude), self.centre) <= self.radius_deg


@dataclass(frozen=True)
class Points:
    """A file's points (latitude, longitude), and what had none."""

    described: str  # the file, and how its points were read
    points: list[tuple[float, float]]
    rows: int
    without_point: int  # rows whose point could not be read (or events without a location)
    skipped: int = 0  # rows the mapping's rules left out


def read_points(file: Path, mapping: Path | None = None, columns: tuple[str, str] | None = None) -> Points:
    """The points of a file read through a mapping, or from two CSV columns (latitude, longitude)."""
    if not file.is_file():
        raise ValueError(f"{file}: no such file")
    if mapping is not None:
        reader = Mapping.load(mapping)
        points, count, without, skipped = [], 0, 0, 0
        for mapped in reader.read(reader.rows(file)):
            count += 1
            if mapped.event is None:
                skipped += 1
            elif mapped.event.HasField("location"):
                points.append((mapped.event.location.latitude, mapped.event.location.longitude))
            else:
                without += 1
        return Points(f"{shown(file)} read through {shown(mapping)}", points, count, without, skipped)
    if columns is None:
        raise ValueError("give a mapping, or the latitude and longitude columns")
    latitude, longitude = columns
    points, count = [], 0
    for row in rows(file, "csv"):
        if count == 0 and not {latitude, longitude} <= row.keys():
            raise ValueError(f"{file}: no column {latitude!r} or {longitude!r} (its columns: {', '.join(c for c in row if c)})")
        count += 1
        try:
            point = float(row[latitude]), float(row[longitude])
        except ValueError:
            continue
        if all(map(math.isfinite, point)) and abs(point[0]) <= 90 and abs(point[1]) <= 180:
            points.append(point)
    return Points(f"{shown(file)}, columns {latitude} and {longitude}", points, count, count - len(points))


@dataclass(frozen=True)
class Zones:
    """Named zones the boundary must hold whole: their union (longitude, latitude) and cells."""

    file: Path
    count: int
    union: Any  # a shapely geometry
    cells: frozenset[str]


def read_zones(path: Path, resolution: int) -> Zones:
    """A GeoJSON FeatureCollection of Polygons and MultiPolygons; a ValueError names the feature."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"--zones {path}: no such file") from None
    except (OSError, ValueError) as error:
        raise ValueError(f"--zones {path}: not readable as JSON: {error}") from None
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise ValueError(f"--zones {path}: must be a GeoJSON FeatureCollection")
    geometries, cells = [], set()
    for number, feature in enumerate(document.get("features") or []):
        geometry = (feature or {}).get("geometry") or {}
        if geometry.get("type") not in ("Polygon", "MultiPolygon"):
            raise ValueError(f"--zones {path}: feature {number}: the geometry must be a Polygon or a MultiPolygon")
        geometries.append(shape(geometry))
        # The zone's cells as NamedZones counts them (a cell belongs to the zone holding its centre).
        cells.update(h3.geo_to_cells(geometry, resolution))
    if not geometries:
        raise ValueError(f"--zones {path}: holds no zone")
    return Zones(path, len(geometries), shapely.union_all(geometries), frozenset(cells))


@dataclass(frozen=True)
class Proposal:
    outline: Outline
    points: Points
    boundary: Boundary
    within: int  # the points within the radius (all of them without one)
    cells: Counter[str]  # the distinct cells of those points, with their points
    held: frozenset[str]  # the cells the boundary holds, by the profile's rule
    beyond: list[tuple[float, float]]  # the points farther than the radius
    zones: Zones | None = None
    widened_km: float = 0.0  # added so that the simplified outline holds every cell
    joined: int = 0  # parts of the hull and zones joined to the largest (less than two buffers apart)
    problems: list[str] = field(default_factory=list)

    @property
    def vertices(self) -> int:
        return len(self.boundary.coordinates[0]) - 1

    @property
    def left_out_cells(self) -> set[str]:
        return set(self.cells) - self.held

    @property
    def left_out_points(self) -> int:
        return sum(self.cells[cell] for cell in self.left_out_cells)

    @property
    def left_out_zone_cells(self) -> set[str]:
        return set(self.zones.cells - self.held) if self.zones else set()


def propose(points: Points, outline: Outline, zones: Path | None = None) -> Proposal:
    """The boundary the points propose. A ValueError when there is nothing to draw, or when the
    hull and the zones do not make one polygon."""
    kept = [p for p in points.points if outline.within(*p)]
    beyond = [p for p in points.points if not outline.within(*p)]
    if not kept:
        raise ValueError(f"no point of {points.described} lies within the radius ({len(beyond)} points beyond it)")
    cells = Counter(h3.latlng_to_cell(latitude, longitude, outline.resolution) for latitude, longitude in kept)
    centres = [h3.cell_to_latlng(cell) for cell in cells]
    # The local frame: longitudes shrunk by the cosine of the mean latitude, both axes in degrees of latitude.
    shrink = math.cos(math.radians(sum(lat for lat, _ in centres) / len(centres)))
    hull = shapely.concave_hull(MultiPoint([(lon * shrink, lat) for lat, lon in centres]), ratio=outline.concave_ratio)
    drawn = hull.buffer(outline.buffer_km / KM_PER_DEGREE)
    named = None
    if zones is not None:
        named = read_zones(zones, outline.resolution)
        drawn = shapely.union_all([drawn, scale(named.union, xfact=shrink, yfact=1, origin=(0, 0))])
    parts = len(getattr(drawn, "geoms", [drawn]))
    drawn = joined(drawn, outline.buffer_km / KM_PER_DEGREE)
    if not isinstance(drawn, Polygon):
        raise ValueError(apart(drawn, shrink, named is not None))
    must_hold = set(cells) | (named.cells if named else set())
    widening = 0.0
    for attempt in range(MAX_WIDENINGS):
        # A boundary has no holes: what lies inside the outline is the city.
        boundary, tolerance = simplified(Polygon(drawn.buffer(widening).exterior), shrink, outline.vertices)
        held = polygon_cells(boundary, outline.resolution)
        if must_hold <= held or attempt == MAX_WIDENINGS - 1:
            break
        # Simplifying moves the outline by up to the tolerance, rounding by up to 0.0007 degrees.
        widening = max(2 * widening, tolerance + 10**-DECIMALS)
    proposal = Proposal(outline, points, boundary, len(kept), cells, held, beyond, named, widening * KM_PER_DEGREE, parts - 1)
    polygon = Polygon(boundary.coordinates[0])
    if not polygon.is_valid:
        proposal.problems.append(f"the rounded polygon is not valid ({shapely.is_valid_reason(polygon)}): try other --vertices")
    if proposal.left_out_cells or proposal.left_out_zone_cells:
        proposal.problems.append(
            f"after {MAX_WIDENINGS} widenings the boundary still leaves out {len(proposal.left_out_cells)} cells of points "
            f"and {len(proposal.left_out_zone_cells)} of zones: give more --vertices or a larger --buffer-km"
        )
    return proposal


def simplified(polygon: Polygon, shrink: float, vertices: int) -> tuple[Boundary, float]:
    """The polygon (in the local frame) simplified to at most `vertices`, back in longitude and
    latitude, counter-clockwise as GeoJSON asks, rounded; with the tolerance it took."""
    tolerance = fewest_vertices_tolerance(polygon, vertices)
    back = scale(polygon.simplify(tolerance, preserve_topology=True), xfact=1 / shrink, yfact=1, origin=(0, 0))
    ring: list[tuple[float, float]] = []
    for x, y in orient(back, 1.0).exterior.coords:
        vertex = (round(x, DECIMALS), round(y, DECIMALS))
        if not ring or ring[-1] != vertex:  # rounding may bring two vertices together
            ring.append(vertex)
    return Boundary(type="Polygon", coordinates=[ring]), tolerance


def joined(drawn: Any, margin: float) -> Any:
    """The parts of the hull and zones less than two buffers apart joined into one: first by a
    closing (a zone's sliver beside a highway, an island near the shore: what lies between them is
    taken in), then by a corridor one buffer wide along the shortest line between what remains apart
    and the largest part. Nothing is taken out. Parts farther apart stay apart."""
    if isinstance(drawn, Polygon):
        return drawn
    drawn = shapely.union_all([drawn, drawn.buffer(margin).buffer(-margin)])
    while not isinstance(drawn, Polygon):
        largest, *others = sorted(drawn.geoms, key=lambda part: part.area, reverse=True)
        near = [part for part in others if part.distance(largest) < 2 * margin]
        if not near:
            break
        drawn = shapely.union_all([drawn, *(shapely.shortest_line(part, largest).buffer(margin / 2) for part in near)])
    return drawn


def apart(drawn: Any, shrink: float, zones: bool) -> str:
    """Why the hull (and zones) cannot be one boundary: where the parts apart from the largest lie."""
    largest, *others = sorted(drawn.geoms, key=lambda part: part.area, reverse=True)
    described = [
        f"({part.centroid.y:.3f}, {part.centroid.x / shrink:.3f}), {part.distance(largest) * KM_PER_DEGREE:.1f} km away"
        for part in others
    ]
    return (
        f"the hull{' and the zones' if zones else ''} make {len(others) + 1} polygons more than two buffers apart, and a "
        f"boundary is one: besides the largest, parts at {'; '.join(described)} (latitude, longitude). Give a larger "
        "--buffer-km or --concave-ratio, drop the points there (--centre and --radius-deg), or leave out the zones that lie apart"
    )


def fewest_vertices_tolerance(polygon: Polygon, vertices: int) -> float:
    """The smallest simplification tolerance (found by bisection) that leaves at most `vertices`."""

    def count(tolerance: float) -> int:
        return len(polygon.simplify(tolerance, preserve_topology=True).exterior.coords) - 1

    if count(0.0) <= vertices:
        return 0.0
    low, high = 0.0, max(polygon.bounds[2] - polygon.bounds[0], polygon.bounds[3] - polygon.bounds[1])
    for _ in range(50):
        middle = (low + high) / 2
        low, high = (low, middle) if count(middle) <= vertices else (middle, high)
    return high


def render_proposal(proposal: Proposal) -> Iterator[str]:
    """The boundary as the profile's YAML, after comments that say how it was drawn and what it leaves out."""
    outline, points = proposal.outline, proposal.points
    where = ""
    if outline.centre is not None:
        where = f" lying within {outline.radius_deg:g} degrees of ({outline.centre[0]:g}, {outline.centre[1]:g})"
    hull = f"concave hull (shapely concave_hull, ratio {outline.concave_ratio:g})"
    if outline.concave_ratio >= 1:
        hull = "convex hull"
    zones = ""
    if proposal.zones is not None:
        zones = f", joined with the {proposal.zones.count} zones of {shown(proposal.zones.file)}"
    if proposal.joined:
        zones += f" ({proposal.joined} parts less than two buffers apart joined to the largest)"
    widened = f", widened by {proposal.widened_km:.2f} km so that simplifying keeps every cell" if proposal.widened_km else ""
    said = [
        f"Drawn from the data: the H3 resolution-{outline.resolution} cells of the {proposal.within} points of "
        f"{points.described}{where} ({len(proposal.cells)} distinct cells); the {hull} of their centres, buffered by "
        f"{outline.buffer_km:g} km ({outline.buffer_km / KM_PER_DEGREE:.4f} degrees of latitude){zones}{widened}, simplified to "
        f"{proposal.vertices} vertices and rounded to {DECIMALS} decimals.",
        f"Left out, by the profile's rule (a cell counts when its centre lies inside): "
        f"{share(proposal.left_out_points, proposal.within, 'points')}, "
        f"{share(len(proposal.left_out_cells), len(proposal.cells), 'cells')}"
        + (f", {share(len(proposal.left_out_zone_cells), len(proposal.zones.cells), 'zone cells')}" if proposal.zones else "")
        + f"; the boundary holds {len(proposal.held)} cells.",
    ]
    if proposal.beyond:
        nearest = min(math.dist(p, outline.centre) for p in proposal.beyond)
        said.append(
            f"Left outside: {len(proposal.beyond)} points ({len(set(proposal.beyond))} distinct places) farther than "
            f"{outline.radius_deg:g} degrees, the nearest {nearest:.2f} degrees away."
        )
    if points.without_point or points.skipped:
        said.append(
            f"Not counted: {points.without_point} rows without a readable point, {points.skipped} skipped by the mapping's rules."
        )
    said.append("GeoJSON order: longitude, latitude.")
    for paragraph in said:
        yield from (f"# {line}" for line in textwrap.wrap(paragraph, 98, break_long_words=False, break_on_hyphens=False))
    yield "boundary:"
    yield "  type: Polygon"
    yield "  coordinates:"
    for i, (longitude, latitude) in enumerate(proposal.boundary.coordinates[0]):
        yield f"    {'- - ' if i == 0 else '  - '}[{longitude:g}, {latitude:g}]"


def share(part: int, whole: int, what: str) -> str:
    return f"{part} of {whole} {what} ({100 * part / whole:.2f} %)" if whole else f"no {what}"


def write_geojson(proposal: Proposal, path: Path) -> None:
    """The boundary as a GeoJSON FeatureCollection of one Feature, with what it leaves out."""
    feature = {
        "type": "Feature",
        "properties": {
            "points": proposal.within,
            "cells": len(proposal.cells),
            "left_out_points": proposal.left_out_points,
            "left_out_cells": len(proposal.left_out_cells),
            "cells_held": len(proposal.held),
        },
        "geometry": mapping(Polygon(proposal.boundary.coordinates[0])),
    }
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}, indent=1) + "\n", encoding="utf-8")
