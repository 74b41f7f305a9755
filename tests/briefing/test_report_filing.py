"""The case PDF is filed like the memo: the same filing block (status, signature date, entry
into force as an inference, the letter's kenmerk, product and data version, the optional case
reference and author) and the same "Geen bijzonderheden" checklist, from `policy.memo_header`;
and a scenario's PDF opens its outcome line with the scenario mark naming its title."""

from __future__ import annotations

import subprocess

import pytest

from briefing import case_report
from policy import Case, evaluate, load_version
from policy.memo_header import case_rows, checklist_for, filing_rows
from policy.scenario import scenario_from_data
from wording import phrases


def _text(data: bytes, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_pdf_carries_the_memo_filing_block_and_checklist(tmp_path, lang) -> None:
    decision = evaluate(Case(region="Gao"), load_version())
    data = case_report(decision, "pdf", lang, case_ref="Z-2026/17", author="J. Jansen")
    text = _text(data, tmp_path)
    rows = filing_rows(decision.policy_id, lang) + case_rows("Z-2026/17", "J. Jansen", lang)
    assert len(rows) == 5
    for label, value in rows:
        assert " ".join(f"{label}: {value}".split()) in text
    if lang == "nl":
        assert "intern hulpmiddel, geen advies of besluit" in text
        assert "in werking niet vóór 18 juni 2025 (afgeleid" in text
        assert "kenmerk 6392691" in text
    checklist = checklist_for(decision.policy_id, lang, short=True)
    assert len(checklist) == 6
    for item in checklist:
        assert " ".join(item.split()) in text
    # The memo (Markdown report) files the same rows.
    memo = case_report(decision, "md", lang, case_ref="Z-2026/17", author="J. Jansen").decode()
    for label, _ in rows:
        assert f"- **{label}:**" in memo


def test_the_pdf_without_case_reference_or_author_has_no_empty_rows(tmp_path) -> None:
    decision = evaluate(Case(region="Gao"), load_version())
    text = _text(case_report(decision, "pdf", "nl"), tmp_path)
    for label, _ in case_rows("x", "y", "nl"):
        assert f"{label}:" not in text


SCENARIO = {
    "scenario": 1,
    "base": "WBV 2025/11",
    "title": "Ménaka *weer* hoog_",
    "changes": [{"region": "ML-9", "gradation": "exceptional", "rationale": "r"}],
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_scenario_pdf_and_report_open_with_the_titled_mark(tmp_path, lang) -> None:
    scenario = scenario_from_data(SCENARIO)
    decision = evaluate(Case(region="Ménaka"), scenario.apply())
    text = _text(case_report(decision, "pdf", lang, scenario=scenario), tmp_path)
    mark = phrases.scenario_mark(lang, scenario.title)
    assert "«Ménaka *weer* hoog_»" in mark
    assert f": [{mark}" in text
    # The Markdown report escapes the title as Markdown (the user wrote it).
    memo = case_report(decision, "md", lang, scenario=scenario).decode()
    assert "«Ménaka \\*weer\\* hoog\\_»" in memo.splitlines()[2]


def test_the_command_line_files_case_reference_and_author(tmp_path) -> None:
    from briefing.cli import main

    out = tmp_path / "case.md"
    argv = ["case", "--region", "Gao", "--case-ref", "Z-9 *x*", "--author", "A. B.", "-o"]
    assert main([*argv, str(out)]) == 0
    memo = out.read_text(encoding="utf-8")
    assert "- **Zaakkenmerk:** Z-9 \\*x\\*" in memo
    assert "- **Opgesteld door:** A. B." in memo
