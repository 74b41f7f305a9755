"""The one colour palette of the map, its legend and the briefing images.

Colour-blind safe: the three levels of indiscriminate violence are an ordered sequence of one hue
family (ColorBrewer YlOrBr), told apart by lightness, which every kind of colour vision sees;
"no 15(c) situation" is blue, a different hue family; "not designated" and "unknown" are greys.
Colour is never the only carrier of meaning: the legend and tooltip name the level, and the IPA
roles are drawn as outlines (dashed for the regions of origin, thick for Bamako).
"""

from __future__ import annotations

from typing import Final

from policy.models import Gradation, IpaRole

# The codes come from the policy's own vocabulary (policy.models), in its order, so a new
# gradation or IPA role cannot silently miss a colour: a test checks both tables are complete.
GRADATION_ORDER: Final[tuple[str, ...]] = tuple(gradation.value for gradation in Gradation)
IPA_ROLES: Final[tuple[str, ...]] = tuple(role.value for role in IpaRole)

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

# The outline of each IPA role (Leaflet path options added to the fill): dashed for a region on
# the list, thick and dark blue for the place of the alternative, plain otherwise.
IPA_ROLE_OUTLINES: Final[dict[str, dict[str, object]]] = {
    "origin": {"weight": 2.5, "dashArray": IPA_ORIGIN_DASH},
    "destination": {"weight": 4, "color": IPA_DESTINATION_COLOUR},
    "none": {},
    "unknown": {},
}


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
