"""Which cercle and policy unit a coordinate lies in, one point or hundreds of thousands.

Coordinates are matched against the unsimplified source cercles, not the simplified map layer:
SOURCE.md calls the polygons authoritative for a coordinate, and the simplified borders may be
up to about 1 km off. `geodata.point_index` answers a whole array of points: a grid for the
points well inside one cercle (or outside all), the exact `covered_by` test near a border.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from geodata.errors import GeodataError, InvalidCoordinateError, OutsideMaliError
from geodata.layers import cercle_names
from geodata.point_index import cercle_index
from geodata.reference import unit_names

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


# The dtype pandas gives a column of text ("str" from pandas 3, object before): the result's
# columns keep the dtype they had when they were built from Python strings.
_TEXT_DTYPE = pd.Series(["text"]).dtype
_REASONS = ("", OUTSIDE_MALI, INVALID_COORDINATE)


@cache
def _column_values() -> dict[str, tuple[str, ...]]:
    """Each location column's value per cercle position, then "" for "no cercle" (last)."""
    index = cercle_index()
    display = cercle_names()
    names = unit_names()
    return {
        "unit_code": (*index.unit_codes, ""),
        "unit_name": (*(names[code] for code in index.unit_codes), ""),
        "cercle_pcode": (*index.pcodes, ""),
        "cercle_name": (*(display[pcode] for pcode in index.pcodes), ""),
    }


def _text_column(values: tuple[str, ...], picks: np.ndarray) -> Any:
    """`values[picks]` as a column of _TEXT_DTYPE, taken without a Python string per row."""
    if pd.api.types.is_object_dtype(_TEXT_DTYPE):
        return np.array(values, dtype=object)[picks]
    taken = pc.take(pa.array(values, pa.string()), pa.array(picks))
    return pd.array(taken, dtype=_TEXT_DTYPE)


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
    positions, valid = cercle_index().positions(lon_array, lat_array)
    found = positions >= 0
    picks = np.where(found, positions, len(cercle_index().pcodes))
    reasons = np.where(found, 0, np.where(valid, 1, 2))
    columns = {name: _text_column(values, picks) for name, values in _column_values().items()}
    columns["reason"] = _text_column(_REASONS, reasons)
    return pd.DataFrame(columns, columns=POINT_COLUMNS)


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
