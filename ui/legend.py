"""The map legend as plain HTML drawn by the page (branca's legend would load d3 from a CDN).

Each gradation shows its colour with both its Dutch legal term and its English term (the page's
language first); the two IPA roles show the outline style the map uses, so the meaning never
rests on colour alone.
"""

from __future__ import annotations

import html

from geodata.map_style import map_style
from geodata.palette import GRADATION_COLOURS, GRADATION_ORDER, OUTLINE_COLOUR
from policy import gradation_label
from ui.texts import Lang, t
from wording import t as wt

_SWATCH = (
    '<span style="display:inline-block;width:1.1em;height:1.1em;margin-right:.5em;'
    'vertical-align:middle;background:{fill};border:{border}"></span>'
)
_LINE = (
    '<svg width="28" height="12" style="margin-right:.5em;vertical-align:middle">'
    '<line x1="1" y1="6" x2="27" y2="6" stroke="{colour}" stroke-width="{width}"'
    ' stroke-dasharray="{dash}"/></svg>'
)


def legend_html(
    lang: Lang, gradations: set[str] | None = None, ipa_roles: set[str] | None = None
) -> str:
    """The legend; `gradations` and `ipa_roles` limit the rows to what the map shows (None: all)."""
    rows = []
    for code in GRADATION_ORDER:
        if gradations is not None and code not in gradations:
            continue
        other = "nl" if lang == "en" else "en"
        label = (
            f"{html.escape(gradation_label(code, lang))} "
            f"<i>({html.escape(gradation_label(code, other))})</i>"
        )
        swatch = _SWATCH.format(fill=GRADATION_COLOURS[code], border=f"1px solid {OUTLINE_COLOUR}")
        rows.append(f'<div style="margin:.15rem 0">{swatch}{label}</div>')
    lines = map_style().lines
    origin = _LINE.format(
        colour=lines["ipa_origin"].colour, width=lines["ipa_origin"].width_px, dash="none"
    )
    destination = _LINE.format(
        colour=lines["ipa_destination"].colour,
        width=lines["ipa_destination"].width_px,
        dash="none",
    )
    if ipa_roles is None or "origin" in ipa_roles:
        rows.append(f"<div>{origin}{html.escape(wt('map.legend.ipa_origin', lang))}</div>")
    if ipa_roles is None or "destination" in ipa_roles:
        rows.append(f"<div>{destination}{html.escape(t('legend_ipa_destination', lang))}</div>")
    area = map_style().areas["scope_unclear"]
    hatch = (
        f"repeating-linear-gradient(45deg, {area['hatch_colour']} 0 1.5px, transparent 1.5px 5px),"
        " #ffffff"
    )
    swatch = _SWATCH.format(fill=hatch, border=f"1px solid {OUTLINE_COLOUR}")
    scope = html.escape(wt("map.legend.scope_unclear", lang, name="Taoudénit"))
    rows.append(f'<div class="legend-scope-unclear" style="margin:.15rem 0">{swatch}{scope}</div>')
    border = _LINE.format(
        colour=lines["country_border"].colour, width=lines["country_border"].width_px, dash="none"
    )
    rows.append(f"<div>{border}{html.escape(wt('map.legend.country_border', lang))}</div>")
    heading = html.escape(t("legend_heading", lang))
    return (
        f'<div class="policy-legend" style="line-height:1.45;font-size:0.85rem">'
        f"<strong>{heading}</strong>{''.join(rows)}</div>"
    )
