"""The change between two policy versions, per region, as the comparison map draws it.

`change_classes` gives each region one class (the fill of the comparison map): a change of the
15(c) level comes first (raised, lowered, changed, became_known, became_unknown), then a change
of the IPA (ipa_added, ipa_removed, or became_known/became_unknown when the sources start or
stop saying), else unchanged. These are the classes of `policy.diff.change_map`; the field by
field list (`field_changes`) feeds the list of changes printed under the map.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from policy import Gradation, PolicyVersion

CHANGE_CLASSES: Final[tuple[str, ...]] = (
    "raised",
    "lowered",
    "changed",
    "became_known",
    "became_unknown",
    "ipa_added",
    "ipa_removed",
    "unchanged",
)

# Severity of indiscriminate violence, for "raised"/"lowered". No 15(c) situation and "not
# named" both mean no level; a move between them is a change that is neither higher nor lower.
_LEVEL: Final[dict[Gradation, int]] = {
    Gradation.exceptional: 3,
    Gradation.relatively_higher: 2,
    Gradation.relatively_lower: 1,
    Gradation.no_15c: 0,
    Gradation.not_designated: 0,
}


@dataclass(frozen=True)
class FieldChange:
    """One field of one region that differs between the versions (`old`/`new` are codes)."""

    code: str
    name: str
    field: str
    old: str | bool | None
    new: str | bool | None


def _gradation_change(old: Gradation, new: Gradation) -> str | None:
    if old == new:
        return None
    if old is Gradation.unknown:
        return "became_known"
    if new is Gradation.unknown:
        return "became_unknown"
    if _LEVEL[new] == _LEVEL[old]:
        return "changed"
    return "raised" if _LEVEL[new] > _LEVEL[old] else "lowered"


def _ipa_change(old: bool | None, new: bool | None) -> str | None:
    if old == new:
        return None
    if old is None:
        return "became_known"
    if new is None:
        return "became_unknown"
    return "ipa_added" if new else "ipa_removed"


def change_classes(a: PolicyVersion, b: PolicyVersion) -> dict[str, str]:
    """ISO code -> change class from `a` to `b`, for every region either version names."""
    old = {region.code: region for region in a.regions}
    classes = {}
    for region in b.regions:
        before = old.get(region.code)
        if before is None:
            classes[region.code] = "became_known"
            continue
        classes[region.code] = (
            _gradation_change(before.gradation, region.gradation)
            or _ipa_change(before.ipa_applies, region.ipa_applies)
            or "unchanged"
        )
    for code in old.keys() - {region.code for region in b.regions}:
        classes[code] = "became_unknown"
    return classes


def field_changes(a: PolicyVersion, b: PolicyVersion) -> list[FieldChange]:
    """Every gradation and IPA value that differs from `a` to `b`, in `b`'s region order."""
    old = {region.code: region for region in a.regions}
    changes = []
    for region in b.regions:
        before = old.get(region.code)
        old_gradation = before.gradation.value if before else None
        old_ipa = before.ipa_applies if before else None
        if old_gradation != region.gradation.value:
            changes.append(
                FieldChange(
                    region.code, region.name, "gradation", old_gradation, region.gradation.value
                )
            )
        if before is None or old_ipa != region.ipa_applies:
            changes.append(
                FieldChange(region.code, region.name, "ipa_applies", old_ipa, region.ipa_applies)
            )
    return changes
