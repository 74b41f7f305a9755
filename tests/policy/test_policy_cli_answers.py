"""What `python -m policy evaluate` answers for the cases that must not say more than the
sources: a value the sources do not give, a region the decree does not name, Taoudénit on every
route, a cercle given as a region."""

from __future__ import annotations

import json

import pytest

from policy.cli import main

BEFORE = "c7-23-before-wbv-2025-11"


def _json(argv: list[str], capsys) -> dict:
    assert main(["evaluate", *argv, "--json"]) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


def test_gao_before_wbv_is_undetermined_on_the_ipa(capsys) -> None:
    data = _json(["--region", "Gao", "--policy", BEFORE], capsys)
    assert data["outcome"] == "undetermined"
    assert data["missing_values"] == ["regions[ML-7].ipa_applies"]
    assert data["ipa_applies"] is None
    assert "Undetermined" in data["outcome_line"]["en"] and "Gao" in data["outcome_line"]["en"]


def test_gao_before_wbv_with_obstacles_is_determined(capsys) -> None:
    """Whether the IPA is on the list cannot matter when the facts make it unreasonable."""
    data = _json(["--region", "Gao", "--policy", BEFORE, "--ipa-obstacles"], capsys)
    assert data["outcome"] == "subsidiary_protection_15c"
    assert data["missing_values"] == []


def test_kidal_before_wbv_is_inferred_from_the_letter(capsys) -> None:
    """The letter 'qualifies' Kidal as the highest situation now: before it was lower or none,
    and no lower level gives 15(c) on presence alone."""
    data = _json(["--region", "Kidal", "--policy", BEFORE], capsys)
    assert data["outcome"] == "no_protection_ground"
    assert data["missing_values"] == []
    assert "rests_on_inference" in data["flags"] and "gradation_narrowed" in data["flags"]
    assert len(data["alternative_readings"]) == 4
    assert "inference" in data["outcome_line"]["en"]


def test_kidal_before_wbv_with_persecution_stays_refugee_status(capsys) -> None:
    data = _json(["--region", "Kidal", "--policy", BEFORE, "--persecution"], capsys)
    assert data["outcome"] == "refugee_status" and data["missing_values"] == []


def test_unnamed_region_says_no_level_is_named_not_never(capsys) -> None:
    data = _json(["--region", "Kayes"], capsys)
    assert data["outcome"] == "no_protection_ground"
    text = " ".join(step["conclusion"]["en"] for step in data["steps"])
    assert "the policy names no level of indiscriminate violence for this region" in text
    assert "never" not in text
    assert "nooit" not in " ".join(step["conclusion"]["nl"] for step in data["steps"])


def test_region_off_the_ipa_list_points_to_the_general_test(capsys, tmp_path) -> None:
    from policy import Case, Gradation, evaluate, load_version

    what_if = load_version().with_overrides(gradations={"ML-3": Gradation.exceptional})
    step = evaluate(Case(region="Sikasso"), what_if).steps[-1]
    assert (
        "not on the list in C7/23.5.2 Vc; the general test of C2/3.4 Vc applies case by case"
        in (step.conclusion_en)
    )


def test_ipa_outcome_says_it_is_assumed_and_tested_per_case(capsys) -> None:
    """C7/23.5.2 Vc *assumes* the IPA; the letter says whether it can be held against the
    applicant is tested in every case; the refusal ground is not in our sources."""
    data = _json(["--region", "Gao"], capsys)
    assert data["outcome"] == "internal_protection_alternative"
    assert "assumes in principle an internal protection alternative" in data["outcome_line"]["en"]
    assert "tested case by case" in data["outcome_line"]["en"]
    assert "refused" not in data["outcome_line"]["en"]
    assert "kan worden tegengeworpen, toetst de IND per zaak" in data["outcome_line"]["nl"]
    assert "afgewezen" not in json.dumps(data, ensure_ascii=False)


def test_statuses_are_indications_and_the_disclaimer_names_readings_and_date(capsys) -> None:
    data = _json(["--region", "Gao", "--persecution"], capsys)
    assert data["outcome_line"]["nl"].startswith("Het beleid wijst op")
    assert data["outcome_line"]["en"].startswith("The policy points to")
    assert "entered into force is not in the sources" in data["disclaimer"]["en"]
    # Readings are named only when a step is one (Gao with persecution: none is).
    assert not any(step["reading"] for step in data["steps"])
    assert "readings" not in data["disclaimer"]["en"] and "lezingen" not in data["disclaimer"]["nl"]
    data = _json(["--region", "Kayes"], capsys)
    assert any(step["reading"] for step in data["steps"])
    assert "readings" in data["disclaimer"]["en"] and "lezingen" in data["disclaimer"]["nl"]


