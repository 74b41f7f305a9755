"""Case checks its facts: a string is never taken for true or false."""

from __future__ import annotations

import pytest

from policy import Case, IndividualElements, PolicyError, evaluate, fact_label, load_version
from policy.case import parse_elements


@pytest.mark.parametrize(
    "field", ["persecution", "individual_harm", "ipa_obstacles", "exclusion_indications"]
)
@pytest.mark.parametrize("value", ["false", "true", 1, 0, None])
def test_booleans_must_be_bool(field: str, value) -> None:
    with pytest.raises(PolicyError, match=f"^{field}: must be true or false"):
        Case(region="Gao", **{field: value})


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("LIMITED", IndividualElements.limited),
        (" substantial ", IndividualElements.substantial),
        ("", IndividualElements.none),
        (IndividualElements.limited, IndividualElements.limited),
    ],
)
def test_the_readers_parser_accepts_the_value_in_any_case(value, expected) -> None:
    """CSV, link and CLI read the elements with `parse_elements` before they build a Case."""
    assert Case(region="Gao", individual_elements=parse_elements(value)).individual_elements is (
        expected
    )


@pytest.mark.parametrize("value", ["LIMITED", " limited ", "", 1, None, True])
def test_case_is_strict_about_individual_elements(value) -> None:
    """The model converts nothing: only the enum or its exact value (as in JSON) is taken."""
    with pytest.raises(PolicyError, match="^individual_elements: .* is not one of"):
        Case(region="Gao", individual_elements=value)
    assert Case(region="Gao", individual_elements="limited").individual_elements is (
        IndividualElements.limited
    )


def test_unknown_ipa_criteria_and_fields_are_refused() -> None:
    with pytest.raises(PolicyError, match="^ipa_criteria: unknown criterion 'nope'"):
        Case(region="Gao", ipa_criteria={"nope": True})
    with pytest.raises(PolicyError, match=r"^ipa_criteria\.travel_and_admittance: must be true"):
        Case(region="Gao", ipa_criteria={"travel_and_admittance": "yes"})
    with pytest.raises(PolicyError, match="^persecuted: "):
        Case(region="Gao", persecuted=True)


def test_unknown_individual_elements_names_the_field() -> None:
    with pytest.raises(PolicyError, match="^individual_elements: 'many' is not one of"):
        Case(region="Gao", individual_elements="many")


def test_region_must_be_text() -> None:
    with pytest.raises(PolicyError, match="^region:"):
        Case(region=7)  # type: ignore[arg-type]


def test_the_memo_and_json_carry_the_facts_of_the_case() -> None:
    """A memo without its facts cannot be checked later: both outputs list every answer."""
    case = Case(
        region="Ménaka",
        individual_elements=IndividualElements.limited,
        ipa_obstacles=True,
        exclusion_indications=True,
    )
    decision = evaluate(case, load_version())
    assert decision.to_dict()["facts"] == {
        "region": "Ménaka",
        "persecution": False,
        "individual_harm": False,
        "individual_elements": "limited",
        "ipa_obstacles": True,
        "exclusion_indications": True,
    }
    memo = decision.to_markdown("nl")
    assert "## Feiten" in memo
    assert f"{fact_label('individual_elements', 'nl')}: beperkt" in memo
    assert f"{fact_label('ipa_obstacles', 'nl')}: vastgesteld" in memo
    assert f"{fact_label('persecution', 'nl')}: niet vastgesteld" in memo


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_conclusions_use_words_not_codes(lang: str) -> None:
    """The memo is read by jurists: no internal identifiers in the reasoning."""
    for obstacles in (False, True):
        case = Case(region="Gao", ipa_obstacles=obstacles, individual_elements="limited")
        decision = evaluate(case, load_version())
        text = " ".join(
            step.conclusion_nl if lang == "nl" else step.conclusion_en for step in decision.steps
        )
        for code in (
            "travel_and_admittance",
            "reasonable_to_settle",
            "personal_circumstances",
            "ipa_obstacles",
            "'limited'",
            "'none'",
            "'substantial'",
        ):
            assert code not in text, code
