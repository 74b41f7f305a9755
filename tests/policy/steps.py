"""What the tests of the rules' steps share: finding one step of a decision, and the art.
3.37d VV criteria as the IPA step lists them."""

from __future__ import annotations

from policy import Decision, Step

CRITERIA_EN = (
    "safe and legal travel and admittance; can reasonably be expected to settle; "
    "personal circumstances"
)
CRITERIA_NL = (
    "veilig en legaal reizen en toegelaten worden; zich redelijkerwijs kunnen vestigen; "
    "persoonlijke omstandigheden"
)


def only_step(decision: Decision, rule: str) -> Step:
    """The decision's one step of `rule` (a test fails when there is none, or more than one)."""
    found = [step for step in decision.steps if step.rule == rule]
    assert len(found) == 1, [step.rule for step in decision.steps]
    return found[0]
