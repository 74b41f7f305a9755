"""The map conventions: one styling table drawn by every renderer, Taoudénit's area as what it
is, comparisons in time order, scenarios marked, legible sizes, printable colours, files that
travel (fonts, PDF metadata)."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import subprocess

import colorspacious
import matplotlib
import numpy as np
import pytest
import shapely
from matplotlib.text import Text

import geodata
from briefing import BriefingScenario, ChangeNote, render_map
from briefing.cli import main as briefing_main
from briefing.content import map_content
from briefing.map_image import RC, layout_named, map_figure
from briefing.offline import offline_html
from geodata.map_render import build_policy_map, compact_features
from geodata.map_style import map_style
from geodata.origin import named_origin_of_point
from geodata.policy_layer import policy_map_layer
from geodata.split_off_shapes import split_off_shapes, unambiguous_part
from policy import list_versions
from policy.diff import time_ordered
from wording import phrases
from wording import t as wt

TODAY = dt.date(2026, 1, 15)
STYLE = map_style()


def _figure(version, lang="nl", layout="a4", **kwargs):
    content = map_content(version, lang, today=TODAY, **kwargs)
    with matplotlib.rc_context(RC):
        fig, labels = map_figure(content, layout)
    return content, fig, labels


def _by_gid(fig, gid):
    return fig.findobj(lambda artist: artist.get_gid() == gid)


def _hex(rgba) -> str:
    return matplotlib.colors.to_hex(rgba, keep_alpha=False)


# --- One table, every renderer --------------------------------------------------------------


def test_matplotlib_draws_every_role_of_the_table(in_force, hostile_scenario) -> None:
    _content, fig, _ = _figure(in_force, scenario=hostile_scenario)
    lines = STYLE.lines
    expected = {
        "country-border": lines["country_border"],
        "ipa-origin": lines["ipa_origin"],
        "ipa-destination": lines["ipa_destination"],
        "scenario-changed": lines["scenario_changed"],
    }
    for gid, line in expected.items():
        artists = _by_gid(fig, gid)
        assert artists, gid
        colours = {_hex(c) for a in artists for c in a.get_edgecolor()}
        assert line.colour in colours, gid
        assert any(np.isclose(a.get_linewidth(), line.width_pt).all() for a in artists), gid
    # Country border heavier than region borders.
    assert lines["country_border"].width_pt >= 2 * lines["region_border"].width_pt
    fills = _by_gid(fig, "unit-fill")[0]
    assert {_hex(c) for c in fills.get_facecolor()} <= set(STYLE.gradation.values())
    assert _hex(fills.get_edgecolor()[0]) == lines["region_border"].colour
    hatch = _by_gid(fig, "scope-unclear-hatch")
    assert hatch and "/" in hatch[0].get_hatch()
    assert _by_gid(fig, "scope-unclear")
    neighbour = _by_gid(fig, "neighbour")[0]
    assert _hex(neighbour.get_facecolor()[0]) == STYLE.areas["neighbour"]["fill"]
    assert _by_gid(fig, "scenario-band")
    # The IPA is never a dashed line.
    for artist in _by_gid(fig, "ipa-origin"):
        assert all(dash is None or dash[1] is None for dash in artist.get_linestyle())


def test_comparison_hatches_come_from_the_table(before, in_force) -> None:
    content, fig, _ = _figure(before, compare=in_force)
    units = content.units
    hatched = {code for code, hatch in zip(units["code"], units["hatch"], strict=True) if hatch}
    assert hatched
    for code in hatched:
        artists = _by_gid(fig, f"change-hatch-{code}")  # the map and the Bamako detail
        assert artists
        for artist in artists:
            assert artist.get_hatch() == content.units.set_index("code").loc[code, "hatch"]


def _offline_data(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', html)
    return json.loads(match.group(1))


def test_offline_map_draws_every_role_of_the_table(in_force, hostile_scenario) -> None:
    data = _offline_data(offline_html(in_force, "en", hostile_scenario, today=TODAY))
    context = data["context"]["features"]
    roles = {f["properties"]["role"]: f["properties"]["style"] for f in context}
    for role in ("country_border", "ipa_origin", "scenario_changed"):
        assert roles[role]["color"] == STYLE.lines[role].colour, role
        assert roles[role]["weight"] == STYLE.lines[role].width_px, role
    assert roles["scope_unclear_hatch"]["color"] == STYLE.areas["scope_unclear"]["hatch_colour"]
    assert "scope_unclear" in roles
    assert all("dashArray" not in f["properties"]["style"] for f in data["features"])
    for feature in data["features"]:
        assert feature["properties"]["style"]["fillOpacity"] == 1.0
    background = {f["properties"]["style"]["fillColor"] for f in data["background"]["features"]}
    assert background == {STYLE.areas["neighbour"]["fill"]}
    kinds = {label["kind"] for label in data["labels"]}
    assert {"region", "scope", "neighbour"} <= kinds


def test_page_map_draws_every_role_of_the_table(in_force) -> None:
    import folium

    layer = policy_map_layer(in_force, "en")
    fmap = build_policy_map(
        compact_features(layer.features), leaflet_url="/x", scope_fills={"ML-10": "#f7f7f7"}
    )
    styles: dict[str, dict] = {}
    for child in fmap._children.values():
        if isinstance(child, folium.GeoJson):
            for feature in child.data["features"]:
                role = feature["properties"].get("role", "unit")
                styles.setdefault(role, child.style_function(feature))
    assert styles["country_border"]["color"] == STYLE.lines["country_border"].colour
    assert styles["ipa_origin"]["color"] == STYLE.lines["ipa_origin"].colour
    assert styles["scope_unclear"]["fillColor"] == "#f7f7f7"
    assert styles["scope_unclear_hatch"]["color"] == STYLE.areas["scope_unclear"]["hatch_colour"]
    assert styles["neighbour"]["fillColor"] == STYLE.areas["neighbour"]["fill"]
    assert styles["unit"]["fillOpacity"] == 1.0 and "dashArray" not in styles["unit"]


# --- Colour that survives printing ----------------------------------------------------------


def _rgb(colour: str) -> np.ndarray:
    return np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)]) / 255


def _lightness(colour: str) -> float:
    return float(colorspacious.cspace_convert(_rgb(colour), "sRGB1", "CIELab")[0])


def _cvd_distance(a: str, b: str, kind: str) -> float:
    space = {"name": "sRGB1+CVD", "cvd_type": kind, "severity": 100}
    sa, sb = (np.clip(colorspacious.cspace_convert(_rgb(c), space, "sRGB1"), 0, 1) for c in (a, b))
    return float(colorspacious.deltaE(sa, sb, input_space="sRGB1"))


def _legend_pairs():
    gradations = [(g, c, "") for g, c in STYLE.gradation.items()]
    changes = [(k, f.fill, f.hatch) for k, f in STYLE.change.items()]
    for palette in (gradations, changes):
        for (ka, ca, ha), (kb, cb, hb) in itertools.combinations(palette, 2):
            if ha == hb:  # a different hatch tells the two apart in any print
                yield ka, ca, kb, cb


@pytest.mark.parametrize(("a", "colour_a", "b", "colour_b"), list(_legend_pairs()))
def test_legend_fills_stay_apart_in_greyscale_and_for_colour_blind_readers(
    a, colour_a, b, colour_b
) -> None:
    assert abs(_lightness(colour_a) - _lightness(colour_b)) >= 10, (a, b)
    for kind in ("deuteranomaly", "protanomaly"):
        assert _cvd_distance(colour_a, colour_b, kind) >= 10, (a, b, kind)


# --- Taoudénit as what it is ----------------------------------------------------------------


def test_taoudenit_shape_is_the_area_locate_answers_taoudenit_for() -> None:
    (shape,) = split_off_shapes().geometry
    cercle = geodata.load_cercles().set_index("pcode").loc["ML0601", "geometry"]
    minx, miny, maxx, maxy = cercle.bounds
    rng = np.random.default_rng(7)
    checked = 0
    for lon, lat in zip(rng.uniform(minx, maxx, 600), rng.uniform(miny, maxy, 600), strict=True):
        point = shapely.Point(lon, lat)
        if not cercle.contains(point) or shape.boundary.distance(point) < 0.02:
            continue
        origin = named_origin_of_point(lon, lat)
        if origin.cercle_pcode != "ML0601":
            continue
        checked += 1
        assert (origin.region_code == "ML-10") == shape.covers(point), (lon, lat)
    assert checked > 150


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_taoudenit_is_hatched_named_in_the_legend_and_explained(in_force, lang) -> None:
    content = map_content(in_force, lang, today=TODAY)
    assert list(content.scope_unclear["code"]) == ["ML-10"]
    assert any(row.kind == "scope_unclear" and row.hatch for row in content.legend)
    (note,) = [n for n in content.notes if "Taoudénit (ML-10)" in n]
    assert "Tombouctou" in note and "(1)" in note and "(2)" in note
    svg = render_map(in_force, lang, "a4", "svg", today=TODAY).decode()
    assert ">Taoudénit<" in svg


def test_tombouctou_label_lies_in_its_unambiguous_part(in_force) -> None:
    content = map_content(in_force, "nl", today=TODAY)
    lon, lat = content.label_points_lonlat["ML-6"]
    point = shapely.Point(lon, lat)
    assert unambiguous_part("ML-6").contains(point)
    assert not split_off_shapes().geometry.iloc[0].covers(point)


# --- Comparisons in time order --------------------------------------------------------------


def test_comparison_is_drawn_older_to_newer_whichever_argument_names_which(tmp_path) -> None:
    older, newer = list_versions()
    assert time_ordered(newer, older) == (older, newer)
    a, b = tmp_path / "a.svg", tmp_path / "b.svg"
    stem_older, stem_newer = "c7-23-before-wbv-2025-11", "wbv-2025-11"
    common = ["--date", "2026-01-15", "--lang", "nl"]
    assert (
        briefing_main(
            ["map", "--policy", stem_newer, "--compare", stem_older, *common, "-o", str(a)]
        )
        == 0
    )
    assert (
        briefing_main(
            ["map", "--policy", stem_older, "--compare", stem_newer, *common, "-o", str(b)]
        )
        == 0
    )
    assert a.read_bytes() == b.read_bytes()
    title = wt("map.title.compare", "nl", a=older.label("nl"), b=newer.label("nl"))
    assert title.split(":")[-1].strip().startswith("wijzigingen van")
    content = map_content(older, "nl", compare=newer, today=TODAY)
    assert content.title == title
    fills = dict(zip(content.units["code"], content.units["fill"], strict=True))
    # Ménaka went from exceptional to relatively higher in June 2025: lowered, not raised.
    assert fills["ML-9"] == STYLE.change["lowered"].fill


def test_reverse_draws_newer_to_older_and_needs_compare(tmp_path, capsys) -> None:
    older, newer = list_versions()
    out = tmp_path / "r.svg"
    args = ["map", "--compare", "c7-23-before-wbv-2025-11", "--reverse", "--date", "2026-01-15"]
    assert briefing_main([*args, "-o", str(out)]) == 0
    backwards = render_map(newer, "nl", "a4", "svg", compare=older, reverse=True, today=TODAY)
    forwards = render_map(newer, "nl", "a4", "svg", compare=older, today=TODAY)
    assert out.read_bytes() == backwards != forwards
    content = map_content(newer, "nl", compare=older, today=TODAY)
    assert content.title == wt("map.title.compare", "nl", a=newer.label("nl"), b=older.label("nl"))
    assert briefing_main(["map", "--reverse", "-o", str(tmp_path / "x.png")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--reverse" in err[0]


# --- A scenario looks like a scenario -------------------------------------------------------


def test_scenario_is_marked_on_the_map_and_in_the_sources(in_force, hostile_scenario) -> None:
    content = map_content(in_force, "en", scenario=hostile_scenario, today=TODAY)
    assert content.title.startswith(f"[{phrases.scenario_mark('en', hostile_scenario.title)}")
    assert content.short_title.startswith("What-if scenario")
    assert content.scenario_band and content.changed_codes == ("ML-9",)
    assert any(note.startswith("• Ménaka (ML-9)") and "→" in note for note in content.notes)
    assert "scenario" in content.sources.lower() and "Ménaka" in content.sources


# --- Legible layouts ------------------------------------------------------------------------


def _texts(fig):
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("kind", ["version", "compare", "scenario"])
def test_text_sizes_and_map_share(in_force, before, lang, kind) -> None:
    scenario = BriefingScenario(
        title="Ménaka weer uitzonderlijk",
        base_id=in_force.id,
        version=in_force.with_overrides(gradations={"ML-9": "exceptional"}),
        changes=(ChangeNote("ML-9", "Ménaka", "Ambtsbericht van mei"),),
        author="Analist",
    )
    kwargs = {
        "version": {},
        "compare": {"compare": in_force},
        "scenario": {"scenario": scenario},
    }[kind]
    version = before if kind == "compare" else in_force
    for layout in ("a4", "slide"):
        content, fig, _ = _figure(version, lang, layout, **kwargs)
        assert fig._text_fits, "the texts beside or below the map overlap"
        sizes = [t.get_fontsize() for t in _texts(fig)]
        if layout == "a4":
            assert min(sizes) >= 7, min(sizes)
            continue
        assert min(sizes) >= 11, min(sizes)
        title = content.short_title or content.title
        title_sizes = [t.get_fontsize() for t in _texts(fig) if t.get_text().startswith(title[:20])]
        assert title_sizes and min(title_sizes) >= 28
        labels = [t.get_fontsize() for t in _by_gid(fig, "region-label")]
        assert labels and min(labels) >= 14
        row = content.legend[0].slide_label
        legend = [t.get_fontsize() for t in _texts(fig) if t.get_text().startswith(row[:15])]
        assert legend and min(legend) >= 14
        height = fig._map_axes.get_position().height
        assert height >= 0.70, height
        assert layout_named("slide").title_pt >= 28


# --- Files that travel ----------------------------------------------------------------------


def test_svg_names_a_font_stack_with_a_generic_fallback(in_force) -> None:
    svg = render_map(in_force, "en", "slide", "svg", today=TODAY).decode()
    families = re.findall(r"font-family:\s*([^;\"]+)", svg) + re.findall(
        r"font:[^;\"]*?px ([^;\"]+)", svg
    )
    assert families
    for family in families:
        assert family.strip().endswith("sans-serif"), family


def test_map_pdf_has_title_subject_producer_and_language(in_force, tmp_path) -> None:
    data = render_map(in_force, "nl", "a4", "pdf", today=TODAY)
    assert b"/Lang (nl)" in data
    path = tmp_path / "map.pdf"
    path.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert "Title:" in info.stdout and "Landgebonden asielbeleid Mali" in info.stdout
    assert "Subject:" in info.stdout and "Producer:" in info.stdout


def test_boundary_disclaimer_and_footer_are_on_every_map(in_force) -> None:
    for lang in ("nl", "en"):
        svg = render_map(in_force, lang, "a4", "svg", today=TODAY).decode()
        text = " ".join(re.sub(r"<[^>]+>", " ", svg).split())
        start = wt("map.disclaimer.boundaries", lang)[:40]
        assert start in text
        assert wt("map.projection", lang)[:20] in text


def test_page_map_marks_taoudenit_and_a_scenario(in_force) -> None:
    from ui.map_view import overlay, render_parts

    parts = render_parts(in_force, "/x", False)
    assert parts.labels["ML-10"][1] == "Taoudénit"
    lat, lon = parts.labels["ML-6"][0]
    assert unambiguous_part("ML-6").contains(shapely.Point(lon, lat))
    assert "scope-unclear-hatch" in parts.script and "country-border" in parts.script
    assert wt("map.scenario.band", "nl") not in overlay(in_force, parts, "nl", None)
    scenario = in_force.with_overrides(gradations={"ML-9": "exceptional"})
    scenario_parts = render_parts(scenario, "/x", False, ("ML-9",))
    assert "scenario-changed-ML-9" in scenario_parts.script
    assert wt("map.scenario.band", "nl") in overlay(scenario, scenario_parts, "nl", None)


def test_case_report_pdf_has_title_subject_producer_and_language(in_force, tmp_path) -> None:
    from briefing import case_report
    from policy import Case, evaluate

    decision = evaluate(Case(region="Ménaka"), in_force)
    data = case_report(decision, "pdf", "nl", None, TODAY)
    assert b"/Lang (nl)" in data or b"/Lang(nl)" in data
    path = tmp_path / "case.pdf"
    path.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    fields = dict(line.split(":", 1) for line in info.stdout.splitlines() if ":" in line)
    assert "Ménaka" in fields["Title"] and fields["Subject"].strip()
    assert wt("map.producer", "nl") in fields["Producer"]


def _contrast(foreground: str, background: str) -> float:
    def luminance(colour: str) -> float:
        channels = []
        for value in _rgb(colour):
            channels.append(value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4)
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_text_on_fills_meets_wcag_aa() -> None:
    band = STYLE.areas["scenario_band"]
    assert _contrast(band["text_colour"], band["fill"]) >= 4.5
    neighbour = STYLE.areas["neighbour"]
    assert _contrast(neighbour["label_colour"], neighbour["fill"]) >= 4.5
