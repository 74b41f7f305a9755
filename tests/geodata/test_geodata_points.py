"""Which unit and cercle a coordinate lies in."""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from geodata import (
    GeodataError,
    InvalidCoordinateError,
    OutsideMaliError,
    PointLocation,
    locate_point,
    locate_points,
)
from geodata.source_reader import read_source_cercles, source_units

# Mali's bounding box with a margin, so samples fall inside and outside the country.
LONS = st.floats(min_value=-13.0, max_value=5.0, allow_nan=False)
LATS = st.floats(min_value=9.5, max_value=25.5, allow_nan=False)


@pytest.fixture(scope="module")
def cercles() -> gpd.GeoDataFrame:
    return read_source_cercles()


def test_a_point_inside_each_unit_is_located_in_it(cercles: gpd.GeoDataFrame) -> None:
    units = source_units(cercles)
    assert len(units) == 10
    for unit in units.itertuples(index=False):
        inside = unit.geometry.representative_point()
        assert locate_point(inside.x, inside.y).unit_code == unit.code


def test_a_point_inside_each_cercle_is_located_in_it(cercles: gpd.GeoDataFrame) -> None:
    inside = cercles.geometry.representative_point()
    found = locate_points(inside.x.to_numpy(), inside.y.to_numpy())
    assert list(found["cercle_pcode"]) == list(cercles["pcode"])
    assert list(found["unit_code"]) == list(cercles["unit_code"])
    assert (found["reason"] == "").all()


def test_known_towns() -> None:
    assert locate_point(-8.0029, 12.6392) == PointLocation("ML-BKO", "Bamako", "ML0901", "Bamako")
    assert locate_point(-3.0074, 16.7735).unit_code == "ML-6"  # Tombouctou
    assert locate_point(2.4036, 15.9166).unit_name == "Ménaka"  # Ménaka town


def test_points_just_outside_mali_are_refused(cercles: gpd.GeoDataFrame) -> None:
    outline = cercles.union_all()
    ring = outline.buffer(0.02).exterior  # about 2 km outside the border
    samples = shapely.line_interpolate_point(ring, np.linspace(0, 1, 200), normalized=True)
    lons, lats = shapely.get_x(samples), shapely.get_y(samples)
    found = locate_points(lons, lats)
    assert (found["reason"] == "outside Mali").all()
    assert (found[["unit_code", "unit_name", "cercle_pcode", "cercle_name"]] == "").all().all()
    for lon, lat in list(zip(lons, lats, strict=True))[::20]:
        with pytest.raises(OutsideMaliError, match="outside Mali"):
            locate_point(float(lon), float(lat))


def test_a_point_on_a_shared_border_gets_one_cercle(cercles: gpd.GeoDataFrame) -> None:
    gao, menaka = (
        cercles.set_index("pcode").loc[code, "geometry"] for code in ("ML0701", "ML0704")
    )
    border = gao.intersection(menaka)
    lon, lat = shapely.get_coordinates(border)[1]  # a vertex both cercles share exactly
    assert gao.covers(shapely.Point(lon, lat)) and menaka.covers(shapely.Point(lon, lat))
    location = locate_point(float(lon), float(lat))
    assert location.cercle_pcode == "ML0701"  # the first of the two in P-code order


@pytest.mark.parametrize(
    ("lon", "lat"), [(math.nan, 12.0), (-8.0, math.inf), (181.0, 12.0), (-8.0, -91.0)]
)
def test_an_invalid_coordinate_is_an_error_alone_and_a_reason_in_a_batch(
    lon: float, lat: float
) -> None:
    with pytest.raises(InvalidCoordinateError):
        locate_point(lon, lat)
    assert locate_points([lon, -8.0], [lat, 12.64])["reason"].tolist() == [
        "invalid coordinate",
        "",
    ]


def test_batch_input_errors() -> None:
    with pytest.raises(GeodataError, match="differ in length"):
        locate_points([1.0, 2.0], [1.0])
    assert locate_points([], []).empty


