"""The batch gives, row for row, exactly what `evaluate` gives: on every name a region can be
given by, every combination of facts, every shipped version and a what-if version."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from policy import (
    BatchInputError,
    Case,
    Gradation,
    IndividualElements,
    evaluate,
    evaluate_batch,
    list_versions,
    load_version,
)
from policy.batch import BOOLEAN_COLUMNS, OUTPUT_COLUMNS, decision_columns
from policy.data_files import read_package_toml
from policy.errors import UnknownRegionError
from policy.regions import resolve_region


def _region_names(version) -> list[str]:
    """Every name the region resolver accepts: codes, official names, aliases, 2023 regions."""
    names = read_package_toml("region_names.toml")
    candidates = [
        *(r.code for r in version.regions),
        *(r.name for r in version.regions),
        *names["aliases"],
        *names["reform_2023"],
        "SEGOU",
        " ménaka ",
    ]
    accepted = []
    for name in candidates:
        try:
            resolve_region(name, version)
        except UnknownRegionError:
            continue  # a 2023 region formed from two 2016 regions (Bougouni)
        accepted.append(name)
    return accepted


def _what_if():
    current = load_version()
    return current.with_overrides(
        gradations={"ML-1": Gradation.exceptional, "ML-7": Gradation.no_15c},
        ipa={"ML-6": None, "ML-1": True},
    )


VERSIONS = [*list_versions(), _what_if()]
FACTS = list(
    itertools.product(
        [False, True],
        [False, True],
        [e.value for e in IndividualElements],
        [False, True],
        [False, True],
    )
)


def _every_case(version) -> pd.DataFrame:
    rows = [(name, *facts) for name in _region_names(version) for facts in FACTS]
    frame = pd.DataFrame(
        rows,
        columns=[
            "region",
            "persecution",
            "individual_harm",
            "individual_elements",
            "ipa_obstacles",
            "exclusion_indications",
        ],
    )
    # The answers as a CSV gives them: text, in the spellings the batch accepts.
    for column, (yes, no) in zip(
        BOOLEAN_COLUMNS, [("true", "false"), ("ja", "nee"), ("1", "0"), ("Yes", "")], strict=True
    ):
        frame[column] = np.where(frame[column], yes, no)
    return frame


@pytest.mark.parametrize(
    "version", VERSIONS, ids=[v.id + (" what-if" * v.modified) for v in VERSIONS]
)
def test_batch_equals_evaluate_on_every_region_name_and_every_combination_of_facts(version):
    cases = _every_case(version)
    result = evaluate_batch(cases, version)
    assert len(result) == len(cases) == len(_region_names(version)) * 48
    truth = {"true", "ja", "1", "yes"}
    for row in result.itertuples(index=False):
        decision = evaluate(
            Case(
                region=row.region,
                persecution=row.persecution in truth,
                individual_harm=row.individual_harm in truth,
                individual_elements=row.individual_elements,
                ipa_obstacles=row.ipa_obstacles in truth,
                exclusion_indications=row.exclusion_indications.casefold() in truth,
            ),
            version,
        )
        got = {column: str(getattr(row, column)) for column in OUTPUT_COLUMNS}
        assert got == decision_columns(decision), row


def test_the_what_if_version_changes_outcomes_and_says_so():
    version = _what_if()
    result = evaluate_batch(pd.DataFrame({"region": ["Kayes", "Gao"]}), version)
    assert list(result["outcome"]) == [
        evaluate(Case(region="Kayes"), version).outcome.value,
        evaluate(Case(region="Gao"), version).outcome.value,
    ]
    assert all("what_if" in flags.split(";") for flags in result["flags"])


def test_output_columns_are_the_decisions_json_keys():
    decision = evaluate(Case(region="Ménaka", individual_elements="limited"), load_version())
    data = decision.to_dict()
    columns = decision_columns(decision)
    assert columns["outcome"] == data["outcome"]
    assert columns["flags"] == ";".join(data["flags"])
    assert columns["region_code"] == data["region"]["code"]
    assert list(columns) == list(OUTPUT_COLUMNS)


def test_a_dataframe_without_line_numbers_names_rows_from_one():
    frame = pd.DataFrame({"region": ["Gao", "Gao", "Kidal"], "persecution": ["0", "1", "maybe"]})
    with pytest.raises(BatchInputError, match=r"cases: row 3, column persecution: 'maybe'"):
        evaluate_batch(frame, load_version())


def test_every_unknown_region_is_listed_with_its_rows():
    frame = pd.DataFrame({"region": ["Gao", "Atlantis", "Kati", "Atlantis"]})
    with pytest.raises(BatchInputError) as error:
        evaluate_batch(frame, load_version())
    message = str(error.value)
    assert "2 unknown region names" in message
    assert "'Atlantis' (rows 2, 4" in message and "'Kati' (row 3" in message
    assert "\n" not in message


def test_bool_columns_and_missing_cells_are_read():
    frame = pd.DataFrame(
        {
            "region": ["Gao", "Gao"],
            "persecution": [True, False],
            "individual_elements": [None, "limited"],
        }
    )
    result = evaluate_batch(frame, load_version())
    assert list(result["outcome"]) == [
        evaluate(Case(region="Gao", persecution=True), load_version()).outcome.value,
        evaluate(Case(region="Gao", individual_elements="limited"), load_version()).outcome.value,
    ]


def test_an_empty_caseload_gives_an_empty_result_with_the_output_columns():
    result = evaluate_batch(pd.DataFrame({"region": pd.Series([], dtype=str)}), load_version())
    assert len(result) == 0 and set(OUTPUT_COLUMNS) <= set(result.columns)


def test_undetermined_and_its_missing_values_reach_the_batch():
    earlier = list_versions()[0]
    result = evaluate_batch(
        pd.DataFrame({"region": ["Gao", "Gao"], "persecution": ["0", "1"]}), earlier
    )
    decision = evaluate(Case(region="Gao"), earlier)
    assert result["outcome"].tolist() == [decision.outcome.value, "refugee_status"]
    assert result["outcome"].iloc[0] == "undetermined"
    assert result["missing_values"].iloc[0] == ";".join(decision.missing_values) != ""
    assert result["missing_values"].iloc[1] == ""
