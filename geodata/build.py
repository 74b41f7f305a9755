"""`python -m geodata build`: derive the files the app loads from the vendored OCHA source.

Three files, written to `geodata/data/` and committed:
- `cercles.geojson`: the 50 source cercles (49 + Bamako), simplified as one coverage with
  `simplify_coverage` (neighbours keep one shared border: no gaps, no overlaps), coordinates
  rounded to 5 decimals (about 1 m), each with its policy unit.
- `units.geojson`: the 10 drawable policy units, each the union of its simplified cercles, so
  unit borders are exactly cercle borders. Ménaka (ML-9) is cercle ML0704; Gao (ML-7) is the
  other cercles of the 2015 region Gao; Taoudénit (ML-10) has no boundary in the source.
- `places.csv`: the 18,769 populated places with their class, cercle and unit; for a named
  place the source's admin codes are authoritative (SOURCE.md), not its coordinates.

The output depends only on the source and `reference/`, in a fixed order and format, so a
rebuild is byte-identical and a test can compare the committed files with a fresh build.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import mapping

from geodata.errors import DataFileError
from geodata.names import normalise
from geodata.provenance import (
    ATTRIBUTION,
    CERCLES_FILE,
    DATA_DIR,
    PLACES_CSV,
    PLACES_FILE,
    SOURCE_DIR,
    UNITS_FILE,
    verify_source,
)
from geodata.reference import unit_specs
from geodata.source_reader import (
    EQUAL_AREA_CRS,
    area_km2,
    read_source_cercles,
    read_source_places,
    source_units,
)

__all__ = [
    "CERCLES_FILE",
    "EQUAL_AREA_CRS",
    "PLACES_FILE",
    "UNITS_FILE",
    "area_km2",
    "build",
    "read_source_cercles",
    "read_source_places",
    "source_units",
]

# simplify_coverage tolerance in degrees (about 1 km): the units layer stays under 100 KB and
# every unit's area within 0.2% of the source's.
COVERAGE_TOLERANCE = 0.01
COORDINATE_DECIMALS = 5
PLACE_COORDINATE_DECIMALS = 6

# `key` is the normalised name (geodata.names.normalise), stored so that the lookup does not
# normalise 18,769 names on every start.
PLACE_COLUMNS = ("pcode", "name", "key", "place_class", "cercle_pcode", "unit_code", "lon", "lat")


def cercle_display_names(cercles: pd.DataFrame, places: pd.DataFrame) -> dict[str, str]:
    """Cercle P-code -> name with accents where the source has them.

    The admin names drop accents (`Menaka`, `Niafunke`); the cercle capital (class <= 3) in
    the places file usually carries the same name with them (`Ménaka`). Its spelling is used
    when the two agree letter for letter; otherwise the admin name stays.
    """
    capitals = places[places["popPlaceCl"].isin(["1", "2", "3"])]
    spelled = {
        (row.admin2Pcod, normalise(row.featureNam)): row.featureNam
        for row in capitals.itertuples(index=False)
    }
    return {
        row.pcode: spelled.get((row.pcode, normalise(row.source_name)), row.source_name)
        for row in cercles.itertuples(index=False)
    }


def simplify_cercles(cercles: gpd.GeoDataFrame) -> gpd.GeoSeries:
    """The cercles as one simplified coverage, rounded, valid and oriented for GeoJSON."""
    simplified = cercles.geometry.simplify_coverage(COVERAGE_TOLERANCE)
    rounded = shapely.set_precision(simplified.values, 10.0**-COORDINATE_DECIMALS)
    oriented = shapely.orient_polygons(rounded, exterior_cw=False)
    invalid = [
        pcode
        for pcode, ok in zip(cercles["pcode"], shapely.is_valid(oriented), strict=True)
        if not ok
    ]
    if invalid:
        raise DataFileError(f"simplified cercles are invalid: {', '.join(invalid)}")
    return gpd.GeoSeries(oriented, index=cercles.index, crs=cercles.crs)


def _rounded(coordinates: Any) -> Any:
    if isinstance(coordinates[0], float | int):
        return [round(float(value), COORDINATE_DECIMALS) for value in coordinates[:2]]
    return [_rounded(part) for part in coordinates]


def _feature_collection_text(features: Iterable[tuple[dict[str, Any], Any]]) -> str:
    """GeoJSON text, one feature per line, fixed key order: same input, same bytes."""
    lines = []
    for properties, geometry in features:
        shape = mapping(geometry)
        feature = {
            "type": "Feature",
            "properties": properties,
            "geometry": {"type": shape["type"], "coordinates": _rounded(shape["coordinates"])},
        }
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    head = json.dumps(
        {"type": "FeatureCollection", "attribution": ATTRIBUTION}, ensure_ascii=False
    )[:-1]
    return head + ', "features": [\n' + ",\n".join(lines) + "\n]}\n"


def cercles_text(
    cercles: gpd.GeoDataFrame, simplified: gpd.GeoSeries, names: dict[str, str]
) -> str:
    unit_name = {spec.code: spec.name for spec in unit_specs()}
    return _feature_collection_text(
        (
            {
                "pcode": row.pcode,
                "name": names[row.pcode],
                "unit_code": row.unit_code,
                "unit_name": unit_name[row.unit_code],
            },
            geometry,
        )
        for row, geometry in zip(cercles.itertuples(index=False), simplified, strict=True)
    )


def units_text(cercles: gpd.GeoDataFrame, simplified: gpd.GeoSeries) -> str:
    """The drawn units in `reference/units.csv` order, area from the unsimplified source."""
    areas = dict(zip(*_unit_areas(cercles), strict=True))
    features = []
    for spec in unit_specs():
        if not spec.drawn:
            continue
        parts = simplified[cercles["unit_code"] == spec.code]
        geometry = shapely.orient_polygons(shapely.union_all(parts.values), exterior_cw=False)
        properties = {
            "code": spec.code,
            "name": spec.name,
            "pcode": spec.source_pcode,
            "area_km2": round(areas[spec.code]),
        }
        features.append((properties, geometry))
    return _feature_collection_text(features)


def _unit_areas(cercles: gpd.GeoDataFrame) -> tuple[list[str], list[float]]:
    units = source_units(cercles)
    return list(units["code"]), [float(value) for value in area_km2(units.geometry)]


def places_text(places: pd.DataFrame, cercles: pd.DataFrame) -> str:
    """The places CSV: P-code order, class as int, cercle and unit from the admin codes."""
    unit_of = dict(zip(cercles["pcode"], cercles["unit_code"], strict=True))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(PLACE_COLUMNS)
    for row in places.sort_values("pcode").itertuples(index=False):
        where = f"{PLACES_CSV}, place {row.pcode}"
        if row.admin2Pcod not in unit_of:
            raise DataFileError(f"{where}: unknown cercle P-code {row.admin2Pcod!r}")
        if row.popPlaceCl not in ("1", "2", "3", "4", "5"):
            raise DataFileError(f"{where}, field popPlaceCl: not a class 1-5: {row.popPlaceCl!r}")
        try:
            lon, lat = float(row.longitude), float(row.latitude)
        except ValueError:
            raise DataFileError(f"{where}: longitude/latitude not numbers") from None
        name = row.featureNam.strip()
        writer.writerow(
            (
                row.pcode,
                name,
                normalise(name),
                row.popPlaceCl,
                row.admin2Pcod,
                unit_of[row.admin2Pcod],
                repr(round(lon, PLACE_COORDINATE_DECIMALS)),
                repr(round(lat, PLACE_COORDINATE_DECIMALS)),
            )
        )
    return buffer.getvalue()


def build(out_dir: Path = DATA_DIR, source_dir: Path = SOURCE_DIR) -> list[Path]:
    """Check the source's checksums, derive the three files into `out_dir`, return their paths.

    Everything is derived in memory first, then written to a new folder beside `out_dir` that
    replaces it by renaming, so a failure never leaves a mix of old and new files behind.
    """
    verify_source(source_dir)
    cercles = read_source_cercles(source_dir)
    places = read_source_places(source_dir)
    simplified = simplify_cercles(cercles)
    texts = {
        UNITS_FILE: units_text(cercles, simplified),
        CERCLES_FILE: cercles_text(cercles, simplified, cercle_display_names(cercles, places)),
        PLACES_FILE: places_text(places, cercles),
    }
    _replace_folder(out_dir, texts)
    return [out_dir / name for name in texts]


def _replace_folder(out_dir: Path, texts: dict[str, str]) -> None:
    """Write `texts` (file name -> text) as the whole content of `out_dir`, all or nothing.

    The folder may be new, or hold the derived files only: a folder with other files in it
    (say `--out /tmp`) is refused rather than replaced.
    """
    out_dir = out_dir.absolute()
    if out_dir.exists():
        if not out_dir.is_dir():
            raise DataFileError(f"{out_dir}: not a folder")
        others = sorted(entry.name for entry in out_dir.iterdir() if entry.name not in texts)
        if others:
            raise DataFileError(
                f"{out_dir}: holds other files than the build's ({', '.join(others[:3])}); "
                "give a new or empty folder"
            )
        mode = out_dir.stat().st_mode & 0o7777
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o777 & ~umask
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-new-", dir=out_dir.parent))
    except OSError as error:
        raise DataFileError(f"{out_dir}: cannot write there ({error.strerror or error})") from None
    retired = staging.with_name(staging.name.replace("-new-", "-old-"))
    try:
        for name, text in texts.items():
            (staging / name).write_text(text, encoding="utf-8", newline="\n")
        staging.chmod(mode)
        if out_dir.exists():
            out_dir.rename(retired)
        try:
            staging.rename(out_dir)
        except OSError:
            if retired.exists():
                retired.rename(out_dir)
            raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(retired, ignore_errors=True)
