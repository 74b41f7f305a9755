"""Values the sources narrow without fixing (docs/possibilities.md): every possibility is worked
out; the outcome is the one they share (an inference) or `undetermined`, naming the values it
turns on; each possibility is shown with its own region, level and outcome, and the step that
lists them cites the sentence and is a reading.

Written from the texts:
- the letter of 17 June 2025 "kwalificeert" Kidal and Tombouctou now as "de hoogste
  uitzonderlijke situatie", so before they were not; which lower level, the sources do not say;
- Taoudénit was split off from Tombouctou; C7/23 Vc names only Tombouctou;
- the decree does not say whether "Mopti", "Ségou", "Koulikoro" mean the 2016 or the 2023
  regions (Douentza, San, Dioïla, Nara …);
- C7/23.5.2 Vc covers people who "enkel" run a real risk because of the indiscriminate
  violence: whether that covers a risk resting partly on individual elements is open.
(These checks came from mutation testing, docs/testing.md.)
"""

from __future__ import annotations

import pytest

from policy import Case, NamedOrigin, PolicyError, PolicyVersion, evaluate
from tests.policy.steps import only_step

LETTER = "Kamerbrief 17 juni 2025 (kenmerk 6392691)"


# --- The earlier level of Kidal and Tombouctou ------------------------------------------------


def test_the_earlier_level_step_cites_the_letter_and_lists_what_it_leaves_open(earlier) -> None:
    decision = evaluate(Case(region="Kidal"), earlier)
    step = only_step(decision, "gradation")
    assert (step.citation, step.source) == (LETTER, "kamerbrief-2025-06-17")
    assert "te kwalificeren als gebied waar sprake is van de hoogste uitzonderlijke situatie" in (
        step.source_text
    )
    assert step.reading is True  # an inference from the letter, not its text
    assert step.conclusion_en == (
        "Kidal: the letter of 17 June 2025 now ‘qualifies’ the region as the highest exceptional"
        " situation, so it was not so before (an inference); the earlier level is not in the"
        " sources: relatively higher level of indiscriminate violence, relatively lower level of"
        " indiscriminate violence, no Article 15(c) situation, not named in C7/23.4.2 Vc: the"
        " policy names no level of indiscriminate violence for this region. Worked out here:"
        " Relatively higher level of indiscriminate violence."
    )
    assert step.conclusion_nl == (
        "Kidal: de Kamerbrief van 17 juni 2025 ‘kwalificeert’ de regio nu als de hoogste"
        " uitzonderlijke situatie, dus was zij dat voorheen niet (afleiding); het eerdere niveau"
        " staat niet in de bronnen: relatief hoger niveau van willekeurig geweld, relatief lager"
        " niveau van willekeurig geweld, geen situatie in de zin van artikel 15 onder c, niet"
        " genoemd in C7/23.4.2 Vc: het beleid noemt voor deze regio geen niveau van willekeurig"
        " geweld. Hier uitgewerkt: Relatief hoger niveau van willekeurig geweld."
    )


