"""The print-ready map image: PNG (300 dpi), SVG (text kept as text) or PDF, A4 or 16:9 slide.

Drawn with matplotlib (through geopandas) in the page's palette and outline patterns: fill by
gradation (or by change class in a comparison), a dashed outline for the regions whose people
are referred to the IPA, a thick outline and a dot for Bamako. Around the map: title, subtitle
with the dates, legend, Taoudénit's note, scale bar, source line and disclaimer.

The output is byte-identical for the same inputs: the figure is built from a fresh
`matplotlib.figure.Figure` (no pyplot state), inside an `rc_context` that fixes fonts, the SVG
hash salt and text handling, and the files carry no creation date or software version.
"""

from __future__ import annotations

import datetime as dt
import io
import textwrap
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final, cast

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.transforms import Bbox
from shapely.geometry import MultiPolygon
from shapely.ops import polylabel

from briefing.checks import LANGS, choice, scenario_on
from briefing.content import MapContent, map_content
from briefing.errors import BriefingError
from briefing.texts import bt
from geodata.palette import IPA_DESTINATION_COLOUR, OUTLINE_COLOUR
from policy import PolicyVersion

DPI: Final = 300
FORMATS: Final = ("png", "svg", "pdf")
LAYOUTS: Final = ("a4", "slide")

# Pixel sizes at 300 dpi: A4 portrait (210 × 297 mm) and a 16:9 slide (13.33 × 7.5 in).
PIXELS: Final[dict[str, tuple[int, int]]] = {"a4": (2480, 3508), "slide": (4000, 2250)}

RC: Final[dict[Any, Any]] = {
    "font.family": "DejaVu Sans",
    "svg.fonttype": "none",
    "svg.hashsalt": "briefing-map",
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
    "path.simplify": False,
    "axes.unicode_minus": False,
}
# No date, no software version: the same inputs give the same bytes with any clock.
METADATA: Final[dict[str, dict[str, str | None]]] = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None, "Format": None, "Type": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
}

_RENDER_LOCK: Final = threading.Lock()

FILL_EDGE_WIDTH: Final = 0.5
ORIGIN_WIDTH: Final = 1.4
ORIGIN_DASHES: Final = (0, (3.5, 2.5))  # the page's "7 5" dash in units of the line width
DESTINATION_WIDTH: Final = 2.2
DOT_SIZE: Final = 6.5
LABEL_SIZE_PT: Final = 8.5


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
    text_pt: float
    small_pt: float
    side_column: float  # width of the right-hand text column (0: text below the map)


def layout_named(name: str) -> Layout:
    if name not in LAYOUTS:
        raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}, not {name!r}")
    width, height = (px / DPI for px in PIXELS[name])
    if name == "a4":
        return Layout(name, width, height, 0.45, 14.0, 8.5, 7.2, 0.0)
    return Layout(name, width, height, 0.4, 17.0, 9.0, 7.6, 4.6)


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
                linespacing=1.25,
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

    def legend_row(self, kind: str, colour: str, label: str, size: float) -> None:
        """A swatch or line sample and its label; the sample sits beside the label's first line."""
        sample_w, indent = 0.32, 0.42
        start = self.y
        height = self.text(label, size, gap=0.05, indent=indent)
        fig_w, fig_h = self.fig.get_figwidth(), self.fig.get_figheight()
        line_h = size * 1.25 / 72
        top = start if self.down else start + height
        centre = top - line_h / 2
        if kind == "fill":
            box = Rectangle(
                (self.x / fig_w, (centre - 0.07) / fig_h),
                sample_w / fig_w,
                0.14 / fig_h,
                facecolor=colour,
                edgecolor=OUTLINE_COLOUR,
                linewidth=0.6,
                transform=self.fig.transFigure,
            )
            self.fig.add_artist(box)
            return
        xs = [self.x / fig_w, (self.x + sample_w) / fig_w]
        ys = [centre / fig_h] * 2
        if kind == "origin":
            line = Line2D(xs, ys, color=OUTLINE_COLOUR, linewidth=ORIGIN_WIDTH)
            line.set_linestyle(ORIGIN_DASHES)
        else:
            line = Line2D(xs, ys, color=IPA_DESTINATION_COLOUR, linewidth=DESTINATION_WIDTH)
        line.set_transform(self.fig.transFigure)
        self.fig.add_artist(line)
        if kind == "destination":
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


