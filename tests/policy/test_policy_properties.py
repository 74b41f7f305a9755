"""Properties of the engine that hold for every case (hypothesis)."""

from __future__ import annotations

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
from policy.case import parse_elements
from policy.case_csv import read_cases
from policy.framework import framework_citations, framework_source_files
from policy.quotes import quote_occurs

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
# The levels of C7/23.4.2 Vc from least to most severe, as the decree and the letter rank them
# ("geen situatie in de zin van artikel 15 onder c", "relatief lager", "relatief hoger",
# "uitzonderlijk").
SCALE = (
    Gradation.no_15c,
    Gradation.relatively_lower,
    Gradation.relatively_higher,
    Gradation.exceptional,
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
    scale = SCALE
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


def _known_citations(version) -> dict[tuple[str, str], str]:
    """(paragraph, Dutch text) → source file of every citation the version and framework hold."""
    files = {source.id: source.file for source in version.sources}
    files.update(framework_source_files())
    known = {}
    cited = [citation for _, citation in framework_citations()]
    cited += [version.rules.exclusion, version.rules.no_ipa_individual]
    cited += [version.rules.ipa_individual_assessment]
    for region in version.regions:
        cited += [region.gradation_citation, region.ipa_citation]
        if region.gradation_possible_citation is not None:
            cited.append(region.gradation_possible_citation)
    for citation in cited:
        known[(citation.paragraph, citation.text_nl)] = files[citation.source]
    return known


@given(case=cases, version=st.sampled_from(VERSIONS))
def test_every_step_cites_a_known_paragraph_and_quotes_its_source(case, version) -> None:
    known = _known_citations(version)
    decision = evaluate(case, version)
    assert decision.steps
    for step in decision.steps:
        assert (step.citation, step.source_text) in known, step
        assert quote_occurs(step.source_text, known[(step.citation, step.source_text)]), step
        assert step.conclusion_nl and step.conclusion_en


@given(case=cases, gradation=st.sampled_from([Gradation.not_designated, Gradation.unknown]))
def test_unnamed_or_unknown_levels_never_establish_15c(case, gradation) -> None:
    code = evaluate(case, CURRENT).region_code
    version = CURRENT.with_overrides(gradations={code: gradation})
    assert evaluate(case, version).outcome not in FIFTEEN_C


TRUE_TEXTS = ["true", "TRUE", " ja ", "1", "Yes", "y", "T", "J"]
FALSE_TEXTS = ["false", "FALSE", "0", "", " nee ", "No", "n", "f"]
REGION_TEXTS = NAMES + [
    "SÉGOU",
    " menaka ",
    "tombouctou",
    "ml-bko",
    "Dioïla",
    "dioila",
    "Koutiala",
    "Douentza",
    "NIORO",
]


def _cell(text: str) -> str:
    return f'"{text}"' if text != text.strip() or "," in text else text


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(REGION_TEXTS),
            *[st.sampled_from(TRUE_TEXTS + FALSE_TEXTS) for _ in range(4)],
            st.sampled_from(["none", "LIMITED", " substantial ", "", "Limited", "none "]),
        ),
        min_size=1,
        max_size=60,
    ),
    version=st.sampled_from(VERSIONS),
)
def test_batch_agrees_with_evaluate_on_every_row_of_a_raw_csv(rows, version, tmp_path_factory):
    header = "region,persecution,individual_harm,ipa_obstacles,exclusion_indications,"
    header += "individual_elements"
    text = "\n".join([header] + [",".join(_cell(c) for c in row) for row in rows]) + "\n"
    path = tmp_path_factory.mktemp("csv") / "cases.csv"
    path.write_text(text, encoding="utf-8")
    result = evaluate_batch(read_cases(path), version)
    assert len(result) == len(rows)
    for row, (_, out) in zip(rows, result.iterrows(), strict=True):
        region, persecution, harm, obstacles, exclusion, elements = row
        case = Case(
            region=region,
            persecution=persecution in TRUE_TEXTS,
            individual_harm=harm in TRUE_TEXTS,
            ipa_obstacles=obstacles in TRUE_TEXTS,
            exclusion_indications=exclusion in TRUE_TEXTS,
            individual_elements=parse_elements(elements),
        )
        decision = evaluate(case, version)
        ipa = {None: "", True: "true", False: "false"}[decision.ipa_applies]
        assert out["region_code"] == decision.region_code
        assert out["region_name"] == decision.region_name
        assert out["region_mapped_from"] == (decision.region_mapped_from or "")
        assert out["gradation"] == decision.gradation.value
        assert out["outcome"] == decision.outcome.value
        assert out["ipa_applies"] == ipa
        assert out["flags"] == ";".join(decision.flags)
