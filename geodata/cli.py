"""`python -m geodata build|units|locate|locate-points`: the command-line contract.

    python -m geodata build [--out DIR]
    python -m geodata units [--json]
    python -m geodata locate NAME [--json] [--limit N]
    python -m geodata locate --lon X --lat Y [--json]
    python -m geodata locate-points POINTS.csv -o OUT.csv

Bad input (an unknown place, a point outside Mali, a broken CSV, a wrong option) exits with
status 2 and one line on stderr that names the problem; never a traceback.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from geodata.build import build
from geodata.errors import GeodataError
from geodata.layers import load_units, unit_table
from geodata.places import Place, locate
from geodata.points import POINT_COLUMNS, PointLocation, locate_point, locate_points
from geodata.provenance import ATTRIBUTION, DATA_DIR

EXIT_USAGE = 2


class _OneLineParser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line on stderr, with status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _OneLineParser(
        prog="python -m geodata",
        description="Mali's policy units, cercles and places (OCHA COD Mali 2015). " + ATTRIBUTION,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build_cmd = commands.add_parser(
        "build", help="derive geodata/data/ from the vendored source (byte-identical on rerun)"
    )
    build_cmd.add_argument(
        "--out", type=Path, default=DATA_DIR, help="output folder (default: geodata/data)"
    )

    units_cmd = commands.add_parser("units", help="list the 11 policy units, drawn or not")
    units_cmd.add_argument("--json", action="store_true", help="print JSON instead of a table")

    locate_cmd = commands.add_parser(
        "locate", help="find a place by name, or the unit and cercle of a coordinate"
    )
    locate_cmd.add_argument("name", nargs="?", metavar="NAME", help="place name, e.g. Timbuktu")
    locate_cmd.add_argument("--lon", type=float, help="longitude in degrees (WGS 84)")
    locate_cmd.add_argument("--lat", type=float, help="latitude in degrees (WGS 84)")
    locate_cmd.add_argument("--limit", type=int, default=10, help="most places shown (10)")
    locate_cmd.add_argument("--json", action="store_true", help="print JSON")

    points_cmd = commands.add_parser(
        "locate-points", help="add unit and cercle to every lon,lat row of a CSV file"
    )
    points_cmd.add_argument("points", type=Path, metavar="POINTS.csv")
    points_cmd.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.csv")
    return parser


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def _units(as_json: bool) -> None:
    table = unit_table()
    areas = dict(zip(load_units()["code"], load_units()["area_km2"], strict=True))
    if as_json:
        _print_json(
            [
                {
                    "code": row.code,
                    "name": row.name,
                    "pcode": row.pcode or None,
                    "drawn": bool(row.drawn),
                    "area_km2": int(areas[row.code]) if row.code in areas else None,
                    "note": row.note,
                }
                for row in table.itertuples(index=False)
            ]
        )
        return
    print(f"{'code':<7} {'name':<11} {'P-code':<7} {'drawn':<6} {'area km²':>9}  note")
    for row in table.itertuples(index=False):
        area = f"{areas[row.code]:,}" if row.code in areas else "-"
        drawn = "yes" if row.drawn else "no"
        print(
            f"{row.code:<7} {row.name:<11} {row.pcode or '-':<7} {drawn:<6} {area:>9}  {row.note}"
        )
    print(ATTRIBUTION)


def _place_json(place: Place) -> dict[str, Any]:
    return {
        "name": place.name,
        "class": place.place_class,
        "class_label": place.class_label,
        "unit": {"code": place.unit_code, "name": place.unit_name},
        "cercle": {"pcode": place.cercle_pcode, "name": place.cercle_name},
        "lon": place.lon,
        "lat": place.lat,
        "pcode": place.pcode,
        "score": place.score,
    }


def _place_line(place: Place) -> str:
    match = "" if place.score == 100 else f"  [similar name, {place.score:g}%]"
    return (
        f"{place.name} ({place.class_label}): cercle {place.cercle_name} ({place.cercle_pcode}),"
        f" {place.unit_name} ({place.unit_code}), lon {place.lon:.5f}, lat {place.lat:.5f}{match}"
    )


def _point_json(location: PointLocation, lon: float, lat: float) -> dict[str, Any]:
    return {
        "lon": lon,
        "lat": lat,
        "unit": {"code": location.unit_code, "name": location.unit_name},
        "cercle": {"pcode": location.cercle_pcode, "name": location.cercle_name},
    }


def _locate(args: argparse.Namespace) -> None:
    by_point = args.lon is not None or args.lat is not None
    if by_point and args.name is not None:
        raise GeodataError("give either NAME or --lon and --lat, not both")
    if by_point:
        if args.lon is None or args.lat is None:
            raise GeodataError("--lon and --lat go together")
        location = locate_point(args.lon, args.lat)
        if args.json:
            _print_json(_point_json(location, args.lon, args.lat))
        else:
            print(
                f"lon {args.lon:g}, lat {args.lat:g}: {location.unit_name} ({location.unit_code}),"
                f" cercle {location.cercle_name} ({location.cercle_pcode})"
            )
            print(ATTRIBUTION)
        return
    if args.name is None:
        raise GeodataError("give a place NAME, or --lon and --lat")
    places = locate(args.name, limit=args.limit)
    if args.json:
        _print_json([_place_json(place) for place in places])
    else:
        for place in places:
            print(_place_line(place))
        print(ATTRIBUTION)


def _read_points(path: Path) -> tuple[list[str], list[dict[str, str]], str]:
    """Header, rows and delimiter of a points CSV; GeodataError naming the file and row."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise GeodataError(f"{path}: cannot read ({error.strerror})") from None
    except UnicodeDecodeError:
        raise GeodataError(f"{path}: not UTF-8 text; save the CSV as UTF-8") from None
    first_line = text.split("\n", 1)[0]
    delimiter = next((d for d in (",", ";", "\t") if d in first_line), ",")
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [name.strip() for name in reader.fieldnames or []]
    reader.fieldnames = header
    missing = [column for column in ("lon", "lat") if column not in header]
    if missing:
        raise GeodataError(f"{path}: no column {' or '.join(missing)} (header: {first_line!r})")
    taken = [column for column in POINT_COLUMNS if column in header]
    if taken:
        raise GeodataError(f"{path}: already has the output column {', '.join(taken)}")
    rows = []
    for row in reader:
        where = f"{path}, line {reader.line_num}"
        if None in row:
            raise GeodataError(f"{where}: more fields than the header has")
        for field in ("lon", "lat"):
            value = row[field]
            try:
                float((value or "").strip())
            except ValueError:
                raise GeodataError(f"{where}, field {field}: not a number: {value!r}") from None
        rows.append(row)
    return header, rows, delimiter


def _locate_points(source: Path, output: Path) -> None:
    header, rows, delimiter = _read_points(source)
    found = locate_points([float(row["lon"]) for row in rows], [float(row["lat"]) for row in rows])
    try:
        with output.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter=delimiter, lineterminator="\n")
            writer.writerow([*header, *POINT_COLUMNS])
            for row, result in zip(rows, found.itertuples(index=False), strict=True):
                writer.writerow([*(row[name] for name in header), *result])
    except OSError as error:
        raise GeodataError(f"{output}: cannot write ({error.strerror})") from None
    located = int((found["reason"] == "").sum())
    print(f"{output}: {located} of {len(rows)} points located. {ATTRIBUTION}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "build":
            for path in build(out_dir=args.out):
                print(f"{path}  {path.stat().st_size:,} bytes")
        elif args.command == "units":
            _units(args.json)
        elif args.command == "locate":
            _locate(args)
        else:
            _locate_points(args.points, args.output)
    except GeodataError as error:
        print(f"{parser.prog}: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    return 0