def _footer_blocks(column: _Column, content: MapContent, layout: Layout, scale: float) -> None:
    """Legend, notes, sources and disclaimer, in reading order (the column decides direction)."""
    text_pt, small_pt = layout.text_pt * scale, layout.small_pt * scale
    blocks: list[tuple[str, object]] = [("heading", content.legend_heading)]
    blocks += [("legend", row) for row in content.legend]
    blocks += [("note", note) for note in content.notes]
    blocks += [("sources", content.sources), ("disclaimer", content.disclaimer)]
    if not column.down:
        blocks.reverse()
    for kind, value in blocks:
        if kind == "heading":
            column.text(str(value), text_pt, weight="bold", gap=0.08)
        elif kind == "legend":
            column.legend_row(value.kind, value.colour, value.label, text_pt)  # type: ignore[attr-defined]
        elif kind == "note":
            note = str(value)
            indent = 0.15 if note.startswith("• ") else 0.0
            column.text(note, small_pt, indent=indent, gap=0.04)
        elif kind == "sources":
            column.text(str(value), small_pt, gap=0.06, color="#333333")
        else:
            column.text(str(value), small_pt, gap=0.06, style="italic", color="#333333")


def _header(fig: Figure, content: MapContent, layout: Layout, width: float) -> float:
    """Title and subtitle lines from the top; returns the y (inches) below them."""
    column = _Column(fig, layout.margin, width, layout.height - layout.margin, down=True)
    column.text(content.title, layout.title_pt, weight="bold", gap=0.1)
    for line in content.subtitle:
        column.text(line, layout.text_pt + 0.5, gap=0.03, color="#222222")
    return column.y - 0.12


def _label_anchor(geometry) -> tuple[float, float]:
    """Where a region's name goes: the pole of inaccessibility of its largest part."""
    if isinstance(geometry, MultiPolygon):
        geometry = max(geometry.geoms, key=lambda part: part.area)
    point = polylabel(geometry, tolerance=1000.0)
    return point.x, point.y


_DIRECTIONS: Final = (
    (1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, 1), (1, -1), (-1, -1),
)  # fmt: skip
_RINGS_PT: Final = (14, 24, 36, 50, 66, 84, 104, 128)


def _overlaps(box: Bbox, others: Sequence[Bbox]) -> bool:
    return any(box.overlaps(other) for other in others)


def _label(ax, name: str, anchor, offset: tuple[float, float], leader: bool):
    """A region's name at `offset` points from `anchor`.

    Trial placements, and a label that stays on its anchor, get a half-transparent box; a label
    placed away from its anchor is drawn again with a framed box and a leader line back to its
    region, so the reader still sees which region it names.
    """
    if leader:
        box = {"boxstyle": "round,pad=0.25", "fc": "white", "ec": "#555555", "lw": 0.4}
        line = {"arrowprops": {"arrowstyle": "-", "color": "#333333", "lw": 0.6, "shrinkA": 0}}
    else:
        box = {"boxstyle": "round,pad=0.25", "fc": "white", "ec": "none", "alpha": 0.8}
        line = {}
    return ax.annotate(
        name,
        xy=anchor,
        xytext=offset,
        textcoords="offset points",
        ha="center",
        va="center",
        fontsize=LABEL_SIZE_PT,
        fontweight="bold",
        color="#111111",
        bbox=box,
        annotation_clip=False,
        zorder=6,
        **line,
    )


def place_labels(ax, units, obstacles: Sequence[Bbox]) -> list[Bbox]:
    """Write each unit's name so no two labels (nor a label and an obstacle) overlap.

    Large units first, each at its pole of inaccessibility; a label that would collide, and the
    label of a unit too small to hold its name, moves outward ring by ring (a leader line joins
    it to its region). Returns the labels' boxes in display pixels.
    """
    renderer = ax.figure.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    placed: list[Bbox] = []
    order = units.assign(label_area=units.geometry.area).sort_values("label_area", ascending=False)
    for row in order.itertuples(index=False):
        anchor = _label_anchor(row.geometry)
        label_fits_inside = row.label_area > 2e9  # about 2,000 km²: room for a name at this scale
        offsets = [(0.0, 0.0)] if label_fits_inside else []
        offsets += [(dx * r, dy * r) for r in _RINGS_PT for dx, dy in _DIRECTIONS]
        best = None
        for dx, dy in offsets:
            text = _label(ax, row.name, anchor, (dx, dy), leader=False)
            box = text.get_window_extent(renderer).padded(4)
            inside = frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1)
            if inside and not _overlaps(box, [*placed, *obstacles]):
                best = (text, box, (dx, dy))
                break
            text.remove()
        if best is None:
            raise RuntimeError(f"no free place for the label of {row.name}")
        text, box, (dx, dy) = best
        if (dx, dy) != (0.0, 0.0):
            text.remove()
            text = _label(ax, row.name, anchor, (dx, dy), leader=True)
        placed.append(box)
    return placed


