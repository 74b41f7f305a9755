"""A Decision rendered as a Markdown memo an analyst can paste: the outcome line, the origin,
facts, flags, every step with its citation and Dutch source text, and the disclaimer.

Every word comes from the Decision or from the one catalogue (`wording/catalogue/`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from policy.texts import (
    LANGUAGES,
    elements_label,
    fact_answer,
    fact_label,
    flag_label,
    outcome_label,
    text,
)
from wording import phrases
from wording.escape import markdown

if TYPE_CHECKING:
    from policy.decision import Decision


def render_memo(
    decision: Decision, lang: str = "en", case_ref: str | None = None, author: str | None = None
) -> str:
    """The memo in `lang` ("nl" or "en"); `case_ref` and `author` (optional) are filed on it."""
    if lang not in LANGUAGES:
        raise ValueError(f"language must be 'nl' or 'en', not {lang!r}")

    def word(key: str, **values: object) -> str:
        return text(f"memo.{key}", lang, **values)

    modified = f" ({word('modified')})" if decision.policy_modified else ""
    region = f"{markdown(decision.region_name)} ({decision.region_code})"
    mapped = (
        f" ({word('mapped_from')} {markdown(decision.region_mapped_from)})"
        if decision.region_mapped_from
        else ""
    )
    lines = [
        f"# {word('title')}: {region}",
        "",
        f"**{decision.headline(lang, markdown)}**",
        "",
        f"- **{word('policy')}:** {markdown(decision.policy_label(lang))}{modified}",
        *_filing_lines(decision, lang),
        *_case_lines(case_ref, author, lang),
        f"- **{word('region')}:** {region}{mapped}",
    ]
    note = (decision.region_mapping_note_nl if lang == "nl" else None) or (
        decision.region_mapping_note
    )
    if note:
        lines.append(f"  - {word('mapping_why')}: {markdown(note)}")
    if decision.origin is not None:
        lines.append(f"- **{word('origin')}:** {_origin(decision, lang)}")
    lines += [
        f"- **{word('gradation')}:** {decision.gradation_words(lang)}",
        f"- **{word('outcome')}:** {outcome_label(decision.outcome, lang)}",
        f"- **{word('ipa')}:** {decision.ipa_answer(lang)}",
    ]
    if decision.missing_values:
        from policy.open_values import missing_in_words

        # In words, never the internal key (`regions[ML-10].scope`).
        given = decision.region_mapped_from
        missing = "; ".join(missing_in_words(v, lang, given) for v in decision.missing_values)
        lines.append(f"- **{word('missing')}:** {missing}")
    if decision.alternative_readings:
        lines += ["", f"## {word('readings')}", ""]
        for reading in decision.alternative_readings:
            label = reading.label_nl if lang == "nl" else reading.label_en
            lines.append(f"- {label}: {outcome_label(reading.outcome, lang)}")
    if decision.facts:
        lines += ["", f"## {word('facts')}", ""]
        lines += [f"- {line}" for line in _fact_lines(decision, lang)]
    checklist = _checklist(decision, lang)
    if checklist:
        lines += ["", f"## {text('memo_header.checklist_title', lang)}", ""]
        lines += [f"- {markdown(item)}" for item in checklist]
    if decision.flags:
        lines += ["", f"## {word('flags')}", ""]
        lines += [f"- {flag_label(flag, lang)}" for flag in decision.flags]
    lines += ["", f"## {word('steps')}", ""]
    for number, step in enumerate(decision.steps, start=1):
        mark = f" *({word('reading')})*" if step.reading else ""
        if step.scenario_change:
            mark += f" *({phrases.scenario_mark(lang)})*"
        conclusion = step.conclusion_nl if lang == "nl" else step.conclusion_en
        lines.append(f"{number}. **{markdown(step.citation)}**{mark}: {conclusion}")
        lines.append("")
        lines.append(f"   > {markdown(step.source_text)}")
        if step.note(lang):
            lines.append("")
            lines.append(f"   {markdown(step.note(lang))}")
        lines.append("")
    lines.append(f"*{decision.disclaimer(lang)}*")
    return "\n".join(lines) + "\n"


def _filing_lines(decision: Decision, lang: str) -> list[str]:
    """Status, dates, kenmerk and versions (policy.memo_header), for a shipped version."""
    from policy.memo_header import filing_rows

    return [f"- **{label}:** {value}" for label, value in filing_rows(decision.policy_id, lang)]


def _case_lines(case_ref: str | None, author: str | None, lang: str) -> list[str]:
    """The case reference and author the user gave (escaped: they are the user's text)."""
    from policy.memo_header import case_rows

    rows = case_rows(case_ref, author, lang)
    return [f"- **{label}:** {markdown(value)}" for label, value in rows]


def _checklist(decision: Decision, lang: str) -> list[str]:
    """The "Geen bijzonderheden" sub-paragraphs that bear on the case (policy.memo_header)."""
    from policy.memo_header import checklist_for

    return checklist_for(decision.policy_id, lang)


def _origin(decision: Decision, lang: str) -> str:
    origin = decision.origin
    assert origin is not None
    described = f"{markdown(origin.text)} ({text(f'memo.origin_{origin.kind}', lang)}"
    if origin.cercle_name:
        described += f", {text('memo.cercle', lang)} {markdown(origin.cercle_name)}"
    described += ")"
    note = origin.note_nl if lang == "nl" else origin.note
    if note:
        described += f" — {markdown(note)}"
    return described


def _fact_lines(decision: Decision, lang: str) -> list[str]:
    """The case's facts as the memo lists them: each question with its answer."""
    facts = decision.facts
    lines = [f"{text('memo.region_given', lang)}: {markdown(facts.get('region', ''))}"]
    for name, value in facts.items():
        if name == "region":
            continue
        if name == "individual_elements":
            answer = elements_label(value, lang)
        else:
            answer = fact_answer(bool(value), lang)
        lines.append(f"{fact_label(name, lang)}: {answer}")
    return lines