def test_article_1f_is_in_the_outcome_line(capsys) -> None:
    data = _json(["--region", "Gao", "--exclusion-indications"], capsys)
    assert data["subject_to_exclusion_review"] is True
    assert "Article 1F" in data["outcome_line"]["en"]
    assert "artikel 1F" in data["outcome_line"]["nl"]
    assert main(["evaluate", "--region", "Gao", "--exclusion-indications"]) == 0
    memo = capsys.readouterr().out
    assert "Subject to the review under Article 1F" in memo.split("## ")[0]


def test_mapped_2023_name_is_a_reading_said_in_the_step(capsys) -> None:
    data = _json(["--region", "Bandiagara"], capsys)
    assert "rests_on_reading" in data["flags"] and "region_mapped" in data["flags"]
    step = next(step for step in data["steps"] if step["rule"] == "gradation")
    assert step["reading"] is True
    assert (
        "does not say whether its ‘Mopti’ means the 2016 or the 2023 region"
        in (step["conclusion"]["en"])
    )


def test_ipa_after_individual_elements_is_a_reading(capsys) -> None:
    data = _json(["--region", "Ségou", "--individual-elements", "limited"], capsys)
    step = next(step for step in data["steps"] if step["rule"] == "ipa_list")
    assert step["reading"] is True and "C2/3.3.3.3" in step["conclusion"]["en"]
    exceptional = _json(["--region", "Gao"], capsys)
    step = next(step for step in exceptional["steps"] if step["rule"] == "ipa_list")
    assert step["reading"] is False


@pytest.mark.parametrize(
    "argv",
    [
        ["--region", "Taoudénit"],
        ["--region", "Taoudenni"],
        ["--place", "Araouane"],
        ["--place", "Foum El Alba"],
    ],
)
def test_taoudenit_is_answered_alike_on_every_route(argv, capsys) -> None:
    data = _json(argv, capsys)
    assert data["region"]["code"] == "ML-10"
    assert data["outcome"] == "undetermined"
    assert "region_scope_unclear" in data["flags"]
    readings = {r["reading"]: r for r in data["alternative_readings"]}
    assert readings["part_of_region"]["region"]["code"] == "ML-6"
    assert readings["part_of_region"]["outcome"] == "internal_protection_alternative"
    assert readings["not_named"]["outcome"] == "no_protection_ground"
    assert data["missing_values"] == ["regions[ML-10].scope"]


def test_a_map_point_near_taoudenni_is_taoudenit() -> None:
    import geodata
    from policy import Case, evaluate, load_version

    origin = geodata.named_origin_of_point(-3.98, 22.68)
    decision = evaluate(Case.from_origin(origin), load_version())
    assert decision.region_code == "ML-10" and decision.origin == origin
    assert "region_scope_unclear" in decision.flags
    town = geodata.named_origin_of_point(-3.0, 16.77)  # the town of Tombouctou
    assert town.region_code == "ML-6"


def test_taoudenit_with_persecution_is_the_same_under_both_readings(capsys) -> None:
    data = _json(["--region", "Taoudénit", "--persecution"], capsys)
    assert data["outcome"] == "refugee_status"
    assert "region_scope_unclear" in data["flags"] and data["missing_values"] == []


