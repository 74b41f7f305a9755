"""The print-ready map image: PNG (300 dpi), SVG (text kept as text) or PDF, A4 or 16:9 slide.

Drawn with matplotlib (through geopandas) from the one styling table (`geodata/map_style.toml`):
fill by gradation (or by change class and its hatch in a comparison); region borders thin and
Mali's border heavy; the IPA's regions of origin as one line set inside their dissolved area;
Bamako with a thick outline, a dot and a detail inset tied to it; the area attributed to
Taoudénit in its own value, hatched "scope unclear" and named; neighbouring countries in grey
with their names; a locator inset; a scenario's band and changed outlines. Around the map:
title, subtitle with the dates, legend, notes, scale bar, sources, disclaimers and the footer
(producer, map date, projection).

The output is byte-identical for the same inputs: the figure is built from a fresh
`matplotlib.figure.Figure` (no pyplot state), inside an `rc_context` that fixes fonts, the SVG
hash salt and text handling, and the files carry no creation date or software version.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import textwrap
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final, cast

import geopandas as gpd
import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.transforms import Bbox
from shapely.geometry import MultiPolygon, box
from shapely.ops import polylabel

from briefing.checks import LANGS, choice, scenario_on
from briefing.content import MapContent, map_content
from briefing.errors import BriefingError
from briefing.texts import bt
from geodata.map_geometry import MAP_CRS, africa, country_outline, ipa_origin_line, neighbours
from geodata.map_style import map_style
from geodata.palette import IPA_DESTINATION_COLOUR, OUTLINE_COLOUR
from policy import PolicyVersion
from policy.diff import time_ordered
from wording import t as wt

DPI: Final = 300
FORMATS: Final = ("png", "svg", "pdf")
LAYOUTS: Final = ("a4", "slide")

# Pixel sizes at 300 dpi: A4 portrait (210 × 297 mm) and a 16:9 slide (13.33 × 7.5 in).
PIXELS: Final[dict[str, tuple[int, int]]] = {"a4": (2480, 3508), "slide": (4000, 2250)}

STYLE: Final = map_style()
RC: Final[dict[Any, Any]] = {
    "font.family": "DejaVu Sans",
    "svg.fonttype": "none",
    "svg.hashsalt": "briefing-map",
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
    "path.simplify": False,
    "axes.unicode_minus": False,
    "hatch.linewidth": 0.6,
}
# No date, no software version: the same inputs give the same bytes with any clock.
METADATA: Final[dict[str, dict[str, str | None]]] = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None, "Format": None, "Type": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
}

_RENDER_LOCK: Final = threading.Lock()

REGION = STYLE.lines["region_border"]
COUNTRY = STYLE.lines["country_border"]
ORIGIN = STYLE.lines["ipa_origin"]
DESTINATION = STYLE.lines["ipa_destination"]
CHANGED = STYLE.lines["scenario_changed"]
SCOPE = STYLE.areas["scope_unclear"]
NEIGHBOUR = STYLE.areas["neighbour"]
BAND = STYLE.areas["scenario_band"]
DOT_SIZE: Final = DESTINATION.extra["dot_pt"]
# The smallest text each layout allows (A4 prints read at arm's length; slides at a distance).
MIN_TEXT_PT: Final = {"a4": 7.0, "slide": 11.0}


def _renderer(fig: Figure) -> Any:
    """The Agg renderer of a figure drawn on a `_Canvas` (for measuring text and boxes)."""
    return cast(FigureCanvasAgg, fig.canvas).get_renderer()


class _Canvas(FigureCanvasAgg):
    """Agg canvas that ignores redraw requests: geopandas asks for a full redraw after every
    layer it plots, and the page needs drawing only once, when it is saved."""

    def draw_idle(self, *args, **kwargs) -> None:
        pass


@dataclass(frozen=True)
class Layout:
    """Sizes of one page layout, in inches and points."""

    name: str
    width: float
    height: float
    margin: float
    title_pt: float
    text_pt: float  # subtitle and legend
    small_pt: float  # notes, sources, disclaimers, footer
    label_pt: float  # region names on the map
    side_column: float  # width of the right-hand text column (0: text below the map)


def layout_named(name: str) -> Layout:
    if name not in LAYOUTS:
        raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}, not {name!r}")
    width, height = (px / DPI for px in PIXELS[name])
    if name == "a4":
        return Layout(name, width, height, 0.45, 15.0, 9.0, 7.5, 8.5, 0.0)
    return Layout(name, width, height, 0.3, 28.0, 14.0, 11.0, 14.0, 6.6)


class _Column:
    """Text placed in a column of the figure, top down or bottom up, measured as it goes."""

    def __init__(self, fig: Figure, x: float, width: float, y: float, down: bool) -> None:
        self.fig, self.x, self.width, self.y, self.down = fig, x, width, y, down
        self.renderer = _renderer(fig)

    def _height(self, artist) -> float:
        return artist.get_window_extent(self.renderer).height / DPI

    def text(
        self, text: str, size: float, gap: float = 0.06, indent: float = 0.0, **style
    ) -> float:
        """Wrap `text` to the column, place it, return its height in inches."""
        width = self.width - indent
        chars = max(20, int(width * 72 / (size * 0.55)))
        while True:
            wrapped = "\n".join(textwrap.fill(paragraph, chars) for paragraph in text.split("\n"))
            artist = self.fig.text(
                (self.x + indent) / self.fig.get_figwidth(),
                self.y / self.fig.get_figheight(),
                wrapped,
                fontsize=size,
                va="top" if self.down else "bottom",
                ha="left",
                linespacing=1.2,
                **style,
            )
            measured = artist.get_window_extent(self.renderer).width / DPI
            if measured <= width or chars <= 20:
                break
            artist.remove()
            chars = int(chars * width / measured) - 1
        height = self._height(artist)
        self.y += -(height + gap) if self.down else height + gap
        return height

    def legend_row(self, row, label: str, size: float) -> None:
        """A swatch or line sample and its label; the sample sits beside the label's first line."""
        sample_w, indent = 0.32 * size / 9, 0.42 * size / 9
        start = self.y
        height = self.text(label, size, gap=0.03, indent=indent)
        fig_w, fig_h = self.fig.get_figwidth(), self.fig.get_figheight()
        line_h = size * 1.2 / 72
        top = start if self.down else start + height
        centre = top - line_h / 2
        box_h = 0.14 * size / 9
        if row.kind in ("fill", "scope_unclear"):
            box = Rectangle(
                (self.x / fig_w, (centre - box_h / 2) / fig_h),
                sample_w / fig_w,
                box_h / fig_h,
                facecolor=row.colour,
                edgecolor=OUTLINE_COLOUR,
                linewidth=0.6,
                transform=self.fig.transFigure,
                gid=f"legend-{row.kind}",
            )
            if row.hatch:
                box.set_hatch(row.hatch)
                box.set_hatchcolor(row.hatch_colour)
            self.fig.add_artist(box)
            return
        xs = [self.x / fig_w, (self.x + sample_w) / fig_w]
        ys = [centre / fig_h] * 2
        line_style = {
            "origin": ORIGIN,
            "destination": DESTINATION,
            "country_border": COUNTRY,
            "scenario_changed": CHANGED,
        }[row.kind]
        line = Line2D(xs, ys, color=line_style.colour, linewidth=line_style.width_pt)
        line.set_transform(self.fig.transFigure)
        line.set_gid(f"legend-{row.kind}")
        self.fig.add_artist(line)
        if row.kind == "destination":
            dot = Line2D(
                [sum(xs) / 2],
                [centre / fig_h],
                marker="o",
                markersize=DOT_SIZE,
                color=IPA_DESTINATION_COLOUR,
                linestyle="none",
                transform=self.fig.transFigure,
            )
            self.fig.add_artist(dot)


