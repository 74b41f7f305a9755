"""The map legend as plain HTML drawn by the page (branca's legend would load d3 from a CDN).

Each gradation shows its colour with both its Dutch legal term and its English term (the page's
language first); the two IPA roles show the outline style the map uses, so the meaning never
rests on colour alone.
"""

from __future__ import annotations

import html

from geodata.palette import (
    GRADATION_COLOURS,
    GRADATION_ORDER,
    IPA_DESTINATION_COLOUR,
    IPA_ORIGIN_DASH,
    OUTLINE_COLOUR,
)
from policy import gradation_label
from ui.texts import Lang, t

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
    origin = _LINE.format(colour=OUTLINE_COLOUR, width=2.5, dash=IPA_ORIGIN_DASH)
    destination = _LINE.format(colour=IPA_DESTINATION_COLOUR, width=4, dash="none")
    if ipa_roles is None or "origin" in ipa_roles:
        rows.append(f"<div>{origin}{html.escape(t('legend_ipa_origin', lang))}</div>")
    if ipa_roles is None or "destination" in ipa_roles:
        rows.append(f"<div>{destination}{html.escape(t('legend_ipa_destination', lang))}</div>")
    heading = html.escape(t("legend_heading", lang))
    return (
        f'<div class="policy-legend" style="line-height:1.45;font-size:0.85rem">'
        f"<strong>{heading}</strong>{''.join(rows)}</div>"
    )