def test_without_individual_elements_no_earlier_level_gives_15c_an_inference(earlier) -> None:
    decision = evaluate(Case(region="Tombouctou"), earlier)
    assert (decision.outcome, decision.ipa_applies) == ("no_protection_ground", False)
    assert decision.missing_values == ()
    assert decision.flags == ("gradation_narrowed", "rests_on_reading", "rests_on_inference")
    assert [r.reading for r in decision.alternative_readings] == [
        "level_relatively_higher",
        "level_relatively_lower",
        "level_no_15c",
        "level_not_designated",
    ]
    step = decision.steps[-1]
    assert (step.rule, step.citation, step.reading) == ("possibilities", LETTER, True)
    assert step.note_en is None and step.note_nl is None  # Tombouctou was split off from none
    nothing = "no protection ground under the country policy"
    assert step.conclusion_en == (
        "The sources leave more than one possibility open here; each is worked out."
        f" Earlier level: relatively higher level of indiscriminate violence: {nothing};"
        f" earlier level: relatively lower level of indiscriminate violence: {nothing};"
        f" earlier level: no Article 15(c) situation: {nothing};"
        " earlier level: not named in C7/23.4.2 Vc: the policy names no level of indiscriminate"
        f" violence for this region: {nothing}."
    )
    niets = "geen beschermingsgrond op grond van het landenbeleid"
    assert step.conclusion_nl == (
        "De bronnen laten hier meer dan één mogelijkheid open; elk is uitgewerkt."
        f" Niveau voorheen: relatief hoger niveau van willekeurig geweld: {niets};"
        f" niveau voorheen: relatief lager niveau van willekeurig geweld: {niets};"
        f" niveau voorheen: geen situatie in de zin van artikel 15 onder c: {niets};"
        " niveau voorheen: niet genoemd in C7/23.4.2 Vc: het beleid noemt voor deze regio geen"
        f" niveau van willekeurig geweld: {niets}."
    )
    assert decision.outcome_line_en == (
        "The policy points to: no protection ground under the country policy, under every"
        " possibility the sources leave open (the level of indiscriminate violence in"
        " Tombouctou); this is an inference."
    )


def test_with_elements_the_earlier_level_decides_and_each_level_keeps_its_own_answer(
    earlier,
) -> None:
    """At the relatively higher level limited elements give 15(c); the list is not in the
    sources, but a criterion not met makes any alternative unreasonable: subsidiary protection
    (no IPA). At the other levels: no protection ground. So the level decides."""
    answers = {"reasonable_to_settle": False}
    case = Case(region="Kidal", individual_elements="limited", ipa_criteria=answers)
    decision = evaluate(case, earlier)
    assert (decision.outcome, decision.ipa_applies) == ("undetermined", None)
    assert decision.missing_values == ("regions[ML-8].gradation",)
    assert decision.to_dict()["ipa_criteria_answered"] == answers
    readings = decision.to_dict()["alternative_readings"]
    assert [(r["reading"], r["outcome"], r["ipa_applies"]) for r in readings] == [
        ("level_relatively_higher", "subsidiary_protection_15c", False),
        ("level_relatively_lower", "no_protection_ground", False),
        ("level_no_15c", "no_protection_ground", False),
        ("level_not_designated", "no_protection_ground", False),
    ]
    assert decision.steps[-1].conclusion_en.startswith(
        "The sources leave more than one possibility open here; each is worked out. Earlier"
        " level: relatively higher level of indiscriminate violence: subsidiary protection for"
        " indiscriminate violence (art. 29(1)(b) 3° Vw, Article 15(c)); earlier level:"
    )
    assert decision.outcome_line_en.startswith(
        "Undetermined: the outcome depends on the level of indiscriminate violence in Kidal,"
        " which the sources leave open. Earlier level: relatively higher level"
    )


def test_a_list_not_in_the_sources_is_named_beside_the_open_level(earlier) -> None:
    decision = evaluate(Case(region="Kidal", individual_elements="limited"), earlier)
    assert decision.outcome == "undetermined"
    assert decision.missing_values == ("regions[ML-8].ipa_applies", "regions[ML-8].gradation")
    assert decision.flags == ("gradation_narrowed", "ipa_unknown", "rests_on_reading")
    listed = only_step(decision, "ipa_list")
    assert listed.conclusion_en.startswith(
        "Whether an internal protection alternative is assumed in principle for people from"
        " Kidal is not in the sources of this version: the outcome is undetermined"
    )


# --- Taoudénit ---------------------------------------------------------------------------------


