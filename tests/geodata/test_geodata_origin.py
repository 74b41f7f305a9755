"""The area that now forms Taoudénit, as data with its evidence, and the origin a place or
point gives: the same unit as the name on every route."""

from __future__ import annotations

import pandas as pd
import pytest

import geodata
from geodata.origin import area_of_place_pcode, split_off_areas
from geodata.provenance import PLACES_CSV, SOURCE_DIR
from policy.regions import split_off

SOURCE = pd.read_csv(SOURCE_DIR / PLACES_CSV, dtype=str, keep_default_na=False)


def test_each_area_is_a_split_the_policy_records() -> None:
    for area in split_off_areas():
        split = split_off(area.code)
        assert split is not None, area.code
        assert area.evidence and split.evidence


def test_the_area_is_the_commune_of_salam_in_cercle_tombouctou() -> None:
    (area,) = split_off_areas()
    assert (area.code, area.cercle, area.communes) == ("ML-10", "ML0601", ("ML060105",))
    salam = SOURCE[SOURCE["admin3Pcod"] == "ML060105"]
    assert set(salam["admin3Name"]) == {"Salam"}
    assert set(salam["admin2Pcod"]) == {"ML0601"}
    # The evidence the file gives: the places named after Taoudénit's cercles lie in Salam.
    for name in ("Araouane", "Bou Djebbeha", "Foum El Alba", "Teghaza"):
        assert name in set(salam["featureNam"]), name


def test_a_place_pcode_starts_with_its_commune_for_every_place_of_the_area() -> None:
    """The test `area_of_place_pcode` relies on, checked on the source for the listed communes."""
    in_area = SOURCE[SOURCE["admin3Pcod"] == "ML060105"]
    assert all(pcode.startswith("ML060105") for pcode in in_area["pcode"])
    by_prefix = SOURCE[SOURCE["pcode"].str.startswith("ML060105")]
    assert set(by_prefix["admin3Pcod"]) == {"ML060105"}


@pytest.mark.parametrize("name", ["Araouane", "Foum El Alba", "Teghaza"])
def test_a_place_in_the_area_resolves_to_taoudenit(name: str) -> None:
    place = geodata.locate(name)[0]
    assert place.unit_code == "ML-6"  # drawn inside Tombouctou (2015)
    origin = geodata.named_origin(place)
    assert (origin.kind, origin.region_code, origin.cercle_pcode) == ("place", "ML-10", "ML0601")
    assert "Taoudénit" in (origin.note or "")


def test_a_place_outside_the_area_keeps_its_unit() -> None:
    place = geodata.locate("Tombouctou")[0]
    assert area_of_place_pcode(place.pcode) is None
    assert geodata.named_origin(place).region_code == "ML-6"


@pytest.mark.parametrize(
    ("lon", "lat", "code"),
    [
        (-3.98, 22.68, "ML-10"),
        (-3.22, 18.83, "ML-10"),
        (-3.0, 16.77, "ML-6"),
        (-8.0, 12.65, "ML-BKO"),
    ],
)
def test_a_point_resolves_by_the_nearest_place_of_its_cercle(lon, lat, code) -> None:
    origin = geodata.named_origin_of_point(lon, lat)
    assert origin.kind == "point" and origin.region_code == code
