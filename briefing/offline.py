"""The one-file offline map: a self-contained HTML page that opens from a USB stick or an e-mail.

Leaflet's JS and CSS (from the `xstatic-leaflet` package, its few images as data URIs) and the
GeoJSON are inlined; there are no tiles. A Content-Security-Policy allows no request at all
(only inline scripts and styles and data: images), so the file cannot reach any host even if a
later change slipped in a URL. Every string from the data or the user is escaped for HTML, and
the JSON is made safe to sit inside a <script> element.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import json
import re
from functools import cache
from pathlib import Path
from typing import Any, Final

import xstatic.pkg.leaflet as xstatic_leaflet

from briefing.checks import LANGS, choice, scenario_on
from briefing.content import LegendRow, MapContent, map_content
from briefing.texts import page_t as t
from geodata.map_render import (
    context_layer,
    neighbour_label_points,
    neighbour_layer,
    split_off_label_points,
    unit_style,
)
from geodata.map_style import map_style
from geodata.palette import IPA_DESTINATION_COLOUR, OUTLINE_COLOUR
from policy import PolicyVersion
from wording import t as wt

CSP: Final = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:"
)


@cache
def leaflet_assets() -> tuple[str, str]:
    """Leaflet's JS (without its source-map comment) and CSS (images as data URIs)."""
    base = Path(xstatic_leaflet.BASE_DIR)
    script = (base / "leaflet.js").read_text(encoding="utf-8")
    script = re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", script)
    if "</script" in script.lower():
        raise RuntimeError("leaflet.js contains '</script' and cannot be inlined as is")

    def data_uri(match: re.Match[str]) -> str:
        data = base64.b64encode((base / "images" / match.group(1)).read_bytes()).decode()
        return f"url(data:image/png;base64,{data})"

    css = re.sub(r"url\(images/([\w.-]+\.png)\)", data_uri, (base / "leaflet.css").read_text())
    return script, css


