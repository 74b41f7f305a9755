"""What a briefing output says about a what-if scenario: its title, base, changes, rationales.

A scenario (`policy.scenario.Scenario`, read from a scenario file) is applied to its base
version through the validated overrides; the outputs need the applied version plus the words
the analyst wrote (title, author, one rationale per change), which they print escaped.
`BriefingScenario` holds exactly that, so every output reads a scenario the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from policy import PolicyVersion


@dataclass(frozen=True)
class ChangeNote:
    """One changed region and the analyst's reason for the change (free text, untrusted)."""

    code: str
    name: str
    rationale: str


@dataclass(frozen=True)
class BriefingScenario:
    """A scenario applied to its base: the version to draw and the analyst's words."""

    title: str
    base_id: str
    version: PolicyVersion
    changes: tuple[ChangeNote, ...]
    author: str | None = None

    def __post_init__(self) -> None:
        if not self.version.modified:
            raise ValueError("a scenario's version is a what-if version (modified=True)")


def briefing_scenario(scenario: Any, base: PolicyVersion) -> BriefingScenario:
    """`scenario` (a BriefingScenario, or a policy.scenario.Scenario) applied to `base`.

    A Scenario keeps each region as the analyst typed it and its resolved ISO code; the
    outputs name the region as the version does.
    """
    if isinstance(scenario, BriefingScenario):
        return scenario
    version = scenario.apply(base)
    changes = []
    for change in scenario.changes:
        region = version.region(change.code)
        changes.append(
            ChangeNote(code=region.code, name=region.name, rationale=str(change.rationale))
        )
    author = getattr(scenario, "author", None)
    return BriefingScenario(
        title=str(scenario.title),
        base_id=base.id,
        version=version,
        changes=tuple(changes),
        author=None if author is None else str(author),
    )
