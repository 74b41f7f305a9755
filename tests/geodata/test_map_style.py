"""The styling table reader: what it promises the three renderers (page, offline map, images).

Written from `geodata/map_style.py`'s contract: every entry typed and named, a malformed table
refused with one line naming the file, a font stack that falls back to a generic family, and
hatch lines that are parallel, evenly spaced at the asked angle and kept inside the area.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from shapely.geometry import LineString, MultiLineString, Point, Polygon, box

from geodata.map_style import STYLE_FILE, Fill, Line, MapStyle, hatch_lines, map_style

TABLE = """
[fonts]
stack = ["DejaVu Sans", "Arial", "sans-serif"]

[gradation]
exceptional = "#993404"
unknown = "#b5b5b5"

[change.raised]
fill = "#7f2704"
[change.ipa_added]
fill = "#f7f7f7"
hatch = "///"
hatch_colour = "#01665e"

[line.region_border]
colour = "#4d4d4d"
width_pt = 0.8
width_px = 1
[line.ipa_destination]
colour = "#01665e"
width_pt = 2
width_px = 3
dot_px = 4
dash = 5

[area.neighbour]
fill = "#eeeeee"
opacity = 0.5
"""


def _table(tmp_path: Path, text: str = TABLE) -> Path:
    path = tmp_path / "style.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_table_reads_and_ends_its_fonts_in_a_generic_family() -> None:
    style = map_style()
    assert style is map_style()  # read once
    assert map_style(STYLE_FILE) == style
    assert style.fonts[-1] == "sans-serif"
    assert style.lines and style.change and style.gradation and style.areas


def test_every_entry_is_typed_and_named(tmp_path: Path) -> None:
    style = map_style(_table(tmp_path))
    assert style.fonts == ("DejaVu Sans", "Arial", "sans-serif")
    assert style.gradation == {"exceptional": "#993404", "unknown": "#b5b5b5"}
    assert style.change == {
        "raised": Fill("#7f2704"),
        "ipa_added": Fill("#f7f7f7", "///", "#01665e"),
    }
    assert style.change["raised"].hatch == ""
    assert style.change["raised"].hatch_colour == "#000000"
    assert style.lines["region_border"] == Line("#4d4d4d", 0.8, 1.0, {})
    destination = style.lines["ipa_destination"]
    assert destination == Line("#01665e", 2.0, 3.0, {"dot_px": 4.0, "dash": 5.0})
    assert all(
        isinstance(value, float)
        for line in style.lines.values()
        for value in (line.width_pt, line.width_px, *line.extra.values())
    )
    assert style.areas == {"neighbour": {"fill": "#eeeeee", "opacity": 0.5}}


def test_font_css_quotes_names_with_spaces_and_leaves_the_generic_family_bare() -> None:
    style = MapStyle(("DejaVu Sans", "Arial", "sans-serif"), {}, {}, {}, {})
    assert style.font_css == '"DejaVu Sans", Arial, sans-serif'


@pytest.mark.parametrize(
    ("remove", "field"),
    [
        ('colour = "#4d4d4d"\n', "colour"),
        ("width_pt = 0.8\n", "width_pt"),
        ("width_px = 1\n", "width_px"),
        ('[gradation]\nexceptional = "#993404"\nunknown = "#b5b5b5"\n', "gradation"),
        ("[area.neighbour]\n", "area"),
        ('stack = ["DejaVu Sans", "Arial", "sans-serif"]\n', "stack"),
    ],
)
def test_a_missing_field_is_refused_naming_the_file_and_field(
    tmp_path: Path, remove: str, field: str
) -> None:
    assert remove in TABLE
    text = TABLE.replace(remove, "", 1)
    if field == "area":
        text = text.replace('fill = "#eeeeee"\nopacity = 0.5\n', "")
    path = _table(tmp_path, text)
    with pytest.raises(ValueError) as raised:
        map_style(path)
    message = str(raised.value)
    assert message.startswith(f"{path}: missing or malformed field")
    assert field in message
    assert "\n" not in message


def test_a_malformed_entry_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = _table(tmp_path, TABLE.replace('hatch = "///"', 'pattern = "///"'))
    with pytest.raises(ValueError, match=f"^{path}: missing or malformed field"):
        map_style(path)
    path = _table(tmp_path, TABLE.replace("dot_px = 4", 'dot_px = "wide"'))
    with pytest.raises(ValueError):
        map_style(path)


@pytest.mark.parametrize("generic", ["serif", "monospace", "sans-serif"])
def test_each_generic_family_may_end_the_font_stack(tmp_path: Path, generic: str) -> None:
    text = TABLE.replace('"Arial", "sans-serif"]', f'"Arial", "{generic}"]')
    assert map_style(_table(tmp_path, text)).fonts[-1] == generic


def test_a_font_stack_without_a_generic_family_last_is_refused(tmp_path: Path) -> None:
    path = _table(tmp_path, TABLE.replace('"Arial", "sans-serif"]', '"sans-serif", "Arial"]'))
    with pytest.raises(ValueError, match=r"\[fonts\]\.stack must end in a generic family"):
        map_style(path)


def _angles_and_offsets(
    lines: MultiLineString, angle_deg: float
) -> tuple[list[float], list[float]]:
    """Each line's direction (degrees, modulo 180) and its offset across the hatch direction."""
    angle = math.radians(angle_deg)
    nx, ny = -math.sin(angle), math.cos(angle)
    angles, offsets = [], []
    for line in lines.geoms:
        (x0, y0), (x1, y1) = line.coords[0], line.coords[-1]
        angles.append(math.degrees(math.atan2(y1 - y0, x1 - x0)) % 180)
        offsets.append(x0 * nx + y0 * ny)
    return angles, sorted(offsets)


