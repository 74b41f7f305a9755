"""The regions of a version as `python -m policy regions --json` lists them.

The draft reader's report (`draft-version --json`) gives its `regions` in this shape; a test
keeps it equal to the output of `regions --json`.
"""

from __future__ import annotations

from typing import Any

from policy.models import PolicyVersion


def region_rows(version: PolicyVersion) -> list[dict[str, Any]]:
    """Each region: code, name, gradation (and the levels the sources leave possible where they
    narrow an unknown one), IPA, their citations, note and reasons."""
    return [
        {
            "code": region.code,
            "name": region.name,
            "gradation": region.gradation.value,
            "gradation_possible": [level.value for level in region.gradation_possible],
            "ipa_applies": region.ipa_applies,
            "gradation_citation": region.gradation_citation.as_dict(),
            "ipa_citation": region.ipa_citation.as_dict(),
            "note": region.note,
            "reasons": [reason.as_dict() for reason in region.reasons],
        }
        for region in version.regions
    ]
