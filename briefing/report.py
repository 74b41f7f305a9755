"""The case report: the decision of the form as a one-page PDF, or the Markdown memo.

Both carry the facts as given, the outcome, every step with its citation and Dutch source text,
the version (or the scenario and its base), the date and the disclaimer. What the user typed
(the region as given, a scenario's title, author and rationales) is escaped in the Markdown so a
Markdown or HTML viewer shows it as text; the PDF writes it as plain text, never as markup.

The PDF uses DejaVu Sans from matplotlib's package data (it has é, ï, ’ and →), so no font has
to be installed; its creation date is the report's date, so the same inputs give the same bytes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any, Final

import matplotlib
from fpdf import FPDF

from briefing.checks import LANGS, choice
from briefing.errors import BriefingError
from briefing.scenarios import BriefingScenario, briefing_scenario
from briefing.texts import bt
from policy import (
    Decision,
    PolicyError,
    elements_label,
    fact_answer,
    fact_label,
    flag_label,
    load_version,
    outcome_label,
)
from policy.memo import render_memo
from policy.memo_header import case_rows, checklist_for, filing_rows
from policy.texts import Lang
from wording import phrases, t
from wording.escape import markdown

REPORT_FORMATS: Final = ("pdf", "md")
FONT_DIR: Final = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONTS: Final = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}


def _scenario_for(decision: Decision, scenario: Any) -> BriefingScenario | None:
    if scenario is None:
        return None
    if isinstance(scenario, BriefingScenario):
        return scenario
    try:
        return briefing_scenario(scenario, load_version(decision.policy_id))
    except PolicyError as error:
        raise BriefingError(f"scenario: {error}") from None


def _fact_lines(decision: Decision, lang: Lang) -> list[tuple[str, str]]:
    """(question, answer) for each fact as given; the region as the user typed it."""
    lines = [(bt("report_region_given", lang), str(decision.facts.get("region", "")))]
    for name, value in decision.facts.items():
        if name == "region":
            continue
        if name == "individual_elements":
            answer = elements_label(value, lang)
        elif isinstance(value, bool):
            answer = fact_answer(value, lang)
        else:
            answer = str(value)
        lines.append((fact_label(name, lang), answer))
    return lines


def _policy_line(decision: Decision, scenario: BriefingScenario | None, lang: Lang) -> str:
    modified = f" — {bt('report_modified', lang)}" if decision.policy_modified else ""
    return f"{decision.policy_label(lang)}{modified}"


def markdown_report(
    decision: Decision,
    lang: Lang,
    scenario: BriefingScenario | None,
    date: str,
    case_ref: str | None = None,
    author: str | None = None,
) -> str:
    """The memo of `decision.to_markdown` with the date and the scenario, user text escaped."""
    safe_facts = {**decision.facts}
    if "region" in safe_facts:
        safe_facts["region"] = markdown(safe_facts["region"])
    safe: dict[str, Any] = {"facts": safe_facts}
    origin = getattr(decision, "origin", None)
    if origin is not None:
        safe["origin"] = dataclasses.replace(origin, text=markdown(origin.text))
    memo = render_memo(dataclasses.replace(decision, **safe), lang, case_ref, author)
    lines = memo.splitlines()
    extra = [f"- **{bt('report_date', lang)}:** {date}"]
    if scenario is not None:
        value = bt(
            "report_scenario_value",
            lang,
            title=markdown(scenario.title),
            base=markdown(scenario.base_id),
        )
        extra.append(f"- **{bt('report_scenario', lang)}:** {value}")
        if scenario.author:
            extra.append(f"- **{bt('scenario_author', lang)}:** {markdown(scenario.author)}")
        for change in scenario.changes:
            extra.append(
                f"  - {markdown(change.name)} ({change.code}): {markdown(change.rationale)}"
            )
    at = next((i for i, line in enumerate(lines) if line.startswith("- ")), 1)
    return "\n".join([*lines[:at], *extra, *lines[at:]]) + "\n"


BODY_PT: Final = (10.0, 9.5, 9.0)
"""The body font sizes tried, largest first, to fit the report on one A4 page. Never smaller
than 9 pt: a report that does not fit at 9 pt goes on over more pages (each numbered) rather
than being printed too small to read."""
FOOTER_PT: Final = 8.0
LINE_MM_PER_PT: Final = 0.45
"""Line height in mm per point of font size: 1.27 times the size, a usual leading for prose."""


class _Report(FPDF):
    """A4 pages with DejaVu Sans; `size` is the body font size. Every page's foot names the
    report and its page number ("pagina 1 van 2"), so a printed page can be put back."""

    def __init__(self, size: float, creation: dt.datetime, title: str, lang: Lang) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.size = size
        self.report_title = title
        self.lang = lang
        self.set_margins(16, 14, 16)
        self.set_auto_page_break(True, margin=18)
        for style, name in FONTS.items():
            self.add_font("DejaVu", style, str(FONT_DIR / name))
        self.set_creation_date(creation)
        self.set_producer("fpdf2")
        self.alias_nb_pages()
        self.add_page()

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("DejaVu", "", FOOTER_PT)
        page = bt("report_page", self.lang, page=self.page_no(), pages="{nb}")
        self.cell(self.epw, FOOTER_PT * 0.5, f"{self.report_title} — {page}", align="L")

    def line_of(self, text: str, style: str = "", scale: float = 1.0, indent: float = 0.0) -> None:
        self.set_font("DejaVu", style, self.size * scale)
        self.set_x(self.l_margin + indent)
        self.multi_cell(
            self.epw - indent,
            self.size * scale * LINE_MM_PER_PT,
            text,
            align="L",
            new_x="LMARGIN",
            new_y="NEXT",
        )

    def gap(self, mm: float = 1.6) -> None:
        self.ln(mm)


def _pdf_once(
    decision: Decision,
    lang: Lang,
    scenario: BriefingScenario | None,
    date: dt.date,
    size: float,
    case: tuple[str | None, str | None] = (None, None),
) -> _Report:
    creation = dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)
    title = bt("report_title", lang, region=decision.region_name, code=decision.region_code)
    pdf = _Report(size, creation, title, lang)
    # Title, subject, language and producer travel with the file (readers, screen readers,
    # document systems show them).
    pdf.set_title(title)
    pdf.set_subject(f"C7/23 Vc: {decision.policy_id}")
    pdf.set_lang(lang)
    pdf.set_producer(t("map.producer", lang))
    pdf.set_creator(t("map.producer", lang))
    pdf.line_of(title, "B", 1.5)
    pdf.gap()
    rows = [
        (bt("report_policy", lang), _policy_line(decision, scenario, lang)),
    ]
    if scenario is not None:
        rows.append(
            (
                bt("report_scenario", lang),
                bt("report_scenario_value", lang, title=scenario.title, base=scenario.base_id),
            )
        )
        if scenario.author:
            rows.append((bt("scenario_author", lang), scenario.author))
    rows.append((bt("report_date", lang), phrases.date(date, lang)))
    # The memo's filing block (policy.memo_header): status, dates and kenmerk, versions, and the
    # case reference and author the user gave. A PDF takes text as text: nothing to escape.
    rows += filing_rows(decision.policy_id, lang)
    rows += case_rows(*case, lang)
    region = f"{decision.region_name} ({decision.region_code})"
    if decision.region_mapped_from:
        region += f" — {bt('report_mapped', lang, name=decision.region_mapped_from)}"
    rows += [
        (bt("report_region", lang), region),
        (bt("report_gradation", lang), decision.gradation_words(lang)),
    ]
    for label, value in rows:
        pdf.line_of(f"{label}: {value}")
    mapping_note = (decision.region_mapping_note_nl if lang == "nl" else None) or (
        decision.region_mapping_note
    )
    if mapping_note:
        pdf.line_of(mapping_note, "I", 0.9, indent=4)
    origin = getattr(decision, "origin", None)
    if origin is not None:
        kind = t(f"memo.origin_{origin.kind}", lang)
        cercle = f", {t('memo.cercle', lang)} {origin.cercle_name}" if origin.cercle_name else ""
        pdf.line_of(f"{bt('report_origin', lang)}: {origin.text} ({kind}{cercle})")
    pdf.gap(1)
    # The headline every surface opens with: marks (scenario, reading), then the outcome line.
    pdf.line_of(f"{bt('report_outcome', lang)}: {decision.headline(lang)}", "B", 1.15)
    pdf.line_of(f"{bt('report_ipa', lang)}: {decision.ipa_answer(lang)}")
    missing = getattr(decision, "missing_values", ())
    if missing:
        pdf.line_of(f"{bt('report_missing', lang)}: {', '.join(missing)}")
    for reading in getattr(decision, "alternative_readings", ()):
        label = reading.label_nl if lang == "nl" else reading.label_en
        pdf.line_of(f"• {label}: {outcome_label(reading.outcome, lang)}", indent=3)
    if scenario is not None and scenario.changes:
        pdf.gap()
        pdf.line_of(bt("scenario_changes", lang), "B", 1.1)
        for change in scenario.changes:
            pdf.line_of(f"• {change.name} ({change.code}): {change.rationale}", indent=3)
    pdf.gap()
    pdf.line_of(bt("report_facts", lang), "B", 1.1)
    for question, answer in _fact_lines(decision, lang):
        pdf.line_of(f"• {question}: {answer}", indent=3)
    # The memo's "Geen bijzonderheden" checklist, in one paragraph: the page must stay one.
    checklist = checklist_for(decision.policy_id, lang, short=True)
    if checklist:
        pdf.gap()
        pdf.line_of(t("memo_header.checklist_title", lang), "B", 1.1)
        pdf.line_of("; ".join(checklist), indent=3)
    if decision.flags:
        pdf.gap()
        pdf.line_of(bt("report_flags", lang), "B", 1.1)
        for flag in decision.flags:
            pdf.line_of(f"• {flag_label(flag, lang)}", indent=3)
    pdf.gap()
    pdf.line_of(bt("report_steps", lang), "B", 1.1)
    for number, step in enumerate(decision.steps, start=1):
        reading = f" ({bt('report_reading', lang)})" if step.reading else ""
        if step.scenario_change:
            reading += f" ({phrases.scenario_mark(lang)})"
        conclusion = step.conclusion_nl if lang == "nl" else step.conclusion_en
        pdf.gap(0.8)
        pdf.line_of(f"{number}. {step.citation}{reading}", "B")
        pdf.line_of(conclusion, indent=5)
        pdf.line_of(f"{bt('report_source_text', lang)}: “{step.source_text}”", "I", 0.9, indent=5)
        if step.note(lang):
            pdf.line_of(step.note(lang), "", 0.9, indent=5)
    pdf.gap(2.5)
    pdf.line_of(decision.disclaimer(lang), "I")
    return pdf


def pdf_report(
    decision: Decision,
    lang: Lang,
    scenario: BriefingScenario | None,
    date: dt.date,
    case_ref: str | None = None,
    author: str | None = None,
) -> bytes:
    """The report on one A4 page where it fits at a legible size (`BODY_PT`), else on as many
    numbered pages as it needs at the smallest of those sizes."""
    for size in BODY_PT:
        pdf = _pdf_once(decision, lang, scenario, date, size, (case_ref, author))
        if pdf.page_no() == 1:
            break
    return bytes(pdf.output())


def case_report(
    decision: Decision,
    fmt: str,
    lang: str,
    scenario: Any = None,
    today: dt.date | None = None,
    case_ref: str | None = None,
    author: str | None = None,
) -> bytes:
    """The case report of `decision` as PDF or Markdown (UTF-8) bytes.

    `scenario` (a `policy.scenario.Scenario` or a `BriefingScenario`) names the what-if the
    decision was made under; its base is the decision's policy id. `today` is the report's date;
    `case_ref` and `author` (optional) are filed on it as on the memo.
    """
    choice("format", fmt, REPORT_FORMATS)
    choice("language", lang, LANGS)
    applied = _scenario_for(decision, scenario)
    if applied is not None and decision.scenario_title is None:
        # The headline names the scenario it was made under (wording.phrases.scenario_mark).
        decision = dataclasses.replace(decision, scenario_title=applied.title)
    date = today or dt.date.today()
    if fmt == "md":
        day = phrases.date(date, lang)
        return markdown_report(decision, lang, applied, day, case_ref, author).encode("utf-8")  # type: ignore[arg-type]
    return pdf_report(decision, lang, applied, date, case_ref, author)  # type: ignore[arg-type]
