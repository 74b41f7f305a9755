"""The grid behind `locate_points` gives the same answer as the exact test on every point.

The exact answer is computed two ways without the grid: `geopandas.sjoin(covered_by)` on the
polygons as GDAL reads them (first P-code on a shared border), and the index's own STRtree
query. Points are drawn where a grid could go wrong: on and next to every boundary vertex, on
the boundary segments, on the grid's own cell lines, and at random over Mali and its margin.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from geodata.point_index import CELLS_PER_DEGREE, EDGE, OUTSIDE, cercle_index
from geodata.shapefile import read_cercle_shapes
from geodata.source_reader import read_source_cercles


@pytest.fixture(scope="module")
def cercles() -> gpd.GeoDataFrame:
    return read_source_cercles()


def sjoin_pcodes(cercles: gpd.GeoDataFrame, lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
    points = gpd.GeoDataFrame(geometry=gpd.points_from_xy(lons, lats), crs=4326)
    joined = gpd.sjoin(points, cercles[["pcode", "geometry"]], predicate="covered_by")
    first = joined.groupby(level=0)["pcode"].min()
    return np.array([first.get(n, "") for n in range(len(points))], dtype=object)


def grid_pcodes(lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
    index = cercle_index()
    positions, _ = index.positions(lons, lats)
    return np.array([*index.pcodes, ""], dtype=object)[positions]


def hard_points(cercles: gpd.GeoDataFrame) -> np.ndarray:
    """Points on and beside the boundaries and on the grid lines, plus random points."""
    rng = np.random.default_rng(12)
    vertices = shapely.get_coordinates(shapely.get_rings(cercles.geometry.values))
    start, end = vertices[:-1], vertices[1:]
    on_segments = start + (end - start) * rng.random((len(start), 1))
    midpoints = (start + end) / 2
    beside = np.repeat(vertices, 3, axis=0) + rng.normal(0, 1e-9, (3 * len(vertices), 2))
    cell = 1 / CELLS_PER_DEGREE
    on_cell_lines = np.column_stack(
        [
            np.round(rng.uniform(-12.6, 4.6, 30_000) / cell) * cell,
            rng.uniform(10.0, 25.2, 30_000),
        ]
    )
    cell_corners = np.round(rng.uniform([-12.6, 10.0], [4.6, 25.2], (30_000, 2)) / cell) * cell
    anywhere = rng.uniform([-13.0, 9.5], [5.0, 25.5], (100_000, 2))
    return np.vstack(
        [vertices, on_segments, midpoints, beside, on_cell_lines, cell_corners, anywhere]
    )


def test_the_light_shapefile_reader_gives_gdal_s_polygons(cercles: gpd.GeoDataFrame) -> None:
    shapes = read_cercle_shapes()
    by_pcode = dict(zip(shapes.fields["admin2Pcod"], shapes.geometries, strict=True))
    assert sorted(by_pcode) == list(cercles["pcode"])
    for pcode, geometry in zip(cercles["pcode"], cercles.geometry.values, strict=True):
        assert by_pcode[pcode].wkb == geometry.wkb, pcode
    index = cercle_index()
    assert index.pcodes == tuple(cercles["pcode"])
    assert index.unit_codes == tuple(cercles["unit_code"])


def test_grid_answers_equal_the_exact_test_on_and_near_every_boundary(
    cercles: gpd.GeoDataFrame,
) -> None:
    points = hard_points(cercles)
    lons, lats = points[:, 0], points[:, 1]
    index = cercle_index()
    positions, valid = index.positions(lons, lats)
    assert valid.all()
    assert np.array_equal(positions, index.exact_positions(lons, lats))
    sample = np.arange(0, len(points), 5)
    assert np.array_equal(grid_pcodes(lons[sample], lats[sample]),
                          sjoin_pcodes(cercles, lons[sample], lats[sample]))  # fmt: skip


def test_most_points_are_answered_by_the_grid_alone() -> None:
    """Not a speed test: it shows the grid is in use, so the test above checks something."""
    index = cercle_index()
    assert (index.cells == EDGE).mean() < 0.05
    labelled = set(np.unique(index.cells)) - {EDGE, OUTSIDE}
    assert labelled == set(range(len(index.pcodes)))  # every cercle owns whole cells


def test_points_off_the_grid_and_invalid_ones() -> None:
    lons = np.array([-20.0, 10.0, -8.0, np.nan, -8.0, 200.0])
    lats = np.array([12.6, 12.6, 40.0, 12.6, np.inf, 12.6])
    positions, valid = cercle_index().positions(lons, lats)
    assert positions.tolist() == [OUTSIDE] * 6
    assert valid.tolist() == [True, True, True, False, False, False]


@settings(max_examples=80, deadline=None)
@given(
    vertex=st.integers(min_value=0, max_value=19_000),
    offsets=st.lists(
        st.tuples(st.floats(-1e-3, 1e-3), st.floats(-1e-3, 1e-3)), min_size=1, max_size=30
    ),
)
def test_points_around_any_vertex_match_the_exact_test(
    cercles: gpd.GeoDataFrame, vertex: int, offsets: list[tuple[float, float]]
) -> None:
    corners = shapely.get_coordinates(cercles.geometry.values)
    lon, lat = corners[vertex % len(corners)]
    lons = lon + np.array([dx for dx, _ in offsets])
    lats = lat + np.array([dy for _, dy in offsets])
    index = cercle_index()
    assert np.array_equal(index.positions(lons, lats)[0], index.exact_positions(lons, lats))
