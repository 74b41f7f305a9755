"""Properties of the engine that hold for every case (hypothesis)."""

from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policy import (
    Case,
    Gradation,
    IndividualElements,
    Outcome,
    evaluate,
    evaluate_batch,
    list_versions,
    load_version,
)
from policy.framework import severity_scale

CURRENT = load_version()
VERSIONS = list_versions()
NAMES = (
    [r.name for r in CURRENT.regions]
    + [r.code for r in CURRENT.regions]
    + [
        "Timbuktu",
        "segou",
        "Bandiagara",
        "San",
    ]
)
FIFTEEN_C = {Outcome.subsidiary_protection_15c, Outcome.internal_protection_alternative}

cases = st.builds(
    Case,
    region=st.sampled_from(NAMES),
    persecution=st.booleans(),
    individual_harm=st.booleans(),
    individual_elements=st.sampled_from(list(IndividualElements)),
    ipa_obstacles=st.booleans(),
    exclusion_indications=st.booleans(),
)


@given(
    case=cases.filter(lambda c: not c.persecution and not c.individual_harm),
    low=st.integers(0, 3),
    high=st.integers(0, 3),
)
def test_raising_a_gradation_never_undoes_an_established_15c(case, low, high) -> None:
    scale = severity_scale()
    low, high = sorted((low, high))
    code = evaluate(case, CURRENT).region_code
    lower = CURRENT.with_overrides(gradations={code: scale[low]})
    higher = CURRENT.with_overrides(gradations={code: scale[high]})
    if evaluate(case, lower).outcome in FIFTEEN_C:
        assert evaluate(case, higher).outcome in FIFTEEN_C


@given(case=cases, version=st.sampled_from(VERSIONS))
def test_ipa_never_applies_on_individual_grounds(case, version) -> None:
    decision = evaluate(case, version)
    if case.persecution or case.individual_harm:
        assert decision.ipa_applies is False
        assert decision.outcome is not Outcome.internal_protection_alternative


@given(case=cases, version=st.sampled_from(VERSIONS))
def test_every_step_has_a_citation_and_dutch_source_text(case, version) -> None:
    decision = evaluate(case, version)
    assert decision.steps
    for step in decision.steps:
        assert step.citation and step.source_text and step.conclusion_nl and step.conclusion_en


@given(case=cases, gradation=st.sampled_from([Gradation.not_designated, Gradation.unknown]))
def test_unnamed_or_unknown_levels_never_establish_15c(case, gradation) -> None:
    code = evaluate(case, CURRENT).region_code
    version = CURRENT.with_overrides(gradations={code: gradation})
    assert evaluate(case, version).outcome not in FIFTEEN_C


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(cases, min_size=1, max_size=60), version=st.sampled_from(VERSIONS))
def test_batch_agrees_with_evaluate_on_every_row(rows, version) -> None:
    frame = pd.DataFrame(
        {
            "region": [c.region for c in rows],
            "persecution": [c.persecution for c in rows],
            "individual_harm": [str(c.individual_harm).lower() for c in rows],
            "individual_elements": [c.individual_elements.value for c in rows],
            "ipa_obstacles": [c.ipa_obstacles for c in rows],
            "exclusion_indications": ["1" if c.exclusion_indications else "0" for c in rows],
        }
    )
    result = evaluate_batch(frame, version)
    for case, (_, row) in zip(rows, result.iterrows(), strict=True):
        decision = evaluate(case, version)
        ipa = {None: "", True: "true", False: "false"}[decision.ipa_applies]
        assert row["region_code"] == decision.region_code
        assert row["gradation"] == decision.gradation.value
        assert row["outcome"] == decision.outcome.value
        assert row["ipa_applies"] == ipa
        assert row["flags"] == ";".join(decision.flags)
