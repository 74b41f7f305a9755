"""Compare two policy versions on the page: a map of the change per region with its own legend,
and a table of every changed field with the citation on both sides.

Why a map of its own and not the policy map: the policy map's colours mean a gradation; here a
colour means a *change* (`policy.diff.change_map`), so mixing them would mislead. The colours
are the briefing images' (`geodata.palette.CHANGE_COLOURS`), so the page and a printed
comparison agree. Built only when the user opens this view.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping
from typing import Any, Final, cast

import folium
import pandas as pd
import streamlit as st
from branca.element import Figure
from streamlit_folium import st_folium

from geodata.map_render import MALI_BOUNDS, label_points
from geodata.palette import CHANGE_COLOURS as _PALETTE  # the briefing palette's change colours
from geodata.palette import OUTLINE_COLOUR
from geodata.policy_layer import policy_map_layer
from policy import PolicyVersion, gradation_label
from policy.diff import (
    MAP_CLASSES,
    RegionChange,
    change_label,
    change_map,
    diff_versions,
    field_label,
    map_class_label,
)
from policy.models import Citation
from ui.map_interaction import MapInteraction
from ui.texts import Lang, t
from wording import phrases
from wording import t as wt
from wording.escape import markdown

# Classes the briefing palette does not colour get a colour of the same family here.
_FALLBACK: Final[dict[str, str]] = {
    "raised": "#b35806",
    "lowered": "#542788",
    "changed": "#dfc27d",
    "became_known": "#b2abd2",
    "became_unknown": "#969696",
    "ipa_added": "#35978f",
    "ipa_removed": "#c7eae5",
    "ipa_became_known": "#80cdc1",
    "ipa_became_unknown": "#d9d9d9",
    "unchanged": "#f7f7f7",
}
CHANGE_FILL: Final[dict[str, str]] = {c: _PALETTE.get(c, _FALLBACK[c]) for c in MAP_CLASSES}
FROM_KEY: Final = "compare_from"
TO_KEY: Final = "compare_to"
_SWATCH: Final = (
    '<span style="display:inline-block;width:1.1em;height:1.1em;margin-right:.5em;'
    'vertical-align:middle;background:{fill};border:1px solid {border}"></span>'
)


def value_text(change: RegionChange, value: str | bool | None, lang: Lang) -> str:
    if change.field == "gradation":
        return gradation_label(str(value), lang)
    return phrases.ipa_value(value if isinstance(value, bool) else None, lang)


def citation_text(citation: Citation) -> str:
    """Paragraph and Dutch sentence (the sentence is what the law says)."""
    sentence = " ".join((citation.text_nl or "").split())
    return f"{citation.paragraph}: {sentence}" if sentence else citation.paragraph


def changes_frame(a: PolicyVersion, b: PolicyVersion, lang: Lang) -> pd.DataFrame:
    """One row per changed field: region, field, from, to, change, both citations."""
    rows = [
        {
            t("col_region", lang): change.name,
            t("col_code", lang): change.code,
            t("col_field", lang): field_label(change.field, lang),
            t("col_from", lang): value_text(change, change.old, lang),
            t("col_to", lang): value_text(change, change.new, lang),
            t("col_change", lang): change_label(change.change, lang),
            t("col_from_citation", lang): citation_text(change.from_citation),
            t("col_to_citation", lang): citation_text(change.to_citation),
        }
        for change in diff_versions(a, b)
    ]
    columns = [
        t(key, lang)
        for key in (
            "col_region",
            "col_code",
            "col_field",
            "col_from",
            "col_to",
            "col_change",
            "col_from_citation",
            "col_to_citation",
        )
    ]
    return pd.DataFrame(rows, columns=columns)


def legend_html(classes: set[str], lang: Lang) -> str:
    """The comparison legend: only the classes the map shows, in legend order."""
    rows = [
        f"<div>{_SWATCH.format(fill=CHANGE_FILL[c], border=OUTLINE_COLOUR)}"
        f"{html.escape(map_class_label(c, lang))}</div>"
        for c in MAP_CLASSES
        if c in classes
    ]
    heading = html.escape(t("compare_legend_heading", lang))
    return (
        f'<div class="compare-legend" style="line-height:1.9;font-size:0.9rem">'
        f"<strong>{heading}</strong>{''.join(rows)}</div>"
    )


def change_features(
    a: PolicyVersion, b: PolicyVersion, lang: Lang
) -> tuple[dict[str, Any], dict[str, str]]:
    """The drawn units with their change class and an escaped tooltip; and every class."""
    classes = change_map(a, b)
    layer = policy_map_layer(b, lang)
    features = []
    for feature in layer.features["features"]:
        code = feature["properties"]["code"]
        label = map_class_label(classes[code], lang)
        name = b.region(code).name
        features.append(
            {
                "type": "Feature",
                "geometry": feature["geometry"],
                "properties": {
                    "code": code,
                    "change": classes[code],
                    "tip": html.escape(f"{name}: {label}"),
                    "name": name,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}, classes


def compare_map(features: Mapping[str, Any], leaflet_url: str, lang: Lang = "nl") -> folium.Map:
    """A static folium map filled by change class (Leaflet from the app itself, no tiles),
    each region named on it; it moves as the page map does (`ui.map_interaction`)."""
    fmap = folium.Map(location=[17.5, -4.0], zoom_start=5, tiles=None, zoom_snap=0.25)
    fmap.default_js = [("leaflet", f"{leaflet_url}/leaflet.js")]
    fmap.default_css = [("leaflet_css", f"{leaflet_url}/leaflet.css")]
    folium.GeoJson(
        dict(features),
        name="changes",
        style_function=lambda feature: {
            "fillColor": CHANGE_FILL[feature["properties"]["change"]],
            "fillOpacity": 0.9,
            "color": OUTLINE_COLOUR,
            "weight": 1,
            "className": f"change-unit change-{feature['properties']['change']} "
            f"unit-{feature['properties']['code']}",
        },
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False),
    ).add_to(fmap)
    for point, name in _name_labels(features):
        folium.Marker(
            point,
            icon=folium.DivIcon(
                html=f'<div class="change-name">{html.escape(name)}</div>',
                class_name="change-label",
                icon_size=(0, 0),
            ),
            interactive=False,
        ).add_to(fmap)
    root = cast(Figure, fmap.get_root())  # a folium Map's root is a branca Figure
    root.header.add_child(folium.Element(_LABEL_CSS), name="change_label_css")
    MapInteraction(
        MALI_BOUNDS,
        texts={
            "wheelHint": wt("page_use.map.wheel_hint", lang),
            "reset": wt("page_use.map.reset_title", lang),
            "frameTitle": wt("page_use.map.compare_frame_title", lang),
        },
    ).add_to(fmap)
    fmap.fit_bounds(MALI_BOUNDS)
    return fmap


_LABEL_CSS: Final = """<style>
.change-name { transform: translate(-50%, -50%); white-space: nowrap; font: 600 12px/1.2
  sans-serif; color: #111; text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 2px #fff;
  pointer-events: none; }