def _scale_bar(ax, layout: Layout) -> None:
    """A two-part bar of a round length, about a fifth of the map's width, bottom right."""
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    target = (x1 - x0) / 5 / 1000
    km = min((100, 200, 250, 300, 400, 500), key=lambda length: abs(length - target))
    length = km * 1000
    height = (y1 - y0) * 0.008
    right = x1 - (x1 - x0) * 0.04
    bottom = y0 + (y1 - y0) * 0.04
    for part in range(2):
        ax.add_patch(
            Rectangle(
                (right - length + part * length / 2, bottom),
                length / 2,
                height,
                facecolor=OUTLINE_COLOUR if part == 0 else "white",
                edgecolor=OUTLINE_COLOUR,
                linewidth=0.6,
                zorder=5,
            )
        )
    for position, value in ((0, "0"), (0.5, str(km // 2)), (1, bt("scale_km", "en", km=km))):
        ax.text(
            right - length + position * length,
            bottom + height * 1.8,
            value,
            ha="center",
            va="bottom",
            fontsize=layout.small_pt,
            zorder=5,
        )


def _north_arrow(ax, layout: Layout) -> None:
    ax.annotate(
        "N",
        xy=(0.96, 0.97),
        xytext=(0.96, 0.89),
        xycoords="axes fraction",
        ha="center",
        va="center",
        fontsize=layout.text_pt,
        fontweight="bold",
        arrowprops={"arrowstyle": "-|>", "color": OUTLINE_COLOUR, "lw": 1.0},
    )


def _draw_units(ax, units) -> list[Line2D]:
    """Fills, IPA outlines and Bamako's dot; returns the dots (their boxes are obstacles for
    labels)."""
    units.plot(
        ax=ax, color=list(units["fill"]), edgecolor=OUTLINE_COLOUR, linewidth=FILL_EDGE_WIDTH
    )
    origin = units[units["ipa_role"] == "origin"]
    if len(origin):
        origin.boundary.plot(
            ax=ax, color=OUTLINE_COLOUR, linewidth=ORIGIN_WIDTH, linestyle=ORIGIN_DASHES
        )
    destination = units[units["ipa_role"] == "destination"]
    dots = []
    if len(destination):
        destination.boundary.plot(ax=ax, color=IPA_DESTINATION_COLOUR, linewidth=DESTINATION_WIDTH)
        for geometry in destination.geometry:
            point = geometry.representative_point()
            (dot,) = ax.plot(
                [point.x],
                [point.y],
                marker="o",
                markersize=DOT_SIZE,
                color=IPA_DESTINATION_COLOUR,
                linestyle="none",
                zorder=5,
            )
            dots.append(dot)
    return dots


def _map_axes(fig: Figure, content: MapContent, box: tuple[float, float, float, float]):
    """The map in `box` (left, bottom, width, height in inches)."""
    fig_w, fig_h = fig.get_figwidth(), fig.get_figheight()
    left, bottom, width, height = box
    ax = fig.add_axes((left / fig_w, bottom / fig_h, width / fig_w, height / fig_h))
    ax.set_axis_off()
    units = content.units
    dots = _draw_units(ax, units)
    minx, miny, maxx, maxy = units.total_bounds
    pad = 0.05 * max(maxx - minx, maxy - miny)
    ax.set_xlim(minx - pad, maxx + pad)
    ax.set_ylim(miny - pad, maxy + pad)
    ax.set_aspect("equal", adjustable="box")
    ax.apply_aspect()
    renderer = _renderer(fig)
    obstacles = [dot.get_window_extent(renderer).padded(3) for dot in dots]
    inset = _destination_inset(ax, units)
    if inset is not None:
        obstacles.append(inset.get_tightbbox(renderer).padded(4))
    return ax, obstacles


INSET_HALF_WIDTH_M: Final = 24_000
INSET_SIZE: Final = (0.17, 0.17)  # of the map's width and height, in its empty lower-left corner


def _destination_inset(ax, units):
    """A detail of the IPA destination: Bamako is a few pixels at the scale of Mali, so its own
    fill shows only here (with its thick outline), in the empty corner south-west of Mali."""
    destination = units[units["ipa_role"] == "destination"]
    if not len(destination):
        return None
    centre = destination.geometry.iloc[0].centroid
    inset = ax.inset_axes((0.0, 0.0, *INSET_SIZE))
    units.plot(
        ax=inset, color=list(units["fill"]), edgecolor=OUTLINE_COLOUR, linewidth=FILL_EDGE_WIDTH
    )
    origin = units[units["ipa_role"] == "origin"]
    if len(origin):
        origin.boundary.plot(
            ax=inset, color=OUTLINE_COLOUR, linewidth=ORIGIN_WIDTH, linestyle=ORIGIN_DASHES
        )
    destination.boundary.plot(ax=inset, color=IPA_DESTINATION_COLOUR, linewidth=DESTINATION_WIDTH)
    half = INSET_HALF_WIDTH_M
    inset.set_xlim(centre.x - half, centre.x + half)
    inset.set_ylim(centre.y - half, centre.y + half)
    inset.set_aspect("equal", adjustable="box")
    inset.set_xlabel("")
    inset.set_ylabel("")
    inset.set_xticks([])
    inset.set_yticks([])
    for spine in inset.spines.values():
        spine.set_linewidth(0.6)
        spine.set_color(OUTLINE_COLOUR)
    inset.set_title(
        " / ".join(destination["name"]), fontsize=LABEL_SIZE_PT - 1, fontweight="bold", pad=3
    )
    return inset


def map_figure(content: MapContent, layout_name: str) -> tuple[Figure, list[Bbox]]:
    """The whole page as a matplotlib Figure, and the label boxes (for tests of collisions).

    Call inside `matplotlib.rc_context(RC)`.
    """
    layout = layout_named(layout_name)
    for scale in (1.0, 0.92, 0.85, 0.78, 0.7, 0.62):
        fig = Figure(figsize=(layout.width, layout.height), dpi=DPI, facecolor="white")
        _Canvas(fig)
        inner = layout.width - 2 * layout.margin
        if layout.side_column:
            header_bottom = _header(fig, content, layout, inner)
            side_x = layout.width - layout.margin - layout.side_column
            column = _Column(fig, side_x, layout.side_column, header_bottom, down=True)
            _footer_blocks(column, content, layout, scale)
            fits = column.y >= layout.margin
            map_box = (
                layout.margin,
                layout.margin,
                side_x - 0.25 - layout.margin,
                header_bottom - layout.margin,
            )
        else:
            header_bottom = _header(fig, content, layout, inner)
            column = _Column(fig, layout.margin, inner, layout.margin, down=False)
            _footer_blocks(column, content, layout, scale)
            top_of_footer = column.y + 0.1
            fits = header_bottom - top_of_footer >= 0.45 * layout.height
            map_box = (layout.margin, top_of_footer, inner, header_bottom - top_of_footer)
        if fits:
            break
    ax, obstacles = _map_axes(fig, content, map_box)
    _scale_bar(ax, layout)
    _north_arrow(ax, layout)
    labels = place_labels(ax, content.units, obstacles)
    return fig, labels


def render_figure(content: MapContent, layout_name: str, fmt: str) -> bytes:
    """The map page in `fmt` (png, svg, pdf) as bytes, identical for identical content."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    # rc_context changes matplotlib's global settings; the page serves several sessions from
    # threads, so one image is drawn at a time.
    with _RENDER_LOCK, matplotlib.rc_context(RC):
        fig, _labels = map_figure(content, layout_name)
        buffer = io.BytesIO()
        fig.savefig(buffer, format=fmt, dpi=DPI, metadata=METADATA[fmt], facecolor="white")
    return buffer.getvalue()


def render_map(
    version: PolicyVersion,
    lang: str,
    layout: str,
    fmt: str,
    compare: PolicyVersion | None = None,
    scenario: Any = None,
    today: dt.date | None = None,
) -> bytes:
    """The briefing map image of `version` as PNG, SVG or PDF bytes.

    `scenario` (a `policy.scenario.Scenario` or a `BriefingScenario`) is drawn applied to
    `version`, its base; `compare` draws the change from `version` to `compare`. `today` is the
    rendering date printed in the subtitle (default: today); fixing it fixes the bytes.
    """
    choice("language", lang, LANGS)
    choice("layout", layout, LAYOUTS)
    choice("format", fmt, FORMATS)
    if compare is not None and scenario is not None:
        raise BriefingError("a map shows a scenario or a comparison of versions, not both")
    applied = scenario_on(version, scenario)
    content = map_content(version, lang, compare=compare, scenario=applied, today=today)  # type: ignore[arg-type]
    return render_figure(content, layout, fmt)
