"""Reading the vendored OCHA source: the cercles shapefile and the places CSV.

Shared by the build (which derives `geodata/data/`) and the point lookup (which matches
coordinates against the unsimplified cercles, as SOURCE.md advises), so that the run-time code
never needs to import the build module.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd

from geodata.errors import DataFileError
from geodata.provenance import CERCLES_SHAPEFILE, PLACES_CSV, SOURCE_DIR
from geodata.reference import assign_units

# Africa Albers Equal Area Conic: areas in km² that mean what they say.
EQUAL_AREA_CRS = "ESRI:102022"


def read_source_cercles(source_dir: Path = SOURCE_DIR) -> gpd.GeoDataFrame:
    """The unsimplified source cercles: pcode, region_pcode, source_name, unit_code, geometry."""
    path = source_dir / CERCLES_SHAPEFILE
    try:
        raw = gpd.read_file(path)
    except Exception as error:  # pyogrio raises several types for a broken shapefile
        raise DataFileError(f"{path}: cannot read the shapefile ({error})") from None
    missing = {"admin1Pcod", "admin2Pcod", "admin2Name"} - set(raw.columns)
    if missing:
        raise DataFileError(f"{path}: missing fields {', '.join(sorted(missing))}")
    cercles = gpd.GeoDataFrame(
        {
            "pcode": raw["admin2Pcod"].astype(str),
            "region_pcode": raw["admin1Pcod"].astype(str),
            "source_name": raw["admin2Name"].astype(str),
        },
        geometry=raw.geometry.values,
        crs=raw.crs,
    ).to_crs(4326)
    units = assign_units(list(zip(cercles["pcode"], cercles["region_pcode"], strict=True)))
    cercles.insert(3, "unit_code", cercles["pcode"].map(units))
    return cercles.sort_values("pcode", ignore_index=True)


def source_units(cercles: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Unsimplified policy units (code, geometry), dissolved from the source cercles."""
    return cercles[["unit_code", "geometry"]].dissolve("unit_code").reset_index(names="code")


def area_km2(geometries: gpd.GeoSeries) -> pd.Series:
    """Area of each geometry in km², measured in an equal-area projection."""
    return geometries.to_crs(EQUAL_AREA_CRS).area / 1e6


def read_source_places(source_dir: Path = SOURCE_DIR) -> pd.DataFrame:
    """The source places as text columns, exactly as in the CSV."""
    path = source_dir / PLACES_CSV
    try:
        places = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (OSError, ValueError) as error:
        raise DataFileError(f"{path}: cannot read the places CSV ({error})") from None
    needed = {"pcode", "featureNam", "popPlaceCl", "admin2Pcod", "longitude", "latitude"}
    missing = needed - set(places.columns)
    if missing:
        raise DataFileError(f"{path}: missing columns {', '.join(sorted(missing))}")
    return places
