"""A region's level reads the same in every listing (command line, map layer and tooltip,
overview), and says what the sources say.

The letter of 17 June 2025: "heb ik besloten om de regio’s Kidal en Tombouctou te kwalificeren
als gebied waar sprake is van de hoogste uitzonderlijke situatie" — so under the earlier version
they were not at that level, and which lower level (or none) they had is not in the sources. A
listing must say exactly that, not a bare "not in the sources". The same letter calls the
earlier level of Gao, Ménaka and Mopti "de hoogste uitzonderlijke situatie": a listing gives
that term, and its reading as today's term is marked as a reading.
"""

from __future__ import annotations

import json

import pytest

from geodata.policy_layer import policy_values
from policy import load_version, region_gradation_label
from policy.cli import main
from ui.overview import overview_frame
from wording import phrases

BEFORE = load_version("c7-23-before-wbv-2025-11")
CURRENT = load_version("wbv-2025-11")

NARROWED = {
    "nl": "Onbekend; afgeleid: niet het uitzonderlijke niveau (de bronnen laten elk lager "
    "niveau of geen open)",
    "en": "Unknown; inferred: not the exceptional level (the sources leave any lower level, or "
    "none, open)",
}
OWN_TERM = {
    "nl": "‘de hoogste uitzonderlijke situatie’ (gelezen als: uitzonderlijk niveau van "
    "willekeurig geweld)",
    "en": "‘de hoogste uitzonderlijke situatie’ (the most exceptional situation; read as: "
    "exceptional level of indiscriminate violence)",
}


def _lines(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, str]:
    assert main(["regions", *args]) == 0
    out = capsys.readouterr().out.splitlines()
    return {line.split()[0]: line for line in out[1:]} | {"": out[0]}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_regions_command_says_what_the_letter_says_of_kidal_and_tombouctou(
    capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    lines = _lines(capsys, "--policy", "c7-23-before-wbv-2025-11", "--lang", lang)
    assert lines[""] == BEFORE.id
    for code in ("ML-8", "ML-6"):  # Kidal, Tombouctou
        assert NARROWED[lang] in lines[code]
    for code in ("ML-7", "ML-9", "ML-5"):  # Gao, Ménaka, Mopti
        assert OWN_TERM[lang] in lines[code]
    # Kayes: the sources say nothing of it under the earlier version.
    assert phrases.gradation_label("unknown", lang) in lines["ML-1"]
    ipa = "binnenlands beschermingsalternatief: " if lang == "nl" else "IPA: "
    assert all(ipa in line for code, line in lines.items() if code)


def test_the_regions_command_under_wbv_2025_11_gives_each_level_and_its_paragraph(
    capsys: pytest.CaptureFixture[str],
) -> None:
    lines = _lines(capsys)
    assert lines[""] == CURRENT.id
    assert lines["ML-7"].split(None, 2)[2] == (
        "Exceptional level of indiscriminate violence (C7/23.4.2 Vc); "
        "IPA: in principle in Bamako (C7/23.5.2 Vc)"
    )
    dutch = _lines(capsys, "--lang", "nl")
    assert (
        dutch["ML-2"]
        .split(None, 2)[2]
        .startswith(
            "Relatief lager niveau van willekeurig geweld (C7/23.4.2 Vc); "
            "binnenlands beschermingsalternatief: "
        )
    )


def test_regions_json_lists_the_levels_the_sources_leave_possible(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["regions", "--policy", "c7-23-before-wbv-2025-11", "--json"]) == 0
    rows = {row["code"]: row for row in json.loads(capsys.readouterr().out)["regions"]}
    assert rows["ML-8"]["gradation"] == "unknown"
    assert rows["ML-8"]["gradation_possible"] == [
        "relatively_higher",
        "relatively_lower",
        "no_15c",
        "not_designated",
    ]
    assert rows["ML-1"]["gradation_possible"] == []
    assert rows["ML-7"]["gradation_possible"] == []


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_map_layer_and_the_overview_use_the_same_words(lang: str) -> None:
    values = policy_values(BEFORE, lang)
    overview = overview_frame(BEFORE, lang, drawn={region.code for region in BEFORE.regions})
    column = [
        name
        for name in overview.columns
        if overview[name].astype(str).str.contains(NARROWED[lang], regex=False).any()
    ]
    assert len(column) == 1
    for region in BEFORE.regions:
        label = region_gradation_label(BEFORE, region.code, lang)
        assert values[region.code]["gradation_label"] == label
        assert label in overview[column[0]].tolist()
    assert values["ML-8"]["gradation_label"] == NARROWED[lang]
    assert values["ML-5"]["gradation_label"] == OWN_TERM[lang]
    # Today's version has no own term and no narrowed level: the plain labels.
    assert policy_values(CURRENT, lang)["ML-5"]["gradation_label"] == phrases.gradation_label(
        "exceptional", lang
    )


def test_a_narrowed_level_other_than_not_exceptional_lists_its_possibilities() -> None:
    found = phrases.region_gradation("unknown", ["exceptional", "relatively_higher"], "nl")
    assert found == (
        "Onbekend; de bronnen laten open: uitzonderlijk niveau van willekeurig geweld of "
        "relatief hoger niveau van willekeurig geweld"
    )
    three = phrases.region_gradation("unknown", ["no_15c", "relatively_lower", "exceptional"], "en")
    assert three.endswith(
        "no Article 15(c) situation, relatively lower level of indiscriminate violence or "
        "exceptional level of indiscriminate violence"
    )


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_decision_words_the_level_as_the_listings_do(lang: str) -> None:
    from briefing import case_report
    from policy import Case, evaluate

    word = "Gradatie" if lang == "nl" else "Gradation"
    for code, expected in (("ML-8", NARROWED[lang]), ("ML-7", OWN_TERM[lang])):
        decision = evaluate(Case(region=code), BEFORE)
        assert decision.gradation_words(lang) == expected
        assert f"**{word}:** {expected}" in decision.to_markdown(lang)
        report = case_report(decision, "md", lang).decode("utf-8")
        assert expected in report
    kidal = evaluate(Case(region="Kidal"), BEFORE).to_dict()
    assert kidal["gradation"] == "unknown"
    assert kidal["gradation_possible"] == [
        "relatively_higher",
        "relatively_lower",
        "no_15c",
        "not_designated",
    ]
    today = evaluate(Case(region="Gao"), CURRENT)
    assert today.to_dict()["gradation_possible"] == []
    assert today.gradation_words(lang) == phrases.gradation_label("exceptional", lang)
