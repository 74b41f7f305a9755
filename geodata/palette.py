"""The colour palette of the map, its legend and the briefing images, read from the one styling
table (`geodata/map_style.toml`, see `geodata.map_style`).

Colour-blind and greyscale safe: the legend fills differ by at least 10 in CIE L* (so they stay
apart in greyscale print) and stay apart under simulated deuteranopia and protanopia (a test
checks both). Colour is never the only carrier of meaning: the legend and tooltip name the
level; the IPA is drawn as a line set inside the border of the regions concerned, and classes
of a comparison that share a fill are told apart by a hatch.
"""

from __future__ import annotations

from typing import Final

from geodata.map_style import map_style
from policy.models import Gradation, IpaRole

_STYLE = map_style()

# The codes come from the policy's own vocabulary (policy.models), in its order, so a new
# gradation or IPA role cannot silently miss a colour: a test checks both tables are complete.
GRADATION_ORDER: Final[tuple[str, ...]] = tuple(gradation.value for gradation in Gradation)
IPA_ROLES: Final[tuple[str, ...]] = tuple(role.value for role in IpaRole)

GRADATION_COLOURS: Final[dict[str, str]] = dict(_STYLE.gradation)

OUTLINE_COLOUR: Final = _STYLE.lines["region_border"].colour
COUNTRY_BORDER_COLOUR: Final = _STYLE.lines["country_border"].colour
IPA_ORIGIN_COLOUR: Final = _STYLE.lines["ipa_origin"].colour
IPA_DESTINATION_COLOUR: Final = _STYLE.lines["ipa_destination"].colour

# The outline of each IPA role on a unit's own shape (Leaflet path options added to the fill):
# thick and dark blue for the place of the alternative; the regions of origin get no outline of
# their own but one line around their dissolved area (see `geodata.map_render.ipa_origin_line`).
IPA_ROLE_OUTLINES: Final[dict[str, dict[str, object]]] = {
    "origin": {},
    "destination": {
        "weight": _STYLE.lines["ipa_destination"].width_px,
        "color": IPA_DESTINATION_COLOUR,
    },
    "none": {},
    "unknown": {},
}


def gradation_colour(gradation: str) -> str:
    """The fill colour of a gradation code; an unknown code is a programming error."""
    return GRADATION_COLOURS[gradation]


# The comparison map of two versions (briefing images): one fill (and hatch) per class of
# `policy.diff.MAP_CLASSES`.
CHANGE_COLOURS: Final[dict[str, str]] = {name: f.fill for name, f in _STYLE.change.items()}
CHANGE_HATCHES: Final[dict[str, tuple[str, str]]] = {
    name: (f.hatch, f.hatch_colour) for name, f in _STYLE.change.items()
}