def test_a_cercle_given_as_region_points_to_geodata_locate(capsys) -> None:
    assert main(["evaluate", "--region", "Kati"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "'Kati' is not a region" in err and "python -m geodata locate Kati" in err
    assert "Kita" not in err


def test_place_resolves_through_geodata(capsys) -> None:
    data = _json(["--place", "Kati"], capsys)
    assert data["region"]["code"] == "ML-2"
    assert data["origin"]["kind"] == "place" and data["origin"]["cercle_name"] == "Kati"


def test_place_in_more_than_one_region_is_an_error(capsys) -> None:
    assert main(["evaluate", "--place", "Darsalam"]) == 2
    err = capsys.readouterr().err
    assert "regions" in err and "python -m geodata locate Darsalam" in err


def test_evaluate_place_named_like_a_region_far_away_asks_to_choose(capsys) -> None:
    """`--place Taoudeni` is a village in Ségou and nearly the region Taoudénit: exit 2, one line
    naming both, never an answer for Ségou."""
    from policy.cli import main

    assert main(["evaluate", "--place", "Taoudeni"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "Taoudénit" in lines[0] and "Macina" in lines[0]


def test_evaluate_place_boni_is_answered_as_the_region_name_douentza(capsys) -> None:
    by_place = _json(["--place", "Boni"], capsys)
    by_name = _json(["--region", "Douentza"], capsys)
    for key in ("outcome", "flags", "missing_values", "alternative_readings", "gradation"):
        assert by_place[key] == by_name[key], key
    assert by_place["region"]["mapped_from"] == "Douentza"


def test_memo_names_what_is_open_in_words_not_internal_keys(capsys) -> None:
    from policy.cli import main

    for region in ("Taoudénit", "Douentza"):
        for lang in ("nl", "en"):
            assert main(["evaluate", "--region", region, "--lang", lang]) == 0
            memo = capsys.readouterr().out
            assert "regions[" not in memo
    assert main(["evaluate", "--region", "Taoudénit", "--lang", "nl"]) == 0
    assert "of ‘Tombouctou’ in C7/23 Vc ook Taoudénit omvat" in capsys.readouterr().out


def test_memo_can_be_filed_status_dates_kenmerk_and_versions(capsys) -> None:
    """Signed 4 June 2025 ("’s-Gravenhage, 4 juni 2025"), in force not before 18 June 2025 (an
    inference from Artikel II and the toelichting), the letter's kenmerk 6392691."""
    from policy.cli import main

    assert main(["evaluate", "--region", "Gao", "--lang", "nl"]) == 0
    memo = capsys.readouterr().out
    assert "intern hulpmiddel, geen advies of besluit" in memo
    assert "besluit ondertekend op 4 juni 2025" in memo
    assert "in werking niet vóór 18 juni 2025 (afgeleid" in memo
    assert "kenmerk 6392691" in memo
    assert "beleidsdata WBV 2025/11" in memo


def test_memo_lists_the_geen_bijzonderheden_paragraphs_that_bear_on_a_case(capsys) -> None:
    """"Geen bijzonderheden" means the general policy applies (23.3.1, 23.3.2, 23.4.1.1,
    23.4.1.2, 23.5.1, 23.7), not "not applicable": the memo lists them as a checklist."""
    from policy.cli import main

    assert main(["evaluate", "--region", "Gao", "--lang", "nl"]) == 0
    memo = capsys.readouterr().out
    for number in ("23.3.1", "23.3.2", "23.4.1.1", "23.4.1.2", "23.5.1", "23.7"):
        assert f"C7/{number} Vc" in memo and number
    assert "- C7/23.7 Vc Vertrekmoratorium: geen bijzonderheden voor Mali" in memo
    assert "C7/23.1 Vc" not in memo  # the decision moratorium does not bear on the outcome


def test_memo_files_facts_as_established_or_not(capsys) -> None:
    from policy.cli import main

    assert main(["evaluate", "--region", "Gao", "--persecution", "--lang", "nl"]) == 0
    memo = capsys.readouterr().out
    assert "- Individuele gegronde vrees voor vervolging: vastgesteld" in memo
    exclusion = "- Aanwijzingen dat artikel 1F Vluchtelingenverdrag van toepassing is"
    assert f"{exclusion}: niet vastgesteld" in memo
    assert ": nee\n" not in memo and ": ja\n" not in memo


def test_memo_files_an_optional_case_reference_and_author_escaped(capsys) -> None:
    from policy.cli import main

    argv = ["evaluate", "--region", "Gao", "--case-ref", "Z-1 <b>x</b>", "--author", "J. Jansen"]
    assert main([*argv, "--lang", "nl"]) == 0
    memo = capsys.readouterr().out
    assert "**Zaakkenmerk:** Z-1 \\<b\\>x\\</b\\>" in memo and "<b>" not in memo
    assert "**Opgesteld door:** J. Jansen" in memo
    assert main(["evaluate", "--region", "Gao"]) == 0
    assert "Case reference" not in capsys.readouterr().out


def test_batch_under_a_scenario_names_it_on_every_row(tmp_path) -> None:
    import csv

    from policy.cli import main
    from policy.data_files import EXAMPLES_DIR

    out = tmp_path / "out.csv"
    cases = str(EXAMPLES_DIR / "synthetic-caseload.csv")
    scenario = str(EXAMPLES_DIR / "scenario-menaka-exceptional.json")
    assert main(["batch", cases, "--scenario", scenario, "-o", str(out)]) == 0
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {row["scenario"] for row in rows} == {"Ménaka back to exceptional"}
    assert main(["batch", cases, "-o", str(out)]) == 0
    assert "scenario" not in out.read_text(encoding="utf-8").splitlines()[0].split(",")
