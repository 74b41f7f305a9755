"""Map dashboard of the Dutch asylum country policy for Mali (C7/23 Vc, WBV 2025/11).

Start with `scripts/dashboard` (or `streamlit run dashboard.py` once installed). This file only
composes the page: the rules live in `policy/`, the geography and map rendering in `geodata/`,
the page's one state in `ui/state.py` and its pieces (texts, legend, map, details, form,
outcome, overview) in `ui/`.

The map is drawn first in each run (its shapes are what a user waits for); everything else
follows. A session's first run sends only the title and the map, and the rest once the map
reports that it is drawn (`ui.first_load`). A link opened or reloaded restores the state
(`ui.state.from_link`); the state is written back to the link at the end of every run. An
unexpected error in one part of the page shows a short message there and is logged with its
traceback on the server, never shown.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

import streamlit as st

from geodata.errors import shortened
from geodata.policy_layer import MapLayer, cited_paragraphs, policy_map_layer
from policy import (
    PolicyError,
    PolicyVersion,
    evaluate,
    load_version,
    versions_io,
)
from policy.case_csv import MAX_UPLOAD_BYTES as CASELOAD_MAX_BYTES
from policy.scenario import MAX_BYTES as SCENARIO_MAX_BYTES
from policy.scenario import load_scenario
from ui import state
from ui.assets import leaflet_url, serve_leaflet
from ui.caseload_view import render_caseload
from ui.compare_view import render_compare
from ui.details import render_region_details
from ui.downloads import PRINT_CSS, render_downloads
from ui.errors import guarded, report_failed_callback, safe_callback
from ui.first_load import page_complete, reason_mark, settle_heap, wait_for_map
from ui.form import decision_form
from ui.legend import legend_html
from ui.map_view import MapParts, clicked_region, draw, overlay, render_parts
from ui.outcome import render_card, render_headline, render_summary
from ui.overview import overview_csv, overview_frame, overview_markdown
from ui.page_words import page_words_html
from ui.paragraphs_view import render_paragraphs
from ui.search import resolve_named
from ui.state import LinkNotice, PageState
from ui.texts import LANGUAGE_NAMES, LANGUAGES, Lang, t
from ui.warm_up import wait_for_warm_up
from ui.whatif import (
    legend_note,
    render_banner,
    render_details_marking,
    render_outcome_marking,
    render_scenario_editor,
)
from wording import phrases
from wording import t as wt
from wording.escape import markdown

# Readable captions and quotes (at least 4.5:1 on the sidebar's grey), a compact top, a title
# that leaves room for the map and legend on a 768-pixel-high screen.
PAGE_CSS = """
<style>
[data-testid="stMainBlockContainer"] { padding-top: 2.75rem; padding-bottom: 2rem; }
[data-testid="stSidebarUserContent"] { padding-top: 1rem; }
h1 { font-size: 1.75rem !important; padding: 0 0 .25rem 0 !important; }
[data-testid="stCaptionContainer"],
[data-testid="stCaptionContainer"] * { color: #474b55 !important; opacity: 1 !important; }
[data-testid="stMarkdownContainer"] blockquote,
[data-testid="stMarkdownContainer"] blockquote * {
  color: #31333f !important; opacity: 1 !important; }
[data-testid="stMarkdownContainer"] blockquote { border-left-color: #6b6f7a; }
[data-testid="stMain"] h2 { font-size: 1.5rem; }
/* The answer and the legend at the top of the right column, both in view on a 1366x768 screen
   even for a long (undetermined) answer: a slightly smaller type, a compact box. */
.st-key-answer_top { gap: .5rem; }
.st-key-answer_top [data-testid="stAlert"] > div { padding: .6rem .8rem; }
.st-key-answer_top [data-testid="stAlert"] p { font-size: .875rem; line-height: 1.4; }
.st-key-answer_top .policy-legend { font-size: .8rem !important; line-height: 1.3 !important; }
/* The region's details run over the page's width; on a wide screen in two columns, so a line
   of a quote stays readable and the section half as long. */
@media (min-width: 1600px) {
  .st-key-region_details { display: block; column-count: 2; column-gap: 3rem; }
  .st-key-region_details > div { break-inside: avoid; margin-bottom: 1rem; }
}
/* Focus visible on every control: a clear ring, not a faint band. */
:focus-visible, [data-baseweb="checkbox"]:focus-within, [role="radio"]:focus-visible {
  outline: 3px solid #1d4fa3 !important; outline-offset: 2px !important; }
/* Streamlit's own "Press Enter to apply" is English only: the form says it in the page's
   language instead. */
[data-testid="InputInstructions"] { display: none; }
</style>
"""


# --- cached data ---------------------------------------------------------------------------


@st.cache_resource
def served_leaflet_url() -> str:
    """Serve Leaflet from its package, once per server process; the URL the map loads it from."""
    serve_leaflet()
    return leaflet_url(st.get_option("server.baseUrlPath") or "")


@st.cache_resource
def policy_versions() -> dict[str, PolicyVersion]:
    """All policy versions by file stem. Shared by all sessions: the models are frozen."""
    return versions_io.versions_by_stem()


@st.cache_resource
def stem_in_force() -> str:
    in_force = load_version(None).id
    return next(stem for stem, version in policy_versions().items() if version.id == in_force)


@st.cache_resource(max_entries=64)
def scenario_version(scenario_json: str) -> PolicyVersion:
    """The what-if version of a scenario (by its JSON text, so equal scenarios share it; a
    frozen model, never changed). The scenario itself stays in its session."""
    return load_scenario(scenario_json, "scenario").apply()


def shown_version(stem: str, scenario_json: str = "") -> PolicyVersion:
    """The version on screen: the shipped one, or the scenario applied to it."""
    return scenario_version(scenario_json) if scenario_json else policy_versions()[stem]


def scenario_key(current: PageState) -> str:
    return current.scenario.to_json() if current.scenario is not None else ""


@st.cache_resource(max_entries=64)
def map_layer(stem: str, lang: Lang, scenario_json: str = "") -> MapLayer:
    """The joined map layer of one version (or scenario), built once per version and language.

    Shared by all sessions and only read (st.cache_data would copy its 60 KB of coordinates on
    every call, twice a run)."""
    return policy_map_layer(shown_version(stem, scenario_json), lang)


@st.cache_resource(max_entries=64)
def map_parts(stem: str, basemap: bool, scenario_json: str = "") -> MapParts:
    """The rendered map of one version (or scenario), shared by all sessions (never changed)."""
    shown = shown_version(stem, scenario_json)
    changed: tuple[str, ...] = ()
    if scenario_json:  # a what-if map outlines the regions the scenario changed
        base = policy_versions()[stem]
        changed = tuple(
            r.code
            for r in shown.regions
            if (r.gradation, r.ipa_applies)
            != (base.region(r.code).gradation, base.region(r.code).ipa_applies)
        )
    return render_parts(shown, served_leaflet_url(), basemap, changed)


@st.cache_data(max_entries=256)
def map_overlay(
    stem: str, basemap: bool, lang: Lang, selected: str | None, scenario_json: str = ""
) -> str:
    """The map's overlay for one language and selection."""
    return overlay(
        shown_version(stem, scenario_json),
        map_parts(stem, basemap, scenario_json),
        lang,
        selected,
    )


def stem_of(version_id: str) -> str | None:
    """The file stem of a shipped version id (None: not shipped)."""
    return next((s for s, v in policy_versions().items() if v.id == version_id), None)


# --- state and link ------------------------------------------------------------------------


def start_from_link() -> None:
    """On the session's first run: the state the link describes (bad values noted)."""
    versions = policy_versions()
    params = {name: st.query_params.get_all(name) for name in st.query_params}
    initial, notices = state.from_link(
        params,
        versions=list(versions),
        default_version=stem_in_force(),
        regions=lambda stem: {r.code: r.name for r in versions[stem].regions},
        resolve_named=lambda text, pcode, stem, lang: resolve_named(
            text, pcode, versions[stem], lang
        ),
        stem_of=stem_of,
    )
    state.start(initial, notices)


LINK_WRITTEN_KEY = "page_link_written"


def write_link(current: PageState) -> None:
    """Keep the address bar equal to the whole state (language and version included), so a
    reload or a copied link restores it. Each change of the address is one entry in the
    browser's history (Streamlit pushes it)."""
    wanted = state.to_link(current)
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)
    st.session_state[LINK_WRITTEN_KEY] = wanted


def follow_history() -> None:
    """Back or Forward in the browser: the address is no longer the one this session wrote, so
    the page becomes the state that address names (as a reload of it would)."""
    written = st.session_state.get(LINK_WRITTEN_KEY)
    if written is not None and st.query_params.to_dict() != written:
        start_from_link()


def page_link(current: PageState) -> str:
    """The full link to this view, from the address the session was opened with."""
    try:
        parts = urlsplit(st.context.url or "")
    except Exception:  # no browser context (AppTest): a link relative to the server
        parts = urlsplit("")
    return urlunsplit(
        (parts.scheme, parts.netloc, parts.path or "/", urlencode(state.to_link(current)), "")
    )


def notice_text(notice: LinkNotice, lang: Lang) -> str:
    limit = 200 if notice.reason == "link_bad_scenario" else 40
    return t(
        notice.reason,
        lang,
        param=markdown(notice.param),
        value=markdown(shortened(notice.value, limit)),
    )


# --- settings ------------------------------------------------------------------------------


@safe_callback
def _lang_changed() -> None:
    state.update(state_with(lang=st.session_state["lang"]))


@safe_callback
def _version_changed() -> None:
    state.update(state_with(version=st.session_state["policy_version"]))


def state_with(**changes: Any) -> PageState:
    return replace(state.current(), **changes)


def sidebar_settings(current: PageState) -> None:
    """Language, policy version and basemap choice, at the top of the sidebar."""
    lang = current.lang
    state.show_in_widget("lang", lang)
    st.sidebar.radio(
        "Taal / Language",
        LANGUAGES,
        format_func=lambda code: LANGUAGE_NAMES[code],
        key="lang",
        horizontal=True,
        on_change=_lang_changed,
    )
    versions = policy_versions()
    state.show_in_widget("policy_version", current.version)
    st.sidebar.selectbox(
        t("policy_version", lang),
        list(versions),
        format_func=lambda stem: versions[stem].label(lang),
        key="policy_version",
        help=t("scenario_version_locked" if current.scenario else "policy_version_help", lang),
        on_change=_version_changed,
        disabled=current.scenario is not None,
    )
    # The list cuts a long version name off: the whole name under it.
    st.sidebar.caption(
        wt(
            "page_use.layout.version_shown",
            lang,
            name=markdown(versions[current.version].label(lang)),
        )
    )
    st.sidebar.checkbox(t("basemap", lang), key="basemap", help=t("basemap_help", lang))


def version_dates(version: PolicyVersion, lang: Lang) -> str:
    none = t("date_not_in_sources", lang)
    signed = phrases.date(version.signed, lang) if version.signed else none
    in_force = phrases.date(version.in_force, lang) if version.in_force else none
    return f"{t('signed_label', lang)}: {signed}; {t('in_force_label', lang)}: {in_force}"


# --- parts of the page ---------------------------------------------------------------------


def render_map_notes(current: PageState, version: PolicyVersion, layer: MapLayer) -> None:
    """Under the map: how to use it, units it cannot draw, what the values cite, the credit."""
    lang = current.lang
    st.caption(t("map_click_hint", lang))
    if layer.undrawn:
        for unit in layer.undrawn:
            st.caption(
                f"**{unit.name}** ({unit.code}): {unit.gradation_label}; "
                f"{t('tooltip_ipa', lang)}: {unit.ipa_label}. {t('undrawn_reason', lang)}"
            )
    name = version.label(lang)
    if version.modified:
        name += f" ({t('modified_version', lang)})"
    st.caption(
        t(
            "map_caption",
            lang,
            version=name,
            dates=version_dates(version, lang),
            paragraphs="; ".join(cited_paragraphs(version)),
            attribution=t("data_credit", lang),
        )
    )
    st.caption(f'{t("map_disclaimer", lang)} {wt("map.disclaimer.boundaries", lang)}')


def render_legend(layer: MapLayer, lang: Lang) -> None:
    properties = [f["properties"] for f in layer.features["features"]]
    gradations = {p["gradation"] for p in properties} | {u.gradation for u in layer.undrawn}
    st.markdown(
        legend_html(lang, gradations, {p["ipa_role"] for p in properties}),
        unsafe_allow_html=True,
    )


def render_overview(version: PolicyVersion, lang: Lang, drawn: set[str], stem: str) -> None:
    """The overview of all units with its CSV, shown on request (a toggle, not an expander, so
    the first load does not wait for the download button's code; see render_link)."""
    if not st.toggle(t("overview_heading", lang), key="show_overview"):
        return
    frame = overview_frame(version, lang, drawn)
    st.markdown(overview_markdown(frame))
    st.download_button(
        t("overview_download", lang),
        overview_csv(frame),
        file_name=f"regions-{stem}-{lang}.csv",
        mime="text/csv",
        key="download_overview",
    )
    st.caption(t("overview_csv_note", lang))


def render_sources(version: PolicyVersion, lang: Lang) -> None:
    with st.expander(t("sources_heading", lang)):
        for source in version.sources:
            st.markdown(
                f"- {source.title}" + (f" — {source.reference}" if source.reference else "")
            )
        st.markdown(f"- {t('data_credit', lang)}")


def render_link(current: PageState) -> None:
    lang = current.lang
    # The link box appears on request: a code block on the first load would hold up the map
    # (the page loads each kind of element's code when it first shows one).
    if st.sidebar.toggle(t("link_heading", lang), key="show_link"):
        st.sidebar.caption(t("link_help", lang))
        st.sidebar.code(page_link(current), language=None, wrap_lines=True)


# The container of the answer and the legend (its key is its CSS class, see PAGE_CSS).
ANSWER_KEY = "answer_top"
# The container of the region's details, below the map and the answer.
DETAILS_KEY = "region_details"
TOOLS: tuple[str, ...] = ("scenario", "compare", "caseload", "briefing", "paragraphs")
TOOLS_KEY = "tools_choice"


def render_tools(current: PageState, shown: PolicyVersion, decision: Any) -> None:
    """Below the page: scenario editor, comparison, caseload and briefing downloads. Only the
    chosen one is built, so the map and the rest of the page stay as fast as without them."""
    lang = current.lang
    versions = policy_versions()

    def name(stem: str) -> str:
        return versions[stem].label(lang)

    st.header(t("tools_heading", lang))
    # Written every run, so the choice stays and shows in the page's language after a switch.
    state.show_in_widget(TOOLS_KEY, st.session_state.get(TOOLS_KEY))
    choice = st.radio(
        t("tools_heading", lang),
        TOOLS,
        index=None,
        format_func=lambda tool: t(f"tool_{tool}", lang),
        key=TOOLS_KEY,
        horizontal=True,
        label_visibility="collapsed",
        help=t("tools_help", lang),
    )
    scenario = current.scenario
    if choice == "scenario":
        render_scenario_editor(versions, current.version, scenario, lang, stem_of, name)
    elif choice == "compare":
        render_compare(versions, lang, served_leaflet_url(), name)
    elif choice == "caseload":
        render_caseload(current.version, versions, scenario, shown, lang, name)
    elif choice == "briefing":
        shown_name = name(current.version)
        if scenario is not None:
            shown_name = f"{markdown(scenario.title)} ({t('col_base', lang)}: {shown_name})"
        render_downloads(versions[current.version], scenario, decision, lang, shown_name)
    elif choice == "paragraphs":
        # The law text of the version itself: a scenario changes values, not the decree.
        render_paragraphs(versions[current.version], lang)


def render_page_words(lang: Lang) -> None:
    """Streamlit's own words in the page's language and its uploader's real limits
    (`ui.page_words`); last in the run, once the page is complete."""
    limits = {
        t("scenario_upload", lang): f"{SCENARIO_MAX_BYTES // 1024} KiB",
        t("caseload_upload", lang): f"{CASELOAD_MAX_BYTES // (1024 * 1024)} MB",
    }
    st.html(page_words_html(lang, limits), unsafe_allow_javascript=True)


# --- the page ------------------------------------------------------------------------------


def main() -> None:
    st.set_page_config(page_title="C7/23 Vc — Mali", page_icon="🗺️", layout="wide")
    # A server started by the launcher loads what every session needs in the background
    # (ui/warm_up.py): its first session waits for that rather than doing it a second time.
    wait_for_warm_up()
    lang: Lang = state.current().lang if state.started() else "nl"
    try:
        versions = policy_versions()
        stem_in_force()
    except PolicyError as error:
        st.error(t("error_policy", lang, message=str(error)))
        st.stop()
    if not state.started():
        start_from_link()
    else:
        follow_history()
    basemap = bool(st.session_state.get("basemap", False))
    current = state.current()
    what_if = scenario_key(current)
    parts = map_parts(current.version, basemap, what_if)
    clicked = clicked_region(parts.component_key)
    if clicked is not None and clicked in {r.code for r in versions[current.version].regions}:
        state.select_region(clicked)
        current = state.current()
    lang = current.lang
    base = versions[current.version]
    scenario = current.scenario
    # The version every view shows and decides under: the scenario's, while one is on.
    version = shown_version(current.version, what_if)
    complete = page_complete(parts.component_key)

    st.title(t("page_title", lang))
    # The page's styles travel with the subtitle, which every run sends before the map: the
    # title and the map keep their place from the first run on.
    st.caption(t("page_subtitle", lang) + PAGE_CSS, unsafe_allow_html=True)
    for notice in state.link_notices():
        st.info(notice_text(notice, lang))
    report_failed_callback(lang)
    if scenario is not None:
        render_banner(scenario, base, lang)
    map_column, side_column = st.columns([1, 1], gap="medium")
    drawn: set[str] = set()
    with map_column, guarded(lang, "map"):
        draw(
            parts,
            map_overlay(current.version, basemap, lang, current.region, what_if),
            report_when_drawn=not complete,
        )
        if not complete:
            wait_for_map(lang)
            settle_heap()
            return
        layer = map_layer(current.version, lang, what_if)
        drawn = {f["properties"]["code"] for f in layer.features["features"]}
        if scenario is not None:
            title = markdown(scenario.title)
            base_name = markdown(base.label(lang))
            st.caption(t("scenario_map_caption", lang, title=title, base=base_name))
        render_map_notes(current, version, layer)
    case = state.case_of(current)
    decision = None
    with side_column, st.container(key=ANSWER_KEY):
        with guarded(lang, "outcome"):
            if case is None:
                st.info(t("hint_choose_region", lang))
            else:
                try:
                    decision = evaluate(case, version)
                except PolicyError as error:
                    st.error(t("error_region", lang, message=markdown(str(error))))
                if decision is not None:
                    if scenario is not None:
                        render_outcome_marking(scenario, base, lang, decision.region_code)
                    render_headline(decision, lang)
        with guarded(lang, "legend"):
            render_legend(map_layer(current.version, lang, what_if), lang)
            if scenario is not None:
                st.caption(legend_note(scenario, base, lang))
    with side_column:
        if decision is not None:
            with guarded(lang, "outcome card"):
                render_summary(decision, lang, current.named)
                with st.expander(t("outcome_details", lang)):
                    render_card(decision, lang, current.named)
    # The region's details (its level, protection alternative and their quotes, the reasons in
    # the sources) under the map and the answer, over the page's whole width: the right column
    # stays as short as the map's, and the quotes take fewer lines.
    with st.container(key=DETAILS_KEY):
        st.header(t("details_heading", lang))
        with guarded(lang, "details"):
            if scenario is not None and current.region is not None:
                render_details_marking(scenario, base, lang, current.region)
            render_region_details(version, lang, drawn)
    with guarded(lang, "overview"):
        if scenario is not None:
            st.caption(t("scenario_overview_note", lang, title=markdown(scenario.title)))
        render_overview(version, lang, drawn, current.version)
    with guarded(lang, "sources"):
        render_sources(version, lang)
    with guarded(lang, "tools"):
        render_tools(current, version, decision)
    with st.sidebar:
        with guarded(lang, "settings"):
            sidebar_settings(current)
        st.divider()
        with guarded(lang, "form"):
            if scenario is not None:
                st.warning(t("scenario_form_note", lang, title=markdown(scenario.title)), icon="⚠️")
            decision_form(version, lang)
    with guarded(lang, "link"):
        render_link(current)
        write_link(current)
    # Print styles last, as Markdown (an st.html element would load its own code).
    # With them, the invisible mark of why this session's page is whole (map report or timer).
    st.sidebar.markdown(PRINT_CSS + reason_mark(), unsafe_allow_html=True)
    with guarded(lang, "page words"):
        render_page_words(lang)
    settle_heap()


main()
