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
from geodata.map_render import unit_style
from geodata.palette import IPA_DESTINATION_COLOUR, IPA_ORIGIN_DASH, OUTLINE_COLOUR
from policy import PolicyVersion

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
                    "label_point": [point.y, point.x],
                },
                "geometry": row.geometry.__geo_interface__,
            }
        )
    return {"type": "FeatureCollection", "features": features}


_SWATCH = '<span class="swatch" style="background:{fill};border:1px solid {border}"></span>'
_LINE = (
    '<svg width="28" height="12" class="sample"><line x1="1" y1="6" x2="27" y2="6" '
    'stroke="{colour}" stroke-width="{width}" stroke-dasharray="{dash}"/></svg>'
)


def _legend_row(row: LegendRow) -> str:
    if row.kind == "fill":
        sample = _SWATCH.format(fill=html.escape(row.colour), border=OUTLINE_COLOUR)
    elif row.kind == "origin":
        sample = _LINE.format(colour=OUTLINE_COLOUR, width=2.5, dash=IPA_ORIGIN_DASH)
    else:
        sample = _LINE.format(colour=IPA_DESTINATION_COLOUR, width=4, dash="none")
    return f"<li>{sample}{html.escape(row.label)}</li>"


_STYLE: Final = """
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; margin: 1.2rem auto;
       max-width: 70rem; padding: 0 1rem; color: #111; }
h1 { font-size: 1.35rem; margin: 0 0 .3rem; }
.subtitle { margin: 0; color: #333; }
#map { height: 68vh; min-height: 420px; margin: .8rem 0; background: #fff;
       border: 1px solid #ccc; }
.legend ul { list-style: none; padding: 0; margin: .3rem 0; line-height: 1.9; }
.swatch { display: inline-block; width: 1.1em; height: 1.1em; margin-right: .5em;
          vertical-align: middle; }
.sample { margin-right: .5em; vertical-align: middle; }
.notes p, .sources { font-size: .88rem; margin: .3rem 0; }
.disclaimer { font-size: .88rem; font-style: italic; }
.region-label { font-weight: bold; font-size: 12px; white-space: nowrap; color: #111;
                text-shadow: 0 0 3px #fff, 0 0 3px #fff; pointer-events: none; }
.destination-label { margin-left: 9px; margin-top: -16px; }
@media print { #map { height: 60vh; } }
"""

_SCRIPT: Final = """
(function () {
  const data = JSON.parse(document.getElementById("map-data").textContent);
  const map = L.map("map", { zoomSnap: 0.25, attributionControl: false });
  map.fitBounds(data.bounds);
  L.control.scale({ imperial: false }).addTo(map);
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
  const destination = data.features.filter((f) => f.properties.destination);
  L.geoJSON({ type: "FeatureCollection", features: destination }, options).addTo(map);
  for (const feature of destination) {
    L.circleMarker(feature.properties.label_point, {
      radius: 6, color: data.destination_colour, fillColor: data.destination_colour,
      fillOpacity: 1, weight: 2, className: "ipa-destination-dot",
    }).bindTooltip(feature.properties.tooltip, { sticky: true }).addTo(map);
  }
  for (const feature of data.features) {
    const className = feature.properties.destination
      ? "region-label destination-label" : "region-label";
    const icon = L.divIcon({ className: className, html: feature.properties.label,
                             iconSize: null });
    L.marker(feature.properties.label_point, { icon: icon, interactive: false,
                                               keyboard: false }).addTo(map);
  }
})();
"""


def page_html(content: MapContent) -> str:
    """The whole offline page for `content`."""
    script, css = leaflet_assets()
    minx, miny, maxx, maxy = (float(v) for v in content.units_lonlat.total_bounds)
    data = {
        "features": _features(content)["features"],
        "destination_colour": IPA_DESTINATION_COLOUR,
        "bounds": [[miny, minx], [maxy, maxx]],
    }
    subtitle = "".join(f'<p class="subtitle">{html.escape(line)}</p>' for line in content.subtitle)
    legend = "".join(_legend_row(row) for row in content.legend)
    notes = "".join(f"<p>{html.escape(note)}</p>" for note in content.notes)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{content.lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(content.title)}</title>\n"
        f"<style>\n{css}\n</style>\n<style>{_STYLE}</style>\n"
        f"<script>\n{script}\n</script>\n</head>\n<body>\n"
        f"<h1>{html.escape(content.title)}</h1>\n{subtitle}\n"
        '<div id="map"></div>\n'
        f'<div class="legend"><strong>{html.escape(content.legend_heading)}</strong>'
        f"<ul>{legend}</ul></div>\n"
        f'<div class="notes">{notes}</div>\n'
        f'<p class="sources">{html.escape(content.sources)}</p>\n'
        f'<p class="disclaimer">{html.escape(content.disclaimer)}</p>\n'
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
