"""Loading the derived map layers and the table of units.

The dashboard calls `load_units()` on every start, so the GeoJSON is parsed once per process
and each call hands out a fresh copy: a caller may add columns or reproject its frame without
changing what the next caller gets.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry import shape

from geodata.errors import DataFileError
from geodata.provenance import CERCLES_FILE, DATA_DIR, UNITS_FILE
from geodata.reference import unit_specs

UNIT_COLUMNS = ["code", "name", "pcode", "area_km2"]
CERCLE_COLUMNS = ["pcode", "name", "unit_code", "unit_name"]


def _read_layer(path: Path, columns: list[str]) -> gpd.GeoDataFrame:
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
        features = collection["features"]
        rows = [[feature["properties"][column] for column in columns] for feature in features]
        geometries = [shape(feature["geometry"]) for feature in features]
    except OSError as error:
        raise DataFileError(
            f"{path}: cannot read ({error.strerror}); run `python -m geodata build`"
        ) from None
    except (ValueError, KeyError, TypeError) as error:
        raise DataFileError(
            f"{path}: not the expected GeoJSON ({error!r}); run `python -m geodata build`"
        ) from None
    return gpd.GeoDataFrame(pd.DataFrame(rows, columns=columns), geometry=geometries, crs=4326)


@cache
def _units(path: Path) -> gpd.GeoDataFrame:
    units = _read_layer(path, UNIT_COLUMNS)
    units["area_km2"] = units["area_km2"].astype("int64")
    return units


@cache
def _cercles(path: Path) -> gpd.GeoDataFrame:
    return _read_layer(path, CERCLE_COLUMNS)


def cercle_names(data_dir: Path = DATA_DIR) -> dict[str, str]:
    """Cercle P-code -> display name (with accents), read from the cercles layer of `data_dir`."""
    cercles = _cercles(data_dir / CERCLES_FILE)
    return dict(zip(cercles["pcode"], cercles["name"], strict=True))


def load_units(data_dir: Path = DATA_DIR) -> gpd.GeoDataFrame:
    """The 10 drawn policy units: code, name, pcode, area_km2, geometry (EPSG:4326).

    `pcode` is the source P-code the unit is built from (`ML0704` for Ménaka); `area_km2` is
    the unsimplified source area. A fresh copy per call.
    """
    return _units(data_dir / UNITS_FILE).copy()


def load_cercles(data_dir: Path = DATA_DIR) -> gpd.GeoDataFrame:
    """The 50 cercles (simplified): pcode, name, unit_code, unit_name, geometry (EPSG:4326)."""
    return _cercles(data_dir / CERCLES_FILE).copy()


def unit_areas(data_dir: Path = DATA_DIR) -> dict[str, int]:
    """ISO code -> unsimplified area in km² of each drawn unit."""
    units = _units(data_dir / UNITS_FILE)
    return {code: int(area) for code, area in zip(units["code"], units["area_km2"], strict=True)}


def unit_table() -> pd.DataFrame:
    """All 11 units, Taoudénit included: code, name, pcode, drawn, note.

    The one table that says which units a policy may name, which the map can draw, and for
    each how it is built from the source or why it is not drawn.
    """
    return pd.DataFrame(
        [(spec.code, spec.name, spec.source_pcode, spec.drawn, spec.note) for spec in unit_specs()],
        columns=["code", "name", "pcode", "drawn", "note"],
    )
