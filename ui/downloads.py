"""Briefing downloads on the page: the map image, the one-file offline map and the case report,
made by the `briefing` package exactly as `python -m briefing` makes them.

Why lazily: a 300-dpi map takes a few seconds to draw. The page must not pay for that on every
rerun, so each button is given a function (Streamlit calls it only when the button is clicked)
and the bytes are kept per inputs (version or scenario, language, layout, format) for the
server process, so a second click is immediate. Only values the user can see go in: a scenario
travels as its JSON text and is checked again when loaded.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import lru_cache, partial
from typing import Final

import streamlit as st

from briefing import BriefingError, case_report, offline_html, render_map
from policy import Decision, PolicyError, PolicyVersion
from policy.scenario import Scenario, load_scenario
from policy.versions_io import load_version
from ui.texts import Lang, t

LAYOUTS: Final[tuple[str, ...]] = ("a4", "slide")
FORMATS: Final[tuple[str, ...]] = ("png", "svg", "pdf")
MIME: Final[dict[str, str]] = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "html": "text/html",
    "md": "text/markdown",
}
LAYOUT_KEY: Final = "briefing_layout"
FORMAT_KEY: Final = "briefing_format"
_LOG = logging.getLogger(__name__)

# The page's own print (Ctrl+P): the page without sidebar, widgets and the map's buttons.
PRINT_CSS: Final = """
<style>
@media print {
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
  [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
  [data-testid="stStatusWidget"], [data-testid="stBottom"],
  .stButton, .stDownloadButton, .stFileUploader, .stSelectbox, .stRadio, .stTextInput,
  .stTextArea, .stCheckbox, .stMultiSelect, [data-testid="stExpanderToggleIcon"] {
    display: none !important;
  }
  [data-testid="stMain"], [data-testid="stMainBlockContainer"] {
    margin: 0 !important; padding: 0 !important; max-width: 100% !important;
  }
  [data-testid="stAppViewContainer"] { overflow: visible !important; }
}
</style>
"""


def _version(version_id: str, scenario_json: str | None) -> tuple[PolicyVersion, Scenario | None]:
    base = load_version(version_id)
    scenario = load_scenario(scenario_json, "scenario") if scenario_json else None
    return base, scenario


@lru_cache(maxsize=16)
def map_bytes(
    version_id: str, scenario_json: str | None, lang: str, layout: str, fmt: str
) -> bytes:
    """The briefing map of the version (or the scenario on it), kept per inputs."""
    base, scenario = _version(version_id, scenario_json)
    return render_map(base, lang, layout, fmt, scenario=scenario)


@lru_cache(maxsize=8)
def html_bytes(version_id: str, scenario_json: str | None, lang: str) -> bytes:
    base, scenario = _version(version_id, scenario_json)
    return offline_html(base, lang, scenario=scenario).encode("utf-8")


def _safe(make: Callable[[], bytes]) -> Callable[[], bytes]:
    """A download that cannot raise: a failure is logged and the file says what went wrong."""

    def run() -> bytes:
        try:
            return make()
        except (BriefingError, PolicyError) as error:
            return f"{error}\n".encode()
        except Exception:
            _LOG.exception("briefing download failed")
            return b"The file could not be made; the error is logged on the server.\n"

    return run


def file_stem(version_id: str, scenario: Scenario | None) -> str:
    text = f"{version_id}-scenario" if scenario is not None else version_id
    return "".join(c if c.isalnum() else "-" for c in text).strip("-").lower()


def render_downloads(
    base: PolicyVersion,
    scenario: Scenario | None,
    decision: Decision | None,
    lang: Lang,
    shown_name: str,
) -> None:
    """The three downloads. `base` is the shipped version (the scenario's base when one is on)
    and `decision` the form's current decision (made under the scenario when one is on)."""
    st.caption(t("briefing_intro", lang))
    scenario_json = scenario.to_json() if scenario is not None else None
    stem = file_stem(base.id, scenario)
    st.markdown(f"**{t('briefing_map_heading', lang)}**")
    st.caption(t("briefing_map_of", lang, what=shown_name))
    left, right = st.columns(2)
    layout = left.radio(
        t("briefing_layout", lang),
        LAYOUTS,
        format_func=lambda code: t(f"briefing_layout_{code}", lang),
        key=LAYOUT_KEY,
        horizontal=True,
    )
    fmt = right.radio(
        t("briefing_format", lang),
        FORMATS,
        format_func=str.upper,
        key=FORMAT_KEY,
        horizontal=True,
    )
    st.download_button(
        t("briefing_download_map", lang),
        data=_safe(lambda: map_bytes(base.id, scenario_json, lang, layout, fmt)),
        file_name=f"map-{stem}-{lang}-{layout}.{fmt}",
        mime=MIME[fmt],
        on_click="ignore",
        key="briefing_map",
    )
    st.markdown(f"**{t('briefing_html_heading', lang)}**")
    st.download_button(
        t("briefing_download_html", lang),
        data=_safe(lambda: html_bytes(base.id, scenario_json, lang)),
        file_name=f"map-{stem}-{lang}.html",
        mime=MIME["html"],
        on_click="ignore",
        key="briefing_html",
    )
    st.markdown(f"**{t('briefing_case_heading', lang)}**")
    if decision is None:
        st.info(t("briefing_no_case", lang))
    else:
        pdf, md = st.columns(2)
        for column, fmt_case in ((pdf, "pdf"), (md, "md")):
            column.download_button(
                t(f"briefing_download_case_{fmt_case}", lang),
                data=_safe(partial(case_report, decision, fmt_case, lang, scenario=scenario)),
                file_name=f"case-{decision.region_code}-{stem}-{lang}.{fmt_case}",
                mime=MIME[fmt_case],
                on_click="ignore",
                key=f"briefing_case_{fmt_case}",
            )
    st.caption(t("briefing_print_note", lang))