def test_taoudenits_steps_are_its_own_and_its_possibilities_carry_the_evidence_of_the_split(
    current,
) -> None:
    decision = evaluate(Case(region="Taoudénit"), current)
    assert only_step(decision, "gradation").conclusion_en == (
        "Taoudénit: Not named in C7/23.4.2 Vc: the policy names no level of indiscriminate"
        " violence for this region."
    )
    step = decision.steps[-1]
    assert (step.rule, step.reading) == ("possibilities", True)
    assert step.note_en.startswith(
        "Taoudénit was created by loi n° 2012-017 of 2 March 2012 from the northern part of the"
        " cercle of Tombouctou"
    )
    assert step.note_nl.startswith(
        "Taoudénit is ingesteld bij loi n° 2012-017 van 2 maart 2012 uit het noordelijke deel"
    )
    assert step.conclusion_en == (
        "The sources leave more than one possibility open here; each is worked out. Read as part"
        " of Tombouctou: internal protection alternative in Bamako, assumed in principle"
        " (C7/23.5.2 Vc); read as not named: no protection ground under the country policy."
    )
    assert step.conclusion_nl == (
        "De bronnen laten hier meer dan één mogelijkheid open; elk is uitgewerkt. Gelezen als"
        " deel van Tombouctou: binnenlands beschermingsalternatief in Bamako, dat de IND in"
        " beginsel aanneemt (C7/23.5.2 Vc); gelezen als niet genoemd: geen beschermingsgrond op"
        " grond van het landenbeleid."
    )


# --- A 2023 region name --------------------------------------------------------------------


def test_a_2023_name_is_read_as_the_2016_region_with_the_evidence_as_a_reading(current) -> None:
    decision = evaluate(Case(region="Douentza"), current)
    evidence = "Cercle Douentza (with Boni, Hombori, Boré): all in Mopti (OCHA: admin2 Douentza)."
    assert decision.region_mapping_note == evidence
    assert decision.region_mapping_note_nl == (
        "Cercle Douentza (met Boni, Hombori, Boré): geheel in Mopti (OCHA: admin2 Douentza)."
    )
    assert decision.flags == ("region_mapped", "rests_on_reading")
    step = only_step(decision, "gradation")
    assert (step.citation, step.reading) == ("C7/23.4.2 Vc", True)
    assert step.conclusion_en == (
        "Douentza (a region of the 2023 reform) is read as Mopti (Cercle Douentza (with Boni,"
        " Hombori, Boré): all in Mopti (OCHA: admin2 Douentza)). The decree does not say whether"
        " its ‘Mopti’ means the 2016 or the 2023 region: this is a reading. Mopti: Exceptional"
        " level of indiscriminate violence."
    )
    assert step.conclusion_nl == (
        "Douentza (regio van de herindeling van 2023) wordt gelezen als Mopti (Cercle Douentza"
        " (met Boni, Hombori, Boré): geheel in Mopti (OCHA: admin2 Douentza)). Of het besluit met"
        " ‘Mopti’ de regio van 2016 of die van 2023 bedoelt, zegt het niet: dit is een lezing."
        " Mopti: Uitzonderlijk niveau van willekeurig geweld."
    )


