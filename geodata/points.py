"""Which cercle and policy unit a coordinate lies in, one point or hundreds of thousands.

Coordinates are matched against the unsimplified source cercles, not the simplified map layer:
SOURCE.md calls the polygons authoritative for a coordinate, and the simplified borders may be
up to about 1 km off. A shapely STRtree over the 50 prepared cercles answers a whole array of
points in one vectorised `covered_by` query.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import pandas as pd
import shapely

from geodata.errors import GeodataError, InvalidCoordinateError, OutsideMaliError
from geodata.layers import cercle_names
from geodata.reference import unit_names
from geodata.source_reader import read_source_cercles

OUTSIDE_MALI = "outside Mali"
INVALID_COORDINATE = "invalid coordinate"
POINT_COLUMNS = ["unit_code", "unit_name", "cercle_pcode", "cercle_name", "reason"]


@dataclass(frozen=True)
class PointLocation:
    """The policy unit and cercle a coordinate lies in."""

    unit_code: str
    unit_name: str
    cercle_pcode: str
    cercle_name: str


@dataclass(frozen=True)
class _CercleIndex:
    tree: shapely.STRtree
    # One entry per cercle in tree order, then "" for "no cercle" (position -1).
    cercle_pcodes: np.ndarray
    cercle_names: np.ndarray
    unit_codes: np.ndarray
    unit_names: np.ndarray


@cache
def _cercle_index() -> _CercleIndex:
    cercles = read_source_cercles()
    geometries = np.asarray(cercles.geometry.values, dtype=object)
    shapely.prepare(geometries)
    display = cercle_names()
    names = unit_names()

    def column(values: list[str]) -> np.ndarray:
        return np.array([*values, ""], dtype=object)

    return _CercleIndex(
        tree=shapely.STRtree(geometries),
        cercle_pcodes=column(list(cercles["pcode"])),
        cercle_names=column([display[pcode] for pcode in cercles["pcode"]]),
        unit_codes=column(list(cercles["unit_code"])),
        unit_names=column([names[code] for code in cercles["unit_code"]]),
    )


def _is_number(value: Any) -> bool:
    """A real number (Python or numpy), not a bool and not text such as "-8"."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool | np.bool_)


def _as_coordinates(values: Sequence[float] | np.ndarray, label: str) -> np.ndarray:
    """`values` as a float array; GeodataError for text or other non-numbers.

    Text is refused even when it reads as a number ("-8"), as `locate_point` refuses it: a
    caller reading a CSV converts and checks its own fields, so a column of text here is a
    mistake. None and pd.NA become NaN, which the result reports as an invalid coordinate.
    """
    array = np.asarray(values)
    if array.ndim != 1:
        raise GeodataError(f"{label}: expected a flat list of numbers")
    if array.dtype.kind in "iuf":
        return array.astype(float)
    if array.dtype.kind == "O":
        if all(value is None or value is pd.NA or _is_number(value) for value in array):
            return np.array(
                [np.nan if value is None or value is pd.NA else float(value) for value in array],
                dtype=float,
            )
    elif array.size == 0:
        return array.astype(float)
    raise GeodataError(f"{label}: every value must be a number (not text or true/false)")


def _cercle_positions(lons: np.ndarray, lats: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Tree position of each point's cercle (-1 for none) and the mask of valid coordinates.

    `covered_by` counts a point on a border as inside; of the two cercles it then touches it
    takes the first in P-code order, so the answer never depends on the query's order.
    """
    valid = np.isfinite(lons) & np.isfinite(lats) & (np.abs(lons) <= 180) & (np.abs(lats) <= 90)
    candidates = np.flatnonzero(valid)
    points = shapely.points(lons[candidates], lats[candidates])
    found_points, found_cercles = _cercle_index().tree.query(points, predicate="covered_by")
    none = np.iinfo(np.int64).max
    first = np.full(len(candidates), none, dtype=np.int64)
    np.minimum.at(first, found_points, found_cercles)
    positions = np.full(len(lons), -1, dtype=np.int64)
    positions[candidates] = np.where(first == none, -1, first)
    return positions, valid


def locate_points(
    lons: Sequence[float] | np.ndarray, lats: Sequence[float] | np.ndarray
) -> pd.DataFrame:
    """One row per point: unit_code, unit_name, cercle_pcode, cercle_name, reason.

    The four location columns are "" for a point in no cercle; `reason` then says why
    ("outside Mali" or "invalid coordinate") and is "" otherwise.
    """
    lon_array = _as_coordinates(lons, "lons")
    lat_array = _as_coordinates(lats, "lats")
    if len(lon_array) != len(lat_array):
        raise GeodataError(
            f"lons and lats differ in length ({len(lon_array)} and {len(lat_array)})"
        )
    positions, valid = _cercle_positions(lon_array, lat_array)
    index = _cercle_index()
    reason = np.where(positions >= 0, "", OUTSIDE_MALI).astype(object)
    reason[~valid] = INVALID_COORDINATE
    return pd.DataFrame(
        {
            "unit_code": index.unit_codes[positions],
            "unit_name": index.unit_names[positions],
            "cercle_pcode": index.cercle_pcodes[positions],
            "cercle_name": index.cercle_names[positions],
            "reason": reason,
        },
        columns=POINT_COLUMNS,
    )


def locate_point(lon: float, lat: float) -> PointLocation:
    """The unit and cercle of one point; OutsideMaliError when it lies in none.

    Any real number is accepted (int, float, numpy numbers); text and bools are not.
    """
    for label, value in (("lon", lon), ("lat", lat)):
        if not _is_number(value):
            raise InvalidCoordinateError(f"{label} must be a number, not {value!r}")
    lon, lat = float(lon), float(lat)
    if not (np.isfinite(lon) and np.isfinite(lat)) or abs(lon) > 180 or abs(lat) > 90:
        raise InvalidCoordinateError(
            f"lon={lon}, lat={lat} is not a coordinate (lon -180..180, lat -90..90)"
        )
    found = locate_points([lon, lat], [lat, lon])
    row = found.iloc[0]
    if row["reason"]:
        raise OutsideMaliError(lon, lat, swapped=found["reason"].iloc[1] == "")
    return PointLocation(
        unit_code=row["unit_code"],
        unit_name=row["unit_name"],
        cercle_pcode=row["cercle_pcode"],
        cercle_name=row["cercle_name"],
    )
