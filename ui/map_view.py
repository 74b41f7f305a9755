"""The policy map on the page: built once per version, dressed per language and selection.

Why this is not a plain `st_folium(map)` call: `st_folium` renders the whole folium map on every
rerun, and any change in the map's script gives the component a new identity, so the frame is
rebuilt and the user's zoom and pan are lost. Here the map's parts (script, header, links and
the component key streamlit-folium derives from the script) are rendered once per version and
cached for all sessions; what changes with the language or the selection travels as the
component's `feature_group` script (`geodata.map_render.overlay_script`), which streamlit-folium
applies to the live map without a remount. The parts are passed to streamlit-folium's own
component (pinned in constraints.txt), exactly as `st_folium` passes them.

A click on a region arrives as the component's value; `clicked_region` reads it at the top of
the next run, before any widget is drawn, so the map, the details and the form all show the
clicked region in that same run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

import streamlit as st
import streamlit_folium

from geodata.map_render import (
    MALI_BOUNDS,
    build_policy_map,
    compact_embedded_data,
    compact_features,
    label_points,
    neighbour_label_points,
    overlay_script,
    split_off_label_points,
)
from geodata.palette import gradation_colour
from geodata.policy_layer import policy_map_layer
from policy import PolicyVersion
from ui.map_interaction import MapInteraction, interaction_texts_script
from ui.texts import Lang, t
from wording import phrases
from wording import t as wt

MAP_KEY: Final = "policy_map"
MAP_HEIGHT: Final = 480
RETURNED: Final = ("last_object_clicked_count", "last_active_drawing")
_HANDLED_KEY: Final = "policy_map_handled_click"


@dataclass(frozen=True)
class MapParts:
    """What streamlit-folium's component needs to draw the map, rendered once."""

    script: str
    header: str
    html: str
    map_id: str
    component_key: str
    css_links: tuple[str, ...]
    js_links: tuple[str, ...]
    labels: dict[str, tuple[tuple[float, float], str]]

    @property
    def size(self) -> int:
        """Bytes of the map's own script, header and HTML (the overlay comes on top)."""
        return len((self.script + self.header + self.html).encode())


def render_parts(
    version: PolicyVersion, leaflet_url: str, basemap: bool, changed_codes: tuple[str, ...] = ()
) -> MapParts:
    """Render the map of `version` into the parts the component takes (no Streamlit calls).

    `changed_codes`: the regions a what-if scenario changed, outlined on the map."""
    layer = policy_map_layer(version, "en")  # language-free: only codes and styles are used
    # The area attributed to a split-off unit (Taoudénit) is filled with its own value.
    scope_fills = {unit.code: gradation_colour(unit.gradation) for unit in layer.undrawn}
    fmap = build_policy_map(
        compact_features(layer.features),
        leaflet_url=leaflet_url,
        basemap=basemap,
        scope_fills=scope_fills,
        changed_codes=changed_codes,
    )
    MapInteraction(MALI_BOUNDS, grow=True).add_to(fmap)
    fmap.get_root().render()
    fmap.render()
    html = streamlit_folium._get_html(fmap)
    header = streamlit_folium._get_header(fmap)
    script = compact_embedded_data(fmap, streamlit_folium._get_map_string(fmap))
    names = {region.code: region.name for region in version.regions}
    # Names: each unit (a parent of a split-off area in its unambiguous part), the split-off
    # areas themselves; the neighbours' names come per language in `overlay`.
    points = label_points(layer.features) | split_off_label_points()
    return MapParts(
        script=script,
        header=header,
        html=html,
        map_id=streamlit_folium.get_full_id(fmap),
        component_key=streamlit_folium.generate_js_hash(script, MAP_KEY, False),
        css_links=tuple(href for _, href in fmap.default_css),
        js_links=tuple(src for _, src in fmap.default_js),
        labels={code: (point, names[code]) for code, point in points.items()},
    )


def overlay(version: PolicyVersion, parts: MapParts, lang: Lang, selected: str | None) -> str:
    """The overlay script for one language and selection."""
    layer = policy_map_layer(version, lang)
    tooltips = {}
    for feature in layer.features["features"]:
        p = feature["properties"]
        tooltips[p["code"]] = (
            ("", version.region(p["code"]).name),
            (t("tooltip_gradation", lang), p["gradation_label"]),
            (t("tooltip_ipa", lang), phrases.ipa_status(p["ipa_role"], lang)),
        )
    labels = dict(parts.labels)
    for iso, point in neighbour_label_points().items():
        labels[f"n-{iso}"] = (point, wt(f"map.neighbour.{iso}", lang))
    return overlay_script(
        tooltips=tooltips,
        labels=labels,
        selected=selected,
        zoom_titles=(t("zoom_in", lang), t("zoom_out", lang)),
        frame_title=t("map_frame_title", lang),
        lang=lang,
        band=wt("map.scenario.band", lang) if version.modified else "",
    ) + interaction_texts_script(
        wheel_hint=wt("page_use.map.wheel_hint", lang),
        reset=wt("page_use.map.reset_title", lang),
    )


def draw(parts: MapParts, overlay_js: str, report_when_drawn: bool = False) -> None:
    """The map component, with the arguments `st_folium` would give it.

    The default is exactly what the frontend reports before any click (same keys, same order):
    it then sends nothing on load, so a new map (another version) costs no second run. With
    `report_when_drawn` the default is None, so the frontend sends its value as soon as the map
    and its shapes are set up: the signal `ui.first_load` waits for.
    """
    defaults: dict[str, Any] | None = (
        None if report_when_drawn else {"last_object_clicked_count": 0, "last_active_drawing": None}
    )
    streamlit_folium._component_func(
        script=parts.script,
        header=parts.header,
        html=parts.html,
        id=parts.map_id,
        key=parts.component_key,
        height=MAP_HEIGHT,
        width=None,
        returned_objects=list(RETURNED),
        default=defaults,
        zoom=None,
        center=None,
        feature_group=overlay_js,
        return_on_hover=False,
        layer_control=None,
        pixelated=False,
        css_links=list(parts.css_links),
        js_links=list(parts.js_links),
        wrap_longitude=False,
    )


def clicked_region(component_key: str) -> str | None:
    """The region of a map click not yet acted on, or None.

    The component keeps its last value; a click counter tells a new click from an old one.
    """
    value = st.session_state.get(component_key)
    if not isinstance(value, dict):
        return None
    count = value.get("last_object_clicked_count")
    drawing = value.get("last_active_drawing")
    if not count or not isinstance(drawing, dict):
        return None
    marker = (component_key, count)
    if st.session_state.get(_HANDLED_KEY) == marker:
        return None
    st.session_state[_HANDLED_KEY] = marker
    code = (drawing.get("properties") or {}).get("code")
    return code if isinstance(code, str) else None