def _legend_and_notes(column: _Column, content: MapContent, layout: Layout, scale: float) -> None:
    text_pt, small_pt = layout.text_pt * scale, layout.small_pt * scale
    blocks: list[tuple[str, object]] = [("heading", content.legend_heading)]
    rows = content.legend
    if layout.name == "slide":  # no room on a slide for what the map shows by itself
        rows = tuple(row for row in rows if row.kind != "country_border")
    blocks += [("legend", row) for row in rows]
    notes = content.short_notes if layout.name == "slide" and content.short_notes else content.notes
    blocks += [("note", note) for note in notes]
    if not column.down:
        blocks.reverse()
    for kind, value in blocks:
        if kind == "heading":
            column.text(str(value), text_pt, weight="bold", gap=0.08)
        elif kind == "legend":
            label = value.slide_label if layout.name == "slide" else value.label  # type: ignore[attr-defined]
            column.legend_row(value, label, text_pt)
        else:
            note = str(value)
            indent = 0.15 if note.startswith("• ") else 0.0
            column.text(note, small_pt, indent=indent, gap=0.03)


def _credits(column: _Column, content: MapContent, size: float) -> None:
    """Sources, disclaimers and footer, in reading order (the column decides direction)."""
    blocks: list[tuple[str, dict[str, Any]]] = [
        (content.sources, {"color": "#333333"}),
        (content.disclaimer, {"style": "italic", "color": "#333333"}),
        (content.boundary_disclaimer, {"style": "italic", "color": "#333333"}),
        (content.footer, {"color": "#333333"}),
    ]
    if not column.down:
        blocks.reverse()
    for text, style in blocks:
        column.text(text, size, gap=0.025, **style)


