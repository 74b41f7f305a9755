"""Case checks its facts: a string is never taken for true or false."""

from __future__ import annotations

import pytest

from policy import Case, IndividualElements, PolicyError


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
def test_individual_elements_accepts_the_value_in_any_case(value, expected) -> None:
    assert Case(region="Gao", individual_elements=value).individual_elements is expected


def test_unknown_individual_elements_names_the_field() -> None:
    with pytest.raises(PolicyError, match="^individual_elements: 'many' is not one of"):
        Case(region="Gao", individual_elements="many")


def test_region_must_be_text() -> None:
    with pytest.raises(PolicyError, match="^region:"):
        Case(region=7)  # type: ignore[arg-type]
