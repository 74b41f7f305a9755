"""The legend and the map layer: both terms per gradation, escaping, a strict join per version."""

from __future__ import annotations

import json
import re

import geopandas as gpd
import pytest
from shapely.geometry import shape

import wording
from geodata import unit_table
from geodata.map_render import (
    build_policy_map,
    compact_embedded_data,
    compact_features,
    feature_collection,
    overlay_script,
)
from geodata.palette import GRADATION_COLOURS, GRADATION_ORDER
from geodata.policy_layer import policy_map_layer
from policy import gradation_label, list_versions
from policy.data_files import official_units
from ui.legend import legend_html
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
    assert wording.t("map.legend.ipa_origin", "en") not in legend
    assert t("legend_ipa_destination", "en") not in legend


def test_policy_and_geodata_name_the_same_units() -> None:
    """The two packages keep their own unit tables (policy holds no geometry, geodata no policy);
    the page joins them, so they must agree on every ISO code and official name."""
    geodata_units = dict(zip(unit_table()["code"], unit_table()["name"], strict=True))
    assert geodata_units == official_units()


def test_the_page_map_is_small_language_free_and_metric() -> None:
    """The map the page sends: compact properties, rounded coordinates, a scale in km only,
    no focus rectangle; map and overlay within the payload budget (60 KB for the units, plus
    20 KB for the context the map conventions ask for: grey neighbours, Mali's border, the IPA
    line and the hatched scope-unclear area, all at about 1 km)."""
    from ui.map_view import overlay, render_parts

    for version in list_versions():
        parts = render_parts(version, "/app/static/leaflet", False)
        for lang in ("nl", "en"):
            payload = parts.size + len(overlay(version, parts, lang, "ML-9").encode())
            assert payload <= 80 * 1024, payload
        assert "imperial: false" in parts.script
        assert "gradation_label" not in parts.script and "ipa_label" not in parts.script
        assert "outline: none" in parts.header
        assert set(parts.labels) == {f"ML-{n}" for n in range(1, 11)} | {"ML-BKO"}
    # One version, two languages, any selection: the same map (no remount, zoom kept).
    version = list_versions()[-1]
    assert (
        render_parts(version, "/x", False).component_key
        == render_parts(version, "/x", False).component_key
    )


def test_the_map_embeds_its_data_as_compact_json() -> None:
    """The map's GeoJSON is written without spaces, and reads back as the same data."""
    import folium
    import streamlit_folium

    layer = policy_map_layer(list_versions()[-1], "en")
    fmap = build_policy_map(compact_features(layer.features), leaflet_url="/x")
    fmap.render()
    script = streamlit_folium._get_map_string(fmap)
    compact = compact_embedded_data(fmap, script)
    assert len(compact) < len(script) * 0.95
    for child in fmap._children.values():
        if isinstance(child, folium.GeoJson):
            start = compact.index(f"{child.get_name()}_add(") + len(child.get_name()) + 5
            data, _ = json.JSONDecoder().raw_decode(compact[start:])
            assert data == child.data
    with pytest.raises(ValueError, match="not found once"):
        compact_embedded_data(fmap, "no data here")


def test_compact_features_keep_shapes_and_codes() -> None:
    layer = policy_map_layer(list_versions()[-1], "en")
    compact = compact_features(layer.features)
    assert [f["properties"]["code"] for f in compact["features"]] == [
        f["properties"]["code"] for f in layer.features["features"]
    ]
    for full, small in zip(layer.features["features"], compact["features"], strict=True):
        a, b = shape(full["geometry"]), shape(small["geometry"])
        assert a.hausdorff_distance(b) < 0.001  # degrees: about 110 m


def test_overlay_escapes_every_text() -> None:
    hostile = "</script><img src=x onerror=alert(1)>&"
    script = overlay_script(
        tooltips={"ML-1": (("", hostile), (hostile, hostile))},
        labels={"ML-1": ((14.0, -10.0), hostile)},
        selected="ML-1",
        zoom_titles=(hostile, "out"),
        frame_title=hostile,
        lang="nl",
    )
    assert "<img" not in script and "</script" not in script
    assert "\\u003cimg" in script or "&lt;img" in script


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_overlay_has_the_page_language(lang: str) -> None:
    from ui.map_view import overlay, render_parts

    version = list_versions()[-1]
    parts = render_parts(version, "/x", False)
    script = overlay(version, parts, lang, "ML-9")
    assert json.dumps(t("zoom_in", lang), ensure_ascii=False)[1:-1] in script
    assert '"selected": "ML-9"' in script
    assert f'"lang": "{lang}"' in script
    assert gradation_label(version.region("ML-9").gradation, lang) in script


def test_the_selection_is_drawn_in_the_styling_table() -> None:
    """The overlay takes the selection's line, halo and ring from map_style.toml."""
    from geodata.map_style import map_style

    script = overlay_script(
        tooltips={},
        labels={},
        selected="ML-BKO",
        zoom_titles=("in", "out"),
        frame_title="map",
        lang="en",
    )
    config = json.loads(script.split("var cfg = ", 1)[1].split(";\n", 1)[0])
    assert config["selection"] == map_style().areas["selection"]
    assert {"colour", "width_px", "halo_colour", "halo_width_px", "ring_radius_px"} <= set(
        config["selection"]
    )


def test_every_region_note_and_version_has_words_in_both_languages() -> None:
    for version in list_versions():
        assert version.label_nl and version.label_en, version.id
        for region in version.regions:
            assert bool(region.note) == bool(region.note_nl), region.code
