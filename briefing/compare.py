"""The change between two policy versions, per region, as the comparison map draws it.

One implementation: `policy.diff`. `change_classes` is its `change_map` (one class per region:
a gradation change first, else an IPA change, else unchanged), and `field_changes` its
`diff_versions` (every changed field, listed under the map with old and new value).
"""

from __future__ import annotations

from typing import Final

from policy.diff import MAP_CLASSES, RegionChange, change_map, diff_versions
from policy.models import PolicyVersion
from policy.versions_io import list_versions

CHANGE_CLASSES: Final[tuple[str, ...]] = MAP_CLASSES


def change_classes(a: PolicyVersion, b: PolicyVersion) -> dict[str, str]:
    """ISO code -> class on the comparison map, from `a` to `b`, for every region."""
    return change_map(a, b)


def field_changes(a: PolicyVersion, b: PolicyVersion) -> list[RegionChange]:
    """Every gradation and IPA value that differs from `a` to `b`, in `a`'s region order."""
    return diff_versions(a, b)


def time_ordered(a: PolicyVersion, b: PolicyVersion) -> tuple[PolicyVersion, PolicyVersion]:
    """(older, newer), whichever argument names which.

    The shipped versions are ordered by their `supersedes` chain; other versions (a test's own
    files) by their dates (signed, else in force); where neither says, as given.
    """
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
