"""The choropleth as a folium map that works with no internet.

folium points at CDNs for Leaflet, jQuery, Bootstrap and icon fonts by default. A GeoJSON
choropleth needs only Leaflet's JS and CSS, so `build_policy_map` replaces the map's asset lists
with the Leaflet files the app serves itself (see `ui.assets`), and draws no basemap unless the
user asks for one. The legend is drawn by the page, not by branca (which pulls d3 from a CDN).

Tooltip values are inserted into the page as HTML by Leaflet, so every string property is
escaped here, once, before it enters the GeoJSON.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any, Final

import folium
import geopandas as gpd
from shapely.geometry import shape

from geodata.palette import (
    IPA_DESTINATION_COLOUR,
    IPA_ROLE_OUTLINES,
    OUTLINE_COLOUR,
    gradation_colour,
)

MAP_PROPERTIES: Final[tuple[str, ...]] = (
    "code",
    "name",
    "gradation",
    "gradation_label",
    "ipa_role",
    "ipa_label",
)
TOOLTIP_FIELDS: Final[tuple[str, ...]] = ("name", "gradation_label", "ipa_label")
MALI_BOUNDS: Final = [[10.1, -12.3], [25.1, 4.3]]


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
    style.update(IPA_ROLE_OUTLINES[role])
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
    features: Mapping[str, Any], name: str, tooltip_aliases: tuple[str, str, str]
) -> folium.GeoJson:
    return folium.GeoJson(
        dict(features),
        name=name,
        style_function=lambda feature: unit_style(feature["properties"]),
        highlight_function=lambda _feature: {"weight": 4, "fillOpacity": 0.95},
        marker=folium.CircleMarker(radius=6),
        tooltip=folium.GeoJsonTooltip(
            fields=list(TOOLTIP_FIELDS),
            aliases=[html.escape(a) for a in tooltip_aliases],
            sticky=True,
            style="white-space: normal; max-width: 22rem;",
        ),
    )


def build_policy_map(
    features: Mapping[str, Any],
    *,
    leaflet_url: str,
    tooltip_aliases: tuple[str, str, str],
    basemap: bool = False,
) -> folium.Map:
    """The folium map of the policy layer.

    `leaflet_url` is the URL folder (no trailing slash) where leaflet.js and leaflet.css are
    served by the app itself. `tooltip_aliases` label name, gradation and IPA in the tooltip.
    """
    fmap = folium.Map(
        location=[17.5, -4.0],
        zoom_start=5,
        tiles=None,
        control_scale=True,
        prefer_canvas=False,
        zoom_snap=0.25,
    )
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
