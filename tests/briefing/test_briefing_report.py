"""The case report: a PDF with outcome, citations, source texts and disclaimer, on one page where
it fits at a legible size, else on numbered pages; the memo."""

from __future__ import annotations

import re
import subprocess

import pytest

from briefing import BriefingError, case_report
from policy import Case, evaluate
from wording import phrases


def _pdf(data: bytes, tmp_path) -> tuple[str, str]:
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    # Each page's foot ("… — pagina 1 van 2") is read apart from the text it interrupts.
    feet = [line for line in text.splitlines() if FOOT.search(line)]
    body = [line for line in text.splitlines() if not FOOT.search(line)]
    return " ".join([*" ".join(body).split(), *feet]), info.stdout


FOOT = re.compile(r" — (pagina|page) \d+ (van|of) \d+$")


CASES = [
    Case(region="Ménaka", individual_elements="limited", exclusion_indications=True),
    Case(region="Kayes", persecution=True),
    Case(region="Bandiagara", ipa_obstacles=True, individual_elements="substantial"),
]


def _smallest_text_pt(data: bytes, tmp_path) -> float:
    """The smallest font size in the PDF, from the height of each word's box (DejaVu Sans:
    ascent plus descent is 1.164 times the size)."""
    path = tmp_path / "sized.pdf"
    path.write_bytes(data)
    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    heights = [
        float(y_max) - float(y_min)
        for y_min, y_max in re.findall(r'<word [^>]*yMin="([\d.]+)" [^>]*yMax="([\d.]+)"', boxes)
    ]
    return min(heights) / 1.164


def _pages(info: str) -> int:
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.region)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_pdf_has_outcome_every_citation_and_the_disclaimer_on_numbered_pages(
    in_force, today, tmp_path, case, lang
) -> None:
    decision = evaluate(case, in_force)
    data = case_report(decision, "pdf", lang, today=today)
    text, info = _pdf(data, tmp_path)
    pages = _pages(info)
    word = "pagina" if lang == "nl" else "page"
    for page in range(1, pages + 1):
        assert f"{word} {page} van {pages}" in text or f"{word} {page} of {pages}" in text
    # Never printed too small to read: the body at 9 pt or more, quotes and foot at 8 pt.
    assert _smallest_text_pt(data, tmp_path) >= 7.9
    # The outcome line is the decision's headline, marks and all, as on the page and the memo.
    assert f"{'Uitkomst' if lang == 'nl' else 'Outcome'}: {decision.headline(lang)}" in text
    for step in decision.steps:
        assert " ".join(step.citation.split()) in text, step.citation
        assert " ".join(step.source_text.split()) in text, step.source_text
    assert decision.disclaimer(lang) in text
    assert phrases.date(today, lang) in text and today.isoformat() not in text
    assert in_force.label(lang) in text


def test_pdf_renders_accents_and_the_typographic_apostrophe(
    in_force, hostile_scenario, hostile, today, tmp_path
) -> None:
    decision = evaluate(Case(region="ML-9"), hostile_scenario.version)
    text, _info = _pdf(
        case_report(decision, "pdf", "nl", scenario=hostile_scenario, today=today), tmp_path
    )
    for word in ("Ménaka", "Naïeve", "regio’s"):
        assert word in text
    # The user's text is written as text, never read as markup.
    assert hostile["title"] in text and hostile["rationale"] in text


def test_pdf_is_identical_for_identical_inputs(in_force, today) -> None:
    decision = evaluate(CASES[0], in_force)
    assert case_report(decision, "pdf", "en", today=today) == case_report(
        decision, "pdf", "en", today=today
    )


def test_markdown_is_the_memo_with_date_and_scenario_user_text_escaped(
    hostile_scenario, today
) -> None:
    decision = evaluate(Case(region="ML-9"), hostile_scenario.version)
    memo = case_report(decision, "md", "en", scenario=hostile_scenario, today=today).decode()
    # One Markdown escaper (wording.escape.markdown): every "<" is written "\<", so no tag opens.
    assert re.search(r"(?<!\\)<", memo) is None
    assert "\\<script\\>" in memo and "\\<img src=x onerror=" in memo
    assert f"**Date:** {phrases.date(today, 'en')}" in memo
    assert decision.to_markdown("en").splitlines()[0] == memo.splitlines()[0]
    for step in decision.steps:
        assert step.citation in memo and step.source_text in memo
    assert decision.disclaimer_en in memo


def test_bad_format_or_language_is_one_line(in_force) -> None:
    decision = evaluate(CASES[1], in_force)
    with pytest.raises(BriefingError, match="format"):
        case_report(decision, "docx", "en")
    with pytest.raises(BriefingError, match="language"):
        case_report(decision, "pdf", "fr")


def test_named_origin_typed_by_the_user_is_escaped(in_force, hostile, today, tmp_path) -> None:
    from policy import NamedOrigin

    origin = NamedOrigin(text=hostile["rationale"], kind="place", region_code="ML-9")
    decision = evaluate(Case(region="ML-9", origin=origin), in_force)
    memo = case_report(decision, "md", "nl", today=today).decode()
    assert re.search(r"(?<!\\)<", memo) is None and "\\<img src=x onerror=" in memo
    text, _info = _pdf(case_report(decision, "pdf", "nl", today=today), tmp_path)
    assert hostile["rationale"] in text


def test_a_short_report_fits_one_page_and_a_long_one_goes_on_rather_than_shrinking(
    in_force, today, tmp_path
) -> None:
    short = case_report(evaluate(Case(region="Kayes"), in_force), "pdf", "nl", today=today)
    text, info = _pdf(short, tmp_path)
    assert _pages(info) == 1 and "pagina 1 van 1" in text
    assert _smallest_text_pt(short, tmp_path) >= 7.9
    # Douentza: a 2023 name (two readings), individual elements and 1F indications.
    case = Case(region="Douentza", individual_elements="limited", exclusion_indications=True)
    long = case_report(evaluate(case, in_force), "pdf", "nl", today=today)
    text, info = _pdf(long, tmp_path)
    assert _pages(info) == 2
    assert "pagina 1 van 2" in text and "pagina 2 van 2" in text
    assert _smallest_text_pt(long, tmp_path) >= 7.9
