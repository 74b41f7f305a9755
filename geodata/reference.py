"""The two small hand-kept tables geodata is built from: how to draw the units, and the exonyms.

The units themselves (ISO 3166-2 code and official name with accents) are the policy package's
one table (`policy/region_names.toml`, `[units]`, read through `policy.data_files`); geodata does
not keep a second copy. `reference/units.csv` says, for each of those codes, the source P-code
the unit is built from, whether it can be drawn, and a note saying why or how; it must list
exactly the policy's units. A unit whose P-code is a cercle
(`ML0704`) is that cercle; a unit whose P-code is a region takes the region's other cercles.
`reference/exonyms.csv` maps English names of the big towns (Timbuktu) to the source's place.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from geodata.errors import DataFileError
from geodata.provenance import REFERENCE_DIR
from policy.data_files import official_units

UNITS_CSV = REFERENCE_DIR / "units.csv"
EXONYMS_CSV = REFERENCE_DIR / "exonyms.csv"

UNIT_COLUMNS = ("code", "source_pcode", "drawn", "note")
EXONYM_COLUMNS = ("exonym", "place_pcode", "place_name")


@dataclass(frozen=True)
class UnitSpec:
    """One policy unit: code and name (policy's table) and how `reference/units.csv` draws it."""

    code: str
    name: str
    source_pcode: str
    drawn: bool
    note: str

    @property
    def is_cercle(self) -> bool:
        """True when the unit is one source cercle (P-code ML + 4 digits), not a region."""
        return len(self.source_pcode) == 6


@dataclass(frozen=True)
class Exonym:
    """Another name of a source place, e.g. Timbuktu for the place ML060000000 (Tombouctou)."""

    exonym: str
    place_pcode: str
    place_name: str


def _read_rows(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if tuple(reader.fieldnames or ()) != columns:
                raise DataFileError(
                    f"{path}: header must be {','.join(columns)}, "
                    f"found {','.join(reader.fieldnames or ())}"
                )
            return [(number, row) for number, row in enumerate(reader, start=2)]
    except OSError as error:
        raise DataFileError(f"{path}: cannot read ({error.strerror})") from None


@cache
def unit_specs(path: Path = UNITS_CSV) -> tuple[UnitSpec, ...]:
    """The units in file order; DataFileError naming the row for a malformed one."""
    names = official_units()
    specs: list[UnitSpec] = []
    for number, row in _read_rows(path, UNIT_COLUMNS):
        where = f"{path}, row {number}"
        if any(value is None for value in row.values()) or None in row:
            raise DataFileError(f"{where}: expected {len(UNIT_COLUMNS)} fields")
        drawn_text = row["drawn"].strip()
        if drawn_text not in ("true", "false"):
            raise DataFileError(f"{where}, field drawn: must be true or false, not {drawn_text!r}")
        spec = UnitSpec(
            code=row["code"].strip(),
            name=names.get(row["code"].strip(), ""),
            source_pcode=row["source_pcode"].strip(),
            drawn=drawn_text == "true",
            note=row["note"].strip(),
        )
        if spec.code not in names:
            raise DataFileError(
                f"{where}, field code: {spec.code!r} is not a unit of the policy's table "
                f"(policy/region_names.toml: {', '.join(names)})"
            )
        if not spec.note:
            raise DataFileError(f"{where}, field note: required")
        if spec.drawn and len(spec.source_pcode) not in (4, 6):
            raise DataFileError(f"{where}, field source_pcode: a drawn unit needs a P-code")
        if not spec.drawn and spec.source_pcode:
            raise DataFileError(f"{where}, field source_pcode: an undrawn unit has no P-code")
        if spec.code in {known.code for known in specs}:
            raise DataFileError(f"{where}, field code: {spec.code} is listed twice")
        specs.append(spec)
    missing = [code for code in names if code not in {spec.code for spec in specs}]
    if missing:
        raise DataFileError(f"{path}: no row for the unit(s) {', '.join(missing)}")
    return tuple(specs)


def unit_names() -> dict[str, str]:
    """ISO code -> ISO name of every unit, drawn or not."""
    return {spec.code: spec.name for spec in unit_specs()}


@cache
def exonyms(path: Path = EXONYMS_CSV) -> tuple[Exonym, ...]:
    """The exonyms in file order; DataFileError naming the row for a malformed one."""
    rows = []
    for number, row in _read_rows(path, EXONYM_COLUMNS):
        if any(not (value or "").strip() for value in row.values()) or None in row:
            raise DataFileError(f"{path}, row {number}: exonym, place_pcode, place_name required")
        rows.append(Exonym(row["exonym"].strip(), row["place_pcode"].strip(), row["place_name"]))
    return tuple(rows)


def assign_units(cercles: list[tuple[str, str]]) -> dict[str, str]:
    """Cercle P-code -> unit code, for (cercle P-code, region P-code) pairs from the source.

    A cercle-level unit (Ménaka, ML0704) claims its cercle; every other cercle belongs to the
    unit built from its region. DataFileError when a cercle would get no unit, or a unit's
    P-code names nothing in the source.
    """
    by_cercle = {spec.source_pcode: spec.code for spec in unit_specs() if spec.is_cercle}
    by_region = {
        spec.source_pcode: spec.code for spec in unit_specs() if spec.drawn and not spec.is_cercle
    }
    assignment = {}
    for cercle_pcode, region_pcode in cercles:
        code = by_cercle.get(cercle_pcode) or by_region.get(region_pcode)
        if code is None:
            raise DataFileError(
                f"{UNITS_CSV}: no unit for cercle {cercle_pcode} of region {region_pcode}"
            )
        assignment[cercle_pcode] = code
    unused = sorted({*by_cercle.values(), *by_region.values()} - set(assignment.values()))
    if unused:
        raise DataFileError(f"{UNITS_CSV}: units with no cercle in the source: {', '.join(unused)}")
    return assignment