</style>"""


def _name_labels(features: Mapping[str, Any]) -> list[tuple[tuple[float, float], str]]:
    """A (lat, lon) inside each drawn region and its name, for the names on the change map."""
    points = label_points(features)
    return [
        (points[f["properties"]["code"]], f["properties"]["name"])
        for f in features["features"]
        if f["properties"]["code"] in points
    ]


def render_compare(
    versions: Mapping[str, PolicyVersion],
    lang: Lang,
    leaflet_url: str,
    version_name: Any,
) -> None:
    """The comparison view: two version choices, the change map with its legend, the table."""
    st.caption(t("compare_intro", lang))
    stems = list(versions)
    # Oldest first: the default answers "what changed with the newest version".
    ordered = sorted(
        stems, key=lambda s: (versions[s].in_force or versions[s].signed or dt.date.min, s)
    )
    left, right = st.columns(2)
    stem_a = left.selectbox(
        t("compare_from", lang),
        stems,
        index=stems.index(ordered[0]),
        key=FROM_KEY,
        format_func=version_name,
    )
    stem_b = right.selectbox(
        t("compare_to", lang),
        stems,
        index=stems.index(ordered[-1]),
        key=TO_KEY,
        format_func=version_name,
    )
    if stem_a == stem_b:
        st.info(t("compare_same", lang))
        return
    a, b = versions[stem_a], versions[stem_b]
    frame = changes_frame(a, b, lang)
    changes = diff_versions(a, b)
    if not changes:
        st.info(t("compare_none", lang))
    else:
        st.markdown(f"**{markdown(headline(changes, lang))}**")
    features, classes = change_features(a, b, lang)
    map_column, legend_column = st.columns([3, 2])
    with map_column:
        st_folium(
            compare_map(features, leaflet_url, lang),
            height=420,
            returned_objects=[],
            key=f"compare_map_{stem_a}_{stem_b}_{lang}",
        )
        st.caption(t("compare_map_caption", lang, a=version_name(stem_a), b=version_name(stem_b)))
    with legend_column:
        st.markdown(legend_html(set(classes.values()), lang), unsafe_allow_html=True)
    # Static tables wrap their text, so nothing is cut off at 1366 pixels: the changes first,
    # the two versions' source sentences in a second table.
    citations = [t("col_from_citation", lang), t("col_to_citation", lang)]
    if len(frame):
        st.table(frame.drop(columns=citations).set_index(t("col_region", lang)))
        with st.expander(wt("page_use.compare.sources_heading", lang)):
            keys = [t("col_region", lang), t("col_field", lang), *citations]
            st.table(frame[keys].set_index(t("col_region", lang)))


def headline(changes: list[RegionChange], lang: Lang) -> str:
    """What changed, counted as `policy.diff` classes it: the levels raised or lowered (named),
    the protection alternative added or removed, and the regions whose earlier (or later) text
    is not in the sources, which are not changes of the policy but gaps in what we hold."""
    levels = [c for c in changes if c.field == "gradation" and c.change in _RANKED]
    ipa = [c for c in changes if c.field == "ipa_applies" and c.change in ("added", "removed")]
    decided = {c.code for c in levels + ipa}
    earlier = {c.code for c in changes if c.change == "became_known"} - decided
    later = {c.code for c in changes if c.change == "became_unknown"} - decided - earlier
    named = ", ".join(wt(f"page_use.compare.{c.change}", lang, region=c.name) for c in levels)
    if not levels:
        parts = [wt("page_use.compare.levels_none", lang)]
    elif len(levels) == 1:
        parts = [wt("page_use.compare.levels_one", lang, regions=named)]
    else:
        parts = [wt("page_use.compare.levels_many", lang, count=len(levels), regions=named)]
    if ipa:
        listed = ", ".join(wt(f"page_use.compare.ipa_{c.change}", lang, region=c.name) for c in ipa)
        parts.append(wt("page_use.compare.ipa", lang, count=len(ipa), regions=listed))
    if earlier:
        parts.append(wt("page_use.compare.earlier_unknown", lang, count=len(earlier)))
    if later:
        parts.append(wt("page_use.compare.later_unknown", lang, count=len(later)))
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


_RANKED: Final = ("raised", "lowered", "changed")
