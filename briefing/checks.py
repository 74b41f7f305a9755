"""The checks every briefing function makes on its arguments, with one-line messages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from briefing.errors import BriefingError
from briefing.scenarios import BriefingScenario, briefing_scenario
from policy import PolicyError, PolicyVersion
from wording import LANGUAGES

LANGS = LANGUAGES  # the one list of languages


def choice(name: str, value: str, allowed: Sequence[str]) -> str:
    if value not in allowed:
        raise BriefingError(f"{name}: {value!r} is not one of {', '.join(allowed)}")
    return value


def scenario_on(version: PolicyVersion, scenario: Any) -> BriefingScenario | None:
    """`scenario` applied to `version` (its base), or None; a policy error becomes one line."""
    if scenario is None:
        return None
    if version.modified and not isinstance(scenario, BriefingScenario):
        raise BriefingError(
            f"policy {version.id}: give the scenario's base version, not a modified one"
        )
    try:
        return briefing_scenario(scenario, version)
    except PolicyError as error:
        raise BriefingError(f"scenario: {error}") from None
