"""The map styling table (`map_style.toml`) as typed values: one source for every renderer.

The page's folium map, the offline Leaflet map and the matplotlib images read their colours,
line widths and hatches here, so the three cannot drift apart (a shared border once came out
dashed in one output and solid in another). The table is data; this module only checks it and
gives it names.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Final

from shapely.geometry import LineString, MultiLineString
from shapely.geometry.base import BaseGeometry

STYLE_FILE: Final = Path(__file__).resolve().parent / "map_style.toml"


@dataclass(frozen=True)
class Fill:
    """A fill colour with an optional hatch (matplotlib pattern) drawn in `hatch_colour`."""

    fill: str
    hatch: str = ""
    hatch_colour: str = "#000000"


@dataclass(frozen=True)
class Line:
    """An outline: colour and width in points (print) and CSS pixels (screen)."""

    colour: str
    width_pt: float
    width_px: float
    extra: dict[str, float]


@dataclass(frozen=True)
class MapStyle:
    fonts: tuple[str, ...]
    gradation: dict[str, str]
    change: dict[str, Fill]
    lines: dict[str, Line]
    areas: dict[str, dict[str, Any]]

    @property
    def font_css(self) -> str:
        """The font stack as a CSS value (generic family last, unquoted)."""
        return ", ".join(f'"{f}"' if " " in f else f for f in self.fonts)


@cache
def map_style(path: Path = STYLE_FILE) -> MapStyle:
    """The table, read once; ValueError naming the file and field for a malformed entry."""
    return _read_map_style(path)


def _read_map_style(path: Path) -> MapStyle:
    # Kept apart from the cache so that mutation testing (which skips decorated functions)
    # reaches the checks.
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    try:
        lines = {
            name: Line(
                colour=entry["colour"],
                width_pt=float(entry["width_pt"]),
                width_px=float(entry["width_px"]),
                extra={
                    k: float(v)
                    for k, v in entry.items()
                    if k not in ("colour", "width_pt", "width_px")
                },
            )
            for name, entry in data["line"].items()
        }
        change = {name: Fill(**entry) for name, entry in data["change"].items()}
        style = MapStyle(
            fonts=tuple(data["fonts"]["stack"]),
            gradation=dict(data["gradation"]),
            change=change,
            lines=lines,
            areas={name: dict(entry) for name, entry in data["area"].items()},
        )
    except (KeyError, TypeError) as error:
        raise ValueError(f"{path}: missing or malformed field {error}") from None
    if style.fonts[-1] not in ("sans-serif", "serif", "monospace"):
        raise ValueError(f"{path}: [fonts].stack must end in a generic family")
    return style


def hatch_lines(geometry: BaseGeometry, spacing: float, angle_deg: float = 45) -> BaseGeometry:
    """Parallel lines `spacing` apart at `angle_deg`, clipped to `geometry` (same units).

    The web maps draw a hatch as these lines (Leaflet has no fill patterns), so a hatched area
    reads the same on the page, offline and in print.
    """
    minx, miny, maxx, maxy = geometry.bounds
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    reach = math.hypot(maxx - minx, maxy - miny)
    angle = math.radians(angle_deg)
    dx, dy = math.cos(angle), math.sin(angle)
    nx, ny = -dy, dx
    count = int(reach / spacing) + 1
    lines = []
    for i in range(-count, count + 1):
        ox, oy = cx + nx * i * spacing, cy + ny * i * spacing
        lines.append(
            LineString([(ox - dx * reach, oy - dy * reach), (ox + dx * reach, oy + dy * reach)])
        )
    return MultiLineString(lines).intersection(geometry)
