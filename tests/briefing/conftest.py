"""Shared inputs of the briefing tests: the shipped versions, a fixed date, a hostile scenario."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing import BriefingScenario, ChangeNote
from policy import PolicyVersion, list_versions, load_version

TODAY = dt.date(2026, 1, 15)
HOSTILE_TITLE = '<script>alert("title")</script> Naïeve regio’s'
HOSTILE_RATIONALE = '<img src=x onerror=alert("rationale")>'


@pytest.fixture(scope="session")
def today() -> dt.date:
    """A fixed rendering date: the same inputs must give the same bytes."""
    return TODAY


@pytest.fixture(scope="session")
def hostile() -> dict[str, str]:
    return {"title": HOSTILE_TITLE, "rationale": HOSTILE_RATIONALE}


@pytest.fixture(scope="session")
def in_force() -> PolicyVersion:
    return load_version(None)


@pytest.fixture(scope="session")
def before() -> PolicyVersion:
    return next(v for v in list_versions() if v.id != load_version(None).id)


@pytest.fixture(scope="session")
def hostile_scenario(in_force: PolicyVersion) -> BriefingScenario:
    """Ménaka back to exceptional, with markup in the title and the rationale."""
    return BriefingScenario(
        title=HOSTILE_TITLE,
        base_id=in_force.id,
        version=in_force.with_overrides(gradations={"ML-9": "exceptional"}),
        changes=(ChangeNote("ML-9", "Ménaka", HOSTILE_RATIONALE),),
        author="<b>analyst</b>",
    )
