"""The areas of the split-off units (Taoudénit) as shapes, for the maps to draw.

The 2015 boundaries have no line for Taoudénit. The project nevertheless attributes an area to
it: `geodata.origin.named_origin_of_point` answers Taoudénit for a point of cercle Tombouctou
(ML0601) whose nearest populated place of that cercle lies in the commune of Salam (ML060105).
That rule defines a shape: the part of the cercle whose nearest place is a Salam place, a union
of Voronoi cells. The maps draw exactly that shape (marked "scope unclear"), so what a map shows
and what `locate` or `evaluate --place` answers for a point never disagree.

The nearest-place rule measures distance as `(Δlon · cos lat, Δlat)` at the point's latitude.
The cells are therefore computed in thin latitude bands, each with the cosine of its middle
latitude: the shape's edge is then within a few hundred metres of the rule's, far below what a
country map shows. A test samples points and compares both.
"""

from __future__ import annotations

import math
from functools import cache
from typing import Final

import geopandas as gpd
import numpy as np
import shapely
from shapely.affinity import scale
from shapely.geometry import MultiPoint, box

from geodata.layers import load_cercles, load_units
from geodata.origin import area_of_place_pcode, split_off_areas
from geodata.places import load_places

BAND_DEGREES: Final = 0.1


def _cells_of_area(cercle_geometry, lons, lats, inside: np.ndarray):
    """The part of `cercle_geometry` whose nearest place (in the rule's metric) is `inside`."""
    minx, miny, maxx, maxy = cercle_geometry.bounds
    parts = []
    start = math.floor(miny / BAND_DEGREES) * BAND_DEGREES
    bands = int(math.ceil((maxy - start) / BAND_DEGREES))
    for band in range(bands):
        low = start + band * BAND_DEGREES
        high = low + BAND_DEGREES
        strip = cercle_geometry.intersection(box(minx - 1, low, maxx + 1, high))
        if strip.is_empty:
            continue
        factor = math.cos(math.radians((low + high) / 2))
        points = MultiPoint(list(zip(lons * factor, lats, strict=True)))
        extent = box(minx * factor - 10, miny - 10, maxx * factor + 10, maxy + 10)
        cells = shapely.voronoi_polygons(points, extend_to=extent, ordered=True)
        chosen = [cell for cell, keep in zip(cells.geoms, inside, strict=True) if keep]
        area = scale(shapely.union_all(chosen), xfact=1 / factor, yfact=1, origin=(0, 0))
        parts.append(strip.intersection(area))
    return shapely.union_all(parts)


@cache
def _split_off_frame() -> gpd.GeoDataFrame:
    cercles = load_cercles().set_index("pcode")
    places = load_places()
    rows = []
    for area in split_off_areas():
        inside_cercle = places[places["cercle_pcode"] == area.cercle]
        # The rule takes the first of equally near places (numpy's argmin): keep the first of
        # places that share a coordinate, as the Voronoi cells need distinct points.
        unique = inside_cercle.drop_duplicates(subset=["lon", "lat"], keep="first")
        lons = unique["lon"].to_numpy(dtype=float)
        lats = unique["lat"].to_numpy(dtype=float)
        # Equal, not identical: two threads that first ask at once (the server's warm-up and a
        # session) each read their own `split_off_areas()`, and the cache keeps only one.
        inside = np.array([area_of_place_pcode(p) == area for p in unique["pcode"]])
        shape = _cells_of_area(cercles.loc[area.cercle, "geometry"], lons, lats, inside)
        parent = cercles.loc[area.cercle, "unit_code"]
        rows.append((area.code, area.name, parent, shapely.make_valid(shape)))
    return gpd.GeoDataFrame(
        rows, columns=["code", "name", "parent_code", "geometry"], geometry="geometry", crs=4326
    )


def split_off_shapes() -> gpd.GeoDataFrame:
    """Per split-off unit: code, name, parent_code (the drawn unit it lies in), geometry
    (EPSG:4326). A fresh copy per call."""
    return _split_off_frame().copy()


def unambiguous_part(code: str):
    """The drawn unit `code` without any split-off area inside it (where its own name goes)."""
    units = load_units().set_index("code")
    geometry = units.loc[code, "geometry"]
    for row in _split_off_frame().itertuples(index=False):
        if row.parent_code == code:
            geometry = geometry.difference(row.geometry)
    return geometry
