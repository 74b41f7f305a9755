"""The change between two policy versions, per region, as the comparison map draws it.

One implementation: `policy.diff`. `change_classes` is its `change_map` (one class per region:
a gradation change first, else an IPA change, else unchanged), and `field_changes` its
`diff_versions` (every changed field, listed under the map with old and new value).
"""

from __future__ import annotations

from typing import Final

from policy.diff import MAP_CLASSES, RegionChange, change_map, diff_versions
from policy.models import PolicyVersion

CHANGE_CLASSES: Final[tuple[str, ...]] = MAP_CLASSES


def change_classes(a: PolicyVersion, b: PolicyVersion) -> dict[str, str]:
    """ISO code -> class on the comparison map, from `a` to `b`, for every region."""
    return change_map(a, b)


def field_changes(a: PolicyVersion, b: PolicyVersion) -> list[RegionChange]:
    """Every gradation and IPA value that differs from `a` to `b`, in `a`'s region order."""
    return diff_versions(a, b)
