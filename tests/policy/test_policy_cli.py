"""The command line contract: output shapes, exit status 2 and one line on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from policy import Outcome
from policy.cli import main
from policy.data_files import EXAMPLES_DIR

EXAMPLE = EXAMPLES_DIR / "synthetic-caseload.csv"


def test_evaluate_json_contract(capsys) -> None:
    assert (
        main(["evaluate", "--region", "Ménaka", "--individual-elements", "limited", "--json"]) == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert {"policy", "region", "gradation", "outcome", "ipa_applies", "flags", "steps"} <= set(
        data
    )
    assert data["region"]["code"] == "ML-9" and data["region"]["name"] == "Ménaka"
    # 15(c) rests partly on individual elements: both readings of the IPA sentence's "enkel".
    assert data["outcome"] == "undetermined"
    readings = {r["reading"]: r["outcome"] for r in data["alternative_readings"]}
    assert readings == {
        "ipa_covers": "internal_protection_alternative",
        "ipa_not_covers": "subsidiary_protection_15c",
    }
    assert data["policy"] == "WBV 2025/11" and data["policy_modified"] is False
    assert all(step["citation"] and step["source_text"] for step in data["steps"])


def test_regions_json_lists_eleven_units(capsys) -> None:
    assert main(["regions", "--json", "--policy", "c7-23-before-wbv-2025-11"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["regions"]) == 11
    assert {r["code"] for r in data["regions"] if r["gradation"] == "exceptional"} == {
        "ML-5",
        "ML-7",
        "ML-9",
    }


@pytest.mark.parametrize(
    "argv",
    [
        ["evaluate", "--region", "Atlantis"],
        ["evaluate", "--region", "Gao", "--individual-elements", "many"],
        ["evaluate", "--region", "Gao", "--policy", "WBV 1900/1"],
        ["evaluate"],
        ["validate", "no-such-file.toml"],
        ["batch", "no-such.csv", "-o", "out.csv"],
    ],
)
def test_bad_input_exits_2_with_one_line(argv, capsys) -> None:
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1
    assert captured.err.startswith("python -m policy: ")


def _run(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "policy", *argv],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )


def _shifted(tmp_path: Path) -> Path:
    path = tmp_path / "shifted.csv"
    path.write_text("region,persecution\nGao,false\nKayes,Gao,true\n", encoding="utf-8")
    return path


def _short(tmp_path: Path) -> Path:
    path = tmp_path / "short.csv"
    path.write_text("region,persecution\nGao,false\nKidal\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("make_argv", "expected"),
    [
        (lambda tmp: ["evaluate", "--region", "Gao", "--bogus"], "unrecognized arguments"),
        (lambda tmp: ["frobnicate"], "invalid choice: 'frobnicate'"),
        (lambda tmp: ["batch", str(tmp), "-o", str(tmp / "o.csv")], "cannot read"),
        (lambda tmp: ["validate", str(tmp)], "cannot read"),
        (
            lambda tmp: ["batch", str(EXAMPLE), "-o", str(tmp / "none" / "o.csv")],
            "cannot write (",
        ),
        (
            lambda tmp: ["batch", str(_shifted(tmp)), "-o", str(tmp / "o.csv")],
            "line 3: 3 fields where the header has 2",
        ),
        (
            lambda tmp: ["batch", str(_short(tmp)), "-o", str(tmp / "o.csv")],
            "line 3: 1 field where the header has 2",
        ),
    ],
    ids=[
        "unknown-option",
        "unknown-command",
        "dir-input",
        "dir-policy",
        "unwritable",
        "shifted",
        "short",
    ],
)
def test_bad_files_and_arguments_exit_2_with_one_line_and_no_traceback(
    make_argv, expected, tmp_path: Path
) -> None:
    done = _run(*make_argv(tmp_path))
    assert done.returncode == 2
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("python -m policy: "), done.stderr
    assert expected in lines[0]
    assert "(None)" not in lines[0]


def test_batch_on_the_example_caseload(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    assert main(["batch", str(EXAMPLE), "-o", str(out)]) == 0
    result = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert len(result) == len(pd.read_csv(EXAMPLE))
    assert set(result["outcome"]) <= {outcome.value for outcome in Outcome}
    # Taoudénit's cases depend on a reading the text leaves open: never a default.
    taoudenit = result[result["region_code"] == "ML-10"]
    assert not taoudenit.empty
    assert all("region_scope_unclear" in flags for flags in taoudenit["flags"])


def test_batch_bad_cell_names_file_row_and_column(tmp_path: Path, capsys) -> None:
    cases = tmp_path / "cases.csv"
    cases.write_text("region,persecution\nGao,false\nKidal,maybe\n", encoding="utf-8")
    assert main(["batch", str(cases), "-o", str(tmp_path / "o.csv")]) == 2
    err = capsys.readouterr().err
    assert f"{cases}: line 3, column persecution: 'maybe' is not true/false" in err


def test_validate_prints_every_problem_in_the_same_style(tmp_path: Path, capsys) -> None:
    text = (EXAMPLE.parents[1] / "versions" / "wbv-2025-11.toml").read_text(encoding="utf-8")
    text = text.replace('name = "Ségou"', 'name = "Timbuktu"').replace('title = "', 'titel = "', 1)
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) >= 2 and all(line.startswith("python -m policy: ") for line in lines)


def test_module_entry_point_runs_without_traceback() -> None:
    done = _run("evaluate", "--region", "Bougouni")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "Sikasso" in done.stderr


def _header_only(tmp_path: Path) -> Path:
    path = tmp_path / "header-only.csv"
    path.write_text("case_id,region,persecution\n", encoding="utf-8")
    return path


def test_batch_on_a_header_only_csv_writes_a_header_only_result(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    done = _run("batch", str(_header_only(tmp_path)), "-o", str(out))
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert out.read_text(encoding="utf-8").splitlines() == [
        "case_id,region,persecution,policy,region_code,region_name,region_mapped_from,"
        "gradation,outcome,ipa_applies,flags,missing_values,marks"
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("Caf\xe9 = 1\n".encode("latin-1"), "line 1: not UTF-8 text (byte 0xe9)"),
        (bytes(range(256)), "not UTF-8 text"),
        (b"a = " + b"[" * 3000 + b"]" * 3000 + b"\n", "nested too deeply"),
    ],
    ids=["latin-1", "binary", "deep"],
)
def test_validate_on_a_file_that_is_not_utf8_toml_says_so_in_one_line(
    content: bytes, expected: str, tmp_path: Path
) -> None:
    path = tmp_path / "version.toml"
    path.write_bytes(content)
    done = _run("validate", str(path))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], done.stderr


@pytest.mark.parametrize(
    "argv",
    [
        ["evaluate", "--region", "x" * 5000],
        ["evaluate", "--region", "Gao", "--policy", "y" * 5000],
        ["evaluate", "--region", "Gao", "--individual-elements", "z" * 5000],
    ],
    ids=["region", "policy", "elements"],
)
def test_a_long_input_is_not_echoed_in_full(argv, capsys) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and len(err) < 500


def test_batch_output_is_spreadsheet_safe_and_raw_csv_keeps_the_text(tmp_path: Path) -> None:
    cases = tmp_path / "cases.csv"
    cases.write_text('case_id,region\n=cmd|"/c calc"!A1,Gao\n-2,Kidal\n', encoding="utf-8")
    safe, raw = tmp_path / "safe.csv", tmp_path / "raw.csv"
    assert main(["batch", str(cases), "-o", str(safe)]) == 0
    assert main(["batch", str(cases), "-o", str(raw), "--raw-csv"]) == 0
    read = {"dtype": str, "keep_default_na": False}
    assert pd.read_csv(safe, **read)["case_id"].tolist() == ['\'=cmd|"/c calc"!A1', "-2"]
    assert pd.read_csv(raw, **read)["case_id"].tolist() == ['=cmd|"/c calc"!A1', "-2"]


def test_batch_reports_a_bad_cell_after_blank_lines_on_the_line_an_editor_shows(
    tmp_path: Path,
) -> None:
    cases = tmp_path / "cases.csv"
    cases.write_text("region,persecution\n\nGao,0\n\n\nKidal,maybe\n", encoding="utf-8")
    done = _run("batch", str(cases), "-o", str(tmp_path / "o.csv"))
    assert done.returncode == 2 and "ParserWarning" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        f"python -m policy: {cases}: line 6, column persecution: 'maybe' is not true/false"
    ]
    assert not (tmp_path / "o.csv").exists()