def _header(fig: Figure, content: MapContent, layout: Layout, width: float) -> float:
    """Title and subtitle lines from the top; returns the y (inches) below them."""
    column = _Column(fig, layout.margin, width, layout.height - layout.margin, down=True)
    title_style: dict[str, Any] = {"weight": "bold"}
    if content.scenario_band:
        title_style["color"] = BAND["fill"]
    slide = layout.name == "slide"
    title = content.short_title if slide and content.short_title else content.title
    column.text(title, layout.title_pt, gap=0.08, **title_style)
    subtitle_pt = layout.text_pt - 2 if slide else layout.text_pt + 0.5
    lines = [" · ".join(content.short_subtitle or content.subtitle)] if slide else content.subtitle
    for line in lines:
        column.text(line, subtitle_pt, gap=0.03, color="#222222")
    return column.y - 0.08


def _label_anchor(geometry) -> tuple[float, float]:
    """Where a region's name goes: the pole of inaccessibility of its largest part."""
    if isinstance(geometry, MultiPolygon):
        geometry = max(geometry.geoms, key=lambda part: part.area)
    point = polylabel(geometry, tolerance=1000.0)
    return point.x, point.y


_DIRECTIONS: Final = (
    (1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, 1), (1, -1), (-1, -1),
)  # fmt: skip
_RINGS_PT: Final = (14, 24, 36, 50, 66, 84, 104, 128, 156, 190)


def _overlaps(box: Bbox, others: Sequence[Bbox]) -> bool:
    return any(box.overlaps(other) for other in others)


def _label(ax, name: str, anchor, offset, leader: bool, size: float, italic: bool = False):
    """A region's name at `offset` points from `anchor`.

    Trial placements, and a label that stays on its anchor, get a half-transparent box; a label
    placed away from its anchor is drawn again with a framed box and a leader line back to its
    region, so the reader still sees which region it names.
    """
    if leader:
        box = {"boxstyle": "round,pad=0.2", "fc": "white", "ec": "#555555", "lw": 0.4}
        line = {"arrowprops": {"arrowstyle": "-", "color": "#333333", "lw": 0.6, "shrinkA": 0}}
    else:
        box = {"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.8}
        line = {}
    return ax.annotate(
        name,
        xy=anchor,
        xytext=offset,
        textcoords="offset points",
        ha="center",
        va="center",
        fontsize=size,
        fontweight="bold",
        fontstyle="italic" if italic else "normal",
        color="#111111",
        bbox=box,
        annotation_clip=False,
        zorder=8,
        gid="region-label",
        **line,
    )


@dataclass(frozen=True)
class _Name:
    text: str
    anchor: tuple[float, float]
    area: float
    italic: bool = False


def _names(content: MapContent) -> list[_Name]:
    """Every name to place: units (in their unambiguous part) and the scope-unclear areas."""
    points = content.label_points or {}
    names = []
    for row in content.units.itertuples(index=False):
        anchor = points.get(row.code) or _label_anchor(row.geometry)
        names.append(_Name(row.name, anchor, float(row.geometry.area)))
    if content.scope_unclear is not None:
        for row in content.scope_unclear.itertuples(index=False):
            names.append(
                _Name(row.name, _label_anchor(row.geometry), float(row.geometry.area), True)
            )
    return sorted(names, key=lambda name: -name.area)


def place_labels(ax, names: Sequence[_Name], obstacles: Sequence[Bbox], size: float) -> list[Bbox]:
    """Write each name so no two labels (nor a label and an obstacle) overlap.

    Large units first, each at its pole of inaccessibility; a label that would collide, and the
    label of a unit too small to hold its name, moves outward ring by ring (a leader line joins
    it to its region). Returns the labels' boxes in display pixels.
    """
    renderer = ax.figure.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    placed: list[Bbox] = []
    for name in names:
        label_fits_inside = name.area > 2e9  # about 2,000 km²: room for a name at this scale
        offsets = [(0.0, 0.0)] if label_fits_inside else []
        offsets += [(dx * r, dy * r) for r in _RINGS_PT for dx, dy in _DIRECTIONS]
        best = None
        for dx, dy in offsets:
            text = _label(ax, name.text, name.anchor, (dx, dy), False, size, name.italic)
            box = text.get_window_extent(renderer).padded(3)
            inside = frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1)
            if inside and not _overlaps(box, [*placed, *obstacles]):
                best = (text, box, (dx, dy))
                break
            text.remove()
        if best is None:
            raise RuntimeError(f"no free place for the label of {name.text}")
        text, box, (dx, dy) = best
        if (dx, dy) != (0.0, 0.0):
            text.remove()
            text = _label(ax, name.text, name.anchor, (dx, dy), True, size, name.italic)
        placed.append(box)
    return placed