def test_a_2023_name_read_as_not_named_keeps_its_own_name(current) -> None:
    decision = evaluate(Case(region="Douentza"), current)
    assert decision.outcome == "undetermined"
    assert decision.missing_values == ("regions[ML-5].name_2023",)
    readings = decision.to_dict()["alternative_readings"]
    assert [(r["reading"], r["region"], r["gradation"], r["outcome"]) for r in readings] == [
        (
            "mapped",
            {"code": "ML-5", "name": "Mopti"},
            "exceptional",
            "internal_protection_alternative",
        ),
        (
            "not_named_2023",
            {"code": "ML-5", "name": "Douentza"},
            "not_designated",
            "no_protection_ground",
        ),
    ]
    assert decision.outcome_line_en.startswith(
        "Undetermined: the outcome depends on whether ‘Mopti’ in C7/23 Vc covers Douentza (a"
        " region of the 2023 reform), which the sources leave open."
    )
    assert decision.outcome_line_nl == (
        "Onbepaald: de uitkomst hangt ervan af of ‘Mopti’ in C7/23 Vc ook Douentza omvat (een"
        " regio van de herindeling van 2023), en dat laten de bronnen open. Douentza gelezen als"
        " deel van de regio Mopti van 2016 (de regio is uit cercles van Mopti gevormd):"
        " binnenlands beschermingsalternatief in Bamako, dat de IND in beginsel aanneemt"
        " (C7/23.5.2 Vc); Douentza gelezen als een regio die de tekst niet noemt (het besluit van"
        " 2025 kan de regio's van 2023 bedoelen): geen beschermingsgrond op grond van het"
        " landenbeleid."
    )
    assert [r["label"]["en"] for r in readings] == [
        "Douentza read as part of the 2016 region Mopti (the region was formed from cercles of"
        " Mopti)",
        "Douentza read as a region the text does not name (the 2025 decree may mean the 2023"
        " regions)",
    ]


def test_where_no_reading_decides_the_line_names_what_the_sources_do_not_give(earlier) -> None:
    """Under the earlier version both readings of Douentza are undetermined (Mopti's list, the
    unnamed region's level): the name does not decide, so the line names the missing values."""
    decision = evaluate(Case(region="Douentza"), earlier)
    assert decision.outcome == "undetermined"
    assert decision.missing_values == ("regions[ML-5].ipa_applies", "regions[ML-5].gradation")
    assert [r.outcome for r in decision.alternative_readings] == ["undetermined", "undetermined"]
    assert decision.outcome_line_en == (
        "Undetermined: the outcome depends on whether an internal protection alternative is"
        " assumed in principle for people from Mopti and the level of indiscriminate violence in"
        " Mopti, which this version's sources do not give."
    )


def test_combined_readings_join_their_labels_and_each_axis_is_named(current) -> None:
    decision = evaluate(Case(region="San", individual_elements="limited"), current)
    assert decision.missing_values == ("regions[ML-4].name_2023", "regions[ML-4].ipa_scope")
    assert decision.flags == ("region_mapped", "ipa_reading_open", "rests_on_reading")
    first = decision.to_dict()["alternative_readings"][0]
    assert first["reading"] == "mapped+ipa_covers"
    assert first["label"]["en"] == (
        "San read as part of the 2016 region Ségou (the region was formed from cercles of"
        " Ségou); the IPA sentence read as covering this case (Koulikoro is on the list, although"
        " at its level 15(c) never rests on the violence alone)"
    )
    assert first["label"]["nl"].startswith(
        "San gelezen als deel van de regio Ségou van 2016 (de regio is uit cercles van Ségou"
        " gevormd); de zin over het binnenlands beschermingsalternatief gelezen als ook dit geval"
        " omvattend"
    )
    assert decision.outcome_line_en.startswith(
        "Undetermined: the outcome depends on whether ‘Ségou’ in C7/23 Vc covers San (a region"
        " of the 2023 reform) and whether the sentence on the internal protection alternative"
        " (C7/23.5.2 Vc) covers a risk resting partly on individual elements, which the sources"
        " leave open."
    )


# --- "enkel": the IPA after individual elements --------------------------------------------


def test_read_as_not_covering_the_case_the_ipa_is_not_held_against_the_applicant(
    current,
) -> None:
    answers = {"travel_and_admittance": True}
    case = Case(region="Ségou", individual_elements="limited", ipa_criteria=answers)
    decision = evaluate(case, current)
    assert (decision.outcome, decision.ipa_applies) == ("undetermined", None)
    assert decision.missing_values == ("regions[ML-4].ipa_scope",)  # no criterion is missing
    assert decision.flags == ("ipa_reading_open", "rests_on_reading")
    assert [(r.reading, r.outcome, r.ipa_applies) for r in decision.alternative_readings] == [
        ("ipa_covers", "internal_protection_alternative", True),
        ("ipa_not_covers", "subsidiary_protection_15c", False),
    ]


