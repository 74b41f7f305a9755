"""The outcome: a headline where it is seen without scrolling, and the card with every step.

Everything shown comes from the Decision of `policy.evaluate` (outcome, flags, steps with
paragraph and Dutch source text, the disclaimer); the page adds labels in its language, what the
applicant named, and the downloads (the Decision's memo and JSON, with the date, the name as
given and the boundary data credit).

Only an outcome that rests on quoted law alone is shown in the green "settled" style: one that
rests on a reading, is undetermined, is subject to the Article 1F review or comes from a what-if
version is shown as needing care.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Final

import streamlit as st

import geodata
from policy import Decision, Outcome, flag_label, gradation_label, outcome_label
from ui.details import blockquote
from ui.form import named_line
from ui.state import Named
from ui.texts import Lang, plain, t

PROTECTION: Final = frozenset(
    {"refugee_status", "subsidiary_protection_individual", "subsidiary_protection_15c"}
)
# Flags that keep an outcome from being shown as settled.
CAUTION_FLAGS: Final = frozenset({"rests_on_reading", "exclusion_review", "what_if"})


def outcome_style(decision: Decision) -> str:
    """'settled' (green), 'caution' (amber) or 'neutral' (blue) for the headline box."""
    outcome = decision.outcome.value
    if outcome == "undetermined" or CAUTION_FLAGS & set(decision.flags):
        return "caution"
    if outcome in PROTECTION:
        return "settled"
    if outcome == "internal_protection_alternative":
        return "caution"
    return "neutral"


_BOX = {"settled": st.success, "caution": st.warning, "neutral": st.info}


def headline(decision: Decision, lang: Lang) -> str:
    """The outcome in one line: the Decision's own line when it has one."""
    line = getattr(decision, "outcome_line", None)
    if callable(line):
        return str(line(lang))
    return outcome_label(decision.outcome, lang)


def _notes(decision: Decision, lang: Lang) -> list[str]:
    notes = []
    if decision.outcome.value == "undetermined":
        missing = ", ".join(getattr(decision, "missing_values", ()) or ()) or "—"
        notes.append(t("outcome_undetermined_note", lang, missing=plain(missing)))
    if "exclusion_review" in decision.flags:
        notes.append(t("outcome_exclusion_note", lang))
    if "rests_on_reading" in decision.flags:
        notes.append(t("outcome_reading_note", lang))
    return notes


def render_headline(decision: Decision, lang: Lang) -> None:
    """The outcome box: the answer at a glance, with what it rests on."""
    box = _BOX[outcome_style(decision)]
    notes = "".join(f"  \n{note}" for note in _notes(decision, lang))
    box(f"**{t('outcome_heading', lang)}: {plain(headline(decision, lang))}**{notes}")


def render_summary(decision: Decision, lang: Lang, named: Named | None) -> None:
    """Region, level and IPA of the decision, and what the applicant named."""
    ipa = t("details_unknown", lang)
    if decision.outcome is Outcome.no_protection_ground:
        # No protection need, so whether an alternative exists in Bamako does not arise.
        ipa = t("ipa_not_at_issue", lang)
    elif decision.ipa_applies is not None:
        ipa = t("details_yes", lang) if decision.ipa_applies else t("details_no", lang)
    lines = [
        f"**{t('form_region', lang)}:** {decision.region_name} ({decision.region_code})",
        f"**{t('outcome_gradation', lang)}:** {gradation_label(decision.gradation, lang)}",
        f"**{t('outcome_ipa', lang)}:** {ipa}",
    ]
    if named is not None:
        lines.append(t("named_given", lang, line=plain(named_line(named, lang))))
    st.markdown("  \n".join(lines))


def render_card(decision: Decision, lang: Lang, named: Named | None) -> None:
    """Flags, every step with citation and source text, disclaimer, downloads."""
    if decision.flags:
        st.markdown(f"**{t('outcome_flags', lang)}**")
        st.markdown("\n".join(f"- {flag_label(flag, lang)}" for flag in decision.flags))
    alternatives = getattr(decision, "alternative_readings", None)
    if alternatives:
        st.markdown(f"**{t('outcome_alternatives', lang)}**")
        st.markdown("\n".join(f"- {plain(_alternative_text(a, lang))}" for a in alternatives))
    st.markdown(f"**{t('outcome_steps', lang)}**")
    for number, step in enumerate(decision.steps, start=1):
        conclusion = step.conclusion_nl if lang == "nl" else step.conclusion_en
        reading = f" · *{t('reading_label', lang)}*" if step.reading else ""
        st.markdown(f"{number}. {conclusion}  \n`{step.citation}`{reading}")
        if step.source_text:
            st.markdown(blockquote(step.source_text))
    st.caption(decision.disclaimer_nl if lang == "nl" else decision.disclaimer_en)
    stem = _file_stem(decision)
    st.download_button(
        t("outcome_download_md", lang),
        memo_text(decision, lang, named),
        file_name=f"{stem}.md",
        mime="text/markdown",
        key="download_md",
    )
    st.download_button(
        t("outcome_download_json", lang),
        json.dumps(decision_json(decision, named), ensure_ascii=False, indent=2),
        file_name=f"{stem}.json",
        mime="application/json",
        key="download_json",
    )


def _alternative_text(alternative: Any, lang: Lang) -> str:
    """One alternative reading as text, whatever shape the Decision gives it."""
    for name in ("line", "outcome_line", "text"):
        value = getattr(alternative, name, None)
        if callable(value):
            return str(value(lang))
        if isinstance(value, str):
            return value
    if isinstance(alternative, dict):
        return "; ".join(f"{k}: {v}" for k, v in alternative.items())
    return str(alternative)


def _file_stem(decision: Decision) -> str:
    version = "".join(ch if ch.isalnum() else "-" for ch in decision.policy_id)
    return f"decision-{decision.region_code}-{version}".lower()


def _decision_has_origin(decision: Decision) -> bool:
    return getattr(decision, "origin", None) is not None


def memo_text(
    decision: Decision, lang: Lang, named: Named | None = None, today: dt.date | None = None
) -> str:
    """The Decision's memo with the date, what the applicant named, and the data credit."""
    day = (today or dt.date.today()).isoformat()
    head = [f"*{t('memo_date', lang, date=day)}*", ""]
    if named is not None and not _decision_has_origin(decision):
        head += [f"**{t('memo_named', lang)}:** {plain(named_line(named, lang))}", ""]
    credit = f"\n*{t('memo_credit', lang)}: {t('data_credit', lang)}*\n"
    return "\n".join(head) + decision.to_markdown(lang=lang) + credit


def origin_dict(named: Named) -> dict[str, Any]:
    """What the applicant named, for the JSON: the text, what it is, where it resolved."""
    return {
        "text": named.text,
        "kind": named.kind,
        "place": named.place,
        "place_pcode": named.place_pcode,
        "cercle": named.cercle,
        "mapped_from": named.mapped_from,
        "region": {"code": named.region, "name": named.region_name},
    }


def decision_json(
    decision: Decision, named: Named | None = None, today: dt.date | None = None
) -> dict[str, Any]:
    """The Decision's JSON with `origin` (what the applicant named, or null), `date` and
    `boundary_data` (the credit the OCHA data asks for)."""
    data = decision.to_dict()
    if "origin" not in data or data["origin"] is None:
        data["origin"] = origin_dict(named) if named is not None else None
    data["date"] = (today or dt.date.today()).isoformat()
    data["boundary_data"] = geodata.ATTRIBUTION
    return data
