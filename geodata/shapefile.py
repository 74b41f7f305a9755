"""The source cercle polygons read straight from the vendored shapefile, without GDAL.

Why: `python -m geodata locate-points` must start fast and stay small. Reading the shapefile
through pyogrio pulls in geopandas and pandas (about half a second and 100 MB before the first
point); the point lookup needs only 50 polygons and two text fields. The format is simple and
the file is fixed (its checksum is in SHA256SUMS), so this reader handles exactly what it holds
(Polygon shapes, character fields) and refuses anything else with a DataFileError. A test
checks that it yields the same polygons, coordinate for coordinate, as `read_source_cercles`.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely

from geodata.errors import DataFileError
from geodata.provenance import CERCLES_SHAPEFILE, SOURCE_DIR

POLYGON = 5
NULL_SHAPE = 0
_SHP_HEADER = 100


@dataclass(frozen=True)
class ShapeRecords:
    """One polygon per record and the record's character fields, in file order."""

    geometries: np.ndarray  # of shapely Polygon / MultiPolygon
    fields: dict[str, list[str]]


def _polygon(parts: list[np.ndarray]) -> shapely.Geometry:
    """A shapefile polygon from its rings: clockwise rings are shells, the others holes."""
    rings = [shapely.linearrings(part) for part in parts]
    shells = [ring for ring in rings if not shapely.is_ccw(ring)]
    holes = [ring for ring in rings if shapely.is_ccw(ring)]
    if not shells:
        raise DataFileError("a polygon in the shapefile has no outer ring")
    if len(shells) == 1:
        return shapely.Polygon(shells[0], holes)
    owned: list[list[shapely.LinearRing]] = [[] for _ in shells]
    for hole in holes:
        owner = next(
            (n for n, shell in enumerate(shells) if shapely.Polygon(shell).contains(hole)), None
        )
        if owner is None:
            raise DataFileError("a hole in the shapefile lies in none of its polygon's rings")
        owned[owner].append(hole)
    return shapely.MultiPolygon(
        [shapely.Polygon(shell, own) for shell, own in zip(shells, owned, strict=True)]
    )


def _read_shp(path: Path) -> list[shapely.Geometry]:
    data = path.read_bytes()
    if len(data) < _SHP_HEADER or struct.unpack(">i", data[:4])[0] != 9994:
        raise DataFileError(f"{path}: not a shapefile")
    geometries = []
    offset = _SHP_HEADER
    while offset < len(data):
        _, words = struct.unpack(">ii", data[offset : offset + 8])
        content = data[offset + 8 : offset + 8 + 2 * words]
        offset += 8 + 2 * words
        (shape_type,) = struct.unpack("<i", content[:4])
        if shape_type != POLYGON:
            raise DataFileError(f"{path}: shape type {shape_type} where a polygon was expected")
        parts_count, points_count = struct.unpack("<ii", content[36:44])
        starts = np.frombuffer(content, "<i4", parts_count, 44)
        points_at = 44 + 4 * parts_count
        points = np.frombuffer(content, "<f8", 2 * points_count, points_at).reshape(-1, 2)
        ends = [*starts.tolist()[1:], points_count]
        parts = [points[a:b] for a, b in zip(starts.tolist(), ends, strict=True)]
        geometries.append(_polygon(parts))
    return geometries


def _read_dbf(path: Path, encoding: str) -> dict[str, list[str]]:
    """The character fields of a dBASE table (other field types are skipped)."""
    data = path.read_bytes()
    count, header_size, record_size = struct.unpack("<IHH", data[4:12])
    fields = []
    at, start = 32, 1  # each record begins with its deletion flag
    while data[at] != 0x0D:
        name = data[at : at + 11].split(b"\0", 1)[0].decode("ascii")
        kind, length = chr(data[at + 11]), data[at + 16]
        fields.append((name, kind, start, length))
        start += length
        at += 32
    table: dict[str, list[str]] = {name: [] for name, kind, _, _ in fields if kind == "C"}
    for number in range(count):
        record = data[header_size + number * record_size : header_size + (number + 1) * record_size]
        for name, kind, start, length in fields:
            if kind == "C":
                table[name].append(record[start : start + length].decode(encoding).rstrip(" "))
    return table


def read_shapes(path: Path) -> ShapeRecords:
    """Polygons and character fields of the shapefile `path` (.shp with its .dbf and .cpg)."""
    try:
        cpg = path.with_suffix(".cpg")
        encoding = cpg.read_text(encoding="ascii").strip() if cpg.exists() else "latin-1"
        geometries = _read_shp(path)
        fields = _read_dbf(path.with_suffix(".dbf"), encoding)
    except OSError as error:
        raise DataFileError(f"{error.filename}: cannot read ({error.strerror})") from None
    except (struct.error, ValueError, IndexError, LookupError) as error:
        raise DataFileError(f"{path}: not a readable polygon shapefile ({error})") from None
    if any(len(values) != len(geometries) for values in fields.values()):
        raise DataFileError(f"{path}: the .dbf and the .shp hold different numbers of records")
    return ShapeRecords(np.array(geometries, dtype=object), fields)


def read_cercle_shapes(source_dir: Path = SOURCE_DIR) -> ShapeRecords:
    """The unsimplified source cercles (WGS 84 already, as the .prj says)."""
    return read_shapes(source_dir / CERCLES_SHAPEFILE)
