"""Which source cercle each of many coordinates lies in: a grid answers most points at once.

The answer is defined by the exact test: a point belongs to the cercles whose polygon covers it
(a point on a border is covered by both sides) and, of several, to the first in P-code order.
Running that test on every point is slow (a shapely STRtree query per point), so a grid of
1/64-degree cells over Mali is built once:

- a cell that no cercle's boundary touches (with a margin far wider than rounding) lies wholly
  in one face of the map, so every point in it has the answer of any other point in it; a run
  of such cells along a row shares one face too, so one exact query per run labels the grid;
- a cell that a boundary crosses is marked EDGE, and only points in EDGE cells get the exact
  test.

So the grid changes how fast an answer comes, never which answer: points in a labelled cell get
what the exact test gives at the cell's run, which is what it gives at the point. The polygons
are read with `geodata.shapefile`, without pandas or geopandas, so the command line stays light.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

import numpy as np
import shapely

from geodata.errors import DataFileError
from geodata.reference import assign_units
from geodata.shapefile import read_cercle_shapes

CELLS_PER_DEGREE = 64
OUTSIDE = -1
EDGE = -2
# How far (in cells) a boundary may pass outside a cell and still mark it EDGE. Rounding in the
# cell arithmetic is below 1e-12 cells; a wider margin only sends a few more points to the
# exact test.
MARGIN = 1e-6
POINTS_PER_SLICE = 1 << 18


@dataclass(frozen=True)
class CercleIndex:
    """The cercles in P-code order (position i), their STRtree and the grid over them."""

    geometries: np.ndarray
    pcodes: tuple[str, ...]
    unit_codes: tuple[str, ...]
    tree: shapely.STRtree
    origin: tuple[float, float]  # lon, lat of the grid's lower left corner
    cells: np.ndarray  # (rows, columns) int16: a position, OUTSIDE or EDGE

    def exact_positions(self, lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
        """The first (in P-code order) cercle covering each point, OUTSIDE for none."""
        points = shapely.points(lons, lats)
        found_points, found_cercles = self.tree.query(points, predicate="covered_by")
        none = np.iinfo(np.int64).max
        first = np.full(len(points), none, dtype=np.int64)
        np.minimum.at(first, found_points, found_cercles)
        return np.where(first == none, OUTSIDE, first)

    def positions(self, lons: np.ndarray, lats: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Position of each point's cercle (OUTSIDE for none) and the mask of valid coordinates.

        Valid: finite, longitude within ±180 and latitude within ±90. Invalid points are OUTSIDE.
        Large inputs go in slices, so the working arrays stay small beside the result.
        """
        if len(lons) <= POINTS_PER_SLICE:
            return self._positions(lons, lats)
        positions = np.empty(len(lons), dtype=np.int64)
        valid = np.empty(len(lons), dtype=bool)
        for start in range(0, len(lons), POINTS_PER_SLICE):
            part = slice(start, start + POINTS_PER_SLICE)
            positions[part], valid[part] = self._positions(lons[part], lats[part])
        return positions, valid

    def _positions(self, lons: np.ndarray, lats: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        with np.errstate(invalid="ignore"):
            valid = (
                np.isfinite(lons) & np.isfinite(lats) & (np.abs(lons) <= 180) & (np.abs(lats) <= 90)
            )
            rows, columns = self.cells.shape
            u = (lons - self.origin[0]) * CELLS_PER_DEGREE
            v = (lats - self.origin[1]) * CELLS_PER_DEGREE
            on_grid = np.flatnonzero(valid & (u >= 0) & (u < columns) & (v >= 0) & (v < rows))
        positions = np.full(len(lons), OUTSIDE, dtype=np.int64)
        cell = self.cells[v[on_grid].astype(np.intp), u[on_grid].astype(np.intp)]
        positions[on_grid] = cell
        near_border = on_grid[cell == EDGE]
        if len(near_border):
            positions[near_border] = self.exact_positions(lons[near_border], lats[near_border])
        return positions, valid


def _edge_cells(geometries: np.ndarray, origin: tuple[float, float], shape: tuple[int, int]):
    """Boolean grid: True for every cell a cercle boundary passes within MARGIN of.

    Each boundary segment is cut into pieces at most one cell long; a piece's bounding box
    (widened by MARGIN) covers at most 3 x 3 cells, and every one of them is marked.
    """
    coordinates, ring = shapely.get_coordinates(shapely.get_rings(geometries), return_index=True)
    u = (coordinates[:, 0] - origin[0]) * CELLS_PER_DEGREE
    v = (coordinates[:, 1] - origin[1]) * CELLS_PER_DEGREE
    same_ring = ring[:-1] == ring[1:]
    u0, u1 = u[:-1][same_ring], u[1:][same_ring]
    v0, v1 = v[:-1][same_ring], v[1:][same_ring]
    du, dv = u1 - u0, v1 - v0
    pieces = np.maximum(1, np.ceil(np.maximum(np.abs(du), np.abs(dv)))).astype(np.int64)
    segment = np.repeat(np.arange(len(pieces)), pieces)
    step = np.arange(len(segment)) - np.repeat(np.cumsum(pieces) - pieces, pieces)
    start, end = step / pieces[segment], (step + 1) / pieces[segment]
    pu0, pu1 = u0[segment] + du[segment] * start, u0[segment] + du[segment] * end
    pv0, pv1 = v0[segment] + dv[segment] * start, v0[segment] + dv[segment] * end
    low_u = np.floor(np.minimum(pu0, pu1) - MARGIN).astype(np.intp)
    high_u = np.floor(np.maximum(pu0, pu1) + MARGIN).astype(np.intp)
    low_v = np.floor(np.minimum(pv0, pv1) - MARGIN).astype(np.intp)
    high_v = np.floor(np.maximum(pv0, pv1) + MARGIN).astype(np.intp)
    if (high_u - low_u).max() > 2 or (high_v - low_v).max() > 2:
        raise AssertionError("a boundary piece spans more than 3 cells")  # cannot happen
    edge = np.zeros(shape, dtype=bool)
    for du_cell in range(3):
        for dv_cell in range(3):
            mark = (low_u + du_cell <= high_u) & (low_v + dv_cell <= high_v)
            edge[low_v[mark] + dv_cell, low_u[mark] + du_cell] = True
    return edge


def _label_grid(index_without_grid: CercleIndex, edge: np.ndarray) -> np.ndarray:
    """The grid of positions: one exact query at the first cell of each run of non-EDGE cells."""
    rows, columns = edge.shape
    flat = edge.ravel()
    starts = ~flat
    starts[1:] &= flat[:-1] | (np.arange(1, flat.size) % columns == 0)
    first_cells = np.flatnonzero(starts)
    lon0, lat0 = index_without_grid.origin
    lons = lon0 + (first_cells % columns + 0.5) / CELLS_PER_DEGREE
    lats = lat0 + (first_cells // columns + 0.5) / CELLS_PER_DEGREE
    answers = index_without_grid.exact_positions(lons, lats)
    run = np.cumsum(starts) - 1
    cells = np.where(flat, EDGE, answers[np.maximum(run, 0)]).astype(np.int16)
    return cells.reshape(rows, columns)


@cache
def cercle_index() -> CercleIndex:
    """The index over the unsimplified source cercles (built once per process, ~0.1 s)."""
    shapes = read_cercle_shapes()
    try:
        pcodes, regions = shapes.fields["admin2Pcod"], shapes.fields["admin1Pcod"]
    except KeyError as error:
        raise DataFileError(f"the cercles shapefile lacks the field {error}") from None
    order = np.argsort(pcodes, kind="stable")
    geometries = shapes.geometries[order]
    shapely.prepare(geometries)
    pcodes = [pcodes[i] for i in order]
    units = assign_units([(pcodes[n], regions[i]) for n, i in enumerate(order)])
    xmin, ymin, xmax, ymax = shapely.total_bounds(geometries)
    # One empty cell of margin on every side; the corner on a multiple of the cell size.
    origin = (np.floor(xmin * CELLS_PER_DEGREE) - 1, np.floor(ymin * CELLS_PER_DEGREE) - 1)
    shape = (
        int(np.floor(ymax * CELLS_PER_DEGREE) - origin[1]) + 2,
        int(np.floor(xmax * CELLS_PER_DEGREE) - origin[0]) + 2,
    )
    origin = (origin[0] / CELLS_PER_DEGREE, origin[1] / CELLS_PER_DEGREE)
    index = CercleIndex(
        geometries=geometries,
        pcodes=tuple(pcodes),
        unit_codes=tuple(units[pcode] for pcode in pcodes),
        tree=shapely.STRtree(geometries),
        origin=origin,
        cells=np.empty((0, 0), dtype=np.int16),
    )
    edge = _edge_cells(geometries, origin, shape)
    return replace(index, cells=_label_grid(index, edge))
