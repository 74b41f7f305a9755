"""Region details: what the policy says about one region, and why.

Shows the gradation and IPA status with the Dutch source sentence and its paragraph, then the
reasons the sources give (the toelichting's reasons for the level, the letter's findings on the
region, and the findings for Mali as a whole), each cited with its paragraph, its Dutch quote
and an English summary, and the notes on the sources. Legal quotes are shown in Dutch in both
languages.
"""

from __future__ import annotations

import streamlit as st

from policy import Citation, PolicyVersion, Reason, gradation_label
from ui import state
from ui.form import DETAILS_KEY, region_select
from ui.texts import Lang, t
from wording import phrases
from wording.escape import markdown


def blockquote(text: str) -> str:
    """Markdown block quote of a (possibly multi-line) text."""
    return "\n".join(f"> {line}" for line in text.strip().splitlines())


def _quote(citation: Citation, lang: Lang) -> None:
    """A Dutch source sentence as a block quote with its paragraph, marked when it is a reading."""
    note = f" ({t('reading_label', lang)})" if getattr(citation, "reading", False) else ""
    if citation.text_nl:
        st.markdown(f"{blockquote(citation.text_nl)}\n\n— *{citation.paragraph}*{note}")
    else:
        st.caption(f"{citation.paragraph}{note}")


def render_region_details(version: PolicyVersion, lang: Lang, drawn_codes: set[str]) -> None:
    """The details panel with its region list: both show the page's selected region."""
    region_select(version, lang, t("details_choose", lang), DETAILS_KEY)
    code = state.current().region
    if code is None:
        st.caption(t("map_click_hint", lang))
        return
    region = version.region(code)
    st.subheader(region.name)
    if code not in drawn_codes:
        st.info(t("details_not_drawn", lang))
    st.markdown(f"**{t('details_gradation', lang)}:** {gradation_label(region.gradation, lang)}")
    _quote(region.gradation_citation, lang)
    st.markdown(f"**{t('details_ipa', lang)}:** {phrases.ipa_status(version.ipa_role(code), lang)}")
    _quote(region.ipa_citation, lang)
    if region.note:
        st.markdown(f"**{t('details_note', lang)}:** {markdown(region.note_text(lang))}")
    reasons = version.reasons_for(code)
    st.markdown(f"**{t('details_reasons', lang)}**")
    if not reasons.region:
        st.caption(t("details_no_reasons", lang))
    for reason in reasons.region:
        _reason(reason, lang)
    if reasons.general:
        st.markdown(f"**{t('details_general_reasons', lang)}**")
        for reason in reasons.general:
            _reason(reason, lang)
    for note in version.notes:
        st.caption(f"{t('details_sources_note', lang)}: {note.text(lang)}")


def _reason(reason: Reason, lang: Lang) -> None:
    """A reason: the Dutch sentence with its paragraph, then its note; in English also the
    summary of the Dutch sentence (a Dutch reader has the sentence itself, in its own words)."""
    _quote(reason, lang)
    if lang == "en":
        st.markdown(f"*{t('details_summary_en', lang)}:* {reason.summary_en}")
    if reason.note(lang):
        st.caption(reason.note(lang))
