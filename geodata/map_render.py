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

import copy
import html
import json
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any, Final, Literal, cast

import folium
import geopandas as gpd
from branca.element import Element, Figure, MacroElement
from jinja2 import Template
from jinja2.utils import htmlsafe_json_dumps
from shapely.geometry import box, shape
from shapely.ops import polylabel

from geodata.map_geometry import (
    country_outline,
    ipa_origin_line,
    neighbours,
    scope_unclear_hatch,
)
from geodata.map_style import map_style
from geodata.palette import IPA_DESTINATION_COLOUR, OUTLINE_COLOUR, gradation_colour
from geodata.split_off_shapes import split_off_shapes, unambiguous_part

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

# Styles inside the map frame: no focus rectangle on a clicked shape, legible labels, a compact
# tooltip with one line per field.
MAP_CSS: Final = """
<style>
.leaflet-container { background: NEIGHBOUR_FILL;
  font: 13px/1.35 "Source Sans Pro", Arial, sans-serif; }
.leaflet-interactive:focus, .leaflet-container path:focus { outline: none; }
.leaflet-tooltip.unit-label {
  background: transparent; border: 0; box-shadow: none; padding: 0;
  color: #111; font-weight: 700; font-size: 12px; white-space: nowrap;
  text-shadow: -1px -1px 0 #fff, 1px -1px 0 #fff, -1px 1px 0 #fff, 1px 1px 0 #fff,
    0 0 3px #fff;
}
.leaflet-tooltip.unit-label::before { display: none; }
.leaflet-tooltip.unit-label.neighbour-label { color: #595959; font-weight: 600; font-size: 11px; }
.leaflet-tooltip.unit-label.scope-label { font-style: italic; }
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
    region = map_style().lines["region_border"]
    style: dict[str, Any] = {
        "fillColor": gradation_colour(properties["gradation"]),
        # Full legend colour: a paler fill than the legend's swatch reads as another class.
        "fillOpacity": 1.0,
        "color": OUTLINE_COLOUR,
        "weight": region.width_px,
        # Classes let a browser test (and a stylesheet) find each unit's shape.
        "className": f"policy-unit unit-{properties['code']}",
    }
    if role == "destination":
        style.update(
            weight=map_style().lines["ipa_destination"].width_px, color=IPA_DESTINATION_COLOUR
        )
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


def _context_geojson(collection: Mapping[str, Any], name: str) -> folium.GeoJson:
    """A layer styled by its features' own `style` (from the styling table), taking no clicks.

    folium writes each distinct style once beside the data, so the features keep only their
    role (and code): the styles are not sent twice."""
    styles = {}
    features = []
    for index, feature in enumerate(collection["features"]):
        properties = {k: v for k, v in feature["properties"].items() if k != "style"}
        properties["i"] = index
        styles[index] = feature["properties"]["style"]
        features.append({**feature, "properties": properties})
    return folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name=name,
        style_function=lambda feature: styles[feature["properties"]["i"]],
        interactive=False,
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
    scope_fills: Mapping[str, str] | None = None,
    changed_codes: Sequence[str] = (),
) -> folium.Map:
    """The folium map of the policy layer.

    `leaflet_url` is the URL folder (no trailing slash) where leaflet.js and leaflet.css are
    served by the app itself. `tooltip_aliases` label name, gradation and IPA in a tooltip built
    into the map (the features then need those properties); without them the map has no
    tooltip of its own and the page adds one with `overlay_script`. Around the units, from the
    styling table: the grey neighbours underneath, and over them the scope-unclear area in the
    fill of `scope_fills` (its own value), the IPA line, `changed_codes` outlined and Mali's
    border (`context_layer`); these layers take no clicks.
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
    # Beyond the drawn neighbours is "elsewhere": the same grey, so the clip edge never shows.
    css = MAP_CSS.replace("NEIGHBOUR_FILL", map_style().areas["neighbour"]["fill"])
    root.header.add_child(Element(css), name="policy_map_css")
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
    _context_geojson(neighbour_layer(), "neighbours").add_to(fmap)
    _policy_geojson(others, "policy", tooltip_aliases).add_to(fmap)
    _context_geojson(context_layer(features, scope_fills, changed_codes), "context").add_to(fmap)
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
# The overlay's labels are placed again on every change of the map's size or view and of a
# label's own size: a label is placed once, from the map's pixel origin and its own width at that
# moment, and the frame's growth to the window or the page's late font would otherwise leave the
# names hanging beside their regions.
_OVERLAY_JS = """
(function () {
  var cfg = %s;
  var map = window.map;
  var group = L.layerGroup().addTo(map);
  window.feature_group = [group];
  var closeTip = function (e) { if (e.target.closeTooltip) { e.target.closeTooltip(); } };
  if (window.scenarioBand) { map.removeControl(window.scenarioBand); window.scenarioBand = null; }
  if (cfg.band) {
    var band = L.control({position: "topright"});
    band.onAdd = function () {
      var div = L.DomUtil.create("div", "scenario-band");
      div.innerHTML = cfg.band;
      div.style.cssText = "background:" + cfg.bandFill + ";color:" + cfg.bandText +
        ";font-weight:700;padding:3px 8px;letter-spacing:.05em;pointer-events:none";
      return div;
    };
    band.addTo(map);
    window.scenarioBand = band;
  }
  var sel = cfg.selection;
  // The selected unit's outline, a black line on a white halo; a unit's dot (Bamako) gets a
  // ring around it, as its shape is a few pixels wide at the scale of the country.
  var outline = function (layer, className) {
    if (layer.getLatLng) {
      [[sel.halo_colour, sel.halo_width_px, ""], [sel.colour, sel.width_px, "selected-ring"]]
        .forEach(function (s) {
          group.addLayer(L.circleMarker(layer.getLatLng(), {interactive: false, fill: false,
            radius: sel.ring_radius_px, color: s[0], weight: s[1], opacity: 1,
            className: s[2]}));
        });
      return;
    }
    var data = layer.toGeoJSON();
    group.addLayer(L.geoJSON(data, {interactive: false, style: {
      color: sel.halo_colour, weight: sel.halo_width_px, opacity: 0.9, fill: false}}));
    group.addLayer(L.geoJSON(data, {interactive: false, style: {
      color: sel.colour, weight: sel.width_px, opacity: 1, fill: false,
      className: className}}));
  };
  var dress = function () {
    if (!map.hasLayer(group)) { return; }
    map.eachLayer(function (layer) {
      var p = layer.feature && layer.feature.properties;
      if (!p) { return; }
      // A split-off unit (Taoudénit) is drawn only as its hatched area: that area is its shape.
      if (p.role === "scope_unclear" && p.code === cfg.selected && layer.toGeoJSON) {
        outline(layer, "selected-unit selected-area");
      }
      if (!cfg.tips[p.code] || !layer.bindTooltip) { return; }
      layer.bindTooltip(cfg.tips[p.code], {sticky: true, direction: "top", offset: [0, -12],
                                           className: "unit-tip"});
      layer.off("click", closeTip).on("click", closeTip);
      if (p.code === cfg.selected && layer.toGeoJSON) {
        outline(layer, "selected-unit");
      }
    });
    Object.keys(cfg.labels).forEach(function (code) {
      var label = cfg.labels[code];
      group.addLayer(L.tooltip({permanent: true, direction: "center", interactive: false,
                                className: "unit-label unit-label-" + code +
                                  (code.indexOf("n-") === 0 ? " neighbour-label" : "")})
        .setLatLng(label[0]).setContent(label[1]));
    });
    var place = function () {
      group.eachLayer(function (l) { if (l instanceof L.Tooltip) { l.update(); } });
    };
    if (window.placeLabels) { map.off("resize viewreset zoomend moveend", window.placeLabels); }
    window.placeLabels = place;
    map.on("resize viewreset zoomend moveend", place);
    requestAnimationFrame(place);
    if (window.ResizeObserver) {
      if (window.labelWatch) { window.labelWatch.disconnect(); }
      var watch = window.labelWatch = new ResizeObserver(function () { place(); });
      group.eachLayer(function (l) {
        if (l instanceof L.Tooltip && l.getElement()) { watch.observe(l.getElement()); }
      });
    }
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
    band: str = "",
) -> str:
    """The JavaScript that dresses the map in the page's language and shows the selection.

    `band`: the scenario band's text (a what-if map says so on the map itself), or "".

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
        "selection": map_style().areas["selection"],
        "band": html.escape(band),
        "bandFill": map_style().areas["scenario_band"]["fill"],
        "bandText": map_style().areas["scenario_band"]["text_colour"],
    }
    text = json.dumps(config, ensure_ascii=False)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return _OVERLAY_JS % text