def script_json(value: Any) -> str:
    """JSON that cannot close its <script> element or open a comment there."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _features(content: MapContent) -> dict[str, Any]:
    """GeoJSON of the drawn units: style (the page's, fill from the content), tooltip HTML
    (escaped here, once), label text and label point."""
    features = []
    tooltip_keys = ("tooltip_region", "tooltip_gradation", "tooltip_ipa")
    aliases = [html.escape(t(key, content.lang)) for key in tooltip_keys]
    for row in content.units_lonlat.itertuples(index=False):
        style = unit_style({"ipa_role": row.ipa_role, "gradation": row.gradation, "code": row.code})
        style["fillColor"] = row.fill
        point = row.geometry.representative_point()
        label_point = [point.y, point.x]
        if content.label_points_lonlat and row.code in content.label_points_lonlat:
            lon, lat = content.label_points_lonlat[row.code]
            label_point = [lat, lon]
        tooltip = "<br>".join(
            f"<b>{alias}:</b> {html.escape(str(value))}"
            for alias, value in zip(
                aliases, (row.name, row.gradation_label, row.ipa_label), strict=True
            )
        )
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "code": row.code,
                    "label": html.escape(row.name),
                    "tooltip": tooltip,
                    "style": style,
                    "destination": row.ipa_role == "destination",
                    "label_point": label_point,
                    "area": round(float(row.geometry.area), 4),
                },
                "geometry": row.geometry.__geo_interface__,
            }
        )
    return {"type": "FeatureCollection", "features": features}


_SWATCH = (
    '<span class="swatch swatch-{kind}" style="background:{fill};border:1px solid {border}"></span>'
)
_LINE = (
    '<svg width="28" height="12" class="sample sample-{kind}"><line x1="1" y1="6" x2="27" '
    'y2="6" stroke="{colour}" stroke-width="{width}" stroke-dasharray="{dash}"/></svg>'
)
# Legend rows drawn as a line sample: the styling table's line for each.
_LINE_ROLES: Final = {
    "origin": "ipa_origin",
    "destination": "ipa_destination",
    "country_border": "country_border",
    "scenario_changed": "scenario_changed",
}


def _hatched(fill: str, colour: str, hatch: str) -> str:
    """A CSS background drawing the hatch of a legend swatch over its fill."""
    angle = "-45deg" if "\\" in hatch else "45deg"
    if not hatch:
        return fill
    return f"repeating-linear-gradient({angle}, {colour} 0 1.5px, transparent 1.5px 5px), {fill}"


def _legend_row(row: LegendRow) -> str:
    if row.kind in ("fill", "scope_unclear"):
        background = _hatched(row.colour, row.hatch_colour, row.hatch)
        sample = _SWATCH.format(kind=row.kind, fill=html.escape(background), border=OUTLINE_COLOUR)
    else:
        line = map_style().lines[_LINE_ROLES[row.kind]]
        sample = _LINE.format(kind=row.kind, colour=line.colour, width=line.width_px, dash="none")
    return f"<li>{sample}{html.escape(row.label)}</li>"


_STYLE: Final = """
body { font-family: FONT_STACK; margin: 1.2rem auto;
       max-width: 70rem; padding: 0 1rem; color: #111; }
h1 { font-size: 1.35rem; margin: 0 0 .3rem; }
.subtitle { margin: 0; color: #333; }
#map { height: 68vh; min-height: 420px; margin: .8rem 0; background: MAP_BACKGROUND;
       border: 1px solid #ccc; position: relative; }
.scenario-band { position: absolute; top: 0; left: 0; right: 0; z-index: 800;
                 text-align: center; font-weight: bold; letter-spacing: .08em;
                 padding: .3rem; pointer-events: none; }
.legend ul { list-style: none; padding: 0; margin: .3rem 0; line-height: 1.9; }
.swatch { display: inline-block; width: 1.1em; height: 1.1em; margin-right: .5em;
          vertical-align: middle; }
.sample { margin-right: .5em; vertical-align: middle; }
.notes p, .sources { font-size: .88rem; margin: .3rem 0; }
.disclaimer { font-size: .88rem; font-style: italic; }
.map-label { width: 0; height: 0; pointer-events: none; }
.map-label span { position: absolute; left: 0; top: 0; transform: translate(-50%, -50%);
                  font-weight: bold; font-size: 12px; white-space: nowrap; color: #111;
                  text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 2px #fff; }
.neighbour-label span { color: #595959; font-weight: 600; font-size: 11px;
                        letter-spacing: .05em; }
.scope-label span { font-style: italic; }
.boundaries, .footer { font-size: .88rem; margin: .3rem 0; }
@media print { #map { height: 60vh; } }
"""

_SCRIPT: Final = """
(function () {
  const data = JSON.parse(document.getElementById("map-data").textContent);
  const map = L.map("map", { zoomSnap: 0.25, attributionControl: false });
  map.fitBounds(data.bounds);
  L.control.scale({ imperial: false }).addTo(map);
  const plain = { style: (feature) => feature.properties.style, interactive: false };
  L.geoJSON(data.background, plain).addTo(map);
  const options = {
    style: (feature) => feature.properties.style,
    onEachFeature: (feature, layer) =>
      layer.bindTooltip(feature.properties.tooltip, { sticky: true }),
  };
  L.geoJSON(
    { type: "FeatureCollection",
      features: data.features.filter((f) => !f.properties.destination) },
    options
  ).addTo(map);
  L.geoJSON(data.context, {
    style: (feature) => feature.properties.style,
    interactive: false,
  }).addTo(map);
  const destination = data.features.filter((f) => f.properties.destination);
  L.geoJSON({ type: "FeatureCollection", features: destination }, options).addTo(map);
  for (const feature of destination) {
    L.circleMarker(feature.properties.label_point, {
      radius: data.destination_dot, color: data.destination_colour,
      fillColor: data.destination_colour, fillOpacity: 1, weight: 2,
      className: "ipa-destination-dot",
    }).bindTooltip(feature.properties.tooltip, { sticky: true }).addTo(map);
  }
  // Labels: centred on their point, then moved apart (largest units keep their place).
  const labels = [];
  for (const label of data.labels) {
    const classes = label.kind.split(" ").map((k) => k + "-label").join(" ");
    const icon = L.divIcon({ className: "map-label " + classes,
                             html: "<span>" + label.text + "</span>", iconSize: null });
    const marker = L.marker(label.point, { icon: icon, interactive: false, keyboard: false,
                                           pane: "tooltipPane" }).addTo(map);
    labels.push(marker);
  }
  const steps = [[0, 0], [0, -16], [0, 16], [0, -30], [0, 30], [40, 0], [-40, 0],
                 [40, -20], [-40, -20], [40, 20], [-40, 20], [0, -46], [0, 46]];
  function spread() {
    const placed = [];
    for (const marker of labels) {
      const span = marker.getElement().firstChild;
      for (const [dx, dy] of steps) {
        span.style.transform = "translate(calc(-50% + " + dx + "px), calc(-50% + " + dy + "px))";
        const box = span.getBoundingClientRect();
        const clash = placed.some((b) => box.left < b.right && box.right > b.left &&
                                         box.top < b.bottom && box.bottom > b.top);
        if (!clash) { break; }
      }
      placed.push(span.getBoundingClientRect());
    }
  }
  map.on("zoomend", spread);
  spread();
})();
"""


def _style() -> str:
    # The map's background is the neighbours' grey: beyond the drawn neighbours is "elsewhere".
    background = map_style().areas["neighbour"]["fill"]
    return _STYLE.replace("FONT_STACK", map_style().font_css).replace("MAP_BACKGROUND", background)


def _context(content: MapContent, features: dict[str, Any]) -> dict[str, Any]:
    """The context layer (scope-unclear area, IPA line, scenario outlines, country border)."""
    units = {
        "features": [
            {"properties": f["properties"] | {"ipa_role": r.ipa_role}, "geometry": f["geometry"]}
            for f, r in zip(
                features["features"], content.units_lonlat.itertuples(index=False), strict=True
            )
        ]
    }
    fills = {}
    if content.scope_unclear_lonlat is not None:
        fills = dict(
            zip(
                content.scope_unclear_lonlat["code"],
                content.scope_unclear_lonlat["fill"],
                strict=True,
            )
        )
    return context_layer(units, fills, content.changed_codes)


def _labels(content: MapContent, features: dict[str, Any]) -> list[dict[str, Any]]:
    """Every name on the map, largest unit first: units, split-off areas, neighbours."""
    labels = []
    ordered = sorted(features["features"], key=lambda f: -f["properties"]["area"])
    for feature in ordered:
        p = feature["properties"]
        kind = "region destination" if p["destination"] else "region"
        labels.append({"text": p["label"], "point": p["label_point"], "kind": kind})
    if content.scope_unclear_lonlat is not None:
        points = split_off_label_points()
        for row in content.scope_unclear_lonlat.itertuples(index=False):
            labels.insert(
                0, {"text": html.escape(row.name), "point": list(points[row.code]), "kind": "scope"}
            )
    for iso, point in neighbour_label_points().items():
        name = html.escape(wt(f"map.neighbour.{iso}", content.lang))
        labels.append({"text": name, "point": list(point), "kind": "neighbour"})
    return labels


def page_html(content: MapContent) -> str:
    """The whole offline page for `content`."""
    script, css = leaflet_assets()
    minx, miny, maxx, maxy = (float(v) for v in content.units_lonlat.total_bounds)
    features = _features(content)
    data = {
        "features": features["features"],
        "background": neighbour_layer(),
        "context": _context(content, features),
        "labels": _labels(content, features),
        "destination_colour": IPA_DESTINATION_COLOUR,
        "destination_dot": map_style().lines["ipa_destination"].extra["dot_px"],
        "bounds": [[miny, minx], [maxy, maxx]],
    }
    band = ""
    if content.scenario_band:
        colours = map_style().areas["scenario_band"]
        band = (
            f'<div class="scenario-band" style="background:{colours["fill"]};'
            f'color:{colours["text_colour"]}">{html.escape(content.scenario_band)}</div>'
        )
    subtitle = "".join(f'<p class="subtitle">{html.escape(line)}</p>' for line in content.subtitle)
    legend = "".join(_legend_row(row) for row in content.legend)
    notes = "".join(f"<p>{html.escape(note)}</p>" for note in content.notes)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{content.lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(content.title)}</title>\n"
        f"<style>\n{css}\n</style>\n<style>{_style()}</style>\n"
        f"<script>\n{script}\n</script>\n</head>\n<body>\n"
        f"<h1>{html.escape(content.title)}</h1>\n{subtitle}\n"
        f'<div id="map">{band}</div>\n'
        f'<div class="legend"><strong>{html.escape(content.legend_heading)}</strong>'
        f"<ul>{legend}</ul></div>\n"
        f'<div class="notes">{notes}</div>\n'
        f'<p class="sources">{html.escape(content.sources)}</p>\n'
        f'<p class="disclaimer">{html.escape(content.disclaimer)}</p>\n'
        f'<p class="boundaries">{html.escape(content.boundary_disclaimer)}</p>\n'
        f'<p class="footer">{html.escape(content.footer)}</p>\n'
        f'<script type="application/json" id="map-data">{script_json(data)}</script>\n'
        f"<script>{_SCRIPT}</script>\n</body>\n</html>\n"
    )


def offline_html(
    version: PolicyVersion,
    lang: str,
    scenario: Any = None,
    today: dt.date | None = None,
) -> str:
    """The interactive map of `version` (or of `scenario` applied to it) as one HTML file.

    `today` is the date printed under the title (default: today); fixing it fixes the text.
    """
    choice("language", lang, LANGS)
    applied = scenario_on(version, scenario)
    content = map_content(version, lang, scenario=applied, today=today)  # type: ignore[arg-type]
    return page_html(content)