def _scale_bar(ax, layout: Layout) -> Bbox:
    """A two-part bar of a round length, about a sixth of the map's width, bottom right."""
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    target = (x1 - x0) / 6 / 1000
    km = min((100, 200, 250, 300, 400, 500), key=lambda length: abs(length - target))
    length = km * 1000
    height = (y1 - y0) * 0.008
    right = x1 - (x1 - x0) * 0.03
    bottom = y0 + (y1 - y0) * 0.03
    artists = []
    for part in range(2):
        artists.append(
            ax.add_patch(
                Rectangle(
                    (right - length + part * length / 2, bottom),
                    length / 2,
                    height,
                    facecolor=OUTLINE_COLOUR if part == 0 else "white",
                    edgecolor=OUTLINE_COLOUR,
                    linewidth=0.6,
                    zorder=9,
                )
            )
        )
    ticks = [(0, "0"), (0.5, str(km // 2)), (1, bt("scale_km", "en", km=km))]
    if layout.name == "slide":  # at 11 pt the middle figure would touch its neighbours
        ticks = [ticks[0], ticks[2]]
    for position, value in ticks:
        artists.append(
            ax.text(
                right - length + position * length,
                bottom + height * 1.8,
                value,
                ha="center",
                va="bottom",
                fontsize=MIN_TEXT_PT[layout.name] if layout.name == "slide" else layout.small_pt,
                zorder=9,
            )
        )
    renderer = ax.figure.canvas.get_renderer()
    return Bbox.union([a.get_window_extent(renderer) for a in artists]).padded(4)


def _north_arrow(ax, layout: Layout) -> Bbox:
    arrow = ax.annotate(
        "N",
        xy=(0.97, 0.97),
        xytext=(0.97, 0.89),
        xycoords="axes fraction",
        ha="center",
        va="center",
        fontsize=layout.text_pt,
        fontweight="bold",
        arrowprops={"arrowstyle": "-|>", "color": OUTLINE_COLOUR, "lw": 1.0},
        zorder=9,
    )
    renderer = ax.figure.canvas.get_renderer()
    return arrow.get_tightbbox(renderer).padded(4)


def _draw_neighbours(ax, lang: str, size: float) -> list:
    """Mali's neighbours in grey, and their names where they fall inside the map."""
    frame = neighbours().to_crs(MAP_CRS)
    mali = country_outline(projected=True)
    frame["geometry"] = frame.geometry.difference(mali)
    frame.plot(
        ax=ax,
        color=NEIGHBOUR["fill"],
        edgecolor=NEIGHBOUR["edge_colour"],
        linewidth=NEIGHBOUR["width_pt"],
        zorder=0,
        gid="neighbour",
    )
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    view = box(x0, y0, x1, y1).difference(mali.buffer(40_000))
    texts = []
    for row in frame.itertuples(index=False):
        near = row.geometry.intersection(view)
        if near.is_empty or near.area < 1.5e10:
            continue
        x, y = _label_anchor(near)
        texts.append(
            ax.text(
                x,
                y,
                wt(f"map.neighbour.{row.iso_a3}", lang),
                ha="center",
                va="center",
                fontsize=size,
                color=NEIGHBOUR["label_colour"],
                fontweight="normal",
                zorder=1,
                gid="neighbour-label",
            )
        )
    return texts


def _draw_units(ax, content: MapContent, inset: bool = False) -> list:
    """Fills (and hatches), scope-unclear area, IPA line, borders, Bamako's outline and dot;
    returns the dots (obstacles for labels)."""
    units = content.units
    units.plot(
        ax=ax,
        color=list(units["fill"]),
        edgecolor=REGION.colour,
        linewidth=REGION.width_pt,
        zorder=2,
        gid="unit-fill",
    )
    hatched = units[units["hatch"] != ""]
    for row in hatched.itertuples(index=False):
        gpd.GeoSeries([row.geometry]).plot(
            ax=ax,
            facecolor="none",
            edgecolor=REGION.colour,
            hatch=row.hatch,
            linewidth=0,
            zorder=2.5,
            gid=f"change-hatch-{row.code}",
            **{"hatchcolor": row.hatch_colour},
        )
    if content.scope_unclear is not None:
        scope = content.scope_unclear
        scope.plot(
            ax=ax,
            color=list(scope["fill"]),
            edgecolor=SCOPE["edge_colour"],
            linewidth=0.6,
            linestyle=(0, (2, 2)),
            zorder=3,
            gid="scope-unclear",
        )
        scope.plot(
            ax=ax,
            facecolor="none",
            edgecolor=SCOPE["edge_colour"],
            hatch=SCOPE["hatch"] * (1 if inset else 2),
            hatchcolor=SCOPE["hatch_colour"],
            linewidth=0,
            zorder=3.1,
            gid="scope-unclear-hatch",
        )
    origin = units[units["ipa_role"] == "origin"]
    line = ipa_origin_line(list(origin.geometry), MAP_CRS)
    if line is not None and not line.is_empty:
        gpd.GeoSeries([line]).plot(
            ax=ax, color=ORIGIN.colour, linewidth=ORIGIN.width_pt, zorder=4, gid="ipa-origin"
        )
    changed = units[units["code"].isin(content.changed_codes)]
    if len(changed):
        changed.boundary.plot(
            ax=ax,
            color=CHANGED.colour,
            linewidth=CHANGED.width_pt,
            zorder=4.5,
            gid="scenario-changed",
        )
    gpd.GeoSeries([country_outline(projected=True).boundary]).plot(
        ax=ax, color=COUNTRY.colour, linewidth=COUNTRY.width_pt, zorder=5, gid="country-border"
    )
    destination = units[units["ipa_role"] == "destination"]
    dots = []
    if len(destination):
        destination.boundary.plot(
            ax=ax,
            color=IPA_DESTINATION_COLOUR,
            linewidth=DESTINATION.width_pt,
            zorder=6,
            gid="ipa-destination",
        )
        if not inset:
            for geometry in destination.geometry:
                point = geometry.representative_point()
                (dot,) = ax.plot(
                    [point.x],
                    [point.y],
                    marker="o",
                    markersize=DOT_SIZE,
                    color=IPA_DESTINATION_COLOUR,
                    linestyle="none",
                    zorder=7,
                    gid="ipa-destination-dot",
                )
                dots.append(dot)
    return dots


def _scenario_band(ax, content: MapContent, layout: Layout):
    """The scenario's band across the top of the map: cropped, the map still says what it is."""
    return ax.text(
        0.5,
        0.995,
        content.scenario_band,
        transform=ax.transAxes,
        ha="center",
        va="top",
        fontsize=layout.text_pt,
        fontweight="bold",
        color=BAND["text_colour"],
        bbox={"boxstyle": "square,pad=0.35", "fc": BAND["fill"], "ec": "none"},
        zorder=10,
        gid="scenario-band",
    )


def _map_axes(fig: Figure, content: MapContent, box: tuple[float, float, float, float], layout):
    """The map in `box` (left, bottom, width, height in inches); returns it and the obstacles
    for the labels (dots, insets, band, scale bar, north arrow, neighbour names)."""
    fig_w, fig_h = fig.get_figwidth(), fig.get_figheight()
    left, bottom, width, height = box
    ax = fig.add_axes((left / fig_w, bottom / fig_h, width / fig_w, height / fig_h))
    ax.set_axis_off()
    ax.set_facecolor(NEIGHBOUR["fill"])
    minx, miny, maxx, maxy = content.units.total_bounds
    pad = 0.04 * max(maxx - minx, maxy - miny)
    minx, miny, maxx, maxy = minx - pad, miny - pad, maxx + pad, maxy + pad
    # Widen the shorter side so the map fills its box at a true 1:1 aspect (the neighbours
    # fill the rest).
    if (maxx - minx) / (maxy - miny) < width / height:
        grow = (maxy - miny) * width / height - (maxx - minx)
        minx, maxx = minx - grow / 2, maxx + grow / 2
    else:
        grow = (maxx - minx) * height / width - (maxy - miny)
        miny, maxy = miny - grow / 2, maxy + grow / 2
    limits = (minx, maxx), (miny, maxy)
    ax.set_xlim(*limits[0])
    ax.set_ylim(*limits[1])
    ax.set_aspect("equal", adjustable="box")
    ax.set_autoscale_on(False)
    # The frame itself: grey neighbours fill it to the edges.
    ax.add_patch(
        Rectangle((0, 0), 1, 1, transform=ax.transAxes, facecolor=NEIGHBOUR["fill"], zorder=-1)
    )
    ax.patch.set_visible(False)
    small = MIN_TEXT_PT[layout.name] if layout.name == "slide" else layout.small_pt
    neighbour_texts = _draw_neighbours(ax, content.lang, small)
    dots = _draw_units(ax, content)
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.set_xlim(*limits[0])
    ax.set_ylim(*limits[1])
    renderer = _renderer(fig)
    frame = ax.get_window_extent(renderer)
    for text in list(neighbour_texts):
        extent = text.get_window_extent(renderer)
        if not (frame.contains(extent.x0, extent.y0) and frame.contains(extent.x1, extent.y1)):
            text.remove()
            neighbour_texts.remove(text)
    obstacles = [dot.get_window_extent(renderer).padded(3) for dot in dots]
    for inset in (_destination_inset(ax, content, layout), _locator_inset(ax)):
        if inset is None:
            continue
        box = inset.get_tightbbox(renderer).padded(4)
        obstacles.append(box)
        for text in list(neighbour_texts):
            if text.get_window_extent(renderer).overlaps(box):
                text.remove()
                neighbour_texts.remove(text)
    obstacles += [text.get_window_extent(renderer).padded(3) for text in neighbour_texts]
    if content.scenario_band:
        obstacles.append(_scenario_band(ax, content, layout).get_window_extent(renderer).padded(3))
    return ax, obstacles


INSET_HALF_WIDTH_M: Final = 24_000
INSET_SIZE: Final = (0.2, 0.2)  # of the map's width and height, on Mauritania, left
LOCATOR_SIZE: Final = (0.2, 0.2)  # upper-left corner


def _destination_inset(ax, content: MapContent, layout: Layout):
    """A detail of the IPA destination: Bamako is a few pixels at the scale of Mali, so its own
    fill shows only here. The inset sits over Guinea, outside Mali, framed, titled "Detail: …"
    and tied by lines to the small frame drawn around Bamako on the main map, so it cannot be
    read as a second Bamako."""
    units = content.units
    destination = units[units["ipa_role"] == "destination"]
    if not len(destination):
        return None
    centre = destination.geometry.iloc[0].centroid
    inset = ax.inset_axes((0.015, 0.4, *INSET_SIZE))
    inset.set_facecolor("white")
    _draw_units(inset, content, inset=True)
    half = INSET_HALF_WIDTH_M
    inset.set_xlim(centre.x - half, centre.x + half)
    inset.set_ylim(centre.y - half, centre.y + half)
    inset.set_aspect("equal", adjustable="box")
    inset.set_xticks([])
    inset.set_yticks([])
    inset.set_xlabel("")
    inset.set_ylabel("")
    for spine in inset.spines.values():
        spine.set_linewidth(0.8)
        spine.set_color(OUTLINE_COLOUR)
    size = MIN_TEXT_PT[layout.name] if layout.name == "slide" else layout.small_pt
    name = " / ".join(destination["name"])
    inset.set_title(
        wt("map.inset.destination", content.lang, name=name),
        fontsize=size,
        fontweight="bold",
        pad=3,
        loc="left",
        gid="destination-inset-title",
    )
    ax.indicate_inset_zoom(inset, edgecolor=OUTLINE_COLOUR, linewidth=0.6, alpha=1.0)
    return inset


def _locator_inset(ax):
    """Where Mali lies in Africa: the continent in grey, Mali in dark grey, upper left."""
    inset = ax.inset_axes((0.01, 0.78, *LOCATOR_SIZE))
    continent = africa().to_crs("+proj=laea +lat_0=5 +lon_0=20 +datum=WGS84 +units=m")
    continent.plot(ax=inset, color="#d0d0d0", edgecolor="#ffffff", linewidth=0.2)
    mali = gpd.GeoSeries([country_outline()], crs=4326).to_crs(continent.crs)
    mali.plot(ax=inset, color="#252525", edgecolor="#252525", linewidth=0.3, gid="locator-mali")
    inset.set_facecolor("white")
    inset.set_xticks([])
    inset.set_yticks([])
    inset.set_xlabel("")
    inset.set_ylabel("")
    inset.set_aspect("equal", adjustable="datalim")
    for spine in inset.spines.values():
        spine.set_linewidth(0.6)
        spine.set_color(OUTLINE_COLOUR)
    inset.set_gid("locator-inset")
    return inset


def map_figure(content: MapContent, layout_name: str) -> tuple[Figure, list[Bbox]]:
    """The whole page as a matplotlib Figure, and the label boxes (for tests of collisions).

    Call inside `matplotlib.rc_context(RC)`.
    """
    layout = layout_named(layout_name)
    floor = MIN_TEXT_PT[layout.name] / layout.small_pt
    scales = [s for s in (1.0, 0.95, 0.9, 0.85) if s >= floor] or [1.0]
    attempts = [(scale, layout.side_column) for scale in scales]
    if layout.side_column:
        attempts = [(1.0, layout.side_column + extra) for extra in (0.0, 0.4, 0.8, 1.2)]
        # Only when an analyst's long title or many changes leave no room: smaller text
        # rather than text over text (the sizes test holds the normal case to 14/11 pt).
        attempts += [(0.9, layout.side_column + 1.2), (0.8, layout.side_column + 1.2)]
    for scale, side_column in attempts:
        fig = Figure(figsize=(layout.width, layout.height), dpi=DPI, facecolor="white")
        _Canvas(fig)
        inner = layout.width - 2 * layout.margin
        header_bottom = _header(fig, content, layout, inner)
        if layout.side_column:
            side_x = layout.width - layout.margin - side_column
            credits = _Column(fig, side_x, side_column, layout.margin, down=False)
            _credits(credits, content, max(layout.small_pt * scale, MIN_TEXT_PT["a4"]))
            column = _Column(fig, side_x, side_column, header_bottom, down=True)
            _legend_and_notes(column, content, layout, scale)
            fits = column.y >= credits.y + 0.04
            map_box = (
                layout.margin,
                layout.margin,
                side_x - 0.2 - layout.margin,
                header_bottom - layout.margin,
            )
        else:
            credits = _Column(fig, layout.margin, inner, layout.margin, down=False)
            _credits(credits, content, layout.small_pt * scale)
            credits_top = credits.y + 0.06
            column = _Column(fig, layout.margin, inner, credits_top, down=False)
            _legend_and_notes(column, content, layout, scale)
            top_of_footer = column.y + 0.1
            # A4: the map keeps at least a quarter of the page (a comparison lists its changes
            # below it; the texts never overlap, the map takes what is left).
            fits = header_bottom - top_of_footer >= 0.25 * layout.height
            map_box = (layout.margin, top_of_footer, inner, header_bottom - top_of_footer)
        if fits:
            break
    ax, obstacles = _map_axes(fig, content, map_box, layout)
    obstacles.append(_scale_bar(ax, layout))
    obstacles.append(_north_arrow(ax, layout))
    labels = place_labels(ax, _names(content), obstacles, layout.label_pt)
    fig._map_axes = ax  # type: ignore[attr-defined]
    fig._text_fits = fits  # type: ignore[attr-defined]
    fig._obstacles = obstacles  # type: ignore[attr-defined]
    return fig, labels


def _svg_font_stack(svg: bytes) -> bytes:
    """Every font named in the SVG becomes the table's stack, ending in a generic family."""
    stack = STYLE.font_css.replace('"', "'")
    text = svg.decode("utf-8")
    text = text.replace("'DejaVu Sans'", stack).replace('"DejaVu Sans"', stack)
    text = re.sub(r"font-family:DejaVu Sans(?=[;\"])", f"font-family:{stack}", text)
    return text.encode("utf-8")


def pdf_metadata(content: MapContent) -> dict[str, str | None]:
    """The PDF's title, subject and producer, in the map's language (its /Lang is added to the
    catalogue afterwards, `_pdf_language`: matplotlib has no setting for it)."""
    return {
        **METADATA["pdf"],
        "Title": content.title,
        "Subject": " / ".join(content.subtitle[:1]),
        "Producer": wt("map.producer", content.lang),
    }


def render_figure(content: MapContent, layout_name: str, fmt: str) -> bytes:
    """The map page in `fmt` (png, svg, pdf) as bytes, identical for identical content."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    metadata = pdf_metadata(content) if fmt == "pdf" else METADATA[fmt]
    # rc_context changes matplotlib's global settings; the page serves several sessions from
    # threads, so one image is drawn at a time.
    with _RENDER_LOCK, matplotlib.rc_context(RC):
        fig, _labels = map_figure(content, layout_name)
        buffer = io.BytesIO()
        fig.savefig(buffer, format=fmt, dpi=DPI, metadata=metadata, facecolor="white")
    data = buffer.getvalue()
    if fmt == "svg":
        data = _svg_font_stack(data)
    elif fmt == "pdf":
        data = _pdf_language(data, content.lang)
    return data


def _pdf_language(pdf: bytes, lang: str) -> bytes:
    """Add /Lang to the PDF's catalogue (matplotlib writes none); the cross-reference table is
    rewritten by offset, so the file stays valid."""
    marker = b"/Type /Catalog"
    at = pdf.find(marker)
    if at < 0:
        return pdf
    insert = marker + f" /Lang ({lang})".encode()
    shift = len(insert) - len(marker)
    out = pdf[:at] + insert + pdf[at + len(marker) :]
    xref_at = out.rfind(b"\nxref\n")
    startxref_at = out.rfind(b"startxref\n")
    if xref_at < 0 or startxref_at < 0:
        return pdf
    head, table = out[: xref_at + 6], out[xref_at + 6 : startxref_at]

    def moved(match: re.Match[bytes]) -> bytes:
        offset = int(match.group(1))
        return b"%010d %s n" % (offset + shift if offset > at else offset, match.group(2))

    table = re.sub(rb"(\d{10}) (\d{5}) n", moved, table)
    old_start = int(out[startxref_at + 10 :].split(b"\n")[0])
    tail = out[startxref_at:].replace(
        b"startxref\n%d" % old_start, b"startxref\n%d" % (old_start + shift), 1
    )
    return head + table + tail


def render_map(
    version: PolicyVersion,
    lang: str,
    layout: str,
    fmt: str,
    compare: PolicyVersion | None = None,
    scenario: Any = None,
    today: dt.date | None = None,
    reverse: bool = False,
) -> bytes:
    """The briefing map image of `version` as PNG, SVG or PDF bytes.

    `scenario` (a `policy.scenario.Scenario` or a `BriefingScenario`) is drawn applied to
    `version`, its base; `compare` draws the change between `version` and `compare`, always from
    the older to the newer (`reverse`: from the newer to the older, on purpose). `today` is the
    rendering date printed in the subtitle (default: today); fixing it fixes the bytes.
    """
    choice("language", lang, LANGS)
    choice("layout", layout, LAYOUTS)
    choice("format", fmt, FORMATS)
    if compare is not None and scenario is not None:
        raise BriefingError("a map shows a scenario or a comparison of versions, not both")
    if compare is not None:
        version, compare = time_ordered(version, compare)
        if reverse:
            version, compare = compare, version
    applied = scenario_on(version, scenario)
    content = map_content(version, lang, compare=compare, scenario=applied, today=today)  # type: ignore[arg-type]
    return render_figure(content, layout, fmt)
