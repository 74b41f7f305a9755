"""The outcome card: the Decision of `policy.evaluate`, shown step by step with its citations.

Everything shown comes from the Decision itself (outcome, flags, steps with paragraph and Dutch
source text, the disclaimer); the card adds only labels in the page's language and the
downloads, which are the Decision's own Markdown and JSON.
"""

from __future__ import annotations

import datetime as dt
import json

import streamlit as st

from policy import (
    Decision,
    Outcome,
    flag_label,
    gradation_label,
    ipa_answer_label,
    outcome_label,
)
from ui.details import blockquote
from ui.texts import Lang, t

_OUTCOME_BOX = {
    "refugee_status": st.success,
    "subsidiary_protection_individual": st.success,
    "subsidiary_protection_15c": st.success,
    "internal_protection_alternative": st.warning,
    "no_protection_ground": st.info,
}


def _file_stem(decision: Decision) -> str:
    version = "".join(ch if ch.isalnum() else "-" for ch in decision.policy_id)
    return f"decision-{decision.region_code}-{version}".lower()


def memo_with_date(decision: Decision, lang: Lang, today: dt.date | None = None) -> str:
    """The Decision's memo with the date it was made on, so a pasted memo can be dated."""
    day = (today or dt.date.today()).isoformat()
    return f"*{t('memo_date', lang, date=day)}*\n\n{decision.to_markdown(lang=lang)}"


def render_outcome(decision: Decision, lang: Lang) -> None:
    """Outcome, flags, every step with citation and source text, disclaimer, downloads."""
    st.markdown(f"#### {t('outcome_heading', lang)}")
    box = _OUTCOME_BOX.get(decision.outcome.value, st.info)
    box(f"**{outcome_label(decision.outcome, lang)}**\n\n{decision.outcome_line(lang)}")
    # No protection need, so whether an alternative exists in Bamako does not arise.
    at_issue = decision.outcome is not Outcome.no_protection_ground
    ipa = ipa_answer_label(decision.ipa_applies, lang, at_issue)
    st.markdown(
        f"**{t('outcome_gradation', lang)}:** {gradation_label(decision.gradation, lang)}  \n"
        f"**{t('outcome_ipa', lang)}:** {ipa}"
    )
    if decision.flags:
        st.markdown(f"**{t('outcome_flags', lang)}**")
        st.markdown("\n".join(f"- {flag_label(flag, lang)}" for flag in decision.flags))
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
        memo_with_date(decision, lang),
        file_name=f"{stem}.md",
        mime="text/markdown",
        key="download_md",
    )
    st.download_button(
        t("outcome_download_json", lang),
        json.dumps(decision.to_dict(), ensure_ascii=False, indent=2),
        file_name=f"{stem}.json",
        mime="application/json",
        key="download_json",
    )
