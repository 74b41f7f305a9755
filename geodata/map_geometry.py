"""The shapes every map draws besides the units: Mali's outline, the neighbouring countries, the
IPA line and the scope-unclear area, computed once for the page, the offline map and the images.

Mali is always its OCHA outline (the dissolved units); the neighbours come from Natural Earth at
1:110m (`source/natural-earth-110m/`), drawn underneath as background. The IPA's regions of
origin are drawn as one line set `inset_km` inside their dissolved area, never along the border
itself (a dashed line along an international border reads as a disputed border).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from typing import Final

import geopandas as gpd
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from geodata.layers import load_units
from geodata.map_style import hatch_lines, map_style
from geodata.provenance import PACKAGE_DIR

# An equal-area projection centred on Mali: shapes keep their relative size and the scale bar
# is true to within a few per cent across the country.
MAP_CRS: Final = "+proj=aea +lat_0=17 +lon_0=-4 +lat_1=12 +lat_2=22 +datum=WGS84 +units=m +no_defs"
AFRICA_FILE: Final = PACKAGE_DIR / "source" / "natural-earth-110m" / "africa.geojson"
# Mali's neighbours (ISO 3166-1 alpha-3), named on the maps from the wording catalogue.
NEIGHBOURS: Final = ("DZA", "NER", "BFA", "CIV", "GIN", "SEN", "MRT")


@cache
def _africa() -> gpd.GeoDataFrame:
    data = json.loads(AFRICA_FILE.read_text(encoding="utf-8"))
    rows = [
        (f["properties"]["iso_a3"], f["properties"]["name"], shape(f["geometry"]))
        for f in data["features"]
    ]
    return gpd.GeoDataFrame(rows, columns=["iso_a3", "name", "geometry"], crs=4326)


def africa() -> gpd.GeoDataFrame:
    """Africa's countries (Natural Earth 1:110m): iso_a3, name, geometry (EPSG:4326)."""
    return _africa().copy()


def neighbours() -> gpd.GeoDataFrame:
    """Mali's seven neighbours: iso_a3, name, geometry (EPSG:4326), in NEIGHBOURS order."""
    frame = _africa().set_index("iso_a3").loc[list(NEIGHBOURS)].reset_index()
    return gpd.GeoDataFrame(frame, geometry="geometry", crs=4326)


@cache
def _country_outline() -> BaseGeometry:
    return shapely.union_all(list(load_units().geometry))


def country_outline(projected: bool = False) -> BaseGeometry:
    """Mali: the union of the drawn units (OCHA, 2015), in EPSG:4326 or MAP_CRS."""
    if not projected:
        return _country_outline()
    return gpd.GeoSeries([_country_outline()], crs=4326).to_crs(MAP_CRS).iloc[0]


def ipa_origin_line(geometries: Iterable[BaseGeometry], crs) -> BaseGeometry | None:
    """The one line around the dissolved area of the IPA's regions of origin, set inside it.

    `geometries` are the origin units in `crs`; the result is in the same CRS (None if empty).
    """
    parts = list(geometries)
    if not parts:
        return None
    inset_m = map_style().lines["ipa_origin"].extra["inset_km"] * 1000
    series = gpd.GeoSeries([shapely.union_all(parts)], crs=crs).to_crs(MAP_CRS)
    inner = series.buffer(-inset_m, join_style="mitre").simplify(inset_m / 10)
    return inner.boundary.to_crs(crs).iloc[0]


def scope_unclear_hatch(geometry: BaseGeometry) -> BaseGeometry:
    """The hatch lines of the scope-unclear area (`geometry` in EPSG:4326), as the web maps
    draw them."""
    area = map_style().areas["scope_unclear"]
    return hatch_lines(geometry, float(area["hatch_spacing_deg"]), float(area["hatch_angle"]))