# --- Context layers: neighbours, Mali's border, the IPA line, the scope-unclear area ----------
# Built from the one styling table (geodata/map_style.toml) for the page's map and the offline
# map alike; each feature carries its `role` (the table's name for it) and its Leaflet `style`.


# Context shapes are drawn at 2 decimals (about 1 km) and simplified to a few hundred metres:
# background, not data; the page's payload budget holds them.
CONTEXT_DECIMALS: Final = 2
CONTEXT_TOLERANCE_DEG: Final = 0.02
# Neighbours are clipped to the part around Mali a country map can show.
NEIGHBOUR_VIEW: Final = (-15.0, 7.0, 7.0, 28.0)


def _feature(
    role: str,
    geometry,
    style: dict[str, Any],
    tolerance: float = CONTEXT_TOLERANCE_DEG,
    **properties,
) -> dict[str, Any]:
    geometry = geometry.simplify(tolerance)
    mapping = geometry.__geo_interface__
    return {
        "type": "Feature",
        "properties": {"role": role, "style": style, **properties},
        "geometry": {
            "type": mapping["type"],
            "coordinates": _rounded(mapping["coordinates"], CONTEXT_DECIMALS),
        },
    }


def neighbour_layer() -> dict[str, Any]:
    """Mali's neighbours in grey (background, drawn first, not interactive). A fresh copy."""
    return copy.deepcopy(_neighbour_layer())


