"""The `python -m geodata` contract, run as a user runs it."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from geodata import ATTRIBUTION
from geodata.provenance import CERCLES_FILE, DATA_DIR, PLACES_FILE, UNITS_FILE

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
    for name in (UNITS_FILE, CERCLES_FILE, PLACES_FILE):
        assert (tmp_path / name).read_bytes() == (DATA_DIR / name).read_bytes(), name
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        (UNITS_FILE, CERCLES_FILE, PLACES_FILE)
    )


def test_build_into_an_unwritable_place_is_one_line(tmp_path: Path) -> None:
    assert_one_line_error(run("build", "--out", "/proc/geodata-build"), "/proc")
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert_one_line_error(run("build", "--out", str(tmp_path)), "notes.txt", "other files")
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_a_closed_pipe_ends_quietly() -> None:
    """`locate Madina --limit 2000 | head -1`: no traceback when the reader stops early."""
    process = subprocess.Popen(
        [sys.executable, "-m", "geodata", "locate", "Madina", "--limit", "2000"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read().decode("utf-8")
    process.wait(timeout=60)
    assert first.startswith(b"Madina")
    assert stderr == ""


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
    for place in places:
        assert set(place) == {"name", "class", "unit", "cercle", "lon", "lat"}
        assert set(place["unit"]) == {"code", "name"}
        assert set(place["cercle"]) == {"pcode", "name"}
    best = places[0]
    assert best["name"] == "Tombouctou" and best["class"] == 2
    assert best["unit"] == {"code": "ML-6", "name": "Tombouctou"}
    assert best["cercle"] == {"pcode": "ML0601", "name": "Tombouctou"}
    assert isinstance(best["lon"], float) and isinstance(best["lat"], float)


def test_locate_name_json_keeps_the_keys_for_fuzzy_matches_and_the_limit() -> None:
    result = run("locate", "Madina", "--json", "--limit", "60")
    assert result.returncode == 0, result.stderr
    places = json.loads(result.stdout)
    assert len(places) == 60  # 49 exact, then similar names
    assert all(set(place) == {"name", "class", "unit", "cercle", "lon", "lat"} for place in places)


def test_locate_name_text_names_unit_and_cercle() -> None:
    result = run("locate", "Andéramboukane")
    assert result.returncode == 0
    first = result.stdout.splitlines()[0]
    assert "Ménaka (ML-9)" in first and "ML0704" in first


def test_locate_point_json() -> None:
    result = run("locate", "--lon", "-8.0", "--lat", "12.64", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "unit": {"code": "ML-BKO", "name": "Bamako"},
        "cercle": {"pcode": "ML0901", "name": "Bamako"},
    }


def test_locate_text_says_how_many_more_there_are() -> None:
    result = run("locate", "Madina", "--limit", "2")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 4 and lines[0].startswith("Madina")
    total = len(__import__("geodata").locate("Madina"))
    assert lines[2] == f"… {total - 2} more (use --limit)"
    assert lines[3] == ATTRIBUTION
    assert "more (use --limit)" not in run("locate", "Tombouctou", "--limit", "500").stdout
    default = run("locate", "Madina").stdout.splitlines()
    assert len(default) == 12 and default[10] == f"… {total - 10} more (use --limit)"


def test_locate_swapped_coordinates_are_pointed_out() -> None:
    result = run("locate", "--lon", "12.64", "--lat", "-8")
    assert_one_line_error(result, "outside Mali", "did you swap lon and lat?")


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
        (("locate", "--lon", "-8", "--lat", "12.6", "--limit", "3"), ("--limit", "NAME")),
        (("locate", "x" * 500), ("closest names", "x" * 60 + "…")),
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


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_locate_points_adds_exactly_unit_code_cercle_pcode_and_flags(tmp_path: Path) -> None:
    points = write(
        tmp_path / "points.csv",
        "case,lon,lat,remark,reason,unit_name\n"
        'A-1,-8.0,12.64,"Bamako, centre",asked,mine\n'
        "A-2,0,0,sea,,\n"
        "A-3,2.4,15.92,,,\n"
        "A-4,nan,12,,,\n",
    )
    out = tmp_path / "out.csv"
    result = run("locate-points", str(points), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    summary = result.stderr.strip().splitlines()
    assert len(summary) == 1
    assert "4 rows: 2 located, 1 outside Mali, 1 invalid coordinates" in summary[0]
    assert ATTRIBUTION in summary[0]
    rows = read_rows(out)
    assert list(rows[0]) == [
        "case", "lon", "lat", "remark", "reason", "unit_name", "unit_code", "cercle_pcode", "flags"
    ]  # fmt: skip
    assert rows[0] == {
        "case": "A-1",
        "lon": "-8.0",
        "lat": "12.64",
        "remark": "Bamako, centre",
        "reason": "asked",
        "unit_name": "mine",
        "unit_code": "ML-BKO",
        "cercle_pcode": "ML0901",
        "flags": "",
    }
    assert (rows[1]["unit_code"], rows[1]["cercle_pcode"], rows[1]["remark"]) == ("", "", "sea")
    assert (rows[2]["unit_code"], rows[2]["cercle_pcode"]) == ("ML-9", "ML0704")
    assert (rows[3]["unit_code"], rows[3]["cercle_pcode"]) == ("", "")


def test_locate_points_keeps_a_semicolon_delimiter(tmp_path: Path) -> None:
    points = write(tmp_path / "points.csv", "\ufefflon;lat\n-3.0;16.77\n")
    out = tmp_path / "out.csv"
    assert run("locate-points", str(points), "-o", str(out)).returncode == 0
    assert out.read_text(encoding="utf-8").splitlines() == [
        "lon;lat;unit_code;cercle_pcode;flags",
        "-3.0;16.77;ML-6;ML0601;",
    ]


def test_locate_points_reads_lon_and_lat_in_any_case(tmp_path: Path) -> None:
    points = write(tmp_path / "points.csv", "ID,LAT,Lon\n7,12.64,-8.0\n")
    out = tmp_path / "out.csv"
    assert run("locate-points", str(points), "-o", str(out)).returncode == 0
    assert read_rows(out) == [
        {
            "ID": "7",
            "LAT": "12.64",
            "Lon": "-8.0",
            "unit_code": "ML-BKO",
            "cercle_pcode": "ML0901",
            "flags": "",
        }
    ]


# Araouane (a village of the commune of Salam, the area Taoudénit was formed from) and a point
# in the far north of that area; -3.0, 16.77 is the town of Tombouctou.
TAOUDENIT_POINTS = ((-3.22, 18.83), (-3.98, 22.68))


def test_locate_points_answers_a_point_in_taoudenits_area_as_evaluate_place_does(
    tmp_path: Path,
) -> None:
    from geodata.origin import place_origin
    from policy import Case, evaluate, load_version

    rows = "".join(f"{lon},{lat}\n" for lon, lat in TAOUDENIT_POINTS)
    points = write(tmp_path / "points.csv", "lon,lat\n" + rows + "-3.0,16.77\n")
    out = tmp_path / "out.csv"
    assert run("locate-points", str(points), "-o", str(out)).returncode == 0
    found = read_rows(out)
    decision = evaluate(Case.from_origin(place_origin("Araouane")), load_version())
    for row in found[:2]:
        assert row["unit_code"] == decision.region_code == "ML-10"
        assert row["flags"] in decision.flags
    assert (found[2]["unit_code"], found[2]["flags"]) == ("ML-6", "")


@pytest.mark.parametrize(("lon", "lat"), TAOUDENIT_POINTS)
def test_locate_a_point_in_taoudenits_area_says_taoudenit_and_flags_it(lon, lat) -> None:
    result = run("locate", "--lon", str(lon), "--lat", str(lat), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["unit"] == {"code": "ML-10", "name": "Taoudénit"}
    assert data["drawn_in"] == {"code": "ML-6", "name": "Tombouctou"}
    assert data["flags"] == ["region_scope_unclear"]
    text = run("locate", "--lon", str(lon), "--lat", str(lat)).stdout
    assert "Taoudénit (ML-10)" in text and "region_scope_unclear" in text


def test_locate_by_name_marks_a_place_in_taoudenits_area() -> None:
    result = run("locate", "Araouane", "--json", "--limit", "1")
    assert result.returncode == 0, result.stderr
    (place,) = json.loads(result.stdout)
    assert place["unit"] == {"code": "ML-10", "name": "Taoudénit"}
    assert place["flags"] == ["region_scope_unclear"]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("lng,lat\n1,2\n", ("no column lon",)),
        ("lon,lat\n-8,12.6\nwest,12\n", ("line 3", "field lon", "'west'")),
        ("lon,lat\n-8,\n", ("line 2", "field lat")),
        ("lon,lat\n-8\n", ("line 2", "field lat")),
        ("lon,lat\n-8,12,9\n", ("line 2", "more fields")),
        ("lon,lat,unit_code\n-8,12,x\n", ("already has the output column unit_code",)),
        ("lon,lat,Cercle_Pcode\n-8,12,x\n", ("already has the output column cercle_pcode",)),
        ("lon,lat,x,x\n-8,12,a,b\n", ("repeats the column x",)),
        ("lon,lat,LON\n-8,12,-8\n", ("two lon columns", "lon and LON")),
    ],
)
def test_locate_points_rejects_a_broken_csv_naming_row_and_field(
    tmp_path: Path, text: str, words: tuple[str, ...]
) -> None:
    points = write(tmp_path / "points.csv", text)
    result = run("locate-points", str(points), "-o", str(tmp_path / "out.csv"))
    assert_one_line_error(result, "points.csv", *words)
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"lon,lat,note\n-8,12," + b"x" * 131_073 + b"\n", ("line 2", "field note", "131,072")),
        (b"lon,lat\n-8,12\n\x00\xff\xfe\x81,12\n", ("not UTF-8",)),
        (b"\x89PNG\r\n\x1a\n\x00\x00", ("not UTF-8",)),
        (b"", ("no column lon",)),
        (b'lon,lat\n-8,"x\n', ("line 2", "field lat")),
    ],
)
def test_locate_points_bad_files_exit_2_with_one_line(
    tmp_path: Path, data: bytes, words: tuple[str, ...]
) -> None:
    points = tmp_path / "points.csv"
    points.write_bytes(data)
    result = run("locate-points", str(points), "-o", str(tmp_path / "out.csv"))
    assert_one_line_error(result, "points.csv", *words)
    assert not (tmp_path / "out.csv").exists()


def test_locate_points_neutralises_formulas_unless_raw_csv(tmp_path: Path) -> None:
    points = write(tmp_path / "points.csv", "case,lon,lat\n=cmd|'/c calc'!A1,-8.0,12.64\n")
    out = tmp_path / "out.csv"
    assert run("locate-points", str(points), "-o", str(out)).returncode == 0
    assert out.read_text(encoding="utf-8").splitlines()[1] == (
        "'=cmd|'/c calc'!A1,-8.0,12.64,ML-BKO,ML0901,"
    )
    assert run("locate-points", str(points), "-o", str(out), "--raw-csv").returncode == 0
    assert out.read_text(encoding="utf-8").splitlines()[1] == (
        "=cmd|'/c calc'!A1,-8.0,12.64,ML-BKO,ML0901,"
    )


def test_locate_points_loads_neither_pandas_nor_geopandas(tmp_path: Path) -> None:
    """Start-up cost and memory: the command needs pyarrow, numpy and shapely only."""
    points = write(tmp_path / "points.csv", "lon,lat,note\n-8.0,12.64,=x\n")
    argv = ["geodata", "locate-points", str(points), "-o", str(tmp_path / "o.csv")]
    script = (
        "import runpy, sys\n"
        f"sys.argv = {argv!r}\n"
        "try:\n"
        "    runpy.run_module('geodata', run_name='__main__')\n"
        "except SystemExit as end:\n"
        "    assert end.code == 0, end.code\n"
        "heavy = ('pandas', 'geopandas', 'pyogrio')\n"
        "print(sorted(name for name in sys.modules if name in heavy))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
