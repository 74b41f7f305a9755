"""The reasons the sources give, written from the toelichting and the letter: per level, the
general findings, the source for Bamako, and the note on the dates."""

from __future__ import annotations

import json

import pytest

from policy import Gradation, load_version
from policy.cli import main
from policy.quotes import quote_occurs

WBV = load_version("WBV 2025/11")
FILES = {source.id: source.file for source in WBV.sources}
TOELICHTING = "toelichting WBV 2025/11, onder A"
LEVEL_WORDS = {
    Gradation.exceptional: "uitzonderlijk niveau van willekeurig geweld",
    Gradation.relatively_higher: "relatief hoger niveau van willekeurig geweld",
    Gradation.relatively_lower: "relatief lager niveau van willekeurig geweld",
}


@pytest.mark.parametrize(
    "region", [r for r in WBV.regions if r.gradation in LEVEL_WORDS], ids=lambda r: r.name
)
def test_each_named_region_carries_the_toelichtings_own_reason_for_its_level(region) -> None:
    """Toelichting onder A: "De minister heeft besloten om voor de regio’s Gao, Kidal, Mopti en
    Tombouctou aan te nemen dat daar sprake is van een uitzonderlijk niveau … gelet op …"."""
    own = [r for r in WBV.reasons_for(region.code).region if r.paragraph == TOELICHTING]
    assert len(own) == 1
    assert region.name in own[0].text_nl
    assert LEVEL_WORDS[region.gradation] in own[0].text_nl
    assert own[0].source == "wbv-2025-11"


def test_the_letters_general_findings_name_the_actors_responsible_for_violence() -> None:
    general = WBV.reasons_for("ML-1").general
    actors = [r for r in general if "Wagner Group" in r.text_nl]
    assert len(actors) == 1
    for actor in ("Malinese strijdkrachten", "(jihadistische) niet-statelijke gewapende"):
        assert actor in actors[0].text_nl
    assert actors[0].paragraph.startswith("Kamerbrief 17 juni 2025")
    assert "Wagner Group" in actors[0].summary_en
    # The same general findings for every region, after the region's own reasons.
    for region in WBV.regions:
        reasons = WBV.reasons_for(region.code)
        assert reasons.general == WBV.general_reasons
        assert reasons.all == reasons.region + reasons.general


def test_bamako_carries_the_source_the_letter_gives_the_belgian_report_of_june_2024() -> None:
    (belgian,) = [r for r in WBV.reasons_for("ML-BKO").region if "Belgische" in r.text_nl]
    assert "rapport van de Belgische zusterdienst in juni 2024" in belgian.text_nl
    assert "CGVS" in belgian.note_en and "reading" in belgian.note_en
    assert "names neither" in belgian.note_en


def test_every_reason_and_note_is_cited_and_quoted_word_for_word() -> None:
    cited = [r for region in WBV.regions for r in region.reasons] + list(WBV.general_reasons)
    cited += [c for note in WBV.notes for c in note.citations]
    assert len(cited) > 30
    for citation in cited:
        assert citation.paragraph and citation.text_nl
        assert quote_occurs(citation.text_nl, FILES[citation.source]), citation.text_nl[:50]


def test_a_note_records_that_the_decree_of_4_june_cites_a_letter_of_17_june() -> None:
    (note,) = WBV.notes
    assert "4 June 2025" in note.note_en and "17 June 2025" in note.note_en
    assert "4 juni 2025" in note.note_nl and "17 juni 2025" in note.note_nl
    texts = [c.text_nl for c in note.citations]
    assert "’s-Gravenhage, 4 juni 2025" in texts
    assert any("In de brief van 17 juni 2025" in text for text in texts)


def test_the_earlier_version_gives_no_general_findings_it_does_not_have() -> None:
    before = load_version("C7/23 Vc before WBV 2025/11")
    assert before.general_reasons == () and before.notes == ()
    assert [r.summary_en for r in before.reasons_for("ML-9").region]


def test_regions_json_lists_reasons_general_findings_and_notes(capsys) -> None:
    assert main(["regions", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    gao = next(r for r in data["regions"] if r["code"] == "ML-7")
    assert gao["reasons"][0]["paragraph"] == TOELICHTING
    assert {"paragraph", "text_nl", "source", "summary_en"} <= set(gao["reasons"][0])
    assert any("Wagner Group" in r["text_nl"] for r in data["general_reasons"])
    assert data["notes"][0]["id"] == "letter-dated-after-decree"
