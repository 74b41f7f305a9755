"""The choropleth as a folium map that works with no internet.

folium points at CDNs for Leaflet, jQuery, Bootstrap and icon fonts by default. A GeoJSON
choropleth needs only Leaflet's JS and CSS, so `build_policy_map` replaces the map's asset lists
with the Leaflet files the app serves itself (see `ui.assets`), and draws no basemap unless the
user asks for one. The legend is drawn by the page, not by branca (which pulls d3 from a CDN).

Tooltip values are inserted into the page as HTML by Leaflet, so every string property is
escaped here, once, before it enters the GeoJSON.

The page keeps the map itself the same across language and selection (a changed map is
remounted by streamlit-folium and loses zoom and pan): `compact_features` gives the small,
language-free layer the map is built from, and `overlay_script` gives the JavaScript that the
page sends beside it for what changes — region names as labels, the tooltip in the page's
language, the selected region's outline, the zoom buttons' titles and the frame's title.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from typing import Any, Final, Literal, cast

import folium
import geopandas as gpd
from branca.element import Element, Figure, MacroElement
from jinja2 import Template
from jinja2.utils import htmlsafe_json_dumps
from shapely.geometry import shape

from geodata.palette import (
    IPA_DESTINATION_COLOUR,
    IPA_ORIGIN_DASH,
    OUTLINE_COLOUR,
    gradation_colour,
)

IpaRole = Literal["origin", "destination", "none", "unknown"]

MAP_PROPERTIES: Final[tuple[str, ...]] = (
    "code",
    "name",
    "gradation",
    "gradation_label",
    "ipa_role",
    "ipa_label",
)
TOOLTIP_FIELDS: Final[tuple[str, ...]] = ("name", "gradation_label", "ipa_label")
# The properties the page's map carries: style and click need only these; names and labels
# travel in the overlay, in the page's language.
COMPACT_PROPERTIES: Final[tuple[str, ...]] = ("code", "gradation", "ipa_role")
# 3 decimals of a degree is about 110 m: far below a pixel at the zoom levels a country map is
# read at, and neighbours that share a border round it identically.
COORDINATE_DECIMALS: Final = 3
MALI_BOUNDS: Final = [[10.1, -12.3], [25.1, 4.3]]
SELECTION_COLOUR: Final = "#000000"
SELECTION_HALO: Final = "#ffffff"

# Styles inside the map frame: no focus rectangle on a clicked shape, legible labels, a compact
# tooltip with one line per field.
MAP_CSS: Final = """
<style>
.leaflet-container { background: #dcdcdc; font: 13px/1.35 "Source Sans Pro", Arial, sans-serif; }
.leaflet-interactive:focus, .leaflet-container path:focus { outline: none; }
.leaflet-tooltip.unit-label {
  background: transparent; border: 0; box-shadow: none; padding: 0;
  color: #111; font-weight: 700; font-size: 12px; white-space: nowrap;
  text-shadow: -1px -1px 0 #fff, 1px -1px 0 #fff, -1px 1px 0 #fff, 1px 1px 0 #fff,
    0 0 3px #fff;
}
.leaflet-tooltip.unit-label::before { display: none; }
.leaflet-tooltip.unit-tip {
  white-space: nowrap; padding: 4px 8px; line-height: 1.35; color: #111;
  max-width: none; border: 1px solid #555;
}
.leaflet-tooltip.unit-tip b { font-weight: 700; }
</style>
"""


def feature_collection(units: gpd.GeoDataFrame) -> dict[str, Any]:
    """GeoJSON of the policy units with only the properties the map uses, strings escaped.

    `units` needs the columns in MAP_PROPERTIES and a geometry in EPSG:4326.
    """
    missing = [c for c in MAP_PROPERTIES if c not in units.columns]
    if missing:
        raise ValueError(f"map layer lacks the column(s) {', '.join(missing)}")
    features = []
    for row in units.itertuples(index=False):
        properties = {name: html.escape(str(getattr(row, name))) for name in MAP_PROPERTIES}
        features.append(
            {
                "type": "Feature",
                "properties": properties,
                "geometry": row.geometry.__geo_interface__,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _rounded(coordinates: Any, decimals: int) -> Any:
    if isinstance(coordinates, (int, float)):
        return round(float(coordinates), decimals)
    return [_rounded(part, decimals) for part in coordinates]


def compact_features(
    features: Mapping[str, Any], decimals: int = COORDINATE_DECIMALS
) -> dict[str, Any]:
    """The features with only COMPACT_PROPERTIES and coordinates rounded to `decimals`: what the
    page's map needs, about half the bytes of the full layer."""
    compact = []
    for feature in features["features"]:
        geometry = feature["geometry"]
        compact.append(
            {
                "type": "Feature",
                "properties": {k: feature["properties"][k] for k in COMPACT_PROPERTIES},
                "geometry": {
                    "type": geometry["type"],
                    "coordinates": _rounded(geometry["coordinates"], decimals),
                },
            }
        )
    return {"type": "FeatureCollection", "features": compact}


def unit_style(properties: Mapping[str, str]) -> dict[str, Any]:
    """Leaflet path style of one unit: fill by gradation, outline by IPA role.

    The dot that marks the IPA destination (a point feature, see `destination_layer`) is filled
    with the destination colour instead.
    """
    role = properties["ipa_role"]
    if properties.get("marker") == "dot":
        return {
            "fillColor": IPA_DESTINATION_COLOUR,
            "fillOpacity": 1.0,
            "color": IPA_DESTINATION_COLOUR,
            "weight": 2,
            "className": "ipa-destination-dot",
        }
    style: dict[str, Any] = {
        "fillColor": gradation_colour(properties["gradation"]),
        "fillOpacity": 0.85,
        "color": OUTLINE_COLOUR,
        "weight": 1,
        # Classes let a browser test (and a stylesheet) find each unit's shape.
        "className": f"policy-unit unit-{properties['code']}",
    }
    if role == "origin":
        style.update(weight=2.5, dashArray=IPA_ORIGIN_DASH)
    elif role == "destination":
        style.update(weight=4, color=IPA_DESTINATION_COLOUR)
    return style


def destination_layer(features: Mapping[str, Any]) -> dict[str, Any]:
    """The IPA destination's shape plus a dot with the same properties.

    Bamako is a few pixels wide at the scale of Mali and lies inside Koulikoro's outline, so it
    is drawn in a layer of its own on top, with a dot that is as clickable as the shape: a click
    on either selects Bamako, and the tooltip is the same.
    """
    layer = []
    for feature in features["features"]:
        if feature["properties"]["ipa_role"] != "destination":
            continue
        point = shape(feature["geometry"]).representative_point()
        layer.append(feature)
        layer.append(
            {
                "type": "Feature",
                "properties": {**feature["properties"], "marker": "dot"},
                "geometry": {"type": "Point", "coordinates": [point.x, point.y]},
            }
        )
    return {"type": "FeatureCollection", "features": layer}


def _policy_geojson(
    features: Mapping[str, Any], name: str, tooltip_aliases: tuple[str, str, str] | None
) -> folium.GeoJson:
    tooltip = None
    if tooltip_aliases is not None:
        tooltip = folium.GeoJsonTooltip(
            fields=list(TOOLTIP_FIELDS),
            aliases=[html.escape(a) for a in tooltip_aliases],
            sticky=True,
            style="white-space: normal; max-width: 22rem;",
        )
    return folium.GeoJson(
        dict(features),
        name=name,
        style_function=lambda feature: unit_style(feature["properties"]),
        highlight_function=lambda _feature: {"weight": 4, "fillOpacity": 0.95},
        marker=folium.CircleMarker(radius=6),
        tooltip=tooltip,
    )


class _MetricScale(MacroElement):
    """Leaflet's scale bar in kilometres only (folium's `control_scale` adds miles too)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        L.control.scale({imperial: false}).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )


def build_policy_map(
    features: Mapping[str, Any],
    *,
    leaflet_url: str,
    tooltip_aliases: tuple[str, str, str] | None = None,
    basemap: bool = False,
) -> folium.Map:
    """The folium map of the policy layer.

    `leaflet_url` is the URL folder (no trailing slash) where leaflet.js and leaflet.css are
    served by the app itself. `tooltip_aliases` label name, gradation and IPA in a tooltip built
    into the map (the features then need those properties); without them the map has no
    tooltip of its own and the page adds one with `overlay_script`.
    """
    fmap = folium.Map(
        location=[17.5, -4.0],
        zoom_start=5,
        tiles=None,
        control_scale=False,
        prefer_canvas=False,
        zoom_snap=0.25,
    )
    _MetricScale().add_to(fmap)
    root = cast(Figure, fmap.get_root())  # a folium Map's root is a branca Figure
    root.header.add_child(Element(MAP_CSS), name="policy_map_css")
    fmap.default_js = [("leaflet", f"{leaflet_url}/leaflet.js")]
    fmap.default_css = [("leaflet_css", f"{leaflet_url}/leaflet.css")]
    if basemap:
        folium.TileLayer("OpenStreetMap").add_to(fmap)
    others = {
        "type": "FeatureCollection",
        "features": [
            f for f in features["features"] if f["properties"]["ipa_role"] != "destination"
        ],
    }
    _policy_geojson(others, "policy", tooltip_aliases).add_to(fmap)
    destination = destination_layer(features)
    if destination["features"]:
        _policy_geojson(destination, "ipa-destination", tooltip_aliases).add_to(fmap)
    fmap.fit_bounds(MALI_BOUNDS)
    return fmap


def compact_embedded_data(fmap: folium.Map, script: str) -> str:
    """`script` (the rendered map) with each GeoJSON layer's data written as compact JSON.

    folium embeds a layer's data as `json.dumps(data, sort_keys=True)` made HTML-safe, with a
    space after every comma and colon: about a tenth of the page map's bytes. The same data,
    equally HTML-safe, is written here without those spaces. Raises ValueError when the
    expected text is not in the script exactly once (a folium that embeds differently), rather
    than sending a map whose data was not replaced.
    """
    for child in fmap._children.values():
        if not isinstance(child, folium.GeoJson):
            continue
        embedded = str(htmlsafe_json_dumps(child.data, sort_keys=True))
        if script.count(embedded) != 1:
            raise ValueError(f"{child.get_name()}: embedded GeoJSON not found once in the map")
        compact = str(htmlsafe_json_dumps(child.data, sort_keys=True, separators=(",", ":")))
        script = script.replace(embedded, compact)
    return script


def label_points(features: Mapping[str, Any]) -> dict[str, tuple[float, float]]:
    """Per unit code, a (lat, lon) inside its shape where its name label goes."""
    points = {}
    for feature in features["features"]:
        if feature["geometry"]["type"] == "Point":
            continue
        point = shape(feature["geometry"]).representative_point()
        points[feature["properties"]["code"]] = (round(point.y, 3), round(point.x, 3))
    return points


# Runs inside the map frame each time the overlay changes (language, selection): no remount.
# `window.map` is the Leaflet map; the returned layer group is removed before the next overlay.
# The group is added at once, and dressed (tooltips, names, selection) after the next paint, so
# the shapes show first (the dressing takes about as long as drawing the shapes). An overlay that
# a newer one replaced before its turn (its group no longer on the map) does nothing.
_OVERLAY_JS = """
(function () {
  var cfg = %s;
  var map = window.map;
  var group = L.layerGroup().addTo(map);
  window.feature_group = [group];
  var closeTip = function (e) { if (e.target.closeTooltip) { e.target.closeTooltip(); } };
  var dress = function () {
    if (!map.hasLayer(group)) { return; }
    map.eachLayer(function (layer) {
      var p = layer.feature && layer.feature.properties;
      if (!p || !cfg.tips[p.code] || !layer.bindTooltip) { return; }
      layer.bindTooltip(cfg.tips[p.code], {sticky: true, direction: "top", offset: [0, -12],
                                           className: "unit-tip"});
      layer.off("click", closeTip).on("click", closeTip);
      if (p.code === cfg.selected && layer.toGeoJSON && !p.marker) {
        var data = layer.toGeoJSON();
        group.addLayer(L.geoJSON(data, {interactive: false, style: {
          color: cfg.halo, weight: 8, opacity: 0.9, fill: false}}));
        group.addLayer(L.geoJSON(data, {interactive: false, style: {
          color: cfg.outline, weight: 3.5, opacity: 1, fill: false,
          className: "selected-unit"}}));
      }
    });
    Object.keys(cfg.labels).forEach(function (code) {
      var label = cfg.labels[code];
      group.addLayer(L.tooltip({permanent: true, direction: "center", interactive: false,
                                className: "unit-label unit-label-" + code})
        .setLatLng(label[0]).setContent(label[1]));
    });
    if (map.zoomControl) {
      [[map.zoomControl._zoomInButton, cfg.zoomIn], [map.zoomControl._zoomOutButton, cfg.zoomOut]]
        .forEach(function (pair) {
          pair[0].title = pair[1];
          pair[0].setAttribute("aria-label", pair[1]);
        });
    }
    try {
      if (window.frameElement) { window.frameElement.setAttribute("title", cfg.frameTitle); }
      window.parent.document.documentElement.lang = cfg.lang;
    } catch (e) { /* another origin: nothing to name */ }
  };
  requestAnimationFrame(function () { setTimeout(dress, 0); });
})();
"""


def overlay_script(
    *,
    tooltips: Mapping[str, Sequence[tuple[str, str]]],
    labels: Mapping[str, tuple[tuple[float, float], str]],
    selected: str | None,
    zoom_titles: tuple[str, str],
    frame_title: str,
    lang: str,
) -> str:
    """The JavaScript that dresses the map in the page's language and shows the selection.

    `tooltips`: per unit code, (field, value) lines shown one per line; `labels`: per code, the
    (lat, lon) and name of its label. Every text is HTML-escaped here and the whole
    configuration is JSON with `<`, `>` and `&` written as escapes, so nothing in it can end the
    script or become markup.
    """
    tips = {
        code: "<br>".join(
            (
                f"<b>{html.escape(value)}</b>"
                if not field
                else f"{html.escape(field)}: {html.escape(value)}"
            )
            for field, value in lines
        )
        for code, lines in tooltips.items()
    }
    config = {
        "tips": tips,
        "labels": {
            code: [list(point), html.escape(name)] for code, (point, name) in labels.items()
        },
        "selected": selected,
        "zoomIn": zoom_titles[0],
        "zoomOut": zoom_titles[1],
        "frameTitle": frame_title,
        "lang": lang,
        "outline": SELECTION_COLOUR,
        "halo": SELECTION_HALO,
    }
    text = json.dumps(config, ensure_ascii=False)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return _OVERLAY_JS % text
