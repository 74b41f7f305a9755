"""`python -m geodata build|units|locate|locate-points`: the command-line contract.

    python -m geodata build [--out DIR]
    python -m geodata units [--json]
    python -m geodata locate NAME [--json] [--limit N]
    python -m geodata locate --lon X --lat Y [--json]
    python -m geodata locate-points POINTS.csv -o OUT.csv [--raw-csv]

Bad input (an unknown place, a point outside Mali, a broken CSV, a wrong option) exits with
status 2 and one line on stderr that names the problem; never a traceback. Each command
imports only what it needs, so `locate-points` starts without pandas or geopandas.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from geodata.errors import GeodataError
from geodata.provenance import ATTRIBUTION, DATA_DIR, REFERENCE_DIR

if TYPE_CHECKING:
    from geodata.places import Place
    from geodata.points import PointLocation

EXIT_USAGE = 2
DEFAULT_LIMIT = 10


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
        "locate-points",
        help="add unit_code, cercle_pcode and flags to every lon,lat row of a CSV file",
    )
    points_cmd.add_argument("points", type=Path, metavar="POINTS.csv")
    points_cmd.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.csv")
    points_cmd.add_argument(
        "--raw-csv",
        action="store_true",
        help="write text cells unchanged (by default a cell that a spreadsheet would run as a"
        " formula, such as =1+1, gets a leading ')",
    )
    return parser


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def _units(as_json: bool) -> None:
    from geodata.layers import unit_areas, unit_table

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


SPLIT_OFF_AREAS = REFERENCE_DIR / "split_off_areas.toml"
SCOPE_FLAG = "region_scope_unclear"
"""The policy's flag for a unit split off from a named one (geodata.origin.SCOPE_FLAG)."""


def _split_off(place: Place) -> dict[str, Any]:
    """For a place in the area a newer unit was split off from (Taoudénit from Tombouctou):
    the unit it resolves to, as `evaluate --place` answers it, the unit the 2015 map draws it
    in, and the flag; {} for every other place."""
    from geodata.origin import area_of_place_pcode, drawn_unit_of_cercle
    from geodata.reference import unit_names

    area = area_of_place_pcode(place.pcode)
    if area is None:
        return {}
    drawn = drawn_unit_of_cercle(place.cercle_pcode)
    return {
        "unit": {"code": area.code, "name": area.name},
        "drawn_in": {"code": drawn, "name": unit_names()[drawn]},
        "flags": [SCOPE_FLAG],
    }


def _locate(args: argparse.Namespace) -> None:
    from geodata.origin import named_origin_of_point
    from geodata.places import locate
    from geodata.points import locate_point
    from geodata.reference import unit_names

    by_point = args.lon is not None or args.lat is not None
    if by_point and args.name is not None:
        raise GeodataError("give either NAME or --lon and --lat, not both")
    if by_point:
        if args.lon is None or args.lat is None:
            raise GeodataError("--lon and --lat go together")
        if args.limit is not None:
            raise GeodataError("--limit applies to a NAME lookup, not to --lon/--lat")
        location = locate_point(args.lon, args.lat)
        origin = named_origin_of_point(args.lon, args.lat)
        found = _point_json(location)
        if origin.region_code != location.unit_code:
            # A point in Taoudénit's area: answered as `evaluate --place Araouane` is.
            found["unit"] = {"code": origin.region_code, "name": unit_names()[origin.region_code]}
            found["drawn_in"] = {"code": location.unit_code, "name": location.unit_name}
            found["flags"] = [SCOPE_FLAG]
        if args.json:
            _print_json(found)
        else:
            print(
                f"lon {args.lon:g}, lat {args.lat:g}: {found['unit']['name']} "
                f"({found['unit']['code']}), cercle {location.cercle_name} "
                f"({location.cercle_pcode}){_drawn_words(found)}"
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
        _print_json([{**_place_json(place), **_split_off(place)} for place in shown])
    else:
        for place in shown:
            print(_place_line(place) + _drawn_words(_split_off(place)))
        if hidden > 0:
            print(f"… {hidden} more (use --limit)")
        print(ATTRIBUTION)


def _drawn_words(found: dict[str, Any]) -> str:
    """The note on a place or point the 2015 map draws inside another unit (Taoudénit)."""
    if "drawn_in" not in found:
        return ""
    drawn = found["drawn_in"]
    return (
        f"; resolves to {found['unit']['name']} ({found['unit']['code']}), drawn inside "
        f"{drawn['name']} ({drawn['code']}) on the 2015 map; flag: {', '.join(found['flags'])} "
        f"(C7/23 Vc names {drawn['name']}, not {found['unit']['name']})"
    )


def _locate_points(source: Path, output: Path, raw: bool) -> None:
    import tomllib

    import numpy as np

    from geodata.point_csv import ADDED_COLUMNS, read_points, use_lean_memory_pool, write_points
    from geodata.point_index import cercle_index

    use_lean_memory_pool()
    points = read_points(source)
    index = cercle_index()
    positions, valid = index.positions(points.lons, points.lats)
    picks = positions % (len(index.pcodes) + 1)  # -1 (no cercle) picks the last label, ""
    # A point in Taoudénit's area gets Taoudénit and the flag, as `evaluate --place` does.
    cercles = np.asarray((*index.pcodes, ""), dtype=object)[picks]
    with SPLIT_OFF_AREAS.open("rb") as handle:
        areas = tomllib.load(handle)
    area_picks = np.full(len(picks), -1, dtype=np.int64)
    if np.isin(cercles, [area["cercle"] for area in areas.values()]).any():
        # Only then the places table (and pandas) is loaded: most files never need it.
        from geodata.origin import split_off_picks

        area_picks = split_off_picks(points.lons, points.lats, cercles)
    unit_picks = np.where(area_picks >= 0, len(index.pcodes) + 1 + area_picks, picks)
    added = [
        (ADDED_COLUMNS[0], (*index.unit_codes, "", *areas), unit_picks),
        (ADDED_COLUMNS[1], (*index.pcodes, ""), picks),
        (ADDED_COLUMNS[2], ("", SCOPE_FLAG), (area_picks >= 0).astype(np.int64)),
    ]
    try:
        write_points(output, points, added, raw)
    except OSError as error:
        raise GeodataError(f"{output}: cannot write ({error.strerror})") from None
    located = int((positions >= 0).sum())
    invalid = int((~valid).sum())
    outside = len(positions) - located - invalid
    print(
        f"{output}: {len(positions)} rows: {located} located, {outside} outside Mali, "
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
        _locate_points(args.points, args.output, args.raw_csv)
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
