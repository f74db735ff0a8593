"""A partner's file in a projected coordinate system (Lambert 93, UTM, any EPSG code): its x/y
columns are converted to WGS 84, checked against coordinates published by others."""

import pytest
from pydantic import ValidationError
from pyproj import Geod

from civicpulse.client.mapping import Mapping

BASE = {"kind": "incident_report", "partner_event_id": {"column": "id"}, "category": {"value": "theft"}}
WGS84 = Geod(ellps="WGS84")


def projected(crs: str) -> Mapping:
    return Mapping.model_validate({**BASE, "location": {"x": "x", "y": "y", "crs": crs}})


def metres_between(point, latitude: float, longitude: float) -> float:
    return WGS84.inv(point.longitude, point.latitude, longitude, latitude)[2]


def degrees(d: int, m: int, s: float) -> float:
    return d + m / 60 + s / 3600


# Lambert 93 (EPSG:2154), each point with its published pair:
# - the projection's false origin, 46°30'N 3°E, is E 700 000 m, N 6 600 000 m: IGN's definition of
#   Lambert-93 (notice NTG 87, "Lambert-93, projection associée au système géodésique RGF93"), as
#   the EPSG dataset records it for EPSG:2154;
# - X 668 832.5384, Y 6 950 138.7285 is 49.64961°N 2.56865°E (north of Paris), geofree.fr's
#   conversion quoted in the Stack Overflow question "Lambert93 to WGS84, IGN Algorithms,
#   Longitude Problem";
# - the Eiffel Tower, 48.8584°N 2.2945°E, is X 648 237 m, Y 6 862 272 m (gpsfrance.net's worked
#   example; its degrees have four decimals, about 5 m).
LAMBERT_93 = [
    ((700_000, 6_600_000), (46.5, 3.0), 0.01),
    ((668_832.5384, 6_950_138.7285), (49.64961, 2.56865), 2),
    ((648_237, 6_862_272), (48.8584, 2.2945), 6),
]


@pytest.mark.parametrize(("xy", "published", "within"), LAMBERT_93, ids=["false origin", "geofree", "eiffel tower"])
def test_lambert_93_lands_on_the_published_point(xy, published, within):
    made = projected("EPSG:2154").event({"id": "1", "x": str(xy[0]), "y": str(xy[1])})
    assert metres_between(made.location, *published) < within


def test_utm_lands_on_the_published_point():
    # Wikipedia, "Universal Transverse Mercator coordinate system", Locating a position using UTM
    # coordinates: the CN Tower, 43°38′33.24″N 79°23′13.7″W, is 17N 630084 4833438 (WGS 84 / UTM 17N).
    made = projected("EPSG:32617").event({"id": "1", "x": "630084", "y": "4833438"})
    assert metres_between(made.location, degrees(43, 38, 33.24), -degrees(79, 23, 13.7)) < 2


def test_an_unknown_coordinate_system_is_refused_at_load_by_name():
    with pytest.raises(ValidationError, match="'EPSG:999999' is not an EPSG code pyproj knows"):
        projected("EPSG:999999")
    with pytest.raises(ValidationError, match="'Lambert 93' is not an EPSG code"):
        projected("Lambert 93")


@pytest.mark.parametrize(
    "location",
    [{"x": "x", "y": "y"}, {"x": "x", "crs": "EPSG:2154"}, {"latitude": "y", "longitude": "x", "crs": "EPSG:2154"}],
    ids=["no crs", "no y", "crs with degrees"],
)
def test_x_and_y_come_with_their_coordinate_system_and_only_them(location):
    with pytest.raises(ValidationError, match="x, y and crs"):
        Mapping.model_validate({**BASE, "location": location})


@pytest.mark.parametrize(("x", "y"), [("n.c.", "6246889.94"), ("", ""), ("nan", "6246889.94"), ("892735.77", "inf")])
def test_unreadable_x_or_y_leaves_the_location_for_ingestion_to_name(x, y):
    made = projected("EPSG:2154").event({"id": "1", "x": x, "y": y})
    assert not made.HasField("location")  # ingestion answers "location: required"
