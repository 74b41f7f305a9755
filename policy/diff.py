"""What changed between two policy versions, per region and field, with both citations.

Why a module of its own: "what changed in June 2025?" is the question analysts get most. The
answer must come from the version data alone (no region names here) and carry, for each
change, the sentence the old value rests on and the sentence the new value rests on, so a
briefing can quote both.

How a gradation change is classed: a gradation is *raised* when it establishes Article 15(c)
for more levels of individual elements than before (the sliding-scale table of
`framework.toml`: exceptional needs none, relatively higher limited, relatively lower
substantial, no_15c and not_designated never), *lowered* when for fewer, and *changed* when for
as many (no_15c ↔ not_designated). A value the sources did not state (`unknown`) that is now
stated *became_known*, and the reverse *became_unknown*: an unknown is never ranked. Where the
sources narrow an unknown to a set of possible levels (`gradation_possible`: the earlier Kidal
and Tombouctou, "not the highest"), the change is ranked against every possibility: *raised*
when the new level is above all of them (to the highest level; which level it had is not in
the sources), *lowered* when below all, *changed* otherwise. An IPA
status is *added* (false → true), *removed* (true → false), *became_known* or *became_unknown*.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from policy.errors import PolicyError
from policy.framework import ELEMENTS, establishes_15c
from policy.models import Citation, Gradation, PolicyVersion
from wording import t

Field = Literal["gradation", "ipa_applies"]
FIELDS: tuple[str, ...] = ("gradation", "ipa_applies")
CHANGES: tuple[str, ...] = (
    "raised",
    "lowered",
    "changed",
    "added",
    "removed",
    "became_known",
    "became_unknown",
)
MAP_CLASSES: tuple[str, ...] = (
    "raised",
    "lowered",
    "changed",
    "became_known",
    "became_unknown",
    "ipa_added",
    "ipa_removed",
    "ipa_became_known",
    "ipa_became_unknown",
    "unchanged",
)
"""The classes of the comparison map, in legend order; `change_map` gives one per region."""


@dataclass(frozen=True)
class RegionChange:
    """One field of one region that differs between version A (`from`) and version B (`to`).

    `old`/`new` are a gradation code (str) or an IPA status (True, False, None for unknown).
    """

    code: str
    name: str
    field: Field
    old: str | bool | None
    new: str | bool | None
    change: str
    from_citation: Citation
    to_citation: Citation
    from_possible: tuple[str, ...] = ()
    """The levels the sources leave possible where `old` is `unknown` but narrowed."""
    to_possible: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of `python -m policy diff --json` (docs/cli.md, "diff")."""
        return {
            "code": self.code,
            "name": self.name,
            "field": self.field,
            "from": self.old,
            "to": self.new,
            "change": self.change,
            "from_citation": self.from_citation.as_dict(),
            "to_citation": self.to_citation.as_dict(),
            "from_possible": list(self.from_possible),
            "to_possible": list(self.to_possible),
        }


def diff_versions(a: PolicyVersion, b: PolicyVersion) -> list[RegionChange]:
    """Every field that differs from `a` to `b`, in `a`'s region order, gradation before IPA.

    Both versions must hold the same regions (every shipped version holds all 11 units).
    """
    _same_regions(a, b)
    changes: list[RegionChange] = []
    for old in a.regions:
        new = b.region(old.code)
        if old.gradation != new.gradation:
            changes.append(
                RegionChange(
                    code=old.code,
                    name=new.name,
                    field="gradation",
                    old=old.gradation.value,
                    new=new.gradation.value,
                    change=gradation_change(
                        old.gradation, new.gradation, old.gradation_possible, new.gradation_possible
                    ),
                    from_citation=old.gradation_possible_citation or old.gradation_citation,
                    to_citation=new.gradation_possible_citation or new.gradation_citation,
                    from_possible=tuple(g.value for g in old.gradation_possible),
                    to_possible=tuple(g.value for g in new.gradation_possible),
                )
            )
        if old.ipa_applies != new.ipa_applies:
            changes.append(
                RegionChange(
                    code=old.code,
                    name=new.name,
                    field="ipa_applies",
                    old=old.ipa_applies,
                    new=new.ipa_applies,
                    change=ipa_change(old.ipa_applies, new.ipa_applies),
                    from_citation=old.ipa_citation,
                    to_citation=new.ipa_citation,
                )
            )
    return changes


