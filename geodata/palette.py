"""The one colour palette of the map, its legend and the briefing images.

Colour-blind safe: the three levels of indiscriminate violence are an ordered sequence of one hue
family (ColorBrewer YlOrBr), told apart by lightness, which every kind of colour vision sees;
"no 15(c) situation" is blue, a different hue family; "not designated" and "unknown" are greys.
Colour is never the only carrier of meaning: the legend and tooltip name the level, and the IPA
roles are drawn as outlines (dashed for the regions of origin, thick for Bamako).
"""

from __future__ import annotations

from typing import Final

GRADATION_ORDER: Final[tuple[str, ...]] = (
    "exceptional",
    "relatively_higher",
    "relatively_lower",
    "no_15c",
    "not_designated",
    "unknown",
)

GRADATION_COLOURS: Final[dict[str, str]] = {
    "exceptional": "#993404",
    "relatively_higher": "#ec7014",
    "relatively_lower": "#fed98e",
    "no_15c": "#6baed6",
    "not_designated": "#f7f7f7",
    "unknown": "#969696",
}

OUTLINE_COLOUR: Final = "#252525"
IPA_DESTINATION_COLOUR: Final = "#08306b"
IPA_ORIGIN_DASH: Final = "7 5"


def gradation_colour(gradation: str) -> str:
    """The fill colour of a gradation code; an unknown code is a programming error."""
    return GRADATION_COLOURS[gradation]

# The comparison map of two versions (briefing images): one fill per class of
# `policy.diff.MAP_CLASSES`. Raised and lowered are two hue families (orange, purple) told
# apart by hue and lightness; "now known" is a light purple, the IPA-only changes are teals
# (dark: added or now known; light: removed or now unknown), "unchanged" the near-white of
# "not designated". The legend names every class shown.
CHANGE_COLOURS: Final[dict[str, str]] = {
    "raised": "#b35806",
    "lowered": "#542788",
    "changed": "#dfc27d",
    "became_known": "#b2abd2",
    "became_unknown": "#969696",
    "ipa_added": "#01665e",
    "ipa_removed": "#c7eae5",
    "ipa_became_known": "#5ab4ac",
    "ipa_became_unknown": "#d9d9d9",
    "unchanged": "#f7f7f7",
}