@pytest.mark.parametrize("text", ["east", "-8", "", True])
def test_text_and_bools_are_refused_alike_single_and_batch(text: object) -> None:
    """Both refuse text, even text that reads as a number: a CSV reader converts its fields."""
    with pytest.raises(InvalidCoordinateError, match="lon must be a number"):
        locate_point(text, 12.6)  # type: ignore[arg-type]
    with pytest.raises(GeodataError, match="lons: every value must be a number"):
        locate_points([text], [12.6])
    with pytest.raises(GeodataError, match="lats: every value must be a number"):
        locate_points([-8.0], np.array([text], dtype=object))


@pytest.mark.parametrize(
    "number", [np.int64(-8), np.int32(-8), np.float32(-8.0), np.float64(-8.0), -8, -8.0]
)
def test_any_real_number_is_a_coordinate(number: object) -> None:
    assert locate_point(number, np.int64(12)).unit_code == "ML-2"  # type: ignore[arg-type]
    found = locate_points(np.array([number]), [12])
    assert found["unit_code"].tolist() == ["ML-2"]


def test_none_in_a_batch_is_an_invalid_coordinate() -> None:
    found = locate_points([None, -8.0], [12.64, 12.64])
    assert found["reason"].tolist() == ["invalid coordinate", ""]


def test_swapped_lon_and_lat_are_pointed_out() -> None:
    with pytest.raises(OutsideMaliError, match="outside Mali — did you swap lon and lat"):
        locate_point(12.64, -8.0)
    with pytest.raises(OutsideMaliError) as caught:
        locate_point(0.0, 0.0)
    assert "swap" not in str(caught.value)


def independent_cercles(cercles: gpd.GeoDataFrame, lons, lats) -> list[str]:
    """The cercle of each point by gpd.sjoin(covered_by) on the source polygons, first P-code
    on a shared border, "" outside: computed without geodata.points."""
    points = gpd.GeoDataFrame(geometry=gpd.points_from_xy(lons, lats), crs=4326)
    joined = gpd.sjoin(points, cercles[["pcode", "geometry"]], predicate="covered_by")
    first = joined.groupby(level=0)["pcode"].min()
    return [first.get(position, "") for position in range(len(points))]


def test_batch_agrees_with_an_independent_spatial_join_on_a_grid(
    cercles: gpd.GeoDataFrame,
) -> None:
    lons, lats = np.meshgrid(np.linspace(-12.5, 4.5, 60), np.linspace(10.0, 25.0, 60))
    lons, lats = lons.ravel(), lats.ravel()
    batch = locate_points(lons, lats)
    expected = independent_cercles(cercles, lons, lats)
    assert 0 < (batch["reason"] == "").sum() < len(batch)
    assert batch["cercle_pcode"].tolist() == expected
    unit_of = dict(zip(cercles["pcode"], cercles["unit_code"], strict=True))
    assert batch["unit_code"].tolist() == [unit_of.get(pcode, "") for pcode in expected]
    assert batch["reason"].tolist() == ["" if pcode else "outside Mali" for pcode in expected]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(LONS, LATS), min_size=1, max_size=20))
def test_single_and_batch_agree_with_each_cercles_own_covers(
    cercles: gpd.GeoDataFrame, points: list[tuple[float, float]]
) -> None:
    """Checked against shapely's covers() of each source cercle, one polygon at a time."""
    lons, lats = zip(*points, strict=True)
    batch = locate_points(list(lons), list(lats))
    for (lon, lat), row in zip(points, batch.itertuples(), strict=True):
        point = shapely.Point(lon, lat)
        covering = [
            cercle.pcode for cercle in cercles.itertuples() if cercle.geometry.covers(point)
        ]
        expected = min(covering) if covering else ""
        assert row.cercle_pcode == expected
        if expected:
            single = locate_point(lon, lat)
            assert row.reason == ""
            assert (
                single.unit_code,
                single.unit_name,
                single.cercle_pcode,
                single.cercle_name,
            ) == (
                row.unit_code,
                row.unit_name,
                row.cercle_pcode,
                row.cercle_name,
            )
        else:
            assert (row.unit_code, row.reason) == ("", "outside Mali")
            with pytest.raises(OutsideMaliError):
                locate_point(lon, lat)
