"""The map image: size and dpi, colours, names as SVG text, labels apart, identical bytes."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import xml.etree.ElementTree as ET
from itertools import combinations

import matplotlib
import numpy as np
import pytest
from PIL import Image

import geodata
from briefing import BriefingError, render_map
from briefing.content import map_content
from briefing.map_image import PIXELS, RC, map_figure
from geodata.palette import CHANGE_COLOURS, GRADATION_COLOURS
from policy.diff import change_map as change_classes
from policy.texts import text as policy_text

TODAY = dt.date(2026, 1, 15)


def _colours(png: bytes) -> set[str]:
    """Every colour the image contains, as #rrggbb."""
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(np.uint32)
    packed = (pixels[..., 0] << 16) | (pixels[..., 1] << 8) | pixels[..., 2]
    return {f"#{int(value):06x}" for value in np.unique(packed)}


def _pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(data)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(text.split())


@pytest.mark.parametrize(("layout", "lang"), [("a4", "nl"), ("slide", "en")])
def test_png_has_the_layout_size_at_300_dpi_and_every_gradation_colour(
    in_force, layout, lang
) -> None:
    png = render_map(in_force, lang, layout, "png", today=TODAY)
    image = Image.open(io.BytesIO(png))
    assert image.size == PIXELS[layout]
    assert [round(d) for d in image.info["dpi"]] == [300, 300]
    drawn = {region.gradation.value for region in in_force.regions if region.code != "ML-10"}
    colours = _colours(png)
    for gradation in drawn:
        assert GRADATION_COLOURS[gradation] in colours, gradation


def test_comparison_shows_the_colour_of_every_change_class(before, in_force) -> None:
    png = render_map(before, "en", "a4", "png", compare=in_force, today=TODAY)
    drawn = set(geodata.load_units()["code"])
    classes = {c for code, c in change_classes(before, in_force).items() if code in drawn}
    assert {"lowered", "became_known"} <= classes
    colours = _colours(png)
    for change in classes:
        assert CHANGE_COLOURS[change] in colours, change


def test_change_classes_of_the_shipped_versions_follow_the_sources(before, in_force) -> None:
    classes = change_classes(before, in_force)
    # WBV 2025/11: Ménaka from exceptional to relatively higher; Mopti stays exceptional and
    # the IPA list (C7/23.5.2 Vc) names it, where the older sources said nothing of the IPA.
    assert classes["ML-9"] == "lowered"
    assert classes["ML-5"] == "ipa_became_known"
    assert change_classes(in_force, in_force) == {r.code: "unchanged" for r in in_force.regions}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_svg_keeps_every_drawn_region_name_as_text(in_force, lang) -> None:
    svg = render_map(in_force, lang, "a4", "svg", today=TODAY)
    root = ET.fromstring(svg)
    texts = {"".join(el.itertext()).strip() for el in root.iter("{http://www.w3.org/2000/svg}text")}
    for name in geodata.load_units()["name"]:
        assert name in texts, name


@pytest.mark.parametrize("layout", ["a4", "slide"])
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("kind", ["version", "compare", "scenario"])
def test_no_label_collides_with_another_an_obstacle_or_the_legend(
    in_force, before, hostile_scenario, layout, lang, kind
) -> None:
    """Names apart from each other, from the insets, dots, band, scale bar and north arrow, and
    inside the map's frame (so never on the legend beside or below it)."""
    compare = in_force if kind == "compare" else None
    version = before if kind == "compare" else in_force
    scenario = hostile_scenario if kind == "scenario" else None
    content = map_content(version, lang, compare=compare, scenario=scenario, today=TODAY)
    with matplotlib.rc_context(RC):
        fig, boxes = map_figure(content, layout)
        frame = fig._map_axes.get_window_extent(fig.canvas.get_renderer())
    assert len(boxes) == len(content.units) + len(content.scope_unclear)
    for a, b in combinations(boxes, 2):
        assert not a.overlaps(b)
    for box in boxes:
        assert frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1)
        for obstacle in fig._obstacles:
            assert not box.overlaps(obstacle)


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_rendering_twice_gives_identical_bytes(in_force, fmt) -> None:
    first = render_map(in_force, "en", "slide", fmt, today=TODAY)
    assert render_map(in_force, "en", "slide", fmt, today=TODAY) == first


def test_pdf_map_carries_title_dates_sources_and_disclaimer(in_force, tmp_path) -> None:
    text = _pdf_text(render_map(in_force, "nl", "a4", "pdf", today=TODAY), tmp_path)
    for expected in (
        "Landgebonden asielbeleid Mali",
        "WBV 2025/11",
        "4 juni 2025",
        "Kaart gemaakt op 15 januari 2026",
        "Taoudénit (ML-10)",
        "C7/23.4.2 Vc",
        "CC BY-IGO",
        policy_text("disclaimer.base", "nl"),
    ):
        assert expected in text, expected
    assert "CreationDate" not in render_map(in_force, "nl", "a4", "pdf", today=TODAY).decode(
        "latin-1"
    )


def test_hostile_scenario_text_is_escaped_in_svg_and_plain_text_in_pdf(
    in_force, hostile_scenario, hostile, tmp_path
) -> None:
    svg = render_map(in_force, "en", "a4", "svg", scenario=hostile_scenario).decode()
    assert "<script" not in svg.lower() and "<img" not in svg.lower()
    assert "&lt;script&gt;" in svg and "&lt;img src=x onerror=" in svg
    ET.fromstring(svg)  # still well-formed XML
    text = _pdf_text(render_map(in_force, "en", "a4", "pdf", scenario=hostile_scenario), tmp_path)
    assert hostile["title"] in text
    assert hostile["rationale"] in text
    assert "What-if scenario" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("de", "a4", "png"), "language"),
        (("en", "a3", "png"), "layout"),
        (("en", "a4", "jpg"), "format"),
    ],
)
def test_bad_arguments_raise_one_line(in_force, args, message) -> None:
    with pytest.raises(BriefingError, match=message):
        render_map(in_force, *args)
