"""Map dashboard of the Dutch asylum country policy for Mali (C7/23 Vc, WBV 2025/11).

Start with `scripts/dashboard` (or `streamlit run dashboard.py` once installed). This file only
composes the page: the rules live in `policy/`, the geography and map rendering in `geodata/`,
and the page's pieces (texts, legend, details, form, outcome card) in `ui/`.
"""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

import geodata
from geodata.map_render import build_policy_map
from policy import PolicyError, PolicyVersion, list_versions, load_version
from ui.assets import ensure_leaflet, leaflet_url
from ui.details import render_region_details
from ui.form import decision_form
from ui.legend import legend_html
from ui.map_data import MapLayer, cited_paragraphs, policy_map_layer
from ui.region_select import select_region_everywhere
from ui.texts import LANGUAGE_NAMES, LANGUAGES, Lang, t

MAP_KEY = "policy_map"
MAP_HEIGHT = 560


@st.cache_resource
def served_leaflet_url() -> str:
    """Copy Leaflet into static/ once per server process; the URL the map loads it from."""
    ensure_leaflet()
    return leaflet_url(st.get_option("server.baseUrlPath") or "")


@st.cache_resource
def policy_versions() -> dict[str, PolicyVersion]:
    """All policy versions by id. Shared by all sessions: the models are frozen."""
    return {version.id: version for version in list_versions()}


@st.cache_resource
def version_in_force() -> str:
    return load_version(None).id


@st.cache_data
def map_layer(version_id: str, lang: Lang) -> MapLayer:
    """The joined map layer of one version, built once per version and language."""
    return policy_map_layer(policy_versions()[version_id], lang)


def on_map_click() -> None:
    """A click on a region selects it in the details and in the decision form."""
    value = st.session_state.get(MAP_KEY) or {}
    drawing = value.get("last_active_drawing") or {}
    code = (drawing.get("properties") or {}).get("code")
    if code:
        select_region_everywhere(code)


def version_dates(version: PolicyVersion, lang: Lang) -> str:
    signed = version.signed.isoformat() if version.signed else t("date_not_in_sources", lang)
    in_force = version.in_force.isoformat() if version.in_force else t("date_not_in_sources", lang)
    return f"{t('signed_label', lang)}: {signed}; {t('in_force_label', lang)}: {in_force}"


def sidebar_settings() -> tuple[Lang, PolicyVersion, bool]:
    """Language, policy version and basemap choice, at the top of the sidebar."""
    lang: Lang = st.sidebar.radio(
        "Taal / Language",
        LANGUAGES,
        format_func=lambda code: LANGUAGE_NAMES[code],
        key="lang",
        horizontal=True,
    )
    versions = policy_versions()
    ids = list(versions)
    version_id = st.sidebar.selectbox(
        t("policy_version", lang),
        ids,
        index=ids.index(version_in_force()),
        format_func=lambda i: f"{i} — {versions[i].title}",
        key="policy_version",
        help=t("policy_version_help", lang),
    )
    basemap = st.sidebar.checkbox(t("basemap", lang), key="basemap", help=t("basemap_help", lang))
    return lang, versions[version_id], basemap


def render_map(version: PolicyVersion, lang: Lang, basemap: bool) -> set[str]:
    """The choropleth with legend, undrawn units and caption; returns the drawn unit codes."""
    layer = map_layer(version.id, lang)
    fmap = build_policy_map(
        layer.features,
        leaflet_url=served_leaflet_url(),
        tooltip_aliases=(
            t("tooltip_region", lang),
            t("tooltip_gradation", lang),
            t("tooltip_ipa", lang),
        ),
        basemap=basemap,
    )
    st_folium(
        fmap,
        key=MAP_KEY,
        height=MAP_HEIGHT,
        use_container_width=True,
        returned_objects=["last_active_drawing", "last_object_clicked_count"],
        on_change=on_map_click,
    )
    st.caption(t("map_click_hint", lang))
    properties = [f["properties"] for f in layer.features["features"]]
    gradations = {p["gradation"] for p in properties} | {u.gradation for u in layer.undrawn}
    st.markdown(
        legend_html(lang, gradations, {p["ipa_role"] for p in properties}),
        unsafe_allow_html=True,
    )
    if layer.undrawn:
        st.markdown(f"**{t('undrawn_heading', lang)}**")
        for unit in layer.undrawn:
            st.markdown(
                f"- **{unit.name}** ({unit.code}): {unit.gradation_label}; "
                f"{t('tooltip_ipa', lang)}: {unit.ipa_label}. {t('undrawn_reason', lang)}"
            )
    name = version.id + (f" ({t('modified_version', lang)})" if version.modified else "")
    st.caption(
        t(
            "map_caption",
            lang,
            version=name,
            dates=version_dates(version, lang),
            paragraphs="; ".join(cited_paragraphs(version)),
            attribution=geodata.ATTRIBUTION,
        )
    )
    st.caption(t("map_disclaimer", lang))
    return {p["code"] for p in properties}


def render_sources(version: PolicyVersion, lang: Lang) -> None:
    with st.expander(t("sources_heading", lang)):
        for source in version.sources:
            st.markdown(
                f"- {source.title}" + (f" — {source.reference}" if source.reference else "")
            )
        st.markdown(f"- {geodata.ATTRIBUTION}")


def main() -> None:
    st.set_page_config(page_title="C7/23 Vc — Mali", page_icon="🗺️", layout="wide")
    lang: Lang = st.session_state.get("lang", "nl")
    try:
        lang, version, basemap = sidebar_settings()
    except PolicyError as error:
        st.error(t("error_policy", lang, message=str(error)))
        st.stop()
    st.title(t("page_title", lang))
    st.caption(t("page_subtitle", lang))
    map_column, details_column = st.columns([3, 2], gap="large")
    with map_column:
        try:
            drawn = render_map(version, lang, basemap)
        except geodata.GeodataError as error:
            st.error(t("error_geodata", lang, message=str(error)))
            drawn = set()
    with details_column:
        st.subheader(t("details_heading", lang))
        render_region_details(version, lang, drawn)
    render_sources(version, lang)
    with st.sidebar:
        st.divider()
        decision_form(version, lang)


main()
