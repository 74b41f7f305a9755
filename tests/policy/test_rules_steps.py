"""Each reasoning step as the law text says it, in both languages: what it cites, whether it is
a reading, and the conclusion a jurist reads in a memo.

Written from the sentences with a consequence:
- C7/23.4.2 Vc: "De IND neemt voor Mali aan dat sprake is van een uitzonderlijk niveau …" — a
  level is an assumption of the IND, per named region; a region the paragraph does not name has
  no level as written; where this version's sources do not give the level, it is unknown.
- The sliding scale (C2/3.3.3 Vc, toelichting WBV 2025/11 onder A): at the exceptional level
  presence suffices; at the relatively higher level limited, at the relatively lower level
  substantial individual elements are needed.
- C7/23.5.2 Vc: "De IND neemt voor Mali in beginsel een binnenlands beschermingsalternatief in
  het district Bamako aan voor vreemdelingen die afkomstig zijn uit de regio's …, en die enkel
  een reëel risico lopen … vanwege het willekeurige geweld": the list, the destination, and the
  word "enkel" where 15(c) rests partly on individual elements.
- C2/3.4 Vc and art. 3.37d VV: the IND tests per case whether the alternative can be held
  against the applicant; a criterion not met makes it unreasonable.
- The letter of 17 June 2025: under the earlier version Gao, Ménaka and Mopti were "de hoogste
  uitzonderlijke situatie"; that this is today's exceptional level is a reading.
(Several checks here came from mutation testing, docs/testing.md: each field below could be
changed without another test noticing.)
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from policy import Case, PolicyError, evaluate
from policy.scenario import load_scenario
from tests.policy.steps import CRITERIA_EN, CRITERIA_NL, only_step

LETTER = "Kamerbrief 17 juni 2025 (kenmerk 6392691)"
EXAMPLES = Path(__file__).resolve().parents[2] / "policy" / "examples"


# --- C7/23.4.2 Vc: the region's level --------------------------------------------------------


def test_a_level_is_the_inds_assumption_for_the_named_region(current) -> None:
    step = only_step(evaluate(Case(region="Gao"), current), "gradation")
    assert (step.citation, step.source, step.reading) == ("C7/23.4.2 Vc", "wbv-2025-11", False)
    assert step.source_text.startswith("De IND neemt voor Mali aan dat sprake is van een")
    assert step.conclusion_en == (
        "The IND assumes that there is an exceptional level of indiscriminate violence in Gao."
    )
    assert step.conclusion_nl == (
        "De IND neemt aan dat in Gao sprake is van een uitzonderlijk niveau van willekeurig geweld."
    )


def test_a_region_the_paragraph_does_not_name_has_no_level_as_written(current) -> None:
    decision = evaluate(Case(region="Kayes"), current)
    step = only_step(decision, "gradation")
    assert step.conclusion_en == (
        "Kayes: Not named in C7/23.4.2 Vc: the policy names no level of indiscriminate violence"
        " for this region."
    )
    assert step.conclusion_nl == (
        "Kayes: Niet genoemd in C7/23.4.2 Vc: het beleid noemt voor deze regio geen niveau van"
        " willekeurig geweld."
    )
    article = only_step(decision, "article_15c")
    assert article.conclusion_en == (
        "Article 15(c) (the policy names no level of indiscriminate violence for this region);"
        " individual elements: none: not established on the policy as written."
    )
    assert article.conclusion_nl == (
        "Artikel 15 onder c (het beleid noemt voor deze regio geen niveau van willekeurig"
        " geweld); individuele elementen: geen: niet vastgesteld op grond van het beleid zoals"
        " het luidt."
    )


def test_a_level_not_in_the_sources_is_unknown_and_15c_neither_established_nor_excluded(
    earlier,
) -> None:
    decision = evaluate(Case(region="Kayes"), earlier)
    assert decision.outcome == "undetermined"
    assert decision.missing_values == ("regions[ML-1].gradation",)
    step = only_step(decision, "gradation")
    assert (step.rule, step.citation) == ("gradation", LETTER)
    assert step.conclusion_en == "Kayes: Unknown (not in the sources)."
    assert step.conclusion_nl == "Kayes: Onbekend (niet in de bronnen)."
    assert only_step(decision, "article_15c").conclusion_en == (
        "Article 15(c) (the sources of this version do not state the region's level);"
        " individual elements: none: can be neither established nor excluded: the sources of"
        " this version do not state the region's level (no finding about the situation itself)."
    )


def test_the_earlier_highest_level_is_shown_in_the_letters_own_term_as_a_reading(
    earlier,
) -> None:
    step = only_step(evaluate(Case(region="Gao"), earlier), "gradation")
    assert (step.rule, step.citation, step.source) == (
        "gradation",
        LETTER,
        "kamerbrief-2025-06-17",
    )
    assert step.reading is True
    assert step.conclusion_en == (
        "According to the letter of 17 June 2025, Gao was designated under the policy then in"
        " force (‘het huidige beleid’: the policy as of 17 June 2025) as an area with ‘de hoogste"
        " uitzonderlijke situatie’ (the most exceptional situation). That this term corresponds"
        " to today's ‘exceptional level of indiscriminate violence’ is a reading."
    )
    assert step.conclusion_nl.startswith(
        "Volgens de Kamerbrief van 17 juni 2025 was Gao onder het beleid dat toen gold"
    )


def test_a_what_if_level_is_shown_as_the_scenario_with_the_cited_sentence_beside_it(
    current,
) -> None:
    scenario = load_scenario(EXAMPLES / "scenario-menaka-exceptional.json", "scenario")
    decision = evaluate(Case(region="Ménaka"), scenario.apply(current))
    assert decision.policy_modified is True
    assert decision.scenario_title == "Ménaka back to exceptional"
    assert decision.flags == ("what_if",)
    step = only_step(decision, "gradation")
    assert step.scenario_change is True
    assert step.conclusion_en == (
        "The IND assumes that there is an exceptional level of indiscriminate violence in Ménaka."
    )
    assert step.note_en.startswith(
        "Scenario: Exceptional level of indiscriminate violence; C7/23.4.2 Vc: Relatively higher"
    )
    assert step.note_nl.startswith(
        "Scenario: Uitzonderlijk niveau van willekeurig geweld; C7/23.4.2 Vc: Relatief hoger"
    )


# --- The sliding scale ------------------------------------------------------------------------


def test_at_the_exceptional_level_presence_in_the_region_suffices(current) -> None:
    step = only_step(evaluate(Case(region="Gao"), current), "article_15c")
    assert step.conclusion_en == (
        "Article 15(c) (presence in the region suffices); individual elements: none: established."
    )
    assert step.conclusion_nl == (
        "Artikel 15 onder c (aanwezigheid in de regio volstaat); individuele elementen: geen:"
        " vastgesteld."
    )


def test_at_the_relatively_higher_level_limited_elements_are_needed(current) -> None:
    decision = evaluate(Case(region="Ségou", individual_elements="limited"), current)
    step = only_step(decision, "article_15c")
    assert step.conclusion_en == (
        "Article 15(c) (needs individual elements at the level ‘limited’ or more);"
        " individual elements: limited: established."
    )
    assert step.conclusion_nl == (
        "Artikel 15 onder c (vereist individuele elementen van ten minste het niveau ‘beperkt’);"
        " individuele elementen: beperkt: vastgesteld."
    )
    without = only_step(evaluate(Case(region="Ségou"), current), "article_15c")
    assert without.conclusion_en == (
        "Article 15(c) (needs individual elements at the level ‘limited’ or more);"
        " individual elements: none: not established."
    )


def test_at_the_relatively_lower_level_substantial_elements_are_needed(current) -> None:
    decision = evaluate(Case(region="Koulikoro", individual_elements="substantial"), current)
    assert only_step(decision, "article_15c").conclusion_nl == (
        "Artikel 15 onder c (vereist individuele elementen van ten minste het niveau"
        " ‘substantieel’); individuele elementen: substantieel: vastgesteld."
    )


# --- C7/23.5.2 Vc: the IPA list ------------------------------------------------------------


def test_a_listed_region_names_the_destination_and_the_criteria_of_art_3_37d(current) -> None:
    decision = evaluate(Case(region="Gao"), current)
    listed = only_step(decision, "ipa_list")
    assert (listed.citation, listed.reading) == ("C7/23.5.2 Vc", False)
    assert listed.conclusion_en == (
        "For people from Gao an internal protection alternative in Bamako is assumed in principle."
    )
    assert listed.conclusion_nl == (
        "Voor vreemdelingen uit Gao wordt in beginsel een binnenlands beschermingsalternatief in"
        " Bamako aangenomen."
    )
    held = decision.steps[-1]
    assert held.rule == "ipa_individual"
    assert held.conclusion_en == (
        "No individual circumstances were given that make the alternative unreasonable"
        f" (art. 3.37d VV: {CRITERIA_EN}): the IND assumes the internal protection alternative"
        " in Bamako in principle (C7/23.5.2 Vc); whether it can be held against the applicant"
        " the IND tests in every case, given the individual circumstances (C2/3.4 Vc)."
    )
    assert held.conclusion_nl == (
        "Er zijn geen individuele omstandigheden opgegeven die het alternatief onredelijk maken"
        f" (art. 3.37d VV: {CRITERIA_NL}): de IND neemt het binnenlands beschermingsalternatief"
        " in Bamako in beginsel aan (C7/23.5.2 Vc); of het kan worden tegengeworpen, toetst de IND"
        " in iedere zaak gelet op individuele omstandigheden (C2/3.4 Vc)."
    )


def test_criteria_met_are_each_named_in_both_languages(current) -> None:
    answers = {"travel_and_admittance": True, "reasonable_to_settle": True}
    held = evaluate(Case(region="Gao", ipa_criteria=answers), current).steps[-1]
    assert (
        f"(art. 3.37d VV: {CRITERIA_EN}; met: safe and legal travel and admittance,"
        " can reasonably be expected to settle)"
    ) in held.conclusion_en
    assert (
        f"(art. 3.37d VV: {CRITERIA_NL}; voldaan: veilig en legaal reizen en toegelaten worden,"
        " zich redelijkerwijs kunnen vestigen)"
    ) in held.conclusion_nl


def test_every_criterion_not_met_is_named(current) -> None:
    answers = {"travel_and_admittance": False, "personal_circumstances": False}
    step = evaluate(Case(region="Gao", ipa_criteria=answers), current).steps[-1]
    assert "(not met: safe and legal travel and admittance, personal circumstances)" in (
        step.conclusion_en
    )
    assert (
        "(niet voldaan: veilig en legaal reizen en toegelaten worden, persoonlijke omstandigheden)"
    ) in step.conclusion_nl


def test_a_region_off_the_list_gets_subsidiary_protection_under_15c(current) -> None:
    what_if = current.with_overrides(ipa={"ML-7": False})
    decision = evaluate(Case(region="Gao"), what_if)
    assert (decision.outcome, decision.ipa_applies) == ("subsidiary_protection_15c", False)
    assert decision.ipa_role == "none"
    step = decision.steps[-1]
    assert (step.rule, step.citation, step.scenario_change) == ("ipa_list", "C7/23.5.2 Vc", True)
    assert step.conclusion_en == (
        "Gao is not on the list in C7/23.5.2 Vc; the general test of C2/3.4 Vc applies case by"
        " case. The policy points to subsidiary protection for indiscriminate violence."
    )
    assert step.conclusion_nl.startswith("Gao staat niet op de lijst in C7/23.5.2 Vc;")


def test_a_list_not_in_the_sources_leaves_the_outcome_undetermined(earlier) -> None:
    decision = evaluate(Case(region="Gao"), earlier)
    assert (decision.outcome, decision.ipa_applies) == ("undetermined", None)
    assert decision.missing_values == ("regions[ML-7].ipa_applies",)
    step = decision.steps[-1]
    assert (step.rule, step.citation) == ("ipa_list", LETTER)
    assert step.conclusion_en == (
        "Whether an internal protection alternative is assumed in principle for people from Gao"
        " is not in the sources of this version: the outcome is undetermined (subsidiary"
        " protection for indiscriminate violence, or an internal protection alternative)."
    )
    assert step.conclusion_nl.startswith(
        "Of voor vreemdelingen uit Gao in beginsel een binnenlands beschermingsalternatief"
    )


def test_facts_that_make_any_alternative_unreasonable_decide_whatever_the_list_says(
    earlier,
) -> None:
    """The list is not in the sources, but a criterion not met makes every alternative
    unreasonable: subsidiary protection under 15(c), with no place named for the alternative."""
    answers = {"reasonable_to_settle": False}
    decision = evaluate(Case(region="Gao", ipa_criteria=answers), earlier)
    assert (decision.outcome, decision.ipa_applies) == ("subsidiary_protection_15c", False)
    assert decision.missing_values == ()
    assert decision.to_dict()["ipa_criteria_answered"] == answers
    listed, unreasonable = decision.steps[-2:]
    assert (listed.rule, listed.citation) == ("ipa_list", LETTER)
    assert listed.conclusion_en == (
        "Whether an internal protection alternative is assumed in principle for people from Gao"
        " is not in the sources of this version."
    )
    assert listed.conclusion_nl == (
        "Of voor vreemdelingen uit Gao in beginsel een binnenlands beschermingsalternatief wordt"
        " aangenomen, staat niet in de bronnen van deze versie."
    )
    assert unreasonable.rule == "ipa_individual"
    assert unreasonable.conclusion_en == (
        "On the facts given, individual circumstances make an internal protection alternative"
        " unreasonable (not met: can reasonably be expected to settle)"
        f" (art. 3.37d VV: {CRITERIA_EN}): the policy points to subsidiary protection for"
        " indiscriminate violence."
    )
    assert unreasonable.conclusion_nl == (
        "Volgens de opgegeven feiten maken individuele omstandigheden een binnenlands"
        " beschermingsalternatief onredelijk (niet voldaan: zich redelijkerwijs kunnen vestigen)"
        f" (art. 3.37d VV: {CRITERIA_NL}): het beleid wijst op subsidiaire bescherming wegens"
        " willekeurig geweld."
    )


def test_enkel_where_15c_rests_partly_on_individual_elements_is_marked_a_reading(
    current,
) -> None:
    decision = evaluate(Case(region="Koulikoro", individual_elements="substantial"), current)
    listed = only_step(decision, "ipa_list")
    assert listed.reading is True
    assert listed.conclusion_en == (
        "For people from Koulikoro an internal protection alternative in Bamako is assumed in"
        " principle. The real risk here rests partly on individual elements, while the sentence"
        " speaks of people who ‘only run a real risk … because of the indiscriminate violence …"
        " in the sense of paragraph C2/3.3.3.3 Vc’; that paragraph's wording is not in our"
        " sources. That the sentence covers this case is a reading."
    )
    assert listed.conclusion_nl == (
        "Voor vreemdelingen uit Koulikoro wordt in beginsel een binnenlands"
        " beschermingsalternatief in Bamako aangenomen. Het reële risico berust hier mede op"
        " individuele elementen, terwijl de zin spreekt van vreemdelingen die ‘enkel een reëel"
        " risico lopen … vanwege het willekeurige geweld … in de zin van paragraaf C2/3.3.3.3"
        " Vc’; de bewoording van die paragraaf staat niet in de bronnen. Dat de zin ook dit geval"
        " omvat, is een lezing."
    )


def test_a_version_with_a_listed_region_but_no_destination_is_refused_by_name(current) -> None:
    broken = replace(current, ipa_destination=None)
    with pytest.raises(PolicyError) as raised:
        evaluate(Case(region="Gao"), broken)
    assert str(raised.value) == "policy WBV 2025/11: ipa_destination is missing"


# --- Individual grounds first (C7/23.5.2 Vc, first sentence: no IPA on individual grounds) ------


def test_persecution_established_gives_refugee_status_and_no_alternative(current) -> None:
    decision = evaluate(Case(region="Gao", persecution=True), current)
    assert (decision.outcome, decision.ipa_applies) == ("refugee_status", False)
    assert [(s.rule, s.citation) for s in decision.steps] == [
        ("persecution", "art. 29, eerste lid, onder a, Vw; C7/23.3 Vc"),
        ("no_ipa_individual", "C7/23.5.2 Vc"),
    ]
    persecution, no_ipa = decision.steps
    assert persecution.conclusion_en == (
        "An individual well-founded fear of persecution is established: the policy points to"
        " refugee status."
    )
    assert no_ipa.conclusion_en == (
        "No internal protection alternative: protection rests on individual circumstances."
    )
    assert no_ipa.conclusion_nl == (
        "Geen binnenlands beschermingsalternatief: de bescherming berust op individuele"
        " omstandigheden."
    )


def test_individual_harm_gives_subsidiary_protection_and_no_alternative(current) -> None:
    decision = evaluate(Case(region="Gao", individual_harm=True), current)
    assert (decision.outcome, decision.ipa_applies) == ("subsidiary_protection_individual", False)
    assert [s.rule for s in decision.steps] == [
        "persecution",
        "individual_harm",
        "no_ipa_individual",
    ]
    assert decision.steps[0].conclusion_en == (
        "A well-founded fear of persecution is not established."
    )
    harm = decision.steps[1]
    assert harm.citation == "art. 29, eerste lid, onder b, onderdeel 1° en 2°, Vw; C7/23.4.1 Vc"
    assert harm.conclusion_en == (
        "A real risk of serious harm on individual grounds is established: the policy points to"
        " subsidiary protection."
    )


def test_without_individual_grounds_both_are_said_not_established_before_15c(current) -> None:
    decision = evaluate(Case(region="Gao"), current)
    assert [s.rule for s in decision.steps] == [
        "persecution",
        "individual_harm",
        "gradation",
        "article_15c",
        "ipa_list",
        "ipa_individual",
    ]
    assert decision.steps[1].conclusion_nl == (
        "Een reëel risico op ernstige schade op individuele gronden (1° en 2°) is niet vastgesteld."
    )


def test_indications_of_article_1f_come_first_and_the_outcome_is_subject_to_review(
    current,
) -> None:
    decision = evaluate(Case(region="Gao", exclusion_indications=True), current)
    first = decision.steps[0]
    assert (first.rule, first.citation) == ("exclusion_1f", "C7/23.2 Vc")
    assert first.conclusion_en.startswith(
        "There are indications that Article 1F Refugee Convention applies; Mali has no"
        " particular policy, the general policy applies."
    )
    assert "exclusion_review" in decision.flags


# --- A later document quoted for an earlier version is a reading ----------------------------


def test_under_the_earlier_version_every_step_quoting_the_later_decree_is_a_reading(
    earlier,
) -> None:
    """WBV 2025/11 is later than the version it is quoted for (a `borrowed` source): what it
    says is applied to the earlier policy by the project, so each such step is a reading."""
    decision = evaluate(Case(region="Gao"), earlier)
    quoting = [s for s in decision.steps if s.source == "wbv-2025-11"]
    assert [s.rule for s in quoting] == ["persecution", "individual_harm", "article_15c"]
    assert all(s.reading is True for s in quoting)
    assert "rests_on_reading" in decision.flags
    letter = [s for s in decision.steps if s.source == "kamerbrief-2025-06-17"]
    assert [(s.rule, s.reading) for s in letter] == [("gradation", True), ("ipa_list", False)]


def test_the_same_steps_under_their_own_version_are_not_readings(current) -> None:
    decision = evaluate(Case(region="Gao"), current)
    assert [s.reading for s in decision.steps[:3]] == [False, False, False]
    assert decision.region_mapping_note is None and decision.region_mapping_note_nl is None


# --- The disclaimer ---------------------------------------------------------------------------


def test_the_disclaimer_gives_the_inferred_earliest_date_of_entry_into_force(current) -> None:
    decision = evaluate(Case(region="Gao"), current)
    assert decision.disclaimer_en == (
        "Indicative. The IND decides each application individually; this outcome is not a"
        " decision. The date on which this version entered into force is not in the sources."
        " Inferred: not before 18 June 2025 (the toelichting cites the letter of the day before;"
        " Article II: the day after the date of the Staatscourant)."
    )
    assert decision.disclaimer_nl.endswith(
        "staat niet in de bronnen. Afgeleid: niet vóór 18 juni 2025 (de toelichting verwijst"
        " naar de Kamerbrief van de dag ervoor; artikel II: de dag na de dagtekening van de"
        " Staatscourant)."
    )


def test_a_known_date_of_entry_into_force_is_not_called_missing(current) -> None:
    dated = replace(current, in_force=date(2025, 6, 18), in_force_not_before=None)
    decision = evaluate(Case(region="Gao"), dated)
    assert decision.disclaimer_en == (
        "Indicative. The IND decides each application individually; this outcome is not a decision."
    )
