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
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from geodata.errors import GeodataError
from geodata.layers import unit_areas, unit_table
from geodata.places import Place, locate
from geodata.points import OUTSIDE_MALI, PointLocation, locate_point, locate_points
from geodata.provenance import ATTRIBUTION, DATA_DIR

EXIT_USAGE = 2
DEFAULT_LIMIT = 10
# The columns `locate-points` adds (issue 4): empty when the point is outside Mali.
ADDED_COLUMNS = ("unit_code", "cercle_pcode")


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
    locate_cmd.add_argument(
        "--limit", type=int, help=f"most places shown (default {DEFAULT_LIMIT}); names only"
    )
    locate_cmd.add_argument("--json", action="store_true", help="print JSON")

    points_cmd = commands.add_parser(
        "locate-points", help="add unit_code and cercle_pcode to every lon,lat row of a CSV file"
    )
    points_cmd.add_argument("points", type=Path, metavar="POINTS.csv")
    points_cmd.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.csv")
    return parser


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def _units(as_json: bool) -> None:
    table = unit_table()
    areas = unit_areas()
    if as_json:
        _print_json(
            [
                {
                    "code": row.code,
                    "name": row.name,
                    "pcode": row.pcode or None,
                    "drawn": bool(row.drawn),
                    "area_km2": areas.get(row.code),
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
    """The issue's contract, exactly: name, class, unit{code,name}, cercle{pcode,name}, lon, lat."""
    return {
        "name": place.name,
        "class": place.place_class,
        "unit": {"code": place.unit_code, "name": place.unit_name},
        "cercle": {"pcode": place.cercle_pcode, "name": place.cercle_name},
        "lon": place.lon,
        "lat": place.lat,
    }


def _place_line(place: Place) -> str:
    match = "" if place.score == 100 else f"  [similar name, {place.score:g}%]"
    return (
        f"{place.name} ({place.class_label}): cercle {place.cercle_name} ({place.cercle_pcode}),"
        f" {place.unit_name} ({place.unit_code}), lon {place.lon:.5f}, lat {place.lat:.5f}{match}"
    )


def _point_json(location: PointLocation) -> dict[str, Any]:
    """The issue's contract, exactly: unit{code,name} and cercle{pcode,name}."""
    return {
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
        if args.limit is not None:
            raise GeodataError("--limit applies to a NAME lookup, not to --lon/--lat")
        location = locate_point(args.lon, args.lat)
        if args.json:
            _print_json(_point_json(location))
        else:
            print(
                f"lon {args.lon:g}, lat {args.lat:g}: {location.unit_name} ({location.unit_code}),"
                f" cercle {location.cercle_name} ({location.cercle_pcode})"
            )
            print(ATTRIBUTION)
        return
    if args.name is None:
        raise GeodataError("give a place NAME, or --lon and --lat")
    limit = DEFAULT_LIMIT if args.limit is None else args.limit
    if limit < 1:
        raise GeodataError(f"--limit must be at least 1, not {limit}")
    places = locate(args.name)
    shown, hidden = places[:limit], len(places) - limit
    if args.json:
        _print_json([_place_json(place) for place in shown])
    else:
        for place in shown:
            print(_place_line(place))
        if hidden > 0:
            print(f"… {hidden} more (use --limit)")
        print(ATTRIBUTION)


def _read_points(path: Path) -> tuple[list[str], list[list[str]], str, int, int]:
    """Header, rows, delimiter and the lon and lat column positions of a points CSV.

    GeodataError naming the file, line and field for anything that would lose or invent data:
    a duplicated column name, no (or two) lon/lat columns, an output column already present,
    a row with more fields than the header, a lon or lat that is not a number.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise GeodataError(f"{path}: not UTF-8 text; save the CSV as UTF-8") from None
    first_line = text.split("\n", 1)[0]
    delimiter = next((d for d in (",", ";", "\t") if d in first_line), ",")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [name.strip() for name in next(reader, [])]
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        raise GeodataError(f"{path}: the header repeats the column {', '.join(repeated)}")
    folded = [name.casefold() for name in header]
    positions = []
    for column in ("lon", "lat"):
        found = [number for number, name in enumerate(folded) if name == column]
        if not found:
            raise GeodataError(f"{path}: no column {column} (header: {first_line[:80]!r})")
        if len(found) > 1:
            names = " and ".join(header[number] for number in found)
            raise GeodataError(f"{path}: two {column} columns ({names})")
        positions.append(found[0])
    taken = [column for column in ADDED_COLUMNS if column in folded]
    if taken:
        raise GeodataError(f"{path}: already has the output column {', '.join(taken)}")
    lon_at, lat_at = positions
    rows = []
    for row in reader:
        if not row:
            continue
        where = f"{path}, line {reader.line_num}"
        if len(row) > len(header):
            raise GeodataError(f"{where}: more fields than the header has")
        row = row + [""] * (len(header) - len(row))
        for position in (lon_at, lat_at):
            value = row[position]
            try:
                float(value.strip())
            except ValueError:
                raise GeodataError(
                    f"{where}, field {header[position]}: not a number: {value[:60]!r}"
                ) from None
        rows.append(row)
    return header, rows, delimiter, lon_at, lat_at


def _locate_points(source: Path, output: Path) -> None:
    header, rows, delimiter, lon_at, lat_at = _read_points(source)
    found = locate_points(
        [float(row[lon_at]) for row in rows], [float(row[lat_at]) for row in rows]
    )
    try:
        with output.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter=delimiter, lineterminator="\n")
            writer.writerow([*header, *ADDED_COLUMNS])
            added = found[list(ADDED_COLUMNS)].itertuples(index=False)
            for row, result in zip(rows, added, strict=True):
                writer.writerow([*row, *result])
    except OSError as error:
        raise GeodataError(f"{output}: cannot write ({error.strerror})") from None
    located = int((found["reason"] == "").sum())
    outside = int((found["reason"] == OUTSIDE_MALI).sum())
    invalid = len(found) - located - outside
    print(
        f"{output}: {len(rows)} rows: {located} located, {outside} outside Mali, "
        f"{invalid} invalid coordinates. {ATTRIBUTION}",
        file=sys.stderr,
    )


def _run(args: argparse.Namespace) -> None:
    if args.command == "build":
        from geodata.build import build  # only this command needs the build's dependencies

        for path in build(out_dir=args.out):
            print(f"{path}  {path.stat().st_size:,} bytes")
    elif args.command == "units":
        _units(args.json)
    elif args.command == "locate":
        _locate(args)
    else:
        _locate_points(args.points, args.output)
    sys.stdout.flush()  # a closed pipe shows up here, inside the error handling


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        _run(args)
    except BrokenPipeError:
        # The reader stopped early (`| head -1`): what it wanted has been printed. Point
        # stdout at /dev/null so the interpreter's final flush does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except GeodataError as error:
        print(f"{parser.prog}: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        print(f"{parser.prog}: error: {where}{error.strerror or error}", file=sys.stderr)
        return EXIT_USAGE
    return 0
