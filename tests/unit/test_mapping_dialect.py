"""A CSV file as the partner writes it: `;` separators, Windows-1252 text, decimal commas in the
coordinates (a French export), read through the mapping that declares them."""

import pytest

from civicpulse.client.mapping import Mapping

MAPPING = {
    "kind": "citizen_request",
    "csv": {"delimiter": ";", "encoding": "cp1252"},
    "partner_event_id": {"column": "numéro", "prefix": "allo-"},
    "category": {"column": "catégorie", "transform": "slug"},
    "occurred_at": {"column": "date", "format": "%d/%m/%Y %H:%M", "timezone": "Europe/Paris"},
    "location": {"x": "X", "y": "Y", "crs": "EPSG:2154", "decimal": ","},
}
# Marseille's Vieux-Port in Lambert 93 (about 893 000 m east, 6 246 500 m north); written with
# decimal commas, as French spreadsheets do.
TEXT = "numéro;catégorie;date;X;Y\n17;Propreté;03/07/2023 10:15;893012,5;6246523,0\n18;Éclairage;04/07/2023 22:40;;\n"


def write(tmp_path, encoding: str):
    path = tmp_path / "allo-mairie.csv"
    path.write_bytes(TEXT.encode(encoding))
    return path


def test_a_semicolon_windows_1252_file_with_decimal_commas_reads_as_written(tmp_path):
    mapping = Mapping.model_validate(MAPPING)
    mapped = list(mapping.read(mapping.rows(write(tmp_path, "cp1252"))))
    first, second = (m.event for m in mapped)
    assert first.partner_event_id == "allo-17" and first.category == "propreté"
    assert first.location.latitude == pytest.approx(43.295, abs=0.005)
    assert first.location.longitude == pytest.approx(5.374, abs=0.005)
    assert second.category == "éclairage" and not second.HasField("location")  # empty x/y: unset


def test_the_same_file_read_as_utf_8_fails_rather_than_garbling_names(tmp_path):
    mapping = Mapping.model_validate({**MAPPING, "csv": {"delimiter": ";"}})
    with pytest.raises(UnicodeDecodeError):
        list(mapping.rows(write(tmp_path, "cp1252")))


def test_a_decimal_point_mapping_leaves_decimal_commas_unread(tmp_path):
    location = {**MAPPING["location"], "decimal": "."}
    mapping = Mapping.model_validate({**MAPPING, "location": location})
    first = next(mapping.read(mapping.rows(write(tmp_path, "cp1252")))).event
    assert not first.HasField("location")  # ingestion then answers "location: required"


@pytest.mark.parametrize(
    ("dialect", "words"),
    [({"delimiter": ";;"}, "delimiter"), ({"encoding": "klingon"}, "unknown encoding 'klingon'")],
)
def test_a_wrong_dialect_is_refused_at_load(dialect, words):
    with pytest.raises(ValueError, match=words):
        Mapping.model_validate({**MAPPING, "csv": dialect})