def change_map(a: PolicyVersion, b: PolicyVersion) -> dict[str, str]:
    """Region code → its class on the comparison map (one of MAP_CLASSES), for every region.

    A gradation change decides the class; only where the gradation is the same does an IPA
    change show (`ipa_…`). The table of `diff_versions` lists both.
    """
    _same_regions(a, b)
    classes = {region.code: "unchanged" for region in a.regions}
    for change in diff_versions(a, b):
        if change.field == "gradation":
            classes[change.code] = change.change
        elif classes[change.code] == "unchanged":
            classes[change.code] = f"ipa_{change.change}"
    return classes


def gradation_change(
    old: Gradation,
    new: Gradation,
    old_possible: tuple[Gradation, ...] = (),
    new_possible: tuple[Gradation, ...] = (),
) -> str:
    """raised / lowered / changed / became_known / became_unknown (see the module docstring);
    `old_possible`/`new_possible` are the levels left possible where a gradation is unknown."""
    if old == new and tuple(old_possible) == tuple(new_possible):
        raise ValueError("the gradations are the same")
    olds = tuple(old_possible) or (old,)
    news = tuple(new_possible) or (new,)
    if Gradation.unknown in olds:
        return "became_known"
    if Gradation.unknown in news:
        return "became_unknown"
    ranked = {
        (_weight(after) > _weight(before)) - (_weight(after) < _weight(before))
        for before in olds
        for after in news
    }
    if ranked == {1}:
        return "raised"
    if ranked == {-1}:
        return "lowered"
    return "changed"


def ipa_change(old: bool | None, new: bool | None) -> str:
    """added / removed / became_known / became_unknown."""
    if old == new:
        raise ValueError("the IPA statuses are the same")
    if old is None:
        return "became_known"
    if new is None:
        return "became_unknown"
    return "added" if new else "removed"


def change_label(change: str, lang: str = "en") -> str:
    """The Dutch or English label of a change code (`raised`, …)."""
    return _label("change", change, lang)


def map_class_label(map_class: str, lang: str = "en") -> str:
    """The Dutch or English legend entry of a comparison-map class (`ipa_added`, …)."""
    return _label("map_class", map_class, lang)


def field_label(field: str, lang: str = "en") -> str:
    """The Dutch or English name of a compared field (`gradation`, `ipa_applies`)."""
    return _label("field", field, lang)


def _weight(gradation: Gradation) -> int:
    """For how many levels of individual elements the gradation establishes 15(c)."""
    return sum(establishes_15c(gradation, elements) for elements in ELEMENTS)


def _same_regions(a: PolicyVersion, b: PolicyVersion) -> None:
    codes_a = {region.code for region in a.regions}
    codes_b = {region.code for region in b.regions}
    if codes_a != codes_b:
        only = sorted(codes_a ^ codes_b)
        raise PolicyError(
            f"policy {a.id} and policy {b.id} do not hold the same regions ({', '.join(only)})"
        )


def _label(kind: str, code: str, lang: str) -> str:
    return t(f"{kind}.{code}", lang)


def time_ordered(a: PolicyVersion, b: PolicyVersion) -> tuple[PolicyVersion, PolicyVersion]:
    """(older, newer), whichever argument names which: a comparison runs forward in time.

    The shipped versions are ordered by their `supersedes` chain; other versions (a draft, a
    test's own files) by `supersedes`, else by their dates (signed, else in force); where
    neither says, as given.
    """
    from policy.versions_io import list_versions

    shipped = [version.id for version in list_versions()]
    if a.id in shipped and b.id in shipped:
        return (a, b) if shipped.index(a.id) <= shipped.index(b.id) else (b, a)
    if b.supersedes == a.id:
        return a, b
    if a.supersedes == b.id:
        return b, a
    date_a, date_b = a.signed or a.in_force, b.signed or b.in_force
    if date_a and date_b and date_b < date_a:
        return b, a
    return a, b