@cache
def _neighbour_layer() -> dict[str, Any]:
    area = map_style().areas["neighbour"]
    mali = country_outline()
    features = []
    for row in neighbours().itertuples(index=False):
        features.append(
            _feature(
                "neighbour",
                row.geometry.intersection(box(*NEIGHBOUR_VIEW)).difference(mali),
                {
                    "fillColor": area["fill"],
                    "fillOpacity": 1.0,
                    "color": area["edge_colour"],
                    "weight": area["width_px"],
                    "interactive": False,
                    "className": f"neighbour neighbour-{row.iso_a3}",
                },
                tolerance=0.05,
                iso_a3=row.iso_a3,
            )
        )
    return {"type": "FeatureCollection", "features": features}


def neighbour_label_points() -> dict[str, tuple[float, float]]:
    """(lat, lon) of each neighbour's name: inside the part of it near Mali (the map's view)."""
    return dict(_neighbour_label_points())


@cache
def _neighbour_label_points() -> dict[str, tuple[float, float]]:
    view = box(-13.5, 9.0, 5.5, 26.0).difference(country_outline().buffer(0.3))
    points = {}
    for row in neighbours().itertuples(index=False):
        near = row.geometry.intersection(view)
        if near.is_empty:
            continue
        if near.geom_type == "MultiPolygon":
            near = max(near.geoms, key=lambda part: part.area)
        point = polylabel(near, tolerance=0.05)
        points[row.iso_a3] = (round(point.y, 3), round(point.x, 3))
    return points


def context_layer(
    features: Mapping[str, Any],
    scope_fills: Mapping[str, str] | None = None,
    changed_codes: Sequence[str] = (),
) -> dict[str, Any]:
    """What is drawn over the units: the scope-unclear areas (their own fill, hatched, edged),
    the line inside the IPA's regions of origin, the outlines of regions a scenario changed and
    Mali's border (heavier than the region borders). `scope_fills`: per split-off unit code,
    the fill of its own value (default: the "unknown" grey)."""
    style = map_style()
    area = style.areas["scope_unclear"]
    out = []
    for row in split_off_shapes().itertuples(index=False):
        fill = (scope_fills or {}).get(row.code, gradation_colour("unknown"))
        out.append(
            _feature(
                "scope_unclear",
                row.geometry,
                {
                    "fillColor": fill,
                    "fillOpacity": 1.0,
                    "color": area["edge_colour"],
                    "weight": 1.0,
                    "dashArray": "2 3",
                    "className": f"scope-unclear scope-unclear-{row.code}",
                },
                code=row.code,
            )
        )
        out.append(
            _feature(
                "scope_unclear_hatch",
                scope_unclear_hatch(row.geometry),
                {
                    "color": area["hatch_colour"],
                    "weight": area["hatch_width_px"],
                    "interactive": False,
                    "className": "scope-unclear-hatch",
                },
                code=row.code,
            )
        )
    shapes = [shape(f["geometry"]) for f in features["features"]]
    roles = [f["properties"]["ipa_role"] for f in features["features"]]
    line = ipa_origin_line([g for g, r in zip(shapes, roles, strict=True) if r == "origin"], 4326)
    if line is not None and not line.is_empty:
        ipa = style.lines["ipa_origin"]
        out.append(
            _feature(
                "ipa_origin",
                line,
                {
                    "color": ipa.colour,
                    "weight": ipa.width_px,
                    "interactive": False,
                    "className": "ipa-origin-line",
                },
            )
        )
    changed = style.lines["scenario_changed"]
    for feature in features["features"]:
        code = feature["properties"]["code"]
        if code in changed_codes:
            out.append(
                _feature(
                    "scenario_changed",
                    shape(feature["geometry"]).boundary,
                    {
                        "color": changed.colour,
                        "weight": changed.width_px,
                        "interactive": False,
                        "className": f"scenario-changed scenario-changed-{code}",
                    },
                    code=code,
                )
            )
    border = style.lines["country_border"]
    out.append(
        _feature(
            "country_border",
            country_outline().boundary,
            {
                "color": border.colour,
                "weight": border.width_px,
                "interactive": False,
                "className": "country-border",
            },
        )
    )
    return {"type": "FeatureCollection", "features": out}


def split_off_label_points() -> dict[str, tuple[float, float]]:
    """(lat, lon) for each split-off unit's name and for its parent's name, placed in the part
    of the parent that is not attributed to the split-off unit."""
    return dict(_split_off_label_points())


@cache
def _split_off_label_points() -> dict[str, tuple[float, float]]:
    points = {}
    for row in split_off_shapes().itertuples(index=False):
        for code, geometry in (
            (row.code, row.geometry),
            (row.parent_code, unambiguous_part(row.parent_code)),
        ):
            if geometry.geom_type == "MultiPolygon":
                geometry = max(geometry.geoms, key=lambda part: part.area)
            point = polylabel(geometry, tolerance=0.01)
            points[code] = (round(point.y, 3), round(point.x, 3))
    return points