AREAS = {
    "square at the origin": box(0, 0, 10, 6),
    "Mali's bounding box": box(-12.3, 10.1, 4.3, 25.0),
    "a wide flat strip away from the origin": box(100, -40, 130, -38),
    "a tall narrow strip": box(-5, 50, -4, 80),
    # Mali straddles the prime meridian: areas centred on 0 degrees.
    "a wide strip across the prime meridian": box(-15, 12, 15, 13),
    "a tall strip across the equator": box(2, -15, 3, 15),
}


@pytest.mark.parametrize("spacing", [0.5, 1.0, 2.5])
@pytest.mark.parametrize("angle", [45, 30, 120])
@pytest.mark.parametrize("name", list(AREAS))
def test_hatch_lines_are_parallel_evenly_spaced_and_cover_the_area(
    name: str, angle: float, spacing: float
) -> None:
    """Wherever the area lies and whatever its shape, the hatch covers it from corner to corner
    with lines `spacing` apart, each running from border to border."""
    area = AREAS[name]
    lines = hatch_lines(area, spacing, angle)
    assert isinstance(lines, MultiLineString)
    angles, offsets = _angles_and_offsets(lines, angle)
    assert all(a == pytest.approx(angle % 180, abs=1e-6) for a in angles)
    gaps = [b - a for a, b in zip(offsets, offsets[1:], strict=False)]
    assert all(gap == pytest.approx(spacing, abs=1e-6) for gap in gaps)
    # No strip of the area is left unhatched: the outer lines lie within one spacing of the
    # farthest corners.
    nx, ny = -math.sin(math.radians(angle)), math.cos(math.radians(angle))
    corners = [x * nx + y * ny for x, y in area.exterior.coords]
    assert offsets[0] - min(corners) <= spacing
    assert max(corners) - offsets[-1] <= spacing
    # Each line runs from border to border, and no line leaves the area.
    assert all(
        area.exterior.distance(Point(end)) < 1e-6
        for line in lines.geoms
        for end in (line.coords[0], line.coords[-1])
    )
    assert lines.within(area.buffer(1e-9))


def test_hatch_lines_default_to_45_degrees_and_are_clipped_to_the_shape() -> None:
    triangle = Polygon([(0, 0), (8, 0), (0, 8)])
    lines = hatch_lines(triangle, 0.5)
    angles, _ = _angles_and_offsets(lines, 45)
    assert all(a == pytest.approx(45) for a in angles)
    assert lines.within(triangle.buffer(1e-9))
    # Clipped, not merely inside the bounding box: the lines stop at the long side.
    assert lines.length == pytest.approx(
        sum(
            LineString(line.coords).intersection(triangle).length
            for line in hatch_lines(box(0, 0, 8, 8), 0.5).geoms
        ),
        rel=1e-6,
    )


def test_hatch_line_count_follows_the_spacing() -> None:
    area = box(0, 0, 10, 10)
    assert len(hatch_lines(area, 0.5).geoms) > len(hatch_lines(area, 1.0).geoms) > 10


@pytest.mark.parametrize("spacing", [1.5, 2.0, 5.0])
def test_an_area_smaller_than_the_spacing_still_gets_its_hatch_line(spacing: float) -> None:
    """A small hatched area (a cercle at a coarse spacing) must not come out plain: the line
    through its centre is drawn."""
    area = box(3, 14, 4, 15)
    lines = hatch_lines(area, spacing)
    assert not lines.is_empty
    assert lines.length == pytest.approx(math.sqrt(2))  # the diagonal at 45 degrees
