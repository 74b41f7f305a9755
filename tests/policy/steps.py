"""Finding one step of a decision, for the tests of the rules' steps."""

from __future__ import annotations

from policy import Decision, Step


def only_step(decision: Decision, rule: str) -> Step:
    """The decision's one step of `rule` (a test fails when there is none, or more than one)."""
    found = [step for step in decision.steps if step.rule == rule]
    assert len(found) == 1, [step.rule for step in decision.steps]
    return found[0]