# --- Adding a possibility (docs/possibilities.md): the rules read it from the data ------------


@pytest.fixture(scope="module")
def narrowed(current):
    """The current version with Ségou's level narrowed to two possibilities, as a new narrowed
    value is added: `gradation = "unknown"`, `gradation_possible` and its citation."""
    data = current.as_dict()
    for region in data["regions"]:
        if region["code"] == "ML-4":
            region["gradation"] = "unknown"
            region["gradation_possible"] = ("relatively_higher", "relatively_lower")
            region["gradation_possible_citation"] = dict(region["gradation_citation"])
        if region["code"] == "ML-6":
            region["gradation"] = "unknown"
            region["gradation_possible"] = ("exceptional", "relatively_higher")
            region["gradation_possible_citation"] = dict(region["gradation_citation"])
    return PolicyVersion.validate(data, "narrowed")


def test_a_narrowed_level_is_a_reading_whatever_the_source_it_cites(narrowed) -> None:
    step = only_step(evaluate(Case(region="Ségou"), narrowed), "gradation")
    assert (step.rule, step.source, step.reading) == ("gradation", "wbv-2025-11", True)


def test_only_the_values_the_outcome_turns_on_are_missing(narrowed) -> None:
    """With substantial elements both levels give 15(c), and Ségou is on the list: the level
    does not change the outcome, the reading of "enkel" does."""
    decision = evaluate(Case(region="Ségou", individual_elements="substantial"), narrowed)
    assert decision.outcome == "undetermined"
    assert decision.missing_values == ("regions[ML-4].ipa_scope",)
    assert decision.flags == ("gradation_narrowed", "ipa_reading_open", "rests_on_reading")
    assert decision.outcome_line_en.startswith(
        "Undetermined: the outcome depends on whether the sentence on the internal protection"
        " alternative (C7/23.5.2 Vc) covers a risk resting partly on individual elements, which"
        " the sources leave open."
    )
    limited = evaluate(Case(region="Ségou", individual_elements="limited"), narrowed)
    assert limited.missing_values == ("regions[ML-4].gradation", "regions[ML-4].ipa_scope")


def test_a_value_open_under_only_some_levels_is_still_named_when_it_decides(current) -> None:
    """Ségou narrowed to the exceptional or the relatively higher level, limited elements: at
    the exceptional level the IPA holds on presence alone; at the relatively higher level the
    outcome turns on the reading of "enkel". Both values decide, so both are missing."""
    data = current.as_dict()
    for region in data["regions"]:
        if region["code"] == "ML-4":
            region["gradation"] = "unknown"
            region["gradation_possible"] = ("exceptional", "relatively_higher")
            region["gradation_possible_citation"] = dict(region["gradation_citation"])
    version = PolicyVersion.validate(data, "narrowed")
    decision = evaluate(Case(region="Ségou", individual_elements="limited"), version)
    assert [(r.reading, r.outcome) for r in decision.alternative_readings] == [
        ("level_exceptional", "internal_protection_alternative"),
        ("level_relatively_higher+ipa_covers", "internal_protection_alternative"),
        ("level_relatively_higher+ipa_not_covers", "subsidiary_protection_15c"),
    ]
    assert decision.missing_values == ("regions[ML-4].gradation", "regions[ML-4].ipa_scope")


def test_a_2023_name_read_as_not_named_has_no_narrowed_level(narrowed) -> None:
    """Read as a region the text does not name, San has no level at all (docs/possibilities.md):
    the levels the sources leave open for Ségou are not San's."""
    decision = evaluate(Case(region="San"), narrowed)
    assert [r.reading for r in decision.alternative_readings] == [
        "mapped+level_relatively_higher",
        "mapped+level_relatively_lower",
        "not_named_2023",
    ]


