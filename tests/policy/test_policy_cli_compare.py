"""`python -m policy diff`, `caseload` and `--scenario`: output contracts and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from policy.cli import main
from policy.data_files import EXAMPLES_DIR

CASES = str(EXAMPLES_DIR / "synthetic-caseload.csv")
SCENARIO = str(EXAMPLES_DIR / "scenario-menaka-exceptional.json")


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    status = main(argv)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def bad_scenario(tmp_path: Path, **fields) -> str:
    data = json.loads(Path(SCENARIO).read_text(encoding="utf-8"))
    data.update(fields)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_diff_json_contract(capsys) -> None:
    status, out, _ = run(["diff", "c7-23-before-wbv-2025-11", "WBV 2025/11", "--json"], capsys)
    assert status == 0
    changes = json.loads(out)
    assert len(changes) == 20
    keys = {"code", "name", "field", "from", "to", "change", "from_citation", "to_citation"}
    keys |= {"from_possible", "to_possible"}  # the levels left possible where "unknown"
    assert all(set(c) == keys for c in changes)
    menaka = next(c for c in changes if c["code"] == "ML-9" and c["field"] == "gradation")
    assert (menaka["from"], menaka["to"], menaka["change"]) == (
        "exceptional",
        "relatively_higher",
        "lowered",
    )
    assert menaka["to_citation"]["paragraph"] == "C7/23.4.2 Vc"
    assert "Gao, Ménaka en Mopti" in menaka["from_citation"]["text_nl"]


def test_diff_text_names_regions_and_both_citations(capsys) -> None:
    status, out, _ = run(["diff", "c7-23-before-wbv-2025-11", "wbv-2025-11"], capsys)
    assert status == 0
    assert out.startswith("C7/23 Vc before WBV 2025/11 → WBV 2025/11: 20 change(s) in 11")
    assert "Ménaka      gradation    exceptional → relatively_higher: lowered" in out
    assert "from: Kamerbrief 17 juni 2025" in out and "to:   C7/23.4.2 Vc" in out


def test_caseload_answers_the_question(capsys) -> None:
    status, out, _ = run(["caseload", CASES, "--scenario", SCENARIO], capsys)
    assert status == 0
    assert "15 of 200 cases change outcome." in out
    assert "other: WBV 2025/11 with what-if scenario “Ménaka back to exceptional”" in out
    assert "row 13 SYN-0013 Ménaka (ML-9): no_protection_ground → " in out


def test_caseload_json_and_changed_csv(tmp_path: Path, capsys) -> None:
    output = tmp_path / "changed.csv"
    status, out, _ = run(
        ["caseload", CASES, "--scenario", SCENARIO, "--json", "-o", str(output)], capsys
    )
    assert status == 0
    data = json.loads(out)
    assert data["changed_count"] == 15 and data["total"] == 200
    assert data["no_longer_undetermined_count"] == 2 and data["became_undetermined_count"] == 0
    assert data["other"] == {"policy": "WBV 2025/11", "policy_modified": True}
    assert data["scenario"]["changed_regions"] == ["ML-9"]
    written = pd.read_csv(output, dtype=str, keep_default_na=False)
    assert len(written) == 17  # every case whose outcome differs, also from undetermined
    assert written.columns[:5].tolist() == [
        "row", "region_code", "region_name", "outcome_from", "outcome_to",
    ]  # fmt: skip
    assert written["row"].tolist() == [str(c["row"]) for c in data["changed"]]
    # The file travels alone: every row says it is a scenario, never the law.
    assert set(written["scenario"]) == {"Ménaka back to exceptional"}


def test_caseload_compares_two_versions(capsys) -> None:
    status, out, _ = run(
        ["caseload", CASES, "--policy", "c7-23-before-wbv-2025-11", "--compare", "WBV 2025/11"],
        capsys,
    )
    assert status == 0
    assert "base:  C7/23 Vc before WBV 2025/11" in out and "other: WBV 2025/11" in out


def test_evaluate_with_scenario_json(capsys) -> None:
    status, out, _ = run(
        ["evaluate", "--region", "Ménaka", "--scenario", SCENARIO, "--json"], capsys
    )
    assert status == 0
    data = json.loads(out)
    assert data["policy"] == "WBV 2025/11" and data["policy_modified"] is True
    assert "what_if" in data["flags"]
    assert data["gradation"] == "exceptional"
    assert data["outcome"] == "internal_protection_alternative"
    assert data["scenario"]["title"] == "Ménaka back to exceptional"
    assert data["scenario"]["changed_regions"] == ["ML-9"]


def test_evaluate_with_scenario_memo_says_it_is_not_the_law(capsys) -> None:
    status, out, _ = run(
        ["evaluate", "--region", "ML-9", "--scenario", SCENARIO, "--lang", "nl"], capsys
    )
    assert status == 0
    assert out.startswith(
        "> **Wat-als-scenario “Ménaka back to exceptional” op "
        "C7/23 Vc zoals gewijzigd bij WBV 2025/11"
    )
    assert "(gewijzigd: wat-als)" in out


def test_batch_with_scenario(tmp_path: Path, capsys) -> None:
    output = tmp_path / "out.csv"
    status, out, _ = run(["batch", CASES, "-o", str(output), "--scenario", SCENARIO], capsys)
    assert status == 0
    assert "with what-if scenario “Ménaka back to exceptional” (changes ML-9)" in out
    result = pd.read_csv(output, dtype=str, keep_default_na=False)
    assert set(result["policy"]) == {"WBV 2025/11"}
    assert result["flags"].str.contains("what_if").all()
    assert set(result.loc[result["region_code"] == "ML-9", "gradation"]) == {"exceptional"}


@pytest.mark.parametrize("command", ["evaluate", "batch", "caseload"])
@pytest.mark.parametrize(
    "fields, message",
    [
        ({"title": "<script>alert(1)</script>"}, "bad.json: title: must not contain '<'"),
        ({"base": "WBV 1900/1"}, "bad.json: base: unknown policy version"),
        ({"changes": [{"region": "Atlantis", "gradation": "exceptional", "rationale": "r"}]},
         "bad.json: changes[0].region: unknown region 'Atlantis'"),
        ({"scenario": "one"}, "bad.json: scenario: must be 1"),
    ],
)  # fmt: skip
def test_bad_scenario_exits_2_with_one_line(command, fields, message, tmp_path, capsys) -> None:
    path = bad_scenario(tmp_path, **fields)
    argv = {
        "evaluate": ["evaluate", "--region", "Gao", "--scenario", path],
        "batch": ["batch", CASES, "-o", str(tmp_path / "o.csv"), "--scenario", path],
        "caseload": ["caseload", CASES, "--scenario", path],
    }[command]
    status, out, err = run(argv, capsys)
    assert status == 2 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert err.startswith(f"python -m policy: {path.rsplit('/', 1)[0]}/{message}")
    assert not (tmp_path / "o.csv").exists()


@pytest.mark.parametrize(
    "argv",
    [
        ["diff", "WBV 2025/11"],
        ["diff", "WBV 2025/11", "WBV 1900/1"],
        ["caseload", CASES],
        ["caseload", CASES, "--scenario", SCENARIO, "--compare", "WBV 2025/11"],
        ["caseload", CASES, "--scenario", SCENARIO, "--policy", "c7-23-before-wbv-2025-11"],
        ["caseload", "no-such.csv", "--scenario", SCENARIO],
        ["caseload", CASES, "--scenario", "no-such.json"],
        [
            "evaluate",
            "--region",
            "Gao",
            "--scenario",
            SCENARIO,
            "--policy",
            "c7-23-before-wbv-2025-11",
        ],  # noqa: E501
    ],
)
def test_bad_input_exits_2_with_one_line(argv, capsys) -> None:
    status, out, err = run(argv, capsys)
    assert status == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("python -m policy: ")


def test_caseload_of_a_header_only_file(tmp_path: Path, capsys) -> None:
    path = tmp_path / "empty.csv"
    path.write_text("case_id,region\n", encoding="utf-8")
    status, _, err = run(["caseload", str(path), "--scenario", SCENARIO], capsys)
    assert status == 2 and "no cases" in err


def test_changed_csv_is_spreadsheet_safe(tmp_path: Path, capsys) -> None:
    cases = tmp_path / "cases.csv"
    cases.write_text("case_id,region\n=HYPERLINK(1),Ménaka\n", encoding="utf-8")
    output = tmp_path / "changed.csv"
    assert main(["caseload", str(cases), "--scenario", SCENARIO, "-o", str(output)]) == 0
    assert "'=HYPERLINK(1)" in output.read_text(encoding="utf-8")


def test_the_module_runs_as_a_program() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "policy", "diff", "WBV 2025/11", "WBV 2025/11", "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and json.loads(done.stdout) == []


def test_caseload_counts_changes_apart_from_cases_that_became_undetermined(capsys) -> None:
    """Against the earlier version most cases only become undetermined (a value its sources
    leave open): that is no change between two determinate outcomes and is counted apart."""
    status, out, _ = run(
        ["caseload", CASES, "--compare", "c7-23-before-wbv-2025-11", "--json"], capsys
    )
    assert status == 0
    data = json.loads(out)
    moved = [row for row in data["changed"] if "undetermined" not in (row["from"], row["to"])]
    assert data["changed_count"] == len(moved) > 0
    became = [row for row in data["changed"] if row["to"] == "undetermined"]
    assert data["became_undetermined_count"] == len(became) > data["changed_count"]
    assert (
        data["changed_count"]
        + data["became_undetermined_count"]
        + data["no_longer_undetermined_count"]
        == len(data["changed"])
    )
