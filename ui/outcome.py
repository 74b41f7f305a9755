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
from policy import Decision, flag_label, outcome_label
from policy.case import NamedOrigin
from ui.details import blockquote
from ui.form import named_line
from ui.texts import Lang, t
from wording import phrases
from wording.escape import markdown

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
    """The outcome in one line: the Decision's headline (its marks, then its sentence with what
    it means, what it rests on and the Article 1F reservation), as the memo, PDF and CLI say it."""
    return decision.headline(lang)


def render_headline(decision: Decision, lang: Lang) -> None:
    """The outcome box: the answer at a glance, with what it rests on."""
    box = _BOX[outcome_style(decision)]
    # The label bold, the sentence in the box's normal weight: a long answer (an undetermined
    # one names both readings) then still leaves the legend in view on a 768-pixel screen.
    box(f"**{t('outcome_heading', lang)}:** {markdown(headline(decision, lang))}")


def render_summary(decision: Decision, lang: Lang, named: NamedOrigin | None) -> None:
    """Region, level and IPA of the decision, and what the applicant named."""
    ipa = decision.ipa_answer(lang)
    lines = [
        f"**{t('form_region', lang)}:** {decision.region_name} ({decision.region_code})",
        f"**{t('outcome_gradation', lang)}:** {decision.gradation_words(lang)}",
        f"**{t('outcome_ipa', lang)}:** {ipa}",
    ]
    if named is not None:
        lines.append(t("named_given", lang, line=markdown(named_line(named, lang))))
    st.markdown("  \n".join(lines))


def render_card(decision: Decision, lang: Lang, named: NamedOrigin | None) -> None:
    """Flags, every step with citation and source text, disclaimer, downloads."""
    if decision.flags:
        st.markdown(f"**{t('outcome_flags', lang)}**")
        st.markdown("\n".join(f"- {flag_label(flag, lang)}" for flag in decision.flags))
    if decision.alternative_readings:
        st.markdown(f"**{t('outcome_alternatives', lang)}**")
        st.markdown(
            "\n".join(
                f"- {reading.label_nl if lang == 'nl' else reading.label_en}: "
                f"{outcome_label(reading.outcome, lang)}"
                for reading in decision.alternative_readings
            )
        )
    st.markdown(f"**{t('outcome_steps', lang)}**")
    for number, step in enumerate(decision.steps, start=1):
        conclusion = step.conclusion_nl if lang == "nl" else step.conclusion_en
        reading = f" · *{t('reading_label', lang)}*" if step.reading else ""
        if step.scenario_change:
            reading += f" · *{phrases.scenario_mark(lang)}*"
        st.markdown(f"{number}. {conclusion}  \n`{step.citation}`{reading}")
        if step.source_text:
            st.markdown(blockquote(step.source_text))
    st.caption(decision.disclaimer(lang))
    stem = _file_stem(decision)
    st.download_button(
        t("outcome_download_md", lang),
        memo_text(decision, lang),
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


def _file_stem(decision: Decision) -> str:
    version = "".join(ch if ch.isalnum() else "-" for ch in decision.policy_id)
    return f"decision-{decision.region_code}-{version}".lower()


def memo_text(decision: Decision, lang: Lang, today: dt.date | None = None) -> str:
    """The Decision's memo (with the origin the applicant named), the date and the data credit."""
    day = phrases.date(today or dt.date.today(), lang)
    credit = f"\n*{t('memo_credit', lang)}: {t('data_credit', lang)}*\n"
    return f"*{t('memo_date', lang, date=day)}*\n\n" + decision.to_markdown(lang=lang) + credit


def origin_dict(named: NamedOrigin) -> dict[str, Any]:
    """What the applicant named, for the JSON: the text, what it is, where it resolved."""
    return {
        "text": named.typed,
        "kind": named.described_as,
        "place": named.place,
        "place_pcode": named.place_pcode,
        "cercle": named.cercle_name,
        "cercle_pcode": named.cercle_pcode,
        "mapped_from": named.mapped_from,
        "region": {"code": named.region_code, "name": named.region_name},
    }


def decision_json(
    decision: Decision, named: NamedOrigin | None = None, today: dt.date | None = None
) -> dict[str, Any]:
    """The Decision's JSON (with its `origin`) plus `named` (the page's record of the name as
    typed: what kind of place, its cercle, where it resolved; null when no name was given),
    `date` and `boundary_data` (the credit the OCHA data asks for)."""
    data = decision.to_dict()
    data["named"] = origin_dict(named) if named is not None else None
    data["date"] = (today or dt.date.today()).isoformat()
    data["boundary_data"] = geodata.ATTRIBUTION
    return data