def test_a_split_off_unit_is_primarily_read_as_not_named_under_every_level_of_its_parent(
    narrowed,
) -> None:
    decision = evaluate(Case(region="Taoudénit"), narrowed)
    assert [r.reading for r in decision.alternative_readings] == [
        "part_of_region+level_exceptional",
        "part_of_region+level_relatively_higher",
        "not_named",
    ]
    assert only_step(decision, "gradation").conclusion_en.startswith("Taoudénit: Not named in")


def test_a_split_off_unit_whose_parent_is_not_named_either_has_one_reading(current) -> None:
    """What if C7/23 Vc named neither Tombouctou nor Taoudénit: whether "Tombouctou" covers
    Taoudénit then changes nothing, and no possibilities are listed."""
    what_if = current.with_overrides(gradations={"ML-6": "not_designated"})
    decision = evaluate(Case(region="Taoudénit"), what_if)
    assert (decision.outcome, decision.alternative_readings) == ("no_protection_ground", ())
    assert decision.flags == ("what_if", "region_not_named", "rests_on_reading")


def test_a_split_off_unit_whose_own_level_is_not_in_the_sources_is_not_read_as_its_parent(
    earlier,
) -> None:
    decision = evaluate(Case(region="Taoudénit"), earlier)
    assert decision.alternative_readings == ()
    assert decision.missing_values == ("regions[ML-10].gradation",)


# --- What every Decision states -----------------------------------------------------------------


def test_a_decision_names_its_version_and_the_regions_part_in_the_ipa(current, earlier) -> None:
    decision = evaluate(Case(region="Gao"), current)
    assert decision.policy == {"id": "WBV 2025/11", "modified": False}
    assert (decision.policy_label_nl, decision.policy_label_en) == (
        "C7/23 Vc zoals gewijzigd bij WBV 2025/11",
        "C7/23 Vc as amended by WBV 2025/11",
    )
    assert decision.ipa_role == "origin"
    assert decision.scenario_title is None
    assert evaluate(Case(region="Bamako"), current).ipa_role == "destination"
    assert evaluate(Case(region="Gao"), earlier).ipa_role == "unknown"
    assert evaluate(Case(region="Gao"), earlier).policy_label_en == "C7/23 Vc before WBV 2025/11"


def test_an_origin_in_another_region_than_the_case_is_refused_naming_both(current) -> None:
    origin = NamedOrigin(text="Boni", kind="place", region_code="ML-5")
    with pytest.raises(PolicyError) as raised:
        evaluate(Case(region="Gao", origin=origin), current)
    assert str(raised.value) == ("origin: 'Boni' lies in ML-5, but the case's region 'Gao' is ML-7")


def test_a_decision_words_a_narrowed_level_as_what_the_sources_say(earlier) -> None:
    """The letter says only that Kidal was not at the highest level before: the Decision keeps
    the levels left open and words its level so, never as one of them."""
    decision = evaluate(Case(region="Kidal"), earlier)
    assert decision.to_dict()["gradation"] == "unknown"
    assert decision.to_dict()["gradation_possible"] == [
        "relatively_higher",
        "relatively_lower",
        "no_15c",
        "not_designated",
    ]
    assert decision.gradation_words("en") == (
        "Unknown; inferred: not the exceptional level (the sources leave any lower level, or"
        " none, open)"
    )


def test_a_decision_words_the_earlier_highest_level_in_the_letters_own_term(
    current, earlier
) -> None:
    decision = evaluate(Case(region="Gao"), earlier)
    assert decision.to_dict()["gradation_possible"] == []
    assert decision.gradation_words("nl") == (
        "‘de hoogste uitzonderlijke situatie’ (gelezen als: uitzonderlijk niveau van willekeurig"
        " geweld)"
    )
    assert evaluate(Case(region="Gao"), current).gradation_words("nl") == (
        "Uitzonderlijk niveau van willekeurig geweld"
    )
