"""What the law text says about the data and the steps, beyond single cases.

The cases of each sentence (a quote, facts, the expected answer) are data in
`tests/law_cases/*.toml`, checked by `test_law_cases.py`; these tests check what a case cannot
express: which regions a sentence names, and how steps word what the sources leave open.
"""

from __future__ import annotations

import pytest

from policy import Case, Gradation, Outcome, evaluate, load_version

WBV = load_version("WBV 2025/11")
NAMED_FOR_IPA = ["Gao", "Kidal", "Mopti", "Tombouctou", "Ménaka", "Ségou", "Koulikoro"]


@pytest.mark.parametrize("region", NAMED_FOR_IPA)
@pytest.mark.parametrize("ground", ["persecution", "individual_harm"])
def test_c7_23_5_2_first_sentence_no_ipa_on_individual_grounds(region: str, ground: str) -> None:
    """'De IND neemt voor Mali geen binnenlands beschermingsalternatief aan, als de IND heeft
    geconcludeerd dat de vreemdeling op basis van individuele omstandigheden een gegronde vrees
    heeft voor vervolging dan wel reëel risico op ernstige schade.'"""
    decision = evaluate(Case(region=region, **{ground: True}), WBV)
    assert decision.ipa_applies is False
    assert decision.outcome in (
        Outcome.refugee_status,
        Outcome.subsidiary_protection_individual,
    )
    assert decision.steps[-1].citation == "C7/23.5.2 Vc"


def test_c7_23_5_2_second_sentence_lists_only_those_regions() -> None:
    """The IPA list of C7/23.5.2 holds exactly the seven regions it names."""
    listed = {region.name for region in WBV.regions if region.ipa_applies}
    assert listed == set(NAMED_FOR_IPA)


def test_c7_23_2_article_1f_flagged_for_the_general_policy() -> None:
    """C7/23.2: 'Geen bijzonderheden.' — indications of 1F are flagged, the outcome stays."""
    decision = evaluate(Case(region="Gao", exclusion_indications=True), WBV)
    assert "exclusion_review" in decision.flags
    assert decision.steps[0].citation == "C7/23.2 Vc"
    assert decision.steps[0].source_text == "Geen bijzonderheden."


def test_previous_version_gao_menaka_mopti_most_exceptional_rest_unknown() -> None:
    """Kamerbrief: 'Hierin zijn de regio’s Gao, Ménaka en Mopti aangewezen als gebieden waar er
    sprake is van de hoogste uitzonderlijke situatie …' — nothing else is stated."""
    before = load_version("c7-23-before-wbv-2025-11")
    exceptional = {r.name for r in before.regions if r.gradation is Gradation.exceptional}
    assert exceptional == {"Gao", "Ménaka", "Mopti"}
    others = [r for r in before.regions if r.name not in exceptional]
    assert all(r.gradation is Gradation.unknown for r in others)
    assert all(r.ipa_applies is None for r in before.regions)
    assert before.signed is None and before.in_force is None
    decision = evaluate(Case(region="Gao"), before)
    assert decision.outcome is Outcome.undetermined
    assert decision.missing_values == ("regions[ML-7].ipa_applies",)
    assert decision.ipa_applies is None and "ipa_unknown" in decision.flags


@pytest.mark.parametrize("region", WBV.regions, ids=lambda r: r.code)
def test_each_gradation_citation_names_its_region(region) -> None:
    """Every region's level is cited with a sentence that names that region (C7/23.4.2 for the
    named regions and the unnamed ones' full paragraph; the letter for Bamako)."""
    text = region.gradation_citation.text_nl
    if region.gradation in (Gradation.not_designated,):
        assert region.name not in text  # the sentence cited is the one that does not name it
    else:
        assert region.name in text


def test_the_ipa_sentence_names_every_region_on_the_list() -> None:
    for region in WBV.regions:
        if region.ipa_applies:
            assert region.name in region.ipa_citation.text_nl
        else:
            assert region.name not in region.ipa_citation.text_nl.split("afkomstig zijn uit")[1]


@pytest.mark.parametrize("region", ["Kayes", "Sikasso", "Taoudénit"])
def test_unnamed_region_conclusion_says_on_the_policy_as_written(region: str) -> None:
    step = next(s for s in evaluate(Case(region=region), WBV).steps if s.rule == "article_15c")
    assert step.reading
    assert "not established on the policy as written" in step.conclusion_en
    assert "niet vastgesteld op grond van het beleid zoals het luidt" in step.conclusion_nl


def test_unknown_level_conclusion_says_the_sources_do_not_say() -> None:
    before = load_version("c7-23-before-wbv-2025-11")
    step = next(s for s in evaluate(Case(region="Kayes"), before).steps if s.rule == "article_15c")
    assert step.reading and "do not state" in step.conclusion_en


def test_bamako_no_15c_rests_on_the_letter_not_on_a_reading() -> None:
    step = next(s for s in evaluate(Case(region="Bamako"), WBV).steps if s.rule == "article_15c")
    assert not step.reading
