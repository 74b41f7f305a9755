"""The `python -m geodata` contract (issue 4, point 6), run as a user runs it."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from geodata import ATTRIBUTION
from geodata.build import PLACES_FILE, UNITS_FILE
from geodata.provenance import DATA_DIR

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "geodata", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0]


def test_build_writes_the_committed_files_into_a_chosen_folder(tmp_path: Path) -> None:
    result = run("build", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "units.geojson" in result.stdout
    for name in (UNITS_FILE, PLACES_FILE):
        assert (tmp_path / name).read_bytes() == (DATA_DIR / name).read_bytes()


def test_units_json_lists_all_eleven_units() -> None:
    result = run("units", "--json")
    assert result.returncode == 0, result.stderr
    units = {unit["code"]: unit for unit in json.loads(result.stdout)}
    assert len(units) == 11
    assert units["ML-9"]["name"] == "Ménaka" and units["ML-9"]["pcode"] == "ML0704"
    assert units["ML-10"]["drawn"] is False and units["ML-10"]["area_km2"] is None
    assert "Tombouctou" in units["ML-10"]["note"]


def test_units_table_credits_the_data() -> None:
    result = run("units")
    assert result.returncode == 0
    assert "Taoudénit" in result.stdout and ATTRIBUTION in result.stdout


def test_locate_name_json_has_the_documented_keys() -> None:
    result = run("locate", "Timbuktu", "--json", "--limit", "3")
    assert result.returncode == 0, result.stderr
    places = json.loads(result.stdout)
    assert 1 <= len(places) <= 3
    best = places[0]
    assert {"name", "class", "unit", "cercle", "lon", "lat"} <= set(best)
    assert best["name"] == "Tombouctou" and best["class"] == 2
    assert best["unit"] == {"code": "ML-6", "name": "Tombouctou"}
    assert best["cercle"] == {"pcode": "ML0601", "name": "Tombouctou"}
    assert isinstance(best["lon"], float) and isinstance(best["lat"], float)


def test_locate_name_text_names_unit_and_cercle() -> None:
    result = run("locate", "Andéramboukane")
    assert result.returncode == 0
    first = result.stdout.splitlines()[0]
    assert "Ménaka (ML-9)" in first and "ML0704" in first


def test_locate_point_json() -> None:
    result = run("locate", "--lon", "-8.0", "--lat", "12.64", "--json")
    assert result.returncode == 0, result.stderr
    location = json.loads(result.stdout)
    assert location["unit"] == {"code": "ML-BKO", "name": "Bamako"}
    assert location["cercle"] == {"pcode": "ML0901", "name": "Bamako"}


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("locate", "Xqzzyv"), ("Xqzzyv", "closest names")),
        (("locate", "--lon", "0", "--lat", "0"), ("outside Mali",)),
        (("locate", "--lon", "-8"), ("--lat",)),
        (("locate", "Gao", "--lon", "-8", "--lat", "12"), ("not both",)),
        (("locate",), ("NAME",)),
        (("locate", "Gao", "--limit", "0"), ("limit",)),
        (("locate", "Gao", "--limit", "many"), ("--limit",)),
        (("nonsense",), ("invalid choice",)),
        (("locate-points", "missing.csv", "-o", "out.csv"), ("missing.csv",)),
        (("locate-points", "points.csv"), ("-o",)),
    ],
)
def test_bad_input_exits_2_with_one_line(args: tuple[str, ...], words: tuple[str, ...]) -> None:
    assert_one_line_error(run(*args), *words)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_locate_points_adds_unit_and_cercle_columns(tmp_path: Path) -> None:
    points = write(
        tmp_path / "points.csv",
        'case,lon,lat,remark\nA-1,-8.0,12.64,"Bamako, centre"\nA-2,0,0,sea\nA-3,2.4,15.92,\n',
    )
    out = tmp_path / "out.csv"
    result = run("locate-points", str(points), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "2 of 3 points located" in result.stdout
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0])[:4] == ["case", "lon", "lat", "remark"]
    assert {"unit_code", "cercle_pcode"} <= set(rows[0])
    assert (rows[0]["unit_code"], rows[0]["cercle_pcode"], rows[0]["remark"]) == (
        "ML-BKO",
        "ML0901",
        "Bamako, centre",
    )
    assert (rows[1]["unit_code"], rows[1]["cercle_pcode"], rows[1]["reason"]) == (
        "",
        "",
        "outside Mali",
    )
    assert rows[2]["unit_code"] == "ML-9"


def test_locate_points_keeps_a_semicolon_delimiter(tmp_path: Path) -> None:
    points = write(tmp_path / "points.csv", "\ufefflon;lat\n-3.0;16.77\n")
    out = tmp_path / "out.csv"
    assert run("locate-points", str(points), "-o", str(out)).returncode == 0
    assert out.read_text(encoding="utf-8").splitlines()[1].startswith("-3.0;16.77;ML-6;")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("lng,lat\n1,2\n", ("no column lon",)),
        ("lon,lat\n-8,12.6\nwest,12\n", ("line 3", "field lon", "'west'")),
        ("lon,lat\n-8,\n", ("line 2", "field lat")),
        ("lon,lat\n-8,12,9\n", ("line 2", "more fields")),
        ("lon,lat,unit_code\n-8,12,x\n", ("already has the output column unit_code",)),
    ],
)
def test_locate_points_rejects_a_broken_csv_naming_row_and_field(
    tmp_path: Path, text: str, words: tuple[str, ...]
) -> None:
    points = write(tmp_path / "points.csv", text)
    result = run("locate-points", str(points), "-o", str(tmp_path / "out.csv"))
    assert_one_line_error(result, "points.csv", *words)
    assert not (tmp_path / "out.csv").exists()
