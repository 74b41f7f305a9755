"""The area that now forms Taoudénit, as data with its evidence, and the origin a place or
point gives: the same unit as the name on every route."""

from __future__ import annotations

import pandas as pd
import pytest

import geodata
from geodata.origin import area_of_place_pcode, split_off_areas
from geodata.points import locate_point
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


def test_a_village_named_like_a_region_far_away_is_never_answered_silently() -> None:
    """'Taoudeni' is a village in Macina (Ségou) and almost the name of the region Taoudénit and
    its capital Taoudenni: both are listed and the user must choose."""
    from geodata.origin import AmbiguousPlaceError, place_origin

    with pytest.raises(AmbiguousPlaceError) as error:
        place_origin("Taoudeni")
    message = str(error.value)
    assert "\n" not in message
    assert "Macina" in message and "ML-4" in message
    assert "Taoudénit (ML-10" in message and "Taoudenni" in message


@pytest.mark.parametrize("name", ["Gao", "Mopti", "Tombouctou", "Ségou", "Bamako", "Kidal"])
def test_a_region_capital_is_its_own_region_not_a_homonym(name: str) -> None:
    from geodata.origin import AmbiguousPlaceError, place_origin

    try:
        origin = place_origin(name)
    except AmbiguousPlaceError as error:
        # Places of that name in other regions too (Gao in Bafoulabé): not the region clash.
        assert "may mean" not in str(error)
    else:
        assert origin.region_code in {"ML-7", "ML-5", "ML-6", "ML-4", "ML-BKO", "ML-8"}


def test_taoudenni_is_added_with_source_and_licence_and_resolves_to_taoudenit() -> None:
    import csv

    from geodata.origin import place_origin
    from geodata.places import ADDED_PLACES_CSV, locate

    with ADDED_PLACES_CSV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    (row,) = [row for row in rows if row["name"] == "Taoudenni"]
    assert row["source"].strip() and row["licence"].strip()
    assert row["pcode"].startswith("ADDED-")  # never passed off as an OCHA P-code
    best = locate("Taoudenni")[0]
    assert (best.name, best.class_label, best.unit_code) == (
        "Taoudenni",
        "regional capital",
        "ML-10",
    )
    # The row's cercle is the one whose 2015 boundary holds its coordinates.
    assert locate_point(float(row["lon"]), float(row["lat"])).cercle_pcode == row["cercle_pcode"]
    assert place_origin("Taoudenni").region_code == "ML-10"
