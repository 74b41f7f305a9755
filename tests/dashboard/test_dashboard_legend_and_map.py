"""The legend and the map layer: both terms per gradation, escaping, a strict join per version."""

from __future__ import annotations

import re

import geopandas as gpd
import pytest

from geodata.map_render import build_policy_map, feature_collection
from geodata.palette import GRADATION_COLOURS, GRADATION_ORDER
from policy import gradation_label, list_versions
from ui.legend import legend_html
from ui.map_data import policy_map_layer
from ui.texts import t


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_legend_names_every_gradation_in_dutch_and_english(lang: str) -> None:
    legend = legend_html(lang)
    for code in GRADATION_ORDER:
        assert GRADATION_COLOURS[code] in legend
        for term_lang in ("nl", "en"):
            assert gradation_label(code, term_lang) in legend


def test_every_version_joins_to_the_map_without_gaps() -> None:
    for version in list_versions():
        layer = policy_map_layer(version, "en")
        codes = {f["properties"]["code"] for f in layer.features["features"]}
        assert len(codes) == 10
        assert "ML-10" in {unit.code for unit in layer.undrawn}


def test_map_properties_are_escaped_and_assets_are_local() -> None:
    """A hostile name or label reaches the page as text in the tooltip, never as markup; the
    map loads its assets only from the app's own static folder."""
    hostile = "<img src=x onerror=alert(1)>"
    layer = policy_map_layer(list_versions()[-1], "en")
    frame = gpd.GeoDataFrame.from_features(layer.features["features"], crs="EPSG:4326")
    frame.loc[0, "name"] = hostile
    frame.loc[1, "gradation_label"] = hostile
    fmap = build_policy_map(
        feature_collection(frame),
        leaflet_url="/app/static/leaflet",
        tooltip_aliases=(hostile, "Level", "IPA"),
    )
    page = fmap.get_root().render()
    assert "<img" not in page
    # folium embeds the properties as JSON, where "&" is written \u0026.
    assert "\\u0026lt;img src=x onerror=alert(1)\\u0026gt;" in page
    assert fmap.default_js == [("leaflet", "/app/static/leaflet/leaflet.js")]
    assert fmap.default_css == [("leaflet_css", "/app/static/leaflet/leaflet.css")]
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert assets and all(url.startswith("/app/static/leaflet/") for url in assets), assets


def test_legend_shows_only_what_the_map_shows() -> None:
    legend = legend_html("en", {"unknown"}, {"none", "unknown"})
    assert gradation_label("unknown", "en") in legend
    assert gradation_label("exceptional", "en") not in legend
    assert t("legend_ipa_origin", "en") not in legend
    assert t("legend_ipa_destination", "en") not in legend
