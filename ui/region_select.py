"""The region list used by both the details panel and the decision form.

Both lists are bound to session-state keys that a map click also writes, so a key whose value is
not a region of the selected version (e.g. after switching versions) is reset to "no choice"
before the widget is drawn, instead of raising inside Streamlit.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from policy import PolicyVersion
from ui.texts import Lang, t

# Session-state keys of the two region lists; a map click writes both.
DETAILS_KEY = "details_region"
FORM_REGION_KEY = "form_region"


def select_region_everywhere(code: str) -> None:
    """Show `code` in the details and use it in the decision form (call before they are drawn)."""
    st.session_state[DETAILS_KEY] = code
    st.session_state[FORM_REGION_KEY] = code


def region_select(
    version: PolicyVersion,
    lang: Lang,
    label: str,
    key: str,
    on_change: Callable[[], None] | None = None,
) -> str | None:
    """A select box of the version's regions by name; the chosen ISO code or None."""
    names = {region.code: region.name for region in version.regions}
    if st.session_state.get(key) not in names:
        st.session_state[key] = None
    return st.selectbox(
        label,
        list(names),
        format_func=names.__getitem__,
        key=key,
        placeholder=t("details_choose", lang),
        on_change=on_change,
    )
