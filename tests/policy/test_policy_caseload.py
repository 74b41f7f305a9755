"""A caseload under two policies: checked case by case against the engine's `evaluate`."""

from __future__ import annotations

import pandas as pd
import pytest

from policy import BatchInputError, Case, IndividualElements, evaluate, load_version
from policy.caseload import compare
from policy.data_files import EXAMPLES_DIR
from policy.scenario import load_scenario

CASES = pd.read_csv(
    EXAMPLES_DIR / "synthetic-caseload.csv", dtype=str, keep_default_na=False, index_col=False
)
SCENARIO = load_scenario(EXAMPLES_DIR / "scenario-menaka-exceptional.json", "example")


def one_by_one(cases: pd.DataFrame, version) -> list[str]:
    """Each case through `evaluate` (not the batch): the outcomes as codes."""
    yes = {"true": True, "false": False}
    return [
        evaluate(
            Case(
                region=row["region"],
                persecution=yes[row["persecution"]],
                individual_harm=yes[row["individual_harm"]],
                individual_elements=IndividualElements(row["individual_elements"]),
                ipa_obstacles=yes[row["ipa_obstacles"]],
                exclusion_indications=yes[row["exclusion_indications"]],
            ),
            version,
        ).outcome.value
        for row in cases.to_dict("records")
    ]


def test_changed_cases_are_exactly_those_evaluate_decides_differently() -> None:
    base = load_version(SCENARIO.base)
    other = SCENARIO.apply(base)
    result = compare(CASES, base, other)
    before, after = one_by_one(CASES, base), one_by_one(CASES, other)
    expected = [n + 1 for n, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert result.changed["row"].tolist() == expected
    assert result.changed["outcome_from"].tolist() == [before[r - 1] for r in expected]
    assert result.changed["outcome_to"].tolist() == [after[r - 1] for r in expected]
    assert result.changed["case_id"].tolist() == [CASES["case_id"][r - 1] for r in expected]
    assert set(result.changed["region_code"]) == {"ML-9"}  # only Ménaka is changed
    assert result.total == len(CASES) and len(expected) > 0


def test_counts_add_up_on_both_sides() -> None:
    base = load_version(SCENARIO.base)
    result = compare(CASES, base, SCENARIO.apply(base))
    counts = result.counts
    assert counts["base"].sum() == counts["other"].sum() == len(CASES)
    totals = result.outcome_totals().set_index("outcome")
    before = pd.Series(one_by_one(CASES, base)).value_counts()
    for outcome, row in totals.iterrows():
        assert row["base"] == before.get(outcome, 0)
    assert totals["difference"].sum() == 0
    assert (counts["difference"] == counts["other"] - counts["base"]).all()
    # Outside Ménaka no count moves.
    assert (counts.loc[counts["region_code"] != "ML-9", "difference"] == 0).all()
    ordered = [r.code for r in base.regions]
    assert sorted(counts["region_code"], key=ordered.index) == counts["region_code"].tolist()


def test_two_versions_compare_too() -> None:
    before = load_version("c7-23-before-wbv-2025-11")
    after = load_version("WBV 2025/11")
    result = compare(CASES, before, after)
    expected = one_by_one(CASES, before), one_by_one(CASES, after)
    changed = sum(a != b for a, b in zip(*expected, strict=True))
    assert len(result.changed) == changed
    data = result.to_dict()
    assert data["base"] == {"policy": before.id, "policy_modified": False}
    assert len(data["changed"]) == changed
    undetermined = "undetermined"
    determinate = sum(
        a != b and undetermined not in (a, b) for a, b in zip(*expected, strict=True)
    )
    assert data["changed_count"] == determinate
    assert {"row", "region_code", "region_name", "from", "to", "case"} == set(data["changed"][0])


def test_a_version_against_itself_changes_nothing() -> None:
    version = load_version()
    result = compare(CASES, version, version)
    assert result.changed.empty and (result.counts["difference"] == 0).all()


@pytest.mark.parametrize(
    "cases, message",
    [
        (CASES.iloc[:0], "no cases"),
        (CASES.drop(columns="region"), "missing column 'region'"),
        (CASES.assign(outcome="x"), "already has output column"),
        (CASES.assign(region=["Atlantis"] + CASES["region"].tolist()[1:]), "row 1, column region"),
    ],
)
def test_bad_caseloads_are_named(cases: pd.DataFrame, message: str) -> None:
    with pytest.raises(BatchInputError, match=message):
        compare(cases, load_version(), SCENARIO.apply())
