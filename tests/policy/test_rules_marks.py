"""What the rules must say, field by field, where the law's marks are easy to lose: the criteria
of art. 3.37d VV for the internal protection alternative, and the two readings of Taoudénit.

Written from the texts: C7/23.5.2 Vc holds the IPA in Bamako against people from the listed
regions "in beginsel"; C2/3.4 Vc and art. 3.37d VV name the criteria (safe and legal travel and
admittance, reasonably settling, personal circumstances), so a criterion answered "not met"
makes the alternative unreasonable, and the step must name it. Taoudénit was split off from
Tombouctou and the decree is silent on it: both readings are given, with their values, and the
outcome is undetermined when they differ. (These checks came from mutation testing: every
field below could be dropped or changed without another test noticing.)
"""

from __future__ import annotations

import pytest

from policy import Case, evaluate, load_version
from tests.policy.steps import CRITERIA_EN, CRITERIA_NL


@pytest.fixture(scope="module")
def version():
    return load_version(None)


def test_a_criterion_not_met_makes_the_alternative_unreasonable(version) -> None:
    answers = {"reasonable_to_settle": False, "travel_and_admittance": True}
    decision = evaluate(Case(region="Gao", ipa_criteria=answers), version)
    assert decision.outcome == "subsidiary_protection_15c"
    step = decision.steps[-1]
    assert step.rule == "ipa_individual"
    assert step.conclusion_en == (
        "On the facts given, individual circumstances make the alternative in Bamako unreasonable"
        " (not met: can reasonably be expected to settle)"
        f" (art. 3.37d VV: {CRITERIA_EN}): the policy points to subsidiary protection for"
        " indiscriminate violence."
    )
    assert step.conclusion_nl == (
        "Volgens de opgegeven feiten maken individuele omstandigheden het alternatief in Bamako"
        " onredelijk (niet voldaan: zich redelijkerwijs kunnen vestigen)"
        f" (art. 3.37d VV: {CRITERIA_NL}): het beleid wijst op subsidiaire bescherming wegens"
        " willekeurig geweld."
    )
    assert decision.to_dict()["ipa_criteria_answered"] == answers
    assert decision.to_dict()["ipa_applies"] is False  # for this applicant: unreasonable


def test_obstacles_without_a_named_criterion_say_so_without_a_list(version) -> None:
    decision = evaluate(Case(region="Gao", ipa_obstacles=True), version)
    assert decision.outcome == "subsidiary_protection_15c"
    assert decision.steps[-1].conclusion_en == (
        "On the facts given, individual circumstances make the alternative in Bamako unreasonable"
        f" (art. 3.37d VV: {CRITERIA_EN}): the policy points to subsidiary protection for"
        " indiscriminate violence."
    )
    assert decision.to_dict()["ipa_criteria_answered"] == {}


def test_criteria_met_keep_the_alternative_and_are_named(version) -> None:
    decision = evaluate(Case(region="Gao", ipa_criteria={"travel_and_admittance": True}), version)
    assert decision.outcome == "internal_protection_alternative"
    assert f"(art. 3.37d VV: {CRITERIA_EN}; met: safe and legal travel and admittance)" in (
        decision.steps[-1].conclusion_en
    )


def test_taoudenit_gives_both_readings_with_their_values(version) -> None:
    decision = evaluate(Case(region="Taoudénit"), version)
    assert decision.outcome == "undetermined"
    assert decision.missing_values == ("regions[ML-10].scope",)
    assert decision.flags == ("region_not_named", "region_scope_unclear", "rests_on_reading")
    assert decision.to_dict()["alternative_readings"] == [
        {
            "reading": "part_of_region",
            "region": {"code": "ML-6", "name": "Tombouctou"},
            "gradation": "exceptional",
            "outcome": "internal_protection_alternative",
            "ipa_applies": True,
            "label": {"nl": "gelezen als deel van Tombouctou", "en": "read as part of Tombouctou"},
        },
        {
            "reading": "not_named",
            "region": {"code": "ML-10", "name": "Taoudénit"},
            "gradation": "not_designated",
            "outcome": "no_protection_ground",
            "ipa_applies": False,
            "label": {"nl": "gelezen als niet genoemd", "en": "read as not named"},
        },
    ]


def test_taoudenit_with_persecution_has_one_answer_under_both_readings(version) -> None:
    """Where the readings agree (persecution decides before the region's level matters), the
    outcome stands, and both readings still show it."""
    decision = evaluate(Case(region="Taoudénit", persecution=True), version)
    assert decision.outcome == "refugee_status"
    assert [r["outcome"] for r in decision.to_dict()["alternative_readings"]] == [
        "refugee_status",
        "refugee_status",
    ]
