""""C7/23 in full": every sub-paragraph of the version shown, with its Dutch text, an English
gloss and the steps of the decision that rest on it.

Analysts are asked what the paragraph *says*, not only what the map makes of it; showing the
whole text (also the sub-paragraphs that read "Geen bijzonderheden") next to which rules use
which part lets them see at once what the tool does not decide from C7/23 itself. The content
comes from `policy.load_paragraphs`, the same data as `python -m policy paragraphs`.
"""

from __future__ import annotations

import streamlit as st

from policy import PolicyError, PolicyVersion, load_paragraphs
from policy.messages import one_line
from ui.details import blockquote
from ui.texts import Lang, t


def render_paragraphs(version: PolicyVersion, lang: Lang) -> None:
    """The paragraph in full, or one line saying why this version's text is not available."""
    st.markdown(f"#### {t('paragraphs_heading', lang, version=version.id)}")
    try:
        paragraphs = load_paragraphs(version)
    except PolicyError as error:
        st.info(t("paragraphs_unavailable", lang, reason=one_line(str(error))))
        return
    st.caption(t("paragraphs_help", lang))
    for paragraph in paragraphs:
        st.markdown(f"**{paragraph.paragraph}** — {paragraph.heading}")
        if paragraph.text_nl:
            st.markdown(blockquote(paragraph.text_nl))
        used = ", ".join(f"`{rule}`" for rule in paragraph.used_by) or t("paragraphs_unused", lang)
        st.caption(
            f"{t('paragraphs_gloss', lang)}: {paragraph.gloss_en}  \n"
            f"{t('paragraphs_used_by', lang)}: {used}"
        )
